import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTextMatcher, toTerms } from '../../src/conditions/text-match.js';
import { params } from '../support/well-formed.js';

// A matcher answers `containsAny` / `containsAll` for the word lists a policy registers
// with it. Texts that are all ASCII are scanned character by character (no word strings),
// the others are split into words; both must give exactly what the documented definition
// gives (docs/conditions.md): NFKD, combining marks removed, lower-cased, words are runs
// of `[\p{L}\p{N}]`, a term's words occur in a row as whole words, the strings of an array
// are separate texts, and `all` means each term occurs in at least one of them.

/** The words of a text, straight from the definition. */
function definitionWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Whether the words of `term` occur in a row in `words` (brute force). */
function occursIn(words: readonly string[], term: readonly string[]): boolean {
  for (let start = 0; start + term.length <= words.length; start++) {
    if (term.every((word, k) => words[start + k] === word)) return true;
  }
  return false;
}

/** The oracle: what `contains(text, register(toTerms(list)), mode)` must answer. */
function oracle(text: unknown, list: readonly unknown[], mode: 'any' | 'all'): boolean {
  const terms = list
    .filter((item): item is string => typeof item === 'string')
    .map(definitionWords)
    .filter((term) => term.length > 0);
  let texts: string[];
  if (typeof text === 'string') texts = [text];
  else if (Array.isArray(text)) texts = (text as unknown[]).filter((t): t is string => typeof t === 'string');
  else texts = [];
  if (terms.length === 0 || texts.length === 0) return false;
  const split = texts.map(definitionWords);
  const somewhere = (term: readonly string[]): boolean => split.some((words) => occursIn(words, term));
  return mode === 'any' ? terms.some(somewhere) : terms.every(somewhere);
}

/** A fresh matcher with `lists` registered, in order; the sets it returned. */
function registered(lists: readonly (readonly unknown[])[]): {
  matcher: ReturnType<typeof createTextMatcher>;
  sets: ReturnType<ReturnType<typeof createTextMatcher>['register']>[];
} {
  const matcher = createTextMatcher();
  return { matcher, sets: lists.map((list) => matcher.register(toTerms(list))) };
}

/** `contains` of one list registered alone. */
function contains(text: unknown, list: readonly unknown[], mode: 'any' | 'all'): boolean {
  const { matcher, sets } = registered([list]);
  return matcher.contains(text, sets[0] as (typeof sets)[number], mode);
}

// ------------------------------------------------------------------ arbitraries

/**
 * ASCII pieces: letters of both cases, digits, separators of every kind: NUL and DEL, and
 * the neighbours of letters and digits in the code table (`@`, `[`, `` ` ``, `{`, and the
 * controls 32 below the digits).
 */
const ASCII = [
  'a',
  'b',
  'A',
  'B',
  'ab',
  'Ab',
  'ba',
  '1',
  '2',
  '12',
  ' ',
  '  ',
  '-',
  "'",
  '.',
  ',',
  '\n',
  '\t',
  '\0',
  '\x7f',
  '@',
  '[',
  '`',
  '{',
  '\x11',
  '\x12',
  '/',
  ':',
];
/** Pieces that are not ASCII: accents precomposed and combining, İ, ß, a ligature, fullwidth, emoji, marks alone. */
const OTHER = [
  'é',
  'É',
  'e\u0301',
  'İ',
  'ı',
  'ß',
  'ﬁ',
  'Ａ',
  'ｂ',
  '１',
  '😀',
  '\u0301',
  'ª',
  '²',
  'K',
  '\u00a0',
  '\ud800',
];
const asciiText = fc.array(fc.constantFrom(...ASCII), { maxLength: 24 }).map((p) => p.join(''));
const mixedText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ASCII) }, fc.constantFrom(...OTHER)), {
    maxLength: 24,
  })
  .map((p) => p.join(''));
const text = fc.oneof({ weight: 3, arbitrary: asciiText }, mixedText);
/** Terms: short, so that they often occur; phrases, empty strings and non-strings included. */
const term = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(fc.constantFrom('a', 'b', 'A', 'ab', 'ba', '1', '12', ' ', '-', "'"), {
        minLength: 1,
        maxLength: 5,
      })
      .map((p) => p.join('')),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom('a', 'b', 'e', 'é', 'i', 'ı', 'ß', 'fi', 'ss', ' ', '1', '²'), {
        minLength: 1,
        maxLength: 4,
      })
      .map((p) => p.join('')),
  },
  fc.constantFrom<unknown>('', '  ', '--', 42, null, ['a'], { a: 1 }),
);
const list = fc.array(term, { maxLength: 6 });
const subject = fc.oneof(
  { weight: 4, arbitrary: text },
  {
    weight: 2,
    arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: text }, fc.constantFrom<unknown>(7, null, ['a'])), {
      maxLength: 4,
    }),
  },
  fc.constantFrom<unknown>(undefined, null, 5, { a: 'a' }),
);
const mode = fc.constantFrom<'any' | 'all'>('any', 'all');

describe('a matcher answers containsAny / containsAll exactly as the definition', () => {
  it('for one registered list, any text (ASCII or not), both modes', () => {
    fc.assert(
      fc.property(subject, list, mode, (t, terms, m) => {
        expect(contains(t, terms, m)).toBe(oracle(t, terms, m));
      }),
      params(3000),
    );
  });

  it('for several lists registered with one matcher, asked in any order, twice (caches)', () => {
    fc.assert(
      fc.property(
        fc.array(list, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), subject, mode), { minLength: 1, maxLength: 6 }),
        (lists, questions) => {
          const { matcher, sets } = registered(lists);
          for (const pass of [1, 2]) {
            for (const [which, t, m] of questions) {
              const i = which % lists.length;
              const got = matcher.contains(t, sets[i] as (typeof sets)[number], m);
              expect(got, `pass ${String(pass)}`).toBe(oracle(t, lists[i] as unknown[], m));
            }
          }
        },
      ),
      params(1500),
    );
  });

  it('when lists are registered after texts were scanned', () => {
    fc.assert(
      fc.property(list, list, subject, mode, (first, second, t, m) => {
        const matcher = createTextMatcher();
        const a = matcher.register(toTerms(first));
        expect(matcher.contains(t, a, m)).toBe(oracle(t, first, m));
        const b = matcher.register(toTerms(second));
        expect(matcher.contains(t, b, m)).toBe(oracle(t, second, m));
        expect(matcher.contains(t, a, m)).toBe(oracle(t, first, m));
      }),
      params(500),
    );
  });
});

describe('ASCII texts: the edge cases', () => {
  it('matches whole words only, letters and digits alike', () => {
    expect(contains('shutdown; downtime', ['down'], 'any')).toBe(false);
    expect(contains('it went down.', ['down'], 'any')).toBe(true);
    expect(contains('HTTP 5000 and 1500', ['500'], 'any')).toBe(false);
    expect(contains('got a 500', ['500'], 'any')).toBe(true);
    expect(contains('a1 b', ['a', '1'], 'any')).toBe(false);
    expect(contains('p1', ['p'], 'any')).toBe(false);
    expect(contains('5xx errors', ['5xx'], 'any')).toBe(true);
  });

  it('ignores case in the text and in the terms', () => {
    expect(contains('THE API IS DOWN', ['is down'], 'any')).toBe(true);
    expect(contains('the api is down', ['Is DOWN'], 'any')).toBe(true);
    expect(contains('Error 500 Z', ['error 500 z'], 'any')).toBe(true);
    expect(contains('ZzZ', ['zzz'], 'all')).toBe(true);
  });

  it('treats apostrophes, hyphens, punctuation and control characters as separators, runs of them as one', () => {
    expect(contains("nobody can't log-in", ['can t log in'], 'any')).toBe(true);
    expect(contains('cant log in', ["can't log in"], 'any')).toBe(false);
    expect(contains('is \t--\n\0\x7f down', ['is down'], 'any')).toBe(true);
    expect(contains('@ [ ` { / : \x10 \x11 \x19', ['@', '0', '1', '9', 'a', 'z', 'A'], 'any')).toBe(false);
    expect(contains('a@b[c`d{e/f:g', ['a b c d e f g'], 'any')).toBe(true);
    expect(contains("won't open", ['wont open'], 'any')).toBe(false);
    expect(contains('data...loss!!', ['data loss'], 'any')).toBe(true);
  });

  it('finds a term at the very start and the very end of the text, with or without punctuation there', () => {
    expect(contains('down', ['down'], 'any')).toBe(true);
    expect(contains('down now', ['down'], 'any')).toBe(true);
    expect(contains('it is down', ['is down'], 'any')).toBe(true);
    expect(contains('(is down)', ['is down'], 'any')).toBe(true);
    expect(contains('is dow', ['is down'], 'any')).toBe(false);
    expect(contains('is downs', ['is down'], 'any')).toBe(false);
  });

  it('never matches empty terms: a list of only those matches nothing, in either mode', () => {
    expect(contains('anything at all', ['', '  ', '--', "'"], 'any')).toBe(false);
    expect(contains('anything at all', ['', '  '], 'all')).toBe(false);
    expect(contains('anything at all', ['', 'at all'], 'all')).toBe(true);
    expect(contains('', ['a'], 'any')).toBe(false);
    expect(contains('   ', ['a'], 'any')).toBe(false);
  });

  it('counts a repeated term once', () => {
    expect(contains('it is DOWN', ['down', 'Down', 'DOWN', 'is down', 'is  down'], 'all')).toBe(true);
    expect(contains('it is up', ['down', 'down'], 'any')).toBe(false);
  });

  it('finds phrases that overlap, nest or repeat themselves', () => {
    const terms = ['a b', 'b c', 'a b c d', 'c d', 'd', 'b'];
    expect(contains('x a b c d y', terms, 'all')).toBe(true);
    expect(contains('x a b c y d', terms, 'all')).toBe(false);
    expect(contains('it is down now', ['is down', 'down now'], 'all')).toBe(true);
    expect(contains('a a a', ['a a a'], 'any')).toBe(true);
    expect(contains('a a b', ['a a a', 'a b'], 'all')).toBe(false);
    expect(contains('a a b', ['a a a', 'a b'], 'any')).toBe(true);
    // `b` ends inside the longer term `a b c`, which does not occur.
    expect(contains('a b x', ['a b c', 'b'], 'any')).toBe(true);
    expect(contains('data loss', ['data', 'data loss', 'loss', 'lost data'], 'all')).toBe(false);
    expect(contains('lost data loss', ['data', 'data loss', 'loss', 'lost data'], 'all')).toBe(true);
  });

  it('keeps the strings of an array apart: a phrase never runs from one into the next', () => {
    expect(contains(['data', 'loss'], ['data loss'], 'any')).toBe(false);
    expect(contains(['data', 'loss'], ['data loss'], 'all')).toBe(false);
    expect(contains(['EU outage', 'some data loss'], ['outage', 'data loss'], 'all')).toBe(true);
    expect(contains(['EU outage', 'some data'], ['outage', 'data loss'], 'all')).toBe(false);
  });

  it('skips items of an array that are not strings, and answers false for a text that is neither', () => {
    expect(contains([42, null, { t: 'outage' }, ['outage'], 'an outage'], ['outage'], 'any')).toBe(true);
    expect(contains([42, null, ['outage']], ['outage'], 'any')).toBe(false);
    expect(contains([42, null, ['outage']], ['outage'], 'all')).toBe(false);
    expect(contains([], ['outage'], 'all')).toBe(false);
    expect(contains({ subject: 'outage' }, ['outage'], 'any')).toBe(false);
    expect(contains(42, ['42'], 'any')).toBe(false);
  });
});

describe('texts that are not all ASCII, and terms that are not', () => {
  it('normalises the text before matching, wherever the non-ASCII character is', () => {
    expect(contains('Café DOWN', ['cafe down'], 'any')).toBe(true);
    expect(contains('Cafe\u0301 down', ['café down'], 'any')).toBe(true);
    expect(contains('İSTANBUL office', ['istanbul'], 'any')).toBe(true);
    expect(contains('ＤＯＷＮ now', ['down'], 'any')).toBe(true);
    expect(contains('the ﬁle', ['file'], 'any')).toBe(true);
    expect(contains(`${'x '.repeat(500)}is down é`, ['is down'], 'any')).toBe(true);
    expect(contains(`${'x '.repeat(500)}is dowñ`, ['is down'], 'any')).toBe(true);
    expect(contains(`${'x '.repeat(500)}is downé`, ['is down'], 'any')).toBe(false);
    expect(contains('is\u00a0down😀', ['is down'], 'all')).toBe(true);
  });

  it('never finds a term that keeps a non-ASCII letter in an ASCII text', () => {
    expect(contains('STRASSE closed', ['straße'], 'any')).toBe(false);
    expect(contains('Straße closed', ['straße'], 'any')).toBe(true);
    expect(contains('the Istanbul office', ['ıstanbul'], 'any')).toBe(false);
    expect(contains('the Istanbul office', ['ıstanbul', 'office'], 'all')).toBe(false);
    expect(contains('the Istanbul office', ['ıstanbul', 'office'], 'any')).toBe(true);
  });
});

describe('large inputs', () => {
  it('scans a 1 MB ASCII text, and one with a non-ASCII character at its end', () => {
    const big = 'lorem ipsum, dolor sit amet. '.repeat(36_000);
    expect(contains(`${big}the api IS DOWN`, ['is down', 'amet dolor'], 'any')).toBe(true);
    expect(contains(`${big}the api IS DOWN`, ['is down', 'amet lorem'], 'all')).toBe(true);
    expect(contains(`${big}the api is dow`, ['is down'], 'any')).toBe(false);
    expect(contains(`${big}the api is down é`, ['is down'], 'any')).toBe(true);
    expect(contains(`${big}the api is downé`, ['is down'], 'any')).toBe(false);
  });

  it('answers the same when the terms are too many for the ASCII scanner', () => {
    // 4,000 distinct terms of 12 letters: well past the scanner's table limit.
    const terms = Array.from({ length: 4_000 }, (_, i) => `term${i.toString(36).padStart(4, 'q')} word`);
    const { matcher, sets } = registered([terms, ['is down']]);
    const [many, one] = sets as [(typeof sets)[number], (typeof sets)[number]];
    expect(matcher.contains('a termqq2s WORD here', many, 'any')).toBe(true);
    expect(matcher.contains('a termqq2s words here', many, 'any')).toBe(false);
    expect(matcher.contains(['termqqq0 word', 'termqqq1 word'], many, 'all')).toBe(false);
    expect(matcher.contains('THE API IS DOWN', one, 'any')).toBe(true);
    expect(matcher.contains('the api is downs', one, 'any')).toBe(false);
  });
});
