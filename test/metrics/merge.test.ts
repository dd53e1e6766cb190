import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, type PolicyDocument } from '../../src/index.js';
import {
  computeMetrics,
  createMetricsAccumulator,
  finalizeMetrics,
  mergeMetricsAggregates,
  type ComputeMetricsOptions,
  type MetricsAggregate,
} from '../../src/metrics/index.js';
import { escalationTicket } from '../support/escalation-tickets.js';
import { ticketAndNow } from '../support/tickets.js';
import { params } from '../support/well-formed.js';

// Sharded == single pass: the same tickets split over any number of accumulators, whose
// aggregates cross a JSON boundary and are merged in any order and grouping, give the aggregate
// and the report of one pass, bit for bit.

const document = JSON.parse(
  readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as PolicyDocument;
const policy = compilePolicy(document);

/** Tickets of the reference policy with their own instants; measured at the latest of them. */
const tickets = fc.array(
  fc.oneof(
    escalationTicket(),
    escalationTicket({ snapshotStatus: true }),
    ticketAndNow,
    fc.constantFrom<{ ticket: unknown; now: number }>(
      { ticket: null, now: 0 },
      { ticket: { id: 'bad', createdAt: 'soon' }, now: 0 },
    ),
  ),
  { minLength: 0, maxLength: 24 },
);

const OPTIONS = fc.record({
  groupBy: fc.subarray(['severity', 'queue', 'serviceLine', 'tier', 'week'] as const),
  weekTimeZone: fc.constantFrom('UTC', 'America/New_York', 'Pacific/Chatham'),
  onTimeGraceMs: fc.constantFrom(0, 300_000),
});

/** Merges a list pairwise or three at a time, in the order the choices say, to one aggregate. */
function mergeInSomeOrder(list: MetricsAggregate[], choices: readonly number[]): MetricsAggregate {
  const pool = [...list];
  let k = 0;
  while (pool.length > 1) {
    const choice = choices[k++ % Math.max(1, choices.length)] ?? 0;
    const arity = Math.min(pool.length, 2 + (choice % 2));
    const picked: MetricsAggregate[] = [];
    for (let i = 0; i < arity; i++)
      picked.push(pool.splice((choice + i * 7) % pool.length, 1)[0] as MetricsAggregate);
    pool.push(mergeMetricsAggregates(picked));
  }
  return pool[0] as MetricsAggregate;
}

describe('mergeMetricsAggregates and finalizeMetrics', () => {
  it('give the same aggregate and report sharded as in one pass, in any sharding and merge order', () => {
    fc.assert(
      fc.property(
        tickets,
        OPTIONS,
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(), { minLength: 24, maxLength: 24 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        (cases, shape, shards, assignment, choices) => {
          const now = Math.max(Date.parse('2026-06-01T00:00:00Z'), ...cases.map((c) => c.now));
          const options: ComputeMetricsOptions = { now, ...shape };
          const single = createMetricsAccumulator(policy, options);
          for (const c of cases) single.add(c.ticket);
          const parts = Array.from({ length: shards }, () => createMetricsAccumulator(policy, options));
          cases.forEach((c, i) => {
            parts[(assignment[i] ?? 0) % shards]?.add(c.ticket);
          });
          // Through JSON, as from a worker or another process.
          const aggregates = parts.map(
            (part) => JSON.parse(JSON.stringify(part.aggregate())) as MetricsAggregate,
          );
          const merged = mergeInSomeOrder(aggregates, choices);
          expect(JSON.stringify(merged)).toBe(JSON.stringify(single.aggregate()));
          expect(JSON.stringify(finalizeMetrics(merged))).toBe(JSON.stringify(single.report()));
        },
      ),
      params(40),
    );
  });

  it('is exact on sketched percentiles too (hundreds of tickets, shards of every size)', () => {
    const many = fc.sample(escalationTicket(), { numRuns: 400, seed: 7 }).map((c) => c.ticket);
    const options: ComputeMetricsOptions = { now: '2027-01-01T00:00:00Z', groupBy: ['tier'] };
    const single = computeMetrics(policy, many, options);
    expect(Object.values(single.total.sla).some((sla) => sla.wallMs?.exact === false)).toBe(true);
    for (const sizes of [
      [1, 399],
      [200, 200],
      [37, 150, 213],
    ]) {
      const parts: MetricsAggregate[] = [];
      let from = 0;
      for (const size of sizes) {
        const part = createMetricsAccumulator(policy, options);
        for (const ticket of many.slice(from, from + size)) part.add(ticket);
        parts.push(part.aggregate());
        from += size;
      }
      expect(JSON.stringify(finalizeMetrics(mergeMetricsAggregates(parts.reverse())))).toBe(
        JSON.stringify(single),
      );
    }
  });

  it('does not depend on the order of the tickets', () => {
    fc.assert(
      fc.property(tickets, fc.array(fc.nat()), (cases, keys) => {
        const options = { now: Date.parse('2027-01-01T00:00:00Z'), groupBy: ['severity', 'week'] as const };
        const shuffled = cases
          .map((c, i) => ({ c, key: keys[i] ?? i }))
          .sort((a, b) => a.key - b.key)
          .map(({ c }) => c.ticket);
        expect(JSON.stringify(computeMetrics(policy, shuffled, options))).toBe(
          JSON.stringify(
            computeMetrics(
              policy,
              cases.map((c) => c.ticket),
              options,
            ),
          ),
        );
      }),
      params(25),
    );
  });

  it('leaves its arguments unchanged', () => {
    const a = createMetricsAccumulator(policy, { now: '2026-06-01T00:00:00Z', groupBy: ['severity'] });
    a.add({ id: 'T-1', createdAt: '2026-03-09T14:00:00Z', subject: 'Checkout is down', service: 'checkout' });
    const b = createMetricsAccumulator(policy, { now: '2026-06-01T00:00:00Z', groupBy: ['severity'] });
    b.add({ id: 'T-2', createdAt: '2026-03-09T14:00:00Z', subject: 'Checkout is down', service: 'checkout' });
    const [x, y] = [a.aggregate(), b.aggregate()];
    const before = JSON.stringify([x, y]);
    const merged = mergeMetricsAggregates([x, y]);
    finalizeMetrics(merged);
    expect(JSON.stringify([x, y])).toBe(before);
    expect(finalizeMetrics(merged).total.tickets).toBe(2);
    expect(mergeMetricsAggregates([x])).toEqual(x);
  });

  it('refuses aggregates of another policy version or other options, and values that are none', () => {
    const options = { now: '2026-06-01T00:00:00Z' };
    const ours = createMetricsAccumulator(policy, options).aggregate();
    const next = compilePolicy({ ...document, version: '2026.12.0' });
    const theirs = createMetricsAccumulator(next, options).aggregate();
    expect(() => mergeMetricsAggregates([ours, theirs])).toThrow(
      new RangeError(
        'mergeMetricsAggregates: aggregates[1] is of policy `acme-saas@2026.12.0`, aggregates[0] of `acme-saas@2026.11.1`',
      ),
    );
    const weekly = createMetricsAccumulator(policy, { ...options, groupBy: ['week'] }).aggregate();
    expect(() => mergeMetricsAggregates([ours, weekly])).toThrow(
      new RangeError(
        'mergeMetricsAggregates: aggregates[1] was computed with other options than aggregates[0]',
      ),
    );
    expect(() => mergeMetricsAggregates([])).toThrow(
      new TypeError('mergeMetricsAggregates: expected a non-empty array of metrics aggregates'),
    );
    expect(() => mergeMetricsAggregates([ours, { groups: [] } as never])).toThrow(
      new TypeError(
        'mergeMetricsAggregates: aggregates[1] is not a metrics aggregate (from `aggregate()` or mergeMetricsAggregates)',
      ),
    );
    expect(() => finalizeMetrics(null as never)).toThrow(TypeError);
  });
});
