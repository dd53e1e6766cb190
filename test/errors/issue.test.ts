import { describe, expect, it } from 'vitest';
import {
  EscalationError,
  PolicyError,
  formatIssues,
  formatPath,
  toJsonPointer,
  type Issue,
} from '../../src/index.js';

const unknownZone: Issue = {
  code: 'invalid_timezone',
  severity: 'error',
  path: ['calendars', 'us', 'timezone'],
  message: 'unknown time zone `America/New_Yrok` (did you mean `America/New_York`?)',
};
const badEnd: Issue = {
  code: 'invalid_time',
  severity: 'error',
  path: ['calendars', 'us', 'weekly', 'mon', 0, 1],
  message: 'invalid end time `25:00`: expected `HH:MM` from `00:00` to `24:00`',
};
const neverOpen: Issue = {
  code: 'calendar_never_open',
  severity: 'warning',
  path: ['calendars', 'closed', 'weekly'],
  message: 'calendar has no open time at all: every deadline on it is `null`',
};

describe('formatPath', () => {
  it('joins keys with dots and indices with brackets', () => {
    expect(formatPath(['sla', 'targets', 2, 'calendar'])).toBe('sla.targets[2].calendar');
    expect(formatPath(['weekly', 'mon', 0, 1])).toBe('weekly.mon[0][1]');
  });

  it('prints (root) for the empty path', () => {
    expect(formatPath([])).toBe('(root)');
  });

  it('starts with an index when the path does', () => {
    expect(formatPath([3, 'when'])).toBe('[3].when');
  });

  it('keeps identifier-like keys with dashes, dollars and underscores bare', () => {
    expect(formatPath(['calendars', 'us-business', '$ref', '_x'])).toBe('calendars.us-business.$ref._x');
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['calendars', 'us east', 'a.b', '0', ''])).toBe('calendars["us east"]["a.b"]["0"][""]');
    expect(formatPath(['say "hi"'])).toBe('["say \\"hi\\""]');
  });
});

describe('toJsonPointer', () => {
  it('builds an RFC 6901 pointer', () => {
    expect(toJsonPointer(['rules', 3, 'when'])).toBe('/rules/3/when');
  });

  it('is the empty string for the whole document', () => {
    expect(toJsonPointer([])).toBe('');
  });

  it('escapes ~ as ~0 and / as ~1', () => {
    expect(toJsonPointer(['a/b', 'm~n'])).toBe('/a~1b/m~0n');
    // ~ is escaped first, so a literal "~1" does not turn into "/".
    expect(toJsonPointer(['~1', '/~'])).toBe('/~01/~1~0');
  });

  it('keeps an empty key as an empty segment', () => {
    expect(toJsonPointer(['', 'x'])).toBe('//x');
  });
});

describe('formatIssues', () => {
  it('prints one issue per line as path: message', () => {
    expect(formatIssues([unknownZone, badEnd])).toMatchInlineSnapshot(`
      "calendars.us.timezone: unknown time zone \`America/New_Yrok\` (did you mean \`America/New_York\`?)
      calendars.us.weekly.mon[0][1]: invalid end time \`25:00\`: expected \`HH:MM\` from \`00:00\` to \`24:00\`"
    `);
  });

  it('tags warnings', () => {
    expect(formatIssues([neverOpen])).toMatchInlineSnapshot(
      `"calendars.closed.weekly: calendar has no open time at all: every deadline on it is \`null\` (warning)"`,
    );
  });

  it('prints only the message for an issue at the root', () => {
    expect(
      formatIssues([
        { code: 'invalid_type', severity: 'error', path: [], message: 'expected object, received null' },
      ]),
    ).toBe('expected object, received null');
  });

  it('prints nothing for no issues', () => {
    expect(formatIssues([])).toBe('');
  });
});

describe('PolicyError', () => {
  it('is an EscalationError and an Error with a name and a code', () => {
    const error = new PolicyError([unknownZone]);
    expect(error).toBeInstanceOf(PolicyError);
    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PolicyError');
    expect(error.code).toBe('invalid_policy');
  });

  it('carries its issues', () => {
    const issues = [unknownZone, badEnd];
    expect(new PolicyError(issues).issues).toEqual(issues);
  });

  it('prints a count of errors and every issue on its own line', () => {
    expect(new PolicyError([unknownZone, badEnd, neverOpen]).message).toMatchInlineSnapshot(`
      "invalid policy: 2 errors
      calendars.us.timezone: unknown time zone \`America/New_Yrok\` (did you mean \`America/New_York\`?)
      calendars.us.weekly.mon[0][1]: invalid end time \`25:00\`: expected \`HH:MM\` from \`00:00\` to \`24:00\`
      calendars.closed.weekly: calendar has no open time at all: every deadline on it is \`null\` (warning)"
    `);
  });

  it('counts one error in the singular and leaves warnings out of the count', () => {
    expect(new PolicyError([unknownZone, neverOpen]).message.split('\n')[0]).toBe('invalid policy: 1 error');
  });

  it('names what was checked', () => {
    expect(new PolicyError([badEnd], 'calendar').message.split('\n')[0]).toBe('invalid calendar: 1 error');
    expect(new PolicyError([badEnd], 'duration').message.split('\n')[0]).toBe('invalid duration: 1 error');
    expect(new PolicyError([badEnd], 'calendar').code).toBe('invalid_calendar');
    expect(new PolicyError([badEnd], 'duration').code).toBe('invalid_duration');
  });

  it('prints a single root issue alone when it already says what is invalid', () => {
    const root = {
      code: 'invalid_duration',
      severity: 'error',
      path: [],
      message: 'invalid duration `3d`: no days',
    } as const;
    expect(new PolicyError([root], 'duration').message).toBe('invalid duration `3d`: no days');
    // Without that context the count line stays.
    expect(new PolicyError([root], 'calendar').message).toBe(
      'invalid calendar: 1 error\ninvalid duration `3d`: no days',
    );
  });
});

describe('EscalationError', () => {
  it('is an Error with a name, a code and a message', () => {
    const error = new EscalationError('some_code', 'something went wrong');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EscalationError');
    expect(error.code).toBe('some_code');
    expect(error.message).toBe('something went wrong');
  });
});
