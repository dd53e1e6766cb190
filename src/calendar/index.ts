export { addBusinessTime } from './add-business-time.js';
export { businessTimeBetween } from './business-time-between.js';
export type {
  AnnualHoliday,
  CalendarDefinition,
  CalendarException,
  DateHoliday,
  Holiday,
  RangeHoliday,
  TimeWindow,
  WallTime,
  WeeklyHours,
} from './calendar-definition.js';
export { compileCalendar, timelineOf, type Calendar } from './compile-calendar.js';
export { isOpen } from './is-open.js';
export { nextOpening } from './next-opening.js';
export { parseDuration } from './parse-duration.js';
export { calendarDefinitionSchema, weeklyHoursSchema } from './calendar-definition.js';
export { checkCalendar, type ZoneCache } from './compile-calendar.js';
export { createZoneReader, type ZoneOffsets, type ZoneReader } from './time-zone.js';
export { checkDuration } from './parse-duration.js';
export type { Timeline } from './timeline.js';
