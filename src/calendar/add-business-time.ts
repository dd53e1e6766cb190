import type { Instant } from '../internal/index.js';
import { timelineOf, type Calendar } from './compile-calendar.js';
import { instantArg } from './instant-arg.js';

/**
 * Adds business time to an instant: from `start` (or the next opening when the
 * calendar is closed), consumes open time until `durationMs` is used.
 *
 * Ending exactly at a closing instant returns that closing instant, not the next
 * opening. A zero duration returns `start` when open, else the next opening.
 *
 * @param calendar - A calendar from {@link compileCalendar}.
 * @param start - Where to start: an ISO string with an offset, a `Date` or epoch ms.
 * @param durationMs - Business time to add, a non-negative integer number of ms.
 * @returns The instant the duration runs out, or `null` when the calendar never opens again.
 * @throws `TypeError` for a calendar not from `compileCalendar`, a non-instant `start` or a non-number duration;
 *   `RangeError` for an invalid instant or a negative or fractional duration.
 * @example
 * ```ts
 * const cal = compileCalendar({ timezone: 'America/New_York',
 *   weekly: { mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] } });
 * // Friday 16:00 EST + 4 business hours → Monday 12:00 EST
 * addBusinessTime(cal, '2026-01-09T16:00:00-05:00', parseDuration('4h'))?.toISOString()
 * //=> '2026-01-12T17:00:00.000Z'
 * ```
 */
export function addBusinessTime(calendar: Calendar, start: Instant, durationMs: number): Date | null {
  const timeline = timelineOf(calendar, 'addBusinessTime');
  const from = instantArg(start, 'addBusinessTime', 'start');
  if (typeof durationMs !== 'number') {
    throw new TypeError(
      'addBusinessTime: durationMs must be a number of milliseconds (use parseDuration for text)',
    );
  }
  if (!Number.isSafeInteger(durationMs) || durationMs < 0) {
    throw new RangeError('addBusinessTime: durationMs must be a non-negative integer number of milliseconds');
  }
  const end = timeline.add(from, durationMs);
  return end === null ? null : new Date(end);
}
