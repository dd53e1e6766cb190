/** Words of a text: runs of letters and digits, after the text is normalised. */
const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;

/**
 * Splits text into words, in order: compatibility-decomposed (NFKD), accents and
 * other combining marks removed, lower-cased. `"Café"`, `"CAFE"` and `"café"` are all
 * the word `cafe`; `"İstanbul"` is `istanbul`.
 *
 * @internal
 */
export function words(text: string): string[] {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().match(WORD) ?? [];
}

/** A search term: one word or a phrase of several, normalised like {@link words}. */
export type Term = readonly string[];

/**
 * Prepares search terms; terms with no word in them are dropped.
 *
 * @internal
 */
export function toTerms(list: readonly unknown[]): Term[] {
  const terms: Term[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const term = words(item);
    if (term.length > 0) terms.push(term);
  }
  return terms;
}

/**
 * An Aho–Corasick automaton over words: finds every term in one pass over a text,
 * in time linear in the text plus the terms (plus the matches reported).
 *
 * @internal
 */
export interface TermSet {
  /** How many distinct terms the set holds. */
  readonly size: number;
  /** Whether the words contain any term (`any`) or every term (`all`). */
  test(sequence: readonly string[], mode: 'any' | 'all'): boolean;
  /** Marks in `found` the index of every term that occurs in the words. */
  collect(sequence: readonly string[], found: Uint8Array): void;
  /** For a set registered with a matcher: its terms' ids there, and the matcher. */
  readonly ids?: readonly number[] | undefined;
  readonly owner?: object | undefined;
}

/**
 * Builds the automaton of a list of terms.
 *
 * @internal
 */
export function createTermSet(terms: readonly Term[]): TermSet {
  const next: Map<string, number>[] = [new Map<string, number>()];
  const fail: number[] = [0];
  /** The term that ends exactly at a state, or -1. */
  const ends: number[] = [-1];
  /** The nearest state on the fail chain where a term ends (a dictionary link), or -1. */
  const dictionary: number[] = [-1];
  let size = 0;
  for (const term of terms) {
    let state = 0;
    for (const word of term) {
      let target = next[state]?.get(word);
      if (target === undefined) {
        target = next.length;
        next[state]?.set(word, target);
        next.push(new Map());
        fail.push(0);
        ends.push(-1);
        dictionary.push(-1);
      }
      state = target;
    }
    // The same term twice counts once.
    if (ends[state] === -1) ends[state] = size++;
  }
  // Breadth-first: fail links point at the longest proper suffix that is a prefix of a term.
  const queue: number[] = [];
  for (const child of next[0]?.values() ?? []) queue.push(child);
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    for (const [word, child] of next[state] ?? []) {
      let f = fail[state] as number;
      while (f !== 0 && !(next[f]?.has(word) ?? false)) f = fail[f] as number;
      const target = next[f]?.get(word);
      fail[child] = target !== undefined && target !== child ? target : 0;
      const suffix = fail[child];
      dictionary[child] = (ends[suffix] as number) >= 0 ? suffix : (dictionary[suffix] as number);
      queue.push(child);
    }
  }
  return {
    size,
    test(sequence, mode) {
      if (size === 0) return false;
      const found = mode === 'all' ? new Set<number>() : undefined;
      let state = 0;
      for (const word of sequence) {
        while (state !== 0 && !(next[state]?.has(word) ?? false)) state = fail[state] as number;
        state = next[state]?.get(word) ?? 0;
        for (
          let s = (ends[state] as number) >= 0 ? state : (dictionary[state] as number);
          s > 0;
          s = dictionary[s] as number
        ) {
          if (found === undefined) return true;
          found.add(ends[s] as number);
          if (found.size === size) return true;
        }
      }
      return false;
    },
    collect(sequence, found) {
      let state = 0;
      for (const word of sequence) {
        while (state !== 0 && !(next[state]?.has(word) ?? false)) state = fail[state] as number;
        state = next[state]?.get(word) ?? 0;
        for (
          let s = (ends[state] as number) >= 0 ? state : (dictionary[state] as number);
          s > 0;
          s = dictionary[s] as number
        ) {
          found[ends[s] as number] = 1;
        }
      }
    },
  };
}

/**
 * Matches texts against term sets, remembering the last texts it split into words: a
 * policy checks one subject against many rules, and each text is split once.
 *
 * @internal
 */
export interface TextMatcher {
  /**
   * A term set whose terms join the matcher's own automaton: every text is then scanned once
   * for the terms of all its registered sets, however many conditions search it.
   */
  register(terms: readonly Term[]): TermSet;
  /** Whether `text` (a string, or the strings of an array) contains any of / all of the terms. */
  contains(text: unknown, terms: TermSet, mode: 'any' | 'all'): boolean;
  /** {@link unitMask} of a text, remembered for the last text (a policy asks about one subject many times). */
  units(text: string): number;
}

/** Texts longer than this get no mask (all bits set): computing it would cost as much as a search. */
const MASK_MAX_LENGTH = 256;

/**
 * A 32-bit summary of the UTF-16 code units of a text: bit `c & 31` is set for every
 * code unit `c`; all bits for texts longer than 256 units. If `needle` occurs in `text`,
 * every code unit of the needle occurs in the text, so
 * `(unitMask(text) & unitMask(needle)) === unitMask(needle)`: a failed test proves that
 * `text.includes(needle)` is false, without searching.
 *
 * @internal
 */
export function unitMask(text: string): number {
  if (text.length > MASK_MAX_LENGTH) return -1;
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask;
}

/** The most table entries (states × symbol classes) an ASCII scanner may hold: 4 MB. */
const MAX_SCANNER_ENTRIES = 1 << 20;

/**
 * A character-level Aho–Corasick automaton (a complete DFA) over registered terms, for
 * texts that are all ASCII. Splitting such a text into words is only lower-casing
 * `A`–`Z` and cutting at every character that is not `a`–`z`, `A`–`Z` or `0`–`9` (NFKD
 * and mark removal change no ASCII character, and ASCII has no other letters or digits),
 * so the scanner reads the text's char codes once and builds no word string at all.
 *
 * The text is read as the stream `" w1 w2 … wn "`: its words, one separator between two
 * of them and one at each end. A term `t1 … tk` is the pattern `" t1 … tk "`, so a pattern
 * occurs in the stream exactly when the term's words occur in a row as whole words.
 */
interface AsciiScanner {
  /**
   * Marks in `found` the id of every term that occurs in `text`; false, with `found`
   * partly marked, as soon as a character is not ASCII (the caller uses words then).
   */
  scan(text: string, found: Uint8Array): boolean;
}

/** The symbol class of separators; class 1 is a letter or digit that no term uses. */
const SEPARATOR = 0;

/**
 * Builds the ASCII scanner of a list of distinct terms (a term's index is its id), or
 * `undefined` when its table would exceed {@link MAX_SCANNER_ENTRIES} (the words path
 * then answers, with the same results).
 */
function createAsciiScanner(terms: readonly Term[]): AsciiScanner | undefined {
  // Symbol classes: one per character some term uses, so the table is as narrow as it can be.
  const classOf = new Uint8Array(128);
  for (let code = 0; code < 128; code++) if (isAsciiWordCode(code)) classOf[code] = 1;
  let width = 2;
  // A term with a character outside [a-z0-9] (words are lower-case already) cannot occur
  // in an ASCII text: it gets no pattern.
  const ascii: boolean[] = [];
  let states = 1;
  for (const term of terms) {
    let fits = true;
    let length = 1;
    for (const word of term) {
      length += word.length + 1;
      for (let i = 0; i < word.length; i++) {
        const code = word.charCodeAt(i);
        if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) fits = false;
      }
    }
    ascii.push(fits);
    if (!fits) continue;
    states += length;
    for (const word of term) {
      for (let i = 0; i < word.length; i++) {
        const code = word.charCodeAt(i);
        if (classOf[code] === 1) {
          classOf[code] = width;
          // An upper-case letter is its lower-case letter.
          if (code >= 97) classOf[code - 32] = width;
          width++;
        }
      }
    }
    if (states * width > MAX_SCANNER_ENTRIES) return undefined;
  }
  // The trie of the patterns; `next` holds state numbers, -1 for no edge (yet).
  const next = new Int32Array(states * width).fill(-1);
  /** The id of the term whose pattern ends at a state, or -1. */
  const own = new Int32Array(states).fill(-1);
  let count = 1;
  for (let id = 0; id < terms.length; id++) {
    if (ascii[id] !== true) continue;
    let state = 0;
    const step = (symbol: number): void => {
      let target = next[state * width + symbol] as number;
      if (target < 0) {
        target = count++;
        next[state * width + symbol] = target;
      }
      state = target;
    };
    step(SEPARATOR);
    for (const word of terms[id] as Term) {
      for (let i = 0; i < word.length; i++) step(classOf[word.charCodeAt(i)] as number);
      step(SEPARATOR);
    }
    if ((own[state] as number) < 0) own[state] = id;
  }
  // Breadth-first: a missing edge becomes the edge of the fail state (the longest proper
  // suffix that is a prefix of a pattern), which is shallower and so already complete.
  const fail = new Int32Array(count);
  /** The nearest state on the fail chain where a pattern ends (a dictionary link), or -1. */
  const link = new Int32Array(count).fill(-1);
  /** Whether a state's last symbol is a separator. */
  const afterSeparator = new Uint8Array(count);
  const queue = new Int32Array(count);
  let tail = 0;
  // The root: a symbol no pattern starts with stays there.
  for (let symbol = 0; symbol < width; symbol++) {
    const child = next[symbol] as number;
    if (child < 0) next[symbol] = 0;
    else {
      queue[tail++] = child;
      if (symbol === SEPARATOR) afterSeparator[child] = 1;
    }
  }
  for (let head = 0; head < tail; head++) {
    const state = queue[head] as number;
    const row = state * width;
    const failRow = (fail[state] as number) * width;
    for (let symbol = 0; symbol < width; symbol++) {
      const child = next[row + symbol] as number;
      const target = next[failRow + symbol] as number;
      if (child < 0) {
        next[row + symbol] = target;
        continue;
      }
      fail[child] = target;
      link[child] = (own[target] as number) >= 0 ? target : (link[target] as number);
      if (symbol === SEPARATOR) afterSeparator[child] = 1;
      queue[tail++] = child;
    }
  }
  // The table the scan reads: entries are row offsets (state × width), so a step is one
  // addition and one load; `~offset` marks an edge into a state where a pattern ends.
  // Patterns end with a separator, so only separator edges are ever marked. A separator
  // read right after a separator stays put: the stream has one separator between words
  // whatever the run of spaces and punctuation in the text. The table is a copy of the
  // used rows of `next` (prefixes shared by terms leave the rest unused), rewritten in
  // place: each entry is read once, then replaced.
  const table = next.slice(0, count * width);
  for (let state = 0; state < count; state++) {
    for (let symbol = 0; symbol < width; symbol++) {
      const at = state * width + symbol;
      const target = table[at] as number;
      if (symbol === SEPARATOR && afterSeparator[state] === 1) table[at] = state * width;
      else if ((own[target] as number) >= 0 || (link[target] as number) >= 0) table[at] = ~(target * width);
      else table[at] = target * width;
    }
  }
  // The stream starts with a separator (the state `" "`, or the root when no term is ASCII).
  const start = next[SEPARATOR] as number;
  const report = (offset: number, found: Uint8Array): void => {
    const state = offset / width;
    const id = own[state] as number;
    if (id >= 0) found[id] = 1;
    for (let s = link[state] as number; s >= 0; s = link[s] as number) found[own[s] as number] = 1;
  };
  return {
    scan(text, found) {
      const steps = table;
      const classes = classOf;
      let offset = start * width;
      for (let i = 0, length = text.length; i < length; i++) {
        const code = text.charCodeAt(i);
        if (code >= 128) return false;
        offset = steps[offset + (classes[code] as number)] as number;
        if (offset < 0) {
          offset = ~offset;
          report(offset, found);
        }
      }
      // The separator that ends the stream.
      offset = steps[offset + SEPARATOR] as number;
      if (offset < 0) report(~offset, found);
      return true;
    },
  };
}

/** Whether an ASCII char code is a letter or a digit (`[\p{L}\p{N}]` within ASCII). */
function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/**
 * Creates a matcher with a small cache of split texts. Registered terms are found with a
 * character automaton in texts that are all ASCII (nearly all tickets: no word strings,
 * no hashing), and with the word automaton in the others; both give the same answers.
 *
 * @internal
 */
export function createTextMatcher(): TextMatcher {
  // A cache, not state: results never depend on it. Cleared when it grows past a few texts.
  const cache = new Map<string, readonly string[]>();
  const split = (text: string): readonly string[] => {
    let sequence = cache.get(text);
    if (sequence === undefined) {
      if (cache.size >= 8) cache.clear();
      sequence = words(text);
      cache.set(text, sequence);
    }
    return sequence;
  };
  // Every registered term once, by id, and the automata of them all (rebuilt when one is
  // added): the word automaton answers for every text, the ASCII scanner (when it is not
  // too big) answers sooner for texts that are all ASCII.
  const owner = {};
  const ids = new Map<string, number>();
  const registered: Term[] = [];
  let automaton: TermSet | undefined;
  let scanner: AsciiScanner | undefined;
  // The terms found in the last texts scanned, most recent first: a cache, results never
  // depend on it. Looked up by `===` rather than in a Map: a Map hashes every character of a
  // new text (a description of hundreds), while texts of one ticket are mostly the very same
  // strings (a pointer comparison) and other texts mostly differ in length.
  const SCANNED = 8;
  const scannedTexts: (string | undefined)[] = new Array<string | undefined>(SCANNED).fill(undefined);
  const scannedMarks: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(SCANNED).fill(undefined);
  const foundIn = (text: string): Uint8Array => {
    if (automaton === undefined || automaton.size !== registered.length) {
      automaton = createTermSet(registered);
      scanner = createAsciiScanner(registered);
      scannedTexts.fill(undefined);
      scannedMarks.fill(undefined);
    }
    for (let i = 0; i < SCANNED; i++) {
      if (scannedTexts[i] === text) return scannedMarks[i] as Uint8Array;
    }
    // The oldest entry makes room; its marks are reused (a new typed array costs more than
    // the scan of a subject). Only marks no caller still holds are reused (see `contains`).
    let found = scannedMarks[SCANNED - 1];
    for (let i = SCANNED - 1; i > 0; i--) {
      scannedTexts[i] = scannedTexts[i - 1];
      scannedMarks[i] = scannedMarks[i - 1];
    }
    if (found === undefined) found = new Uint8Array(registered.length);
    else found.fill(0);
    if (scanner === undefined || !scanner.scan(text, found)) {
      // Not all ASCII (or too many terms for a scanner): the words answer, from scratch.
      found.fill(0);
      automaton.collect(split(text), found);
    }
    scannedTexts[0] = text;
    scannedMarks[0] = found;
    return found;
  };
  const anyIn = (found: Uint8Array, set: readonly number[]): boolean => {
    for (const id of set) if (found[id] === 1) return true;
    return false;
  };
  // The last text masked, and its mask: a cache, results never depend on it.
  let masked = '';
  let mask = 0;
  return {
    register(terms) {
      const own = createTermSet(terms);
      const set = new Set<number>();
      for (const term of terms) {
        const key = term.join(' ');
        let id = ids.get(key);
        if (id === undefined) {
          id = registered.length;
          ids.set(key, id);
          registered.push(term);
        }
        set.add(id);
      }
      return {
        size: own.size,
        test: (sequence, mode) => own.test(sequence, mode),
        collect: (sequence, found) => {
          own.collect(sequence, found);
        },
        ids: [...set],
        owner,
      };
    },
    units(text) {
      if (text !== masked) {
        masked = text;
        mask = unitMask(text);
      }
      return mask;
    },
    contains(text, terms, mode) {
      const shared = terms.owner === owner ? terms.ids : undefined;
      if (shared !== undefined) {
        // One scan per text for every registered set; then each set checks its own ids.
        if (shared.length === 0) return false;
        if (typeof text === 'string') {
          const found = foundIn(text);
          return mode === 'any' ? anyIn(found, shared) : shared.every((id) => found[id] === 1);
        }
        if (!Array.isArray(text)) return false;
        if (mode === 'any') {
          for (const t of text as unknown[])
            if (typeof t === 'string' && anyIn(foundIn(t), shared)) return true;
          return false;
        }
        const strings = (text as unknown[]).filter((t): t is string => typeof t === 'string');
        // `all` across several texts: every term in at least one of them.
        // Copies: one scan may evict (and reuse) the marks of an earlier text of the list.
        const founds = strings.map((t) => foundIn(t).slice());
        return founds.length > 0 && shared.every((id) => founds.some((found) => found[id] === 1));
      }
      if (typeof text === 'string') return terms.test(split(text), mode);
      if (!Array.isArray(text)) return false;
      // Each string of an array is its own text: a phrase does not run from one into the next.
      if (mode === 'any') {
        for (const t of text as unknown[])
          if (typeof t === 'string' && terms.test(split(t), 'any')) return true;
        return false;
      }
      const strings = (text as unknown[]).filter((t): t is string => typeof t === 'string');
      if (terms.size === 0) return false;
      // `all` across several texts: every term must appear in at least one of them.
      return strings.length > 0 && everyTermSomewhere(strings.map(split), terms);
    },
  };
}

/** Whether every term of the set occurs in at least one of the word sequences. */
function everyTermSomewhere(sequences: readonly (readonly string[])[], terms: TermSet): boolean {
  if (sequences.length === 1) return terms.test(sequences[0] as readonly string[], 'all');
  // Join the texts with a separator no word can equal, so phrases never cross texts.
  const joined: string[] = [];
  for (const sequence of sequences) {
    if (joined.length > 0) joined.push(' ');
    joined.push(...sequence);
  }
  return terms.test(joined, 'all');
}
