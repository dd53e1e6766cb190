import { describe, expect, it } from 'vitest';
import { EscalationError, PolicyError, parseDuration } from '../../src/index.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** The PolicyError `parseDuration` throws for `input` (fails the test when it does not throw one). */
function durationError(input: unknown): PolicyError {
  try {
    parseDuration(input as string);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected parseDuration to throw a PolicyError');
}

describe('parseDuration', () => {
  it.each([
    ['15m', 15 * M],
    ['4h', 4 * H],
    ['1h30m', 90 * M],
    ['1h 30m', 90 * M],
    ['90s', 90 * S],
    ['250ms', 250],
    ['1.5h', 90 * M],
    ['1h30m15s250ms', H + 30 * M + 15 * S + 250],
    ['0ms', 0],
    ['  15m  ', 15 * M],
    ['PT1H30M', 90 * M],
    ['PT0.5S', 500],
    ['PT15M', 15 * M],
    ['pt15m', 15 * M],
    ['PT0S', 0],
  ])('parses %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('refuses days, weeks and years because a business day is ambiguous', () => {
    expect(durationError('3d').issues).toMatchInlineSnapshot(`
      [
        {
          "code": "duration_unit_not_allowed",
          "message": "invalid duration \`3d\`: days, weeks, months and years are not accepted: a business day is ambiguous (8 h? 24 h? until the next opening?), write hours such as \`24h\` or \`8h\`",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(durationError('P1D').issues).toMatchInlineSnapshot(`
      [
        {
          "code": "duration_unit_not_allowed",
          "message": "invalid duration \`P1D\`: days, weeks, months and years are not accepted: a business day is ambiguous (8 h? 24 h? until the next opening?), write hours such as \`24h\` or \`8h\`",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(durationError('1w').message).toMatchInlineSnapshot(
      `"invalid duration \`1w\`: days, weeks, months and years are not accepted: a business day is ambiguous (8 h? 24 h? until the next opening?), write hours such as \`24h\` or \`8h\`"`,
    );
  });

  it('refuses days even when combined with hours', () => {
    expect(durationError('P1DT2H').issues[0]?.code).toBe('duration_unit_not_allowed');
    expect(durationError('1d2h').issues[0]?.code).toBe('duration_unit_not_allowed');
    expect(durationError('P0D').issues[0]?.code).toBe('duration_unit_not_allowed');
  });

  it('refuses a negative duration', () => {
    expect(durationError('-5m').issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_duration",
          "message": "invalid duration \`-5m\`: durations cannot be negative",
          "path": [],
          "severity": "error",
        },
      ]
    `);
  });

  it('refuses text that is not a duration', () => {
    expect(durationError('abc').issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_duration",
          "message": "invalid duration \`abc\`: expected a number and a unit (\`h\`, \`m\`, \`s\`, \`ms\`) such as \`15m\`, \`4h\`, \`1h30m\` or \`PT1H30M\`",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(durationError('').issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_duration",
          "message": "invalid duration \`\`: expected a duration such as \`15m\`, \`4h\`, \`1h30m\` or \`PT1H30M\`",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(durationError('   ').issues[0]?.code).toBe('invalid_duration');
    expect(durationError('PT').issues[0]?.code).toBe('invalid_duration');
    expect(durationError('P').issues[0]?.code).toBe('invalid_duration');
    expect(durationError('PT1H 30M').issues[0]?.code).toBe('invalid_duration');
  });

  it('refuses units out of order or repeated', () => {
    expect(durationError('1m1h').issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_duration",
          "message": "invalid duration \`1m1h\`: units must appear once each, largest first (\`1h30m\`)",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(durationError('1h1h').issues[0]?.code).toBe('invalid_duration');
  });

  it('refuses a number without a unit', () => {
    expect(durationError('5').issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_duration",
          "message": "invalid duration \`5\`: expected a number and a unit (\`h\`, \`m\`, \`s\`, \`ms\`) such as \`15m\`, \`4h\`, \`1h30m\` or \`PT1H30M\`",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(durationError('1h30').issues[0]?.code).toBe('invalid_duration');
  });

  it('refuses a duration that is not a whole number of milliseconds', () => {
    expect(durationError('1.0001ms').issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_duration",
          "message": "invalid duration \`1.0001ms\`: it is not a whole number of milliseconds",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(durationError('PT0.0005S').issues[0]?.code).toBe('invalid_duration');
  });

  it('refuses a fraction of a millisecond however small', () => {
    expect(durationError('1.0000001ms').issues[0]?.code).toBe('invalid_duration');
  });

  it('refuses months as a calendar unit', () => {
    expect(durationError('5mo').issues[0]?.code).toBe('duration_unit_not_allowed');
  });

  it('refuses upper-case short units, since `M` could be read as months', () => {
    expect(durationError('1M').issues[0]?.message).toBe(
      'invalid duration `1M`: write units in lowercase: `h`, `m`, `s`, `ms` (`M` could be read as months)',
    );
    expect(durationError('4H').issues[0]?.code).toBe('invalid_duration');
  });

  it('allows a fraction only on the last ISO 8601 component', () => {
    expect(durationError('PT1.5H30M').issues[0]?.message).toBe(
      'invalid duration `PT1.5H30M`: only the last component of an ISO 8601 duration may have a fraction',
    );
  });

  it('quotes the input on one line, whatever it contains', () => {
    expect(durationError('1h`\nfoo').issues[0]?.message).toBe(
      'invalid duration `1h\\`\\u000afoo`: expected a number and a unit (`h`, `m`, `s`, `ms`) such as `15m`, `4h`, `1h30m` or `PT1H30M`',
    );
  });

  it('refuses a duration too long to count in safe integer milliseconds', () => {
    expect(durationError('99999999999999h').issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_duration",
          "message": "invalid duration \`99999999999999h\`: it is too long",
          "path": [],
          "severity": "error",
        },
      ]
    `);
  });

  it('refuses values that are not strings with invalid_type', () => {
    expect(durationError(15).issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_type",
          "message": "expected a duration string such as \`15m\`, \`4h\`, \`1h30m\` or \`PT1H30M\`, received number",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(durationError(null).issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_type",
          "message": "expected a duration string such as \`15m\`, \`4h\`, \`1h30m\` or \`PT1H30M\`, received null",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(durationError({ minutes: 15 }).issues).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_type",
          "message": "expected a duration string such as \`15m\`, \`4h\`, \`1h30m\` or \`PT1H30M\`, received object",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(durationError(['15m']).issues[0]?.message).toMatch(/received array$/);
    expect(durationError(undefined).issues[0]?.code).toBe('invalid_type');
  });

  it('throws a PolicyError with one issue at the root path', () => {
    const error = durationError('3d');
    expect(error).toBeInstanceOf(EscalationError);
    expect(error.name).toBe('PolicyError');
    expect(error.code).toBe('invalid_duration');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toEqual([]);
    // The one issue already says what is invalid: the message is that line alone.
    expect(error.message).toBe(error.issues[0]?.message);
  });
});
