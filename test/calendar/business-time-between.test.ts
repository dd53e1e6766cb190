import { describe, expect, it } from 'vitest';
import { businessTimeBetween, compileCalendar, type Calendar, type Instant } from '../../src/index.js';
import { H, OFFICE, WEEKDAYS } from '../support/calendars.js';
import { thrown } from '../support/thrown.js';

// The shared office calendar: see test/support/calendars.ts.
const office = compileCalendar(OFFICE);
const plain = compileCalendar({ timezone: 'America/New_York', weekly: WEEKDAYS });

describe('businessTimeBetween', () => {
  it('measures the open time between two instants of one open period', () => {
    expect(businessTimeBetween(office, '2026-01-05T10:00-05:00', '2026-01-05T12:30-05:00')).toBe(2.5 * H);
  });

  it('counts [from, to): the opening instant is in, the closing instant is out', () => {
    expect(businessTimeBetween(office, '2026-01-05T16:00-05:00', '2026-01-05T17:00-05:00')).toBe(H);
    expect(businessTimeBetween(office, '2026-01-05T17:00-05:00', '2026-01-06T09:00-05:00')).toBe(0);
    expect(businessTimeBetween(office, '2026-01-05T08:00-05:00', '2026-01-05T09:00:00.001-05:00')).toBe(1);
    expect(businessTimeBetween(office, '2026-01-05T16:59:59.999-05:00', '2026-01-05T23:00-05:00')).toBe(1);
  });

  it('is zero between an instant and itself', () => {
    expect(businessTimeBetween(office, '2026-01-05T10:00-05:00', '2026-01-05T10:00-05:00')).toBe(0);
  });

  it('is zero over a weekend', () => {
    expect(businessTimeBetween(office, '2026-01-09T17:00-05:00', '2026-01-12T09:00-05:00')).toBe(0);
  });

  it('counts 40 hours in a Mon–Fri 09–17 week', () => {
    expect(businessTimeBetween(office, '2026-01-05T00:00-05:00', '2026-01-12T00:00-05:00')).toBe(40 * H);
  });

  it('leaves out a single-date holiday and uses the exception hours of a half day', () => {
    // Week of 2026-01-19: MLK Monday closed, Tue–Thu 8 h each, Friday 09:00–13:00.
    expect(businessTimeBetween(office, '2026-01-19T00:00-05:00', '2026-01-26T00:00-05:00')).toBe(28 * H);
    expect(businessTimeBetween(office, '2026-01-23T00:00-05:00', '2026-01-24T00:00-05:00')).toBe(4 * H);
  });

  it('leaves out every date of a holiday range', () => {
    // Week of 2026-02-16: Mon–Wed closed, Thursday and Friday open.
    expect(businessTimeBetween(office, '2026-02-16T00:00-05:00', '2026-02-23T00:00-05:00')).toBe(16 * H);
  });

  it('is negative when the end is before the start', () => {
    expect(businessTimeBetween(office, '2026-01-05T12:00-05:00', '2026-01-05T10:00-05:00')).toBe(-2 * H);
    expect(businessTimeBetween(office, '2026-01-12T00:00-05:00', '2026-01-05T00:00-05:00')).toBe(-40 * H);
  });

  it('adds up over consecutive spans', () => {
    const a = '2026-01-14T11:00-05:00';
    const c = '2026-02-20T10:00-05:00';
    const total = businessTimeBetween(office, a, c);
    for (const b of ['2026-01-17T12:00-05:00', '2026-01-23T12:15-05:00', '2026-02-17T09:30-05:00', a, c]) {
      expect(businessTimeBetween(office, a, b) + businessTimeBetween(office, b, c)).toBe(total);
    }
  });

  it('counts 30 business days as 240 hours', () => {
    expect(businessTimeBetween(plain, '2026-01-05T09:00-05:00', '2026-02-13T17:00-05:00')).toBe(240 * H);
  });

  it('counts every weekday of a whole year', () => {
    // 2026 starts on a Thursday and has 365 days: 52 weeks and one Thursday, 261 weekdays.
    const utc = compileCalendar({ timezone: 'UTC', weekly: WEEKDAYS });
    expect(businessTimeBetween(utc, '2026-01-01T00:00Z', '2027-01-01T00:00Z')).toBe(261 * 8 * H);
  });

  it('is the plain elapsed time on a 24x7 calendar', () => {
    const always = compileCalendar({ timezone: 'Asia/Kolkata', weekly: '24x7' });
    expect(businessTimeBetween(always, '2026-01-05T10:00Z', '2026-01-07T12:34:56.789Z')).toBe(
      Date.UTC(2026, 0, 7, 12, 34, 56, 789) - Date.UTC(2026, 0, 5, 10),
    );
  });

  it('is zero on a calendar with no open time, and after the last open date', () => {
    const closed = compileCalendar({ timezone: 'UTC', weekly: {} });
    expect(businessTimeBetween(closed, '2026-01-05T00:00Z', '2027-01-05T00:00Z')).toBe(0);
    const lastDay = compileCalendar({
      timezone: 'America/New_York',
      weekly: {},
      exceptions: [{ date: '2026-01-05', hours: [['09:00', '17:00']] }],
    });
    expect(businessTimeBetween(lastDay, '2026-01-05T17:00-05:00', '2036-01-05T00:00Z')).toBe(0);
    expect(businessTimeBetween(lastDay, '2025-01-01T00:00Z', '2036-01-05T00:00Z')).toBe(8 * H);
  });

  it.each<[string, Instant, Instant]>([
    ['ISO strings in UTC', '2026-01-05T15:00:00Z', '2026-01-05T17:30:00Z'],
    ['ISO strings with +05:30 offsets', '2026-01-05T20:30:00+05:30', '2026-01-05T23:00:00+05:30'],
    ['ISO strings with local offsets', '2026-01-05T10:00-05:00', '2026-01-05T12:30-05:00'],
    ['Dates', new Date(Date.UTC(2026, 0, 5, 15)), new Date(Date.UTC(2026, 0, 5, 17, 30))],
    ['epoch milliseconds', Date.UTC(2026, 0, 5, 15), Date.UTC(2026, 0, 5, 17, 30)],
    ['mixed forms', '2026-01-05T15:00:00Z', Date.UTC(2026, 0, 5, 17, 30)],
  ])('accepts %s', (_, from, to) => {
    expect(businessTimeBetween(office, from, to)).toBe(2.5 * H);
  });

  it('throws a RangeError naming the bad bound', () => {
    const iso = 'must be an ISO 8601 date-time with an offset, such as `2026-03-09T14:00:00Z`';
    expect(thrown(() => businessTimeBetween(office, '2026-01-05T10:00', '2026-01-06T10:00Z'))).toEqual(
      new RangeError(`businessTimeBetween: from ${iso}`),
    );
    expect(thrown(() => businessTimeBetween(office, '2026-01-05T10:00Z', '2026-02-30T00:00Z'))).toEqual(
      new RangeError(`businessTimeBetween: to ${iso}`),
    );
    expect(thrown(() => businessTimeBetween(office, Number.NaN, 0))).toEqual(
      new RangeError('businessTimeBetween: from must be a finite number of epoch milliseconds'),
    );
    expect(thrown(() => businessTimeBetween(office, 0, Number.POSITIVE_INFINITY))).toEqual(
      new RangeError('businessTimeBetween: to must be a finite number of epoch milliseconds'),
    );
    expect(thrown(() => businessTimeBetween(office, new Date('not a date'), 0))).toEqual(
      new RangeError('businessTimeBetween: from is an invalid Date'),
    );
    expect(thrown(() => businessTimeBetween(office, 0, Date.UTC(10000, 0, 1)))).toEqual(
      new RangeError('businessTimeBetween: to is outside the supported range (years 1000 to 9999)'),
    );
  });

  it('throws a TypeError for a bound that is not an instant', () => {
    expect(thrown(() => businessTimeBetween(office, null as unknown as Instant, 0))).toEqual(
      new TypeError(
        'businessTimeBetween: from must be an ISO string with an offset, a Date or epoch milliseconds',
      ),
    );
    expect(thrown(() => businessTimeBetween(office, 0, {} as Instant))).toEqual(
      new TypeError(
        'businessTimeBetween: to must be an ISO string with an offset, a Date or epoch milliseconds',
      ),
    );
  });

  it('throws a TypeError for a calendar that did not come from compileCalendar', () => {
    const error = new TypeError('businessTimeBetween: expected a calendar from compileCalendar');
    const definition = { timezone: 'America/New_York', weekly: WEEKDAYS } as unknown as Calendar;
    expect(thrown(() => businessTimeBetween(definition, 0, 1))).toEqual(error);
    const copy = JSON.parse(JSON.stringify(office)) as Calendar;
    expect(thrown(() => businessTimeBetween(copy, 0, 1))).toEqual(error);
  });
});
