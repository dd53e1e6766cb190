import type { Instant } from '../internal/index.js';
import { timelineOf, type Calendar } from './compile-calendar.js';
import { instantArg } from './instant-arg.js';

/**
 * Measures the business time in `[from, to)`: the real milliseconds inside the
 * calendar's open periods. When `to` is before `from` the result is negative
 * (`businessTimeBetween(cal, b, a) === -businessTimeBetween(cal, a, b)`).
 *
 * @param calendar - A calendar from {@link compileCalendar}.
 * @param from - The start of the span (inclusive).
 * @param to - The end of the span (exclusive).
 * @returns Open milliseconds between the two instants.
 * @throws `TypeError`/`RangeError` for a calendar not from `compileCalendar` or an invalid instant.
 * @example
 * ```ts
 * const cal = compileCalendar({ timezone: 'Europe/Berlin', weekly: { mon: [['09:00', '17:00']] } });
 * businessTimeBetween(cal, '2026-01-05T00:00:00+01:00', '2026-01-06T00:00:00+01:00')
 * //=> 28800000 (8 hours)
 * ```
 */
export function businessTimeBetween(calendar: Calendar, from: Instant, to: Instant): number {
  const timeline = timelineOf(calendar, 'businessTimeBetween');
  return timeline.between(
    instantArg(from, 'businessTimeBetween', 'from'),
    instantArg(to, 'businessTimeBetween', 'to'),
  );
}
