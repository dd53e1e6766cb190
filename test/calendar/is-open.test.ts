import { describe, expect, it } from 'vitest';
import { compileCalendar, isOpen, type Calendar, type Instant } from '../../src/index.js';
import { WEEKDAYS } from '../support/calendars.js';
import { thrown } from '../support/thrown.js';

// New York is on EST (-05:00) in every date used here. 2026-01-05 is a Monday;
// 2026-01-19 (MLK Day) and 2026-02-16 to 18 are holidays; 2026-01-23 (a Friday) is a half day;
// Tuesdays close for lunch.
const office = compileCalendar({
  timezone: 'America/New_York',
  weekly: {
    ...WEEKDAYS,
    tue: [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ],
  },
  holidays: [
    { date: '2026-01-19', name: 'Martin Luther King Jr. Day' },
    { from: '2026-02-16', to: '2026-02-18', name: 'Winter break' },
  ],
  exceptions: [
    { date: '2026-01-23', hours: [['09:00', '13:00']], name: 'Half day' },
    { date: '2026-01-29', hours: [], name: 'Office move' },
  ],
});

describe('isOpen', () => {
  it('is open from the opening instant', () => {
    expect(isOpen(office, '2026-01-05T08:59:59.999-05:00')).toBe(false);
    expect(isOpen(office, '2026-01-05T09:00-05:00')).toBe(true);
  });

  it('is closed from the closing instant', () => {
    expect(isOpen(office, '2026-01-05T16:59:59.999-05:00')).toBe(true);
    expect(isOpen(office, '2026-01-05T17:00-05:00')).toBe(false);
  });

  it('is closed between split shifts', () => {
    expect(isOpen(office, '2026-01-06T11:59:59.999-05:00')).toBe(true);
    expect(isOpen(office, '2026-01-06T12:00-05:00')).toBe(false);
    expect(isOpen(office, '2026-01-06T13:00-05:00')).toBe(true);
  });

  it('is closed at the weekend', () => {
    expect(isOpen(office, '2026-01-10T12:00-05:00')).toBe(false);
    expect(isOpen(office, '2026-01-11T12:00-05:00')).toBe(false);
  });

  it('is closed on a holiday and on every date of a holiday range', () => {
    expect(isOpen(office, '2026-01-19T12:00-05:00')).toBe(false);
    expect(isOpen(office, '2026-02-16T12:00-05:00')).toBe(false);
    expect(isOpen(office, '2026-02-17T12:00-05:00')).toBe(false);
    expect(isOpen(office, '2026-02-18T12:00-05:00')).toBe(false);
    expect(isOpen(office, '2026-02-19T12:00-05:00')).toBe(true);
  });

  it('follows the exception hours of a date', () => {
    expect(isOpen(office, '2026-01-23T12:59:59.999-05:00')).toBe(true);
    expect(isOpen(office, '2026-01-23T13:00-05:00')).toBe(false);
    expect(isOpen(office, '2026-01-29T12:00-05:00')).toBe(false);
  });

  it('reads the wall clock in the calendar’s zone, not in UTC', () => {
    // 09:00 EST is 14:00Z: at 09:00Z New York is still closed.
    expect(isOpen(office, '2026-01-05T09:00Z')).toBe(false);
    expect(isOpen(office, '2026-01-05T14:00Z')).toBe(true);
  });

  it('stays open at midnight inside a night shift', () => {
    const night = compileCalendar({
      timezone: 'Asia/Kolkata',
      weekly: { mon: [['22:00', '24:00']], tue: [['00:00', '06:00']] },
    });
    expect(isOpen(night, '2026-01-06T00:00+05:30')).toBe(true);
    expect(isOpen(night, '2026-01-06T05:59:59.999+05:30')).toBe(true);
    expect(isOpen(night, '2026-01-06T06:00+05:30')).toBe(false);
  });

  it('is always open on a 24x7 calendar and never on one with no open time', () => {
    expect(isOpen(compileCalendar({ timezone: 'UTC', weekly: '24x7' }), '2026-01-10T03:00Z')).toBe(true);
    expect(isOpen(compileCalendar({ timezone: 'UTC', weekly: {} }), '2026-01-05T12:00Z')).toBe(false);
  });

  it.each<[string, Instant]>([
    ['an ISO string in UTC', '2026-01-05T14:00:00Z'],
    ['an ISO string with a +05:30 offset', '2026-01-05T19:30:00+05:30'],
    ['a Date', new Date(Date.UTC(2026, 0, 5, 14))],
    ['epoch milliseconds', Date.UTC(2026, 0, 5, 14)],
  ])('accepts %s', (_, at) => {
    expect(isOpen(office, at)).toBe(true);
  });

  it('throws a RangeError for an instant it cannot read', () => {
    expect(thrown(() => isOpen(office, '2026-01-05T09:00:00'))).toEqual(
      new RangeError(
        'isOpen: at must be an ISO 8601 date-time with an offset, such as `2026-03-09T14:00:00Z`',
      ),
    );
    expect(thrown(() => isOpen(office, '2026-02-30T00:00Z'))).toEqual(
      new RangeError(
        'isOpen: at must be an ISO 8601 date-time with an offset, such as `2026-03-09T14:00:00Z`',
      ),
    );
    expect(thrown(() => isOpen(office, Number.NaN))).toEqual(
      new RangeError('isOpen: at must be a finite number of epoch milliseconds'),
    );
    expect(thrown(() => isOpen(office, Number.POSITIVE_INFINITY))).toEqual(
      new RangeError('isOpen: at must be a finite number of epoch milliseconds'),
    );
    expect(thrown(() => isOpen(office, new Date(Number.NaN)))).toEqual(
      new RangeError('isOpen: at is an invalid Date'),
    );
    expect(thrown(() => isOpen(office, Date.UTC(10000, 0, 1)))).toEqual(
      new RangeError('isOpen: at is outside the supported range (years 1000 to 9999)'),
    );
  });

  it('throws a TypeError for an argument that is not an instant', () => {
    expect(thrown(() => isOpen(office, undefined as unknown as Instant))).toEqual(
      new TypeError('isOpen: at must be an ISO string with an offset, a Date or epoch milliseconds'),
    );
  });

  it('throws a TypeError for a calendar that did not come from compileCalendar', () => {
    const error = new TypeError('isOpen: expected a calendar from compileCalendar');
    expect(thrown(() => isOpen({ timezone: 'UTC', weekly: '24x7' } as unknown as Calendar, 0))).toEqual(
      error,
    );
    expect(thrown(() => isOpen(JSON.parse(JSON.stringify(office)) as Calendar, 0))).toEqual(error);
  });
});
