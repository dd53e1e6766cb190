import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureTicket } from '../../src/engine/index.js';
import { compilePolicy, evaluate, type PolicyDocument } from '../../src/index.js';
import {
  addValue,
  createDistribution,
  distributionFromJson,
  distributionToJson,
  mergeInto,
  RELATIVE_ACCURACY,
} from '../../src/metrics/distribution.js';
import {
  createMetricsAccumulator,
  finalizeMetrics,
  mergeMetricsAggregates,
  type MetricsAggregate,
} from '../../src/metrics/index.js';
import { createWeekReader } from '../../src/metrics/week.js';
import { modelOf } from '../../src/policy/index.js';
import { MINIMAL } from '../support/policies.js';
import { params } from '../support/well-formed.js';

// The accumulator's fast paths give what the direct computation gives: the weeks a reader
// remembers, the dense bucket counts of the sketch, and the tree of groups; and measureTicket
// finds when each of many due actions was performed.

const DAY = 86_400_000;

describe('createWeekReader (remembered weeks)', () => {
  const zones = [
    'UTC',
    'America/New_York',
    'America/Santiago',
    'America/St_Johns',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Asia/Kathmandu',
    'Pacific/Kiritimati',
    'Pacific/Apia', // skipped 2011-12-30 entirely: a week of six days
    'Europe/London',
  ];
  const clocks = new Map<string, Intl.DateTimeFormat>();
  /** Local midnight of the day of `at` in `zone` (off by a DST shift on a day that has one). */
  function localMidnight(at: number, zone: string): number {
    let clock = clocks.get(zone);
    if (clock === undefined) {
      clock = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      clocks.set(zone, clock);
    }
    const parts = clock.formatToParts(new Date(at));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    const millis = ((at % 1000) + 1000) % 1000;
    return at - ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 - millis;
  }
  /** An instant near a cluster's: at random, or at a local midnight to the millisecond. */
  interface Near {
    readonly offset: number;
    readonly midnight: boolean;
    readonly nudge: number;
  }
  // Clusters of instants from 1900 to 2100: one instant, then the days around it at random or
  // at local midnight (where weeks start), give or take a millisecond.
  const cluster: fc.Arbitrary<readonly [number, readonly Near[]]> = fc.tuple(
    fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
    fc.array(
      fc.oneof(
        fc.record({
          offset: fc.integer({ min: -9 * DAY, max: 9 * DAY }),
          midnight: fc.constant(false),
          nudge: fc.constant(0),
        }),
        fc.record({
          offset: fc.integer({ min: -9, max: 9 }).map((days) => days * DAY),
          midnight: fc.constant(true),
          nudge: fc.constantFrom(-1, 0, 1),
        }),
      ),
      { maxLength: 12 },
    ),
  );
  const instantsIn = (zone: string, clusters: readonly (readonly [number, readonly Near[]])[]): number[] =>
    clusters.flatMap(([at, around]) => [
      at,
      ...around.map(({ offset, midnight, nudge }) =>
        midnight ? localMidnight(at + offset, zone) + nudge : at + offset,
      ),
    ]);

  it('gives the week a reader that never read another instant gives, in any order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(cluster, { minLength: 1, maxLength: 6 }),
        (zone, clusters) => {
          const reader = createWeekReader(zone, 'test');
          for (const at of instantsIn(zone, clusters)) {
            // A new reader has nothing remembered: its answer is the direct computation.
            expect(reader.weekOf(at)).toBe(createWeekReader(zone, 'test').weekOf(at));
          }
        },
      ),
      params(60),
    );
  });

  it('gives the same weeks read forwards and backwards, across the Apia day that never was', () => {
    const from = Date.UTC(2011, 11, 20);
    const list = Array.from({ length: (20 * DAY) / 3_600_000 }, (_, i) => from + i * 3_600_000);
    const forwards = createWeekReader('Pacific/Apia', 'test');
    const backwards = createWeekReader('Pacific/Apia', 'test');
    const read = list.map((at) => forwards.weekOf(at));
    expect([...list].reverse().map((at) => backwards.weekOf(at))).toEqual(read.reverse());
    expect(new Set(read)).toEqual(new Set(['2011-W51', '2011-W52', '2012-W01', '2012-W02']));
  });
});

/** The canonical JSON of a distribution, computed directly: the values, or bucket counts by index. */
function directJson(values: readonly number[]): unknown {
  const rounded = values.map((value) => (value > 0 ? Math.round(value) : 0));
  if (rounded.length === 0) return { count: 0 };
  const base = {
    count: rounded.length,
    min: Math.min(...rounded),
    max: Math.max(...rounded),
    sumMs: rounded.reduce((sum, value) => sum + BigInt(value), 0n).toString(),
    zeros: rounded.filter((value) => value === 0).length,
  };
  if (rounded.length <= 64) return { ...base, values: [...rounded].sort((a, b) => a - b) };
  const gamma = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  const counts = new Map<number, number>();
  for (const value of rounded) {
    if (value === 0) continue;
    const index = Math.ceil(Math.log(value) / Math.log(gamma));
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  return { ...base, buckets: [...counts].sort((a, b) => a[0] - b[0]) };
}

describe('distribution buckets (dense counts)', () => {
  // Milliseconds to centuries, in any order (decreasing values grow the counts downwards).
  const value = fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 1000 }),
    fc.integer({ min: 1, max: 2 ** 40 }),
    fc.double({ min: -10, max: 1e13, noNaN: true }),
  );

  it('gives the buckets counted directly, added in any order and merged in any split', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 300, size: 'max' }),
        fc.boolean(),
        fc.nat(5),
        (values, descending, cuts) => {
          const list = descending ? [...values].sort((a, b) => b - a) : values;
          const one = createDistribution();
          for (const v of list) addValue(one, v);
          const expected = directJson(list);
          expect(distributionToJson(one)).toEqual(expected);
          // Split into parts, each through JSON, merged.
          const size = Math.ceil(list.length / (cuts + 1));
          const merged = createDistribution();
          for (let i = 0; i < list.length; i += Math.max(1, size)) {
            const part = createDistribution();
            for (const v of list.slice(i, i + Math.max(1, size))) addValue(part, v);
            const json = JSON.parse(JSON.stringify(distributionToJson(part))) as ReturnType<
              typeof distributionToJson
            >;
            mergeInto(merged, distributionFromJson(json));
          }
          expect(distributionToJson(merged)).toEqual(expected);
        },
      ),
      params(200),
    );
  });

  it('refuses a bucket no aggregate has, naming the function', () => {
    const policy = compilePolicy(MINIMAL);
    const accumulator = createMetricsAccumulator(policy, { now: '2026-03-10T00:00:00Z' });
    const ticket = {
      id: 'T-1',
      createdAt: '2026-03-09T14:00:00Z',
      subject: 'Checkout is down',
      events: [{ type: 'replied', at: '2026-03-09T14:10:00Z', author: 'agent', public: true }],
    };
    for (let i = 0; i < 70; i++) accumulator.add(ticket);
    const text = JSON.stringify(accumulator.aggregate());
    // The first sketch of the aggregate: 70 replies after 10 minutes, in one bucket.
    const sketch = /"buckets":\[\[(\d+),70\]\]/.exec(text);
    expect(sketch).not.toBeNull();
    const index = Number(sketch?.[1]);
    expect(() => mergeMetricsAggregates([JSON.parse(text) as MetricsAggregate])).not.toThrow();
    const tamper = (buckets: unknown): MetricsAggregate =>
      JSON.parse(text.replace(sketch?.[0] ?? '', `"buckets":${JSON.stringify(buckets)}`)) as MetricsAggregate;
    for (const buckets of [
      [[-1, 70]],
      [[index + 0.5, 70]],
      [[100_000, 70]],
      [[index, 0]],
      [[index, 1.5]],
      [
        [index, 35],
        [index, 35],
      ],
      [
        [index + 1, 35],
        [index, 35],
      ],
    ]) {
      const tampered = tamper(buckets);
      expect(() => mergeMetricsAggregates([tampered])).toThrow(
        /^mergeMetricsAggregates: a sketch bucket `\[[^`]+\]` is not one an aggregate has/,
      );
      expect(() => finalizeMetrics(tampered)).toThrow(/^finalizeMetrics: a sketch bucket/);
    }
  });
});

describe('createMetricsAccumulator (tree of groups)', () => {
  it('keeps apart groups whose values only differ by characters a joined key would confuse', () => {
    const policy = compilePolicy(MINIMAL);
    const tiers = [undefined, '\u0000', '\u001f', 'a\u001f', 'a', '\u0000\u001f'];
    const accumulator = createMetricsAccumulator(policy, {
      now: '2026-03-10T00:00:00Z',
      groupBy: ['tier', 'severity'],
    });
    const singles: MetricsAggregate[] = [];
    tiers.forEach((tier, i) => {
      const ticket = {
        id: `T-${String(i)}`,
        createdAt: '2026-03-09T14:00:00Z',
        subject: 'Checkout is down',
        customer: tier === undefined ? {} : { tier },
      };
      accumulator.add(ticket);
      const single = createMetricsAccumulator(policy, {
        now: '2026-03-10T00:00:00Z',
        groupBy: ['tier', 'severity'],
      });
      single.add(ticket);
      singles.push(single.aggregate());
    });
    const aggregate = accumulator.aggregate();
    expect(aggregate.groups.map((group) => group.key[0])).toEqual(
      expect.arrayContaining([null, ...tiers.filter((tier) => tier !== undefined)]),
    );
    expect(aggregate.groups).toHaveLength(tiers.length);
    // The same groups as merging one aggregate per ticket (merging keys groups by their JSON).
    expect(aggregate).toEqual(mergeMetricsAggregates(singles));
  });
});

describe('measureTicket (many performed actions)', () => {
  const document = JSON.parse(
    readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
  ) as PolicyDocument;
  const policy = compilePolicy(document);
  const model = modelOf(policy, 'test');
  const iso = (ms: number): string => new Date(ms).toISOString();

  it('finds when each due action was performed, by the first event with its key', () => {
    const created = Date.parse('2026-03-09T14:00:00Z');
    // Resolved and reopened 20 times: two reopen rules fire at each reopen (many due keys).
    const events: Record<string, unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      events.push({ type: 'statusChanged', at: iso(created + (2 * i + 1) * 3_600_000), status: 'resolved' });
      events.push({ type: 'statusChanged', at: iso(created + (2 * i + 2) * 3_600_000), status: 'open' });
    }
    const ticket = {
      id: 'T-20',
      createdAt: iso(created),
      subject: 'Mobile app crashes on launch',
      service: 'mobile',
      customer: { id: 'c', tier: 'enterprise' },
      impact: { usersAffected: 3 },
      events,
    };
    const now = created + 50 * 3_600_000;
    const due = measureTicket(model, ticket, now).actions;
    expect(due.length).toBeGreaterThan(32);
    // Every other due action performed, each at its own instant; some keys recorded twice.
    const performed = new Map<string, number>();
    const recorded = due.flatMap((action, i) => {
      if (i % 2 === 1) return [];
      const at = now - 60_000 * (i + 1);
      performed.set(action.key, at);
      const record = { type: 'actionPerformed', at: iso(at), key: action.key };
      return i % 3 === 0 ? [record, { ...record, at: iso(at + 1000) }] : [record];
    });
    expect(performed.size).toBeGreaterThan(16);
    const later = { ...ticket, events: [...events, ...recorded] };
    const m = measureTicket(model, later, now);
    expect(m.actions.map((action) => [action.key, action.performedAt])).toEqual(
      due.map((action) => [action.key, performed.get(action.key)]),
    );
    // The ones not performed are those evaluate still has due.
    const decision = evaluate(policy, later, { now });
    const fromRules = new Set(due.map((action) => action.ruleId));
    expect(
      m.actions
        .filter((action) => action.performedAt === undefined)
        .map((action) => action.key)
        .sort(),
    ).toEqual(
      [...decision.actions, ...decision.withheld]
        .filter((action) => fromRules.has(action.ruleId))
        .map((action) => action.key)
        .sort(),
    );
  });
});
