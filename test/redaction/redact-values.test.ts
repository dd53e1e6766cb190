import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, type RedactionPatternName } from '../../src/redaction/index.js';
import { params } from '../support/well-formed.js';

const MASK = '[redacted]';
const ALL: ReadonlySet<RedactionPatternName> = new Set(['email', 'phone', 'cardNumber', 'secret']);

/**
 * The literal-value step by brute force: every position covered by any occurrence (found at every
 * start) of any trimmed value of 3 or more code units is masked, each maximal run by one mask.
 */
function maskValuesOracle(text: string, values: readonly string[], mask: string): string {
  const covered = new Array<boolean>(text.length).fill(false);
  for (const raw of values) {
    const value = raw.trim();
    if (value.length < 3) continue;
    for (let at = 0; at + value.length <= text.length; at++) {
      if (text.slice(at, at + value.length) === value) covered.fill(true, at, at + value.length);
    }
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!covered[i]) out += text.charAt(i);
    else if (i === 0 || !covered[i - 1]) out += mask;
  }
  return out;
}

/**
 * Units of a small alphabet, mostly `a` and `b` (so values share prefixes and suffixes and fail
 * chains are long), with the two halves of a surrogate pair and spaces (for trimming).
 */
const unit = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('a', 'b') },
  { weight: 2, arbitrary: fc.constantFrom('c', '\uD83D', '\uDE00', ' ') },
);
const smallString = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit, maxLength });

/** Value lists whose members are often prefixes, suffixes or substrings of one another. */
const valueList: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.array(smallString(10), { minLength: 1, maxLength: 6 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(10), fc.nat(10)), { maxLength: 6 }),
  )
  .map(([bases, cuts]) => [
    ...bases,
    ...cuts.map(([pick, from, to]) => {
      const base = bases[pick % bases.length] ?? '';
      return base.slice(Math.min(from, to), Math.max(from, to));
    }),
  ]);

/** Texts made of the values and noise, so that occurrences overlap and touch. */
const textWith = (values: readonly string[]): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(smallString(4), fc.constantFrom(...values)), { maxLength: 25 })
    .map((parts) => parts.join(''));

describe('createRedactor: literal values', () => {
  it('masks exactly the union of all occurrences of all values, then applies the patterns', () => {
    fc.assert(
      fc.property(
        valueList.chain((values) => fc.tuple(fc.constant(values), textWith(values))),
        fc.boolean(),
        ([values, text], patterns) => {
          const redact = createRedactor({ patterns: patterns ? ALL : new Set(), mask: MASK });
          const patternsOnly = createRedactor({ patterns: patterns ? ALL : new Set(), mask: MASK });
          expect(redact(text, values)).toBe(patternsOnly(maskValuesOracle(text, values, MASK)));
        },
      ),
      params(2000),
    );
  });

  it('gives the same result whether the automaton of a list is reused or built afresh', () => {
    fc.assert(
      fc.property(
        valueList,
        valueList,
        fc.array(fc.tuple(fc.boolean(), smallString(30)), { minLength: 1, maxLength: 6 }),
        (first, second, calls) => {
          const reused = createRedactor({ patterns: new Set(), mask: MASK });
          for (const [useFirst, text] of calls) {
            const values = useFirst ? first : second;
            const fresh = createRedactor({ patterns: new Set(), mask: MASK });
            expect(reused(text, values)).toBe(fresh(text, [...values]));
          }
          expect(reused('abc', undefined)).toBe('abc');
        },
      ),
      params(300),
    );
  });

  it('masks overlapping occurrences of one value and of values sharing an end', () => {
    const redact = createRedactor({ patterns: new Set(), mask: MASK });
    expect(redact('xaaaaax', ['aaa'])).toBe(`x${MASK}x`);
    expect(redact('abcde abc cde', ['bcde', 'cde', 'abc'])).toBe(`${MASK} ${MASK} ${MASK}`);
    expect(redact('abcxbcd', ['abc', 'bcd'])).toBe(`${MASK}x${MASK}`);
    // After `aaab` fails on `x`, the match goes on from `ab` (two fail links away).
    expect(redact('aaabx aab', ['aaabc', 'abx'])).toBe(`aa${MASK} aab`);
    expect(redact('😀😀 and 😀', ['😀😀'])).toBe(`${MASK} and 😀`);
  });

  it('is linear in the text: 10,000 near-matching values in a 1,000,000-character text', () => {
    const redact = createRedactor({ patterns: new Set(), mask: MASK });
    const values = Array.from(
      { length: 10_000 },
      (_, i) => `${'a'.repeat(40)}b${'a'.repeat(40)}${String(i)}`,
    );
    const text = `${'a'.repeat(999_000)}${values[1234] ?? ''}${'a'.repeat(1_000 - 86)}`;
    const started = performance.now();
    const out = redact(text, values);
    // Generous: a search per value took over 10 s here; one pass takes tens of milliseconds.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(out).toBe(`${'a'.repeat(999_000)}${MASK}${'a'.repeat(1_000 - 86)}`);
  });

  it('marks overlapping occurrences of a long value in time linear in the text', () => {
    const redact = createRedactor({ patterns: new Set(), mask: MASK });
    const started = performance.now();
    // 500,001 occurrences of 500,000 characters each, all overlapping: merged before marking.
    expect(redact(`x${'a'.repeat(1_000_000)}x`, ['a'.repeat(500_000)])).toBe(`x${MASK}x`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
