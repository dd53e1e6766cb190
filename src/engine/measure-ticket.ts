import type { Issue } from '../errors/index.js';
import { plainCopy } from '../internal/index.js';
import type { MetricName, ModelMetric, PolicyModel } from '../policy/index.js';
import { acknowledgeCycles, computeClock, resolutions, responses, type ClockResult } from '../sla/index.js';
import type { GateState } from './approvals.js';
import { refusedRequests } from './authorize-escalation.js';
import { requiredGates } from './gates.js';
import { findTarget } from './sla-target.js';
import { planEscalations } from './escalations.js';
import { decideFront } from './front.js';
import { formatterOf } from './iso-formatter.js';

// What operational metrics read from one ticket (src/metrics): the parts of `evaluate` that
// metrics use, computed the same way, and nothing else — no targets of people, no payloads,
// no rendered templates, no cadences, no required fields, no nextEvaluationAt. The
// escalation plan keeps the steps already performed (evaluate drops them), each with the
// instant its `actionPerformed` event records, for on-time rates.
// INVARIANT: severity, queue, clocks, approvals, status and the keys of the actions that are
// due and not performed equal `evaluate`'s (test/metrics/measure-ticket.test.ts checks it over
// generated tickets of the reference policy).

/** One SLA clock of a measured ticket (epoch ms). */
export interface MeasuredClock {
  readonly metric: MetricName;
  readonly targetMs: number;
  readonly state: ClockResult['state'];
  readonly startedAt: number;
  /** When the cycle stopped, if it did. */
  readonly stoppedAt: number | undefined;
  /** Business time counted (pauses and closed hours left out). */
  readonly elapsedMs: number;
  /**
   * The cycle ended on its own event: the acknowledgement, the counting reply, the resolve
   * (for `resolution`); not when a resolve cut it short, nor while it runs.
   */
  readonly completed: boolean;
}

/** One planned escalation action that came due at or before the instant (epoch ms). */
export interface MeasuredAction {
  readonly key: string;
  readonly ruleId: string;
  readonly dueAt: number;
  /** The instant of the first `actionPerformed` event with the key, if any. */
  readonly performedAt: number | undefined;
}

/** What operational metrics need from one ticket at one instant. */
export interface TicketMeasure {
  /** `degraded` when any issue is an error, as in the decision. */
  readonly status: 'ok' | 'degraded';
  /** The decision's issues. */
  readonly issues: readonly Issue[];
  /** The effective severity. */
  readonly severity: string;
  /** The routed queue and its service line. */
  readonly queue: string;
  readonly serviceLine: string;
  /** The customer tier as given, if any. */
  readonly tier: string | undefined;
  /** The creation instant, when the ticket has a valid one. */
  readonly createdAt: number | undefined;
  /** The clocks of the SLA target, in the target's metric order. */
  readonly clocks: readonly MeasuredClock[];
  /** How many times the ticket was resolved, and reopened after a resolve. */
  readonly resolves: number;
  readonly reopens: number;
  /** Escalation actions due at or before the instant, performed or not, in plan order. */
  readonly actions: readonly MeasuredAction[];
  /** The approval gates required for the ticket and their status. */
  readonly approvals: readonly { readonly gate: string; readonly status: GateState['status'] }[];
}

const NOTHING_PERFORMED: readonly string[] = [];

/**
 * Measures one ticket at `now` for operational metrics: what `evaluate` decides about its
 * severity, queue, SLA clocks, approvals and status, and every escalation action that came
 * due (performed or not). Never throws on ticket data (as `evaluate`).
 *
 * @internal
 */
export function measureTicket(model: PolicyModel, ticket: unknown, now: number): TicketMeasure {
  try {
    return measure(model, ticket, now, false);
  } catch {
    // Host data that throws when read: measured again on a plain copy, as `evaluate` does.
    return measure(model, plainCopy(ticket), now, true);
  }
}

function measure(model: PolicyModel, ticket: unknown, now: number, copied: boolean): TicketMeasure {
  // Metrics read the queue, not who owns it; no warning, no upcoming action.
  const front = decideFront(model, ticket, now, false, undefined, false);
  const { normalized, issues, severity, routing } = front;
  if (copied) {
    issues.unshift({
      code: 'invalid_ticket',
      severity: 'error',
      path: [],
      message:
        'parts of the ticket could not be read (accessors or proxies that failed): the ticket was read as plain data without them',
    });
  }
  const createdAt = normalized.createdAt;
  const target = findTarget(model, severity.id, normalized.tier, routing.queue);
  const targetSince = severity.since ?? createdAt ?? now;
  const resolves = createdAt === undefined ? [] : resolutions(model, normalized.statuses);
  const inputs = {
    resolves,
    responses: responses(model, normalized.events),
    model,
    ticket: normalized,
    now,
    targetSince,
    warnings: false,
    walked: undefined,
  };

  const clocks: MeasuredClock[] = [];
  const byMetric = new Map<MetricName, { metric: ModelMetric; result: ClockResult }>();
  if (target !== undefined && createdAt !== undefined) {
    for (const metric of target.metrics) {
      const result = computeClock(metric, inputs);
      if (result === undefined) continue;
      byMetric.set(metric.metric, { metric, result });
      const stop = result.stoppedAt;
      // A cycle other than `resolution` that stops at a resolve was cut short (a status change
      // applies before the other events of its instant, so its own event cannot be the stop).
      const completed =
        stop !== undefined &&
        (metric.metric === 'resolution' || !resolves.some((change) => change.resolved && change.at === stop));
      clocks.push({
        metric: metric.metric,
        targetMs: result.targetMs,
        state: result.state,
        startedAt: result.startedAt,
        stoppedAt: stop,
        elapsedMs: result.elapsedMs,
        completed,
      });
    }
  }

  // When each key was performed: the first `actionPerformed` event with it.
  const performedAt = new Map<string, number>();
  for (const event of normalized.events) {
    if (event.type === 'actionPerformed' && !performedAt.has(event.key)) performedAt.set(event.key, event.at);
  }
  const performedLengths = new Set<number>();
  for (const key of performedAt.keys()) performedLengths.add(key.length);

  // Escalation requests the initiation rules refuse fire nothing (and are warnings), as in `evaluate`.
  const refused = refusedRequests(model, front, createdAt, issues);
  const isoOf = formatterOf(model);
  let plan: ReturnType<typeof planEscalations> = { due: [], upcoming: [], requested: new Map() };
  if (model.escalation.rules.length > 0 && !front.unreadable) {
    plan = planEscalations({
      model,
      ticket: normalized,
      now,
      ticketKey: normalized.id ?? '-',
      severity: severity.id,
      severitySince: targetSince,
      severityEpisode: severity.episode,
      clocks: byMetric,
      targetSince,
      resolves,
      acknowledge: createdAt === undefined ? [] : acknowledgeCycles(inputs),
      // Every step, performed or not: on-time rates need the due instant of performed ones.
      performed: NOTHING_PERFORMED,
      data: front.decided,
      authorize: (index) => refused.get(index),
      issues,
      trace: undefined,
      iso: isoOf,
      dueOnly: true,
    });
  }
  const actions: MeasuredAction[] = plan.due.map((planned) => ({
    key: planned.key,
    ruleId: planned.rule.id,
    dueAt: planned.dueAt,
    // Most keys have a length no performed key has: no lookup (which would hash the key).
    performedAt: performedLengths.has(planned.key.length) ? performedAt.get(planned.key) : undefined,
  }));

  // Approval gates, as in `evaluate`: by condition, by a due `requestApproval`, guarding an override.
  const states = requiredGates(model, front, plan.requested, targetSince, now, createdAt, issues);
  const approvals: { gate: string; status: GateState['status'] }[] = [];
  for (const gate of model.gates) {
    const state = states.get(gate.id);
    if (state !== undefined) approvals.push({ gate: gate.id, status: state.status });
  }

  let reopens = 0;
  let resolvedCount = 0;
  for (const change of resolves) {
    if (change.resolved) resolvedCount++;
    else reopens++;
  }
  return {
    status: issues.some((issue) => issue.severity === 'error') ? 'degraded' : 'ok',
    issues,
    severity: severity.id,
    queue: routing.queue,
    serviceLine: routing.serviceLine,
    tier: normalized.tier,
    createdAt,
    clocks,
    resolves: resolvedCount,
    reopens,
    actions,
    approvals,
  };
}
