import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  parseIsoInstant,
  toEpochMs,
  weekdayOfDays,
} from '../../src/internal/instant.js';

describe('parseIsoInstant', () => {
  it('reads Z, ±HH:MM and ±HHMM offsets and fractional seconds to the millisecond', () => {
    expect(parseIsoInstant('2026-03-09T14:00:00.000Z')).toBe(Date.UTC(2026, 2, 9, 14));
    expect(parseIsoInstant('2026-03-09T19:30:00+05:30')).toBe(Date.UTC(2026, 2, 9, 14));
    expect(parseIsoInstant('2026-03-09T09:00-0500')).toBe(Date.UTC(2026, 2, 9, 14));
    expect(parseIsoInstant('2026-03-09T14:00:00.123456Z')).toBe(Date.UTC(2026, 2, 9, 14, 0, 0, 123));
    expect(parseIsoInstant('2026-03-09t14:00:00z')).toBe(Date.UTC(2026, 2, 9, 14));
  });

  it('rejects strings without an offset and impossible dates or times', () => {
    for (const text of [
      '2026-03-09T14:00:00',
      '2026-03-09',
      '2026-02-30T00:00Z',
      '2026-13-01T00:00Z',
      '2026-01-01T24:00Z',
      '2026-01-01T12:60Z',
      '2026-01-01T12:00:60Z',
      '2026-01-01T12:00+24:00',
      '2026-01-01T12:00+05:60',
      'next tuesday',
    ]) {
      expect(parseIsoInstant(text), text).toBeNaN();
    }
  });
});

describe('toEpochMs', () => {
  it('accepts ISO strings with offset, Dates and epoch milliseconds alike', () => {
    const ms = Date.UTC(2026, 0, 5, 9);
    expect(toEpochMs('2026-01-05T09:00:00Z', 'f')).toBe(ms);
    expect(toEpochMs(new Date(ms), 'f')).toBe(ms);
    expect(toEpochMs(ms, 'f')).toBe(ms);
  });

  it('throws errors that name the function', () => {
    expect(() => toEpochMs('2026-01-05T09:00:00', 'isOpen')).toThrow(
      new RangeError(
        'isOpen: instant must be an ISO 8601 date-time with an offset, such as `2026-03-09T14:00:00Z`',
      ),
    );
    expect(() => toEpochMs(Number.NaN, 'isOpen', 'at')).toThrow(RangeError);
    expect(() => toEpochMs(new Date(Number.NaN), 'isOpen')).toThrow('isOpen: instant is an invalid Date');
    expect(() => toEpochMs({}, 'isOpen')).toThrow(TypeError);
    expect(() => toEpochMs(null, 'isOpen')).toThrow(TypeError);
  });

  it('accepts a Date made in another realm (an iframe, a vm context)', () => {
    const foreign = runInNewContext('new Date(Date.UTC(2026, 0, 5, 9))') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(toEpochMs(foreign, 'f')).toBe(Date.UTC(2026, 0, 5, 9));
  });
});

describe('civil dates', () => {
  it('round-trips day numbers across four centuries, matching Date.UTC', () => {
    for (let days = -200_000; days <= 200_000; days += 997) {
      const { year, month, day } = civilFromDays(days);
      expect(daysFromCivil(year, month, day)).toBe(days);
      const d = new Date(days * 86_400_000);
      expect([year, month, day]).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
      expect(weekdayOfDays(days)).toBe((d.getUTCDay() + 6) % 7);
    }
  });
});
