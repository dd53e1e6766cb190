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

/** Reads the ISO week of instants in one zone; remembers the weeks found. */
export interface WeekReader {
  /** The canonical zone name. */
  readonly timeZone: string;
  /** The ISO week of the local date of an instant. */
  readonly weekOf: (at: number) => string;
}

/** One local week found: from its Monday's local midnight to the next one's (epoch ms). */
interface Span {
  readonly from: number;
  readonly to: number;
  readonly week: string;
}

/**
 * The ISO week of instants in a time zone. In UTC by arithmetic; elsewhere through a calendar
 * open on Mondays only (the only reader of zone data is the calendar module): the latest
 * Monday opening at or before the instant is the local start of its week.
 *
 * Weeks found are remembered (tickets come in any order, many per week): in UTC by the day
 * number of their Monday; elsewhere by each UTC day their span overlaps (at most two spans
 * overlap a day), so that an instant costs one map lookup once its week was found. A reader
 * remembers no more weeks than the tickets it read fall in.
 *
 * @throws `RangeError` naming `fn` for a zone that `Intl` does not know.
 *
 * @internal
 */
export function createWeekReader(timeZone: string, fn: string): WeekReader {
  if (timeZone === 'UTC') {
    const byMonday = new Map<number, string>();
    return {
      timeZone,
      weekOf(at) {
        const day = Math.floor(at / DAY);
        const monday = day - weekdayOfDays(day);
        let week = byMonday.get(monday);
        if (week === undefined) {
          week = isoWeekOf(monday);
          byMonday.set(monday, week);
        }
        return week;
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
  /** The local week holding `at`, from the calendar. */
  const spanOf = (at: number): Span => {
    // Some Monday starts within the 8 days before `at`: step from one to the next.
    let cursor = at - 8 * DAY;
    if (timeline.isOpen(cursor)) cursor = timeline.nextChange(cursor) ?? cursor;
    let start = timeline.nextOpening(cursor) ?? at;
    let to: number;
    for (;;) {
      const close = timeline.nextChange(start) ?? start + DAY;
      const next = timeline.nextOpening(close) ?? close + 6 * DAY;
      if (next > at) {
        to = next;
        break;
      }
      start = next;
    }
    // `start` is local midnight of a Monday, at most 14 h before or 12 h after that day's UTC
    // midnight: the Monday is the one among the UTC days around `start + 12h`.
    const near = Math.floor((start + 12 * HOUR) / DAY);
    const monday = weekdayOfDays(near) === 0 ? near : weekdayOfDays(near - 1) === 0 ? near - 1 : near + 1;
    return { from: start, to, week: isoWeekOf(monday) };
  };
  /** The spans found, by each UTC day (number) they overlap. */
  const byDay = new Map<number, Span[]>();
  return {
    timeZone: canonical,
    weekOf(at) {
      const day = Math.floor(at / DAY);
      const known = byDay.get(day);
      if (known !== undefined) {
        for (const span of known) if (at >= span.from && at < span.to) return span.week;
      }
      const span = spanOf(at);
      // Remembered for every day it overlaps (a week and a day or so; only `at`'s day if the
      // span were ever longer than two weeks).
      let first = Math.floor(span.from / DAY);
      let last = Math.floor((span.to - 1) / DAY);
      if (last - first > 14) first = last = day;
      for (let d = first; d <= last; d++) {
        const list = byDay.get(d);
        if (list === undefined) byDay.set(d, [span]);
        else list.push(span);
      }
      return span.week;
    },
  };
}
