import { describe, expect, it } from 'vitest';
import { createRedactor, type RedactionPatternName } from '../../src/redaction/index.js';

const MASK = '[redacted]';
const ALL: ReadonlySet<RedactionPatternName> = new Set(['email', 'phone', 'cardNumber', 'secret']);

/** A redactor with the given patterns and the default mask. */
const redactor = (
  ...patterns: RedactionPatternName[]
): ((text: string, values?: readonly string[]) => string) =>
  createRedactor({ patterns: patterns.length === 0 ? new Set() : new Set(patterns), mask: MASK });

const redactAll = createRedactor({ patterns: ALL, mask: MASK });

describe('createRedactor', () => {
  it('masks every kind of sensitive data in a support ticket and keeps the rest', () => {
    const ticket = [
      'Hi team, this is Ana Lima (ana.lima+billing@example.co.uk). Please call me on +1 (415) 555-0132.',
      'My card 4111-1111-1111-1111 was charged twice on 2026-03-09 at 14:00, see T-1234 (amount 20000).',
      'Our integration uses AKIAIOSFODNN7EXAMPLE and sk_live_51HxQ2eLkdIwHu7ixQ2ZfA3bC9 since 2026.',
      'Request: Authorization: Bearer 7f3c9a1e5b2d4c6a8e0f',
      'Session: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      'config: password=hunter2 retries=3, app version 1.2.3.',
    ].join('\n');
    expect(redactAll(ticket, ['Ana Lima'])).toBe(
      [
        'Hi team, this is [redacted] ([redacted]). Please call me on [redacted].',
        'My card [redacted] was charged twice on 2026-03-09 at 14:00, see T-1234 (amount 20000).',
        'Our integration uses [redacted] and [redacted] since 2026.',
        'Request: Authorization: Bearer [redacted]',
        'Session: [redacted]',
        'config: password=[redacted] retries=3, app version 1.2.3.',
      ].join('\n'),
    );
  });

  it('works as its TSDoc example says', () => {
    const redact = createRedactor({ patterns: new Set(['email', 'phone']), mask: '[redacted]' });
    expect(redact('Call +1 (415) 555-0132 or mail ana@example.com')).toBe(
      'Call [redacted] or mail [redacted]',
    );
    expect(redact('Order 20000 for Ana Lima', ['Ana Lima'])).toBe('Order 20000 for [redacted]');
  });

  it('returns the text unchanged with no pattern and no value', () => {
    const text = 'mail ana@example.com, card 4111 1111 1111 1111';
    expect(redactor()(text)).toBe(text);
    expect(redactor()(text, [])).toBe(text);
    expect(redactor()(text, ['  ', 'ab', ' a '])).toBe(text);
    expect(redactAll('')).toBe('');
  });

  it('leaves numbers that are not phone or card numbers alone', () => {
    const text =
      'In 2026 ticket T-1234 (and INC-20260309, T-1234567) on 2026-03-09 at 14:00 or 09.03.2026 14:30:15, ' +
      'version 1.2.3 / 10.15.7, amount 20000 or 1.234.567 EUR, order 12345678, host 192.168.10.100, ' +
      'ids 1 2 3 4 5 6 7 8, ratio 16:9, a Luhn-failing card 4111 1111 1111 1112.';
    expect(redactAll(text)).toBe(text);
  });

  it('masks with any mask, and an empty mask removes', () => {
    const text = 'mail ana@example.com now';
    expect(createRedactor({ patterns: new Set(['email']), mask: '***' })(text)).toBe('mail *** now');
    expect(createRedactor({ patterns: new Set(['email']), mask: '' })(text)).toBe('mail  now');
  });

  it('throws a TypeError for an unknown pattern name', () => {
    const patterns = new Set(['email', 'ssn']) as unknown as ReadonlySet<RedactionPatternName>;
    expect(() => createRedactor({ patterns, mask: MASK })).toThrow(
      new TypeError('createRedactor: unknown pattern `ssn`'),
    );
  });

  it('redacts each text on its own: what one text masked never reaches the next', () => {
    // Guards any reuse of marking state between texts: alternate lengths (below and above a
    // few thousand characters) and mask positions.
    const tail = `${'x '.repeat(3000)}call +1 (415) 555-0132`;
    const long = `${'y '.repeat(3000)}pay with 4111 1111 1111 1111 today`;
    const cases: [string, string][] = [
      [tail, `${'x '.repeat(3000)}call [redacted]`],
      ['ok', 'ok'],
      ['a@b.co then nothing', '[redacted] then nothing'],
      [`${'z'.repeat(20)} plain`, `${'z'.repeat(20)} plain`],
      [long, `${'y '.repeat(3000)}pay with [redacted] today`],
      [`${'w '.repeat(2100)}x`, `${'w '.repeat(2100)}x`],
      ['password=hunter2', 'password=[redacted]'],
      ['nothing here at all', 'nothing here at all'],
      [`${'v '.repeat(1400)}mail a@b.co`, `${'v '.repeat(1400)}mail [redacted]`],
      [`${'u '.repeat(1450)}password=hunter2`, `${'u '.repeat(1450)}password=[redacted]`],
      ['u '.repeat(1500), 'u '.repeat(1500)],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [text, expected] of cases) expect(redactAll(text)).toBe(expected);
    }
  });

  it('is idempotent with the default mask', () => {
    const texts = [
      'password=hunter2 token: "a b" key=[x] Bearer abc123def456',
      'mail john@doe@example.com or a@b.com. or +1 (415) 555-0132 2026-03-09',
      'key= 4111 1111 1111 1111 end; sk_live_4111111111111111abcdef',
      'x@y.co.4111111111111111 call 5-4111-1111-1111-1111',
    ];
    for (const text of texts) {
      const once = redactAll(text);
      expect(redactAll(once)).toBe(once);
    }
  });

  describe('literal values', () => {
    const redact = redactor();

    it('masks every occurrence of each value, case-sensitively', () => {
      expect(redact('Ana Lima wrote: ana lima is ANA LIMA; Ana Lima.', ['Ana Lima'])).toBe(
        '[redacted] wrote: ana lima is ANA LIMA; [redacted].',
      );
    });

    it('trims values and ignores those shorter than 3 characters', () => {
      expect(redact('Bo and Ana at 42 Main St', ['  Ana ', 'Bo', '42', ' x '])).toBe(
        'Bo and [redacted] at 42 Main St',
      );
    });

    it('masks the whole of overlapping values, the longer first', () => {
      expect(redact('Customer Ana Lima-Souza, Lima', ['Lima', 'Ana Lima-Souza'])).toBe(
        'Customer [redacted], [redacted]',
      );
      expect(redact('abcdef', ['abcd', 'cdef'])).toBe('[redacted]');
    });

    it('matches values literally, not as patterns', () => {
      expect(redact('id a.b*c and axbbc', ['a.b*c'])).toBe('id [redacted] and axbbc');
    });

    it('masks number values given as text', () => {
      expect(redact('account 20000, 120000', ['20000'])).toBe('account [redacted], 1[redacted]');
    });

    it('masks every occurrence of a self-overlapping value, overlapping ones included', () => {
      expect(redact('aaaaa', ['aaa'])).toBe('[redacted]');
      expect(redact('abababx ab', ['aba'])).toBe('[redacted]bx ab');
    });
  });

  describe('email', () => {
    const redact = redactor('email');

    it('masks whole addresses', () => {
      expect(redact('from ana.lima+billing@example.co.uk, cc: ops_team%x@mail-1.example.io')).toBe(
        'from [redacted], cc: [redacted]',
      );
      expect(redact('<ana@example.com>;"bo@example.org"')).toBe('<[redacted]>;"[redacted]"');
    });

    it('keeps a full stop after the address', () => {
      expect(redact('Write to ana@example.com.')).toBe('Write to [redacted].');
    });

    it('masks the last address of a doubled @', () => {
      expect(redact('john@doe@example.com')).toBe('john@[redacted]');
    });

    it('does not mask what is not an address', () => {
      const text = 'a@b, user@localhost, x@y.c, @example.com, name@ example.com, me@1.23, a@b..com, @@';
      expect(redact(text)).toBe(text);
    });
  });

  describe('phone', () => {
    const redact = redactor('phone');

    it.each([
      '+1 (415) 555-0132',
      '(415) 555-0132',
      '415-555-0132',
      '415.555.0132',
      '415 555 0132',
      '4155550132',
      '555-0132',
      '1-800-555-0199',
      '+44 20 7946 0958',
      '+44 (0)20 7946 0958',
      '020 7946 0958',
      '+33 1 23 45 67 89',
      '+14155550132',
      '+1(415)555-0132',
    ])('masks %s', (phone) => {
      expect(redact(`call ${phone} today`)).toBe('call [redacted] today');
    });

    it.each([
      ['a year', '2026'],
      ['a ticket id', 'T-1234'],
      ['an id glued to letters', 'T-1234567'],
      ['an ISO date', '2026-03-09'],
      ['a European date', '09.03.2026'],
      ['a time', '14:00'],
      ['a version', '1.2.3'],
      ['an amount of 5 digits', '20000'],
      ['a number of 8 digits', '12345678'],
      ['thousands', '1.234.567'],
      ['an IPv4 address', '192.168.10.100'],
      ['single digits', '1 2 3 4 5 6 7'],
      ['more than 15 digits', '+1 415 555 0132 00000'],
    ])('does not mask %s (%s)', (_what, text) => {
      expect(redact(`see ${text} now`)).toBe(`see ${text} now`);
    });

    it('finds a phone number next to a date or a time', () => {
      expect(redact('2026-03-09 415-555-0132 14:00')).toBe('2026-03-09 [redacted] 14:00');
      expect(redact('at 09:30 415 555 0132')).toBe('at 09:30 [redacted]');
    });

    it('does not mask a number glued to another by a plus sign, on either side', () => {
      expect(redact('0132+1234567 and 415 555 0132+44')).toBe('0132+1234567 and 415 555 0132+44');
      expect(redact('(415)+1234567')).toBe('(415)[redacted]');
    });

    it('keeps parentheses and brackets that are not part of the number', () => {
      expect(redact('(555-0132) [+44 20 7946 0958]')).toBe('([redacted]) [[redacted]]');
    });
  });

  describe('cardNumber', () => {
    const redact = redactor('cardNumber');

    it.each([
      '4111 1111 1111 1111',
      '5555-5555-5555-4444',
      '378282246310005',
      '3782 822463 10005',
      '4111111111111111',
    ])('masks %s', (card) => {
      expect(redact(`card ${card}, thanks`)).toBe('card [redacted], thanks');
    });

    it('does not mask a number that fails the Luhn check', () => {
      expect(redact('card 4111 1111 1111 1112')).toBe('card 4111 1111 1111 1112');
      expect(redact('card 4111111111111112')).toBe('card 4111111111111112');
    });

    it('does not mask too few or too many digits, or a leading 0', () => {
      const text = 'n 42424242424 n 4242424242424242424242 n 0000 0000 0000 0000';
      expect(redact(text)).toBe(text);
    });

    it('finds a card among other digit groups', () => {
      expect(redact('4111 1111 1111 1111 12 27')).toBe('[redacted] 12 27');
      expect(redact('ref 12 4111-1111-1111-1111')).toBe('ref 12 [redacted]');
    });

    it('does not mask a card glued to a word', () => {
      const text = 'INV-4111111111111111 x4111111111111111 4111111111111111abc';
      expect(redact(text)).toBe(text);
    });

    it('checks cards before phone numbers', () => {
      expect(redactor('cardNumber', 'phone')('4111 1111 1111 1111')).toBe('[redacted]');
      // 15 digits with no Luhn-valid window: not a card, but a phone number.
      expect(redactor('cardNumber')('+44 20 7946 0958 112')).toBe('+44 20 7946 0958 112');
      expect(redactor('cardNumber', 'phone')('+44 20 7946 0958 112')).toBe('[redacted]');
      // A Luhn-valid window is masked as a card first; the 2 digits left are no phone number.
      expect(redactor('cardNumber', 'phone')('+44 20 7946 0958 111')).toBe('+44 [redacted]');
    });
  });

  describe('secret', () => {
    const redact = redactor('secret');

    it.each([
      'sk_live_51HxQ2eLkdIwHu7ixQ2ZfA3bC9',
      'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
      'pk_live_abcdefghijklmnop1234',
      'rk_live_abcdefghijklmnop1234',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'gho_16C7e42F292c6912E7710c838347Ae178B4a',
      'github_pat_11ABCDEFG0123456789_abcdefghijklmnop',
      'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
      'xoxp-1234567890-abcdefghijklmnop',
      'AKIAIOSFODNN7EXAMPLE',
      'AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI',
      'npm_abcdefghijklmnopqrstuvwxyz0123456789',
      'glpat-abcdefghij0123456789',
    ])('masks the key %s', (key) => {
      expect(redact(`key ${key} leaked`)).toBe('key [redacted] leaked');
    });

    it('masks a JWT', () => {
      expect(
        redact(
          'jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c.',
        ),
      ).toBe('jwt [redacted].');
    });

    it('masks the token after Bearer and keeps the word', () => {
      expect(redact('Authorization: Bearer 7f3c9a1e5b2d4c6a8e0f')).toBe('Authorization: Bearer [redacted]');
      expect(redact('authorization: bearer abc.def-ghi_123==.')).toBe('authorization: bearer [redacted].');
      expect(redact('bearer abcdefghijklmnopqrstuv')).toBe('bearer [redacted]');
    });

    it('does not mask ordinary words after Bearer', () => {
      const text = 'the Bearer of bad news, a bearer instrument. bearer token';
      expect(redact(text)).toBe(text);
    });

    it('masks the values of secret assignments and keeps the names', () => {
      expect(
        redact(
          'password=hunter2 api_key: abc123 clientSecret=xyz X-Api-Key: k1 token:t0k DB_PASSWORD = p4ss ' +
            'passwd=1 pwd=2 APIKEY=3 access_token=4',
        ),
      ).toBe(
        'password=[redacted] api_key: [redacted] clientSecret=[redacted] X-Api-Key: [redacted] token:[redacted] ' +
          'DB_PASSWORD = [redacted] passwd=[redacted] pwd=[redacted] APIKEY=[redacted] access_token=[redacted]',
      );
    });

    it('masks quoted values, in JSON and in URLs', () => {
      expect(redact('{"password": "correct horse battery", "user": "ana"}')).toBe(
        '{"password": "[redacted]", "user": "ana"}',
      );
      expect(redact("secret='s3 cr3t'; next")).toBe("secret='[redacted]'; next");
      expect(redact('https://x.io/cb?token=abc.def&state=1')).toBe(
        'https://x.io/cb?token=[redacted]&state=1',
      );
    });

    it('does not mask names that only contain a secret name', () => {
      const text = 'monkey=banana max_tokens: 2000 keyboard: qwerty tokens=5 MONKEY=1 hotkey=F5';
      expect(redact(text)).toBe(text);
    });

    it('masks long words that mix letters and digits', () => {
      expect(
        redact('hash a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 id 123e4567-e89b-12d3-a456-426614174000'),
      ).toBe('hash [redacted] id [redacted]');
    });

    it('does not mask short or letters-only words', () => {
      const text =
        'internationalizationlocalizationsupport sk_live_short AKIAlowercaseletters1234 a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p';
      expect(redact(text)).toBe(text);
    });
  });

  describe('linear time', () => {
    const MB = 1_000_000;
    /** Adversarial texts of about `size` characters, and their redaction. */
    const inputs: [string, (size: number) => string, (text: string) => string][] = [
      ['a@', (size) => 'a@'.repeat(size / 2), (text) => text],
      ['1 ', (size) => '1 '.repeat(size / 2), (text) => text],
      ['12 ', (size) => '12 '.repeat(size / 3), (text) => text],
      ['-', (size) => '-'.repeat(size), (text) => text],
      ['(1)', (size) => '(1)'.repeat(size / 3), (text) => text],
      ['date and time', (size) => '2026-03-09 14:00 '.repeat(size / 17), (text) => text],
      ['bearer', (size) => 'bearer '.repeat(size / 7), (text) => text],
      ['key=', (size) => 'key='.repeat(size / 4), () => 'key=[redacted]'],
      ['x@y.co ', (size) => 'x@y.co '.repeat(size / 7), (text) => text.replaceAll('x@y.co', '[redacted]')],
    ];

    /** Redacts a text with every pattern and a value; returns the output and the time taken. */
    const timed = (text: string): [string, number] => {
      const started = performance.now();
      const out = redactAll(text, ['zzz']);
      return [out, performance.now() - started];
    };

    // Linearity, robust to a busy machine (the suite runs files in parallel on few cores):
    // 10 times the text must take under 30 times the best of three runs over 1 MB (which also
    // warm up the JIT), with a floor of 3 s; a quadratic scan takes about 100 times as long.
    // A slow run of the large text is retried once before failing, so that one preemption or
    // garbage collection does not fail the test; a quadratic scan fails both attempts.
    it.each(inputs)(
      'redacts 10 MB of `%s` in linear time',
      (_name, make, expected) => {
        const small = make(MB);
        let smallMs = Infinity;
        for (let run = 0; run < 3; run++) {
          const [out, ms] = timed(small);
          expect(out === expected(small)).toBe(true);
          smallMs = Math.min(smallMs, ms);
        }
        const bound = Math.max(3000, 30 * smallMs);
        const text = make(10 * MB);
        let [out, elapsedMs] = timed(text);
        if (elapsedMs >= bound) [out, elapsedMs] = timed(text);
        expect(out === expected(text)).toBe(true);
        expect(elapsedMs).toBeLessThan(bound);
      },
      30_000,
    );
  });
});
