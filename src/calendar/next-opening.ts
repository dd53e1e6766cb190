import type { Instant } from '../internal/index.js';
import { timelineOf, type Calendar } from './compile-calendar.js';
import { instantArg } from './instant-arg.js';

/**
 * Finds the first instant at or after `at` when the calendar is open.
 * `nextOpening(cal, t)` equals `t` exactly when `isOpen(cal, t)`.
 *
 * @param calendar - A calendar from {@link compileCalendar}.
 * @param at - Where to start looking.
 * @returns `at` itself when open, the next opening instant, or `null` when the calendar never opens again.
 * @throws `TypeError`/`RangeError` for a calendar not from `compileCalendar` or an invalid instant.
 * @example
 * ```ts
 * const cal = compileCalendar({ timezone: 'Europe/Berlin', weekly: { mon: [['09:00', '17:00']] } });
 * nextOpening(cal, '2026-01-03T12:00:00+01:00')?.toISOString() //=> '2026-01-05T08:00:00.000Z'
 * ```
 */
export function nextOpening(calendar: Calendar, at: Instant): Date | null {
  const timeline = timelineOf(calendar, 'nextOpening');
  const next = timeline.nextOpening(instantArg(at, 'nextOpening', 'at'));
  return next === null ? null : new Date(next);
}
