import { describe, expect, it } from 'vitest';
import {
  PolicyError,
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextOpening,
  type CalendarDefinition,
  type Issue,
} from '../../src/index.js';
import { H, WEEKDAYS } from '../support/calendars.js';

/** The PolicyError `compileCalendar` throws for `input` (fails the test when it does not throw one). */
function compileError(input: unknown): PolicyError {
  try {
    compileCalendar(input as CalendarDefinition);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected compileCalendar to throw a PolicyError');
}

function issuesOf(input: unknown): readonly Issue[] {
  return compileError(input).issues;
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** Every invalid input below: each must give a PolicyError with well-formed issues. */
const BAD_INPUTS: readonly [string, unknown][] = [
  ['an unknown time zone', { timezone: 'Mars/Olympus', weekly: '24x7' }],
  ['an hour past 24', { timezone: 'UTC', weekly: { mon: [['09:00', '25:00']] } }],
  ['24:30', { timezone: 'UTC', weekly: { mon: [['09:00', '24:30']] } }],
  ['a one-digit hour', { timezone: 'UTC', weekly: { mon: [['9:00', '17:00']] } }],
  ['an end before the start', { timezone: 'UTC', weekly: { mon: [['17:00', '09:00']] } }],
  ['an empty window', { timezone: 'UTC', weekly: { mon: [['09:00', '09:00']] } }],
  [
    'overlapping windows',
    {
      timezone: 'UTC',
      weekly: {
        mon: [
          ['09:00', '12:00'],
          ['11:00', '13:00'],
        ],
      },
    },
  ],
  [
    'a duplicate exception',
    {
      timezone: 'UTC',
      weekly: WEEKDAYS,
      exceptions: [
        { date: '2026-12-24', hours: [] },
        { date: '2026-12-24', hours: [['09:00', '12:00']] },
      ],
    },
  ],
  ['an impossible date', { timezone: 'UTC', weekly: WEEKDAYS, holidays: [{ date: '2026-02-30' }] }],
  ['a null input', null],
  ['an array input', []],
  ['a number input', 42],
  ['numbers instead of strings', { timezone: 'UTC', weekly: { mon: [[9, 17]] } }],
];

describe('compileCalendar', () => {
  it('opens split shifts and closes the gap between them', () => {
    const cal = compileCalendar({
      timezone: 'Europe/Berlin',
      weekly: {
        tue: [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
      },
    });
    // 2026-01-06 is a Tuesday; Berlin is +01:00 in January.
    expect(isOpen(cal, '2026-01-06T11:59:59.999+01:00')).toBe(true);
    expect(isOpen(cal, '2026-01-06T12:00:00+01:00')).toBe(false);
    expect(isOpen(cal, '2026-01-06T12:59:59.999+01:00')).toBe(false);
    expect(isOpen(cal, '2026-01-06T13:00:00+01:00')).toBe(true);
    expect(businessTimeBetween(cal, '2026-01-06T00:00+01:00', '2026-01-07T00:00+01:00')).toBe(7 * H);
    // 11:00 + 2 h: one hour before lunch, one after → 14:00 local.
    expect(iso(addBusinessTime(cal, '2026-01-06T11:00+01:00', 2 * H))).toBe('2026-01-06T13:00:00.000Z');
  });

  it('accepts the windows of a day in any order', () => {
    const ordered = compileCalendar({
      timezone: 'UTC',
      weekly: {
        tue: [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
      },
    });
    const reversed = compileCalendar({
      timezone: 'UTC',
      weekly: {
        tue: [
          ['13:00', '17:00'],
          ['09:00', '12:00'],
        ],
      },
    });
    for (const at of ['2026-01-06T08:59Z', '2026-01-06T09:00Z', '2026-01-06T12:30Z', '2026-01-06T16:59Z']) {
      expect(isOpen(reversed, at)).toBe(isOpen(ordered, at));
    }
    expect(businessTimeBetween(reversed, '2026-01-06T00:00Z', '2026-01-07T00:00Z')).toBe(7 * H);
  });

  it('merges windows that touch into one open period', () => {
    const cal = compileCalendar({
      timezone: 'UTC',
      weekly: {
        mon: [
          ['09:00', '12:00'],
          ['12:00', '17:00'],
        ],
      },
    });
    expect(isOpen(cal, '2026-01-05T12:00Z')).toBe(true);
    expect(iso(nextOpening(cal, '2026-01-05T12:00Z'))).toBe('2026-01-05T12:00:00.000Z');
    expect(businessTimeBetween(cal, '2026-01-05T00:00Z', '2026-01-06T00:00Z')).toBe(8 * H);
  });

  it('is always open on a 24x7 calendar', () => {
    const cal = compileCalendar({ timezone: 'Asia/Tokyo', weekly: '24x7' });
    expect(cal.timezone).toBe('Asia/Tokyo');
    expect(cal.warnings).toEqual([]);
    expect(isOpen(cal, '2026-01-03T03:00Z')).toBe(true);
    expect(iso(nextOpening(cal, '2026-01-03T03:00Z'))).toBe('2026-01-03T03:00:00.000Z');
    expect(businessTimeBetween(cal, '2026-01-01T00:00Z', '2026-01-08T00:00Z')).toBe(7 * 24 * H);
    expect(iso(addBusinessTime(cal, '2026-01-03T03:00Z', 30 * H))).toBe('2026-01-04T09:00:00.000Z');
  });

  it('still closes holidays on a 24x7 calendar', () => {
    const cal = compileCalendar({
      timezone: 'Asia/Tokyo',
      weekly: '24x7',
      holidays: [{ date: '2026-01-01' }],
    });
    // Tokyo is +09:00: the holiday is 2025-12-31T15:00Z to 2026-01-01T15:00Z.
    expect(isOpen(cal, '2026-01-01T12:00+09:00')).toBe(false);
    expect(isOpen(cal, '2025-12-31T23:59:59.999+09:00')).toBe(true);
    expect(iso(nextOpening(cal, '2026-01-01T00:00+09:00'))).toBe('2026-01-01T15:00:00.000Z');
    expect(businessTimeBetween(cal, '2025-12-31T00:00+09:00', '2026-01-03T00:00+09:00')).toBe(48 * H);
  });

  it('reads 24:00 as the end of the day', () => {
    const cal = compileCalendar({ timezone: 'America/New_York', weekly: { fri: [['17:00', '24:00']] } });
    // 2026-01-09 is a Friday; New York is -05:00 in January.
    expect(isOpen(cal, '2026-01-09T23:59:59.999-05:00')).toBe(true);
    expect(isOpen(cal, '2026-01-10T00:00-05:00')).toBe(false);
    expect(businessTimeBetween(cal, '2026-01-09T00:00-05:00', '2026-01-11T00:00-05:00')).toBe(7 * H);
    // Ends exactly at the closing instant (Saturday 00:00 local).
    expect(iso(addBusinessTime(cal, '2026-01-09T23:00-05:00', H))).toBe('2026-01-10T05:00:00.000Z');
    // One millisecond more runs into next Friday 17:00.
    expect(iso(addBusinessTime(cal, '2026-01-09T23:00-05:00', H + 1))).toBe('2026-01-16T22:00:00.001Z');
  });

  it('joins a night shift across midnight into one open period', () => {
    const cal = compileCalendar({
      timezone: 'Europe/Berlin',
      weekly: { mon: [['22:00', '24:00']], tue: [['00:00', '06:00']] },
    });
    // Monday 2026-01-05 22:00 to Tuesday 06:00, Berlin +01:00.
    expect(isOpen(cal, '2026-01-05T23:59:59.999+01:00')).toBe(true);
    expect(isOpen(cal, '2026-01-06T00:00+01:00')).toBe(true);
    expect(iso(nextOpening(cal, '2026-01-06T00:00+01:00'))).toBe('2026-01-05T23:00:00.000Z');
    // Runs straight through midnight: 23:00 + 2 h = 01:00.
    expect(iso(addBusinessTime(cal, '2026-01-05T23:00+01:00', 2 * H))).toBe('2026-01-06T00:00:00.000Z');
    // Reaching midnight is not a closing instant, and the whole shift is 8 h.
    expect(iso(addBusinessTime(cal, '2026-01-05T23:00+01:00', H))).toBe('2026-01-05T23:00:00.000Z');
    expect(businessTimeBetween(cal, '2026-01-05T22:00+01:00', '2026-01-06T06:00+01:00')).toBe(8 * H);
    expect(iso(addBusinessTime(cal, '2026-01-05T22:00+01:00', 8 * H))).toBe('2026-01-06T05:00:00.000Z');
  });

  it('closes a single-date holiday', () => {
    const cal = compileCalendar({
      timezone: 'America/New_York',
      weekly: WEEKDAYS,
      holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
    });
    expect(isOpen(cal, '2026-12-25T12:00-05:00')).toBe(false);
    expect(isOpen(cal, '2026-12-24T12:00-05:00')).toBe(true);
    // Thursday 17:00 → Monday 2026-12-28 09:00 EST, skipping Christmas and the weekend.
    expect(iso(nextOpening(cal, '2026-12-24T17:00-05:00'))).toBe('2026-12-28T14:00:00.000Z');
  });

  it('closes every date of an inclusive holiday range', () => {
    const cal = compileCalendar({
      timezone: 'America/New_York',
      weekly: WEEKDAYS,
      holidays: [{ from: '2026-12-24', to: '2026-12-31', name: 'Winter break' }],
    });
    expect(isOpen(cal, '2026-12-24T12:00-05:00')).toBe(false);
    expect(isOpen(cal, '2026-12-31T12:00-05:00')).toBe(false);
    expect(isOpen(cal, '2027-01-01T12:00-05:00')).toBe(true);
    // Mon 21, Tue 22, Wed 23 and Fri 2027-01-01 are open: 4 days of 8 h.
    expect(businessTimeBetween(cal, '2026-12-21T00:00-05:00', '2027-01-04T00:00-05:00')).toBe(32 * H);
  });

  it('closes an annual holiday every year', () => {
    const cal = compileCalendar({ timezone: 'UTC', weekly: WEEKDAYS, holidays: [{ annual: '01-01' }] });
    expect(isOpen(cal, '2027-01-01T12:00Z')).toBe(false); // a Friday
    expect(isOpen(cal, '2032-01-01T12:00Z')).toBe(false); // a Thursday
    expect(isOpen(cal, '2027-01-04T12:00Z')).toBe(true);
  });

  it('closes an annual 02-29 holiday in leap years only', () => {
    const cal = compileCalendar({ timezone: 'UTC', weekly: WEEKDAYS, holidays: [{ annual: '02-29' }] });
    expect(isOpen(cal, '2028-02-29T12:00Z')).toBe(false); // a Tuesday in a leap year
    expect(isOpen(cal, '2028-02-28T12:00Z')).toBe(true);
    expect(isOpen(cal, '2028-03-01T12:00Z')).toBe(true);
    // Not moved to a neighbouring date in common years.
    expect(isOpen(cal, '2027-02-26T12:00Z')).toBe(true);
    expect(isOpen(cal, '2027-03-01T12:00Z')).toBe(true);
  });

  it('replaces a date’s hours with its exception hours', () => {
    const cal = compileCalendar({
      timezone: 'America/New_York',
      weekly: WEEKDAYS,
      exceptions: [
        { date: '2026-12-24', hours: [['09:00', '13:00']], name: 'Christmas Eve' },
        { date: '2026-03-07', hours: [['10:00', '14:00']], name: 'Saturday cut-over' },
      ],
    });
    expect(isOpen(cal, '2026-12-24T12:59:59.999-05:00')).toBe(true);
    expect(isOpen(cal, '2026-12-24T13:00-05:00')).toBe(false);
    expect(businessTimeBetween(cal, '2026-12-24T00:00-05:00', '2026-12-25T00:00-05:00')).toBe(4 * H);
    // The exception also opens a Saturday that the weekly hours leave closed.
    expect(isOpen(cal, '2026-03-07T10:00-05:00')).toBe(true);
    expect(businessTimeBetween(cal, '2026-03-07T00:00-05:00', '2026-03-08T00:00-05:00')).toBe(4 * H);
  });

  it('closes the whole date for an exception with no hours', () => {
    const cal = compileCalendar({
      timezone: 'America/New_York',
      weekly: WEEKDAYS,
      exceptions: [{ date: '2026-01-05', hours: [] }],
    });
    expect(isOpen(cal, '2026-01-05T12:00-05:00')).toBe(false);
    expect(businessTimeBetween(cal, '2026-01-05T00:00-05:00', '2026-01-06T00:00-05:00')).toBe(0);
    expect(iso(nextOpening(cal, '2026-01-05T08:00-05:00'))).toBe('2026-01-06T14:00:00.000Z');
  });

  it.each(BAD_INPUTS)('throws a PolicyError with well-formed issues for %s', (_, input) => {
    const error = compileError(input);
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(issue.severity).toBe('error');
      expect(Array.isArray(issue.path)).toBe(true);
      // One line, lowercase start, no final period (STYLE §8.4).
      expect(issue.message).toMatch(/^[a-z`][^\n]*[^.]$/);
    }
  });

  it('reports an unknown time zone with a suggestion when one is close', () => {
    expect(issuesOf({ timezone: 'Mars/Olympus', weekly: '24x7' })).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_timezone",
          "message": "unknown time zone \`Mars/Olympus\`: expected an IANA name such as \`Europe/Berlin\`",
          "path": [
            "timezone",
          ],
          "severity": "error",
        },
      ]
    `);
    expect(compileError({ timezone: 'America/New_Yrok', weekly: WEEKDAYS }).message).toMatchInlineSnapshot(`
      "invalid calendar: 1 error
      timezone: unknown time zone \`America/New_Yrok\` (did you mean \`America/New_York\`?): expected an IANA name such as \`Europe/Berlin\`"
    `);
  });

  it('reports invalid wall times', () => {
    expect(
      issuesOf({
        timezone: 'UTC',
        weekly: {
          mon: [['09:00', '25:00']],
          tue: [['09:00', '24:30']],
          wed: [['9:00', '17:00']],
          thu: [['24:00', '24:00']],
          fri: [['09:60', '17:00']],
        },
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_time",
          "message": "invalid end time \`25:00\`: expected \`HH:MM\` from \`00:00\` to \`24:00\`",
          "path": [
            "weekly",
            "mon",
            0,
            1,
          ],
          "severity": "error",
        },
        {
          "code": "invalid_time",
          "message": "invalid end time \`24:30\`: expected \`HH:MM\` from \`00:00\` to \`24:00\`",
          "path": [
            "weekly",
            "tue",
            0,
            1,
          ],
          "severity": "error",
        },
        {
          "code": "invalid_time",
          "message": "invalid start time \`9:00\`: expected \`HH:MM\` from \`00:00\` to \`23:59\`",
          "path": [
            "weekly",
            "wed",
            0,
            0,
          ],
          "severity": "error",
        },
        {
          "code": "invalid_time",
          "message": "invalid start time \`24:00\`: expected \`HH:MM\` from \`00:00\` to \`23:59\`",
          "path": [
            "weekly",
            "thu",
            0,
            0,
          ],
          "severity": "error",
        },
        {
          "code": "invalid_time",
          "message": "invalid start time \`09:60\`: expected \`HH:MM\` from \`00:00\` to \`23:59\`",
          "path": [
            "weekly",
            "fri",
            0,
            0,
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports a window that ends before it starts', () => {
    expect(issuesOf({ timezone: 'UTC', weekly: { mon: [['22:00', '06:00']] } })).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_window",
          "message": "window \`22:00\`–\`06:00\` ends before it starts (use \`24:00\` for midnight; a night shift is two windows on two days)",
          "path": [
            "weekly",
            "mon",
            0,
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports an empty window', () => {
    expect(issuesOf({ timezone: 'UTC', weekly: { mon: [['09:00', '09:00']] } })).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_window",
          "message": "window \`09:00\`–\`09:00\` is empty",
          "path": [
            "weekly",
            "mon",
            0,
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports overlapping windows', () => {
    expect(
      issuesOf({
        timezone: 'UTC',
        weekly: {
          mon: [
            ['09:00', '12:00'],
            ['11:00', '13:00'],
          ],
          tue: [
            ['13:00', '17:00'],
            ['09:00', '14:00'],
          ],
        },
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "overlapping_windows",
          "message": "window 1 overlaps window 0",
          "path": [
            "weekly",
            "mon",
            1,
          ],
          "severity": "error",
        },
        {
          "code": "overlapping_windows",
          "message": "window 0 overlaps window 1",
          "path": [
            "weekly",
            "tue",
            0,
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports every window that overlaps another, not only the first', () => {
    const issues = issuesOf({
      timezone: 'UTC',
      weekly: {
        mon: [
          ['09:00', '12:00'],
          ['10:00', '11:00'],
          ['11:00', '13:00'],
        ],
      },
    });
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['overlapping_windows', ['weekly', 'mon', 1]],
      ['overlapping_windows', ['weekly', 'mon', 2]],
    ]);
  });

  it('reports a date that is both a single-date holiday and an exception', () => {
    expect(
      issuesOf({
        timezone: 'UTC',
        weekly: WEEKDAYS,
        holidays: [{ date: '2026-12-25' }],
        exceptions: [{ date: '2026-12-25', hours: [['09:00', '12:00']] }],
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "holiday_exception_conflict",
          "message": "\`2026-12-25\` is both a holiday and an exception: remove one of them",
          "path": [
            "exceptions",
            0,
            "date",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports an exception inside a holiday range', () => {
    expect(
      issuesOf({
        timezone: 'UTC',
        weekly: WEEKDAYS,
        holidays: [{ from: '2026-12-24', to: '2026-12-31' }],
        exceptions: [{ date: '2026-12-28', hours: [['09:00', '12:00']] }],
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "holiday_exception_conflict",
          "message": "\`2026-12-28\` is both a holiday and an exception: remove one of them",
          "path": [
            "exceptions",
            0,
            "date",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports an exception on an annual holiday', () => {
    expect(
      issuesOf({
        timezone: 'UTC',
        weekly: WEEKDAYS,
        holidays: [{ annual: '12-25' }],
        exceptions: [{ date: '2030-12-25', hours: [] }],
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "holiday_exception_conflict",
          "message": "\`2030-12-25\` is both a holiday and an exception: remove one of them",
          "path": [
            "exceptions",
            0,
            "date",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports two exceptions on one date', () => {
    expect(
      issuesOf({
        timezone: 'UTC',
        weekly: WEEKDAYS,
        exceptions: [
          { date: '2026-12-24', hours: [['09:00', '13:00']] },
          { date: '2026-12-24', hours: [] },
        ],
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "duplicate_exception",
          "message": "two exceptions for \`2026-12-24\`: keep one",
          "path": [
            "exceptions",
            1,
            "date",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports dates that do not exist', () => {
    expect(
      issuesOf({
        timezone: 'UTC',
        weekly: WEEKDAYS,
        holidays: [{ date: '2026-02-30' }, { date: '2026-2-3' }, { from: '2026-13-01', to: '0999-01-01' }],
        exceptions: [{ date: '2027-02-29', hours: [] }],
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_date",
          "message": "invalid date \`2026-02-30\`: expected a real date \`YYYY-MM-DD\` (year 1000–9999)",
          "path": [
            "holidays",
            0,
            "date",
          ],
          "severity": "error",
        },
        {
          "code": "invalid_date",
          "message": "invalid date \`2026-2-3\`: expected a real date \`YYYY-MM-DD\` (year 1000–9999)",
          "path": [
            "holidays",
            1,
            "date",
          ],
          "severity": "error",
        },
        {
          "code": "invalid_date",
          "message": "invalid date \`2026-13-01\`: expected a real date \`YYYY-MM-DD\` (year 1000–9999)",
          "path": [
            "holidays",
            2,
            "from",
          ],
          "severity": "error",
        },
        {
          "code": "invalid_date",
          "message": "invalid date \`0999-01-01\`: expected a real date \`YYYY-MM-DD\` (year 1000–9999)",
          "path": [
            "holidays",
            2,
            "to",
          ],
          "severity": "error",
        },
        {
          "code": "invalid_date",
          "message": "invalid date \`2027-02-29\`: expected a real date \`YYYY-MM-DD\` (year 1000–9999)",
          "path": [
            "exceptions",
            0,
            "date",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports a holiday range that ends before it starts', () => {
    expect(
      issuesOf({ timezone: 'UTC', weekly: WEEKDAYS, holidays: [{ from: '2026-12-31', to: '2026-12-24' }] }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_date_range",
          "message": "holiday range ends \`2026-12-24\` before it starts \`2026-12-31\`",
          "path": [
            "holidays",
            0,
            "to",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports an invalid annual date', () => {
    expect(
      issuesOf({
        timezone: 'UTC',
        weekly: WEEKDAYS,
        holidays: [{ annual: '13-01' }, { annual: '02-30' }, { annual: '2026-12-25' }],
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_date",
          "message": "invalid yearly date \`13-01\`: expected \`MM-DD\`",
          "path": [
            "holidays",
            0,
            "annual",
          ],
          "severity": "error",
        },
        {
          "code": "invalid_date",
          "message": "invalid yearly date \`02-30\`: expected \`MM-DD\`",
          "path": [
            "holidays",
            1,
            "annual",
          ],
          "severity": "error",
        },
        {
          "code": "invalid_date",
          "message": "invalid yearly date \`2026-12-25\`: expected \`MM-DD\`",
          "path": [
            "holidays",
            2,
            "annual",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports unknown keys at every level', () => {
    expect(
      issuesOf({
        timeZone: 'UTC',
        weekly: { monday: [['09:00', '17:00']] },
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "missing_key",
          "message": "missing required key \`timezone\`",
          "path": [
            "timezone",
          ],
          "severity": "error",
        },
        {
          "code": "unknown_key",
          "message": "unknown key \`monday\`",
          "path": [
            "weekly",
            "monday",
          ],
          "severity": "error",
        },
        {
          "code": "unknown_key",
          "message": "unknown key \`timeZone\` (did you mean \`timezone\`?)",
          "path": [
            "timeZone",
          ],
          "severity": "error",
        },
      ]
    `);
    expect(
      issuesOf({
        timezone: 'UTC',
        weekly: WEEKDAYS,
        holidays: [{ date: '2026-12-25', observed: true }],
        exceptions: [{ date: '2026-12-24', windows: [] }],
        hours: {},
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "unknown_key",
          "message": "unknown key \`observed\`",
          "path": [
            "holidays",
            0,
            "observed",
          ],
          "severity": "error",
        },
        {
          "code": "missing_key",
          "message": "missing required key \`hours\`",
          "path": [
            "exceptions",
            0,
            "hours",
          ],
          "severity": "error",
        },
        {
          "code": "unknown_key",
          "message": "unknown key \`windows\`",
          "path": [
            "exceptions",
            0,
            "windows",
          ],
          "severity": "error",
        },
        {
          "code": "unknown_key",
          "message": "unknown key \`hours\`",
          "path": [
            "hours",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports input that is not an object', () => {
    expect(issuesOf(null)).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_type",
          "message": "expected object, received null",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(issuesOf([])).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_type",
          "message": "expected object, received array",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(issuesOf(42)).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_type",
          "message": "expected object, received number",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(issuesOf('UTC')).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_type",
          "message": "expected object, received string",
          "path": [],
          "severity": "error",
        },
      ]
    `);
    expect(compileError(undefined).message).toMatchInlineSnapshot(`
      "invalid calendar: 1 error
      expected object, received undefined"
    `);
  });

  it('reports numbers where strings are expected', () => {
    expect(
      issuesOf({
        timezone: 5,
        weekly: '24x7',
        exceptions: [{ date: '2026-12-24', hours: [[9, 13]] }],
      }),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_type",
          "message": "expected string, received number",
          "path": [
            "timezone",
          ],
          "severity": "error",
        },
        {
          "code": "invalid_type",
          "message": "expected string, received number",
          "path": [
            "exceptions",
            0,
            "hours",
            0,
            0,
          ],
          "severity": "error",
        },
        {
          "code": "invalid_type",
          "message": "expected string, received number",
          "path": [
            "exceptions",
            0,
            "hours",
            0,
            1,
          ],
          "severity": "error",
        },
      ]
    `);
    // Inside a union (`weekly`, a holiday) the issue points at the element, as in `exceptions` above.
    expect(issuesOf({ timezone: 'UTC', weekly: { mon: [[9, 17]] } })).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_type",
          "message": "expected string, received number",
          "path": [
            "weekly",
            "mon",
            0,
            0,
          ],
          "severity": "error",
        },
        {
          "code": "invalid_type",
          "message": "expected string, received number",
          "path": [
            "weekly",
            "mon",
            0,
            1,
          ],
          "severity": "error",
        },
      ]
    `);
    expect(issuesOf({ timezone: 'UTC', weekly: WEEKDAYS, holidays: [{ date: 20261225 }] }))
      .toMatchInlineSnapshot(`
        [
          {
            "code": "invalid_type",
            "message": "expected string, received number",
            "path": [
              "holidays",
              0,
              "date",
            ],
            "severity": "error",
          },
        ]
      `);
  });

  it('prints every issue of a PolicyError on its own line', () => {
    expect(
      compileError({
        timezone: 'Europe/Berln',
        weekly: { mon: [['09:00', '25:00']], tue: [['17:00', '09:00']] },
        holidays: [{ date: '2026-02-30' }],
      }).message,
    ).toMatchInlineSnapshot(`
      "invalid calendar: 4 errors
      timezone: unknown time zone \`Europe/Berln\` (did you mean \`Europe/Berlin\`?): expected an IANA name such as \`Europe/Berlin\`
      weekly.mon[0][1]: invalid end time \`25:00\`: expected \`HH:MM\` from \`00:00\` to \`24:00\`
      weekly.tue[0]: window \`17:00\`–\`09:00\` ends before it starts (use \`24:00\` for midnight; a night shift is two windows on two days)
      holidays[0].date: invalid date \`2026-02-30\`: expected a real date \`YYYY-MM-DD\` (year 1000–9999)"
    `);
  });

  it('warns about a calendar with no open time, and answers every query at once', () => {
    const cal = compileCalendar({ timezone: 'UTC', weekly: { mon: [] } });
    expect(cal.warnings).toMatchInlineSnapshot(`
      [
        {
          "code": "calendar_never_open",
          "message": "calendar has no open time at all: every deadline on it is \`null\`",
          "path": [
            "weekly",
          ],
          "severity": "warning",
        },
      ]
    `);
    // Over the whole supported range: any search would take far longer than the test timeout.
    expect(addBusinessTime(cal, '1000-01-01T00:00Z', 1)).toBeNull();
    expect(addBusinessTime(cal, '1000-01-01T00:00Z', 0)).toBeNull();
    expect(nextOpening(cal, '1000-01-01T00:00Z')).toBeNull();
    expect(isOpen(cal, '2026-01-05T12:00Z')).toBe(false);
    expect(businessTimeBetween(cal, '1000-01-01T00:00Z', '9999-12-31T23:59:59.999Z')).toBe(0);
  });

  it('warns when holidays close every supported date', () => {
    const cal = compileCalendar({
      timezone: 'UTC',
      weekly: '24x7',
      holidays: [{ from: '1000-01-01', to: '9999-12-31' }],
    });
    expect(cal.warnings.map((issue) => issue.code)).toEqual(['calendar_never_open']);
  });

  it('warns when exceptions close the only open dates', () => {
    const cal = compileCalendar({
      timezone: 'UTC',
      weekly: {},
      exceptions: [{ date: '2026-01-05', hours: [] }],
    });
    expect(cal.warnings.map((issue) => issue.code)).toEqual(['calendar_never_open']);
  });

  it('never opens again after its only exception date in the past', () => {
    const cal = compileCalendar({
      timezone: 'UTC',
      weekly: {},
      exceptions: [{ date: '2020-01-06', hours: [['09:00', '17:00']] }],
    });
    expect(cal.warnings).toEqual([]);
    expect(addBusinessTime(cal, '2026-01-05T00:00Z', 1)).toBeNull();
    expect(addBusinessTime(cal, '2026-01-05T00:00Z', 0)).toBeNull();
    expect(nextOpening(cal, '2026-01-05T00:00Z')).toBeNull();
    expect(businessTimeBetween(cal, '2026-01-05T00:00Z', '9999-12-31T23:59:59.999Z')).toBe(0);
    // Before it, the date's 8 hours are there.
    expect(iso(addBusinessTime(cal, '2019-06-01T00:00Z', 8 * H))).toBe('2020-01-06T17:00:00.000Z');
    expect(addBusinessTime(cal, '2019-06-01T00:00Z', 8 * H + 1)).toBeNull();
    expect(businessTimeBetween(cal, '2019-06-01T00:00Z', '2026-01-05T00:00Z')).toBe(8 * H);
  });

  it('returns a frozen calendar', () => {
    const cal = compileCalendar({ timezone: 'UTC', weekly: WEEKDAYS });
    expect(Object.isFrozen(cal)).toBe(true);
    expect(Object.isFrozen(cal.warnings)).toBe(true);
    expect(() => {
      (cal as { timezone: string }).timezone = 'Europe/Berlin';
    }).toThrow(TypeError);
    expect(cal.timezone).toBe('UTC');
  });

  it('reports the canonical time zone name', () => {
    expect(compileCalendar({ timezone: 'utc', weekly: '24x7' }).timezone).toBe('UTC');
    expect(compileCalendar({ timezone: 'europe/berlin', weekly: '24x7' }).timezone).toBe('Europe/Berlin');
  });

  it('does not mutate a deeply frozen definition', () => {
    const definition = deepFreeze<CalendarDefinition>({
      timezone: 'America/New_York',
      weekly: {
        mon: [['09:00', '17:00']],
        tue: [
          ['13:00', '17:00'],
          ['09:00', '12:00'],
        ],
      },
      holidays: [{ date: '2026-12-25' }, { from: '2026-12-28', to: '2026-12-31' }, { annual: '01-01' }],
      exceptions: [{ date: '2026-12-24', hours: [['09:00', '13:00']] }],
    });
    const before = structuredClone(definition);
    const cal = compileCalendar(definition);
    expect(definition).toEqual(before);
    expect(isOpen(cal, '2026-01-06T12:30-05:00')).toBe(false);
  });

  it('is not affected by later changes to the definition', () => {
    const definition: { timezone: string; weekly: { mon: [string, string][] } } = {
      timezone: 'UTC',
      weekly: { mon: [['09:00', '17:00']] },
    };
    const cal = compileCalendar(definition);
    definition.timezone = 'Asia/Tokyo';
    definition.weekly.mon = [['09:00', '10:00']];
    expect(cal.timezone).toBe('UTC');
    expect(businessTimeBetween(cal, '2026-01-05T00:00Z', '2026-01-06T00:00Z')).toBe(8 * H);
  });
});

describe('compileCalendar edge cases', () => {
  it('reports the longer of two windows that start together as overlapping', () => {
    const issues = issuesOf({
      timezone: 'UTC',
      weekly: {
        mon: [
          ['09:00', '11:00'],
          ['09:00', '10:00'],
        ],
      },
    });
    expect(issues.map((i) => [i.code, i.path.join('.'), i.message])).toEqual([
      ['overlapping_windows', 'weekly.mon.1', 'window 1 overlaps window 0'],
    ]);
  });

  it('explains an unknown time zone without a suggestion where Intl cannot list zones', () => {
    const intl = Intl as { supportedValuesOf?: unknown };
    const original = intl.supportedValuesOf;
    delete intl.supportedValuesOf;
    try {
      expect(issuesOf({ timezone: 'America/New_Yrok', weekly: {} })[0]?.message).toBe(
        'unknown time zone `America/New_Yrok`: expected an IANA name such as `Europe/Berlin`',
      );
    } finally {
      intl.supportedValuesOf = original;
    }
    expect(issuesOf({ timezone: 'America/New_Yrok', weekly: {} })[0]?.message).toContain(
      '(did you mean `America/New_York`?)',
    );
  });

  it('keeps the union message when no holiday shape fits better than another', () => {
    expect(issuesOf({ timezone: 'UTC', weekly: {}, holidays: [{}] })).toEqual([
      {
        code: 'invalid_value',
        severity: 'error',
        path: ['holidays', 0],
        message: 'expected a holiday: `{ date }`, `{ from, to }` or `{ annual }`',
      },
    ]);
  });
});
