/**
 * Business-time benchmark: escalation-engine side by side with (a) a naive
 * minute-stepping oracle and (b) moment-business-time on moment-timezone, the
 * most-used npm library for this, on the same cases in the same process run.
 *
 * Run with `npm run bench`. Prints ops/s and ratios; exits non-zero if the three
 * disagree on any case.
 */
import moment from 'moment-timezone';
import 'moment-business-time';
import { Bench } from 'tinybench';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  type CalendarDefinition,
} from '../src/index.js';
import { createOracle } from '../test/support/oracle.js';
import { lcg } from './workload.js';

const HOUR = 3_600_000;
const DURATIONS = { '15m': 15 * 60_000, '4h': 4 * HOUR, '24h': 24 * HOUR, '80h': 80 * HOUR } as const;

// About ten holidays a year, 2025–2027, the same dates in every zone.
const HOLIDAYS: string[] = [];
for (const year of [2025, 2026, 2027]) {
  for (const md of [
    '01-01',
    '01-19',
    '02-16',
    '04-03',
    '05-25',
    '07-03',
    '09-07',
    '10-12',
    '11-26',
    '12-25',
  ]) {
    HOLIDAYS.push(`${String(year)}-${md}`);
  }
}
const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata'] as const;
const WEEKDAY_HOURS = [['09:00', '17:00']] as const;

function definition(timezone: string): CalendarDefinition {
  return {
    timezone,
    weekly: {
      mon: WEEKDAY_HOURS,
      tue: WEEKDAY_HOURS,
      wed: WEEKDAY_HOURS,
      thu: WEEKDAY_HOURS,
      fri: WEEKDAY_HOURS,
    },
    holidays: HOLIDAYS.map((date) => ({ date })),
  };
}

// moment-business-time keeps its hours in the global locale: set them once.
moment.updateLocale('en', {
  workinghours: {
    0: null,
    1: ['09:00:00', '17:00:00'],
    2: ['09:00:00', '17:00:00'],
    3: ['09:00:00', '17:00:00'],
    4: ['09:00:00', '17:00:00'],
    5: ['09:00:00', '17:00:00'],
    6: null,
  },
  holidays: HOLIDAYS,
});

/** Instants where the zone's offset changes in 2025–2027, read from Intl. */
function transitions(timezone: string): number[] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' });
  const offset = (t: number): string => format.format(t);
  const out: number[] = [];
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += HOUR) {
    if (offset(t) !== offset(t + HOUR)) out.push(t + HOUR);
  }
  return out;
}

interface Case {
  readonly zone: number;
  readonly start: number;
  readonly durationMs: number;
  readonly label: keyof typeof DURATIONS;
}

const random = lcg(20261126);
const cases: Case[] = [];
for (const [zone, timezone] of ZONES.entries()) {
  const changes = transitions(timezone);
  for (let i = 0; i < 400; i++) {
    // Three quarters of the starts within three days of a DST change, the rest anywhere in 2025–2027.
    const anchor =
      changes.length > 0 && random() < 0.75
        ? (changes[Math.floor(random() * changes.length)] as number) + (random() * 6 - 3) * 24 * HOUR
        : Date.UTC(2025, 0, 1) + random() * 3 * 365 * 24 * HOUR;
    const start = Math.floor(anchor / 60_000) * 60_000;
    const labels = Object.keys(DURATIONS) as (keyof typeof DURATIONS)[];
    const label = labels[i % labels.length] as keyof typeof DURATIONS;
    cases.push({ zone, start, durationMs: DURATIONS[label], label });
  }
}

const calendars = ZONES.map((zone) => compileCalendar(definition(zone)));
const oracles = ZONES.map((zone) => createOracle(definition(zone)));

const engineAdd = (c: Case): number =>
  addBusinessTime(calendars[c.zone] as (typeof calendars)[number], c.start, c.durationMs)?.getTime() ??
  Number.NaN;
const oracleAdd = (c: Case): number => oracles[c.zone]?.add(c.start, c.durationMs) ?? Number.NaN;
const momentAdd = (c: Case): number =>
  moment
    .tz(c.start, ZONES[c.zone] as string)
    .addWorkingTime(c.durationMs / 60_000, 'minutes')
    .valueOf();

// Correctness first: all three must agree on every case.
let disagreements = 0;
for (const c of cases) {
  const [e, o, m] = [engineAdd(c), oracleAdd(c), momentAdd(c)];
  if (e !== o || e !== m) {
    disagreements++;
    if (disagreements <= 5) {
      process.stdout.write(
        `disagreement ${ZONES[c.zone]} start=${new Date(c.start).toISOString()} +${c.label}: engine=${new Date(e).toISOString()} oracle=${new Date(o).toISOString()} moment=${new Date(m).toISOString()}\n`,
      );
    }
  }
}
process.stdout.write(
  `correctness: ${String(cases.length - disagreements)}/${String(cases.length)} cases agree (engine, oracle, moment-business-time)\n`,
);

const byLabel = (label: keyof typeof DURATIONS): Case[] => cases.filter((c) => c.label === label);
const spans = cases.map((c) => ({ zone: c.zone, from: c.start, to: c.start + c.durationMs * 3 }));

const bench = new Bench({ time: 800, warmupTime: 200 });
const batch = (name: string, list: readonly Case[], fn: (c: Case) => number): void => {
  bench.add(name, () => {
    let sink = 0;
    for (const c of list) sink += fn(c);
    if (sink === 1) throw new Error('unreachable');
  });
  sizes.set(name, list.length);
};
const sizes = new Map<string, number>();
batch('engine addBusinessTime (mix)', cases, engineAdd);
batch('engine addBusinessTime (15m)', byLabel('15m'), engineAdd);
batch('engine addBusinessTime (80h)', byLabel('80h'), engineAdd);
const isoStarts = new Map(cases.map((c) => [c, new Date(c.start).toISOString()]));
batch(
  'engine addBusinessTime (mix, ISO input)',
  cases,
  (c) =>
    addBusinessTime(
      calendars[c.zone] as (typeof calendars)[number],
      isoStarts.get(c) as string,
      c.durationMs,
    )?.getTime() ?? 0,
);
batch(
  'engine compile + first deadline (cold)',
  cases.slice(0, 30),
  (c) =>
    addBusinessTime(compileCalendar(definition(ZONES[c.zone] as string)), c.start, c.durationMs)?.getTime() ??
    0,
);
batch('moment-business-time addWorkingTime (mix)', cases, momentAdd);
batch('oracle add (mix)', cases.slice(0, 120), oracleAdd);
bench.add('engine businessTimeBetween (mix)', () => {
  let sink = 0;
  for (const s of spans)
    sink += businessTimeBetween(calendars[s.zone] as (typeof calendars)[number], s.from, s.to);
  if (sink === 1) throw new Error('unreachable');
});
sizes.set('engine businessTimeBetween (mix)', spans.length);
bench.add('oracle between (mix)', () => {
  let sink = 0;
  for (const s of spans.slice(0, 120)) sink += oracles[s.zone]?.between(s.from, s.to) ?? 0;
  if (sink === 1) throw new Error('unreachable');
});
sizes.set('oracle between (mix)', 120);
bench.add('moment-business-time workingDiff (mix)', () => {
  let sink = 0;
  for (const s of spans) {
    const zone = ZONES[s.zone] as string;
    sink += moment.tz(s.to, zone).workingDiff(moment.tz(s.from, zone), 'minutes');
  }
  if (sink === 1) throw new Error('unreachable');
});
sizes.set('moment-business-time workingDiff (mix)', spans.length);

await bench.run();

const opsPerSecond = new Map<string, number>();
for (const task of bench.tasks) {
  const mean = task.result?.latency.mean;
  if (mean === undefined) throw new Error(`task ${task.name} did not run`);
  opsPerSecond.set(task.name, ((sizes.get(task.name) ?? 1) / mean) * 1000);
}
const ops = (name: string): number => opsPerSecond.get(name) ?? Number.NaN;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(12);
process.stdout.write(`\n${'task'.padEnd(46)}${'ops/s'.padStart(12)}\n`);
for (const [name, value] of opsPerSecond) process.stdout.write(`${name.padEnd(46)}${fmt(value)}\n`);
const ratio = (a: string, b: string): string => `${(ops(a) / ops(b)).toFixed(1)}×`;
process.stdout.write(
  `\nratios (same process, same cases):\n` +
    `  addBusinessTime vs moment-business-time: ${ratio('engine addBusinessTime (mix)', 'moment-business-time addWorkingTime (mix)')}\n` +
    `  addBusinessTime vs naive oracle:         ${ratio('engine addBusinessTime (mix)', 'oracle add (mix)')}\n` +
    `  businessTimeBetween vs moment workingDiff: ${ratio('engine businessTimeBetween (mix)', 'moment-business-time workingDiff (mix)')}\n` +
    `  businessTimeBetween vs naive oracle:     ${ratio('engine businessTimeBetween (mix)', 'oracle between (mix)')}\n` +
    `  cost of 80h vs 15m (engine):             ${(ops('engine addBusinessTime (15m)') / ops('engine addBusinessTime (80h)')).toFixed(2)}× slower\n`,
);
if (disagreements > 0) process.exitCode = 1;
