import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWeekReader } from '../../src/metrics/week.js';
import { params } from '../support/well-formed.js';

// The `week` dimension: the ISO week of the local date of the creation instant in a zone.

/** The ISO week of a local date, by the textbook rule (an oracle independent of the code). */
function isoWeekOfDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const weekYear = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * 86_400_000;
  const week = Math.floor((thursday.getTime() - firstMonday) / (7 * 86_400_000)) + 1;
  return `${String(weekYear)}-W${String(week).padStart(2, '0')}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** The local date of an instant in a zone, read from Intl. */
function localDate(at: number, timeZone: string): [number, number, number] {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(at));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return [get('year'), get('month'), get('day')];
}

describe('createWeekReader', () => {
  it('gives ISO weeks in UTC, across year ends', () => {
    const weeks = createWeekReader('UTC', 'test');
    const week = (iso: string): string => weeks.weekOf(Date.parse(iso));
    expect(week('2026-01-01T00:00:00Z')).toBe('2026-W01'); // a Thursday
    expect(week('2025-12-29T00:00:00Z')).toBe('2026-W01'); // its Monday
    expect(week('2025-12-28T23:59:59.999Z')).toBe('2025-W52');
    expect(week('2027-01-01T12:00:00Z')).toBe('2026-W53'); // a Friday: 2026 has 53 weeks
    expect(week('2027-01-04T00:00:00Z')).toBe('2027-W01');
    expect(week('2026-03-09T14:00:00Z')).toBe('2026-W11');
    expect(weeks.timeZone).toBe('UTC');
  });

  it('takes the local date in the zone: Sunday evening in New York is Monday in UTC', () => {
    const at = Date.parse('2026-03-09T03:00:00Z'); // Sunday 23:00 EDT
    expect(createWeekReader('UTC', 'test').weekOf(at)).toBe('2026-W11');
    expect(createWeekReader('America/New_York', 'test').weekOf(at)).toBe('2026-W10');
    expect(createWeekReader('Pacific/Kiritimati', 'test').weekOf(Date.parse('2026-03-08T10:00:00Z'))).toBe(
      '2026-W11', // UTC+14: already Monday
    );
  });

  it('agrees with the local date Intl gives, in zones with DST and odd offsets', () => {
    const zones = [
      'America/New_York',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Asia/Kolkata',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'Europe/Dublin',
    ];
    const readers = new Map(zones.map((zone) => [zone, createWeekReader(zone, 'test')]));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        // 2024–2028, to the minute, plus the last millisecond before and at local midnights.
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) }),
        fc.constantFrom(0, -1, 1),
        (zone, at, nudge) => {
          const instant = at - (at % 60_000) + nudge;
          const [year, month, day] = localDate(instant, zone);
          expect(readers.get(zone)?.weekOf(instant)).toBe(isoWeekOfDate(year, month, day));
        },
      ),
      params(400),
    );
  });

  it('is right at every local midnight around DST changes (New York, Santiago, Lord Howe)', () => {
    const wrong: string[] = [];
    for (const zone of ['America/New_York', 'America/Santiago', 'Australia/Lord_Howe']) {
      const weeks = createWeekReader(zone, 'test');
      // Every half hour through 2026, in order: checks the remembered week boundaries too.
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 1_800_000) {
        const [year, month, day] = localDate(at, zone);
        const got = weeks.weekOf(at);
        if (got !== isoWeekOfDate(year, month, day))
          wrong.push(`${zone} ${new Date(at).toISOString()} ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a zone Intl does not know, naming the function', () => {
    expect(() => createWeekReader('Mars/Olympus_Mons', 'computeMetrics')).toThrow(
      new RangeError('computeMetrics: unknown time zone `Mars/Olympus_Mons` for weekTimeZone'),
    );
  });
});
