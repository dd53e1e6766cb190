import type { Issue } from '../errors/index.js';
import { quote } from '../internal/index.js';
import type { PolicyModel } from '../policy/index.js';
import { routeTicket, type Availability, type RoutingResult } from '../routing/index.js';
import { classifySeverity, type SeverityEvent, type SeverityResult } from '../severity/index.js';
import { normalizeTicket, type NormalizedTicket } from '../ticket/index.js';
import { gateState, overrideGates, type GateState } from './approvals.js';
import type { EvaluationContext, TraceEntry } from './types.js';

/** Availability when the host says nothing: everyone can take a ticket. */
const NOBODY_OUT: Availability = { unavailable: new Set<string>(), overloaded: new Set<string>() };

/** What conditions see (DESIGN §8). */
export interface ConditionData {
  readonly ticket: Readonly<Record<string, unknown>>;
  readonly severity: string | null;
  readonly tier: string | null;
  readonly queue: string | null;
  readonly derived: { readonly status: string };
}

/** The decision's front half: the ticket read, its severity and its route. */
export interface Front {
  readonly normalized: NormalizedTicket;
  readonly issues: Issue[];
  readonly trace: TraceEntry[] | undefined;
  readonly severity: EffectiveSeverity;
  /** Gates guarding the latest guarded override, as they stand. */
  readonly overrideGates: readonly GateState[];
  readonly routing: RoutingResult;
  /**
   * What escalation rules, gates and initiation rules see: the decision so far, with the
   * effective severity and the routed queue (the scope has begun on it).
   */
  readonly decided: ConditionData;
  readonly unreadable: boolean;
}

function fallbackSeverity(model: PolicyModel, overLimit: boolean): SeverityResult {
  const id = model.fallback.severity;
  return {
    id,
    source: 'fallback',
    ruleId: undefined,
    reason: overLimit
      ? 'the ticket exceeds a size limit and was not read: the fallback severity applies'
      : 'the ticket could not be read: the fallback severity applies',
    suggested: id,
    runbooks: [],
    history: [],
    issues: [],
    trace: [],
  };
}

/** The effective severity: the suggestion, or the last override that took effect. */
export interface EffectiveSeverity {
  readonly id: string;
  readonly source: SeverityResult['source'];
  readonly ruleId: string | undefined;
  readonly reason: string;
  readonly suggested: string;
  readonly runbooks: SeverityResult['runbooks'];
  /** When the effective severity last became what it is (creation when it always was). */
  readonly since: number | undefined;
  /**
   * How many times before the history shows the severity entering its current value (0: it
   * has held it since creation, or since the first time): keys `severityBecomes` firings, so
   * that re-recording a severity never fires again.
   */
  readonly episode: number;
}

/**
 * Walks the severity events (docs/evaluation.md, Severity): an accepted override takes effect
 * unless approval gates guard the change from the severity in force (`on: severityUpgrade |
 * severityDowngrade`) and are not all granted; then the severity before it stands. Recorded
 * changes never change the effective severity; with the overrides that took effect they date
 * it: `since` is the start of its latest run in the history (the suggestion holding from
 * creation), so re-recording the severity in force changes nothing.
 */
function resolveSeverity(
  model: PolicyModel,
  classified: SeverityResult,
  normalized: NormalizedTicket,
  now: number,
  issues: Issue[],
): { severity: EffectiveSeverity; gates: GateState[]; applied: SeverityEvent | undefined } {
  let effective = classified.id;
  let applied: SeverityEvent | undefined;
  let gates: GateState[] = [];
  let waiting: { event: SeverityEvent; gate: GateState; previous: string; since: number } | undefined;
  // Gates read only approval decisions: each override's gates walk those alone (not the whole
  // history: a history of many overrides stays linear in its approvals, not quadratic in its
  // events), and a decision ignored for one override is reported once, not once per override.
  let approvals: NormalizedTicket | undefined;
  const reported = new Set<string>();
  const scratch: Issue[] = [];
  // The history's values in order, for `since`: the suggestion at creation, then each entry.
  const runs: { at: number; severity: string }[] = [];
  for (const event of classified.history) {
    if (event.kind === 'changed') {
      runs.push({ at: event.at, severity: event.severity });
      continue;
    }
    const guarding = overrideGates(model, effective, event.severity);
    if (guarding.length > 0) {
      // Filing the same override again while it waits keeps the instant it was first required.
      const since =
        waiting !== undefined && waiting.event.severity === event.severity ? waiting.since : event.at;
      approvals ??= {
        ...normalized,
        events: normalized.events.filter(
          (e) => e.type === 'approvalGranted' || e.type === 'approvalRejected',
        ),
      };
      const view = approvals;
      gates = guarding.map((gate) => gateState(model, gate, since, view, now, scratch));
      for (const found of scratch.splice(0)) {
        const key = `${found.code}/${found.path.join('/')}`;
        if (reported.has(key)) continue;
        reported.add(key);
        issues.push(found);
      }
      const open = gates.find((state) => state.status !== 'granted');
      if (open !== undefined) {
        waiting = { event, gate: open, previous: effective, since };
        continue;
      }
    }
    waiting = undefined;
    applied = event;
    effective = event.severity;
    runs.push({ at: event.at, severity: event.severity });
  }
  // `since`: the start of the latest run of the effective severity among the recorded changes
  // and the overrides that took effect (creation when it has none). `episode`: how many
  // earlier runs of it there were, counting the suggestion as in force at creation.
  let since = normalized.createdAt;
  let previous: string | undefined;
  let runStart: number | undefined;
  let episode = 0;
  let value = classified.id;
  for (const entry of runs) {
    if (entry.severity !== previous) runStart = entry.at;
    if (entry.severity === effective && runStart !== undefined) since = runStart;
    previous = entry.severity;
    if (entry.severity !== value && entry.severity === effective) episode++;
    value = entry.severity;
  }
  if (classified.id !== effective && episode > 0) episode--;
  const base: EffectiveSeverity =
    applied === undefined
      ? {
          id: classified.id,
          source: classified.source,
          ruleId: classified.ruleId,
          reason: classified.reason,
          suggested: classified.suggested,
          runbooks: classified.runbooks,
          since,
          episode,
        }
      : {
          id: applied.severity,
          source: 'override',
          ruleId: classified.ruleId,
          // The agent's reason as written (a rule's reason is passed through the same way).
          reason:
            applied.reason === undefined || applied.reason.trim() === ''
              ? `overridden by an agent (the policy suggests \`${classified.id}\`)`
              : applied.reason,
          suggested: classified.id,
          runbooks: classified.runbooks,
          since,
          episode,
        };
  if (waiting === undefined) return { severity: base, gates, applied };
  const why =
    waiting.gate.status === 'pending'
      ? `awaits approval gate ${quote(waiting.gate.gate.id)}`
      : `was not approved (gate ${quote(waiting.gate.gate.id)} ${waiting.gate.status})`;
  issues.push({
    code: 'override_pending',
    severity: 'warning',
    path: ['events', waiting.event.index],
    message: `the severity override to ${quote(waiting.event.severity)} ${why}: ${quote(waiting.previous)} stands`,
  });
  return {
    severity: {
      ...base,
      reason: `the override to ${quote(waiting.event.severity)} ${why}; ${quote(waiting.previous)} stands`,
    },
    gates,
    applied,
  };
}

/**
 * Reads the ticket, classifies it (with override gates) and routes it: everything up to the
 * SLA clocks, shared by `evaluate` and `authorizeEscalation`. `owners` false leaves the
 * queue's roles unresolved (metrics read only the queue).
 *
 * @internal
 */
export function decideFront(
  model: PolicyModel,
  ticket: unknown,
  now: number,
  explain: boolean,
  context: EvaluationContext | undefined,
  owners = true,
): Front {
  const availability: Availability =
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
  const trace: TraceEntry[] | undefined = explain ? [] : undefined;
  const lastStatus = normalized.statuses[normalized.statuses.length - 1]?.status ?? 'open';
  const data: ConditionData = {
    ticket: normalized.raw ?? {},
    severity: normalized.severity ?? null,
    tier: normalized.tier ?? null,
    queue: normalized.queue ?? null,
    derived: { status: lastStatus },
  };
  model.scope.begin(data);

  // A ticket that is not even an object has no severity to compute: the fallback decides.
  const unreadable = normalized.raw === undefined;
  const classified = unreadable
    ? fallbackSeverity(model, normalized.overLimit)
    : classifySeverity(model, normalized, data, explain);
  issues.push(...classified.issues);
  const { severity, gates, applied } = resolveSeverity(model, classified, normalized, now, issues);
  if (trace !== undefined) {
    for (const { index } of normalized.unknown) {
      trace.push({
        step: 'event',
        id: `events[${String(index)}]`,
        outcome: 'ignored',
        detail: 'an event type the engine does not use',
      });
    }
    trace.push(...classified.trace);
    if (applied !== undefined)
      trace.push({ step: 'override', id: `events[${String(applied.index)}]`, outcome: 'applied' });
  }

  const routing = routeTicket(model, severity.id, data, now, availability, unreadable, explain, owners);
  issues.push(...routing.issues);
  if (trace !== undefined) trace.push(...routing.trace);

  // Later conditions see the decision so far: the effective severity and the routed queue.
  const decided: ConditionData =
    data.severity === severity.id && data.queue === routing.queue
      ? data
      : { ...data, severity: severity.id, queue: routing.queue };
  if (decided !== data) model.scope.begin(decided);
  return { normalized, issues, trace, severity, overrideGates: gates, routing, decided, unreadable };
}
