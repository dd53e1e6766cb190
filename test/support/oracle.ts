import type { CalendarDefinition, TimeWindow } from '../../src/index.js';

// A deliberately naive business-time oracle, independent of src/calendar.
//
// Everything is derived from `Intl.DateTimeFormat` (zone offsets) and `Date.UTC`
// (proleptic Gregorian arithmetic, which never looks at the host time zone).
// Correctness over speed: wall times are resolved by brute force over the offsets
// seen nearby, and `add`/`between` walk the timeline one minute at a time.

/** A naive model of a calendar's open set, on epoch milliseconds. */
export interface Oracle {
  /** Whether `t` lies in an open period `[open, close)`. */
  isOpen(t: number): boolean;
  /** The smallest open instant at or after `t`, or `null` if none within the horizon. */
  nextOpening(t: number): number | null;
  /** `start` plus `durationMs` of business time, or `null` if the calendar never opens again. */
  add(start: number, durationMs: number): number | null;
  /** Open milliseconds in `[a, b)` (negated when `b < a`). */
  between(a: number, b: number): number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** How far `nextOpening` looks before it gives up (the tests need about three years). */
const HORIZON_DAYS = 4 * 366;

/** A half-open interval of epoch ms, `[open, close)`. */
interface Interval {
  readonly open: number;
  readonly close: number;
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
function dateString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Day number of the UTC date of an instant. */
function utcDay(t: number): number {
  return Math.floor(t / DAY);
}

/** Minutes since local midnight of `"HH:MM"` (`"24:00"` is 1440). */
function wallMinutes(text: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (match === null) throw new Error(`oracle: bad wall time ${text}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 1440) throw new Error(`oracle: bad wall time ${text}`);
  return minutes;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Builds the oracle of a calendar definition.
 *
 * @param def - The calendar definition, as written in a policy.
 * @returns The oracle; it caches each local date's resolved intervals.
 */
export function createOracle(def: CalendarDefinition): Oracle {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone: def.timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

  // ---------------------------------------------------------------- zone offsets

  const offsetCache = new Map<number, number>();

  /** The zone's UTC offset (ms, local minus UTC) in force at a whole-second instant. */
  function offsetAt(t: number): number {
    if (t % 1000 !== 0) throw new Error(`oracle: offsetAt needs a whole second, got ${t}`);
    const cached = offsetCache.get(t);
    if (cached !== undefined) return cached;
    const fields: Record<string, number> = {};
    for (const part of formatter.formatToParts(new Date(t))) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const { year, month, day, hour, minute, second } = fields;
    if (
      year === undefined ||
      month === undefined ||
      day === undefined ||
      hour === undefined ||
      minute === undefined ||
      second === undefined ||
      hour > 23
    ) {
      throw new Error(`oracle: unexpected Intl parts for ${new Date(t).toISOString()}`);
    }
    const wall = Date.UTC(year, month - 1, day, hour, minute, second);
    const offset = wall - t;
    offsetCache.set(t, offset);
    return offset;
  }

  /** The local wall time of a whole-second instant, as if it were UTC epoch ms. */
  function localOf(t: number): number {
    return t + offsetAt(t);
  }

  /**
   * Resolves a local wall time (`wall` = local date-time written as UTC epoch ms)
   * like Temporal's `disambiguation: "compatible"`: the one instant if unique, the
   * earlier of two in an overlap, and in a gap the wall time read with the offset
   * in force before the gap.
   */
  function resolveWall(wall: number): number {
    const first = Math.floor((wall - 2 * DAY) / HOUR) * HOUR;
    const samples: number[] = [];
    for (let s = first; s <= wall + 2 * DAY; s += HOUR) samples.push(s);
    const offsets = new Set(samples.map(offsetAt));
    const matches = [...offsets].map((o) => wall - o).filter((t) => localOf(t) === wall);
    if (matches.length > 0) return Math.min(...matches);
    // A gap: take the offset of the latest sample whose local time is still before `wall`.
    let before: number | undefined;
    for (const s of samples) if (localOf(s) < wall) before = offsetAt(s);
    if (before === undefined) throw new Error(`oracle: cannot resolve ${new Date(wall).toISOString()}`);
    return wall - before;
  }

  /** Resolves minute `minutes` (0–1440) of local date `day`. */
  function resolve(day: number, minutes: number): number {
    const t = resolveWall(day * DAY + minutes * MINUTE);
    // The tests rely on every boundary lying on a whole UTC minute.
    if (t % MINUTE !== 0) throw new Error(`oracle: boundary not on a whole minute: ${t}`);
    return t;
  }

  // ------------------------------------------------------------ windows of a date

  /** Whether a holiday closes local date `day`. */
  function isHoliday(day: number): boolean {
    const date = dateString(day);
    const year = Number(date.slice(0, 4));
    for (const h of def.holidays ?? []) {
      if ('date' in h) {
        if (h.date === date) return true;
      } else if ('from' in h) {
        if (h.from <= date && date <= h.to) return true;
      } else if (h.annual === date.slice(5)) {
        if (h.annual !== '02-29' || isLeapYear(year)) return true;
      }
    }
    return false;
  }

  /** The wall-clock windows of local date `day`: exception, else holiday, else weekly. */
  function windowsOf(day: number): readonly TimeWindow[] {
    const date = dateString(day);
    const exception = (def.exceptions ?? []).find((e) => e.date === date);
    if (exception !== undefined) return exception.hours;
    if (isHoliday(day)) return [];
    if (def.weekly === '24x7') return [['00:00', '24:00']];
    const weekday = WEEKDAYS[new Date(day * DAY).getUTCDay()];
    if (weekday === undefined) throw new Error('oracle: bad weekday');
    return def.weekly[weekday] ?? [];
  }

  const dayCache = new Map<number, readonly Interval[]>();

  /** The resolved open intervals contributed by local date `day`. */
  function intervalsOf(day: number): readonly Interval[] {
    const cached = dayCache.get(day);
    if (cached !== undefined) return cached;
    const windows = windowsOf(day);
    const intervals: Interval[] = [];
    if (windows.length > 0) {
      const lo = resolve(day, 0);
      const hi = resolve(day + 1, 0);
      const clamp = (t: number): number => Math.min(hi, Math.max(lo, t));
      for (const [start, end] of windows) {
        const open = clamp(resolve(day, wallMinutes(start)));
        const close = clamp(resolve(day, wallMinutes(end)));
        if (close > open) intervals.push({ open, close });
      }
    }
    dayCache.set(day, intervals);
    return intervals;
  }

  // ------------------------------------------------------------------ queries

  // A local date's intervals lie within a day of its UTC date, and the local date of
  // an instant is within a day of its UTC date, so local dates utcDay ± 2 cover `t`.
  function isOpen(t: number): boolean {
    const d0 = utcDay(t);
    for (let day = d0 - 2; day <= d0 + 2; day++) {
      for (const { open, close } of intervalsOf(day)) if (open <= t && t < close) return true;
    }
    return false;
  }

  function nextOpening(t: number): number | null {
    const d0 = utcDay(t);
    let best: number | null = null;
    for (let day = d0 - 2; day <= d0 + HORIZON_DAYS; day++) {
      for (const { open, close } of intervalsOf(day)) {
        if (close > t) {
          const candidate = Math.max(open, t);
          if (best === null || candidate < best) best = candidate;
        }
      }
      // Later dates only hold later intervals; a couple of extra dates keep this obviously safe.
      if (best !== null && day >= utcDay(best) + 2) return best;
    }
    return best;
  }

  function add(start: number, durationMs: number): number | null {
    if (durationMs === 0) return isOpen(start) ? start : nextOpening(start);
    let t = start;
    let remaining = durationMs;
    for (;;) {
      if (!isOpen(t)) {
        // Closed time consumes nothing: skip it.
        const next = nextOpening(t);
        if (next === null) return null;
        t = next;
      }
      // The open state is constant up to the next whole minute (boundaries are whole minutes).
      const step = Math.floor(t / MINUTE) * MINUTE + MINUTE - t;
      if (remaining <= step) return t + remaining;
      remaining -= step;
      t += step;
    }
  }

  function between(a: number, b: number): number {
    if (b < a) return 0 - between(b, a); // `0 -` so that no span gives -0
    let total = 0;
    let t = a;
    while (t < b) {
      const end = Math.min(b, Math.floor(t / MINUTE) * MINUTE + MINUTE);
      if (isOpen(t)) total += end - t;
      t = end;
    }
    return total;
  }

  return { isOpen, nextOpening, add, between };
}
