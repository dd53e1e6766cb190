import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, type RedactionPatternName } from '../../src/redaction/index.js';
import { params } from '../support/well-formed.js';

const MASK = '[redacted]';
const ALL: ReadonlySet<RedactionPatternName> = new Set(['email', 'phone', 'cardNumber', 'secret']);
const redact = createRedactor({ patterns: ALL, mask: MASK });

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const TOKEN = `${LOWER}${UPPER}${DIGITS}_-`;

/** A string of `min`–`max` characters from `chars` (ASCII, or single code units). */
const stringOf = (chars: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...Array.from(chars)), minLength, maxLength });

/** Sensitive text: what is written, the part that must not survive, and its redaction alone. */
interface Sensitive {
  readonly text: string;
  readonly secret: string;
  readonly redacted: string;
}

const whole = (text: string): Sensitive => ({ text, secret: text, redacted: MASK });

const emailArbitrary: fc.Arbitrary<Sensitive> = fc
  .tuple(
    stringOf(`${LOWER}${UPPER}${DIGITS}._%+-`, 1, 20),
    fc.array(stringOf(`${LOWER}${DIGITS}-`, 1, 10), { minLength: 1, maxLength: 3 }),
    stringOf(`${LOWER}${UPPER}`, 2, 6),
  )
  .map(([local, labels, tld]) => whole(`${local}@${[...labels, tld].join('.')}`));

/** The Luhn check digit of a payload. */
function luhnCheckDigit(payload: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k < payload.length; k++) {
    // The check digit is appended at the right: the payload's last digit is doubled.
    const d = payload[payload.length - 1 - k] ?? 0;
    sum += k % 2 === 0 ? (d < 5 ? 2 * d : 2 * d - 9) : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Groups of 4 digits, a short last group joined to the one before (4-4-5 for 13 digits). */
function groupsOf4(digits: string): string[] {
  const groups: string[] = [];
  for (let k = 0; k < digits.length; k += 4) groups.push(digits.slice(k, k + 4));
  const last = groups.at(-1) ?? '';
  if (last.length === 1 && groups.length > 1) {
    groups.pop();
    groups.push(`${groups.pop() ?? ''}${last}`);
  }
  return groups;
}

const cardArbitrary: fc.Arbitrary<Sensitive> = fc
  .integer({ min: 13, max: 19 })
  .chain((length) =>
    fc.tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 2, maxLength: length - 2 }),
      fc.constantFrom('', ' ', '-'),
    ),
  )
  .map(([first, rest, separator]) => {
    const payload = [first, ...rest];
    const digits = `${payload.join('')}${luhnCheckDigit(payload)}`;
    return whole(separator === '' ? digits : groupsOf4(digits).join(separator));
  });

const secretArbitrary: fc.Arbitrary<Sensitive> = fc.oneof(
  // Known prefixes.
  fc
    .tuple(
      fc.constantFrom(
        'sk_live_',
        'sk_test_',
        'pk_live_',
        'rk_live_',
        'ghp_',
        'gho_',
        'github_pat_',
        'xoxb-',
        'xoxp-',
        'AIza',
        'npm_',
        'glpat-',
        'sk-',
      ),
      stringOf(TOKEN, 16, 40),
    )
    .map(([prefix, rest]) => whole(`${prefix}${rest}`)),
  stringOf(`${UPPER}${DIGITS}`, 16, 16).map((rest) => whole(`AKIA${rest}`)),
  // JWTs.
  fc
    .tuple(stringOf(TOKEN, 1, 30), stringOf(TOKEN, 1, 60), stringOf(TOKEN, 1, 60))
    .map(([header, payload, signature]) => whole(`eyJ${header}.${payload}.${signature}`)),
  // Long random words with a letter and a digit.
  stringOf(TOKEN, 30, 60).map((word) => whole(`${word}a7`)),
  // Bearer tokens: the word is kept.
  stringOf(TOKEN, 20, 40).map((token) => ({
    text: `Bearer ${token}`,
    secret: token,
    redacted: `Bearer ${MASK}`,
  })),
  // Assignments: the name is kept.
  fc
    .tuple(
      fc.constantFrom('password', 'api_key', 'X-Api-Key', 'clientSecret', 'token', 'DB_PASSWORD', 'pwd'),
      fc.constantFrom('=', ': ', ' = ', ':'),
      stringOf(`${LOWER}${UPPER}${DIGITS}!#$%*+-./:=?@^_|~`, 12, 30),
    )
    .map(([name, operator, value]) => ({
      text: `${name}${operator}${value}`,
      secret: value,
      redacted: `${name}${operator}${MASK}`,
    })),
);

const sensitiveArbitrary = fc.oneof(emailArbitrary, cardArbitrary, secretArbitrary);

/** Words of any characters likely to interact with the scanners, and a few others. */
const noisyWord = stringOf(`${LOWER}${UPPER}${DIGITS}-_.@:=+()/'"#,;!?[]{}<>%&*~é€`, 0, 12);
/** Words of letters only, never `bearer` (which would take the next word as its token). */
const letterWord = stringOf(`${LOWER}${UPPER}`, 1, 12).filter((word) => word.toLowerCase() !== 'bearer');

describe('createRedactor (properties)', () => {
  it('leaves nothing of an email, card or secret in any surrounding text', () => {
    fc.assert(
      fc.property(
        fc.array(noisyWord, { maxLength: 6 }),
        sensitiveArbitrary,
        fc.array(noisyWord, { maxLength: 6 }),
        (before, item, after) => {
          const out = redact([...before, item.text, ...after].join(' '));
          expect(out).not.toContain(item.secret);
        },
      ),
      params(300),
    );
  });

  it('masks exactly the sensitive part among words of letters', () => {
    fc.assert(
      fc.property(
        fc.array(letterWord, { maxLength: 6 }),
        sensitiveArbitrary,
        fc.array(letterWord, { maxLength: 6 }),
        (before, item, after) => {
          expect(redact([...before, item.text, ...after].join(' '))).toBe(
            [...before, item.redacted, ...after].join(' '),
          );
        },
      ),
      params(300),
    );
  });

  it('returns text with no sensitive data unchanged', () => {
    const separator = fc.constantFrom(' ', ', ', '. ', '! ', '? ', '\n', ' - ');
    fc.assert(
      fc.property(fc.array(fc.tuple(letterWord, separator), { maxLength: 30 }), (parts) => {
        const text = parts.map(([word, sep]) => `${word}${sep}`).join('');
        expect(redact(text)).toBe(text);
      }),
      params(300),
    );
  });

  it('masks every occurrence of every value', () => {
    const value = stringOf(`${UPPER}${DIGITS}`, 3, 8);
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 3 }),
        fc.array(fc.oneof(noisyWord, fc.nat(2).map(String)), { maxLength: 20 }),
        fc.boolean(),
        (values, words, patterns) => {
          const text = words
            .map((word) => (/^\d$/.test(word) ? (values[Number(word)] ?? '') : word))
            .join('');
          const out = createRedactor({ patterns: patterns ? ALL : new Set(), mask: MASK })(text, values);
          for (const v of values) expect(out).not.toContain(v);
        },
      ),
      params(300),
    );
  });

  it('is idempotent for masks that are not part of any pattern', () => {
    const pieces = fc.constantFrom(
      ...[' ', '-', '.', '(', ')', '+', '@', ':', '=', '"', "'", '_', '\n', ',', '[', ']', '/', '#'],
      ...['0', '1', '4', '9', '12', '03', '2026', '4111', '1111', '555', '0132', '14:00', '(415)'],
      ...['a', 'x', 'Z', 'co', 'com', 'a@b.co', 'key', 'token', 'password', 'Bearer ', 'eyJ', 'sk_live_'],
      ...[
        'AKIA',
        'ABCDEFGHIJKLMNOP',
        'abcdefghijklmnopqrstuvwxyz0123456789',
        '4111111111111111',
        '378282246310005',
      ],
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 40 }).map((list) => list.join('')),
        fc.constantFrom(MASK, '***', '<hidden>', '█'),
        fc.array(fc.constantFrom('4111', 'key', 'abc', 'x@y', '555 0132', 'Zco'), { maxLength: 2 }),
        (text, mask, values) => {
          const redactWith = createRedactor({ patterns: ALL, mask });
          const once = redactWith(text, values);
          expect(redactWith(once, values)).toBe(once);
        },
      ),
      params(1000),
    );
  });
});
