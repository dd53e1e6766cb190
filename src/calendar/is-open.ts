import type { Instant } from '../internal/index.js';
import { timelineOf, type Calendar } from './compile-calendar.js';
import { instantArg } from './instant-arg.js';

/**
 * Tells whether the calendar is open at an instant; open periods are `[open, close)`.
 *
 * @param calendar - A calendar from {@link compileCalendar}.
 * @param at - The instant to test.
 * @returns `true` inside an open period, `false` otherwise (and at its closing instant).
 * @throws `TypeError`/`RangeError` for a calendar not from `compileCalendar` or an invalid instant.
 * @example
 * ```ts
 * const cal = compileCalendar({ timezone: 'Asia/Kolkata', weekly: { mon: [['09:00', '17:00']] } });
 * isOpen(cal, '2026-01-05T09:00:00+05:30') //=> true
 * isOpen(cal, '2026-01-05T17:00:00+05:30') //=> false
 * ```
 */
export function isOpen(calendar: Calendar, at: Instant): boolean {
  const timeline = timelineOf(calendar, 'isOpen');
  return timeline.isOpen(instantArg(at, 'isOpen', 'at'));
}
