/** The README's usage example, with its results checked. Run: npx tsx examples/quick-start.ts */
import { strict as assert } from 'node:assert';
import { addBusinessTime, businessTimeBetween, compileCalendar, parseDuration } from 'escalation-engine';

const support = compileCalendar({
  timezone: 'America/New_York',
  weekly: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
  holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
});

const deadline = addBusinessTime(support, '2026-03-06T15:00:00-05:00', parseDuration('4h'));
assert.equal(deadline?.toISOString(), '2026-03-09T15:00:00.000Z');
assert.equal(
  businessTimeBetween(support, '2026-03-09T00:00:00-04:00', '2026-03-14T00:00:00-05:00') / 3_600_000,
  40,
);
console.log('quick start: ok');
