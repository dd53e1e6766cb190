export {
  MAX_INSTANT_MS,
  MIN_INSTANT_MS,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatInstant,
  parseIsoInstant,
  toEpochMs,
  weekdayOfDays,
  type Instant,
} from './instant.js';
export { fromZodIssues } from './zod-issues.js';
export { didYouMean, suggestion } from './did-you-mean.js';
export { deepFreeze } from './deep-freeze.js';
