import {
  evaluate,
  formatPath,
  type ActionKind,
  type Decision,
  type EvaluationContext,
  type Instant,
  type MetricName,
  type Policy,
} from '../index.js';
import {
  ACTION_EXPECTATION_KEYS,
  actionMatches,
  describeActions,
  describeExpectation,
  type ActionExpectation,
} from './action-match.js';
import { instantMs, toIso } from './instant.js';
import type { ApprovalStatus } from './matchers.js';

/** What a case expects of a clock; `null` in {@link PolicyTestExpectation.clocks} expects no clock. */
export interface ClockExpectation {
  /** The clock's state now. */
  readonly state?: 'running' | 'paused' | 'met' | 'breached' | 'stopped' | undefined;
  /** The deadline (an instant), or `null` (paused, or a calendar that never opens). */
  readonly deadline?: Instant | null | undefined;
  /** When it breached (an instant), or `null` (it has not). */
  readonly breachedAt?: Instant | null | undefined;
}

/** What a case expects of the decision; every field is optional and checks one thing. */
export interface PolicyTestExpectation {
  /** `ok`, or `degraded` when the ticket had errors. */
  readonly status?: 'ok' | 'degraded' | undefined;
  /** The effective severity id. */
  readonly severity?: string | undefined;
  /** The queue id. */
  readonly queue?: string | undefined;
  /** The owner's role id (`routing.owner.role`). */
  readonly owner?: string | undefined;
  /** Actions that must each match at least one due action. */
  readonly actions?: readonly ActionExpectation[] | undefined;
  /** Actions that must match no due action. */
  readonly notActions?: readonly ActionExpectation[] | undefined;
  /** Gate statuses by gate id (`not_required`, `pending`, `granted`, `rejected`, `expired`). */
  readonly approvals?: Readonly<Record<string, ApprovalStatus>> | undefined;
  /** Clock expectations by metric; `null` expects the clock not to have started. */
  readonly clocks?: Readonly<Partial<Record<MetricName, ClockExpectation | null>>> | undefined;
  /** The next evaluation instant, or `null` when nothing is scheduled. */
  readonly nextEvaluationAt?: Instant | null | undefined;
}

/** One policy test case: a ticket, an instant and what the decision must show. */
export interface PolicyTestCase {
  /** A unique name, shown in reports. */
  readonly name: string;
  /** Why the case exists, for people. */
  readonly description?: string | undefined;
  /** The ticket snapshot (any JSON value: bad tickets give degraded decisions, which cases can expect). */
  readonly ticket: unknown;
  /** The evaluation instant: an ISO string with an offset, or epoch milliseconds. */
  readonly now: Instant;
  /** Who is unavailable or overloaded (replaces the options' `context`). */
  readonly context?: EvaluationContext | undefined;
  /** What the decision must show. */
  readonly expect: PolicyTestExpectation;
}

/** A case file: the cases, or `{ description?, cases }`. */
export type PolicyTestFile =
  | readonly PolicyTestCase[]
  | {
      readonly $schema?: string | undefined;
      readonly description?: string | undefined;
      readonly cases: readonly PolicyTestCase[];
    };

/** Options of {@link runPolicyTests}. */
export interface RunPolicyTestsOptions {
  /** The context of every case that does not give its own. */
  readonly context?: EvaluationContext | undefined;
}

/** One unmet expectation, or one problem with the shape of a case. */
export interface PolicyTestFailure {
  /** Where, inside the case (`["expect", "actions", 0]`); `[]` for the case itself. */
  readonly path: readonly (string | number)[];
  /** What the case expects (or the shape it should have). */
  readonly expected: unknown;
  /** What the decision has (or what the case has). */
  readonly actual: unknown;
  /** The failure in words, one line. */
  readonly message: string;
}

/** The outcome of one case. */
export interface PolicyTestResult {
  /** The case's name (`#<index>` when it has none). */
  readonly name: string;
  /** Its place in the list; `null` for a problem with the list itself. */
  readonly index: number | null;
  /** Whether every expectation held. */
  readonly passed: boolean;
  /** What did not hold: shape problems, else status, severity, queue, owner, actions, notActions, approvals, clocks, nextEvaluationAt. */
  readonly failures: readonly PolicyTestFailure[];
}

/** How often each rule of a kind was exercised, by id, in policy order. */
export interface CoverageCounts {
  /** Classification rules that matched. */
  readonly classification: Readonly<Record<string, number>>;
  /** Queues that received the ticket. */
  readonly queues: Readonly<Record<string, number>>;
  /** SLA targets that applied. */
  readonly targets: Readonly<Record<string, number>>;
  /** Escalation rules with a due (or withheld) action. */
  readonly escalation: Readonly<Record<string, number>>;
  /** Approval gates that were required (any status but `not_required`). */
  readonly gates: Readonly<Record<string, number>>;
}

/** The ids of each kind that no case exercised, in policy order. */
export interface UncoveredRules {
  /** Classification rules no case matched. */
  readonly classification: readonly string[];
  /** Queues no ticket was routed to. */
  readonly queues: readonly string[];
  /** SLA targets that never applied. */
  readonly targets: readonly string[];
  /** Escalation rules with no due action in any case. */
  readonly escalation: readonly string[];
  /** Gates no case required. */
  readonly gates: readonly string[];
}

/** Which rules the cases exercised (like `opa test --coverage`). */
export interface PolicyCoverage {
  /** The number of cases that exercised each rule. */
  readonly rules: CoverageCounts;
  /** The rules no case exercised. */
  readonly uncovered: UncoveredRules;
  /** Rules exercised by at least one case. */
  readonly covered: number;
  /** Rules of the policy (all five kinds). */
  readonly total: number;
  /** `covered / total` in percent, one decimal (100 for a policy without rules). */
  readonly percent: number;
}

/** The outcome of {@link runPolicyTests}. */
export interface PolicyTestReport {
  /** Cases whose expectations all held. */
  readonly passed: number;
  /** Cases that failed (bad cases included). */
  readonly failed: number;
  /** Every case, in order. */
  readonly results: readonly PolicyTestResult[];
  /** Which rules the evaluated cases exercised. */
  readonly coverage: PolicyCoverage;
}

type Path = readonly (string | number)[];
type Failures = PolicyTestFailure[];
type Kind = keyof CoverageCounts;
const KINDS: readonly Kind[] = ['classification', 'queues', 'targets', 'escalation', 'gates'];

const CASE_KEYS = ['name', 'description', 'ticket', 'now', 'context', 'expect'];
const EXPECT_KEYS = [
  'status',
  'severity',
  'queue',
  'owner',
  'actions',
  'notActions',
  'approvals',
  'clocks',
  'nextEvaluationAt',
];
const CLOCK_KEYS = ['state', 'deadline', 'breachedAt'];
const METRICS: readonly string[] = [
  'acknowledge',
  'firstResponse',
  'nextResponse',
  'periodicUpdate',
  'resolution',
];
const CLOCK_STATES: readonly string[] = ['running', 'paused', 'met', 'breached', 'stopped'];
const GATE_STATUSES: readonly string[] = ['not_required', 'pending', 'granted', 'rejected', 'expired'];
const ACTION_KINDS: readonly ActionKind[] = [
  'notify',
  'page',
  'transferOwnership',
  'escalateTo',
  'requestApproval',
  'sendUpdate',
];
const ISO = 'an ISO instant with an offset, or epoch milliseconds';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A value for a report: primitives as they are, containers by kind (cases can be large). */
function shown(value: unknown): unknown {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value !== 'object') return value;
  return Array.isArray(value) ? 'an array' : 'an object';
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `\`${JSON.stringify(value)}\``;
  if (typeof value === 'number' || typeof value === 'boolean') return `\`${String(value)}\``;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function fail(out: Failures, path: Path, expected: unknown, actual: unknown, message: string): void {
  out.push({ path, expected, actual, message });
}

function shapeFail(out: Failures, path: Path, expected: string, value: unknown): void {
  fail(out, path, expected, shown(value), `expected ${expected}, found ${kindOf(value)}`);
}

function unknownKeys(
  out: Failures,
  value: Record<string, unknown>,
  allowed: readonly string[],
  path: Path,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      fail(
        out,
        [...path, key],
        allowed,
        key,
        `unknown key \`${key}\`: expected one of ${allowed.map((k) => `\`${k}\``).join(', ')}`,
      );
  }
}

function checkString(out: Failures, value: unknown, path: Path, allowed?: readonly string[]): void {
  if (typeof value !== 'string' || value === '') shapeFail(out, path, 'a non-empty string', value);
  else if (allowed !== undefined && !allowed.includes(value))
    fail(
      out,
      path,
      allowed,
      value,
      `expected one of ${allowed.map((k) => `\`${k}\``).join(', ')}, found ${kindOf(value)}`,
    );
}

function checkInstant(out: Failures, value: unknown, path: Path, nullable: boolean): void {
  if (nullable && value === null) return;
  if ((typeof value === 'string' || typeof value === 'number') && instantMs(value) !== undefined) return;
  shapeFail(out, path, nullable ? `${ISO}, or null` : ISO, value);
}

function checkStrings(out: Failures, value: unknown, path: Path): void {
  if (!Array.isArray(value)) {
    shapeFail(out, path, 'a list of strings', value);
    return;
  }
  for (const [i, item] of value.entries())
    if (typeof item !== 'string') shapeFail(out, [...path, i], 'a string', item);
}

function checkActionList(out: Failures, value: unknown, path: Path): void {
  if (!Array.isArray(value)) {
    shapeFail(out, path, 'a list of action expectations', value);
    return;
  }
  for (const [i, item] of value.entries()) {
    const at = [...path, i];
    if (!isRecord(item)) {
      shapeFail(
        out,
        at,
        'an action expectation (`{ kind?, ruleId?, target?, role?, queue?, gate?, audience?, dueAt? }`)',
        item,
      );
      continue;
    }
    unknownKeys(out, item, ACTION_EXPECTATION_KEYS, at);
    for (const key of ACTION_EXPECTATION_KEYS) {
      if (!(key in item)) continue;
      if (key === 'dueAt') checkInstant(out, item[key], [...at, key], false);
      else checkString(out, item[key], [...at, key], key === 'kind' ? ACTION_KINDS : undefined);
    }
  }
}

function checkExpect(out: Failures, value: unknown, path: Path): void {
  if (!isRecord(value)) {
    shapeFail(out, path, 'an object of expectations', value);
    return;
  }
  unknownKeys(out, value, EXPECT_KEYS, path);
  if ('status' in value) checkString(out, value.status, [...path, 'status'], ['ok', 'degraded']);
  for (const key of ['severity', 'queue', 'owner'] as const)
    if (key in value) checkString(out, value[key], [...path, key]);
  if ('actions' in value) checkActionList(out, value.actions, [...path, 'actions']);
  if ('notActions' in value) checkActionList(out, value.notActions, [...path, 'notActions']);
  if ('approvals' in value) {
    const approvals = value.approvals;
    if (!isRecord(approvals))
      shapeFail(out, [...path, 'approvals'], 'an object of gate statuses by gate id', approvals);
    else
      for (const [gate, status] of Object.entries(approvals))
        checkString(out, status, [...path, 'approvals', gate], GATE_STATUSES);
  }
  if ('clocks' in value) {
    const clocks = value.clocks;
    if (!isRecord(clocks))
      shapeFail(out, [...path, 'clocks'], 'an object of clock expectations by metric', clocks);
    else {
      for (const [metric, clock] of Object.entries(clocks)) {
        const at = [...path, 'clocks', metric];
        if (!METRICS.includes(metric)) {
          fail(
            out,
            at,
            METRICS,
            metric,
            `unknown metric \`${metric}\`: expected one of ${METRICS.map((m) => `\`${m}\``).join(', ')}`,
          );
          continue;
        }
        if (clock === null) continue;
        if (!isRecord(clock)) {
          shapeFail(out, at, 'a clock expectation (`{ state?, deadline?, breachedAt? }`), or null', clock);
          continue;
        }
        unknownKeys(out, clock, CLOCK_KEYS, at);
        if ('state' in clock) checkString(out, clock.state, [...at, 'state'], CLOCK_STATES);
        if ('deadline' in clock) checkInstant(out, clock.deadline, [...at, 'deadline'], true);
        if ('breachedAt' in clock) checkInstant(out, clock.breachedAt, [...at, 'breachedAt'], true);
      }
    }
  }
  if ('nextEvaluationAt' in value)
    checkInstant(out, value.nextEvaluationAt, [...path, 'nextEvaluationAt'], true);
}

/** Problems with the shape of a case, each with its path. */
function checkCase(value: unknown): Failures {
  const out: Failures = [];
  if (!isRecord(value)) {
    shapeFail(out, [], 'a case object (`{ name, ticket, now, expect }`)', value);
    return out;
  }
  unknownKeys(out, value, CASE_KEYS, []);
  checkString(out, value.name, ['name']);
  if ('description' in value && typeof value.description !== 'string')
    shapeFail(out, ['description'], 'a string', value.description);
  if (!('ticket' in value)) fail(out, ['ticket'], 'a ticket', 'nothing', 'missing key `ticket`');
  if (!('now' in value)) fail(out, ['now'], ISO, 'nothing', 'missing key `now`');
  else checkInstant(out, value.now, ['now'], false);
  if ('context' in value) {
    const context = value.context;
    if (!isRecord(context))
      shapeFail(out, ['context'], 'an object (`{ unavailable?, overloaded? }`)', context);
    else {
      unknownKeys(out, context, ['unavailable', 'overloaded'], ['context']);
      for (const key of ['unavailable', 'overloaded'] as const)
        if (key in context) checkStrings(out, context[key], ['context', key]);
    }
  }
  if (!('expect' in value))
    fail(out, ['expect'], 'an object of expectations', 'nothing', 'missing key `expect`');
  else checkExpect(out, value.expect, ['expect']);
  return out;
}

const quoteId = (value: unknown): string => `\`${String(value)}\``;

function compare(
  out: Failures,
  path: Path,
  expected: unknown,
  actual: unknown,
  what: string,
  why = '',
): void {
  if (expected === actual) return;
  fail(
    out,
    path,
    expected,
    actual,
    `expected ${what} ${quoteId(expected)}, found ${actual === null ? 'none' : quoteId(actual)}${why}`,
  );
}

function compareInstant(
  out: Failures,
  path: Path,
  expected: Instant | null,
  actual: string | null,
  what: string,
): void {
  const want = expected === null ? null : (toIso(expected) ?? String(expected));
  if (want === actual) return;
  fail(
    out,
    path,
    want,
    actual,
    `expected ${what} ${want === null ? 'none' : quoteId(want)}, found ${actual === null ? 'none' : quoteId(actual)}`,
  );
}

function compactActions(decision: Decision): unknown[] {
  return decision.actions.map((action) => ({
    kind: action.kind,
    ruleId: action.ruleId,
    dueAt: action.dueAt,
    targets: action.targets,
  }));
}

/** Every expectation of a (well-formed) case against its decision. */
function checkDecision(decision: Decision, expected: PolicyTestExpectation): Failures {
  const out: Failures = [];
  const at = (...keys: (string | number)[]): Path => ['expect', ...keys];
  if (expected.status !== undefined) {
    const codes = decision.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.code);
    compare(
      out,
      at('status'),
      expected.status,
      decision.status,
      'status',
      codes.length > 0 ? ` (errors: ${codes.map(quoteId).join(', ')})` : '',
    );
  }
  if (expected.severity !== undefined) {
    const s = decision.severity;
    const why = s.ruleId === undefined ? `source \`${s.source}\`` : `rule \`${s.ruleId}\``;
    compare(out, at('severity'), expected.severity, s.id, 'severity', ` (${why}: ${s.reason})`);
  }
  if (expected.queue !== undefined)
    compare(
      out,
      at('queue'),
      expected.queue,
      decision.routing.queue,
      'queue',
      ` (${decision.routing.reason})`,
    );
  if (expected.owner !== undefined)
    compare(
      out,
      at('owner'),
      expected.owner,
      decision.routing.owner.role,
      'owner role',
      ` (queue \`${decision.routing.queue}\`)`,
    );
  for (const [i, action] of (expected.actions ?? []).entries()) {
    if (decision.actions.some((found) => actionMatches(found, action))) continue;
    const withheld = decision.withheld.filter((found) => actionMatches(found, action));
    const held =
      withheld.length === 0 ? '' : `; withheld by gate ${withheld.map((w) => quoteId(w.gate)).join(', ')}`;
    fail(
      out,
      at('actions', i),
      action,
      compactActions(decision),
      `expected a due action: ${describeExpectation(action)}; found ${describeActions(decision.actions)}${held}`,
    );
  }
  for (const [i, action] of (expected.notActions ?? []).entries()) {
    const matching = decision.actions.filter((found) => actionMatches(found, action));
    if (matching.length === 0) continue;
    fail(
      out,
      at('notActions', i),
      action,
      matching.map((m) => ({ kind: m.kind, ruleId: m.ruleId, dueAt: m.dueAt, targets: m.targets })),
      `expected no due action: ${describeExpectation(action)}; found ${describeActions(matching)}`,
    );
  }
  for (const [gate, status] of Object.entries(expected.approvals ?? {})) {
    const found = decision.approvals.find((approval) => approval.gate === gate);
    if (found === undefined) {
      fail(
        out,
        at('approvals', gate),
        status,
        null,
        `unknown gate \`${gate}\`: the decision has ${decision.approvals.map((a) => quoteId(a.gate)).join(', ') || 'no gates'}`,
      );
      continue;
    }
    compare(out, at('approvals', gate), status, found.status, `gate \`${gate}\` to be`, ` (${found.reason})`);
  }
  for (const [metric, clockExpectation] of Object.entries(expected.clocks ?? {})) {
    const clock = decision.clocks.find((c) => c.metric === metric);
    if (clockExpectation === null) {
      if (clock !== undefined)
        fail(
          out,
          at('clocks', metric),
          null,
          clock.state,
          `expected no \`${metric}\` clock, found one ${quoteId(clock.state)} (target \`${clock.targetId}\`)`,
        );
      continue;
    }
    if (clock === undefined) {
      fail(
        out,
        at('clocks', metric),
        clockExpectation,
        null,
        `expected a \`${metric}\` clock, found none (clocks: ${decision.clocks.map((c) => quoteId(c.metric)).join(', ') || 'none'})`,
      );
      continue;
    }
    if (clockExpectation.state !== undefined)
      compare(
        out,
        at('clocks', metric, 'state'),
        clockExpectation.state,
        clock.state,
        `the \`${metric}\` clock to be`,
      );
    if (clockExpectation.deadline !== undefined)
      compareInstant(
        out,
        at('clocks', metric, 'deadline'),
        clockExpectation.deadline,
        clock.deadline,
        `\`${metric}\` deadline`,
      );
    if (clockExpectation.breachedAt !== undefined)
      compareInstant(
        out,
        at('clocks', metric, 'breachedAt'),
        clockExpectation.breachedAt,
        clock.breachedAt,
        `\`${metric}\` breach at`,
      );
  }
  if (expected.nextEvaluationAt !== undefined)
    compareInstant(
      out,
      at('nextEvaluationAt'),
      expected.nextEvaluationAt,
      decision.nextEvaluationAt,
      'the next evaluation at',
    );
  return out;
}

/** The ids each evaluated decision exercised, by kind. */
function exercised(decision: Decision, escalationIds: ReadonlySet<string>): Record<Kind, Set<string>> {
  const out: Record<Kind, Set<string>> = {
    classification: new Set(),
    queues: new Set([decision.routing.queue]),
    targets: new Set(),
    escalation: new Set(),
    gates: new Set(),
  };
  for (const entry of decision.trace ?? []) {
    if (entry.outcome !== 'matched') continue;
    if (entry.step === 'classification') out.classification.add(entry.id);
    else if (entry.step === 'routing') out.queues.add(entry.id);
    else if (entry.step === 'target') out.targets.add(entry.id);
  }
  for (const clock of decision.clocks) out.targets.add(clock.targetId);
  for (const action of decision.actions) {
    // A gate's timeout request names the gate, not an escalation rule.
    if (escalationIds.has(action.ruleId) && action.payload.escalated !== true)
      out.escalation.add(action.ruleId);
  }
  for (const action of decision.withheld)
    if (escalationIds.has(action.ruleId)) out.escalation.add(action.ruleId);
  for (const approval of decision.approvals)
    if (approval.status !== 'not_required') out.gates.add(approval.gate);
  return out;
}

function policyIds(policy: Policy): Record<Kind, readonly string[]> {
  const doc = policy.definition;
  return {
    classification: doc.classification.rules.map((rule) => rule.id),
    queues: doc.routing.queues.map((queue) => queue.id),
    targets: doc.sla.targets.map((target) => target.id),
    escalation: (doc.escalation?.rules ?? []).map((rule) => rule.id),
    gates: (doc.approvals?.gates ?? []).map((gate) => gate.id),
  };
}

function isPolicy(value: unknown): value is Policy {
  return isRecord(value) && isRecord(value.definition) && typeof value.id === 'string';
}

/** The cases of a file (a list, or `{ cases }`), or the problems with it. */
function casesOf(input: unknown): { cases: readonly unknown[]; failures: Failures } {
  const failures: Failures = [];
  if (Array.isArray(input)) return { cases: input, failures };
  if (!isRecord(input)) {
    shapeFail(failures, [], 'a list of cases, or `{ description?, cases }`', input);
    return { cases: [], failures };
  }
  unknownKeys(failures, input, ['$schema', 'description', 'cases'], []);
  if (!Array.isArray(input.cases)) {
    shapeFail(failures, ['cases'], 'a list of cases', input.cases);
    return { cases: [], failures };
  }
  return { cases: input.cases, failures };
}

/**
 * Runs policy test cases (plain JSON, e.g. parsed from a YAML or JSON file) against a
 * policy: evaluates each ticket at its `now` and checks every expectation, and reports which
 * classification rules, queues, SLA targets, escalation rules and gates no case exercised
 * (like `opa test --coverage`). A case that is not well formed (not an object, a missing
 * `now`, an unknown key, a misspelt metric) fails with the path of each problem; nothing is
 * thrown for bad cases. Deterministic: the same policy and cases give the same report.
 *
 * @param policy - A compiled policy.
 * @param cases - The cases ({@link PolicyTestFile}): a list, or `{ description?, cases }` as in a case file; any value is checked.
 * @param options - A default evaluation context.
 * @returns Counts, a result per case with its failures, and rule coverage.
 * @throws TypeError when `policy` did not come from `compilePolicy`.
 * @example
 * ```ts
 * const report = runPolicyTests(policy, [
 *   { name: 'outage is sev1', ticket, now: '2026-03-09T15:00:00Z',
 *     expect: { severity: 'sev1', actions: [{ kind: 'page', role: 'owner' }] } },
 * ]);
 * report.failed //=> 0
 * report.coverage.uncovered.escalation //=> ['reopened', ...]
 * ```
 */
export function runPolicyTests(
  policy: Policy,
  cases: unknown,
  options: RunPolicyTestsOptions = {},
): PolicyTestReport {
  if (!isPolicy(policy)) throw new TypeError('runPolicyTests: expected a policy from `compilePolicy`');
  try {
    // A policy this copy of the engine cannot evaluate is the caller's error, not every case's.
    evaluate(policy, {}, { now: 0 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new TypeError(`runPolicyTests: expected a policy from \`compilePolicy\` (${message})`);
  }
  const ids = policyIds(policy);
  const escalationIds = new Set(ids.escalation);
  const counts: Record<Kind, Map<string, number>> = {
    classification: new Map(ids.classification.map((id) => [id, 0])),
    queues: new Map(ids.queues.map((id) => [id, 0])),
    targets: new Map(ids.targets.map((id) => [id, 0])),
    escalation: new Map(ids.escalation.map((id) => [id, 0])),
    gates: new Map(ids.gates.map((id) => [id, 0])),
  };
  const results: PolicyTestResult[] = [];
  const file = casesOf(cases);
  if (file.failures.length > 0)
    results.push({ name: '(cases)', index: null, passed: false, failures: file.failures });

  const names = new Map<string, number>();
  for (const [index, value] of file.cases.entries()) {
    const failures = checkCase(value);
    const record = isRecord(value) ? value : {};
    const name = typeof record.name === 'string' && record.name !== '' ? record.name : `#${String(index)}`;
    const first = names.get(name);
    if (first === undefined) names.set(name, index);
    if (failures.length > 0) {
      // A case that is not well formed is not evaluated (and counts for no coverage).
      results.push({ name, index, passed: false, failures });
      continue;
    }
    if (first !== undefined)
      fail(
        failures,
        ['name'],
        'a unique name',
        name,
        `duplicate case name \`${name}\` (case ${String(first)} has it)`,
      );
    const testCase = record as unknown as PolicyTestCase;
    const context = testCase.context ?? options.context;
    let decision: Decision;
    try {
      decision = evaluate(policy, testCase.ticket, {
        now: testCase.now,
        explain: true,
        ...(context === undefined ? {} : { context }),
      });
    } catch (error) {
      // INVARIANT: `now` and the policy were checked; this only guards against the unforeseen.
      const message = error instanceof Error ? error.message : String(error);
      fail(failures, [], 'a decision', 'an error', `evaluation failed: ${message}`);
      results.push({ name, index, passed: false, failures });
      continue;
    }
    for (const [kind, seen] of Object.entries(exercised(decision, escalationIds)) as [Kind, Set<string>][]) {
      for (const id of seen) {
        const count = counts[kind].get(id);
        if (count !== undefined) counts[kind].set(id, count + 1);
      }
    }
    failures.push(...checkDecision(decision, testCase.expect));
    results.push({ name, index, passed: failures.length === 0, failures });
  }

  const rules = {} as Record<Kind, Record<string, number>>;
  const uncovered = {} as Record<Kind, string[]>;
  let covered = 0;
  let total = 0;
  for (const kind of KINDS) {
    rules[kind] = Object.fromEntries(counts[kind]);
    uncovered[kind] = [...counts[kind]].filter(([, n]) => n === 0).map(([id]) => id);
    total += counts[kind].size;
    covered += counts[kind].size - uncovered[kind].length;
  }
  const passed = results.filter((r) => r.passed).length;
  return {
    passed,
    failed: results.length - passed,
    results,
    coverage: {
      rules,
      uncovered,
      covered,
      total,
      percent: total === 0 ? 100 : Math.round((covered / total) * 1000) / 10,
    },
  };
}

/** Options of {@link formatPolicyTestReport}. */
export interface FormatPolicyTestReportOptions {
  /**
   * Whether passing cases are listed too.
   *
   * @defaultValue false
   */
  readonly verbose?: boolean | undefined;
}

/**
 * Formats a report for people: each failed case with its failures (path and message), a
 * summary line and the coverage with the rules no case exercised.
 *
 * @param report - The report of {@link runPolicyTests}.
 * @param options - Whether to list passing cases.
 * @returns Lines of text joined with `\n`.
 * @example
 * ```ts
 * formatPolicyTestReport(runPolicyTests(policy, cases));
 * //=> 'FAIL sev2 downgrade\n  expect.severity: expected severity `sev3`, found `sev2` (…)\n\n10 cases: 9 passed, 1 failed\ncoverage: 82.5% …'
 * ```
 */
export function formatPolicyTestReport(
  report: PolicyTestReport,
  options: FormatPolicyTestReportOptions = {},
): string {
  const lines: string[] = [];
  for (const result of report.results) {
    if (result.passed) {
      if (options.verbose === true) lines.push(`PASS ${result.name}`);
      continue;
    }
    lines.push(`FAIL ${result.name}`);
    for (const failure of result.failures) lines.push(`  ${formatPath(failure.path)}: ${failure.message}`);
  }
  if (lines.length > 0) lines.push('');
  const total = report.passed + report.failed;
  lines.push(
    `${String(total)} case${total === 1 ? '' : 's'}: ${String(report.passed)} passed, ${String(report.failed)} failed`,
  );
  const { coverage } = report;
  lines.push(
    `coverage: ${String(coverage.percent)}% (${String(coverage.covered)} of ${String(coverage.total)} rules)`,
  );
  const labels: Readonly<Record<Kind, string>> = {
    classification: 'classification rules',
    queues: 'queues',
    targets: 'SLA targets',
    escalation: 'escalation rules',
    gates: 'approval gates',
  };
  for (const kind of KINDS) {
    const ids = coverage.uncovered[kind];
    if (ids.length > 0) lines.push(`  not exercised: ${labels[kind]} ${ids.map(quoteId).join(', ')}`);
  }
  return lines.join('\n');
}
