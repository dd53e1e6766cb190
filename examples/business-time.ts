/**
 * The snippets of docs/business-time.md, with their results checked.
 * Run: npx tsx examples/business-time.ts
 */
import { strict as assert } from 'node:assert';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextOpening,
  parseDuration,
  PolicyError,
} from 'escalation-engine';

const cal = compileCalendar({
  timezone: 'America/New_York',
  weekly: {
    mon: [['09:00', '17:00']],
    tue: [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
  holidays: [{ date: '2026-12-25', name: 'Christmas Day' }, { annual: '01-01' }],
  exceptions: [{ date: '2026-12-24', hours: [['09:00', '13:00']] }],
});

assert.equal(
  addBusinessTime(cal, '2026-03-06T15:00:00-05:00', parseDuration('4h'))?.toISOString(),
  '2026-03-09T15:00:00.000Z',
);
assert.equal(
  businessTimeBetween(cal, '2026-03-09T00:00:00-04:00', '2026-03-16T00:00:00-04:00') / 3_600_000,
  39,
);
assert.equal(isOpen(cal, '2026-03-10T12:30:00-04:00'), false);
assert.equal(nextOpening(cal, '2026-12-24T14:00:00-05:00')?.toISOString(), '2026-12-28T14:00:00.000Z');

// Ending exactly at a closing instant returns the closing instant.
assert.equal(
  addBusinessTime(cal, '2026-03-09T13:00:00-04:00', parseDuration('4h'))?.toISOString(),
  '2026-03-09T21:00:00.000Z',
);

// The DST table of the docs.
const sunday = (hours: [string, string]) =>
  compileCalendar({ timezone: 'America/New_York', weekly: { sun: [hours] } });
const hoursOn = (c: ReturnType<typeof compileCalendar>, from: string, to: string) =>
  businessTimeBetween(c, from, to) / 3_600_000;
const spring = ['2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00'] as const;
const fall = ['2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00'] as const;
assert.equal(hoursOn(sunday(['01:00', '04:00']), ...spring), 2);
assert.equal(hoursOn(sunday(['01:00', '04:00']), ...fall), 4);
assert.equal(hoursOn(sunday(['00:00', '03:00']), ...spring), 2);
assert.equal(hoursOn(sunday(['00:00', '03:00']), ...fall), 4);
assert.equal(nextOpening(sunday(['02:30', '05:00']), spring[0])?.toISOString(), '2026-03-08T07:30:00.000Z');
assert.equal(hoursOn(sunday(['02:30', '05:00']), ...spring), 1.5);
assert.equal(hoursOn(sunday(['02:30', '05:00']), ...fall), 2.5);

// Errors list every problem with a path.
assert.throws(
  () => compileCalendar({ timezone: 'America/New_Yrok', weekly: { mon: [['09:00', '25:00']] } }),
  (error: unknown) =>
    error instanceof PolicyError &&
    error.issues.map((i) => i.code).join() === 'invalid_timezone,invalid_time' &&
    error.message.includes('did you mean `America/New_York`?'),
);
assert.throws(
  () => parseDuration('3d'),
  (error: unknown) => error instanceof PolicyError && error.issues[0]?.code === 'duration_unit_not_allowed',
);

console.log('business-time examples: ok');
