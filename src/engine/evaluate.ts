import type { Issue } from '../errors/index.js';
import { timelineOf } from '../calendar/index.js';
import { isoString, toEpochMs } from '../internal/index.js';
import {
  modelOf,
  type ModelMetric,
  type ModelTarget,
  type Policy,
  type PolicyModel,
} from '../policy/index.js';
import { routeTicket } from '../routing/index.js';
import { classifySeverity } from '../severity/index.js';
import { computeClock, resolutions, responses, type ClockResult } from '../sla/index.js';
import { normalizeTicket, type NormalizedTicket } from '../ticket/index.js';
import type { Clock, Decision, EvaluateOptions, TraceEntry, ValidationFinding } from './types.js';

const iso = isoString;
/** Availability when the host says nothing: everyone can take a ticket. */
const NOBODY_OUT: { readonly unavailable: ReadonlySet<string>; readonly overloaded: ReadonlySet<string> } = {
  unavailable: new Set<string>(),
  overloaded: new Set<string>(),
};
const isoOrNull = (ms: number | undefined): string | null => (ms === undefined ? null : iso(ms));

function fallbackSeverity(model: PolicyModel): ReturnType<typeof classifySeverity> {
  const id = model.fallback.severity;
  return {
    id,
    source: 'fallback',
    ruleId: undefined,
    reason: 'the ticket could not be read: the fallback severity applies',
    suggested: id,
    runbooks: [],
    since: undefined,
    issues: [],
    trace: [],
  };
}

/** The first SLA target matching the effective severity, the tier and the queue. */
function findTarget(
  model: PolicyModel,
  severity: string,
  tier: string | undefined,
  queue: string,
): ModelTarget | undefined {
  return model.sla.targets.find(
    (target) =>
      (target.severities === undefined || target.severities.has(severity)) &&
      (target.tiers === undefined || (tier !== undefined && target.tiers.has(tier))) &&
      (target.queues === undefined || target.queues.has(queue)),
  );
}

function toClock(result: ClockResult, targetId: string): Clock {
  const remainingMs = result.targetMs - result.elapsedMs;
  return {
    metric: result.metric,
    targetId,
    target: { durationMs: result.targetMs, calendar: result.calendarId },
    state: result.state,
    startedAt: iso(result.startedAt),
    deadline: isoOrNull(result.deadline),
    elapsedMs: result.elapsedMs,
    remainingMs,
    fraction: result.targetMs === 0 ? 1 : result.elapsedMs / result.targetMs,
    breachedAt: isoOrNull(result.breachedAt),
    stoppedAt: isoOrNull(result.stoppedAt),
    warnings: result.warnings.map((w) => ({ at: w.label, dueAt: isoOrNull(w.dueAt), state: w.state })),
  };
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
      const change = timeline.nextChange(at) ?? to;
      const until = Math.min(change, to);
      if (!timeline.isOpen(at)) out.push([at, until]);
      at = until;
    }
  }
  return out;
}

/** Reads a dotted path of own properties; `undefined` when any step is missing. */
function readPath(root: unknown, keys: readonly string[]): unknown {
  let current = root;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function requiredFields(model: PolicyModel, severity: string, ticket: NormalizedTicket): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  for (const rule of model.requiredFields) {
    if (!rule.severities.has(severity) && !rule.severities.has('*')) continue;
    for (const field of rule.fields) {
      const value = readPath(ticket.raw, field.path);
      const present =
        value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
      if (present) continue;
      const path = field.path.join('.');
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

/**
 * Evaluates a policy against a ticket snapshot at an instant: the severity and why, the
 * queue and owners, every SLA clock with its deadline, the required fields that are
 * missing, and the next instant at which the answer changes.
 *
 * @param policy - A policy from `compilePolicy`.
 * @param ticket - The ticket snapshot (DESIGN §4); any value is accepted, and what cannot
 *   be used is reported in `issues` with a path into the ticket.
 * @param options - `now` (required), `explain` for the trace, and the host's `context`.
 * @returns The decision: plain JSON, instants as ISO strings in UTC.
 * @throws `TypeError` when `policy` did not come from `compilePolicy`; `RangeError` or
 *   `TypeError` for an invalid `now`. Never for bad ticket data.
 * @example
 * ```ts
 * const decision = evaluate(policy, ticket, { now: '2026-03-09T14:00:00Z' });
 * decision.severity.id //=> 'sev1'
 * decision.clocks[0]?.deadline //=> '2026-03-09T14:15:00.000Z'
 * ```
 */
export function evaluate(policy: Policy, ticket: unknown, options: EvaluateOptions): Decision {
  const model = modelOf(policy, 'evaluate');
  const given: unknown = options;
  if (given === null || typeof given !== 'object') {
    throw new TypeError('evaluate: options with `now` are required');
  }
  const now = toEpochMs(options.now, 'evaluate', 'now');
  const explain = options.explain === true;
  const context = options.context;
  const availability =
    context === undefined
      ? NOBODY_OUT
      : { unavailable: new Set(context.unavailable), overloaded: new Set(context.overloaded) };

  const normalized = normalizeTicket(ticket, now);
  const issues: Issue[] = [...normalized.issues];
  if (model.tiers !== undefined && normalized.tier !== undefined && !model.tiers.has(normalized.tier)) {
    issues.push({
      code: 'invalid_field',
      severity: 'warning',
      path: ['customer', 'tier'],
      message: "the customer tier is not one of the policy's tiers: targets for specific tiers do not apply",
    });
  }
  const trace: TraceEntry[] = [];
  const lastStatus = normalized.statuses[normalized.statuses.length - 1]?.status ?? 'open';
  const data = {
    ticket: normalized.raw ?? {},
    severity: normalized.severity ?? null,
    tier: normalized.tier ?? null,
    queue: normalized.queue ?? null,
    derived: { status: lastStatus },
  };
  model.scope.begin(data);

  // A ticket that is not even an object has no severity to compute: the fallback decides.
  const unreadable = normalized.raw === undefined;
  const severity = unreadable ? fallbackSeverity(model) : classifySeverity(model, normalized, data, explain);
  issues.push(...severity.issues);
  if (explain) {
    for (const index of normalized.unknown) {
      trace.push({
        step: 'event',
        id: `events[${String(index)}]`,
        outcome: 'ignored',
        detail: 'an event type the engine does not use',
      });
    }
    trace.push(...severity.trace);
  }

  const routing = routeTicket(model, severity.id, data, now, availability, unreadable, explain);
  issues.push(...routing.issues);
  if (explain) trace.push(...routing.trace);

  // Clocks of the first matching target.
  const clocks: Clock[] = [];
  let next = normalized.nextEventAt;
  if (routing.nextChangeAt !== undefined) next = Math.min(next ?? routing.nextChangeAt, routing.nextChangeAt);
  const target = findTarget(model, severity.id, normalized.tier, routing.queue);
  if (explain) {
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
  if (target !== undefined && normalized.createdAt !== undefined) {
    const inputs = {
      resolves: resolutions(model, normalized.statuses),
      responses: responses(model, normalized.events),
      model,
      ticket: normalized,
      now,
      targetSince: severity.since ?? normalized.createdAt,
    };
    for (const metric of target.metrics) {
      const result = computeClock(metric, inputs);
      if (result === undefined) continue;
      clocks.push(toClock(result, target.id));
      if (result.nextChangeAt !== undefined)
        next = Math.min(next ?? result.nextChangeAt, result.nextChangeAt);
      if (explain) {
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

  // The rule's runbooks, then the queue's that the rule does not already list.
  let runbooks = severity.runbooks;
  if (runbooks.length === 0) runbooks = routing.runbooks;
  else if (routing.runbooks.length > 0) {
    const merged = [...runbooks];
    for (const runbook of routing.runbooks)
      if (!merged.some((r) => r.url === runbook.url)) merged.push(runbook);
    runbooks = merged;
  }
  const decision: Decision = {
    policy: { id: policy.id, version: policy.version },
    ticketId: normalized.id,
    evaluatedAt: iso(now),
    status: issues.some((issue) => issue.severity === 'error') ? 'degraded' : 'ok',
    issues,
    severity:
      severity.ruleId === undefined
        ? { id: severity.id, source: severity.source, reason: severity.reason, suggested: severity.suggested }
        : {
            id: severity.id,
            source: severity.source,
            ruleId: severity.ruleId,
            reason: severity.reason,
            suggested: severity.suggested,
          },
    routing: {
      queue: routing.queue,
      serviceLine: routing.serviceLine,
      owner: routing.owner,
      secondary: routing.secondary,
      ruleId: routing.ruleId,
      reason: routing.reason,
      runbooks,
    },
    clocks,
    actions: [],
    upcoming: [],
    approvals: [],
    communication: [],
    validation: requiredFields(model, severity.id, normalized),
    nextEvaluationAt: isoOrNull(next),
  };
  return explain ? { ...decision, trace } : decision;
}
