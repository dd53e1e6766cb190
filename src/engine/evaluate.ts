import { timelineOf } from '../calendar/index.js';
import { MAX_INSTANT_MS, isoString, plainCopy, readOwnPath, toSupportedEpochMs } from '../internal/index.js';
import {
  modelOf,
  type MetricName,
  type ModelMetric,
  type Policy,
  type PolicyModel,
} from '../policy/index.js';
import { nextMembersChange, type ResolvedRole } from '../routing/index.js';
import {
  acknowledgeCycles,
  computeClock,
  resolutions,
  responses,
  type ClockInputs,
  type ClockResult,
} from '../sla/index.js';
import type { NormalizedTicket } from '../ticket/index.js';
import { materialize, renderContextOf, type Materialized } from './actions.js';
import { quorumLabel, type GateState } from './approvals.js';
import { refusedRequests } from './authorize-escalation.js';
import { requiredGates } from './gates.js';
import { findTarget } from './sla-target.js';
import { communications } from './communication.js';
import { planEscalations } from './escalations.js';
import { decideFront } from './front.js';
import { formatterOf } from './iso-formatter.js';
import { decisionRedactor } from './redactor.js';
import type {
  ApprovalDecision,
  Assignee,
  Clock,
  Decision,
  EvaluateOptions,
  UpcomingAction,
  ValidationFinding,
} from './types.js';

const iso = isoString;

/** An instant ahead, or `null` past the supported years (it never comes: `now` stops at 9999). */
const aheadOrNull = (ms: number | undefined, isoOf: (ms: number) => string): string | null =>
  ms === undefined || ms > MAX_INSTANT_MS ? null : isoOf(ms);
const earlier = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

function toClock(result: ClockResult, targetId: string, iso: (ms: number) => string): Clock {
  const { deadline, breachedAt, stoppedAt } = result;
  const warnings: Clock['warnings'][number][] = [];
  for (const w of result.warnings) {
    warnings.push({ at: w.label, dueAt: w.dueAt === undefined ? null : iso(w.dueAt), state: w.state });
  }
  return {
    metric: result.metric,
    targetId,
    target: { durationMs: result.targetMs, calendar: result.calendarId },
    state: result.state,
    startedAt: iso(result.startedAt),
    deadline: deadline === undefined ? null : iso(deadline),
    elapsedMs: result.elapsedMs,
    remainingMs: result.targetMs - result.elapsedMs,
    fraction: result.targetMs === 0 ? 1 : result.elapsedMs / result.targetMs,
    breachedAt: breachedAt === undefined ? null : iso(breachedAt),
    stoppedAt: stoppedAt === undefined ? null : iso(stoppedAt),
    warnings,
  };
}

function toAssignee(role: ResolvedRole, isoOf: (ms: number) => string): Assignee {
  return { role: role.role, members: role.members, shiftEndsAt: aheadOrNull(role.until, isoOf) };
}

/** Most closed intervals a trace lists per clock (a clock can span years of nights). */
const MAX_CLOSED = 100;

/** The parts of counted intervals in which the metric's calendar is closed. */
function closedParts(
  metric: ModelMetric,
  counted: readonly (readonly [number, number])[],
): [number, number][] {
  const timeline = timelineOf(metric.calendar, 'evaluate');
  const out: [number, number][] = [];
  for (const [from, to] of counted) {
    let at = from;
    while (at < to && out.length < MAX_CLOSED) {
      const change = timeline.nextChange(at, to) ?? to;
      const until = Math.min(change, to);
      if (!timeline.isOpen(at)) out.push([at, until]);
      at = until;
    }
  }
  return out;
}

/** Dotted paths of required fields, remembered per field of a compiled policy (read often). */
const dottedPaths = new WeakMap<PolicyModel['requiredFields'][number]['fields'][number], string>();

function dottedPath(field: PolicyModel['requiredFields'][number]['fields'][number]): string {
  let path = dottedPaths.get(field);
  if (path === undefined) {
    path = field.path.join('.');
    dottedPaths.set(field, path);
  }
  return path;
}

function requiredFields(model: PolicyModel, severity: string, ticket: NormalizedTicket): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  for (const rule of model.requiredFields) {
    if (!rule.severities.has(severity) && !rule.severities.has('*')) continue;
    for (const field of rule.fields) {
      const value = readOwnPath(ticket.raw, field.path);
      const present =
        value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
      if (present) continue;
      const path = dottedPath(field);
      if (out.some((finding) => finding.path === path)) continue;
      out.push({
        path,
        code: 'missing_required_field',
        message: `\`${severity}\` tickets need ${field.label} (\`${path}\`)`,
      });
    }
  }
  return out;
}

/** The gate as the decision shows it. */
function toApproval(
  state: GateState | undefined,
  gate: PolicyModel['gates'][number],
  isoOf: (ms: number) => string,
): ApprovalDecision {
  if (state === undefined) {
    return {
      gate: gate.id,
      status: 'not_required',
      approvers: [],
      quorum: quorumLabel(gate),
      granted: [],
      rejected: [],
      requiredAt: null,
      reason: 'not required for this ticket',
    };
  }
  // One literal and, when there is one, the instant appended (same key order as a spread of
  // a base, which copies property by property).
  const out: { -readonly [K in keyof ApprovalDecision]: ApprovalDecision[K] } = {
    gate: gate.id,
    status: state.status,
    approvers: state.approvers,
    quorum: quorumLabel(gate),
    granted: state.granted,
    rejected: state.rejected,
    requiredAt: isoOf(state.since),
    reason: state.reason,
  };
  if (state.status === 'pending' && state.deadline !== undefined) out.dueAt = isoOf(state.deadline);
  else if (state.decidedAt !== undefined) out.decidedAt = isoOf(state.decidedAt);
  return out;
}

/**
 * The keys of `actionPerformed` events, repeats kept: a list, not a set, as planning matches
 * them to firings in place and hashes none (`performedOfFiring`).
 */
function performedKeys(ticket: NormalizedTicket): string[] {
  const keys: string[] = [];
  for (const event of ticket.events) if (event.type === 'actionPerformed') keys.push(event.key);
  return keys;
}

/**
 * Evaluates a policy against a ticket snapshot at an instant: the severity and why, the
 * queue and owners, every SLA clock with its deadline, the escalation actions due and
 * scheduled, the approval gates, the updates owed, the required fields that are missing,
 * and the next instant at which the answer changes.
 *
 * @param policy - A policy from `compilePolicy`.
 * @param ticket - The ticket snapshot (DESIGN §4); any value is accepted, and what cannot
 *   be used is reported in `issues` with a path into the ticket.
 * @param options - `now` (required), `explain` for the trace, and the host's `context`.
 * @returns The decision: plain JSON, instants as ISO strings in UTC.
 * @throws `TypeError` when `policy` did not come from `compilePolicy`; `RangeError` or
 *   `TypeError` for an invalid `now` (also one outside the years 1000 to 9999). Never for bad
 *   ticket data: a ticket over a documented limit (`MAX_TICKET_EVENTS`, …) is decided by the
 *   fallback, `degraded`, with a `limit_exceeded` issue.
 * @example
 * ```ts
 * const decision = evaluate(policy, ticket, { now: '2026-03-09T14:00:00Z' });
 * decision.severity.id //=> 'sev1'
 * decision.clocks[0]?.deadline //=> '2026-03-09T14:15:00.000Z'
 * decision.actions.map((action) => action.kind) //=> ['page', 'notify']
 * // perform each, then record { type: 'actionPerformed', key: action.key } on the ticket
 * ```
 */
export function evaluate(policy: Policy, ticket: unknown, options: EvaluateOptions): Decision {
  const model = modelOf(policy, 'evaluate');
  const given: unknown = options;
  if (given === null || typeof given !== 'object') {
    throw new TypeError('evaluate: options with `now` are required');
  }
  // Decisions carry instants as ISO strings: `now` within the years every part supports.
  const now = toSupportedEpochMs(options.now, 'evaluate', 'now');
  const explain = options.explain === true;
  try {
    return decide(model, policy, ticket, now, explain, options.context, false);
  } catch {
    // Host data that throws when read (getters, proxies): decided again on a plain copy,
    // never thrown (DESIGN §1.3). A failure on plain data is an engine bug and propagates.
    return decide(model, policy, plainCopy(ticket), now, explain, options.context, true);
  }
}

function decide(
  model: PolicyModel,
  policy: Policy,
  ticket: unknown,
  now: number,
  explain: boolean,
  context: EvaluateOptions['context'],
  copied: boolean,
): Decision {
  const isoOf = formatterOf(model);
  const front = decideFront(model, ticket, now, explain, context);
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
  const trace = front.trace;
  const createdAt = normalized.createdAt;

  // Clocks of the first matching target.
  const clocks: Clock[] = [];
  const byMetric = new Map<MetricName, { metric: ModelMetric; result: ClockResult }>();
  let next = earlier(normalized.nextEventAt, routing.nextChangeAt);
  const target = findTarget(model, severity.id, normalized.tier, routing.queue);
  if (trace !== undefined) {
    // Every target considered, in order, up to the one that applies.
    for (const considered of model.sla.targets) {
      if (considered === target) break;
      trace.push({ step: 'target', id: considered.id, outcome: 'not_matched' });
    }
    trace.push(
      target === undefined
        ? { step: 'target', id: '(none)', outcome: 'not_matched', detail: 'no SLA target matches: no clocks' }
        : {
            step: 'target',
            id: target.id,
            outcome: 'matched',
            detail: `severity \`${severity.id}\`, tier ${normalized.tier === undefined ? 'none' : 'given'}, queue \`${routing.queue}\``,
          },
    );
  }
  const targetSince = severity.since ?? createdAt ?? now;
  const inputs: ClockInputs = {
    resolves: createdAt === undefined ? [] : resolutions(model, normalized.statuses),
    responses: responses(model, normalized.events),
    model,
    ticket: normalized,
    now,
    targetSince,
    walked: undefined,
  };
  if (target !== undefined && createdAt !== undefined) {
    for (const metric of target.metrics) {
      const result = computeClock(metric, inputs);
      if (result === undefined) continue;
      clocks.push(toClock(result, target.id, isoOf));
      byMetric.set(metric.metric, { metric, result });
      next = earlier(next, result.nextChangeAt);
      if (trace !== undefined) {
        trace.push({
          step: 'clock',
          id: metric.metric,
          outcome: 'applied',
          detail: `${result.state} on \`${metric.calendarId}\``,
          intervals: {
            counted: result.counted.map(([a, b]) => [iso(a), iso(b)] as const),
            paused: result.paused.map(([a, b]) => [iso(a), iso(b)] as const),
            closed: closedParts(metric, result.counted).map(([a, b]) => [iso(a), iso(b)] as const),
          },
        });
      }
    }
  }

  // Escalation rules: due and upcoming actions.
  const ticketKey = normalized.id ?? '-';
  const performed = performedKeys(normalized);
  const resolvedNow = inputs.resolves[inputs.resolves.length - 1]?.resolved === true;
  // Escalation requests the initiation rules refuse: reported once each, and they fire nothing.
  const refused = refusedRequests(model, front, createdAt, issues);
  let plan: ReturnType<typeof planEscalations> = { due: [], upcoming: [], requested: new Map() };
  if (model.escalation.rules.length > 0 && !front.unreadable) {
    plan = planEscalations({
      model,
      ticket: normalized,
      now,
      ticketKey,
      severity: severity.id,
      severitySince: targetSince,
      severityEpisode: severity.episode,
      clocks: byMetric,
      targetSince,
      resolves: inputs.resolves,
      acknowledge: createdAt === undefined ? [] : acknowledgeCycles(inputs),
      performed,
      data: front.decided,
      authorize: (index) => refused.get(index),
      issues,
      trace,
      iso: isoOf,
    });
  }

  // Approval gates: by condition, by a due `requestApproval` action, or guarding an override.
  const states = requiredGates(model, front, plan.requested, targetSince, now, createdAt, issues);
  const approvals = model.gates.map((gate) => toApproval(states.get(gate.id), gate, isoOf));
  for (const state of states.values()) {
    if (state.status === 'pending' && state.deadline !== undefined && state.deadline > now)
      next = earlier(next, state.deadline);
    trace?.push({
      step: 'approval',
      id: state.gate.id,
      outcome: 'applied',
      detail: `${state.status}: ${state.reason}`,
    });
  }

  // The redaction of every string with ticket content; the updates owed, then the actions.
  const redact = decisionRedactor(model, normalized.raw);
  const status = issues.some((issue) => issue.severity === 'error') ? 'degraded' : 'ok';
  const policyRef = { id: policy.id, version: policy.version };
  const templates = renderContextOf({
    model,
    ticket: normalized,
    severity,
    routing,
    clocks,
    policy: policyRef,
  });
  // No cadence runs for a resolved ticket, or one without a creation instant to count from.
  const owed =
    resolvedNow || createdAt === undefined
      ? { entries: [], dueAts: [] }
      : communications({
          model,
          ticket: normalized,
          now,
          severity,
          since: targetSince,
          resolves: inputs.resolves,
          responses: inputs.responses,
          gates: states,
          context: templates,
          redact,
          iso: isoOf,
        });
  const communication = owed.entries;
  const nextUpdate = new Map<string, string>();
  for (let i = 0; i < communication.length; i++) {
    const entry = communication[i] as (typeof communication)[number];
    if (!nextUpdate.has(entry.audience)) nextUpdate.set(entry.audience, entry.dueAt);
    const due = owed.dueAts[i] as number;
    if (due > now) next = earlier(next, due);
  }
  const out: Materialized = materialize({
    model,
    plan,
    gates: states,
    performed,
    now,
    ticketKey,
    ticket: normalized,
    severity,
    routing,
    clocks,
    policy: policyRef,
    redact,
    degraded: status === 'degraded' ? issues : undefined,
    iso: isoOf,
    context: templates,
    nextUpdate,
  });
  const upcoming: UpcomingAction[] = out.upcoming;
  if (upcoming.length > 0) next = earlier(next, out.nextDueAt);
  // Targets and approvers are the people on call now: a handoff changes them.
  for (const state of states.values()) for (const role of state.gate.approvers) out.roles.add(role);
  for (const role of out.roles) next = earlier(next, nextMembersChange(model, role, now));

  // The rule's runbooks, then the queue's that the rule does not already list.
  let runbooks = severity.runbooks;
  if (runbooks.length === 0) runbooks = routing.runbooks;
  else if (routing.runbooks.length > 0) {
    const merged = [...runbooks];
    for (const runbook of routing.runbooks)
      if (!merged.some((r) => r.url === runbook.url)) merged.push(runbook);
    runbooks = merged;
  }
  const severityReason = severity.source === 'override' ? redact.text(severity.reason) : severity.reason;
  const decision: Decision = {
    policy: policyRef,
    ticketId: normalized.id,
    evaluatedAt: isoOf(now),
    status,
    issues,
    severity:
      severity.ruleId === undefined
        ? { id: severity.id, source: severity.source, reason: severityReason, suggested: severity.suggested }
        : {
            id: severity.id,
            source: severity.source,
            ruleId: severity.ruleId,
            reason: severityReason,
            suggested: severity.suggested,
          },
    routing: {
      queue: routing.queue,
      serviceLine: routing.serviceLine,
      owner: toAssignee(routing.owner, isoOf),
      secondary: routing.secondary === null ? null : toAssignee(routing.secondary, isoOf),
      ruleId: routing.ruleId,
      reason: routing.reason,
      runbooks,
    },
    clocks,
    actions: out.actions,
    upcoming,
    withheld: out.withheld,
    approvals,
    communication,
    // A ticket over a limit was not read: nothing is known to be missing.
    validation: normalized.overLimit ? [] : requiredFields(model, severity.id, normalized),
    nextEvaluationAt: aheadOrNull(next, isoOf),
  };
  return trace !== undefined ? { ...decision, trace } : decision;
}
