import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, type PolicyDocument } from '../../src/index.js';
import {
  createMetricsAccumulator,
  finalizeMetrics,
  mergeMetricsAggregates,
  type ComputeMetricsOptions,
  type MetricsAggregate,
  type MetricsDimension,
} from '../../src/metrics/index.js';
import { escalationTicket } from '../support/escalation-tickets.js';
import { ticketAndNow } from '../support/tickets.js';
import { params } from '../support/well-formed.js';

// Roll-up: an aggregate grouped by some dimensions, merged with `groupBy` set to a subset of
// them, is the aggregate of one pass grouped by that subset, bit for bit (docs/metrics.md).

const document = JSON.parse(
  readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as PolicyDocument;
const policy = compilePolicy(document);
const DIMENSIONS: readonly MetricsDimension[] = ['severity', 'queue', 'serviceLine', 'tier', 'week'];

const tickets = fc.array(
  fc.oneof(
    escalationTicket(),
    ticketAndNow,
    fc.constantFrom<{ ticket: unknown; now: number }>(
      { ticket: null, now: 0 },
      { ticket: { id: 'bad', createdAt: 'soon' }, now: 0 },
    ),
  ),
  { minLength: 0, maxLength: 20 },
);

/** A grouping and a roll-up of it: a subset of its dimensions, in any order. */
const rollUp = fc
  .subarray([...DIMENSIONS])
  .chain((from) => fc.shuffledSubarray(from).map((to) => ({ from, to })));

const json = (value: unknown): string => JSON.stringify(value);

describe('mergeMetricsAggregates with groupBy (roll-up)', () => {
  it('gives the aggregate and report of one pass grouped by the subset, in any order of dimensions', () => {
    fc.assert(
      fc.property(
        tickets,
        rollUp,
        fc.constantFrom('UTC', 'America/New_York'),
        fc.integer({ min: 1, max: 3 }),
        (cases, { from, to }, weekTimeZone, shards) => {
          const now = Math.max(Date.parse('2026-06-01T00:00:00Z'), ...cases.map((c) => c.now));
          const base: ComputeMetricsOptions = { now, weekTimeZone };
          const fine = Array.from({ length: shards }, () =>
            createMetricsAccumulator(policy, { ...base, groupBy: from }),
          );
          const direct = createMetricsAccumulator(policy, { ...base, groupBy: to });
          cases.forEach((c, i) => {
            fine[i % shards]?.add(c.ticket);
            direct.add(c.ticket);
          });
          // Sharded and through JSON, then rolled up in the same merge.
          const aggregates = fine.map((a) => JSON.parse(json(a.aggregate())) as MetricsAggregate);
          const rolled = mergeMetricsAggregates(aggregates, { groupBy: to });
          expect(json(rolled)).toBe(json(direct.aggregate()));
          expect(json(finalizeMetrics(rolled))).toBe(json(direct.report()));
        },
      ),
      params(40),
    );
  });

  it('keeps percentiles exact once sketched (hundreds of tickets rolled up from many groups)', () => {
    const many = fc.sample(escalationTicket(), { numRuns: 300, seed: 11 }).map((c) => c.ticket);
    const options = { now: '2027-01-01T00:00:00Z', groupBy: ['severity', 'week', 'tier'] } as const;
    const fine = createMetricsAccumulator(policy, options);
    for (const ticket of many) fine.add(ticket);
    const bySeverity = createMetricsAccumulator(policy, { ...options, groupBy: ['severity'] });
    for (const ticket of many) bySeverity.add(ticket);
    const report = finalizeMetrics(mergeMetricsAggregates([fine.aggregate()], { groupBy: ['severity'] }));
    expect(Object.values(report.total.sla).some((sla) => sla.wallMs?.exact === false)).toBe(true);
    expect(fine.aggregate().groups.length).toBeGreaterThan(report.groups.length);
    expect(json(report)).toBe(json(bySeverity.report()));
  });

  it('rolls up to the total alone with an empty groupBy, and keeps the grouping without one', () => {
    const fine = createMetricsAccumulator(policy, {
      now: '2026-06-01T00:00:00Z',
      groupBy: ['severity', 'week'],
    });
    fine.add({
      id: 'T-1',
      createdAt: '2026-03-09T14:00:00Z',
      subject: 'Checkout is down',
      service: 'checkout',
    });
    fine.add({ id: 'T-2', createdAt: '2026-03-19T14:00:00Z', subject: 'Question', service: 'billing' });
    const aggregate = fine.aggregate();
    const total = mergeMetricsAggregates([aggregate], { groupBy: [] });
    expect(total.options.groupBy).toEqual([]);
    expect(total.groups).toHaveLength(1);
    expect(total.groups[0]?.key).toEqual([]);
    expect(finalizeMetrics(total).total).toEqual(finalizeMetrics(aggregate).total);
    expect(mergeMetricsAggregates([aggregate], {})).toEqual(aggregate);
    expect(mergeMetricsAggregates([aggregate], { groupBy: undefined })).toEqual(aggregate);
    // The arguments are left unchanged.
    expect(aggregate.options.groupBy).toEqual(['severity', 'week']);
    expect(aggregate.groups).toHaveLength(2);
  });

  it('refuses a dimension the aggregates are not grouped by, or one twice, naming the function', () => {
    const weekly = createMetricsAccumulator(policy, {
      now: '2026-06-01T00:00:00Z',
      groupBy: ['week'],
    }).aggregate();
    const total = createMetricsAccumulator(policy, { now: '2026-06-01T00:00:00Z' }).aggregate();
    expect(() => mergeMetricsAggregates([weekly], { groupBy: ['severity'] })).toThrow(
      new RangeError(
        'mergeMetricsAggregates: cannot roll up to `severity`: the aggregates are grouped by `week`',
      ),
    );
    expect(() => mergeMetricsAggregates([total], { groupBy: ['week'] })).toThrow(
      new RangeError('mergeMetricsAggregates: cannot roll up to `week`: the aggregates are not grouped'),
    );
    expect(() => mergeMetricsAggregates([weekly], { groupBy: ['week', 'week'] })).toThrow(
      new RangeError('mergeMetricsAggregates: groupBy lists `week` twice'),
    );
    expect(() => mergeMetricsAggregates([weekly], { groupBy: [5 as never] })).toThrow(
      new RangeError(
        'mergeMetricsAggregates: cannot roll up to a number: the aggregates are grouped by `week`',
      ),
    );
    expect(() => mergeMetricsAggregates([weekly], { groupBy: 'week' as never })).toThrow(
      new TypeError('mergeMetricsAggregates: groupBy must be an array of dimensions'),
    );
    expect(() => mergeMetricsAggregates([weekly], null as never)).toThrow(
      new TypeError('mergeMetricsAggregates: options must be an object'),
    );
  });
});
