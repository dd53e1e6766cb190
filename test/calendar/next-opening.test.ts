import { describe, expect, it } from 'vitest';
import { compileCalendar, isOpen, nextOpening, type Calendar, type Instant } from '../../src/index.js';
import { WEEKDAYS } from '../support/calendars.js';
import { thrown } from '../support/thrown.js';

// New York is on EST (-05:00) in every date used here: local 09:00 is 14:00Z. 2026-01-05 is a
// Monday; 2026-01-19 (MLK Day) and 2026-02-16 to 18 are holidays; 2026-01-23 (a Friday) is a
// half day and Saturday 2026-01-31 opens 10:00–14:00.
const office = compileCalendar({
  timezone: 'America/New_York',
  weekly: WEEKDAYS,
  holidays: [
    { date: '2026-01-19', name: 'Martin Luther King Jr. Day' },
    { from: '2026-02-16', to: '2026-02-18', name: 'Winter break' },
  ],
  exceptions: [
    { date: '2026-01-23', hours: [['09:00', '13:00']], name: 'Half day' },
    { date: '2026-01-31', hours: [['10:00', '14:00']], name: 'Inventory' },
  ],
});

function next(cal: Calendar, at: Instant): string | null {
  const opening = nextOpening(cal, at);
  return opening === null ? null : opening.toISOString();
}

describe('nextOpening', () => {
  it('returns the instant itself while open', () => {
    expect(next(office, '2026-01-05T10:00-05:00')).toBe('2026-01-05T15:00:00.000Z');
    expect(next(office, '2026-01-05T09:00-05:00')).toBe('2026-01-05T14:00:00.000Z');
  });

  it('returns the same day’s opening before it', () => {
    expect(next(office, '2026-01-05T07:30-05:00')).toBe('2026-01-05T14:00:00.000Z');
  });

  it('returns the next day’s opening from a closing instant', () => {
    expect(next(office, '2026-01-05T17:00-05:00')).toBe('2026-01-06T14:00:00.000Z');
  });

  it('skips the weekend', () => {
    expect(next(office, '2026-01-09T18:00-05:00')).toBe('2026-01-12T14:00:00.000Z');
  });

  it('skips a single-date holiday', () => {
    expect(next(office, '2026-01-16T17:00-05:00')).toBe('2026-01-20T14:00:00.000Z');
  });

  it('skips every date of a holiday range', () => {
    expect(next(office, '2026-02-13T17:00-05:00')).toBe('2026-02-19T14:00:00.000Z');
  });

  it('follows exception hours that close early or open a closed day', () => {
    expect(next(office, '2026-01-23T13:00-05:00')).toBe('2026-01-26T14:00:00.000Z');
    expect(next(office, '2026-01-30T17:00-05:00')).toBe('2026-01-31T15:00:00.000Z');
  });

  it('returns null when the calendar never opens again', () => {
    const lastDay = compileCalendar({
      timezone: 'America/New_York',
      weekly: {},
      exceptions: [{ date: '2026-01-05', hours: [['09:00', '17:00']] }],
    });
    expect(next(lastDay, '2025-06-01T00:00Z')).toBe('2026-01-05T14:00:00.000Z');
    expect(next(lastDay, '2026-01-05T16:59:59.999-05:00')).toBe('2026-01-05T21:59:59.999Z');
    expect(next(lastDay, '2026-01-05T17:00-05:00')).toBeNull();
    expect(next(compileCalendar({ timezone: 'UTC', weekly: {} }), '2026-01-05T00:00Z')).toBeNull();
  });

  it('returns null when the next opening would be after year 9999', () => {
    expect(next(office, '9999-12-31T23:00Z')).toBeNull();
  });

  it('returns the instant exactly when the calendar is open there', () => {
    const instants = [
      '2026-01-05T08:59:59.999-05:00',
      '2026-01-05T09:00-05:00',
      '2026-01-05T16:59:59.999-05:00',
      '2026-01-05T17:00-05:00',
      '2026-01-19T12:00-05:00',
      '2026-01-23T12:00-05:00',
      '2026-01-23T14:00-05:00',
      '2026-01-31T11:00-05:00',
    ];
    for (const at of instants) {
      expect(next(office, at) === new Date(at).toISOString(), at).toBe(isOpen(office, at));
    }
  });

  it('returns a new Date', () => {
    const at = new Date(Date.UTC(2026, 0, 5, 15));
    const opening = nextOpening(office, at);
    expect(opening).not.toBe(at);
    expect(opening).toEqual(at);
  });

  it.each<[string, Instant]>([
    ['an ISO string in UTC', '2026-01-10T17:00:00Z'],
    ['an ISO string with a +05:30 offset', '2026-01-10T22:30:00+05:30'],
    ['a Date', new Date(Date.UTC(2026, 0, 10, 17))],
    ['epoch milliseconds', Date.UTC(2026, 0, 10, 17)],
  ])('accepts %s', (_, at) => {
    expect(next(office, at)).toBe('2026-01-12T14:00:00.000Z');
  });

  it('throws a RangeError for an instant it cannot read', () => {
    const iso = new RangeError(
      'nextOpening: at must be an ISO 8601 date-time with an offset, such as `2026-03-09T14:00:00Z`',
    );
    expect(thrown(() => nextOpening(office, '2026-01-05 09:00'))).toEqual(iso);
    expect(thrown(() => nextOpening(office, '2026-02-30T00:00Z'))).toEqual(iso);
    expect(thrown(() => nextOpening(office, Number.NaN))).toEqual(
      new RangeError('nextOpening: at must be a finite number of epoch milliseconds'),
    );
    expect(thrown(() => nextOpening(office, Number.NEGATIVE_INFINITY))).toEqual(
      new RangeError('nextOpening: at must be a finite number of epoch milliseconds'),
    );
    expect(thrown(() => nextOpening(office, new Date('not a date')))).toEqual(
      new RangeError('nextOpening: at is an invalid Date'),
    );
    expect(thrown(() => nextOpening(office, Date.UTC(10000, 0, 1)))).toEqual(
      new RangeError('nextOpening: at is outside the supported range (years 1000 to 9999)'),
    );
  });

  it('throws a TypeError for an argument that is not an instant', () => {
    expect(thrown(() => nextOpening(office, [2026, 0, 5] as unknown as Instant))).toEqual(
      new TypeError('nextOpening: at must be an ISO string with an offset, a Date or epoch milliseconds'),
    );
  });

  it('throws a TypeError for a calendar that did not come from compileCalendar', () => {
    const error = new TypeError('nextOpening: expected a calendar from compileCalendar');
    expect(thrown(() => nextOpening({} as Calendar, 0))).toEqual(error);
    expect(thrown(() => nextOpening(JSON.parse(JSON.stringify(office)) as Calendar, 0))).toEqual(error);
  });
});
