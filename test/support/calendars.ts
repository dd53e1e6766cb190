import type { CalendarDefinition, Holiday } from '../../src/index.js';

/** One hour in milliseconds. */
export const H = 3_600_000;

/** One window, 09:00–17:00. */
export const NINE_TO_FIVE = [['09:00', '17:00']] as const;

/** Monday to Friday, 09:00–17:00. */
export const WEEKDAYS: Readonly<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri', typeof NINE_TO_FIVE>> = {
  mon: NINE_TO_FIVE,
  tue: NINE_TO_FIVE,
  wed: NINE_TO_FIVE,
  thu: NINE_TO_FIVE,
  fri: NINE_TO_FIVE,
};

/** 2026-01-19 (MLK Day) and 2026-02-16 to 18 (a winter break). */
export const OFFICE_HOLIDAYS: readonly Holiday[] = [
  { date: '2026-01-19', name: 'Martin Luther King Jr. Day' },
  { from: '2026-02-16', to: '2026-02-18', name: 'Winter break' },
];

/**
 * The office calendar most example tests use: New York, Mon–Fri 09:00–17:00 (EST, -05:00,
 * on every date used: local 09:00 is 14:00Z), the holidays above, and a half day
 * (09:00–13:00) on Friday 2026-01-23. 2026-01-05 is a Monday.
 */
export const OFFICE: CalendarDefinition = {
  timezone: 'America/New_York',
  weekly: WEEKDAYS,
  holidays: OFFICE_HOLIDAYS,
  exceptions: [{ date: '2026-01-23', hours: [['09:00', '13:00']], name: 'Half day' }],
};
