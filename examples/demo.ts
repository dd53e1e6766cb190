/**
 * `npm run demo`: the business-time engine on a sample support calendar —
 * deadlines across a weekend, a holiday, a half-day exception and a DST change.
 */
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextOpening,
  parseDuration,
  PolicyError,
} from 'escalation-engine';

const support = compileCalendar({
  timezone: 'America/New_York',
  weekly: {
    mon: [['09:00', '17:00']],
    tue: [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ], // lunch break on Tuesdays
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
  holidays: [
    { date: '2026-12-25', name: 'Christmas Day' },
    { annual: '01-01', name: "New Year's Day" },
  ],
  exceptions: [{ date: '2026-12-24', hours: [['09:00', '13:00']], name: 'Christmas Eve half day' }],
});

const local = (d: Date | null): string =>
  d === null
    ? 'never'
    : `${d.toLocaleString('en-US', { timeZone: 'America/New_York', weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short' })}  (${d.toISOString()})`;

const cases: [string, string, string][] = [
  ['across a weekend', '2026-03-06T15:00:00-05:00', '4h'],
  ['across the DST change (clocks spring forward Sun 2026-03-08)', '2026-03-06T16:30:00-05:00', '1h30m'],
  ['across Christmas Eve half day and Christmas Day', '2026-12-24T11:00:00-05:00', '4h'],
  ['across New Year (a yearly holiday)', '2026-12-31T15:00:00-05:00', '3h'],
  ['Tuesday lunch break', '2026-03-10T11:30:00-04:00', '1h'],
  ['start while closed (Saturday night)', '2026-03-07T22:00:00-05:00', '15m'],
  ['ending exactly at closing time', '2026-03-09T13:00:00-04:00', '4h'],
];

console.log(
  'Calendar: America/New_York, Mon–Fri 09:00–17:00 (Tue lunch 12–13), Christmas, New Year, Christmas Eve half day\n',
);
for (const [label, start, duration] of cases) {
  const deadline = addBusinessTime(support, start, parseDuration(duration));
  console.log(`${label}\n  ${start} + ${duration} business time\n  → ${local(deadline)}\n`);
}

const week = businessTimeBetween(support, '2026-03-09T00:00:00-04:00', '2026-03-16T00:00:00-04:00');
console.log(
  `Business time in the week of 2026-03-09: ${String(week / 3_600_000)} h (39 h: Tuesday has a lunch break)`,
);
console.log(
  `Open Saturday noon? ${String(isOpen(support, '2026-03-07T12:00:00-05:00'))}; next opening: ${local(nextOpening(support, '2026-03-07T12:00:00-05:00'))}`,
);

// A night shift that crosses midnight and a DST change: 22:00–24:00 + 00:00–06:00 is one period.
const nights = compileCalendar({
  timezone: 'Europe/Berlin',
  weekly: { sat: [['22:00', '24:00']], sun: [['00:00', '06:00']] },
});
const shift = businessTimeBetween(nights, '2026-03-28T00:00:00+01:00', '2026-03-30T00:00:00+02:00');
console.log(
  `\nBerlin night shift Sat 22:00 → Sun 06:00 across the spring-forward night: ${String(shift / 3_600_000)} real hours`,
);

// Bad input is answered with issues that carry a path and a readable message.
try {
  compileCalendar({ timezone: 'America/New_Yrok', weekly: { mon: [['09:00', '25:00']] } });
} catch (error) {
  if (error instanceof PolicyError) console.log(`\nInvalid calendar rejected:\n${error.message}`);
}
try {
  parseDuration('3d');
} catch (error) {
  if (error instanceof PolicyError) console.log(`\n${error.message}`);
}
