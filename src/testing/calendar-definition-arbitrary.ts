import fc from 'fast-check';
import type { CalendarDefinition, Holiday, TimeWindow, WeeklyHours } from '../index.js';

/** Time zones with DST gaps and overlaps of every shape, used by default. */
export const DST_TIME_ZONES: readonly string[] = [
  'America/New_York',
  'Europe/Berlin',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/Santiago',
  'UTC',
];

/** Options of {@link calendarDefinitionArbitrary}. */
export interface CalendarDefinitionArbitraryOptions {
  /**
   * The zones to draw from.
   *
   * @defaultValue {@link DST_TIME_ZONES}
   */
  readonly timezones?: readonly string[] | undefined;
  /**
   * The first and last year of generated holidays and exceptions.
   *
   * @defaultValue `[2025, 2027]`
   */
  readonly years?: readonly [number, number] | undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const wallTime = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

function windowsArbitrary(): fc.Arbitrary<TimeWindow[]> {
  // Sorted distinct boundaries on a 5-minute grid, paired into non-overlapping windows.
  return fc.uniqueArray(fc.integer({ min: 0, max: 288 }), { minLength: 0, maxLength: 6 }).map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const windows: TimeWindow[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      windows.push([wallTime((sorted[i] as number) * 5), wallTime((sorted[i + 1] as number) * 5)]);
    }
    return windows;
  });
}

function dateArbitrary(years: readonly [number, number]): fc.Arbitrary<string> {
  return fc
    .record({
      year: fc.integer({ min: years[0], max: years[1] }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ year, month, day }) => `${String(year)}-${pad(month)}-${pad(day)}`);
}

/**
 * Generates valid calendar definitions: split shifts, night shifts touching
 * midnight, `24x7`, holidays of the three kinds and dated exceptions, in zones
 * with DST changes of every shape.
 *
 * @param options - Zones and years to draw from.
 * @returns A fast-check arbitrary of {@link CalendarDefinition}.
 * @example
 * ```ts
 * fc.assert(fc.property(calendarDefinitionArbitrary(), (def) => {
 *   compileCalendar(def) // never throws
 * }))
 * ```
 */
export function calendarDefinitionArbitrary(
  options: CalendarDefinitionArbitraryOptions = {},
): fc.Arbitrary<CalendarDefinition> {
  const zones = options.timezones ?? DST_TIME_ZONES;
  const years = options.years ?? [2025, 2027];
  const date = dateArbitrary(years);
  const holiday: fc.Arbitrary<Holiday> = fc.oneof(
    date.map((d) => ({ date: d })),
    fc.tuple(date, fc.integer({ min: 0, max: 10 })).map(([from, length]) => {
      const [y, m, d] = from.split('-').map(Number) as [number, number, number];
      return { from, to: `${String(y)}-${pad(m)}-${pad(Math.min(28, d + length))}` };
    }),
    fc
      .record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
      .map(({ month, day }) => ({ annual: `${pad(month)}-${pad(day)}` })),
  );
  const weekly: fc.Arbitrary<'24x7' | WeeklyHours> = fc.oneof(
    { weight: 1, arbitrary: fc.constant('24x7' as const) },
    {
      weight: 6,
      arbitrary: fc.record(
        {
          mon: windowsArbitrary(),
          tue: windowsArbitrary(),
          wed: windowsArbitrary(),
          thu: windowsArbitrary(),
          fri: windowsArbitrary(),
          sat: windowsArbitrary(),
          sun: windowsArbitrary(),
        },
        { requiredKeys: [] },
      ),
    },
  );
  return fc
    .record({
      timezone: fc.constantFrom(...zones),
      weekly,
      holidays: fc.array(holiday, { maxLength: 4 }),
      exceptions: fc.array(fc.record({ date, hours: windowsArbitrary() }), { maxLength: 3 }),
    })
    .map(({ timezone, weekly: hours, holidays, exceptions }) => {
      // Keep the definition valid: one exception per date, none on a holiday.
      const closed = (d: string): boolean =>
        holidays.some((h) =>
          'date' in h ? h.date === d : 'from' in h ? d >= h.from && d <= h.to : d.slice(5) === h.annual,
        );
      const seen = new Set<string>();
      const kept = exceptions.filter((e) => {
        if (seen.has(e.date) || closed(e.date)) return false;
        seen.add(e.date);
        return true;
      });
      return { timezone, weekly: hours, holidays, exceptions: kept };
    });
}
