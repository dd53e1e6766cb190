import type { MetricName } from '../policy/index.js';
import { durationStats, EXACT_LIMIT, RELATIVE_ACCURACY } from './distribution.js';
import { createGroup, groupFromJson, groupToJson, mergeGroup, type Layout } from './group.js';
import type {
  GateCounts,
  GroupAggregate,
  MergeMetricsOptions,
  MetricsAggregate,
  MetricsDimension,
  MetricsGroup,
  MetricsGroupKey,
  MetricsReport,
  RuleEscalations,
  SlaMetricStats,
} from './types.js';

/**
 * The format tag of aggregates.
 *
 * @internal
 */
export const AGGREGATE_FORMAT = 'escalation-engine/metrics-aggregate@1';

/** `part / whole × 100`, `null` when `whole` is 0. */
function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : (part * 100) / whole;
}

/** The layout of an aggregate's lists (the grace does not matter to merging). */
function layoutOfAggregate(aggregate: MetricsAggregate): Layout {
  return {
    metrics: aggregate.metrics,
    metricIndex: new Map(aggregate.metrics.map((metric, i) => [metric, i])),
    rules: aggregate.rules,
    ruleIndex: new Map(aggregate.rules.map((id, i) => [id, i])),
    gates: aggregate.gates,
    gateIndex: new Map(aggregate.gates.map((id, i) => [id, i])),
    onTimeGraceMs: aggregate.options.onTimeGraceMs,
  };
}

/** Checks that a value looks like an aggregate (a programmer error otherwise). */
function checkAggregate(value: unknown, fn: string, what: string): MetricsAggregate {
  const candidate = value as Partial<MetricsAggregate> | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    candidate.format !== AGGREGATE_FORMAT ||
    !Array.isArray(candidate.groups) ||
    !Array.isArray(candidate.metrics) ||
    !Array.isArray(candidate.rules) ||
    !Array.isArray(candidate.gates)
  ) {
    throw new TypeError(`${fn}: ${what} is not a metrics aggregate (from \`aggregate()\` or ${fn})`);
  }
  return candidate as MetricsAggregate;
}

/** What must be equal for two aggregates to merge: the policy, the options and the lists. */
function signature(aggregate: MetricsAggregate): string {
  return JSON.stringify([
    aggregate.policy,
    aggregate.options,
    aggregate.metrics,
    aggregate.rules,
    aggregate.gates,
    aggregate.order,
  ]);
}

/**
 * Compares group keys by their JSON (the canonical order of aggregates: any total order does).
 *
 * @internal
 */
export function compareKeys(a: GroupAggregate, b: GroupAggregate): number {
  const x = JSON.stringify(a.key);
  const y = JSON.stringify(b.key);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Checks a roll-up's dimensions: a subset of the aggregates' own, each once. */
function rollUpIndexes(fn: string, given: unknown, own: readonly MetricsDimension[]): number[] {
  if (!Array.isArray(given)) throw new TypeError(`${fn}: groupBy must be an array of dimensions`);
  const indexes: number[] = [];
  const seen = new Set<unknown>();
  for (const dimension of given as unknown[]) {
    const index = own.indexOf(dimension as MetricsDimension);
    if (index === -1) {
      const name = typeof dimension === 'string' ? `\`${dimension}\`` : `a ${typeof dimension}`;
      const grouped =
        own.length === 0 ? 'not grouped' : `grouped by ${own.map((d) => `\`${d}\``).join(', ')}`;
      throw new RangeError(`${fn}: cannot roll up to ${name}: the aggregates are ${grouped}`);
    }
    if (seen.has(dimension)) throw new RangeError(`${fn}: groupBy lists \`${String(dimension)}\` twice`);
    seen.add(dimension);
    indexes.push(index);
  }
  return indexes;
}

/**
 * Merges aggregates of the same policy and options (from shards of one stream, in any order
 * and grouping): the result is the aggregate one pass over all their tickets would give, exactly
 * (counts, sums, extrema and sketch buckets add up; the form is canonical).
 *
 * With `groupBy`, the groups are also **rolled up** to some of the aggregates' dimensions: the
 * result is then the aggregate an accumulator with that `groupBy` would give, exactly. One pass
 * grouped by severity × week gives the report by severity, by week and the total without
 * reading the tickets again.
 *
 * @param aggregates - At least one aggregate, from `MetricsAccumulator.aggregate()` or from
 *   this function (plain JSON that crossed a worker or process boundary is fine).
 * @param options - `groupBy`: the dimensions to roll up to, a subset of the aggregates'
 *   `groupBy` in any order (`[]` keeps the total only); by default the aggregates' own.
 * @returns A new aggregate; the arguments are left unchanged.
 * @throws `TypeError` for an empty list or a value that is not an aggregate; `RangeError` when
 *   the aggregates are of different policies (id or version) or options, or `groupBy` names a
 *   dimension they are not grouped by (or one twice).
 * @example
 * ```ts
 * const merged = mergeMetricsAggregates([fromWorker1, fromWorker2]);
 * finalizeMetrics(merged).total.tickets //=> fromWorker1's tickets + fromWorker2's
 * // Grouped by severity and week: the weekly trend alone.
 * const weekly = mergeMetricsAggregates([bySeverityAndWeek], { groupBy: ['week'] });
 * finalizeMetrics(weekly).groups.map((group) => group.key.week) //=> ['2026-W10', '2026-W11']
 * ```
 */
export function mergeMetricsAggregates(
  aggregates: readonly MetricsAggregate[],
  options: MergeMetricsOptions = {},
): MetricsAggregate {
  const fn = 'mergeMetricsAggregates';
  const given: unknown = aggregates;
  if (!Array.isArray(given) || given.length === 0)
    throw new TypeError(`${fn}: expected a non-empty array of metrics aggregates`);
  const list = (given as unknown[]).map((value, i) => checkAggregate(value, fn, `aggregates[${String(i)}]`));
  const first = list[0] as MetricsAggregate;
  const expected = signature(first);
  list.forEach((aggregate, i) => {
    if (signature(aggregate) === expected) return;
    const same = aggregate.policy.id === first.policy.id && aggregate.policy.version === first.policy.version;
    throw new RangeError(
      same
        ? `${fn}: aggregates[${String(i)}] was computed with other options than aggregates[0]`
        : `${fn}: aggregates[${String(i)}] is of policy \`${aggregate.policy.id}@${aggregate.policy.version}\`, aggregates[0] of \`${first.policy.id}@${first.policy.version}\``,
    );
  });
  const optionsGiven: unknown = options;
  if (optionsGiven === null || typeof optionsGiven !== 'object')
    throw new TypeError(`${fn}: options must be an object`);
  const own = first.options.groupBy;
  const indexes = options.groupBy === undefined ? undefined : rollUpIndexes(fn, options.groupBy, own);
  const groups = new Map<string, ReturnType<typeof groupFromJson>>();
  for (const aggregate of list) {
    for (const json of aggregate.groups) {
      const key = indexes === undefined ? json.key : indexes.map((i) => json.key[i] ?? null);
      const text = JSON.stringify(key);
      const found = groups.get(text);
      if (found === undefined) groups.set(text, { ...groupFromJson(json, fn), key: [...key] });
      else mergeGroup(found, groupFromJson(json, fn));
    }
  }
  return {
    ...first,
    options: {
      ...first.options,
      groupBy: indexes === undefined ? [...own] : indexes.map((i) => own[i] as MetricsDimension),
    },
    groups: [...groups.values()].map(groupToJson).sort(compareKeys),
  };
}

/** The report of one group's counters. */
function groupReport(aggregate: MetricsAggregate, json: GroupAggregate, key: MetricsGroupKey): MetricsGroup {
  const sla: Partial<Record<MetricName, SlaMetricStats>> = {};
  aggregate.metrics.forEach((metric, i) => {
    const s = json.sla[i];
    if (s === undefined) return;
    sla[metric] = {
      tickets: s.tickets,
      met: s.met,
      stopped: s.stopped,
      breached: s.breached,
      running: s.running,
      paused: s.paused,
      metPercent: percent(s.met + s.stopped, s.met + s.stopped + s.breached),
      businessMs: durationStats(s.businessMs),
      wallMs: durationStats(s.wallMs),
    };
  });
  const byRule: Record<string, RuleEscalations> = {};
  let actions = 0;
  let performed = 0;
  let onTime = 0;
  aggregate.rules.forEach((rule, i) => {
    const [tickets, due, done, inTime] = json.escalations.byRule[i] ?? [0, 0, 0, 0];
    byRule[rule] = { tickets, actions: due, performed: done, onTime: inTime };
    actions += due;
    performed += done;
    onTime += inTime;
  });
  const byGate: Record<string, GateCounts> = {};
  const totals = { pending: 0, granted: 0, rejected: 0, expired: 0 };
  aggregate.gates.forEach((gate, i) => {
    const [pending, granted, rejected, expired] = json.approvals[i] ?? [0, 0, 0, 0];
    byGate[gate] = { pending, granted, rejected, expired };
    totals.pending += pending;
    totals.granted += granted;
    totals.rejected += rejected;
    totals.expired += expired;
  });
  const [resolved, reopened, reopens] = json.reopens;
  return {
    key,
    tickets: json.tickets,
    degraded: json.degraded,
    issues: { ...json.issues },
    sla,
    escalations: {
      tickets: json.escalations.tickets,
      ticketsPercent: percent(json.escalations.tickets, json.tickets),
      actions,
      performed,
      onTime,
      onTimePercent: percent(onTime, actions),
      delayMs: durationStats(json.escalations.delayMs),
      byRule,
    },
    reopens: { resolved, reopened, reopens, reopenedPercent: percent(reopened, resolved) },
    approvals: { ...totals, byGate },
  };
}

/** Orders the values of one dimension: policy order where there is one, then by name, `null` last. */
function compareValues(
  aggregate: MetricsAggregate,
  dimension: MetricsDimension,
  a: string | null,
  b: string | null,
): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const list =
    dimension === 'severity'
      ? aggregate.order.severities
      : dimension === 'queue'
        ? aggregate.order.queues
        : dimension === 'tier'
          ? aggregate.order.tiers
          : [];
  const rank = (value: string): number => {
    const i = list.indexOf(value);
    return i === -1 ? list.length : i;
  };
  return rank(a) - rank(b) || (a < b ? -1 : 1);
}

/**
 * Turns an aggregate into the report: per group and for the total, counts, rates in percent
 * and duration percentiles (docs/metrics.md). Deterministic: equal aggregates give deep-equal
 * reports, whatever the sharding and merge order that produced them.
 *
 * @param aggregate - From `MetricsAccumulator.aggregate()` or {@link mergeMetricsAggregates}.
 * @returns The report: `total`, and `groups` in the order of their dimension values.
 * @throws `TypeError` when `aggregate` is not a metrics aggregate.
 * @example
 * ```ts
 * const report = finalizeMetrics(mergeMetricsAggregates(aggregates));
 * report.total.sla.firstResponse?.businessMs?.p90 //=> 5_400_000
 * report.groups.map((group) => [group.key.week, group.sla.firstResponse?.metPercent])
 * //=> [['2026-W10', 96.2], ['2026-W11', 93.8], …]
 * ```
 */
export function finalizeMetrics(aggregate: MetricsAggregate): MetricsReport {
  const checked = checkAggregate(aggregate, 'finalizeMetrics', 'the argument');
  const layout = layoutOfAggregate(checked);
  const groupBy = checked.options.groupBy;
  const total = createGroup(layout, []);
  for (const json of checked.groups) mergeGroup(total, groupFromJson(json, 'finalizeMetrics'));
  const sorted = [...checked.groups].sort((x, y) => {
    for (let i = 0; i < groupBy.length; i++) {
      const order = compareValues(
        checked,
        groupBy[i] as MetricsDimension,
        x.key[i] ?? null,
        y.key[i] ?? null,
      );
      if (order !== 0) return order;
    }
    return 0;
  });
  return {
    policy: { ...checked.policy },
    now: checked.options.now,
    groupBy: [...groupBy],
    weekTimeZone: checked.options.weekTimeZone,
    onTimeGraceMs: checked.options.onTimeGraceMs,
    percentiles: { exactUpTo: EXACT_LIMIT, relativeAccuracy: RELATIVE_ACCURACY },
    total: groupReport(checked, groupToJson(total), {}),
    // Without dimensions every ticket is in one group: the total says it all.
    groups: (groupBy.length === 0 ? [] : sorted).map((json) => {
      const key: Record<string, string | null> = {};
      groupBy.forEach((dimension, i) => {
        key[dimension] = json.key[i] ?? null;
      });
      return groupReport(checked, json, key);
    }),
  };
}
