import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, type RedactionPatternName } from '../../src/redaction/index.js';
import { redactWithoutShortcuts, surveyAgainstSteps } from '../../src/redaction/redact.js';
import { params } from '../support/well-formed.js';

// A redactor skips the steps a one-pass survey of the text proves cannot match, and the
// values step for a text shorter than every value. These laws check each skip against the full
// scan, on texts made of the characters and words the patterns look for, so that near misses
// (a `key` without `=`, `bearer` of 7 letters, 18-character words, 6 or 12 digits) are common.

const MASKS = ['[redacted]', '#', '', 'x=1', 'a@b.co', '4111 1111 1111 1111', 'Bearer abc'] as const;
const ALL: ReadonlySet<RedactionPatternName> = new Set(['email', 'phone', 'cardNumber', 'secret']);

const stringOf = (chars: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...Array.from(chars)), minLength, maxLength });

/** Pieces of text in and around the alphabets of the patterns. */
const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Array.from('aeyJbBrRkKsS09_-.:=@+()[]" \'\t`,;&>\u00a0é')) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'bearer',
      'Bearer ',
      'BEARER',
      'bearers',
      'eyJ',
      'eyJhb.c.d',
      'key',
      'Key',
      'api_key',
      'X-Api-Key',
      'clientSecret',
      'DB_PASSWORD',
      'passwd',
      'pwd',
      'token',
      'monkey',
      'sk_live_',
      'sk-',
      'AKIA',
      'ghp_',
      'Re:',
      'a@b.co',
      'ana@example.com',
      '4111 1111 1111 1111',
      '+1 (415) 555-0132',
      '2026-03-09',
      '14:00',
      '[redacted]',
    ),
  },
  { weight: 2, arbitrary: stringOf('abcXYZ019_-', 14, 40) },
  { weight: 2, arbitrary: stringOf('0123456789 -.', 5, 22) },
);

const shortText: fc.Arbitrary<string> = fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join(''));
/** Texts short and long: a long one (over 256 code units) is searched with the automaton. */
const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: shortText },
  { weight: 1, arbitrary: fc.tuple(shortText, fc.integer({ min: 1, max: 40 })).map(([t, n]) => t.repeat(n)) },
);

const countDigits = (input: string): number => input.replace(/[^0-9]/g, '').length;

describe('createRedactor shortcuts', () => {
  it('skips only steps that would mark nothing', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...MASKS), (input, mask) => {
        const { survey, marks } = surveyAgainstSteps(input, mask);
        // The count stops at 1,024, far above every threshold.
        expect(survey.digits).toBe(Math.min(countDigits(input), 1024));
        if (!survey.email) expect(marks.email).toBe(false);
        if (!survey.wordSecret) expect(marks.words).toBe(false);
        if (!survey.assignment) expect(marks.assignments).toBe(false);
        if (survey.digits < 13) expect(marks.cards).toBe(false);
        if (survey.digits < 7) expect(marks.phones).toBe(false);
      }),
      params(1500),
    );
  });

  it('gives what the full scan gives, for every set of patterns, mask and values', () => {
    const patterns = fc.subarray(['email', 'phone', 'cardNumber', 'secret'] as RedactionPatternName[]);
    // Up to 4 values (each short text is searched for each), or up to 12 (the automaton).
    const value = fc.oneof(piece, stringOf('aeyJk09 :=@', 0, 8));
    const values = fc.oneof(
      fc.array(value, { maxLength: 4 }),
      fc.array(value, { minLength: 9, maxLength: 12 }),
    );
    fc.assert(
      fc.property(
        patterns,
        fc.constantFrom(...MASKS),
        values,
        fc.array(text, { minLength: 1, maxLength: 4 }),
        (names, mask, list, inputs) => {
          const options = { patterns: new Set(names), mask };
          const redact = createRedactor(options);
          // The same list for several texts (its automaton is reused), then none, then it again.
          for (const input of inputs) {
            expect(redact(input, list)).toBe(redactWithoutShortcuts(options, input, list));
            expect(redact(input)).toBe(redactWithoutShortcuts(options, input, []));
            expect(redact(input, list)).toBe(redactWithoutShortcuts(options, input, list));
          }
        },
      ),
      params(500),
    );
  });

  it('finds what the survey must not miss at the edges of the rules', () => {
    const redact = createRedactor({ patterns: ALL, mask: '#' });
    // A word of exactly 19 characters with a known prefix, and the 18-character one that is not.
    expect(redact('sk-0123456789abcdef')).toBe('#');
    expect(redact('sk-0123456789abcde')).toBe('sk-0123456789abcde');
    // A 6-letter word `bearer` in any case, and a JWT word of 6 characters.
    expect(redact('BeArEr abc.def1')).toBe('BeArEr #');
    expect(redact('eyJabc.d.e')).toBe('#');
    // An assignment after a quote and blanks, and prose `Key:`; not after another character.
    expect(redact(`"token" \t= s3cr3t`)).toBe(`"token" \t= #`);
    expect(redact('Key: value')).toBe('Key: #');
    expect(redact('key.: value')).toBe('key.: value');
    expect(redact('Re: value')).toBe('Re: value');
  });
});
