import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextOpening,
  type Calendar,
  type CalendarDefinition,
} from '../../src/index.js';
import { calendarDefinitionArbitrary } from '../../src/testing/index.js';
import { createOracle, type Oracle } from '../support/oracle.js';

// Laws of the business-time functions, and agreement with the naive oracle in
// test/support/oracle.ts, on instants concentrated around DST changes.
// Set FC_SEED to replay a run; fast-check reports the seed and counterexample
// in the thrown error (nothing is printed).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 0, 1);
/** Generous per-test timeout; the whole file runs in a fraction of it. */
const TIMEOUT = 60_000;

const seedText = process.env['FC_SEED'];
const seed = seedText === undefined || seedText === '' ? undefined : Number(seedText);
if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer: ${seedText}`);

function params(numRuns: number): { numRuns: number; seed?: number } {
  return seed === undefined ? { numRuns } : { numRuns, seed };
}

// ------------------------------------------------------- DST transitions via Intl

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in ms at an instant, read from `Intl` (never the host zone). */
function zoneOffset(zone: string, t: number): number {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  const parts = formatter.formatToParts(new Date(t));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return wall - (t - (((t % 1000) + 1000) % 1000));
}

const transitionCache = new Map<string, readonly number[]>();

/** The instants in 2025–2027 at which the zone's offset changes, to the minute. */
function transitionsOf(zone: string): readonly number[] {
  const cached = transitionCache.get(zone);
  if (cached !== undefined) return cached;
  const found: number[] = [];
  for (let t = FROM; t < TO; t += DAY) {
    if (zoneOffset(zone, t) === zoneOffset(zone, t + DAY)) continue;
    // Offset at `lo` is the old one, at `hi` the new one; narrow to whole minutes.
    let lo = t;
    let hi = t + DAY;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
      if (zoneOffset(zone, mid) === zoneOffset(zone, lo)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  transitionCache.set(zone, found);
  return found;
}

// ------------------------------------------------------------------ arbitraries

type Alignment = 'ms' | 'minute' | 'fiveMinutes';
const alignmentArb: fc.Arbitrary<Alignment> = fc.constantFrom('ms', 'minute', 'fiveMinutes');

function align(t: number, alignment: Alignment): number {
  if (alignment === 'ms') return t;
  const unit = alignment === 'minute' ? MINUTE : 5 * MINUTE;
  return Math.floor(t / unit) * unit;
}

/** Instants near a DST change of the zone (± 3 days), mixed with uniform ones in 2025–2027. */
function instantArb(zone: string): fc.Arbitrary<number> {
  const uniform = fc.integer({ min: FROM, max: TO - 1 });
  const transitions = transitionsOf(zone);
  if (transitions.length === 0) return uniform;
  const near = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * DAY, max: 3 * DAY }))
    .map(([t, delta]) => t + delta);
  return fc.oneof({ weight: 3, arbitrary: near }, { weight: 1, arbitrary: uniform });
}

const durationArb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1, 15 * MINUTE, 4 * HOUR, 24 * HOUR, 80 * HOUR),
  fc.integer({ min: 0, max: 120 * HOUR }),
  fc.integer({ min: 0, max: (120 * HOUR) / (5 * MINUTE) }).map((k) => k * 5 * MINUTE),
);

/** A span of up to ~10 days, often a multiple of 5 minutes. */
const spanArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 10 * DAY }),
  fc.integer({ min: 0, max: (10 * DAY) / (5 * MINUTE) }).map((k) => k * 5 * MINUTE),
);

interface Scenario {
  readonly def: CalendarDefinition;
  /** Whether the run's instants carry milliseconds or sit on a minute or 5-minute grid. */
  readonly alignment: Alignment;
  /** Three instants, sorted: a ≤ b ≤ c. */
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** Two durations, sorted: d1 ≤ d2. */
  readonly d1: number;
  readonly d2: number;
  /** `a` plus up to ~10 days. */
  readonly end: number;
}

/** Where the next instant goes: an instant of its own, or a short hop after the previous one. */
type Step = { readonly at: number } | { readonly after: number };

function scenarioArb(defs: fc.Arbitrary<CalendarDefinition>): fc.Arbitrary<Scenario> {
  return fc.tuple(defs, alignmentArb).chain(([def, alignment]) => {
    const instant = instantArb(def.timezone);
    const step: fc.Arbitrary<Step> = fc.oneof(
      instant.map((at) => ({ at })),
      spanArb.map((after) => ({ after })),
    );
    const next = (previous: number, s: Step): number => ('at' in s ? s.at : previous + s.after);
    return fc
      .record({ a: instant, b: step, c: step, d1: durationArb, d2: durationArb, span: spanArb })
      .map((r) => {
        const b = next(r.a, r.b);
        const c = next(b, r.c);
        const [x, y, z] = [r.a, b, c].map((t) => align(t, alignment)).sort((p, q) => p - q) as [
          number,
          number,
          number,
        ];
        const [d1, d2] = r.d1 <= r.d2 ? [r.d1, r.d2] : [r.d2, r.d1];
        return { def, alignment, a: x, b: y, c: z, d1, d2, end: align(x + r.span, alignment) };
      });
  });
}

const weekdays = (windows: [string, string][]): CalendarDefinition['weekly'] => ({
  mon: windows,
  tue: windows,
  wed: windows,
  thu: windows,
  fri: windows,
});

/** Mon–Fri 09:00–17:00 offices with holidays of the three kinds. */
const officeCalendars: readonly CalendarDefinition[] = [
  {
    timezone: 'America/New_York',
    weekly: weekdays([['09:00', '17:00']]),
    holidays: [
      { annual: '07-04', name: 'Independence Day' },
      { date: '2026-11-26', name: 'Thanksgiving' },
      { from: '2025-12-24', to: '2026-01-01', name: 'Winter break' },
      { annual: '02-29' },
    ],
    exceptions: [{ date: '2026-03-08', hours: [['01:00', '04:00']] }],
  },
  {
    timezone: 'Europe/Berlin',
    weekly: weekdays([['09:00', '17:00']]),
    holidays: [
      { annual: '12-25' },
      { annual: '12-26' },
      { date: '2026-04-03', name: 'Good Friday' },
      { from: '2027-03-29', to: '2027-04-02' },
    ],
    exceptions: [{ date: '2025-10-26', hours: [['00:00', '03:30']] }],
  },
  {
    timezone: 'Asia/Kolkata',
    weekly: weekdays([['09:00', '17:00']]),
    holidays: [{ annual: '01-26' }, { annual: '08-15' }, { from: '2026-10-19', to: '2026-10-23' }],
  },
];

// ------------------------------------------------------------------ helpers

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());
const iso = (t: number | null): string => (t === null ? 'null' : new Date(t).toISOString());

/** Fails with both values when the engine and the oracle disagree (=== so that -0 equals 0). */
function agree<T extends number | boolean | null>(
  what: string,
  engine: T,
  oracle: T,
  show: (value: T) => string = String,
): void {
  if (engine !== oracle) throw new Error(`${what}: engine ${show(engine)}, oracle ${show(oracle)}`);
}

const showInstant = (t: number | null): string => (t === null ? 'null' : `${iso(t)} (${String(t)})`);

/** `null` means "never" and sorts after every instant. */
const notAfter = (x: Date | null, y: Date | null): boolean =>
  y === null || (x !== null && x.getTime() <= y.getTime());

const compiled = new WeakMap<CalendarDefinition, Calendar>();
function calendarOf(def: CalendarDefinition): Calendar {
  let calendar = compiled.get(def);
  if (calendar === undefined) {
    calendar = compileCalendar(def);
    compiled.set(def, calendar);
  }
  return calendar;
}

const oracles = new WeakMap<CalendarDefinition, Oracle>();
function oracleOf(def: CalendarDefinition): Oracle {
  let oracle = oracles.get(def);
  if (oracle === undefined) {
    oracle = createOracle(def);
    oracles.set(def, oracle);
  }
  return oracle;
}

function checkAgreement(s: Scenario): void {
  const calendar = calendarOf(s.def);
  const oracle = oracleOf(s.def);
  for (const t of [s.a, s.b]) {
    agree(`isOpen(${iso(t)})`, isOpen(calendar, t), oracle.isOpen(t));
    agree(`nextOpening(${iso(t)})`, ms(nextOpening(calendar, t)), oracle.nextOpening(t), showInstant);
  }
  for (const d of [s.d1, s.d2]) {
    agree(
      `addBusinessTime(${iso(s.a)}, ${String(d)})`,
      ms(addBusinessTime(calendar, s.a, d)),
      oracle.add(s.a, d),
      showInstant,
    );
  }
  agree(
    `businessTimeBetween(${iso(s.a)}, ${iso(s.end)})`,
    businessTimeBetween(calendar, s.a, s.end),
    oracle.between(s.a, s.end),
  );
  if (s.c - s.a <= 10 * DAY) {
    agree(
      `businessTimeBetween(${iso(s.a)}, ${iso(s.c)})`,
      businessTimeBetween(calendar, s.a, s.c),
      oracle.between(s.a, s.c),
    );
  }
}

// ------------------------------------------------------------------ properties

const arbitraryCalendars = scenarioArb(calendarDefinitionArbitrary());
const officeScenarios = scenarioArb(fc.constantFrom(...officeCalendars));

describe('business time agrees with the minute-stepping oracle', () => {
  it(
    'on generated calendars in DST zones',
    () => {
      fc.assert(fc.property(arbitraryCalendars, checkAgreement), params(600));
    },
    TIMEOUT,
  );

  it(
    'on Mon–Fri 09:00–17:00 calendars with holidays in New York, Berlin and Kolkata',
    () => {
      fc.assert(fc.property(officeScenarios, checkAgreement), params(500));
    },
    TIMEOUT,
  );
});

describe('business time laws', () => {
  const scenarios = fc.oneof(
    { weight: 3, arbitrary: arbitraryCalendars },
    { weight: 1, arbitrary: officeScenarios },
  );

  it(
    'businessTimeBetween(a, addBusinessTime(a, d)) equals d',
    () => {
      fc.assert(
        fc.property(scenarios, (s) => {
          const calendar = calendarOf(s.def);
          for (const d of [s.d1, s.d2]) {
            const end = addBusinessTime(calendar, s.a, d);
            if (end !== null) expect(businessTimeBetween(calendar, s.a, end), `d = ${String(d)}`).toBe(d);
          }
        }),
        params(400),
      );
    },
    TIMEOUT,
  );

  it(
    'addBusinessTime is non-decreasing in start and in duration',
    () => {
      fc.assert(
        fc.property(scenarios, (s) => {
          const calendar = calendarOf(s.def);
          for (const d of [s.d1, s.d2]) {
            const fromA = addBusinessTime(calendar, s.a, d);
            const fromB = addBusinessTime(calendar, s.b, d);
            if (!notAfter(fromA, fromB))
              throw new Error(`d = ${String(d)}: ${iso(ms(fromA))} > ${iso(ms(fromB))}`);
          }
          for (const t of [s.a, s.b]) {
            const short = addBusinessTime(calendar, t, s.d1);
            const long = addBusinessTime(calendar, t, s.d2);
            if (!notAfter(short, long)) throw new Error(`at ${iso(t)}: ${iso(ms(short))} > ${iso(ms(long))}`);
          }
        }),
        params(400),
      );
    },
    TIMEOUT,
  );

  it(
    'businessTimeBetween is non-decreasing in its end and non-increasing in its start',
    () => {
      fc.assert(
        fc.property(scenarios, (s) => {
          const calendar = calendarOf(s.def);
          expect(businessTimeBetween(calendar, s.a, s.b)).toBeLessThanOrEqual(
            businessTimeBetween(calendar, s.a, s.c),
          );
          expect(businessTimeBetween(calendar, s.a, s.c)).toBeGreaterThanOrEqual(
            businessTimeBetween(calendar, s.b, s.c),
          );
          // Also across the diagonal, where the result is negative.
          expect(businessTimeBetween(calendar, s.b, s.a)).toBeLessThanOrEqual(
            businessTimeBetween(calendar, s.b, s.c),
          );
          expect(businessTimeBetween(calendar, s.a, s.b)).toBeGreaterThanOrEqual(
            businessTimeBetween(calendar, s.c, s.b),
          );
        }),
        params(400),
      );
    },
    TIMEOUT,
  );

  it(
    'isOpen(t) holds exactly when nextOpening(t) is t',
    () => {
      fc.assert(
        fc.property(scenarios, (s) => {
          const calendar = calendarOf(s.def);
          for (const t of [s.a, s.b, s.c]) {
            expect(isOpen(calendar, t), iso(t)).toBe(ms(nextOpening(calendar, t)) === t);
          }
        }),
        params(400),
      );
    },
    TIMEOUT,
  );

  it(
    'businessTimeBetween(a, b) is -businessTimeBetween(b, a)',
    () => {
      fc.assert(
        fc.property(scenarios, (s) => {
          const calendar = calendarOf(s.def);
          for (const [x, y] of [
            [s.a, s.b],
            [s.a, s.c],
            [s.c, s.b],
          ] as const) {
            const forward = businessTimeBetween(calendar, x, y);
            const backward = businessTimeBetween(calendar, y, x);
            if (forward !== -backward) throw new Error(`${String(forward)} vs ${String(backward)}`);
          }
        }),
        params(400),
      );
    },
    TIMEOUT,
  );

  it(
    'businessTimeBetween is additive: (a, c) = (a, b) + (b, c)',
    () => {
      fc.assert(
        fc.property(scenarios, (s) => {
          const calendar = calendarOf(s.def);
          expect(businessTimeBetween(calendar, s.a, s.c)).toBe(
            businessTimeBetween(calendar, s.a, s.b) + businessTimeBetween(calendar, s.b, s.c),
          );
        }),
        params(400),
      );
    },
    TIMEOUT,
  );
});
