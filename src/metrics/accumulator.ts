import { measureTicket, type TicketMeasure } from '../engine/index.js';
import { assertNever, isoString, suggestion, toSupportedEpochMs } from '../internal/index.js';
import { modelOf, type MetricName, type Policy, type PolicyModel } from '../policy/index.js';
import { AGGREGATE_FORMAT, compareKeys, finalizeMetrics } from './finalize.js';
import {
  addMeasure,
  createGroup,
  createRuleMarks,
  groupToJson,
  type GroupState,
  type Layout,
} from './group.js';
import type {
  ComputeMetricsOptions,
  MetricsAccumulator,
  MetricsAggregate,
  MetricsDimension,
} from './types.js';
import { createWeekReader, type WeekReader } from './week.js';

/** The dimensions tickets can be grouped by. */
const DIMENSIONS: readonly MetricsDimension[] = ['severity', 'queue', 'serviceLine', 'tier', 'week'];
/** SLA metrics in the order of DESIGN §7. */
const METRIC_ORDER: readonly MetricName[] = [
  'acknowledge',
  'firstResponse',
  'nextResponse',
  'periodicUpdate',
  'resolution',
];
/** One level of the tree of groups: by the value of one dimension, the next level or a group. */
type Level = Map<string | null, Level | GroupState>;

/** The layout of a policy's aggregates: its metrics, escalation rules and gates, in order. */
function layoutOf(model: PolicyModel, onTimeGraceMs: number): Layout {
  const used = new Set<MetricName>();
  for (const target of model.sla.targets) for (const metric of target.metrics) used.add(metric.metric);
  const metrics = METRIC_ORDER.filter((metric) => used.has(metric));
  const rules = model.escalation.rules.map((rule) => rule.id);
  const gates = model.gates.map((gate) => gate.id);
  return {
    metrics,
    metricIndex: new Map(metrics.map((metric, i) => [metric, i])),
    rules,
    ruleIndex: new Map(rules.map((id, i) => [id, i])),
    gates,
    gateIndex: new Map(gates.map((id, i) => [id, i])),
    onTimeGraceMs,
  };
}

/** The checked options: programmer errors are thrown at once, naming `fn`. */
interface Checked {
  readonly nowOf: (ticket: unknown) => number;
  readonly now: string | null;
  readonly groupBy: readonly MetricsDimension[];
  readonly weeks: WeekReader;
  readonly onTimeGraceMs: number;
}

function checkOptions(fn: string, options: ComputeMetricsOptions): Checked {
  const given: unknown = options;
  if (given === null || typeof given !== 'object')
    throw new TypeError(`${fn}: options with \`now\` are required`);
  const now: unknown = options.now;
  let nowOf: (ticket: unknown) => number;
  let nowText: string | null = null;
  // Reports carry instants as ISO strings and measure as `evaluate` decides: `now` (and each
  // instant a `now` function returns, a programmer error too) within the years 1000 to 9999.
  if (typeof now === 'function') {
    const of = now as (ticket: unknown) => unknown;
    nowOf = (ticket) => toSupportedEpochMs(of(ticket), fn, 'now(ticket)');
  } else {
    if (now === undefined) throw new TypeError(`${fn}: options with \`now\` are required`);
    const ms = toSupportedEpochMs(now, fn, 'now');
    nowText = isoString(ms);
    nowOf = () => ms;
  }
  const groupBy: unknown = options.groupBy ?? [];
  if (!Array.isArray(groupBy)) throw new TypeError(`${fn}: groupBy must be an array of dimensions`);
  const dimensions: MetricsDimension[] = [];
  for (const dimension of groupBy as unknown[]) {
    if (typeof dimension !== 'string' || !(DIMENSIONS as readonly string[]).includes(dimension)) {
      const name = typeof dimension === 'string' ? `\`${dimension}\`` : `a ${typeof dimension}`;
      throw new RangeError(
        `${fn}: unknown groupBy dimension ${name}${typeof dimension === 'string' ? suggestion(dimension, DIMENSIONS) : ''}: expected ${DIMENSIONS.map((d) => `\`${d}\``).join(', ')}`,
      );
    }
    if (dimensions.includes(dimension as MetricsDimension))
      throw new RangeError(`${fn}: groupBy lists \`${dimension}\` twice`);
    dimensions.push(dimension as MetricsDimension);
  }
  const zone: unknown = options.weekTimeZone ?? 'UTC';
  if (typeof zone !== 'string') throw new TypeError(`${fn}: weekTimeZone must be an IANA time zone name`);
  const grace: unknown = options.onTimeGraceMs ?? 0;
  if (typeof grace !== 'number' || !Number.isFinite(grace) || grace < 0)
    throw new RangeError(`${fn}: onTimeGraceMs must be a non-negative number of milliseconds`);
  return {
    nowOf,
    now: nowText,
    groupBy: dimensions,
    weeks: createWeekReader(zone, fn),
    onTimeGraceMs: grace,
  };
}

/** The shape of an aggregate without its groups. */
function frame(
  policy: Policy,
  model: PolicyModel,
  layout: Layout,
  checked: Checked,
): Omit<MetricsAggregate, 'groups'> {
  const queues: string[] = [];
  for (const queue of [...model.routing.queues, model.routing.default, model.routing.fallback])
    if (!queues.includes(queue.id)) queues.push(queue.id);
  return {
    format: AGGREGATE_FORMAT,
    policy: { id: policy.id, version: policy.version },
    options: {
      now: checked.now,
      groupBy: [...checked.groupBy],
      weekTimeZone: checked.weeks.timeZone,
      onTimeGraceMs: checked.onTimeGraceMs,
    },
    metrics: [...layout.metrics],
    rules: [...layout.rules],
    gates: [...layout.gates],
    order: {
      severities: [...model.severityRank.keys()],
      queues,
      tiers: model.tiers === undefined ? [] : [...model.tiers],
    },
  };
}

/**
 * Creates an accumulator for `fn` (so that errors name the public function called).
 *
 * @internal
 */
export function accumulatorFor(
  fn: string,
  policy: Policy,
  options: ComputeMetricsOptions,
): MetricsAccumulator {
  const model = modelOf(policy, fn);
  const checked = checkOptions(fn, options);
  const layout = layoutOf(model, checked.onTimeGraceMs);
  const head = frame(policy, model, layout, checked);
  const { groupBy, weeks, nowOf } = checked;
  const depth = groupBy.length;
  /** The value of dimension `d` of a measured ticket. */
  const valueOf = (d: number, m: TicketMeasure): string | null => {
    const dimension = groupBy[d] as MetricsDimension;
    switch (dimension) {
      case 'severity':
        return m.severity;
      case 'queue':
        return m.queue;
      case 'serviceLine':
        return m.serviceLine;
      case 'tier':
        return m.tier ?? null;
      case 'week':
        return m.createdAt === undefined ? null : weeks.weekOf(m.createdAt);
      default:
        return assertNever(dimension);
    }
  };
  // The groups, in a tree of maps with one level per dimension (the last level holds the
  // groups): finding a ticket's group builds no key. Also listed in the order they appeared.
  const tree: Level = new Map();
  const groups: GroupState[] = [];
  const rules = createRuleMarks(layout);
  /** The group of a measured ticket, made when it is the first of its group. */
  const groupOf = (m: TicketMeasure): GroupState => {
    let level = tree;
    for (let d = 0; d < depth - 1; d++) {
      const value = valueOf(d, m);
      let next = level.get(value) as Level | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(value, next);
      }
      level = next;
    }
    const last = depth === 0 ? null : valueOf(depth - 1, m);
    let group = level.get(last) as GroupState | undefined;
    if (group === undefined) {
      const key: (string | null)[] = [];
      for (let d = 0; d < depth; d++) key.push(valueOf(d, m));
      group = createGroup(layout, key);
      level.set(last, group);
      groups.push(group);
    }
    return group;
  };
  let count = 0;
  const aggregate = (): MetricsAggregate => ({
    ...head,
    groups: groups.map(groupToJson).sort(compareKeys),
  });
  return {
    add(ticket) {
      const m = measureTicket(model, ticket, nowOf(ticket));
      addMeasure(layout, groupOf(m), m, rules);
      count++;
    },
    count: () => count,
    aggregate,
    report: () => finalizeMetrics(aggregate()),
  };
}

/**
 * Creates an accumulator of operational metrics: add tickets one at a time (a shard of the
 * stream), take its plain JSON `aggregate()`, merge the aggregates of every shard with
 * {@link mergeMetricsAggregates}, and turn the result into a report with
 * {@link finalizeMetrics}. Memory grows with the number of groups, not of tickets.
 *
 * @param policy - A policy from `compilePolicy`.
 * @param options - As for {@link computeMetrics}; every shard must use the same options.
 * @returns The accumulator: `add(ticket)`, `count()`, `aggregate()`, `report()`.
 * @throws `TypeError` when `policy` did not come from `compilePolicy` or an option has the
 *   wrong type; `RangeError` for an invalid `now` (also one outside the years 1000 to 9999),
 *   `groupBy` dimension, `weekTimeZone` or `onTimeGraceMs`. `add` never throws on ticket data
 *   (bad tickets are measured as `evaluate` decides them, and counted as degraded), only for an
 *   invalid instant returned by a `now` function (a `RangeError` or `TypeError` naming
 *   `createMetricsAccumulator`, also for one outside the years 1000 to 9999).
 * @example
 * ```ts
 * // In each worker, over its shard:
 * const accumulator = createMetricsAccumulator(policy, { now: '2026-12-01T00:00:00Z', groupBy: ['week'] });
 * for (const ticket of shard) accumulator.add(ticket);
 * postMessage(accumulator.aggregate()); // plain JSON
 * // Then, once every shard has answered:
 * const report = finalizeMetrics(mergeMetricsAggregates(aggregates));
 * report.total.tickets //=> 1000000
 * ```
 */
export function createMetricsAccumulator(policy: Policy, options: ComputeMetricsOptions): MetricsAccumulator {
  return accumulatorFor('createMetricsAccumulator', policy, options);
}
