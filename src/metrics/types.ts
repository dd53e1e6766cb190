import type { Instant } from '../internal/index.js';
import type { MetricName } from '../policy/index.js';

/**
 * What tickets can be grouped by: the effective `severity`, the routed `queue` and its
 * `serviceLine`, the customer `tier`, and the ISO `week` of the ticket's creation (in
 * `weekTimeZone`).
 */
export type MetricsDimension = 'severity' | 'queue' | 'serviceLine' | 'tier' | 'week';

/**
 * The instant each ticket is measured at: one instant for all (a report "as of" it), or a
 * function of the ticket (e.g. its export time). A function sees the ticket only, never its
 * place in the stream, so that sharded runs measure every ticket at the same instant. Either
 * way the instant lies in the years 1000 to 9999 (a programmer error otherwise).
 */
export type MetricsNow = Instant | ((ticket: unknown) => Instant);

/** Options of {@link computeMetrics} and {@link createMetricsAccumulator}. */
export interface ComputeMetricsOptions {
  /** The instant tickets are measured at (required). */
  readonly now: MetricsNow;
  /**
   * The dimensions of the groups, in order: one group per combination of values that occurs
   * (as SQL's `GROUP BY`). The report always has the `total` too.
   *
   * @defaultValue `[]` (the total only)
   */
  readonly groupBy?: readonly MetricsDimension[] | undefined;
  /**
   * The IANA time zone in which a ticket's creation instant is given its ISO week.
   *
   * @defaultValue `'UTC'`
   */
  readonly weekTimeZone?: string | undefined;
  /**
   * How long after its due instant a performed escalation action still counts as on time
   * (ms; `actionPerformed` events record when the host performed it).
   *
   * @defaultValue `0` (performed by its due instant)
   */
  readonly onTimeGraceMs?: number | undefined;
}

/** Options of {@link computeMetricsAsync}: the same as {@link ComputeMetricsOptions}. */
export type ComputeMetricsAsyncOptions = ComputeMetricsOptions;

/** The values of a group's dimensions (only those the report is grouped by). */
export interface MetricsGroupKey {
  /** The effective severity id. */
  readonly severity?: string | undefined;
  /** The routed queue id. */
  readonly queue?: string | undefined;
  /** The service line of the routed queue. */
  readonly serviceLine?: string | undefined;
  /** The customer tier as given, `null` when the ticket has none. */
  readonly tier?: string | null | undefined;
  /** The ISO week of creation (`2026-W11`), `null` when the ticket has no valid `createdAt`. */
  readonly week?: string | null | undefined;
}

/**
 * A distribution of durations in whole milliseconds. Percentiles are nearest-rank (the value
 * at rank ⌈p × count / 100⌉): exact when `exact` (64 values or fewer), else within 1% of the
 * exact value (and never outside `min`–`max`).
 */
export interface DurationStats {
  /** How many durations. */
  readonly count: number;
  /** The shortest (exact). */
  readonly min: number;
  /** The longest (exact). */
  readonly max: number;
  /** The mean (of the exact sum). */
  readonly mean: number;
  /** The median. */
  readonly p50: number;
  /** The 75th percentile. */
  readonly p75: number;
  /** The 90th percentile. */
  readonly p90: number;
  /** The 95th percentile. */
  readonly p95: number;
  /** The 99th percentile. */
  readonly p99: number;
  /** Whether the percentiles are exact (every value kept) rather than from the sketch. */
  readonly exact: boolean;
}

/** One SLA metric over a group's tickets: states, the rate within target, durations. */
export interface SlaMetricStats {
  /** Tickets with this clock (their SLA target has the metric and a cycle started). */
  readonly tickets: number;
  /** Clocks whose cycle ended on its event at or before the deadline. */
  readonly met: number;
  /** Clocks that stopped at a resolve before their event came, without breaching. */
  readonly stopped: number;
  /** Clocks past their deadline (still running, or stopped after it): the breach count. */
  readonly breached: number;
  /** Clocks still running, not breached. */
  readonly running: number;
  /** Clocks paused, not breached. */
  readonly paused: number;
  /**
   * The percentage within target: `(met + stopped) / (met + stopped + breached) × 100`, over
   * the clocks that can no longer change; `null` when there are none.
   */
  readonly metPercent: number | null;
  /**
   * Business time (the clock's calendar, pauses left out) of the cycles that ended on their
   * own event — the acknowledgement, the counting reply, the resolve — on time or late.
   */
  readonly businessMs: DurationStats | null;
  /** Wall time (from the cycle's start to its end) of the same cycles. */
  readonly wallMs: DurationStats | null;
}

/** One escalation rule over a group's tickets. */
export interface RuleEscalations {
  /** Tickets for which the rule has an action due. */
  readonly tickets: number;
  /** Its actions that came due (performed or not). */
  readonly actions: number;
  /** Of those, performed (an `actionPerformed` event carries the key). */
  readonly performed: number;
  /** Of those, performed at or before the due instant (plus `onTimeGraceMs`). */
  readonly onTime: number;
}

/** Escalations over a group's tickets: how often, and how promptly they were performed. */
export interface EscalationMetrics {
  /** Tickets with at least one escalation action due. */
  readonly tickets: number;
  /** The escalation frequency: `tickets` in percent of the group's tickets. */
  readonly ticketsPercent: number | null;
  /** Escalation actions that came due by the measuring instant, performed or not. */
  readonly actions: number;
  /** Of those, performed. */
  readonly performed: number;
  /** Of those, performed on time. */
  readonly onTime: number;
  /** The on-time rate: `onTime / actions × 100`; `null` without actions. */
  readonly onTimePercent: number | null;
  /** How long after the due instant actions were performed (0 when on or before it). */
  readonly delayMs: DurationStats | null;
  /** Per escalation rule of the policy, in policy order. */
  readonly byRule: Readonly<Record<string, RuleEscalations>>;
}

/** Resolves and reopens over a group's tickets. */
export interface ReopenMetrics {
  /** Tickets resolved at least once. */
  readonly resolved: number;
  /** Tickets reopened after a resolve at least once. */
  readonly reopened: number;
  /** Reopens in all (a ticket can reopen several times). */
  readonly reopens: number;
  /** The reopen rate: `reopened / resolved × 100`; `null` when none was resolved. */
  readonly reopenedPercent: number | null;
}

/** The tickets for which an approval gate is in each state (not required: the rest). */
export interface GateCounts {
  /** Required, undecided, before its deadline. */
  readonly pending: number;
  /** Granted (by people or by the timeout). */
  readonly granted: number;
  /** Rejected. */
  readonly rejected: number;
  /** Past its deadline undecided (escalated or left). */
  readonly expired: number;
}

/** Approval gates over a group's tickets: totals over the gates, then per gate. */
export interface ApprovalMetrics extends GateCounts {
  /** Per approval gate of the policy, in policy order. */
  readonly byGate: Readonly<Record<string, GateCounts>>;
}

/** Every figure of one group of tickets (or of all of them). */
export interface MetricsGroup {
  /** The group's dimension values (`{}` for the total). */
  readonly key: MetricsGroupKey;
  /** Tickets measured. */
  readonly tickets: number;
  /** Tickets whose decision is degraded (an error issue: bad data, a failed condition). */
  readonly degraded: number;
  /** Tickets with an issue of each code, sorted by code. */
  readonly issues: Readonly<Record<string, number>>;
  /** Per SLA metric the policy's targets use, in the order of DESIGN §7. */
  readonly sla: Readonly<Partial<Record<MetricName, SlaMetricStats>>>;
  /** Escalation frequency and on-time rate. */
  readonly escalations: EscalationMetrics;
  /** Reopen rate. */
  readonly reopens: ReopenMetrics;
  /** Approvals pending, granted, rejected and expired. */
  readonly approvals: ApprovalMetrics;
}

/** The policy a report or aggregate is about. */
export interface MetricsPolicyRef {
  /** The policy id. */
  readonly id: string;
  /** The policy version. */
  readonly version: string;
}

/** Operational metrics over a stream of tickets (docs/metrics.md). */
export interface MetricsReport {
  /** The policy measured against. */
  readonly policy: MetricsPolicyRef;
  /** The measuring instant, or `null` when it was a function of the ticket. */
  readonly now: string | null;
  /** The dimensions of `groups`, in order. */
  readonly groupBy: readonly MetricsDimension[];
  /** The zone of the ISO weeks. */
  readonly weekTimeZone: string;
  /** The grace of the on-time rate, in ms. */
  readonly onTimeGraceMs: number;
  /** How percentiles are computed: exact up to `exactUpTo` values, else within `relativeAccuracy`. */
  readonly percentiles: { readonly exactUpTo: number; readonly relativeAccuracy: number };
  /** Every ticket. */
  readonly total: MetricsGroup;
  /**
   * One entry per combination of dimension values that occurs, ordered by the dimensions in
   * `groupBy` order: severities and queues in policy order, tiers in policy order then by name,
   * service lines by name, weeks in time order, `null` last.
   */
  readonly groups: readonly MetricsGroup[];
}

/**
 * A distribution in an aggregate: count, exact min, max and sum (a decimal string: it can
 * exceed 2^53), zeros, then the sorted values (up to 64) or the sorted `[bucket, count]` pairs.
 */
export interface DistributionAggregate {
  /** How many values. */
  readonly count: number;
  /** The smallest value. */
  readonly min?: number | undefined;
  /** The largest value. */
  readonly max?: number | undefined;
  /** The exact sum, in decimal. */
  readonly sumMs?: string | undefined;
  /** How many values are 0. */
  readonly zeros?: number | undefined;
  /** Every value, sorted (while there are at most 64). */
  readonly values?: readonly number[] | undefined;
  /** Log-bucket counts, sorted by bucket index. */
  readonly buckets?: readonly (readonly [number, number])[] | undefined;
}

/** An SLA metric in an aggregate. */
export interface SlaAggregate {
  /** Tickets with the clock. */
  readonly tickets: number;
  /** Clocks by state: met, stopped, breached, running, paused. */
  readonly met: number;
  /** Clocks stopped by a resolve. */
  readonly stopped: number;
  /** Clocks breached. */
  readonly breached: number;
  /** Clocks running. */
  readonly running: number;
  /** Clocks paused. */
  readonly paused: number;
  /** Business time of the completed cycles. */
  readonly businessMs: DistributionAggregate;
  /** Wall time of the completed cycles. */
  readonly wallMs: DistributionAggregate;
}

/** A group in an aggregate: counters and distributions, in the aggregate's list orders. */
export interface GroupAggregate {
  /** The dimension values, in `groupBy` order. */
  readonly key: readonly (string | null)[];
  /** Tickets measured. */
  readonly tickets: number;
  /** Degraded tickets. */
  readonly degraded: number;
  /** Tickets per issue code, sorted by code. */
  readonly issues: Readonly<Record<string, number>>;
  /** Per metric of the aggregate's `metrics`. */
  readonly sla: readonly SlaAggregate[];
  /** Escalation counters. */
  readonly escalations: {
    /** Tickets with an action due. */
    readonly tickets: number;
    /** Delays of performed actions. */
    readonly delayMs: DistributionAggregate;
    /** Per rule of the aggregate's `rules`: tickets, actions, performed, on time. */
    readonly byRule: readonly (readonly [number, number, number, number])[];
  };
  /** Resolved, reopened, reopens. */
  readonly reopens: readonly [number, number, number];
  /** Per gate of the aggregate's `gates`: pending, granted, rejected, expired. */
  readonly approvals: readonly (readonly [number, number, number, number])[];
}

/**
 * The mergeable intermediate form of metrics: plain JSON (it can cross worker and process
 * boundaries), canonical (the same tickets give the same aggregate whatever the order and
 * sharding), merged exactly by {@link mergeMetricsAggregates} and turned into a report by
 * {@link finalizeMetrics}.
 */
export interface MetricsAggregate {
  /** The format tag, checked when merging. */
  readonly format: 'escalation-engine/metrics-aggregate@1';
  /** The policy measured against. */
  readonly policy: MetricsPolicyRef;
  /** The options that shape the figures (aggregates merge only with equal ones). */
  readonly options: {
    /** The measuring instant, or `null` when it was a function of the ticket. */
    readonly now: string | null;
    /** The dimensions of the groups. */
    readonly groupBy: readonly MetricsDimension[];
    /** The zone of the ISO weeks. */
    readonly weekTimeZone: string;
    /** The on-time grace, in ms. */
    readonly onTimeGraceMs: number;
  };
  /** The SLA metrics the policy uses, in the order of DESIGN §7. */
  readonly metrics: readonly MetricName[];
  /** The escalation rule ids, in policy order. */
  readonly rules: readonly string[];
  /** The approval gate ids, in policy order. */
  readonly gates: readonly string[];
  /** Severity ids, queue ids and tier ids in policy order (to order the report's groups). */
  readonly order: {
    /** Severity ids, most severe first. */
    readonly severities: readonly string[];
    /** Queue ids in routing order, then the default and fallback queues. */
    readonly queues: readonly string[];
    /** Tier ids of the policy. */
    readonly tiers: readonly string[];
  };
  /** The groups, sorted by their key. */
  readonly groups: readonly GroupAggregate[];
}

/** Options of {@link mergeMetricsAggregates}. */
export interface MergeMetricsOptions {
  /**
   * Roll the groups up to these dimensions: a subset of the aggregates' `groupBy`, in any
   * order (`[]`: the total only). The result is the aggregate an accumulator with this
   * `groupBy` would give, exactly.
   *
   * @defaultValue the aggregates' own `groupBy`
   */
  readonly groupBy?: readonly MetricsDimension[] | undefined;
}

/**
 * Metrics being accumulated over tickets, one at a time: feed it a shard, take its
 * `aggregate()`, merge the shards' aggregates, finalize.
 */
export interface MetricsAccumulator {
  /** Measures one ticket and adds it (never throws on ticket data). */
  readonly add: (ticket: unknown) => void;
  /** How many tickets were added. */
  readonly count: () => number;
  /** The aggregate so far: a plain JSON copy (adding more tickets does not change it). */
  readonly aggregate: () => MetricsAggregate;
  /** The report so far (`finalizeMetrics(aggregate())`). */
  readonly report: () => MetricsReport;
}
