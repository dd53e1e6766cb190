// The figures behind `escalation report`: operational metrics (streamed, one measurement per
// ticket) and the incident report of the corpus. What `--json` prints, and what the HTML draws.
import {
  createMetricsAccumulator,
  finalizeMetrics,
  mergeMetricsAggregates,
  reportIncidents,
  type IncidentReport,
  type Issue,
  type MetricName,
  type MetricsAccumulator,
  type MetricsAggregate,
  type MetricsDimension,
  type MetricsGroup,
  type MetricsReport,
  type Policy,
} from './api.js';
import type { BadLine, TicketEntry } from './io.js';

/** A dimension the dashboard reports metrics by: each view is a `MetricsReport` grouped by it alone. */
export type DashboardDimension = 'severity' | 'queue' | 'serviceLine' | 'tier' | 'week';

/** The most bad lines and ticket errors listed (all are counted). */
export const MAX_LISTED = 1000;

/** The metrics of the tickets of one service (the ticket's `service` field). */
export interface ServiceMetrics {
  /** The service as the tickets give it; `null` for tickets without one (or not a non-empty string). */
  readonly service: string | null;
  /** Breached SLA clocks of its tickets, every metric summed. */
  readonly breached: number;
  /** Every figure of its tickets: what `computeMetrics` gives as `total` for them alone. */
  readonly metrics: MetricsGroup;
}

/** An error issue of the incident report, with where its ticket was read. */
export interface SourcedIssue extends Issue {
  /** Where the ticket was read: `tickets.jsonl:12` or `tickets.json[3]`. */
  readonly source: string;
}

/** Everything `escalation report` shows: the document `--json` prints. */
export interface DashboardData {
  /** The policy measured against. */
  readonly policy: { readonly id: string; readonly version: string };
  /** The instant of the report (`--now`): every ticket is measured and correlated at it. */
  readonly now: string;
  /** The corpus: its file, the tickets read, the lines skipped because they are not JSON. */
  readonly corpus: { readonly file: string; readonly tickets: number; readonly badLines: number };
  /** The skipped lines, in file order (the first {@link MAX_LISTED}). */
  readonly badLines: readonly BadLine[];
  /** `computeMetrics(policy, tickets, { now, groupBy: [dimension], weekTimeZone })` per dimension. */
  readonly metrics: Readonly<Record<DashboardDimension, MetricsReport>>;
  /** Per service, the most breached SLA clocks first (then by name; no service last). */
  readonly services: readonly ServiceMetrics[];
  /** `reportIncidents(policy, tickets, { now })`: issue paths start with the ticket's index among the tickets read. */
  readonly incidents: IncidentReport;
  /** The error issues of `incidents` (tickets left out, conditions that failed), with their source (the first {@link MAX_LISTED}). */
  readonly ticketErrors: readonly SourcedIssue[];
}

/** Options of {@link createDashboardCollector}. */
export interface DashboardOptions {
  /** The corpus file, as named on the command line. */
  readonly file: string;
  /** The instant of the report. */
  readonly now: Date;
  /** The IANA zone of the ISO weeks. */
  readonly weekTimeZone: string;
}

/** Collects a corpus a ticket at a time, then computes the dashboard's figures. */
export interface DashboardCollector {
  /** Adds a ticket read from the corpus (measured at once; kept for correlation). */
  add(entry: TicketEntry): void;
  /** Counts a line that is not JSON. */
  badLine(line: BadLine): void;
  /** The figures (correlation runs here, over every ticket added). */
  finish(): DashboardData;
}

/**
 * The ticket's `service` as the metrics group it: a non-empty string, else `null` (as
 * correlation reads it).
 *
 * @internal
 */
export function serviceOf(ticket: unknown): string | null {
  if (ticket === null || typeof ticket !== 'object' || !Object.hasOwn(ticket, 'service')) return null;
  const service = (ticket as { service?: unknown }).service;
  return typeof service === 'string' && service !== '' ? service : null;
}

/**
 * Breached SLA clocks of a group, every metric summed.
 *
 * @internal
 */
export function breachedOf(group: MetricsGroup): number {
  let sum = 0;
  for (const stats of Object.values(group.sla)) sum += stats.breached;
  return sum;
}

/**
 * The SLA metrics the policy's targets use, in the report's order.
 *
 * @internal
 */
export function metricsOf(data: DashboardData): MetricName[] {
  return Object.keys(data.metrics.severity.total.sla) as MetricName[];
}

/** The dimensions measured per service, rolled up into the views by severity, queue, service line and tier. */
const TEAM_DIMENSIONS = [
  'severity',
  'queue',
  'serviceLine',
  'tier',
] as const satisfies readonly MetricsDimension[];

/**
 * Starts collecting a corpus for the dashboard. Each ticket is measured into the accumulator
 * of its service, grouped by severity × queue × service line × tier (the views by each of
 * those, and the service's own figures, are exact roll-ups: `mergeMetricsAggregates` with
 * `groupBy`), and into one accumulator grouped by ISO week. So every view equals what
 * `computeMetrics` gives for that grouping alone, and memory grows with the groups (services ×
 * severities × queues × tiers, and weeks), not with the tickets. The tickets themselves are
 * kept for `reportIncidents`, which needs all of them at once.
 *
 * @param policy - The compiled policy.
 * @param options - The corpus file, the instant and the zone of the weeks.
 * @returns The collector.
 * @throws `RangeError` for an unknown `weekTimeZone` (from the library).
 * @example
 * ```ts
 * const collector = createDashboardCollector(policy, { file: 'corpus.jsonl', now, weekTimeZone: 'UTC' })
 * for await (const entry of corpus.entries) collector.add(entry)
 * const data = collector.finish()
 * ```
 */
export function createDashboardCollector(policy: Policy, options: DashboardOptions): DashboardCollector {
  const { now, weekTimeZone } = options;
  const teamOptions = { now, groupBy: TEAM_DIMENSIONS, weekTimeZone };
  // Also checks the options at once, and stands for a corpus without tickets.
  const empty = createMetricsAccumulator(policy, teamOptions);
  const weekly = createMetricsAccumulator(policy, { now, groupBy: ['week'], weekTimeZone });
  const byService = new Map<string | null, MetricsAccumulator>();
  const tickets: unknown[] = [];
  const sources: string[] = [];
  const badLines: BadLine[] = [];
  let badLineCount = 0;
  return {
    add(entry) {
      tickets.push(entry.ticket);
      sources.push(entry.source);
      const service = serviceOf(entry.ticket);
      let accumulator = byService.get(service);
      if (accumulator === undefined) {
        accumulator = createMetricsAccumulator(policy, teamOptions);
        byService.set(service, accumulator);
      }
      accumulator.add(entry.ticket);
      weekly.add(entry.ticket);
    },
    badLine(line) {
      badLineCount++;
      if (badLines.length < MAX_LISTED) badLines.push(line);
    },
    finish() {
      const parts = new Map<string | null, MetricsAggregate>();
      for (const [service, accumulator] of byService) parts.set(service, accumulator.aggregate());
      const all = mergeMetricsAggregates(parts.size === 0 ? [empty.aggregate()] : [...parts.values()]);
      const view = (dimension: (typeof TEAM_DIMENSIONS)[number]): MetricsReport =>
        finalizeMetrics(mergeMetricsAggregates([all], { groupBy: [dimension] }));
      const services = [...parts].map(([service, aggregate]): ServiceMetrics => {
        const metrics = finalizeMetrics(mergeMetricsAggregates([aggregate], { groupBy: [] })).total;
        return { service, breached: breachedOf(metrics), metrics };
      });
      services.sort(
        (a, b) =>
          b.breached - a.breached ||
          (a.service === null ? 1 : b.service === null ? -1 : a.service < b.service ? -1 : 1),
      );
      const incidents = reportIncidents(policy, tickets, { now: options.now });
      const ticketErrors = incidents.issues
        .filter((issue) => issue.severity === 'error')
        .slice(0, MAX_LISTED)
        .map((issue) => ({ source: sources[issue.path[0] as number] ?? options.file, ...issue }));
      return {
        policy: { id: policy.id, version: policy.version },
        now: options.now.toISOString(),
        corpus: { file: options.file, tickets: tickets.length, badLines: badLineCount },
        badLines,
        metrics: {
          severity: view('severity'),
          queue: view('queue'),
          serviceLine: view('serviceLine'),
          tier: view('tier'),
          week: weekly.report(),
        },
        services,
        incidents,
        ticketErrors,
      };
    },
  };
}
