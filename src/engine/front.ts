import type { Issue } from '../errors/index.js';
import { quote } from '../internal/index.js';
import type { PolicyModel } from '../policy/index.js';
import { routeTicket, type Availability, type RoutingResult } from '../routing/index.js';
import { classifySeverity, type SeverityResult } from '../severity/index.js';
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
  readonly severity: SeverityResult;
  /** Gates guarding the latest override, as they stand. */
  readonly overrideGates: readonly GateState[];
  readonly routing: RoutingResult;
  /**
   * What escalation rules, gates and initiation rules see: the decision so far, with the
   * effective severity and the routed queue (the scope has begun on it).
   */
  readonly decided: ConditionData;
  readonly unreadable: boolean;
}

function fallbackSeverity(model: PolicyModel): SeverityResult {
  const id = model.fallback.severity;
  return {
    id,
    source: 'fallback',
    ruleId: undefined,
    reason: 'the ticket could not be read: the fallback severity applies',
    suggested: id,
    runbooks: [],
    since: undefined,
    overridden: undefined,
    issues: [],
    trace: [],
  };
}

/**
 * An override guarded by approval gates (`on: severityUpgrade | severityDowngrade`) takes
 * effect once every such gate is granted; until then the severity before it stands.
 */
function gateOverride(
  model: PolicyModel,
  severity: SeverityResult,
  normalized: NormalizedTicket,
  now: number,
  issues: Issue[],
): { severity: SeverityResult; gates: GateState[] } {
  const overridden = severity.overridden;
  if (overridden === undefined) return { severity, gates: [] };
  const gates = overrideGates(model, overridden.previous, severity.id).map((gate) =>
    gateState(model, gate, overridden.at, normalized, now, issues),
  );
  const waiting = gates.find((state) => state.status !== 'granted');
  if (waiting === undefined) return { severity, gates };
  const why =
    waiting.status === 'pending'
      ? `awaits approval gate ${quote(waiting.gate.id)}`
      : `was not approved (gate ${quote(waiting.gate.id)} ${waiting.status})`;
  issues.push({
    code: 'override_pending',
    severity: 'warning',
    path: ['events', overridden.index],
    message: `the severity override to ${quote(severity.id)} ${why}: ${quote(overridden.previous)} stands`,
  });
  return {
    severity: {
      ...severity,
      id: overridden.previous,
      source: overridden.previousIsOverride ? 'override' : overridden.suggestedSource,
      reason: `the override to ${quote(severity.id)} ${why}; ${quote(overridden.previous)} stands`,
      since: overridden.previousSince,
      overridden: undefined,
    },
    gates,
  };
}

/**
 * Reads the ticket, classifies it (with override gates) and routes it: everything up to the
 * SLA clocks, shared by `evaluate` and `authorizeEscalation`.
 *
 * @internal
 */
export function decideFront(
  model: PolicyModel,
  ticket: unknown,
  now: number,
  explain: boolean,
  context: EvaluationContext | undefined,
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
    ? fallbackSeverity(model)
    : classifySeverity(model, normalized, data, explain);
  issues.push(...classified.issues);
  const { severity, gates } = gateOverride(model, classified, normalized, now, issues);
  if (trace !== undefined) {
    for (const { index } of normalized.unknown) {
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
  if (trace !== undefined) trace.push(...routing.trace);

  // Later conditions see the decision so far: the effective severity and the routed queue.
  const decided: ConditionData =
    data.severity === severity.id && data.queue === routing.queue
      ? data
      : { ...data, severity: severity.id, queue: routing.queue };
  if (decided !== data) model.scope.begin(decided);
  return { normalized, issues, trace, severity, overrideGates: gates, routing, decided, unreadable };
}
