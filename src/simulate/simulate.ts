import { evaluate, type Decision, type DecisionAction } from '../engine/index.js';
import { PolicyError, type Issue } from '../errors/index.js';
import { isoString, readInstant } from '../internal/index.js';
import { modelOf, type MetricName, type Policy } from '../policy/index.js';
import { checkAssertions, type DueAction, type StateAt } from './check-assertions.js';
import { readScenario, type EventFields, type PendingEvent, type ReadScenario } from './read-scenario.js';
import { createSeen, recordChanges } from './record-changes.js';
import { formatOffset } from './scenario-time.js';
import type {
  SafeSimulateResult,
  Scenario,
  SimulateOptions,
  SimulationIssue,
  SimulationResult,
  SimulationStep,
  TimelineEntry,
} from './types.js';

type Data = Readonly<Record<string, unknown>>;

/** The default of `maxSteps`. */
const MAX_STEPS = 10_000;

function isIssues(value: ReadScenario | readonly [Issue, ...Issue[]]): value is readonly [Issue, ...Issue[]] {
  return Array.isArray(value);
}

function maxStepsOf(options: SimulateOptions | undefined, fn: string): number {
  const given: unknown = options;
  if (given !== undefined && (given === null || typeof given !== 'object'))
    throw new TypeError(`${fn}: options must be an object`);
  const maxSteps = options?.maxSteps ?? MAX_STEPS;
  if (!Number.isSafeInteger(maxSteps) || maxSteps < 1)
    throw new RangeError(`${fn}: \`maxSteps\` must be a positive integer`);
  return maxSteps;
}

/**
 * Runs a drill: applies a scenario's events to its ticket at their instants, evaluates the
 * policy at every instant the answer can change (T0, each event, each `nextEvaluationAt`;
 * never minute by minute), lets the responder model perform what is due, and returns the
 * timeline of everything that happened with the scenario's assertions checked.
 *
 * @param policy - A policy from `compilePolicy`.
 * @param scenario - The scenario (plain JSON; see docs/simulation.md).
 * @param options - `maxSteps` (the most evaluations) and `explain` (list every evaluation).
 * @returns The timeline, the clocks as of the end, the assertions and whether all passed.
 * @throws {@link PolicyError} (code `invalid_scenario`) listing every problem of the
 *   scenario with its path (``events[2].at: invalid relative time `+20x`: …``), also a time
 *   (`until`, an event's or an assertion's) past the supported years, 1000 to 9999
 *   (``until: invalid relative time `+24h`: it falls after the supported years …``);
 *   `TypeError` when `policy` is not compiled, `RangeError` for a bad `maxSteps`.
 * @example
 * ```ts
 * const result = simulate(policy, {
 *   ticket: { id: 'T-1', createdAt: '2026-03-09T14:00:00Z', subject: 'Checkout is down' },
 *   events: [{ at: '+4m', type: 'acknowledged', by: 'ada@example.com' }],
 *   until: '+4h',
 *   expect: [{ by: '+1m', action: { kind: 'page', role: 'incident-commander' } }],
 * });
 * result.passed //=> true
 * result.timeline[0] //=> { at: '2026-03-09T14:00:00.000Z', offset: '+0m', kind: 'severity', … }
 * ```
 */
export function simulate(policy: Policy, scenario: Scenario, options?: SimulateOptions): SimulationResult {
  const model = modelOf(policy, 'simulate');
  const maxSteps = maxStepsOf(options, 'simulate');
  const read = readScenario(scenario, model);
  if (isIssues(read)) throw new PolicyError(read, 'scenario');
  return run(policy, read, maxSteps, options?.explain === true);
}

/**
 * Like {@link simulate}, but returns the scenario's problems instead of throwing them.
 *
 * @param policy - A policy from `compilePolicy`.
 * @param scenario - The scenario, any value (parsed JSON).
 * @param options - As for {@link simulate}.
 * @returns `{ success: true, result }`, or `{ success: false, issues }` with paths into the
 *   scenario (also for a time past the supported years, 1000 to 9999, as {@link simulate}).
 * @throws `TypeError` when `policy` is not compiled, `RangeError` for a bad `maxSteps`; never
 *   for a problem of the scenario.
 * @example
 * ```ts
 * const outcome = safeSimulate(policy, { ticket: { id: 'T-1', createdAt: '2026-03-09T14:00:00Z' }, until: '+3d' });
 * outcome.success //=> false
 * if (!outcome.success) outcome.issues[0]?.code //=> 'duration_unit_not_allowed'
 * ```
 */
export function safeSimulate(
  policy: Policy,
  scenario: unknown,
  options?: SimulateOptions,
): SafeSimulateResult {
  const model = modelOf(policy, 'safeSimulate');
  const maxSteps = maxStepsOf(options, 'safeSimulate');
  const read = readScenario(scenario, model);
  if (isIssues(read)) return { success: false, issues: read };
  return { success: true, result: run(policy, read, maxSteps, options?.explain === true) };
}

/** The loop of docs/simulation.md. */
function run(policy: Policy, scenario: ReadScenario, maxSteps: number, explain: boolean): SimulationResult {
  const { origin, until } = scenario;
  const iso = isoString;
  const fields: Record<string, unknown> = { ...scenario.ticket };
  const events: Data[] = [...scenario.history];
  const script = scenario.script;
  let scriptIndex = 0;

  // The acknowledge cycle in force (DESIGN §7): whose it is, and whether it was acknowledged.
  let assignee = scenario.cycle.assignee;
  let acknowledged = scenario.cycle.acknowledged;
  const ackDelay = scenario.acknowledgeMs;
  let ackAt =
    ackDelay === undefined || acknowledged ? undefined : Math.max(origin, scenario.cycle.start + ackDelay);

  const timeline: TimelineEntry[] = [];
  const seen = createSeen();
  const states: StateAt[] = [];
  const dueActions: DueAction[] = [];
  const evaluations: SimulationStep[] = [];
  const issues: SimulationIssue[] = [];
  let previous: Decision | undefined;
  let steps = 0;

  /** Applies one event at `t`: the history, the snapshot fields it changes, the acknowledge cycle. */
  const apply = (t: number, fieldsOf: EventFields, source: PendingEvent['source']): void => {
    const event: EventFields & { readonly at: string } = { ...fieldsOf, at: iso(t) };
    if (event.type !== 'actionPerformed' || source === 'scenario')
      timeline.push({ at: iso(t), offset: formatOffset(t - origin), kind: 'event', source, event });
    events.push(event);
    switch (event.type) {
      case 'statusChanged':
        fields.status = event.status;
        break;
      case 'severityChanged':
        fields.severity = event.severity;
        break;
      case 'assigned':
        fields.assignee = event.assignee;
        assignee = event.assignee as string;
        acknowledged = false;
        if (ackDelay !== undefined) ackAt = t + ackDelay;
        break;
      case 'acknowledged':
        if (assignee === undefined || event.by === assignee) {
          acknowledged = true;
          ackAt = undefined;
        }
        break;
      default:
        break;
    }
  };

  /** Applies the scripted events and the responder's acknowledgement due at or before `t`. */
  const applyDue = (t: number): boolean => {
    let applied = false;
    for (; scriptIndex < script.length; scriptIndex++) {
      const pending = script[scriptIndex] as PendingEvent;
      if (pending.at > t) break;
      apply(t, pending.fields, pending.source);
      applied = true;
    }
    if (ackAt !== undefined && ackAt <= t) {
      ackAt = undefined;
      if (!acknowledged) {
        const by = assignee ?? previous?.routing.owner.members[0] ?? 'responder';
        apply(t, { type: 'acknowledged', by }, 'responder');
        applied = true;
      }
    }
    return applied;
  };

  /** What the responder model does with a decision at `t`; whether it recorded anything. */
  const respond = (decision: Decision, t: number): boolean => {
    if (!scenario.performActions || decision.actions.length === 0) return false;
    for (const action of decision.actions) {
      apply(t, { type: 'actionPerformed', key: action.key }, 'responder');
      if (scenario.recordEffects) recordEffect(decision, action, t);
    }
    return true;
  };

  const recordEffect = (decision: Decision, action: DecisionAction, t: number): void => {
    if (action.kind === 'transferOwnership' && action.targets[0] !== undefined) {
      const written = action.payload.role;
      const role =
        written === 'secondary'
          ? decision.routing.secondary?.role
          : written === 'owner'
            ? decision.routing.owner.role
            : written;
      apply(
        t,
        { type: 'assigned', assignee: action.targets[0], ...(typeof role === 'string' ? { role } : {}) },
        'responder',
      );
    } else if (action.kind === 'sendUpdate' && typeof action.payload.audience === 'string') {
      apply(t, { type: 'updateSent', audience: action.payload.audience }, 'responder');
    }
  };

  /** Whether the step limit stops the run before an evaluation at `t` (reported once). */
  const limited = (t: number): boolean => {
    if (steps < maxSteps) return false;
    issues.push({
      code: 'step_limit',
      severity: 'error',
      at: iso(t),
      message: `the run stopped after ${maxSteps} evaluations at ${formatOffset(t - origin)}, before its end: raise \`maxSteps\` or shorten \`until\``,
    });
    return true;
  };

  /** Evaluates at `t` and records what changed. */
  const step = (t: number, cause: SimulationStep['cause']): void => {
    const ticket = { ...fields, events: events.slice() };
    const decision = evaluate(policy, ticket, {
      now: t,
      ...(scenario.context === undefined ? {} : { context: scenario.context }),
    });
    steps++;
    const offset = formatOffset(t - origin);
    const at = iso(t);
    for (const body of recordChanges(previous, decision, seen, scenario.performActions)) {
      timeline.push({ at, offset, ...body });
      if (body.kind === 'action') dueActions.push({ at: t, action: body.action });
    }
    states.push(stateOf(t, decision));
    if (explain) evaluations.push({ at, cause, nextEvaluationAt: decision.nextEvaluationAt });
    previous = decision;
  };

  let t = origin;
  let cause: SimulationStep['cause'] = 'start';
  let stopReason: SimulationResult['stopReason'] | undefined;
  let lastAt = origin;
  while (stopReason === undefined) {
    // Events at an instant are applied before evaluating at it; the responder's records
    // are evaluated again at the same instant until it has nothing more to record.
    if (limited(t)) {
      stopReason = 'step_limit';
      break;
    }
    applyDue(t);
    for (;;) {
      step(t, cause);
      lastAt = t;
      const responded = respond(previous as Decision, t);
      const acknowledging = applyDue(t);
      if (!responded && !acknowledging) break;
      cause = 'settle';
      if (limited(t)) {
        stopReason = 'step_limit';
        break;
      }
    }
    if (stopReason !== undefined) break;
    const scheduled = readInstant((previous as Decision).nextEvaluationAt);
    const nextEvent = Math.min(script[scriptIndex]?.at ?? Infinity, ackAt ?? Infinity);
    const next = Math.min(scheduled !== undefined && scheduled > t ? scheduled : Infinity, nextEvent);
    if (next === Infinity) stopReason = 'nothing_scheduled';
    else if (next > until) stopReason = 'horizon';
    else {
      cause = next === nextEvent ? 'event' : 'scheduled';
      t = next;
    }
  }
  // The clocks as of the end (nothing else changes before it).
  if (stopReason !== 'step_limit' && lastAt < until) {
    if (limited(until)) stopReason = 'step_limit';
    else {
      step(until, 'end');
      lastAt = until;
    }
  }
  const end = stopReason === 'step_limit' ? lastAt : until;
  const assertions = checkAssertions(scenario.expect, {
    origin,
    until,
    end,
    cut: stopReason === 'step_limit',
    actions: dueActions,
    states,
  });
  const final = previous as Decision;
  return {
    scenario: scenario.name,
    policy: { id: policy.id, version: policy.version },
    ticketId: scenario.ticketId,
    start: iso(origin),
    until: iso(until),
    end: iso(end),
    stopReason,
    steps,
    timeline,
    severity: final.severity.id,
    clocks: final.clocks,
    approvals: final.approvals,
    assertions,
    passed: stopReason !== 'step_limit' && assertions.every((assertion) => assertion.passed),
    issues,
    ...(explain ? { evaluations } : {}),
  };
}

function stateOf(t: number, decision: Decision): StateAt {
  const clocks = new Map<MetricName, Decision['clocks'][number]['state']>();
  for (const clock of decision.clocks) clocks.set(clock.metric, clock.state);
  const approvals = new Map<string, Decision['approvals'][number]['status']>();
  for (const approval of decision.approvals) approvals.set(approval.gate, approval.status);
  return { at: t, severity: decision.severity.id, clocks, approvals };
}
