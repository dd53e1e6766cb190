import * as z from 'zod/mini';

/** A local wall time `HH:MM` from `00:00` to `24:00` (`24:00` is the end of the day). */
export type WallTime = string;

/** One open window of a day, `[start, end)` in local wall time, e.g. `["09:00", "17:00"]`. */
export type TimeWindow = readonly [start: WallTime, end: WallTime];

/** Open windows per weekday; a day left out is closed. */
export interface WeeklyHours {
  /** Monday's open windows. */
  readonly mon?: readonly TimeWindow[] | undefined;
  /** Tuesday's open windows. */
  readonly tue?: readonly TimeWindow[] | undefined;
  /** Wednesday's open windows. */
  readonly wed?: readonly TimeWindow[] | undefined;
  /** Thursday's open windows. */
  readonly thu?: readonly TimeWindow[] | undefined;
  /** Friday's open windows. */
  readonly fri?: readonly TimeWindow[] | undefined;
  /** Saturday's open windows. */
  readonly sat?: readonly TimeWindow[] | undefined;
  /** Sunday's open windows. */
  readonly sun?: readonly TimeWindow[] | undefined;
}

/** A holiday on one local date (`YYYY-MM-DD`); closes the whole date. */
export interface DateHoliday {
  /** The local date, `YYYY-MM-DD`. */
  readonly date: string;
  /** A label for people, e.g. `Christmas Day`. */
  readonly name?: string | undefined;
}

/** A holiday over an inclusive range of local dates. */
export interface RangeHoliday {
  /** The first closed local date, `YYYY-MM-DD`. */
  readonly from: string;
  /** The last closed local date (inclusive), `YYYY-MM-DD`. */
  readonly to: string;
  /** A label for people. */
  readonly name?: string | undefined;
}

/** A holiday on the same month and day every year, `MM-DD` (`02-29` only in leap years). */
export interface AnnualHoliday {
  /** The month and day, `MM-DD`. */
  readonly annual: string;
  /** A label for people. */
  readonly name?: string | undefined;
}

/** A holiday: a single date, an inclusive range or a yearly date. */
export type Holiday = DateHoliday | RangeHoliday | AnnualHoliday;

/** A dated exception that replaces one local date's hours (`[]` closes the date). */
export interface CalendarException {
  /** The local date, `YYYY-MM-DD`. */
  readonly date: string;
  /** The windows that replace the weekday's hours on that date. */
  readonly hours: readonly TimeWindow[];
  /** A label for people, e.g. `Christmas Eve half day`. */
  readonly name?: string | undefined;
}

/**
 * A business-hours calendar as written in a policy.
 *
 * @example
 * ```ts
 * const def: CalendarDefinition = {
 *   timezone: 'America/New_York',
 *   weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '12:00'], ['13:00', '17:00']] },
 *   holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
 *   exceptions: [{ date: '2026-12-24', hours: [['09:00', '13:00']] }],
 * };
 * ```
 */
export interface CalendarDefinition {
  /** The IANA time zone the wall times are in, e.g. `Europe/Berlin`. */
  readonly timezone: string;
  /** Open windows per weekday, or `"24x7"` for always open (holidays still apply). */
  readonly weekly: '24x7' | WeeklyHours;
  /** Dates on which the calendar is closed all day. */
  readonly holidays?: readonly Holiday[] | undefined;
  /** Dates whose hours replace the weekly hours. */
  readonly exceptions?: readonly CalendarException[] | undefined;
}

const windowSchema = z.tuple([z.string(), z.string()]);
const windowsSchema = z.array(windowSchema);
const nameSchema = z.optional(z.string());

/**
 * The zod schema of {@link WeeklyHours} (also used by on-call schedule restrictions).
 *
 * @internal
 */
export const weeklyHoursSchema: z.ZodMiniType<WeeklyHours> = z.strictObject({
  mon: z.optional(windowsSchema),
  tue: z.optional(windowsSchema),
  wed: z.optional(windowsSchema),
  thu: z.optional(windowsSchema),
  fri: z.optional(windowsSchema),
  sat: z.optional(windowsSchema),
  sun: z.optional(windowsSchema),
});

/**
 * The zod schema of {@link CalendarDefinition}: shape only; values are checked after.
 * Built with `zod/mini`, whose functions tree-shake (see docs/architecture.md).
 */
export const calendarDefinitionSchema: z.ZodMiniType<CalendarDefinition> = z.strictObject({
  timezone: z.string(),
  weekly: z.union([z.literal('24x7'), weeklyHoursSchema], {
    error: 'expected `"24x7"` or an object of weekday windows (`mon` … `sun`)',
  }),
  holidays: z.optional(
    z.array(
      z.union(
        [
          z.strictObject({ date: z.string(), name: nameSchema }),
          z.strictObject({ from: z.string(), to: z.string(), name: nameSchema }),
          z.strictObject({ annual: z.string(), name: nameSchema }),
        ],
        { error: 'expected a holiday: `{ date }`, `{ from, to }` or `{ annual }`' },
      ),
    ),
  ),
  exceptions: z.optional(
    z.array(z.strictObject({ date: z.string(), hours: windowsSchema, name: nameSchema })),
  ),
});
