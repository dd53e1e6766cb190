import { PolicyError } from '../errors/index.js';
import { compileCalendar, timelineOf, type Timeline } from '../calendar/index.js';
import { civilFromDays, daysFromCivil, weekdayOfDays } from '../internal/index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The ISO week (`2026-W11`) of the week whose Monday is day number `monday`. */
function isoWeekOf(monday: number): string {
  // The ISO week-year is the year of the week's Thursday; week 1 holds the year's first Thursday.
  const thursday = monday + 3;
  const { year } = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return `${String(year)}-W${week < 10 ? '0' : ''}${String(week)}`;
}

/** Reads the ISO week of instants in one zone; remembers the last week found. */
export interface WeekReader {
  /** The canonical zone name. */
  readonly timeZone: string;
  /** The ISO week of the local date of an instant. */
  readonly weekOf: (at: number) => string;
}

/**
 * The ISO week of instants in a time zone. In UTC by arithmetic; elsewhere through a calendar
 * open on Mondays only (the only reader of zone data is the calendar module): the latest
 * Monday opening at or before the instant is the local start of its week.
 *
 * @throws `RangeError` naming `fn` for a zone that `Intl` does not know.
 *
 * @internal
 */
export function createWeekReader(timeZone: string, fn: string): WeekReader {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  let last = '';
  if (timeZone === 'UTC') {
    return {
      timeZone,
      weekOf(at) {
        if (at >= from && at < to) return last;
        const day = Math.floor(at / DAY);
        const monday = day - weekdayOfDays(day);
        from = monday * DAY;
        to = from + 7 * DAY;
        last = isoWeekOf(monday);
        return last;
      },
    };
  }
  let timeline: Timeline;
  let canonical: string;
  try {
    const mondays = compileCalendar({ timezone: timeZone, weekly: { mon: [['00:00', '24:00']] } });
    timeline = timelineOf(mondays, fn);
    canonical = mondays.timezone;
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    throw new RangeError(`${fn}: unknown time zone \`${timeZone}\` for weekTimeZone`);
  }
  return {
    timeZone: canonical,
    weekOf(at) {
      if (at >= from && at < to) return last;
      // Some Monday starts within the 8 days before `at`: step from one to the next.
      let cursor = at - 8 * DAY;
      if (timeline.isOpen(cursor)) cursor = timeline.nextChange(cursor) ?? cursor;
      let start = timeline.nextOpening(cursor) ?? at;
      for (;;) {
        const close = timeline.nextChange(start) ?? start + DAY;
        const next = timeline.nextOpening(close) ?? close + 6 * DAY;
        if (next > at) {
          from = start;
          to = next;
          break;
        }
        start = next;
      }
      // `from` is local midnight of a Monday, at most 14 h before or 12 h after that day's UTC
      // midnight: the Monday is the one among the UTC days around `from + 12h`.
      const near = Math.floor((from + 12 * HOUR) / DAY);
      const monday = weekdayOfDays(near) === 0 ? near : weekdayOfDays(near - 1) === 0 ? near - 1 : near + 1;
      last = isoWeekOf(monday);
      return last;
    },
  };
}
