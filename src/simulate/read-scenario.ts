import * as z from 'zod/mini';
import type { EvaluationContext } from '../engine/index.js';
import type { Issue, IssueCode } from '../errors/index.js';
import {
  MAX_INSTANT_MS,
  assertNever,
  fromZodIssues,
  plainCopy,
  quote,
  readInstant,
  suggestion,
} from '../internal/index.js';
import type { PolicyModel } from '../policy/index.js';
import { readDelay, readScenarioTime } from './scenario-time.js';
import type { ActionMatcher, ApprovalMatcher, Assertion, ClockMatcher } from './types.js';

type Path = readonly (string | number)[];
type Data = Readonly<Record<string, unknown>>;

/** The default horizon after T0: three days. */
const DEFAULT_HORIZON_MS = 72 * 3_600_000;

/** An event without its instant, `type` first. */
export interface EventFields {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** An event waiting for its instant. */
export interface PendingEvent {
  readonly at: number;
  /** The event without `at`. */
  readonly fields: EventFields;
  readonly source: 'scenario' | 'responder';
  /** Where it is in the scenario (for issues). */
  readonly path?: Path | undefined;
}

/** A check, read. */
export type Check =
  | { readonly type: 'action'; readonly action: ActionMatcher }
  | { readonly type: 'severity'; readonly severity: string }
  | { readonly type: 'clock'; readonly clock: ClockMatcher }
  | { readonly type: 'approval'; readonly approval: ApprovalMatcher };

/** An assertion, read: its mode, its instant and its check. */
export interface ReadAssertion {
  /** Its place in `expect`. */
  readonly index: number;
  readonly assertion: Assertion;
  readonly mode: 'by' | 'at' | 'never';
  /** The instant of `by` / `at`; for `never`, its `by` or `undefined` (the end). */
  readonly at: number | undefined;
  readonly check: Check;
}

/** An acknowledge cycle: since when, whose (`undefined`: anyone's), and whether it was acknowledged. */
export interface AcknowledgeCycle {
  readonly start: number;
  readonly assignee: string | undefined;
  readonly acknowledged: boolean;
}

/** The acknowledge cycle the history leaves at T0: from the latest assignment (or the creation). */
function cycleOf(
  history: readonly { readonly at: number; readonly event: Data }[],
  origin: number,
): AcknowledgeCycle {
  let start = origin;
  let assignee: string | undefined;
  let acknowledged = false;
  // By instant; at one instant assignments first, as the engine orders them (DESIGN §4).
  const rank = (event: Data): number => (event.type === 'assigned' ? 0 : 1);
  const sorted = [...history].sort((a, b) => a.at - b.at || rank(a.event) - rank(b.event));
  for (const { at, event } of sorted) {
    if (event.type === 'assigned' && typeof event.assignee === 'string') {
      start = at;
      assignee = event.assignee;
      acknowledged = false;
    } else if (event.type === 'acknowledged' && (assignee === undefined || event.by === assignee)) {
      acknowledged = true;
    }
  }
  return { start, assignee, acknowledged };
}

/** A scenario, validated and resolved to epoch milliseconds. */
export interface ReadScenario {
  readonly name: string | null;
  readonly ticketId: string;
  /** The ticket without its events. */
  readonly ticket: Data;
  /** T0. */
  readonly origin: number;
  /** Events at or before T0, as given. */
  readonly history: readonly Data[];
  /** The acknowledge cycle in force at T0 (DESIGN §7), from the history. */
  readonly cycle: AcknowledgeCycle;
  /** Events after T0 (scripted, and later ticket history), by instant, stable. */
  readonly script: readonly PendingEvent[];
  readonly performActions: boolean;
  readonly acknowledgeMs: number | undefined;
  readonly recordEffects: boolean;
  readonly context: EvaluationContext | undefined;
  readonly until: number;
  readonly expect: readonly ReadAssertion[];
}

const strings = z.array(z.string());
const scenarioShape = z.strictObject({
  $schema: z.optional(z.string()),
  name: z.optional(z.string()),
  description: z.optional(z.string()),
  ticket: z.looseObject({ id: z.string(), createdAt: z.unknown(), events: z.optional(z.array(z.unknown())) }),
  events: z.optional(z.array(z.unknown())),
  responder: z.optional(
    z.strictObject({
      performActions: z.optional(z.boolean()),
      acknowledge: z.optional(z.string()),
      recordEffects: z.optional(z.boolean()),
    }),
  ),
  context: z.optional(z.strictObject({ unavailable: z.optional(strings), overloaded: z.optional(strings) })),
  until: z.optional(z.string()),
  expect: z.optional(z.array(z.unknown())),
});
const SCENARIO_KEYS = Object.keys(scenarioShape.def.shape);

const text = z.string();
const at = z.unknown();
/** The fields of each event type the engine reads (`type` and `at` are checked apart). */
const EVENT_SHAPES = {
  statusChanged: z.strictObject({ type: text, at, status: text }),
  severityChanged: z.strictObject({ type: text, at, severity: text, by: z.optional(text) }),
  severityOverridden: z.strictObject({
    type: text,
    at,
    severity: text,
    by: text,
    reason: z.optional(text),
    role: z.optional(text),
  }),
  assigned: z.strictObject({ type: text, at, assignee: text, role: z.optional(text) }),
  acknowledged: z.strictObject({ type: text, at, by: text }),
  replied: z.strictObject({
    type: text,
    at,
    author: z.enum(['agent', 'customer']),
    public: z.boolean(),
    by: z.optional(text),
  }),
  updateSent: z.strictObject({ type: text, at, audience: z.enum(['customer', 'internal', 'executive']) }),
  approvalGranted: z.strictObject({ type: text, at, gate: text, by: text }),
  approvalRejected: z.strictObject({ type: text, at, gate: text, by: text }),
  escalationRequested: z.strictObject({
    type: text,
    at,
    by: text,
    role: z.optional(text),
    to: z.optional(text),
    reason: z.optional(text),
  }),
  actionPerformed: z.strictObject({ type: text, at, key: text }),
} as const;

const actionKind = z.enum([
  'notify',
  'page',
  'transferOwnership',
  'escalateTo',
  'requestApproval',
  'sendUpdate',
]);
const CHECK_SHAPES = {
  action: z.strictObject({
    kind: z.optional(actionKind),
    ruleId: z.optional(text),
    role: z.optional(text),
    target: z.optional(text),
    audience: z.optional(z.enum(['customer', 'internal', 'executive'])),
    gate: z.optional(text),
  }),
  severity: text,
  clock: z.strictObject({
    metric: z.enum(['acknowledge', 'firstResponse', 'nextResponse', 'periodicUpdate', 'resolution']),
    state: z.optional(z.enum(['running', 'paused', 'met', 'breached', 'stopped'])),
  }),
  approval: z.strictObject({
    gate: text,
    status: z.optional(z.enum(['not_required', 'pending', 'granted', 'rejected', 'expired'])),
  }),
} as const;
const CHECK_KEYS = Object.keys(CHECK_SHAPES);
const ASSERTION_KEYS = ['by', 'at', 'never', 'description', ...CHECK_KEYS];

function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function error(code: IssueCode, path: Path, message: string): Issue {
  return { code, severity: 'error', path, message };
}

function isIssue(value: number | Issue): value is Issue {
  return typeof value !== 'number';
}

/** The ids of the policy an author may name, for references and "did you mean". */
interface Vocabulary {
  readonly severities: ReadonlySet<string>;
  readonly gates: ReadonlySet<string>;
  readonly roles: ReadonlySet<string>;
  readonly rules: ReadonlySet<string>;
}

function vocabularyOf(model: PolicyModel): Vocabulary {
  const gates = new Set(model.gates.map((gate) => gate.id));
  return {
    severities: new Set(model.severityRank.keys()),
    gates,
    roles: new Set(['owner', 'secondary', ...model.roles.keys()]),
    rules: new Set([...model.escalation.rules.map((rule) => rule.id), ...gates, 'fallback']),
  };
}

function reference(
  value: string | undefined,
  known: ReadonlySet<string>,
  code: IssueCode,
  kind: string,
  path: Path,
  issues: Issue[],
): void {
  if (value === undefined || known.has(value)) return;
  issues.push(error(code, path, `unknown ${kind} ${quote(value)}${suggestion(value, known)}`));
}

/** Checks a scripted event (or a later history event) and returns it without `at`. */
function readEvent(
  value: unknown,
  path: Path,
  vocabulary: Vocabulary,
  issues: Issue[],
): EventFields | undefined {
  if (!isRecord(value)) {
    issues.push(error('invalid_type', path, `expected an event object, received ${describe(value)}`));
    return undefined;
  }
  const type = value.type;
  if (typeof type !== 'string' || type === '') {
    issues.push(
      type === undefined
        ? error('missing_key', [...path, 'type'], 'missing required key `type`')
        : error('invalid_type', [...path, 'type'], `expected a non-empty string, received ${describe(type)}`),
    );
    return undefined;
  }
  if (type === 'created') {
    issues.push(
      error(
        'invalid_value',
        [...path, 'type'],
        "a scenario cannot script `created`: the ticket's `createdAt` is the creation",
      ),
    );
    return undefined;
  }
  const shape = Object.hasOwn(EVENT_SHAPES, type)
    ? EVENT_SHAPES[type as keyof typeof EVENT_SHAPES]
    : undefined;
  if (shape !== undefined) {
    const parsed = shape.safeParse(value);
    if (!parsed.success) {
      issues.push(...fromZodIssues(parsed.error.issues, value, path, Object.keys(shape.def.shape)));
      return undefined;
    }
  }
  if (type === 'severityChanged' || type === 'severityOverridden')
    reference(
      value.severity as string,
      vocabulary.severities,
      'unknown_severity',
      'severity',
      [...path, 'severity'],
      issues,
    );
  if (type === 'approvalGranted' || type === 'approvalRejected')
    reference(value.gate as string, vocabulary.gates, 'unknown_gate', 'gate', [...path, 'gate'], issues);
  const fields: { type: string; [field: string]: unknown } = { type };
  for (const [key, field] of Object.entries(plainCopy(value) as Data)) {
    // defineProperty: a key such as `__proto__` stays an own data property.
    if (key !== 'type' && key !== 'at')
      Object.defineProperty(fields, key, {
        value: field,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return fields;
}

/** Reads one check (`action`, `severity`, `clock` or `approval`) out of `record`. */
function readCheck(record: Data, path: Path, vocabulary: Vocabulary, issues: Issue[]): Check | undefined {
  const present = CHECK_KEYS.filter((key) => Object.hasOwn(record, key));
  if (present.length !== 1) {
    issues.push(
      error(
        present.length === 0 ? 'missing_key' : 'conflicting_keys',
        path,
        present.length === 0
          ? 'expected one check: `action`, `severity`, `clock` or `approval`'
          : `expected one check, found ${present.map((key) => quote(key)).join(' and ')}`,
      ),
    );
    return undefined;
  }
  const key = present[0] as keyof typeof CHECK_SHAPES;
  const value = record[key];
  const parsed = CHECK_SHAPES[key].safeParse(value);
  const at = [...path, key];
  if (!parsed.success) {
    const vocabularyKeys = key === 'severity' ? [] : Object.keys(CHECK_SHAPES[key].def.shape);
    issues.push(...fromZodIssues(parsed.error.issues, value, at, vocabularyKeys));
    return undefined;
  }
  const before = issues.length;
  switch (key) {
    case 'action': {
      const action = parsed.data as ActionMatcher;
      reference(action.ruleId, vocabulary.rules, 'invalid_value', 'rule', [...at, 'ruleId'], issues);
      reference(action.role, vocabulary.roles, 'unknown_role', 'role', [...at, 'role'], issues);
      reference(action.gate, vocabulary.gates, 'unknown_gate', 'gate', [...at, 'gate'], issues);
      return issues.length > before ? undefined : { type: 'action', action };
    }
    case 'severity': {
      const severity = parsed.data as string;
      reference(severity, vocabulary.severities, 'unknown_severity', 'severity', at, issues);
      return issues.length > before ? undefined : { type: 'severity', severity };
    }
    case 'clock':
      return { type: 'clock', clock: parsed.data as ClockMatcher };
    case 'approval': {
      const approval = parsed.data as ApprovalMatcher;
      reference(approval.gate, vocabulary.gates, 'unknown_gate', 'gate', [...at, 'gate'], issues);
      return issues.length > before ? undefined : { type: 'approval', approval };
    }
    default:
      return assertNever(key);
  }
}

/** Reads one assertion; its instant is resolved against `origin`. */
function readAssertion(
  value: unknown,
  index: number,
  origin: number,
  vocabulary: Vocabulary,
  issues: Issue[],
): ReadAssertion | undefined {
  const path = ['expect', index];
  if (!isRecord(value)) {
    issues.push(error('invalid_type', path, `expected an assertion object, received ${describe(value)}`));
    return undefined;
  }
  const before = issues.length;
  for (const key of Object.keys(value)) {
    if (!ASSERTION_KEYS.includes(key))
      issues.push(
        error('unknown_key', [...path, key], `unknown key ${quote(key)}${suggestion(key, ASSERTION_KEYS)}`),
      );
  }
  if (value.description !== undefined && typeof value.description !== 'string') {
    issues.push(
      error(
        'invalid_type',
        [...path, 'description'],
        `expected string, received ${describe(value.description)}`,
      ),
    );
  }
  const time = (key: 'by' | 'at'): number | undefined => {
    if (value[key] === undefined) return undefined;
    const read = readScenarioTime(value[key], origin, [...path, key]);
    if (isIssue(read)) {
      issues.push(read);
      return undefined;
    }
    if (read < origin)
      issues.push(error('invalid_value', [...path, key], "the instant is before the ticket's creation"));
    return read;
  };
  let mode: ReadAssertion['mode'];
  let check: Check | undefined;
  if (Object.hasOwn(value, 'never')) {
    mode = 'never';
    const stray = CHECK_KEYS.filter((key) => Object.hasOwn(value, key));
    if (stray.length > 0 || Object.hasOwn(value, 'at')) {
      issues.push(
        error(
          'conflicting_keys',
          path,
          '`never` takes its check inside (`{ never: { action: … } }`) and an optional `by`, not `at`',
        ),
      );
    }
    const inner = value.never;
    if (isRecord(inner)) {
      for (const key of Object.keys(inner)) {
        if (!CHECK_KEYS.includes(key))
          issues.push(
            error(
              'unknown_key',
              [...path, 'never', key],
              `unknown key ${quote(key)}${suggestion(key, CHECK_KEYS)}`,
            ),
          );
      }
      check = readCheck(inner, [...path, 'never'], vocabulary, issues);
    } else {
      issues.push(
        error('invalid_type', [...path, 'never'], `expected a check object, received ${describe(inner)}`),
      );
    }
  } else {
    const hasBy = Object.hasOwn(value, 'by');
    const hasAt = Object.hasOwn(value, 'at');
    if (hasBy === hasAt) {
      issues.push(
        error(
          hasBy ? 'conflicting_keys' : 'missing_key',
          path,
          hasBy
            ? 'expected `by` or `at`, not both'
            : 'expected `by` (held by then), `at` (holds then) or `never` (never holds)',
        ),
      );
    }
    mode = hasAt && !hasBy ? 'at' : 'by';
    check = readCheck(value, path, vocabulary, issues);
  }
  const instant = mode === 'at' ? time('at') : time('by');
  if (issues.length > before || check === undefined) return undefined;
  return { index, assertion: plainCopy(value) as Assertion, mode, at: instant, check };
}

/** Issues sorted by their place in the scenario (top-level key, then index), stably. */
function inDocumentOrder(issues: readonly Issue[]): [Issue, ...Issue[]] {
  const rank = (path: Path): [number, number] => [
    SCENARIO_KEYS.indexOf(String(path[0])),
    typeof path[1] === 'number' && path[0] !== 'ticket' ? path[1] : -1,
  ];
  return issues
    .map((issue) => ({ issue, rank: rank(issue.path) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1])
    .map(({ issue }) => issue) as [Issue, ...Issue[]];
}

/**
 * Validates a scenario against a policy and resolves its times; every problem is an issue
 * with a path into the scenario.
 *
 * @internal
 */
export function readScenario(
  input: unknown,
  model: PolicyModel,
): ReadScenario | readonly [Issue, ...Issue[]] {
  const shape = scenarioShape.safeParse(input);
  if (!shape.success) {
    const issues = fromZodIssues(shape.error.issues, input, [], SCENARIO_KEYS);
    return issues as [Issue, ...Issue[]];
  }
  const scenario = shape.data;
  const vocabulary = vocabularyOf(model);
  const issues: Issue[] = [];

  const { events: ticketEvents = [], ...ticket } = scenario.ticket;
  // The shape has checked that `createdAt` is there: T0, the origin of every relative time.
  const created = readInstant(scenario.ticket.createdAt);
  if (created === undefined) {
    issues.push(
      error(
        'invalid_value',
        ['ticket', 'createdAt'],
        "expected an ISO date-time with an offset or epoch milliseconds: the ticket's creation is the scenario's origin",
      ),
    );
  }
  if (scenario.ticket.id === '')
    issues.push(error('invalid_value', ['ticket', 'id'], 'expected a non-empty id'));
  const origin = created ?? 0;

  // The ticket's own history: kept up to T0, applied at its instants after.
  const history: { readonly at: number; readonly event: Data }[] = [];
  const script: PendingEvent[] = [];
  for (const [index, event] of ticketEvents.entries()) {
    const path = ['ticket', 'events', index];
    if (!isRecord(event) || typeof event.type !== 'string') {
      issues.push(error('invalid_type', path, 'expected an event object with a `type`'));
      continue;
    }
    const eventAt = readInstant(event.at);
    if (eventAt === undefined) {
      issues.push(
        error(
          'invalid_value',
          [...path, 'at'],
          'expected an ISO date-time with an offset or epoch milliseconds',
        ),
      );
      continue;
    }
    if (eventAt <= origin) {
      history.push({ at: eventAt, event: plainCopy(event) as Data });
      continue;
    }
    const fields = readEvent(event, path, vocabulary, issues);
    if (fields !== undefined) script.push({ at: eventAt, fields, source: 'scenario', path: [...path, 'at'] });
  }
  for (const [index, event] of (scenario.events ?? []).entries()) {
    const path = ['events', index];
    const fields = readEvent(event, path, vocabulary, issues);
    if (fields === undefined || !isRecord(event)) continue;
    const eventAt = readScenarioTime(event.at, origin, [...path, 'at']);
    if (isIssue(eventAt)) {
      issues.push(eventAt);
      continue;
    }
    if (created !== undefined && eventAt < origin) {
      issues.push(error('invalid_value', [...path, 'at'], "the event is before the ticket's creation"));
      continue;
    }
    script.push({ at: eventAt, fields, source: 'scenario', path: [...path, 'at'] });
  }
  script.sort((a, b) => a.at - b.at);

  const responder = scenario.responder ?? {};
  let acknowledgeMs: number | undefined;
  if (responder.acknowledge !== undefined) {
    const delay = readDelay(responder.acknowledge, ['responder', 'acknowledge']);
    if (isIssue(delay)) issues.push(delay);
    else acknowledgeMs = delay;
  }

  const expect: ReadAssertion[] = [];
  for (const [index, value] of (scenario.expect ?? []).entries()) {
    const read = readAssertion(value, index, origin, vocabulary, issues);
    if (read !== undefined) expect.push(read);
  }

  // The default horizon stops at the end of the supported years; a time written past them
  // is an issue at its path (readScenarioTime).
  let until = Math.min(origin + DEFAULT_HORIZON_MS, MAX_INSTANT_MS);
  if (scenario.until === undefined) {
    for (const event of script) until = Math.max(until, event.at);
    for (const assertion of expect) until = Math.max(until, assertion.at ?? until);
  } else {
    const read = readScenarioTime(scenario.until, origin, ['until']);
    if (isIssue(read)) issues.push(read);
    else if (read < origin)
      issues.push(error('invalid_value', ['until'], "the horizon is before the ticket's creation"));
    else {
      until = read;
      const late = `after \`until\` (${quote(scenario.until)})`;
      for (const event of script) {
        if (event.at > until && event.path !== undefined)
          issues.push(error('invalid_value', event.path, `the event is ${late}`));
      }
      for (const assertion of expect) {
        if (assertion.at !== undefined && assertion.at > until) {
          const key = assertion.mode === 'at' ? 'at' : 'by';
          issues.push(error('invalid_value', ['expect', assertion.index, key], `the instant is ${late}`));
        }
      }
    }
  }
  if (issues.length > 0) return inDocumentOrder(issues);
  return {
    name: scenario.name ?? null,
    ticketId: scenario.ticket.id,
    ticket: plainCopy(ticket) as Data,
    origin,
    history: history.map(({ event }) => event),
    cycle: cycleOf(history, origin),
    script,
    performActions: responder.performActions ?? true,
    acknowledgeMs,
    recordEffects: responder.recordEffects ?? false,
    context: scenario.context === undefined ? undefined : (plainCopy(scenario.context) as EvaluationContext),
    until,
    expect,
  };
}
