import { PolicyError, type Issue } from '../errors/index.js';
import {
  daysFromCivil,
  daysInMonth,
  deepFreeze,
  fromZodIssues,
  quote,
  suggestion,
} from '../internal/index.js';
import { calendarDefinitionSchema, type CalendarDefinition, type TimeWindow } from './calendar-definition.js';
import { createTimeline, isHoliday, mergeRanges, type DayRules, type Timeline } from './timeline.js';
import { createZoneOffsets, type ZoneOffsets } from './time-zone.js';

const CALENDAR = Symbol('escalation-engine.calendar');

/**
 * Zone readers by zone name, shared by calendars compiled together (a policy's).
 *
 * @internal
 */
export type ZoneCache = Map<string, ZoneOffsets | undefined>;

/**
 * A compiled business-hours calendar: validated, with its open periods
 * precomputed lazily. Create one with {@link compileCalendar}.
 */
export interface Calendar {
  /** The canonical IANA time zone of the calendar. */
  readonly timezone: string;
  /** The definition it was compiled from. */
  readonly definition: CalendarDefinition;
  /** Warnings found while compiling (e.g. a calendar that is never open). */
  readonly warnings: readonly Issue[];
}

interface CalendarInternals extends Calendar {
  readonly [CALENDAR]: Timeline;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Every key a calendar definition knows, for "did you mean" on unknown keys. */
const VOCABULARY = [
  'timezone',
  'weekly',
  'holidays',
  'exceptions',
  'date',
  'from',
  'to',
  'annual',
  'name',
  'hours',
  ...WEEKDAYS,
];
const TIME = /^(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;

/** The zones `Intl` lists, for suggestions; empty where the runtime cannot list them. */
function knownTimeZones(): readonly string[] {
  return 'supportedValuesOf' in Intl ? Intl.supportedValuesOf('timeZone') : [];
}

/** Minutes after midnight of a wall time, or `undefined` when it is not one. */
function parseWallTime(text: string): number | undefined {
  const m = TIME.exec(text);
  if (m === null) return undefined;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

/** Day number of a `YYYY-MM-DD` date, or `undefined` when it is not a real date. */
function parseDate(text: string): number | undefined {
  const m = DATE.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** `month * 100 + day` of an `MM-DD` date, or `undefined`. */
function parseMonthDay(text: string): number | undefined {
  const m = MONTH_DAY.exec(text);
  if (m === null) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) return undefined;
  return month * 100 + day;
}

/** Validates and normalises one day's windows into sorted, merged minute pairs. */
function checkWindows(
  windows: readonly TimeWindow[],
  path: readonly (string | number)[],
  issues: Issue[],
): number[] {
  const parsed: { start: number; end: number; index: number }[] = [];
  windows.forEach(([startText, endText], index) => {
    const start = parseWallTime(startText);
    const end = parseWallTime(endText);
    let ok = true;
    if (start === undefined || start === 1440) {
      issues.push({
        code: 'invalid_time',
        severity: 'error',
        path: [...path, index, 0],
        message: `invalid start time ${quote(startText)}: expected \`HH:MM\` from \`00:00\` to \`23:59\``,
      });
      ok = false;
    }
    if (end === undefined) {
      issues.push({
        code: 'invalid_time',
        severity: 'error',
        path: [...path, index, 1],
        message: `invalid end time ${quote(endText)}: expected \`HH:MM\` from \`00:00\` to \`24:00\``,
      });
      ok = false;
    }
    if (!ok || start === undefined || end === undefined) return;
    if (end <= start) {
      issues.push({
        code: 'invalid_window',
        severity: 'error',
        path: [...path, index],
        message:
          end === start
            ? `window ${quote(startText)}–${quote(endText)} is empty`
            : `window ${quote(startText)}–${quote(endText)} ends before it starts (use \`24:00\` for midnight; a night shift is two windows on two days)`,
      });
      return;
    }
    parsed.push({ start, end, index });
  });
  parsed.sort((a, b) => a.start - b.start || a.index - b.index);
  const merged: number[] = [];
  // The window reaching furthest so far: any later window starting before its end overlaps it.
  let reach: { end: number; index: number } | undefined;
  for (const current of parsed) {
    if (reach !== undefined && current.start < reach.end) {
      issues.push({
        code: 'overlapping_windows',
        severity: 'error',
        path: [...path, current.index],
        message: `window ${String(current.index)} overlaps window ${String(reach.index)}`,
      });
    } else {
      const lastEnd = merged[merged.length - 1];
      if (lastEnd === current.start) merged[merged.length - 1] = current.end;
      else merged.push(current.start, current.end);
    }
    if (reach === undefined || current.end > reach.end) reach = { end: current.end, index: current.index };
  }
  return merged;
}

function dateIssue(path: readonly (string | number)[], text: string): Issue {
  return {
    code: 'invalid_date',
    severity: 'error',
    path,
    message: `invalid date ${quote(text)}: expected a real date \`YYYY-MM-DD\` (year 1000–9999)`,
  };
}

/**
 * Validates a calendar definition and builds its rules, collecting issues
 * instead of throwing. Paths are prefixed with `path`.
 *
 * @internal
 */
export function checkCalendar(
  input: unknown,
  path: readonly (string | number)[] = [],
  zones?: ZoneCache,
): { calendar: Calendar | undefined; issues: Issue[] } {
  const shape = calendarDefinitionSchema.safeParse(input);
  if (!shape.success)
    return { calendar: undefined, issues: fromZodIssues(shape.error.issues, input, path, VOCABULARY) };
  const def = shape.data;
  const issues: Issue[] = [];

  // Reading a zone from Intl costs a formatter; calendars compiled together share one per zone.
  const zone = zones?.has(def.timezone) === true ? zones.get(def.timezone) : createZoneOffsets(def.timezone);
  zones?.set(def.timezone, zone);
  if (zone === undefined) {
    issues.push({
      code: 'invalid_timezone',
      severity: 'error',
      path: [...path, 'timezone'],
      message: `unknown time zone ${quote(def.timezone)}${suggestion(def.timezone, knownTimeZones())}: expected an IANA name such as \`Europe/Berlin\``,
    });
  }

  const weekly: number[][] = [];
  for (const [index, day] of WEEKDAYS.entries()) {
    const windows = def.weekly === '24x7' ? [['00:00', '24:00'] as const] : (def.weekly[day] ?? []);
    weekly[index] = checkWindows(windows, [...path, 'weekly', day], issues);
  }

  const holidayDays = new Set<number>();
  const holidayRanges: [number, number][] = [];
  const annual = new Set<number>();
  (def.holidays ?? []).forEach((holiday, index) => {
    const at = [...path, 'holidays', index];
    if ('date' in holiday) {
      const day = parseDate(holiday.date);
      if (day === undefined) issues.push(dateIssue([...at, 'date'], holiday.date));
      else holidayDays.add(day);
    } else if ('from' in holiday) {
      const from = parseDate(holiday.from);
      const to = parseDate(holiday.to);
      if (from === undefined) issues.push(dateIssue([...at, 'from'], holiday.from));
      if (to === undefined) issues.push(dateIssue([...at, 'to'], holiday.to));
      if (from !== undefined && to !== undefined) {
        if (to < from) {
          issues.push({
            code: 'invalid_date_range',
            severity: 'error',
            path: [...at, 'to'],
            message: `holiday range ends ${quote(holiday.to)} before it starts ${quote(holiday.from)}`,
          });
        } else holidayRanges.push([from, to]);
      }
    } else {
      const md = parseMonthDay(holiday.annual);
      if (md === undefined) {
        issues.push({
          code: 'invalid_date',
          severity: 'error',
          path: [...at, 'annual'],
          message: `invalid yearly date ${quote(holiday.annual)}: expected \`MM-DD\``,
        });
      } else annual.add(md);
    }
  });

  const exceptions = new Map<number, number[]>();
  const exceptionAt = new Map<number, { index: number; date: string }>();
  (def.exceptions ?? []).forEach((exception, index) => {
    const at = [...path, 'exceptions', index];
    const day = parseDate(exception.date);
    const hours = checkWindows(exception.hours, [...at, 'hours'], issues);
    if (day === undefined) {
      issues.push(dateIssue([...at, 'date'], exception.date));
      return;
    }
    if (exceptions.has(day)) {
      issues.push({
        code: 'duplicate_exception',
        severity: 'error',
        path: [...at, 'date'],
        message: `two exceptions for ${quote(exception.date)}: keep one`,
      });
      return;
    }
    exceptions.set(day, hours);
    exceptionAt.set(day, { index, date: exception.date });
  });

  const rules: DayRules = {
    weekly,
    holidayDays,
    holidayRanges: mergeRanges(holidayRanges),
    annual,
    exceptions,
  };
  for (const [day, { index, date }] of exceptionAt) {
    if (isHoliday(rules, day)) {
      issues.push({
        code: 'holiday_exception_conflict',
        severity: 'error',
        path: [...path, 'exceptions', index, 'date'],
        message: `${quote(date)} is both a holiday and an exception: remove one of them`,
      });
    }
  }

  if (zone === undefined || issues.some((issue) => issue.severity === 'error')) {
    return { calendar: undefined, issues };
  }

  const timeline = createTimeline(zone, rules);
  if (timeline.neverOpen) {
    issues.push({
      code: 'calendar_never_open',
      severity: 'warning',
      path: [...path, 'weekly'],
      message: 'calendar has no open time at all: every deadline on it is `null`',
    });
  }
  const calendar: CalendarInternals = Object.freeze({
    timezone: zone.timeZone,
    definition: deepFreeze(def),
    warnings: Object.freeze([...issues]),
    [CALENDAR]: timeline,
  });
  return { calendar, issues };
}

/**
 * Compiles a business-hours calendar: validates it and prepares the open periods
 * so that business-time queries are fast.
 *
 * @param definition - The calendar as written in a policy (any JSON value is checked).
 * @returns The compiled, immutable calendar; `warnings` lists non-fatal findings.
 * @throws {@link PolicyError} listing every problem, each with a path into `definition`.
 * @example
 * ```ts
 * const cal = compileCalendar({ timezone: 'Europe/Berlin', weekly: { mon: [['09:00', '17:00']] } });
 * cal.timezone //=> 'Europe/Berlin'
 * ```
 */
export function compileCalendar(definition: CalendarDefinition): Calendar {
  const { calendar, issues } = checkCalendar(definition);
  if (calendar === undefined) throw new PolicyError(issues, 'calendar');
  return calendar;
}

/**
 * The timeline of a compiled calendar, or a `TypeError` naming `fn`.
 *
 * @internal
 */
export function timelineOf(calendar: unknown, fn: string): Timeline {
  if (calendar !== null && typeof calendar === 'object' && CALENDAR in calendar) {
    return (calendar as CalendarInternals)[CALENDAR];
  }
  throw new TypeError(`${fn}: expected a calendar from compileCalendar`);
}
