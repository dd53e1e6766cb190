/**
 * Words that never relate tickets: English function words, and the words of almost every
 * support request (greetings, `issue`, `ticket`, `please`, …). Lower case.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are aren as at be because been before being ' +
    'below between both but by can cannot could couldn did didn do does doesn doing don down during each ' +
    'even ever every few for from further get gets getting got had hadn has hasn have haven having he her ' +
    'here hers herself him himself his how however i if in into is isn it its itself just let like many me ' +
    'more most much must my myself need needs no nor not now of off on once one only or other our ours ' +
    'ourselves out over own please same seems she should shouldn since so some still such than that the ' +
    'their theirs them themselves then there these they this those through to too under until up upon us ' +
    'very via was wasn way we were weren what when where whether which while who whom why will with within ' +
    'without won would wouldn yes yet you your yours yourself yourselves ' +
    // The vocabulary of every support request.
    'anyone asap customer customers dear error errors hello help hey hi issue issues kind kindly know ' +
    'morning afternoon problem problems question regards support team thank thanks ticket tickets today ' +
    'urgent user users working'
  ).split(' '),
);

/** Longer "words" are blobs (tokens, hashes, encoded data), not keywords. */
const MAX_WORD = 40;
const WORD = /[\p{L}\p{N}]+/gu;
const DIGITS = /^\p{N}+$/u;
const SPACE = /\s/u;

function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 32 || (c >= 9 && c <= 13) || (c >= 128 && SPACE.test(text.charAt(i)));
}

/** a–z or 0–9 (the text is lower case). */
function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/**
 * The distinct keywords of a text, in order of first appearance: lower-case runs of letters
 * and digits, at least `minLength` long, not only digits (numbers are often account, phone or
 * card digits), not stop words; e-mail addresses and links (whitespace-separated chunks with
 * `@` or `://`) are skipped whole. One pass over the text; chunks with other than ASCII
 * characters are read with a Unicode pattern.
 *
 * @internal
 */
export function keywordsOf(text: string, minLength: number, stopWords: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  const add = (word: string, digitsOnly: boolean): void => {
    if (word.length < minLength || word.length > MAX_WORD || digitsOnly) return;
    if (!STOP_WORDS.has(word) && !stopWords.has(word)) out.add(word);
  };
  const lower = text.toLowerCase();
  const n = lower.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(lower, i)) i++;
    const start = i;
    let skip = false;
    let ascii = true;
    while (i < n && !isSpace(lower, i)) {
      const c = lower.charCodeAt(i);
      if (c === 64 /* @ */ || (c === 58 /* : */ && lower.startsWith('//', i + 1))) skip = true;
      else if (c >= 128) ascii = false;
      i++;
    }
    if (skip || start === i) continue;
    if (!ascii) {
      for (const match of lower.slice(start, i).matchAll(WORD)) add(match[0], DIGITS.test(match[0]));
      continue;
    }
    let j = start;
    while (j < i) {
      while (j < i && !isAsciiWordChar(lower.charCodeAt(j))) j++;
      const from = j;
      let digitsOnly = true;
      while (j < i) {
        const c = lower.charCodeAt(j);
        if (!isAsciiWordChar(c)) break;
        if (c >= 97) digitsOnly = false;
        j++;
      }
      const length = j - from;
      if (length >= minLength && length <= MAX_WORD && !digitsOnly) add(lower.slice(from, j), false);
    }
  }
  return [...out];
}

/** How many keywords of each ticket take part: its rarest ones (common words relate loosely). */
export const KEYWORDS_PER_TICKET = 8;

/**
 * Keeps, per ticket, the rarest keywords that can relate it to another ticket: found in at
 * least two tickets and not too common (in more than `maxShare` of the tickets and more
 * than 20 of them), at most {@link KEYWORDS_PER_TICKET}, rarest first then in code-unit order;
 * as ids into the returned vocabulary, which is in that same order (so ids sort ascending).
 *
 * @internal
 */
export function selectKeywords(
  perTicket: readonly (readonly string[])[],
  maxShare: number,
): { readonly vocabulary: readonly string[]; readonly kept: readonly Int32Array[] } {
  // Every word interned once, with the number of tickets it is in.
  const ids = new Map<string, number>();
  const words: string[] = [];
  let counts = new Int32Array(1024);
  const interned = perTicket.map((list) => {
    const out = new Int32Array(list.length);
    for (const [i, word] of list.entries()) {
      let id = ids.get(word);
      if (id === undefined) {
        id = words.length;
        ids.set(word, id);
        words.push(word);
        if (id >= counts.length) {
          const grown = new Int32Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      counts[id] = (counts[id] as number) + 1;
      out[i] = id;
    }
    return out;
  });
  // The usable words ranked once, rarest first: a ticket's ranks sort numerically.
  const cap = Math.max(20, maxShare * perTicket.length);
  const usable: number[] = [];
  for (let id = 0; id < words.length; id++) {
    const n = counts[id] as number;
    if (n >= 2 && n <= cap) usable.push(id);
  }
  usable.sort((a, b) => {
    const x = words[a] as string;
    const y = words[b] as string;
    return (counts[a] as number) - (counts[b] as number) || (x < y ? -1 : x > y ? 1 : 0);
  });
  const rank = new Int32Array(words.length).fill(-1);
  for (const [r, id] of usable.entries()) rank[id] = r;
  const vocabulary = usable.map((id) => words[id] as string);
  const kept = interned.map((list) => {
    const ranks: number[] = [];
    for (const id of list) {
      const r = rank[id] as number;
      if (r >= 0) ranks.push(r);
    }
    return Int32Array.from(ranks).sort().slice(0, KEYWORDS_PER_TICKET);
  });
  return { vocabulary, kept };
}

/**
 * Calls `visit` with the key of every set of `size` keywords of a ticket (ids sorted
 * ascending): two tickets share at least `size` keywords exactly when they have a key in
 * common. Numbers while they stay exact, strings beyond.
 *
 * @internal
 */
export function forEachKeywordKey(
  ids: Int32Array,
  size: number,
  vocabularySize: number,
  visit: (key: number | string) => void,
): void {
  const n = ids.length;
  const v = Math.max(1, vocabularySize);
  if (size === 1) {
    for (let i = 0; i < n; i++) visit(ids[i] as number);
  } else if (size === 2) {
    const exact = v * v < Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const a = ids[i] as number;
        const b = ids[j] as number;
        visit(exact ? a * v + b : `${String(a)},${String(b)}`);
      }
  } else {
    const exact = v * v * v < Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        for (let k = j + 1; k < n; k++) {
          const a = ids[i] as number;
          const b = ids[j] as number;
          const c = ids[k] as number;
          visit(exact ? (a * v + b) * v + c : `${String(a)},${String(b)},${String(c)}`);
        }
  }
}
