export {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextOpening,
  parseDuration,
  type AnnualHoliday,
  type Calendar,
  type CalendarDefinition,
  type CalendarException,
  type DateHoliday,
  type Holiday,
  type RangeHoliday,
  type TimeWindow,
  type WallTime,
  type WeeklyHours,
} from './calendar/index.js';
export {
  EscalationError,
  PolicyError,
  formatIssues,
  formatPath,
  toJsonPointer,
  type Issue,
  type IssueCode,
} from './errors/index.js';
export {
  MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES,
  compileCondition,
  type Condition,
} from './conditions/index.js';
export type { Instant } from './internal/index.js';
