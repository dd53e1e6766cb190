/**
 * An instant given to the library: an ISO 8601 string with an offset, a `Date`,
 * or epoch milliseconds.
 */
export type Instant = string | Date | number;

/** The earliest instant the business-time functions accept: 1000-01-01T00:00:00.000Z. */
export const MIN_INSTANT_MS = -30610224000000;
/** The latest instant the business-time functions accept: 9999-12-31T23:59:59.999Z. */
export const MAX_INSTANT_MS = 253402300799999;

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The two decimal digits at `i` and `i + 1` as a number (0–99), or -1 when either is not a digit. */
function twoDigitsAt(text: string, i: number): number {
  const high = text.charCodeAt(i) - 48;
  const low = text.charCodeAt(i + 1) - 48;
  // `>>> 0` turns a negative difference into a large number: one comparison per digit.
  return high >>> 0 <= 9 && low >>> 0 <= 9 ? high * 10 + low : -1;
}

/** Days from March 1 to the first of each month (index 1–12), in a year that starts in March. */
const DAYS_FROM_MARCH = [0, 306, 337, 0, 31, 61, 92, 122, 153, 184, 214, 245, 275];

/**
 * The common shapes `YYYY-MM-DDTHH:MM:SSZ` and `YYYY-MM-DDTHH:MM:SS.sssZ`, parsed without a
 * regular expression (tickets carry many instants); `undefined` for anything else, which
 * the general parser then reads.
 */
function parseCommonIso(text: string): number | undefined {
  const n = text.length;
  if ((n !== 20 && n !== 24) || text.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  if (
    text.charCodeAt(4) !== 45 /* - */ ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 /* T */ ||
    text.charCodeAt(13) !== 58 /* : */ ||
    text.charCodeAt(16) !== 58 ||
    (n === 24 && text.charCodeAt(19) !== 46) /* . */
  )
    return undefined;
  const century = twoDigitsAt(text, 0);
  const yearOfCentury = twoDigitsAt(text, 2);
  const month = twoDigitsAt(text, 5);
  const day = twoDigitsAt(text, 8);
  const hour = twoDigitsAt(text, 11);
  const minute = twoDigitsAt(text, 14);
  const second = twoDigitsAt(text, 17);
  let ms = 0;
  if (n === 24) {
    const f0 = text.charCodeAt(20) - 48;
    const f1 = text.charCodeAt(21) - 48;
    const f2 = text.charCodeAt(22) - 48;
    if (f0 >>> 0 > 9 || f1 >>> 0 > 9 || f2 >>> 0 > 9) return undefined;
    ms = f0 * 100 + f1 * 10 + f2;
  }
  if ((century | yearOfCentury | month | day | hour | minute | second) < 0) return undefined;
  const year = century * 100 + yearOfCentury;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  // daysFromCivil, with integer division (every operand is ≥ 0 from year 1 on; year 0 takes
  // the general parser) and the days before each month from a table: a fifth of the time.
  if (year === 0) return undefined;
  const y = month <= 2 ? year - 1 : year;
  const days =
    y * 365 +
    ((y / 4) | 0) -
    ((y / 100) | 0) +
    ((y / 400) | 0) +
    (DAYS_FROM_MARCH[month] as number) +
    day -
    719469;
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

/**
 * Parses an ISO 8601 string that carries an offset; `NaN` when it is not one.
 * A string without an offset is ambiguous and is rejected.
 *
 * @internal
 */
export function parseIsoInstant(text: string): number {
  const fast = parseCommonIso(text);
  if (fast !== undefined) return fast;
  const match = ISO_WITH_OFFSET.exec(text);
  if (match === null) return Number.NaN;
  const [, y, mo, d, h, mi, s = '00', frac = '', offset = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let offsetMs = 0;
  if (offset.toUpperCase() !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return Number.NaN;
    offsetMs = sign * (oh * 3_600_000 + om * 60_000);
  }
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const local =
    daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
  return local - offsetMs;
}

/** A `Date`, also one made in another realm (an iframe, a `vm` context). */
function isDate(value: unknown): value is Date {
  return value instanceof Date || Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * Converts an {@link Instant} to epoch milliseconds, or throws the programmer error
 * the contract asks for, prefixed with the calling function's name.
 *
 * @internal
 */
export function toEpochMs(value: unknown, fn: string, what = 'instant'): number {
  let ms: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new RangeError(`${fn}: ${what} must be a finite number of epoch milliseconds`);
    ms = value;
  } else if (isDate(value)) {
    ms = value.getTime();
    if (Number.isNaN(ms)) throw new RangeError(`${fn}: ${what} is an invalid Date`);
  } else if (typeof value === 'string') {
    ms = parseIsoInstant(value);
    if (Number.isNaN(ms)) {
      throw new RangeError(
        `${fn}: ${what} must be an ISO 8601 date-time with an offset, such as \`2026-03-09T14:00:00Z\``,
      );
    }
  } else {
    throw new TypeError(`${fn}: ${what} must be an ISO string with an offset, a Date or epoch milliseconds`);
  }
  return Math.floor(ms);
}

/**
 * Like {@link toEpochMs}, for instants that must lie in the supported years (1000 to 9999):
 * outputs carry instants as ISO strings, which `Date` cannot write beyond ±275760 and which
 * leave the `YYYY-MM-DD` form outside these years.
 *
 * @internal
 */
export function toSupportedEpochMs(value: unknown, fn: string, what = 'instant'): number {
  const ms = toEpochMs(value, fn, what);
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS)
    throw new RangeError(`${fn}: ${what} is outside the supported range (years 1000 to 9999)`);
  return ms;
}

/**
 * Reads an instant from data without throwing: epoch milliseconds, or `undefined` for
 * anything that is not an ISO string with an offset, a valid Date or finite epoch
 * milliseconds from year 1000 to 9999.
 *
 * @internal
 */
export function readInstant(value: unknown): number | undefined {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') ms = parseIsoInstant(value);
  else if (isDate(value)) ms = value.getTime();
  else return undefined;
  if (!Number.isFinite(ms) || ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) return undefined;
  return Math.floor(ms);
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (month 1–12).
 *
 * @internal
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The proleptic Gregorian date of a day number (days since 1970-01-01).
 *
 * @internal
 */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * The ISO string of an instant from the character codes of its date (`YYYY-MM-DD`) and its
 * milliseconds into the day, as one flat string: a concatenation would keep its pieces alive
 * (a V8 cons string) and double the memory a decision holds.
 */
function composeIso(
  y1: number,
  y2: number,
  y3: number,
  y4: number,
  m1: number,
  m2: number,
  d1: number,
  d2: number,
  ofDay: number,
): string {
  const hours = Math.floor(ofDay / 3_600_000);
  let rest = ofDay - hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const h = Math.floor(hours / 10);
  const m = Math.floor(minutes / 10);
  const s = Math.floor(seconds / 10);
  const l = Math.floor(millis / 100);
  const ll = Math.floor(millis / 10);
  return String.fromCharCode(
    y1,
    y2,
    y3,
    y4,
    45,
    m1,
    m2,
    45,
    d1,
    d2,
    84,
    48 + h,
    48 + hours - 10 * h,
    58,
    48 + m,
    48 + minutes - 10 * m,
    58,
    48 + s,
    48 + seconds - 10 * s,
    46,
    48 + l,
    48 + ll - 10 * l,
    48 + millis - 10 * ll,
    90,
  );
}

/**
 * Formats epoch milliseconds as an ISO 8601 UTC string with milliseconds, exactly as
 * `Date.prototype.toISOString` does for years 1000–9999, without allocating a `Date`
 * (decisions format many instants; `toISOString` is slow). Other years go to `Date`.
 *
 * @internal
 */
export function isoString(ms: number): string {
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86_400_000);
  const { year, month, day } = civilFromDays(days);
  return composeIso(
    48 + Math.floor(year / 1000),
    48 + (Math.floor(year / 100) % 10),
    48 + (Math.floor(year / 10) % 10),
    48 + (year % 10),
    48 + Math.floor(month / 10),
    48 + (month % 10),
    48 + Math.floor(day / 10),
    48 + (day % 10),
    ms - days * 86_400_000,
  );
}

/** Slots of a formatter's memo of days (by day number) and of instants (by a hash of them). */
const DAY_SLOTS = 512;
const ISO_SLOTS = 1024;

/**
 * An {@link isoString} that remembers, in fixed tables of its own, the date part of recent
 * days and the strings of recent instants: a decision formats a dozen instants of a few days,
 * many of them twice (a breached clock's deadline is its breach and its escalation's due),
 * and the calendar arithmetic of a day costs more than the rest of the formatting. Every
 * string equals what `isoString` gives; the engine keeps one formatter per compiled policy.
 *
 * @internal
 */
export function createIsoFormatter(): (ms: number) => string {
  const slotDays = new Float64Array(DAY_SLOTS).fill(Number.NaN);
  const slotCodes = new Uint8Array(DAY_SLOTS * 8);
  const isoSlotMs = new Float64Array(ISO_SLOTS).fill(Number.NaN);
  const isoSlotText = new Array<string>(ISO_SLOTS).fill('');
  const format = (ms: number): string => {
    if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) return new Date(ms).toISOString();
    const days = Math.floor(ms / 86_400_000);
    const slot = days & (DAY_SLOTS - 1);
    const at = slot * 8;
    if (slotDays[slot] !== days) {
      const { year, month, day } = civilFromDays(days);
      slotCodes[at] = 48 + Math.floor(year / 1000);
      slotCodes[at + 1] = 48 + (Math.floor(year / 100) % 10);
      slotCodes[at + 2] = 48 + (Math.floor(year / 10) % 10);
      slotCodes[at + 3] = 48 + (year % 10);
      slotCodes[at + 4] = 48 + Math.floor(month / 10);
      slotCodes[at + 5] = 48 + (month % 10);
      slotCodes[at + 6] = 48 + Math.floor(day / 10);
      slotCodes[at + 7] = 48 + (day % 10);
      slotDays[slot] = days;
    }
    return composeIso(
      slotCodes[at] as number,
      slotCodes[at + 1] as number,
      slotCodes[at + 2] as number,
      slotCodes[at + 3] as number,
      slotCodes[at + 4] as number,
      slotCodes[at + 5] as number,
      slotCodes[at + 6] as number,
      slotCodes[at + 7] as number,
      ms - days * 86_400_000,
    );
  };
  return (ms) => {
    const low = ms | 0;
    const slot = (low ^ (low >>> 10)) & (ISO_SLOTS - 1);
    if (isoSlotMs[slot] === ms) return isoSlotText[slot] as string;
    const text = format(ms);
    isoSlotMs[slot] = ms;
    isoSlotText[slot] = text;
    return text;
  };
}

/**
 * Number of days in a month of the proleptic Gregorian calendar.
 *
 * @internal
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * ISO weekday of a day number: 0 = Monday … 6 = Sunday.
 *
 * @internal
 */
export function weekdayOfDays(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}
