/** Words of a text: lower-cased runs of letters and digits (Unicode-aware). */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Splits text into lower-case words, in order.
 *
 * @internal
 */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** A search term: one word or a phrase of several, lower-cased. */
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

/** The words of one text, indexed for term lookups. */
interface WordIndex {
  readonly sequence: readonly string[];
  readonly set: ReadonlySet<string>;
}

function indexOf(text: string): WordIndex {
  const sequence = words(text);
  return { sequence, set: new Set(sequence) };
}

/** Knuth–Morris–Pratt failure table of a phrase: the search stays linear in the text. */
function failureTable(term: Term): number[] {
  const table = [0];
  let k = 0;
  for (let i = 1; i < term.length; i++) {
    while (k > 0 && term[i] !== term[k]) k = table[k - 1] as number;
    if (term[i] === term[k]) k++;
    table.push(k);
  }
  return table;
}

function hasTerm(index: WordIndex, term: Term): boolean {
  for (const word of term) if (!index.set.has(word)) return false;
  if (term.length === 1) return true;
  // A phrase: its words must follow each other. KMP over the words, O(text + phrase).
  const table = failureTable(term);
  let matched = 0;
  for (const word of index.sequence) {
    while (matched > 0 && word !== term[matched]) matched = table[matched - 1] as number;
    if (word === term[matched]) matched++;
    if (matched === term.length) return true;
  }
  return false;
}

/**
 * Matches texts against terms, remembering the last texts it indexed: a policy
 * checks one subject against many rules, and each text is split into words once.
 *
 * @internal
 */
export interface TextMatcher {
  /** Whether `text` (a string or an array of strings) contains any of / all of the terms. */
  contains(text: unknown, terms: readonly Term[], mode: 'any' | 'all'): boolean;
}

/**
 * Creates a matcher with a small cache of indexed texts.
 *
 * @internal
 */
export function createTextMatcher(): TextMatcher {
  // A cache, not state: results never depend on it. Cleared when it grows past a few texts.
  const cache = new Map<string, WordIndex>();
  const indexed = (text: string): WordIndex => {
    let index = cache.get(text);
    if (index === undefined) {
      if (cache.size >= 8) cache.clear();
      index = indexOf(text);
      cache.set(text, index);
    }
    return index;
  };
  return {
    contains(text, terms, mode) {
      const texts = typeof text === 'string' ? [text] : Array.isArray(text) ? text : undefined;
      if (texts === undefined || terms.length === 0) return false;
      const indexes = texts.filter((t): t is string => typeof t === 'string').map(indexed);
      const found = (term: Term): boolean => indexes.some((index) => hasTerm(index, term));
      return mode === 'any' ? terms.some(found) : terms.every(found);
    },
  };
}
