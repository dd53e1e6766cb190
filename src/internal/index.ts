export {
  MAX_INSTANT_MS,
  MIN_INSTANT_MS,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isoString,
  createIsoFormatter,
  readInstant,
  toEpochMs,
  toSupportedEpochMs,
  weekdayOfDays,
  type Instant,
} from './instant.js';
export { fromZodIssues } from './zod-issues.js';
export { suggestion } from './did-you-mean.js';
export { deepFreeze } from './deep-freeze.js';
export { quote } from './quote.js';
export { assertNever } from './assert-never.js';
export { plainCopy } from './plain-copy.js';
export { readOwnPath } from './own-path.js';
export { describeLimitBreach, findLimitBreach, type DataLimits, type LimitBreach } from './data-limits.js';
