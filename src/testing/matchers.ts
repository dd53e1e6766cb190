import type { ApprovalDecision, Clock, Decision, Instant, MetricName } from '../index.js';
import {
  actionMatches,
  describeActions,
  describeExpectation,
  type ActionExpectation,
} from './action-match.js';
import { toIso } from './instant.js';

/** What a matcher returns: the shape vitest's and jest's `expect.extend` expect. */
export interface MatcherResult {
  /** Whether the decision has what was asked. */
  readonly pass: boolean;
  /** The failure message (of the assertion, or of its `.not` form when `pass` is true). */
  readonly message: () => string;
  /** What the decision has, for the diff. */
  readonly actual?: unknown;
  /** What was asked, for the diff. */
  readonly expected?: unknown;
}

/** Where a decision should route a ticket: the queue and the owner role (each optional). */
export interface RouteExpectation {
  /** The queue id (`routing.queue`). */
  readonly queue?: string | undefined;
  /** The owner's role id (`routing.owner.role`: the primary, or the secondary when nobody of the primary can take it). */
  readonly owner?: string | undefined;
}

/** The status of an approval gate in a decision. */
export type ApprovalStatus = ApprovalDecision['status'];

/**
 * The matchers as plain functions of the received decision: pass the object to vitest's or
 * jest's `expect.extend`.
 */
export type EscalationMatcherFunctions = {
  /** The effective severity is `id`. */
  readonly toHaveSeverity: (received: unknown, id: string) => MatcherResult;
  /** The ticket goes to the queue (and the owner role). */
  readonly toRouteTo: (received: unknown, expected: string | RouteExpectation) => MatcherResult;
  /** The metric's clock has breached (at the instant, when given). */
  readonly toBreach: (received: unknown, metric: MetricName, at?: Instant) => MatcherResult;
  /** The gate is required (any status but `not_required`), or has the status given. */
  readonly toRequireApproval: (received: unknown, gate: string, status?: ApprovalStatus) => MatcherResult;
  /** A due action has everything the expectation asks for. */
  readonly toEmitAction: (received: unknown, expected: ActionExpectation) => MatcherResult;
};

/**
 * The matchers as test frameworks declare them, for the type augmentation (see
 * docs/policy-tests.md): `interface Matchers<T> extends EscalationMatchers<T> {}` inside
 * `declare module 'vitest'`.
 */
export interface EscalationMatchers<R = unknown> {
  /** Asserts the decision's effective severity. */
  toHaveSeverity(id: string): R;
  /** Asserts the decision's queue, or queue and owner role. */
  toRouteTo(expected: string | RouteExpectation): R;
  /** Asserts that the metric's clock breached (at `at`, when given). */
  toBreach(metric: MetricName, at?: Instant): R;
  /** Asserts that the gate is required, or has the status given. */
  toRequireApproval(gate: string, status?: ApprovalStatus): R;
  /** Asserts that a due action matches the expectation. */
  toEmitAction(expected: ActionExpectation): R;
}

function isDecision(value: unknown): value is Decision {
  if (value === null || typeof value !== 'object') return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d.severity === 'object' &&
    d.severity !== null &&
    typeof d.routing === 'object' &&
    d.routing !== null &&
    Array.isArray(d.clocks) &&
    Array.isArray(d.actions) &&
    Array.isArray(d.approvals)
  );
}

function decisionOf(name: string, received: unknown): Decision {
  if (isDecision(received)) return received;
  const what = received === null ? 'null' : Array.isArray(received) ? 'an array' : typeof received;
  throw new TypeError(`${name}: expected a decision from \`evaluate\`, received ${what}`);
}

const tick = (value: unknown): string => `\`${String(value)}\``;

function result(
  pass: boolean,
  positive: string,
  negative: string,
  actual: unknown,
  expected: unknown,
): MatcherResult {
  return { pass, message: () => (pass ? negative : positive), actual, expected };
}

function toHaveSeverity(received: unknown, id: string): MatcherResult {
  const decision = decisionOf('toHaveSeverity', received);
  const found = decision.severity;
  const why = found.ruleId === undefined ? `source \`${found.source}\`` : `rule \`${found.ruleId}\``;
  return result(
    found.id === id,
    `expected severity ${tick(id)}, found ${tick(found.id)} (${why}: ${found.reason})`,
    `expected a severity other than ${tick(id)} (${why}: ${found.reason})`,
    found.id,
    id,
  );
}

function toRouteTo(received: unknown, expected: string | RouteExpectation): MatcherResult {
  const decision = decisionOf('toRouteTo', received);
  const want: RouteExpectation = typeof expected === 'string' ? { queue: expected } : expected;
  const { routing } = decision;
  const actual = { queue: routing.queue, owner: routing.owner.role };
  const pass =
    (want.queue === undefined || routing.queue === want.queue) &&
    (want.owner === undefined || routing.owner.role === want.owner);
  const wanted = [
    want.queue === undefined ? undefined : `queue ${tick(want.queue)}`,
    want.owner === undefined ? undefined : `owner ${tick(want.owner)}`,
  ]
    .filter((part) => part !== undefined)
    .join(' and ');
  const found = `queue ${tick(routing.queue)} with owner ${tick(routing.owner.role)} (${routing.reason})`;
  return result(
    pass,
    `expected routing to ${wanted}, found ${found}`,
    `expected routing not to ${wanted}, found ${found}`,
    actual,
    want,
  );
}

function describeClock(clock: Clock): string {
  return `it ${tick(clock.state)} with deadline ${clock.deadline === null ? 'none' : tick(clock.deadline)}`;
}

function toBreach(received: unknown, metric: MetricName, at?: Instant): MatcherResult {
  const decision = decisionOf('toBreach', received);
  const atIso = at === undefined ? undefined : toIso(at);
  if (at !== undefined && atIso === undefined)
    throw new TypeError('toBreach: `at` must be an ISO string with an offset, epoch milliseconds or a Date');
  const clock = decision.clocks.find((c) => c.metric === metric);
  const wanted = `the \`${metric}\` clock to breach${atIso === undefined ? '' : ` at ${tick(atIso)}`}`;
  if (clock === undefined) {
    const metrics = decision.clocks.map((c) => tick(c.metric)).join(', ') || 'none';
    return result(
      false,
      `expected ${wanted}, found no \`${metric}\` clock (clocks: ${metrics})`,
      '',
      null,
      atIso ?? 'breached',
    );
  }
  const pass = clock.breachedAt !== null && (atIso === undefined || clock.breachedAt === atIso);
  const found = clock.breachedAt === null ? describeClock(clock) : `it breached at ${tick(clock.breachedAt)}`;
  return result(
    pass,
    `expected ${wanted}, found ${found}`,
    `expected ${wanted.replace(' to breach', ' not to breach')}, found ${found}`,
    clock.breachedAt,
    atIso ?? 'breached',
  );
}

function toRequireApproval(received: unknown, gate: string, status?: ApprovalStatus): MatcherResult {
  const decision = decisionOf('toRequireApproval', received);
  const found = decision.approvals.find((a) => a.gate === gate);
  const wanted =
    status === undefined ? `gate ${tick(gate)} to be required` : `gate ${tick(gate)} to be ${tick(status)}`;
  if (found === undefined) {
    const gates = decision.approvals.map((a) => tick(a.gate)).join(', ') || 'none';
    return result(
      false,
      `expected ${wanted}, found no such gate (gates: ${gates})`,
      '',
      undefined,
      status ?? 'required',
    );
  }
  const pass = status === undefined ? found.status !== 'not_required' : found.status === status;
  const detail = `${tick(found.status)} (${found.reason})`;
  return result(
    pass,
    `expected ${wanted}, found ${detail}`,
    `expected ${wanted.replace(' to be ', ' not to be ')}, found ${detail}`,
    found.status,
    status ?? 'required',
  );
}

function toEmitAction(received: unknown, expected: ActionExpectation): MatcherResult {
  const decision = decisionOf('toEmitAction', received);
  const matching = decision.actions.filter((action) => actionMatches(action, expected));
  const withheld = decision.withheld.filter((action) => actionMatches(action, expected));
  const wanted = describeExpectation(expected);
  const held =
    withheld.length === 0
      ? ''
      : `; ${String(withheld.length)} matching withheld by gate ${withheld.map((w) => tick(w.gate)).join(', ')}`;
  return result(
    matching.length > 0,
    `expected a due action: ${wanted}; found ${describeActions(decision.actions)}${held}`,
    `expected no due action: ${wanted}; found ${describeActions(matching)}`,
    decision.actions.map((action) => ({
      kind: action.kind,
      ruleId: action.ruleId,
      targets: action.targets,
      payload: action.payload,
    })),
    expected,
  );
}

/**
 * Matchers for decisions, as plain functions (no test framework is imported): register them
 * with `expect.extend(escalationMatchers)` in vitest or jest. Failure messages name what the
 * decision has instead.
 *
 * @example
 * ```ts
 * import { expect } from 'vitest';
 * import { escalationMatchers } from 'escalation-engine/testing';
 * expect.extend(escalationMatchers);
 *
 * expect(decision).toHaveSeverity('sev1');
 * expect(decision).toRouteTo({ queue: 'payments', owner: 'payments-oncall' });
 * expect(decision).toBreach('firstResponse', '2026-03-09T14:15:00Z');
 * expect(decision).toRequireApproval('executive-comms', 'pending');
 * expect(decision).toEmitAction({ kind: 'page', role: 'incident-commander' });
 * ```
 */
export const escalationMatchers: EscalationMatcherFunctions = {
  toHaveSeverity,
  toRouteTo,
  toBreach,
  toRequireApproval,
  toEmitAction,
};
