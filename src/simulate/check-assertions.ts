import type { ApprovalDecision, Clock, DecisionAction } from '../engine/index.js';
import { assertNever, isoString, quote } from '../internal/index.js';
import type { MetricName } from '../policy/index.js';
import type { Check, ReadAssertion } from './read-scenario.js';
import { formatOffset } from './scenario-time.js';
import type { ActionMatcher, AssertionResult } from './types.js';

/** The states of one decision that assertions look at. */
export interface StateAt {
  readonly at: number;
  readonly severity: string;
  readonly clocks: ReadonlyMap<MetricName, Clock['state']>;
  readonly approvals: ReadonlyMap<string, ApprovalDecision['status']>;
}

/** An action and the instant the simulation saw it come due. */
export interface DueAction {
  readonly at: number;
  readonly action: DecisionAction;
}

/** What the assertions are checked against. */
export interface Run {
  readonly origin: number;
  /** The horizon: the bound of `never` without `by`. */
  readonly until: number;
  /** Up to when the outcome is known (before `until` when the step limit cut the run). */
  readonly end: number;
  /** The run stopped early (step limit): nothing is known after `end`. */
  readonly cut: boolean;
  readonly actions: readonly DueAction[];
  /** One per evaluation, in order. */
  readonly states: readonly StateAt[];
}

function matchesAction(action: DecisionAction, matcher: ActionMatcher): boolean {
  const payload = action.payload;
  if (matcher.kind !== undefined && action.kind !== matcher.kind) return false;
  if (matcher.ruleId !== undefined && action.ruleId !== matcher.ruleId) return false;
  if (matcher.target !== undefined && !action.targets.includes(matcher.target)) return false;
  if (matcher.audience !== undefined && payload.audience !== matcher.audience) return false;
  if (matcher.gate !== undefined && payload.gate !== matcher.gate) return false;
  if (matcher.role !== undefined) {
    const roles = payload.roles;
    if (payload.role !== matcher.role && !(Array.isArray(roles) && roles.includes(matcher.role)))
      return false;
  }
  return true;
}

function holds(state: StateAt, check: Exclude<Check, { type: 'action' }>): boolean {
  switch (check.type) {
    case 'severity':
      return state.severity === check.severity;
    case 'clock': {
      const found = state.clocks.get(check.clock.metric);
      return found !== undefined && (check.clock.state === undefined || found === check.clock.state);
    }
    case 'approval': {
      const found = state.approvals.get(check.approval.gate);
      return check.approval.status === undefined ? found !== 'not_required' : found === check.approval.status;
    }
    default:
      return assertNever(check);
  }
}

/** An action check in words: "`page` action for `incident-commander`". */
function describeAction(m: ActionMatcher): string {
  const parts = [
    m.role === undefined ? '' : ` for ${quote(m.role)}`,
    m.target === undefined ? '' : ` targeting ${quote(m.target)}`,
    m.audience === undefined ? '' : ` to the ${m.audience} audience`,
    m.gate === undefined ? '' : ` for gate ${quote(m.gate)}`,
    m.ruleId === undefined ? '' : ` of rule ${quote(m.ruleId)}`,
  ];
  return `${m.kind === undefined ? '' : `${quote(m.kind)} `}action${parts.join('')}`;
}

/** A state check as a subject and the value it must have: "the `acknowledge` clock", "`met`". */
function describeState(check: Exclude<Check, { type: 'action' }>): readonly [string, string] {
  switch (check.type) {
    case 'severity':
      return ['the severity', quote(check.severity)];
    case 'clock':
      return [
        `the ${quote(check.clock.metric)} clock`,
        check.clock.state === undefined ? 'started' : quote(check.clock.state),
      ];
    case 'approval':
      return [
        `gate ${quote(check.approval.gate)}`,
        check.approval.status === undefined ? 'required' : quote(check.approval.status),
      ];
    default:
      return assertNever(check);
  }
}

/** Why a state check does not hold in `state`, at `when`. */
function mismatch(state: StateAt, check: Exclude<Check, { type: 'action' }>, when: string): string {
  const [subject, value] = describeState(check);
  switch (check.type) {
    case 'severity':
      return `${subject} is ${quote(state.severity)} at ${when}, not ${value}`;
    case 'clock': {
      const clock = state.clocks.get(check.clock.metric);
      return clock === undefined
        ? `${subject} has not started at ${when}`
        : `${subject} is ${quote(clock)} at ${when}, not ${value}`;
    }
    case 'approval':
      return `${subject} is ${quote(state.approvals.get(check.approval.gate) ?? 'not_required')} at ${when}, not ${value}`;
    default:
      return assertNever(check);
  }
}

/** The states observed at an instant: the state of the latest evaluation at or before it. */
function stateAt(states: readonly StateAt[], at: number): StateAt | undefined {
  let found: StateAt | undefined;
  for (const state of states) {
    if (state.at > at) break;
    found = state;
  }
  return found;
}

/**
 * Checks each assertion against a run, in order.
 *
 * @internal
 */
export function checkAssertions(expect: readonly ReadAssertion[], run: Run): AssertionResult[] {
  const when = (at: number): string => `${formatOffset(at - run.origin)} (${isoString(at)})`;
  const cutAt = `the run stopped at ${when(run.end)} (step limit)`;
  return expect.map(({ assertion, mode, at, check }) => {
    const result = (passed: boolean, detail: string, decidedAt: number | undefined): AssertionResult => ({
      assertion,
      passed,
      detail,
      at: decidedAt === undefined ? null : isoString(decidedAt),
    });
    const bound = at ?? run.until;
    const unknown = run.cut && bound > run.end;

    if (check.type === 'action') {
      const what = describeAction(check.action);
      const matching = run.actions.filter((due) => matchesAction(due.action, check.action));
      const describeDue = (due: DueAction): string =>
        `${quote(due.action.kind)} ${quote(due.action.key)} (rule ${quote(due.action.ruleId)}) came due at ${when(due.at)}`;
      const first = matching[0];
      switch (mode) {
        case 'by':
          if (first !== undefined && first.at <= bound) return result(true, describeDue(first), first.at);
          if (unknown) return result(false, `no ${what} came due before ${cutAt}`, undefined);
          return result(
            false,
            `no ${what} came due by ${when(bound)}${first === undefined ? '' : `; the first came due at ${when(first.at)}`}`,
            undefined,
          );
        case 'at': {
          const exact = matching.find((due) => due.at === bound);
          if (exact !== undefined) return result(true, describeDue(exact), exact.at);
          if (unknown) return result(false, `${cutAt}, before ${when(bound)}`, undefined);
          const instants = [...new Set(matching.map((due) => formatOffset(due.at - run.origin)))];
          const others = instants.slice(0, 3).join(', ') + (instants.length > 3 ? ', …' : '');
          return result(
            false,
            `no ${what} came due at ${when(bound)}${others === '' ? '' : `; matching ones came due at ${others}`}`,
            undefined,
          );
        }
        case 'never':
          if (first !== undefined && first.at <= bound) return result(false, describeDue(first), first.at);
          if (unknown) return result(false, `${cutAt}: what came after is unknown`, undefined);
          return result(true, `no ${what} came due by ${when(bound)}`, undefined);
        default:
          return assertNever(mode);
      }
    }

    const [subject, value] = describeState(check);
    switch (mode) {
      case 'at': {
        const state = stateAt(run.states, bound);
        if (unknown || state === undefined)
          return result(false, `${cutAt}, before ${when(bound)}`, undefined);
        return holds(state, check)
          ? result(true, `${subject} is ${value} at ${when(bound)}`, bound)
          : result(false, mismatch(state, check, when(bound)), bound);
      }
      case 'by': {
        const match = run.states.find((state) => state.at <= bound && holds(state, check));
        if (match !== undefined)
          return result(true, `${subject} was ${value} at ${when(match.at)}`, match.at);
        if (unknown) return result(false, `${subject} was not ${value} before ${cutAt}`, undefined);
        return result(false, `${subject} was not ${value} by ${when(bound)}`, undefined);
      }
      case 'never': {
        const match = run.states.find((state) => state.at <= bound && holds(state, check));
        if (match !== undefined)
          return result(false, `${subject} was ${value} at ${when(match.at)}`, match.at);
        if (unknown) return result(false, `${cutAt}: what came after is unknown`, undefined);
        return result(true, `${subject} was never ${value} by ${when(bound)}`, undefined);
      }
      default:
        return assertNever(mode);
    }
  });
}
