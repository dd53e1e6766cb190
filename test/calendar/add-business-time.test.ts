import { describe, expect, it } from 'vitest';
import { addBusinessTime, compileCalendar, type Calendar, type Instant } from '../../src/index.js';
import { H, OFFICE, WEEKDAYS } from '../support/calendars.js';
import { thrown } from '../support/thrown.js';

// The shared office calendar: see test/support/calendars.ts.
const office = compileCalendar(OFFICE);
const plain = compileCalendar({ timezone: 'America/New_York', weekly: WEEKDAYS });
// Open only on Monday 2026-01-05, 09:00–17:00 EST.
const lastDay = compileCalendar({
  timezone: 'America/New_York',
  weekly: {},
  exceptions: [{ date: '2026-01-05', hours: [['09:00', '17:00']] }],
});

function add(cal: Calendar, start: Instant, durationMs: number): string | null {
  const end = addBusinessTime(cal, start, durationMs);
  return end === null ? null : end.toISOString();
}

describe('addBusinessTime', () => {
  it('adds business time inside one open period', () => {
    expect(add(office, '2026-01-05T10:00-05:00', 2 * H)).toBe('2026-01-05T17:00:00.000Z');
  });

  it('returns the closing instant when the duration runs out exactly at closing', () => {
    // 13:00 + 4 h = 17:00 the same day, not 09:00 the next morning.
    expect(add(office, '2026-01-05T13:00-05:00', 4 * H)).toBe('2026-01-05T22:00:00.000Z');
  });

  it('continues at the next opening once the duration passes the closing instant', () => {
    expect(add(office, '2026-01-05T13:00-05:00', 4 * H + 1)).toBe('2026-01-06T14:00:00.001Z');
  });

  it('returns the start itself for a zero duration while open', () => {
    expect(add(office, '2026-01-05T10:00-05:00', 0)).toBe('2026-01-05T15:00:00.000Z');
    expect(add(office, '2026-01-05T09:00-05:00', 0)).toBe('2026-01-05T14:00:00.000Z');
    expect(add(office, '2026-01-05T16:59:59.999-05:00', 0)).toBe('2026-01-05T21:59:59.999Z');
  });

  it('returns the next opening for a zero duration while closed', () => {
    expect(add(office, '2026-01-10T12:00-05:00', 0)).toBe('2026-01-12T14:00:00.000Z');
    // The closing instant itself is closed.
    expect(add(office, '2026-01-05T17:00-05:00', 0)).toBe('2026-01-06T14:00:00.000Z');
  });

  it('starts counting at the next opening when started while closed', () => {
    expect(add(office, '2026-01-05T07:00-05:00', H)).toBe('2026-01-05T15:00:00.000Z');
    expect(add(office, '2026-01-11T12:00-05:00', H)).toBe('2026-01-12T15:00:00.000Z');
  });

  it('counts a whole open period when started exactly at its opening', () => {
    expect(add(office, '2026-01-05T09:00-05:00', 8 * H)).toBe('2026-01-05T22:00:00.000Z');
  });

  it('counts from the next opening when started exactly at a closing instant', () => {
    expect(add(office, '2026-01-05T17:00-05:00', H)).toBe('2026-01-06T15:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday 16:00 + 4 h: 1 h on Friday, 3 h on Monday → Monday 12:00.
    expect(add(office, '2026-01-09T16:00-05:00', 4 * H)).toBe('2026-01-12T17:00:00.000Z');
  });

  it('skips a single-date holiday', () => {
    // Friday 01-16 16:00 + 2 h, Monday 01-19 closed → Tuesday 10:00.
    expect(add(office, '2026-01-16T16:00-05:00', 2 * H)).toBe('2026-01-20T15:00:00.000Z');
  });

  it('skips every date of a holiday range', () => {
    // Friday 02-13 16:00 + 2 h, Monday to Wednesday closed → Thursday 02-19 10:00.
    expect(add(office, '2026-02-13T16:00-05:00', 2 * H)).toBe('2026-02-19T15:00:00.000Z');
  });

  it('uses the exception hours of a half day', () => {
    // Thursday 01-22 16:00: 1 h on Thursday, then Friday 09:00–13:00.
    expect(add(office, '2026-01-22T16:00-05:00', 5 * H)).toBe('2026-01-23T18:00:00.000Z');
    expect(add(office, '2026-01-22T16:00-05:00', 6 * H)).toBe('2026-01-26T15:00:00.000Z');
    expect(add(office, '2026-01-23T13:00-05:00', 0)).toBe('2026-01-26T14:00:00.000Z');
  });

  it('adds 30 business days of 8 hours as 240 hours', () => {
    // Six Mon–Fri weeks from Monday 2026-01-05 09:00 end on Friday 2026-02-13 at 17:00.
    expect(add(plain, '2026-01-05T09:00-05:00', 240 * H)).toBe('2026-02-13T22:00:00.000Z');
    // With MLK Day (8 h), the half day (4 h) and the winter break (24 h) 36 h more are needed:
    // Thursday 02-19 gives 8 h and Friday 02-20 the last 4 h.
    expect(add(office, '2026-01-05T09:00-05:00', 240 * H)).toBe('2026-02-20T18:00:00.000Z');
  });

  it('returns null when the calendar never opens again', () => {
    expect(add(lastDay, '2026-01-05T16:00-05:00', H)).toBe('2026-01-05T22:00:00.000Z');
    expect(add(lastDay, '2026-01-05T16:00-05:00', H + 1)).toBeNull();
    expect(add(lastDay, '2026-01-05T17:00-05:00', 0)).toBeNull();
    expect(add(lastDay, '2030-01-01T00:00Z', H)).toBeNull();
  });

  it('returns null on a calendar with no open time', () => {
    const closed = compileCalendar({ timezone: 'UTC', weekly: {} });
    expect(add(closed, '2026-01-05T12:00Z', 0)).toBeNull();
    expect(add(closed, '2026-01-05T12:00Z', H)).toBeNull();
  });

  it('returns null on a 24x7 calendar when the result would pass the end of year 9999', () => {
    const always = compileCalendar({ timezone: 'UTC', weekly: '24x7' });
    expect(add(always, '9999-12-31T22:00Z', H)).toBe('9999-12-31T23:00:00.000Z');
    expect(add(always, '9999-12-31T23:00Z', 2 * H)).toBeNull();
  });

  it('returns null with weekly hours when the result would pass the end of year 9999', () => {
    const utc = compileCalendar({ timezone: 'UTC', weekly: WEEKDAYS });
    expect(add(utc, '9999-12-31T16:00Z', 2 * H)).toBeNull();
  });

  it('returns null for a zero duration when the next opening is after year 9999', () => {
    expect(add(office, '9999-12-31T23:59:59.999Z', 0)).toBeNull();
  });

  it.each<[string, Instant]>([
    ['an ISO string in UTC', '2026-01-05T15:00:00Z'],
    ['an ISO string with milliseconds', '2026-01-05T15:00:00.000Z'],
    ['an ISO string with a lowercase t and z', '2026-01-05t15:00:00z'],
    ['an ISO string with a +05:30 offset', '2026-01-05T20:30:00+05:30'],
    ['an ISO string with a +0530 offset', '2026-01-05T20:30:00+0530'],
    ['an ISO string with a local offset and no seconds', '2026-01-05T10:00-05:00'],
    ['a Date', new Date(Date.UTC(2026, 0, 5, 15))],
    ['epoch milliseconds', Date.UTC(2026, 0, 5, 15)],
  ])('accepts %s as the start', (_, start) => {
    expect(add(office, start, 2 * H)).toBe('2026-01-05T17:00:00.000Z');
  });

  it('returns a new Date and leaves a Date start unchanged', () => {
    const start = new Date(Date.UTC(2026, 0, 5, 15));
    const end = addBusinessTime(office, start, 0);
    expect(end).not.toBe(start);
    expect(end).toEqual(start);
    expect(start.toISOString()).toBe('2026-01-05T15:00:00.000Z');
  });

  it.each<[string, unknown]>([
    ['a string without an offset', '2026-01-05T10:00:00'],
    ['a date without a time', '2026-01-05'],
    ['a date that does not exist', '2026-02-30T00:00Z'],
    ['an hour of 24', '2026-01-05T24:00Z'],
    ['an English date', 'Mon, 05 Jan 2026 15:00:00 GMT'],
  ])('throws a RangeError for %s', (_, start) => {
    expect(thrown(() => addBusinessTime(office, start as Instant, H))).toEqual(
      new RangeError(
        'addBusinessTime: start must be an ISO 8601 date-time with an offset, such as `2026-03-09T14:00:00Z`',
      ),
    );
  });

  it('throws a RangeError for a non-finite number', () => {
    const error = new RangeError('addBusinessTime: start must be a finite number of epoch milliseconds');
    expect(thrown(() => addBusinessTime(office, Number.NaN, H))).toEqual(error);
    expect(thrown(() => addBusinessTime(office, Number.POSITIVE_INFINITY, H))).toEqual(error);
    expect(thrown(() => addBusinessTime(office, Number.NEGATIVE_INFINITY, H))).toEqual(error);
  });

  it('throws a RangeError for an Invalid Date', () => {
    expect(thrown(() => addBusinessTime(office, new Date(Number.NaN), H))).toEqual(
      new RangeError('addBusinessTime: start is an invalid Date'),
    );
  });

  it('throws a RangeError for an instant outside years 1000 to 9999', () => {
    const error = new RangeError(
      'addBusinessTime: start is outside the supported range (years 1000 to 9999)',
    );
    expect(thrown(() => addBusinessTime(office, Date.UTC(10000, 0, 1), H))).toEqual(error);
    expect(thrown(() => addBusinessTime(office, new Date(Date.UTC(10000, 0, 1)), H))).toEqual(error);
    expect(thrown(() => addBusinessTime(office, '0999-12-31T23:59:59Z', H))).toEqual(error);
    // In year 1000 New York keeps local mean time, -04:56:02: 09:00 local is 13:56:02Z.
    expect(add(office, '1000-01-01T00:00Z', 0)).toBe('1000-01-01T13:56:02.000Z');
    expect(add(office, '9999-12-31T21:00Z', H)).toBe('9999-12-31T22:00:00.000Z');
  });

  it('throws a TypeError for a start that is not an instant', () => {
    const error = new TypeError(
      'addBusinessTime: start must be an ISO string with an offset, a Date or epoch milliseconds',
    );
    for (const start of [null, undefined, true, {}, [2026, 1, 5], 10n]) {
      expect(thrown(() => addBusinessTime(office, start as Instant, H))).toEqual(error);
    }
  });

  it('throws a TypeError for a calendar that did not come from compileCalendar', () => {
    const error = new TypeError('addBusinessTime: expected a calendar from compileCalendar');
    const definition = { timezone: 'America/New_York', weekly: WEEKDAYS };
    expect(thrown(() => addBusinessTime(definition as unknown as Calendar, '2026-01-05T10:00Z', H))).toEqual(
      error,
    );
    // A JSON copy of a compiled calendar (e.g. sent to a worker) is not a calendar either.
    const copy = JSON.parse(JSON.stringify(office)) as Calendar;
    expect(thrown(() => addBusinessTime(copy, '2026-01-05T10:00Z', H))).toEqual(error);
    expect(thrown(() => addBusinessTime(null as unknown as Calendar, '2026-01-05T10:00Z', H))).toEqual(error);
    // The calendar is checked first.
    expect(thrown(() => addBusinessTime({} as Calendar, 'not an instant', -1))).toEqual(error);
  });

  it.each<[string, unknown]>([
    ['a negative duration', -1],
    ['a fractional duration', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an unsafe integer', 2 ** 53],
  ])('throws a RangeError for %s as the duration', (_, durationMs) => {
    expect(thrown(() => addBusinessTime(office, '2026-01-05T10:00Z', durationMs as number))).toEqual(
      new RangeError('addBusinessTime: durationMs must be a non-negative integer number of milliseconds'),
    );
  });

  it.each<[string, unknown]>([
    ['a duration string', '4h'],
    ['a bigint', 3_600_000n],
    ['null', null],
  ])('throws a TypeError for %s as the duration', (_, durationMs) => {
    expect(thrown(() => addBusinessTime(office, '2026-01-05T10:00Z', durationMs as number))).toEqual(
      new TypeError(
        'addBusinessTime: durationMs must be a number of milliseconds (use parseDuration for text)',
      ),
    );
  });
});
