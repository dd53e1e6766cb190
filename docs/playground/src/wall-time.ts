// The `now` picker: a wall-clock time in a time zone ↔ an instant. The wall time is resolved by
// the engine's own calendar rules (a one-day calendar opening at that time), so a time in a DST
// gap or overlap means exactly what it means in a policy: gaps move forward, overlaps take the
// earlier instant (DESIGN §6).
import { compileCalendar, nextOpening } from '../../../src/index.js';

const DAY_MS = 86_400_000;
const WALL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?$/;

/**
 * The instant of a wall-clock time (`2026-03-08T02:30`, the value of a datetime-local input) in
 * a time zone, as an ISO string in UTC; `null` when the text or the zone is not valid.
 *
 * @param zone - An IANA time zone (`America/New_York`).
 * @param wall - `YYYY-MM-DDTHH:MM`, optionally with `:SS`.
 * @returns The instant, e.g. `2026-03-08T07:30:00.000Z` (02:30 is in the gap: 03:30 EDT).
 * @example
 * ```ts
 * instantOfWallTime('America/New_York', '2026-11-01T01:30') //=> '2026-11-01T05:30:00.000Z'
 * ```
 */
export function instantOfWallTime(zone: string, wall: string): string | null {
  const match = WALL.exec(wall);
  if (match === null) return null;
  const [, date = '', time = '', seconds] = match;
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(midnight)) return null;
  try {
    const calendar = compileCalendar({
      timezone: zone,
      weekly: {},
      exceptions: [{ date, hours: [[time, '24:00']] }],
    });
    const opening = nextOpening(calendar, midnight - 2 * DAY_MS);
    if (opening === null) return null;
    return new Date(opening.getTime() + Number(seconds ?? 0) * 1000).toISOString();
  } catch {
    // An unknown zone or an impossible time (`25:00`): the calendar refuses it.
    return null;
  }
}

/**
 * The wall-clock time of an instant in a time zone, as a datetime-local value, with the zone's
 * abbreviation or offset (`EDT`, `GMT+13:45`).
 *
 * @param zone - An IANA time zone.
 * @param ms - The instant, epoch milliseconds.
 * @returns `{ wall: '2026-03-09T10:20', zoneName: 'EDT' }`, or `null` for an unknown zone.
 * @example
 * ```ts
 * wallTimeOf('America/New_York', Date.parse('2026-03-09T14:20:00Z')) //=> { wall: '2026-03-09T10:20', zoneName: 'EDT' }
 * ```
 */
export function wallTimeOf(zone: string, ms: number): { wall: string; zoneName: string } | null {
  let format: Intl.DateTimeFormat;
  try {
    // A fixed locale and the Gregorian calendar with Latin digits: the host's locale never leaks.
    format = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    });
  } catch {
    return null;
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  const seconds = parts['second'] === '00' ? '' : `:${parts['second'] ?? '00'}`;
  return {
    wall: `${(parts['year'] ?? '').padStart(4, '0')}-${parts['month'] ?? ''}-${parts['day'] ?? ''}T${parts['hour'] ?? ''}:${parts['minute'] ?? ''}${seconds}`,
    zoneName: parts['timeZoneName'] ?? zone,
  };
}
