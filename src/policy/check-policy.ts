import {
  checkCalendar,
  checkDuration,
  createZoneReader,
  type Calendar,
  type ZoneCache,
} from '../calendar/index.js';
import {
  checkCondition,
  createConditionScope,
  type Condition,
  type ConditionScope,
} from '../conditions/index.js';
import type { Issue, IssueCode } from '../errors/index.js';
import { assertNever, quote, suggestion } from '../internal/index.js';
import {
  checkClockPoint,
  checkDate,
  checkId,
  checkPeriod,
  checkQuorum,
  checkScheduleTime,
  checkTemplate,
  templateParts,
  checkTicketPath,
  checkTurn,
  checkShare,
  checkUrl,
  checkWarning,
  isIssue,
  type ClockPoint,
  type ScheduleTime,
} from './formats.js';
import { ISSUE_CODES } from './issue-codes.js';
import type {
  CorrelationRelation,
  EscalationAction,
  MetricName,
  MetricPauseOn,
  MetricTarget,
  OneOrMore,
  PolicyDocument,
  Runbook,
} from './policy-document.js';
import type {
  ModelCadence,
  ModelClassificationRule,
  ModelEscalationRule,
  ModelGate,
  ModelInitiation,
  ModelLayer,
  ModelMatrix,
  ModelMetric,
  ModelProblemRule,
  ModelProblems,
  ModelQueue,
  ModelRole,
  ModelSchedule,
  ModelTarget,
  ModelTemplate,
  ModelTrigger,
  PolicyModel,
} from './policy-model.js';

type Path = readonly (string | number)[];

const DAY_MS = 86_400_000;

/** The metrics in the order a ticket meets them. */
const METRICS: readonly MetricName[] = [
  'acknowledge',
  'firstResponse',
  'nextResponse',
  'periodicUpdate',
  'resolution',
];
/** The statuses that mean resolved when the policy does not say. */
const DEFAULT_RESOLVED_ON = ['resolved', 'closed'];
/** Most repeats a ladder may have: enough for any real ladder, bounded for `evaluate`. */
const MAX_REPEATS = 100;
/** How close in time tickets must be to be related, when `problems.window` does not say. */
const DEFAULT_WINDOW_MS = 30 * 60_000;

interface Ctx {
  readonly issues: Issue[];
  readonly warnings: Issue[];
  readonly scope: ConditionScope;
  /** The raw input, for the keys zod drops (`__proto__` in records). */
  readonly raw: unknown;
  /** Zone readers shared by every calendar of the policy (calendars and schedules). */
  readonly zones: ZoneCache;
}

function error(ctx: Ctx, code: IssueCode, path: Path, message: string, ruleId?: string): void {
  ctx.issues.push(
    ruleId === undefined
      ? { code, severity: 'error', path, message }
      : { code, severity: 'error', path, message, ruleId },
  );
}

function warn(ctx: Ctx, code: IssueCode, path: Path, message: string): void {
  ctx.warnings.push({ code, severity: 'warning', path, message });
}

function push(ctx: Ctx, found: Issue | undefined): void {
  if (found !== undefined) ctx.issues.push(found);
}

/** The own keys of the raw input at `path` (zod drops `__proto__` from records; the author should hear). */
function rawKeys(ctx: Ctx, path: Path): string[] {
  let current = ctx.raw;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return [];
    current = (current as Record<string | number, unknown>)[key];
  }
  return current !== null && typeof current === 'object' ? Object.keys(current) : [];
}

/** Checks the keys of a record section: each a kebab-case id. */
function recordIds(ctx: Ctx, path: Path, kind: string): void {
  for (const key of rawKeys(ctx, path)) push(ctx, checkId(key, [...path, key], kind));
}

/** Checks ids of an ordered list: kebab-case and unique; returns id → index. */
function listIds(
  ctx: Ctx,
  items: readonly { readonly id: string }[],
  path: Path,
  kind: string,
): Map<string, number> {
  const seen = new Map<string, number>();
  for (const [index, item] of items.entries()) {
    const at = [...path, index, 'id'];
    const bad = checkId(item.id, at, kind);
    if (bad !== undefined) ctx.issues.push(bad);
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, index);
    else
      error(
        ctx,
        'duplicate_id',
        at,
        `duplicate ${kind} id ${quote(item.id)}: already used by ${kind} ${String(first)}`,
      );
  }
  return seen;
}

function reference(
  ctx: Ctx,
  kind: 'calendar' | 'severity' | 'tier' | 'queue' | 'role' | 'schedule' | 'gate' | 'template',
  value: string,
  known: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  path: Path,
  extra: readonly string[] = [],
): boolean {
  if (known.has(value) || extra.includes(value)) return true;
  error(
    ctx,
    `unknown_${kind}`,
    path,
    `unknown ${kind} ${quote(value)}${suggestion(value, [...known.keys(), ...extra])}`,
  );
  return false;
}

function references(
  ctx: Ctx,
  kind: 'severity' | 'tier' | 'queue' | 'role',
  value: OneOrMore | undefined,
  known: ReadonlySet<string> | ReadonlyMap<string, unknown> | undefined,
  path: Path,
  extra: readonly string[] = [],
): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (list.length === 0) error(ctx, 'empty_list', path, `expected at least one ${kind}`);
  for (const [index, item] of list.entries()) {
    const at = typeof value === 'string' ? path : [...path, index];
    if (known !== undefined) reference(ctx, kind, item, known, at, extra);
  }
  return new Set(list);
}

function condition(ctx: Ctx, expr: unknown, path: Path): Condition | undefined {
  const { condition: fn, issues } = checkCondition(expr, path, ctx.scope);
  ctx.issues.push(...issues);
  return fn;
}

function duration(ctx: Ctx, text: string, path: Path, what = 'duration'): number | undefined {
  const checked = checkDuration(text, path);
  if (checked.issue !== undefined) {
    ctx.issues.push(checked.issue);
    return undefined;
  }
  if (checked.ms <= 0) {
    error(ctx, 'invalid_duration', path, `invalid ${what} ${quote(text)}: it must be longer than zero`);
    return undefined;
  }
  return checked.ms;
}

function points(ctx: Ctx, texts: readonly string[] | undefined, path: Path): ClockPoint[] | undefined {
  if (texts === undefined) return undefined;
  const out: ClockPoint[] = [];
  for (const [index, text] of texts.entries()) {
    const point = checkWarning(text, [...path, index]);
    if (isIssue(point)) ctx.issues.push(point);
    else out.push(point);
  }
  return out;
}

function runbooks(ctx: Ctx, list: readonly Runbook[] | undefined, path: Path): readonly Runbook[] {
  for (const [index, runbook] of (list ?? []).entries())
    push(ctx, checkUrl(runbook.url, [...path, index, 'url']));
  return list ?? [];
}

/** The findings each kind of rule may accept with `ignore` (the codes reported on it). */
const IGNORABLE: Readonly<
  Record<'rule' | 'queue' | 'target' | 'escalation rule' | 'gate' | 'problem rule', readonly IssueCode[]>
> = {
  rule: ['shadowed_rule'],
  queue: ['shadowed_rule', 'ownership_cycle', 'queue_without_owner', 'role_without_members'],
  target: ['unreachable_target', 'warning_after_target', 'metric_order'],
  'escalation rule': ['trigger_never_fires', 'warning_after_target'],
  gate: ['unresolvable_approvers'],
  'problem rule': ['trigger_never_fires'],
};

function ignoreCodes(
  ctx: Ctx,
  codes: readonly string[] | undefined,
  path: Path,
  kind: keyof typeof IGNORABLE,
): ReadonlySet<string> {
  const allowed: readonly string[] = IGNORABLE[kind];
  for (const [index, code] of (codes ?? []).entries()) {
    if (!ISSUE_CODES.has(code)) {
      error(
        ctx,
        'unknown_issue_code',
        [...path, index],
        `unknown issue code ${quote(code)}${suggestion(code, ISSUE_CODES)}`,
      );
    } else if (!allowed.includes(code)) {
      error(
        ctx,
        'invalid_value',
        [...path, index],
        `issue code ${quote(code)} is never reported on a ${kind}: it may ignore ${allowed.map((c) => `\`${c}\``).join(', ')}`,
      );
    }
  }
  return new Set(codes);
}

function nonEmpty(ctx: Ctx, list: readonly unknown[], path: Path, what: string): void {
  if (list.length === 0) error(ctx, 'empty_list', path, `expected at least one ${what}`);
}

/**
 * The semantic pass over a policy whose shape is valid: ids, references, durations,
 * formats and conditions, in document order. Returns the compiled model when no error
 * was found.
 *
 * @internal
 */
export function checkPolicy(
  doc: PolicyDocument,
  raw: unknown,
): { model: PolicyModel | undefined; issues: Issue[]; warnings: Issue[] } {
  const ctx: Ctx = { issues: [], warnings: [], scope: createConditionScope(), raw, zones: new Map() };

  push(ctx, checkId(doc.id, ['id'], 'policy'));
  if (doc.version.trim() === '') error(ctx, 'invalid_value', ['version'], 'the version must not be empty');

  // Calendars.
  const calendars = new Map<string, Calendar>();
  recordIds(ctx, ['calendars'], 'calendar');
  for (const [name, def] of Object.entries(doc.calendars)) {
    const checked = checkCalendar(def, ['calendars', name], ctx.zones);
    if (checked.calendar === undefined) ctx.issues.push(...checked.issues);
    else {
      calendars.set(name, checked.calendar);
      ctx.warnings.push(...checked.calendar.warnings);
    }
  }
  const calendarIds = new Set(Object.keys(doc.calendars));

  // Severities and tiers.
  nonEmpty(ctx, doc.severities, ['severities'], 'severity');
  const severityRank = listIds(ctx, doc.severities, ['severities'], 'severity');
  const tiers =
    doc.tiers === undefined ? undefined : new Set(listIds(ctx, doc.tiers, ['tiers'], 'tier').keys());

  // Roles and schedules (referenced from classification on).
  recordIds(ctx, ['roles'], 'role');
  for (const reserved of ['owner', 'secondary']) {
    if (Object.hasOwn(doc.roles, reserved)) {
      error(
        ctx,
        'invalid_id',
        ['roles', reserved],
        `invalid role id \`${reserved}\`: the name is reserved (actions use it for the ticket's ${reserved === 'owner' ? 'owner' : 'secondary owner'})`,
      );
    }
  }
  recordIds(ctx, ['schedules'], 'schedule');
  const scheduleIds = new Set(Object.keys(doc.schedules ?? {}));
  const roles = new Map<string, ModelRole>();
  for (const [name, role] of Object.entries(doc.roles)) {
    if ('members' in role) {
      nonEmpty(ctx, role.members, ['roles', name, 'members'], 'member');
      roles.set(name, { kind: 'members', members: role.members });
    } else if (reference(ctx, 'schedule', role.schedule, scheduleIds, ['roles', name, 'schedule'])) {
      roles.set(name, { kind: 'schedule', schedule: role.schedule });
    }
  }
  const roleIds = new Set(Object.keys(doc.roles));
  const schedules = checkSchedules(ctx, doc);

  // Classification.
  const classification = doc.classification;
  listIds(ctx, classification.rules, ['classification', 'rules'], 'rule');
  const rules: ModelClassificationRule[] = [];
  for (const [index, rule] of classification.rules.entries()) {
    const path = ['classification', 'rules', index];
    const fn = condition(ctx, rule.when, [...path, 'when']);
    reference(ctx, 'severity', rule.severity, severityRank, [...path, 'severity']);
    ignoreCodes(ctx, rule.ignore, [...path, 'ignore'], 'rule');
    if (fn !== undefined) {
      rules.push({
        id: rule.id,
        index,
        condition: fn,
        severity: rule.severity,
        reason: rule.reason,
        runbooks: runbooks(ctx, rule.runbooks, [...path, 'runbooks']),
      });
    }
  }
  const matrix = checkMatrix(ctx, doc, severityRank);
  reference(ctx, 'severity', classification.default, severityRank, ['classification', 'default']);
  const overrides = classification.overrides;
  const overrideRoles = references(ctx, 'role', overrides?.roles, roleIds, [
    'classification',
    'overrides',
    'roles',
  ]);

  // Routing.
  const routing = doc.routing;
  const queueIds = new Set(listIds(ctx, routing.queues, ['routing', 'queues'], 'queue').keys());
  const queues: ModelQueue[] = [];
  for (const [index, queue] of routing.queues.entries()) {
    const path = ['routing', 'queues', index];
    const fn = queue.when === undefined ? undefined : condition(ctx, queue.when, [...path, 'when']);
    if (queue.serviceLine.trim() === '')
      error(ctx, 'invalid_value', [...path, 'serviceLine'], 'the service line must not be empty');
    const owners = new Map<string, { primary: string; secondary?: string | undefined }>();
    for (const key of rawKeys(ctx, [...path, 'owners'])) {
      const at = [...path, 'owners', key];
      if (key !== '*') reference(ctx, 'severity', key, severityRank, at);
      const owner = Object.hasOwn(queue.owners, key) ? queue.owners[key] : undefined;
      if (owner === undefined) continue;
      reference(ctx, 'role', owner.primary, roleIds, [...at, 'primary']);
      if (owner.secondary !== undefined)
        reference(ctx, 'role', owner.secondary, roleIds, [...at, 'secondary']);
      owners.set(key, owner);
    }
    ignoreCodes(ctx, queue.ignore, [...path, 'ignore'], 'queue');
    queues.push({
      id: queue.id,
      index,
      serviceLine: queue.serviceLine,
      condition: fn,
      owners,
      runbooks: runbooks(ctx, queue.runbooks, [...path, 'runbooks']),
    });
  }
  reference(ctx, 'queue', routing.default, queueIds, ['routing', 'default']);

  // SLA.
  const { sla, templates } = {
    sla: checkSla(ctx, doc, calendars, calendarIds, severityRank, tiers, queueIds),
    templates: checkTemplates(ctx, doc),
  };

  // Escalation.
  const gateIds = new Set((doc.approvals?.gates ?? []).map((gate) => gate.id));
  const escalationRules: ModelEscalationRule[] = [];
  const escalation = doc.escalation;
  if (escalation !== undefined) {
    listIds(ctx, escalation.rules, ['escalation', 'rules'], 'rule');
    for (const [index, rule] of escalation.rules.entries()) {
      const path = ['escalation', 'rules', index];
      const fn = rule.when === undefined ? undefined : condition(ctx, rule.when, [...path, 'when']);
      const trigger = checkTrigger(ctx, rule.on, [...path, 'on'], severityRank);
      nonEmpty(ctx, rule.actions, [...path, 'actions'], 'action');
      checkActions(ctx, rule.actions, [...path, 'actions'], { roleIds, queueIds, gateIds, templates });
      let repeat: ModelEscalationRule['repeat'];
      if (rule.repeat !== undefined) {
        const everyMs = duration(ctx, rule.repeat.every, [...path, 'repeat', 'every']);
        const times = count(
          ctx,
          rule.repeat.times,
          [...path, 'repeat', 'times'],
          1,
          MAX_REPEATS,
          'repeat count',
        );
        const fallbackWhile = trigger?.kind === 'unacknowledged' ? 'unacknowledged' : 'unresolved';
        if (everyMs !== undefined && times !== undefined)
          repeat = { everyMs, times, while: rule.repeat.while ?? fallbackWhile };
      }
      ignoreCodes(ctx, rule.ignore, [...path, 'ignore'], 'escalation rule');
      if (trigger !== undefined) {
        escalationRules.push({
          id: rule.id,
          index,
          condition: fn,
          trigger,
          actions: rule.actions,
          repeat,
          reason: rule.reason,
        });
      }
    }
  }
  const initiation: ModelInitiation[] = [];
  if (escalation?.initiation !== undefined) {
    listIds(ctx, escalation.initiation, ['escalation', 'initiation'], 'initiation rule');
    for (const [index, rule] of escalation.initiation.entries()) {
      const path = ['escalation', 'initiation', index];
      const allowed = references(ctx, 'role', rule.roles, roleIds, [...path, 'roles']) ?? new Set<string>();
      const fn = rule.when === undefined ? undefined : condition(ctx, rule.when, [...path, 'when']);
      const afterMs = rule.after === undefined ? 0 : (duration(ctx, rule.after, [...path, 'after']) ?? 0);
      const ruleTiers = references(ctx, 'tier', rule.tiers, tiers, [...path, 'tiers']);
      const to = references(ctx, 'queue', rule.to, queueIds, [...path, 'to']);
      initiation.push({
        id: rule.id,
        roles: allowed,
        condition: fn,
        afterMs,
        tiers: ruleTiers,
        to,
        reason: rule.reason,
      });
    }
  }

  const gates = checkGates(ctx, doc, severityRank, roleIds);
  const cadence = checkCadence(ctx, doc, severityRank, templates, calendars, calendarIds);

  // Required fields and redaction.
  const requiredFields: PolicyModel['requiredFields'][number][] = [];
  if (doc.requiredFields !== undefined) {
    listIds(ctx, doc.requiredFields, ['requiredFields'], 'required-fields rule');
    for (const [index, rule] of doc.requiredFields.entries()) {
      const path = ['requiredFields', index];
      const severities =
        references(ctx, 'severity', rule.severity, severityRank, [...path, 'severity'], ['*']) ??
        new Set<string>();
      nonEmpty(ctx, rule.fields, [...path, 'fields'], 'field');
      const fields: { path: readonly string[]; label: string }[] = [];
      for (const [i, field] of rule.fields.entries()) {
        const keys = checkTicketPath(field.path, [...path, 'fields', i, 'path']);
        if (isIssue(keys)) ctx.issues.push(keys);
        else fields.push({ path: keys, label: field.label ?? field.path });
      }
      requiredFields.push({ id: rule.id, severities, fields });
    }
  }
  const redactionFields: (readonly string[])[] = [];
  for (const [index, field] of (doc.redaction?.fields ?? []).entries()) {
    const keys = checkTicketPath(field, ['redaction', 'fields', index]);
    if (isIssue(keys)) ctx.issues.push(keys);
    else redactionFields.push(keys);
  }
  const mask = doc.redaction?.mask ?? '[redacted]';
  if (mask.includes('{{'))
    error(ctx, 'invalid_value', ['redaction', 'mask'], 'the mask must not contain `{{`');

  // Governance.
  let governance: PolicyModel['governance'];
  if (doc.governance !== undefined) {
    if (doc.governance.owner.trim() === '')
      error(ctx, 'invalid_value', ['governance', 'owner'], 'the owner must not be empty');
    const reviewedAt = checkDate(doc.governance.reviewedAt, ['governance', 'reviewedAt']);
    const every = checkPeriod(doc.governance.reviewEvery, ['governance', 'reviewEvery']);
    if (isIssue(reviewedAt)) ctx.issues.push(reviewedAt);
    if (isIssue(every)) ctx.issues.push(every);
    if (!isIssue(reviewedAt) && !isIssue(every))
      governance = { owner: doc.governance.owner, reviewedAtDays: reviewedAt, every };
  }

  // Fallback.
  reference(ctx, 'severity', doc.fallback.severity, severityRank, ['fallback', 'severity']);
  reference(ctx, 'queue', doc.fallback.queue, queueIds, ['fallback', 'queue']);
  references(ctx, 'role', doc.fallback.notify, roleIds, ['fallback', 'notify']);

  const problems = checkProblems(ctx, doc, severityRank, roleIds);

  if (ctx.issues.length > 0) return { model: undefined, issues: ctx.issues, warnings: ctx.warnings };
  const model: PolicyModel = {
    scope: ctx.scope,
    calendars,
    severityRank,
    severities: new Map(
      doc.severities.map((level) => [level.id, { name: level.name, definition: level.definition }]),
    ),
    tiers,
    classification: {
      rules,
      matrix,
      default: classification.default,
      overrides: {
        allowed: overrides?.allowed ?? true,
        roles: overrideRoles,
        requireReason: overrides?.requireReason ?? false,
      },
    },
    // INVARIANT: both queues exist (checked above, or the model would not be returned).
    routing: {
      queues,
      default: queues.find((queue) => queue.id === routing.default) as ModelQueue,
      fallback: queues.find((queue) => queue.id === doc.fallback.queue) as ModelQueue,
    },
    roles,
    schedules,
    sla,
    escalation: { rules: escalationRules, initiation },
    gates,
    templates,
    cadence,
    requiredFields,
    redaction: {
      fields: redactionFields,
      patterns: new Set(doc.redaction?.patterns),
      mask,
      cache: { memo: new Map() },
    },
    governance,
    fallback: {
      severity: doc.fallback.severity,
      queue: doc.fallback.queue,
      notify: doc.fallback.notify ?? [],
    },
    problems,
  };
  return { model, issues: [], warnings: ctx.warnings };
}

function count(
  ctx: Ctx,
  value: number,
  path: Path,
  min: number,
  max: number,
  what: string,
): number | undefined {
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  error(
    ctx,
    'invalid_count',
    path,
    `invalid ${what} ${quote(String(value))}: expected a whole number from ${String(min)} to ${String(max)}`,
  );
  return undefined;
}

function checkSchedules(ctx: Ctx, doc: PolicyDocument): Map<string, ModelSchedule> {
  const schedules = new Map<string, ModelSchedule>();
  for (const [name, schedule] of Object.entries(doc.schedules ?? {})) {
    const path = ['schedules', name];
    // The zone is checked once, through an always-open calendar in it.
    const zone = checkCalendar({ timezone: schedule.timezone, weekly: '24x7' }, path, ctx.zones);
    const offsets = ctx.zones.get(schedule.timezone);
    const reader = offsets === undefined ? undefined : createZoneReader(offsets);
    // Schedule times as instants, resolved once here (local times in the schedule's zone).
    const instant = (time: ScheduleTime): number =>
      time.kind === 'instant'
        ? time.ms
        : (reader?.resolve(time.days * DAY_MS + Math.round(time.minutes * 60_000)) ?? 0);
    ctx.issues.push(...zone.issues);
    nonEmpty(ctx, schedule.layers, [...path, 'layers'], 'layer');
    const layers: ModelLayer[] = [];
    for (const [index, layer] of schedule.layers.entries()) {
      const at = [...path, 'layers', index];
      const start = checkScheduleTime(layer.start, [...at, 'start']);
      const turn = checkTurn(layer.turn, [...at, 'turn']);
      nonEmpty(ctx, layer.members, [...at, 'members'], 'member');
      let restrictions: Calendar | undefined;
      if (layer.restrictions !== undefined && zone.calendar !== undefined) {
        const checked = checkCalendar(
          { timezone: schedule.timezone, weekly: layer.restrictions },
          [],
          ctx.zones,
        );
        // Errors of the weekly hours, moved under `restrictions` (the zone was reported above).
        // A layer restricted to no hours at all is a lint finding when it leaves its role empty.
        for (const found of checked.issues) {
          if (found.path[0] === 'weekly' && found.severity === 'error') {
            ctx.issues.push({ ...found, path: [...at, 'restrictions', ...found.path.slice(1)] });
          }
        }
        restrictions = checked.calendar;
      }
      if (isIssue(start)) ctx.issues.push(start);
      if (isIssue(turn)) ctx.issues.push(turn);
      if (!isIssue(start) && !isIssue(turn))
        layers.push({ start, startMs: instant(start), turn, members: layer.members, restrictions });
    }
    const overrides: ModelSchedule['overrides'][number][] = [];
    for (const [index, override] of (schedule.overrides ?? []).entries()) {
      const at = [...path, 'overrides', index];
      const from = checkScheduleTime(override.from, [...at, 'from']);
      const to = checkScheduleTime(override.to, [...at, 'to']);
      nonEmpty(ctx, override.members, [...at, 'members'], 'member');
      if (isIssue(from)) ctx.issues.push(from);
      if (isIssue(to)) ctx.issues.push(to);
      if (isIssue(from) || isIssue(to)) continue;
      // Compared as instants once the zone is known (a local start in a DST gap moves forward;
      // a local and a UTC end compare only as instants); as written when it is not.
      const fromMs = instant(from);
      const toMs = instant(to);
      if (reader === undefined ? from.kind === to.kind && sortKey(from) >= sortKey(to) : fromMs >= toMs) {
        error(
          ctx,
          'invalid_date_range',
          [...at, 'to'],
          `the override ends at or before it starts (${quote(override.from)})`,
        );
      }
      overrides.push({ from, to, fromMs, toMs, members: override.members });
    }
    if (reader !== undefined) {
      schedules.set(name, {
        id: name,
        timezone: schedule.timezone,
        zone: reader,
        memo: { from: [], to: [], members: [], next: [] },
        layers,
        overrides,
      });
    }
  }
  return schedules;
}

function sortKey(
  time:
    | { readonly kind: 'local'; readonly days: number; readonly minutes: number }
    | { readonly kind: 'instant'; readonly ms: number },
): number {
  return time.kind === 'local' ? time.days * 1440 + time.minutes : time.ms;
}

function checkMatrix(
  ctx: Ctx,
  doc: PolicyDocument,
  severities: ReadonlyMap<string, number>,
): ModelMatrix | undefined {
  const matrix = doc.classification.matrix;
  if (matrix === undefined) return undefined;
  const path = ['classification', 'matrix'];
  const levels = (axis: 'impact' | 'urgency'): Map<string, number> => {
    const list = matrix[axis].levels;
    nonEmpty(ctx, list, [...path, axis, 'levels'], 'level');
    const seen = new Map<string, number>();
    for (const [index, level] of list.entries()) {
      if (seen.has(level))
        error(
          ctx,
          'duplicate_id',
          [...path, axis, 'levels', index],
          `duplicate ${axis} level ${quote(level)}`,
        );
      else seen.set(level, index);
    }
    return seen;
  };
  const impactLevels = levels('impact');
  const urgencyLevels = levels('urgency');
  const impact = condition(ctx, matrix.impact.value, [...path, 'impact', 'value']);
  const urgency = condition(ctx, matrix.urgency.value, [...path, 'urgency', 'value']);
  if (matrix.cells.length !== matrix.impact.levels.length) {
    error(
      ctx,
      'invalid_matrix',
      [...path, 'cells'],
      `expected ${String(matrix.impact.levels.length)} rows (one per impact level), found ${String(matrix.cells.length)}`,
    );
  }
  for (const [row, cells] of matrix.cells.entries()) {
    if (cells.length !== matrix.urgency.levels.length) {
      error(
        ctx,
        'invalid_matrix',
        [...path, 'cells', row],
        `expected ${String(matrix.urgency.levels.length)} cells (one per urgency level), found ${String(cells.length)}`,
      );
    }
    for (const [column, cell] of cells.entries())
      reference(ctx, 'severity', cell, severities, [...path, 'cells', row, column]);
  }
  if (impact === undefined || urgency === undefined) return undefined;
  return { impact, urgency, impactLevels, urgencyLevels, cells: matrix.cells };
}

function checkSla(
  ctx: Ctx,
  doc: PolicyDocument,
  calendars: ReadonlyMap<string, Calendar>,
  calendarIds: ReadonlySet<string>,
  severities: ReadonlyMap<string, number>,
  tiers: ReadonlySet<string> | undefined,
  queueIds: ReadonlySet<string>,
): PolicyModel['sla'] {
  const sla = doc.sla;
  const pauseOn = (metric: MetricName): readonly string[] => {
    if (sla.pauseOn === undefined) return [];
    if (isStatusList(sla.pauseOn)) return sla.pauseOn;
    return sla.pauseOn[metric] ?? sla.pauseOn.default ?? [];
  };
  const resolvedOn = new Set(sla.resolvedOn ?? DEFAULT_RESOLVED_ON);
  if (sla.resolvedOn !== undefined) nonEmpty(ctx, sla.resolvedOn, ['sla', 'resolvedOn'], 'status');
  // A status that pauses a clock and also resolves the ticket: the clock could never resume.
  const conflicts = (statuses: readonly string[] | undefined, path: Path): void => {
    for (const [index, status] of (statuses ?? []).entries()) {
      if (resolvedOn.has(status)) {
        error(
          ctx,
          'invalid_value',
          [...path, index],
          `status ${quote(status)} both pauses and resolves (it is in \`resolvedOn\`)`,
        );
      }
    }
  };
  const slaPauseOn = sla.pauseOn;
  if (slaPauseOn !== undefined && isStatusList(slaPauseOn)) conflicts(slaPauseOn, ['sla', 'pauseOn']);
  else if (slaPauseOn !== undefined) {
    for (const key of ['default', ...METRICS] as const) conflicts(slaPauseOn[key], ['sla', 'pauseOn', key]);
  }
  const slaWarnings = points(ctx, sla.warnAt, ['sla', 'warnAt']) ?? [];
  listIds(ctx, sla.targets, ['sla', 'targets'], 'target');
  const targets: ModelTarget[] = [];
  for (const [index, target] of sla.targets.entries()) {
    const path = ['sla', 'targets', index];
    const targetSeverities = references(ctx, 'severity', target.severity, severities, [...path, 'severity']);
    const targetTiers = references(ctx, 'tier', target.tier, tiers, [...path, 'tier']);
    const targetQueues = references(ctx, 'queue', target.queue, queueIds, [...path, 'queue']);
    const calendarKnown = reference(ctx, 'calendar', target.calendar, calendarIds, [...path, 'calendar']);
    const ignore = ignoreCodes(ctx, target.ignore, [...path, 'ignore'], 'target');
    const targetWarnings = points(ctx, target.warnAt, [...path, 'warnAt']);
    const metrics: ModelMetric[] = [];
    const given = METRICS.filter((metric) => target.metrics[metric] !== undefined);
    if (given.length === 0)
      error(ctx, 'empty_list', [...path, 'metrics'], 'expected at least one metric target');
    for (const metric of given) {
      const value = target.metrics[metric] as MetricTarget;
      const at = [...path, 'metrics', metric];
      const detail = typeof value === 'string' ? { target: value } : value;
      const targetAt = typeof value === 'string' ? at : [...at, 'target'];
      const ms = duration(ctx, detail.target, targetAt, 'target');
      const calendarId = detail.calendar ?? target.calendar;
      const known =
        detail.calendar === undefined
          ? calendarKnown
          : reference(ctx, 'calendar', detail.calendar, calendarIds, [...at, 'calendar']);
      const warnings = points(ctx, detail.warnAt, [...at, 'warnAt']);
      conflicts(detail.pauseOn, [...at, 'pauseOn']);
      const calendar = calendars.get(calendarId);
      if (ms === undefined || !known || calendar === undefined) continue;
      metrics.push({
        metric,
        targetMs: ms,
        calendarId,
        calendar,
        pauseOn: new Set(detail.pauseOn ?? pauseOn(metric)),
        warnAt: warnings ?? targetWarnings ?? slaWarnings,
        warnLabels: detail.warnAt ?? target.warnAt ?? sla.warnAt ?? [],
      });
    }
    checkMetricOrder(ctx, metrics, path, ignore, target.id);
    targets.push({
      id: target.id,
      index,
      severities: targetSeverities,
      tiers: targetTiers,
      queues: targetQueues,
      metrics,
    });
  }
  return {
    resolvedOn,
    responders: {
      internalNotes: sla.responders?.internalNotes ?? false,
      exclude: new Set(sla.responders?.exclude),
    },
    targets,
  };
}

/** `pauseOn` written as one list for every metric (`Array.isArray` does not narrow readonly arrays). */
function isStatusList(value: readonly string[] | MetricPauseOn): value is readonly string[] {
  return Array.isArray(value);
}

/** Metric pairs that must be in order: a ticket meets the first before the second. */
const ORDER: readonly (readonly [MetricName, MetricName])[] = [
  ['acknowledge', 'firstResponse'],
  ['acknowledge', 'resolution'],
  ['firstResponse', 'resolution'],
  ['nextResponse', 'resolution'],
];

function checkMetricOrder(
  ctx: Ctx,
  metrics: readonly ModelMetric[],
  path: Path,
  ignore: ReadonlySet<string>,
  id: string,
): void {
  if (ignore.has('metric_order')) return;
  const byName = new Map(metrics.map((m) => [m.metric, m]));
  for (const [first, second] of ORDER) {
    const a = byName.get(first);
    const b = byName.get(second);
    if (a === undefined || b === undefined || a.targetMs <= b.targetMs) continue;
    error(
      ctx,
      'metric_order',
      [...path, 'metrics', first],
      `target ${quote(id)}: \`${first}\` (${formatMs(a.targetMs)}) is longer than \`${second}\` (${formatMs(b.targetMs)}); add \`"ignore": ["metric_order"]\` if intended`,
      id,
    );
  }
}

/**
 * A duration for messages: `1h30m`, `45s`, `250ms`.
 *
 * @internal
 */
export function formatMs(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (rest >= size) {
      parts.push(`${String(Math.floor(rest / size))}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${String(rest)}ms`);
  return parts.join('');
}

function checkTrigger(
  ctx: Ctx,
  on: NonNullable<PolicyDocument['escalation']>['rules'][number]['on'],
  path: Path,
  severities: ReadonlyMap<string, number>,
): ModelTrigger | undefined {
  if ('clock' in on) {
    const at = checkClockPoint(on.at, [...path, 'at']);
    if (isIssue(at)) {
      ctx.issues.push(at);
      return undefined;
    }
    return { kind: 'clock', metric: on.clock, at };
  }
  if ('unacknowledgedFor' in on) {
    const ms = duration(ctx, on.unacknowledgedFor, [...path, 'unacknowledgedFor']);
    return ms === undefined ? undefined : { kind: 'unacknowledged', ms };
  }
  if ('severityBecomes' in on) {
    const set = references(ctx, 'severity', on.severityBecomes, severities, [...path, 'severityBecomes']);
    return { kind: 'severity', severities: set ?? new Set() };
  }
  if ('reopened' in on) return { kind: 'reopened' };
  if (on.event.trim() === '') {
    error(ctx, 'invalid_value', [...path, 'event'], 'the event type must not be empty');
    return undefined;
  }
  return { kind: 'event', type: on.event };
}

interface Known {
  readonly roleIds: ReadonlySet<string>;
  readonly queueIds: ReadonlySet<string>;
  readonly gateIds: ReadonlySet<string>;
  readonly templates: ReadonlyMap<string, ModelTemplate>;
}

function checkActions(ctx: Ctx, actions: readonly EscalationAction[], path: Path, known: Known): void {
  for (const [index, action] of actions.entries()) {
    const at = [...path, index];
    switch (action.kind) {
      case 'notify':
        references(ctx, 'role', action.to, known.roleIds, [...at, 'to'], ['owner', 'secondary']);
        if (action.template !== undefined)
          reference(ctx, 'template', action.template, known.templates, [...at, 'template']);
        break;
      case 'page':
        reference(ctx, 'role', action.role, known.roleIds, [...at, 'role'], ['owner', 'secondary']);
        break;
      case 'transferOwnership':
        reference(ctx, 'role', action.to, known.roleIds, [...at, 'to'], ['secondary']);
        break;
      case 'escalateTo':
        reference(ctx, 'queue', action.queue, known.queueIds, [...at, 'queue']);
        break;
      case 'requestApproval':
        reference(ctx, 'gate', action.gate, known.gateIds, [...at, 'gate']);
        break;
      case 'sendUpdate': {
        reference(ctx, 'template', action.template, known.templates, [...at, 'template']);
        const audience = known.templates.get(action.template)?.audience;
        if (audience !== undefined && audience !== action.audience) {
          warn(
            ctx,
            'template_audience_mismatch',
            [...at, 'template'],
            `template ${quote(action.template)} is written for \`${audience}\`, not \`${action.audience}\``,
          );
        }
        break;
      }
      default:
        assertNever(action);
    }
  }
}

/**
 * What a template placeholder may read (docs/escalation.md, Communication): the ticket as
 * given, and the decision's fields by name. `undefined` = any key below (the ticket's own
 * data). Nothing that moves with `now` (elapsed figures, the evaluation instant): a rendered
 * text holds until `nextEvaluationAt`.
 */
const TEMPLATE_ROOTS: ReadonlyMap<string, readonly string[] | undefined> = new Map([
  ['ticket', undefined],
  ['severity', ['id', 'name', 'definition', 'reason', 'suggested']],
  ['routing', ['queue', 'serviceLine', 'owner', 'secondary', 'reason']],
  ['clocks', ['acknowledge', 'firstResponse', 'nextResponse', 'periodicUpdate', 'resolution']],
  ['update', ['audience', 'dueAt', 'nextAt']],
  ['policy', ['id', 'version']],
]);
/** The fields of a clock a template may read. */
const CLOCK_FIELDS: readonly string[] = ['state', 'startedAt', 'deadline', 'breachedAt', 'stoppedAt'];
/** The fields of `routing.owner` and `routing.secondary`. */
const ASSIGNEE_FIELDS: readonly string[] = ['role', 'members'];

function checkPlaceholders(ctx: Ctx, paths: readonly (readonly string[])[], path: Path): void {
  for (const keys of paths) {
    const [root = '', first, second] = keys;
    const known = TEMPLATE_ROOTS.get(root);
    const text = keys.join('.');
    const fail = (why: string): void => {
      error(ctx, 'invalid_template', path, `invalid placeholder ${quote(text)}: ${why}`);
    };
    if (!TEMPLATE_ROOTS.has(root)) {
      fail(
        `unknown root ${quote(root)}${suggestion(root, TEMPLATE_ROOTS.keys())}; placeholders read \`ticket\`, \`severity\`, \`routing\`, \`clocks\`, \`update\` or \`policy\``,
      );
      continue;
    }
    if (known === undefined) continue;
    if (first === undefined) {
      fail(`name a field of \`${root}\`, such as \`${root}.${known[0] ?? ''}\``);
      continue;
    }
    if (!known.includes(first)) {
      fail(`\`${root}\` has no field ${quote(first)}${suggestion(first, known)}`);
      continue;
    }
    const below =
      root === 'clocks'
        ? CLOCK_FIELDS
        : root === 'routing' && (first === 'owner' || first === 'secondary')
          ? ASSIGNEE_FIELDS
          : [];
    if (second === undefined) {
      if (below.length > 0)
        fail(`name a field of \`${root}.${first}\`, such as \`${root}.${first}.${below[0] ?? ''}\``);
    } else if (!below.includes(second) || keys.length > 3) {
      fail(
        below.length === 0
          ? `\`${root}.${first}\` has no fields`
          : `\`${root}.${first}\` has no field ${quote(keys.slice(2).join('.'))}${suggestion(second, below)}`,
      );
    }
  }
}

function checkTemplates(ctx: Ctx, doc: PolicyDocument): Map<string, ModelTemplate> {
  const templates = new Map<string, ModelTemplate>();
  recordIds(ctx, ['communication', 'templates'], 'template');
  for (const [name, template] of Object.entries(doc.communication?.templates ?? {})) {
    const path = ['communication', 'templates', name];
    const body = checkTemplate(template.body, [...path, 'body']);
    const subject =
      template.subject === undefined ? undefined : checkTemplate(template.subject, [...path, 'subject']);
    ctx.issues.push(...body.issues, ...(subject?.issues ?? []));
    if (subject !== undefined) checkPlaceholders(ctx, subject.paths, [...path, 'subject']);
    checkPlaceholders(ctx, body.paths, [...path, 'body']);
    templates.set(name, {
      subject: template.subject,
      body: template.body,
      audience: template.audience,
      placeholders: [...(subject?.paths ?? []), ...body.paths],
      subjectParts: template.subject === undefined ? undefined : templateParts(template.subject),
      bodyParts: templateParts(template.body),
    });
  }
  return templates;
}

function checkCadence(
  ctx: Ctx,
  doc: PolicyDocument,
  severities: ReadonlyMap<string, number>,
  templates: ReadonlyMap<string, ModelTemplate>,
  calendars: ReadonlyMap<string, Calendar>,
  calendarIds: ReadonlySet<string>,
): ModelCadence[] {
  const list = doc.communication?.cadence ?? [];
  listIds(ctx, list, ['communication', 'cadence'], 'cadence');
  const out: ModelCadence[] = [];
  const seen = new Map<string, number>();
  for (const [index, cadence] of list.entries()) {
    const path = ['communication', 'cadence', index];
    const set =
      references(ctx, 'severity', cadence.severity, severities, [...path, 'severity'], ['*']) ??
      new Set<string>();
    const everyMs = duration(ctx, cadence.every, [...path, 'every']);
    const templateKnown = reference(ctx, 'template', cadence.template, templates, [...path, 'template']);
    const audience = templates.get(cadence.template)?.audience;
    if (templateKnown && audience !== undefined && audience !== cadence.audience) {
      warn(
        ctx,
        'template_audience_mismatch',
        [...path, 'template'],
        `template ${quote(cadence.template)} is written for \`${audience}\`, not \`${cadence.audience}\``,
      );
    }
    for (const severity of set) {
      const key = `${severity}\u0000${cadence.audience}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else {
        error(
          ctx,
          'duplicate_id',
          [...path, 'severity'],
          `severity ${quote(severity)} already has a \`${cadence.audience}\` cadence (cadence ${String(first)})`,
        );
      }
    }
    if (cadence.calendar !== undefined)
      reference(ctx, 'calendar', cadence.calendar, calendarIds, [...path, 'calendar']);
    if (everyMs !== undefined) {
      out.push({
        id: cadence.id,
        severities: set,
        audience: cadence.audience,
        everyMs,
        template: cadence.template,
        calendar: cadence.calendar === undefined ? undefined : calendars.get(cadence.calendar),
      });
    }
  }
  return out;
}

function checkGates(
  ctx: Ctx,
  doc: PolicyDocument,
  severities: ReadonlyMap<string, number>,
  roleIds: ReadonlySet<string>,
): ModelGate[] {
  const gates: ModelGate[] = [];
  const list = doc.approvals?.gates ?? [];
  listIds(ctx, list, ['approvals', 'gates'], 'gate');
  for (const [index, gate] of list.entries()) {
    const path = ['approvals', 'gates', index];
    if ((gate.when === undefined) === (gate.on === undefined)) {
      error(
        ctx,
        'conflicting_keys',
        path,
        'a gate needs exactly one of `when` (a condition) or `on` (a severity change)',
        gate.id,
      );
    }
    if (gate.on === undefined && (gate.from !== undefined || gate.to !== undefined)) {
      error(
        ctx,
        'conflicting_keys',
        [...path, gate.from === undefined ? 'to' : 'from'],
        '`from` and `to` only apply with `on`',
        gate.id,
      );
    }
    const fn = gate.when === undefined ? undefined : condition(ctx, gate.when, [...path, 'when']);
    const from = references(ctx, 'severity', gate.from, severities, [...path, 'from']);
    const to = references(ctx, 'severity', gate.to, severities, [...path, 'to']);
    references(ctx, 'role', gate.approvers, roleIds, [...path, 'approvers']);
    const quorum = checkQuorum(gate.quorum ?? 'any', [...path, 'quorum']);
    if (isIssue(quorum)) ctx.issues.push(quorum);
    const withinMs = gate.within === undefined ? undefined : duration(ctx, gate.within, [...path, 'within']);
    if (gate.onTimeout !== undefined && gate.within === undefined) {
      error(ctx, 'missing_key', [...path, 'within'], '`onTimeout` needs a deadline: add `within`', gate.id);
    }
    if (gate.onTimeout === 'escalate' && gate.escalateToRole === undefined) {
      error(
        ctx,
        'missing_key',
        [...path, 'escalateToRole'],
        '`onTimeout: "escalate"` needs the role to escalate to: add `escalateToRole`',
        gate.id,
      );
    }
    if (gate.escalateToRole !== undefined) {
      if (gate.onTimeout !== 'escalate') {
        error(
          ctx,
          'conflicting_keys',
          [...path, 'escalateToRole'],
          '`escalateToRole` only applies with `onTimeout: "escalate"`',
          gate.id,
        );
      }
      reference(ctx, 'role', gate.escalateToRole, roleIds, [...path, 'escalateToRole']);
    }
    ignoreCodes(ctx, gate.ignore, [...path, 'ignore'], 'gate');
    if (isIssue(quorum)) continue;
    gates.push({
      id: gate.id,
      index,
      condition: fn,
      on: gate.on,
      from,
      to,
      approvers: gate.approvers,
      quorum,
      withinMs,
      onTimeout: gate.onTimeout,
      escalateToRole: gate.escalateToRole,
      blocks: new Set(gate.blocks),
      reason: gate.reason,
    });
  }
  return gates;
}

/** The relations `correlate` uses when the policy does not say. */
const ALL_RELATIONS: readonly CorrelationRelation[] = ['related', 'service', 'keywords'];
/** A keyword: letters and digits only (what the tokenizer of `correlate` produces). */
const WORD = /^[\p{L}\p{N}]+$/u;

function checkProblems(
  ctx: Ctx,
  doc: PolicyDocument,
  severities: ReadonlyMap<string, number>,
  roleIds: ReadonlySet<string>,
): ModelProblems {
  const section = doc.problems;
  const base = ['problems'];
  const windowMs =
    section?.window === undefined ? DEFAULT_WINDOW_MS : duration(ctx, section.window, [...base, 'window']);
  if (section?.relations !== undefined) nonEmpty(ctx, section.relations, [...base, 'relations'], 'relation');
  const relations = new Set(section?.relations ?? ALL_RELATIONS);
  const settings = section?.keywords;
  if (settings !== undefined && !relations.has('keywords')) {
    error(
      ctx,
      'conflicting_keys',
      [...base, 'keywords'],
      '`keywords` only apply when `relations` lists `keywords`',
    );
  }
  const kw = [...base, 'keywords'];
  const minShared =
    settings?.minShared === undefined
      ? 2
      : count(ctx, settings.minShared, [...kw, 'minShared'], 1, 3, 'keyword count');
  const minLength =
    settings?.minLength === undefined
      ? 3
      : count(ctx, settings.minLength, [...kw, 'minLength'], 2, 20, 'word length');
  let maxShare = 0.1;
  if (settings?.maxShare !== undefined) {
    const share = checkShare(settings.maxShare, [...kw, 'maxShare']);
    if (isIssue(share)) ctx.issues.push(share);
    else maxShare = share;
  }
  const stopWords = new Set<string>();
  for (const [index, word] of (settings?.stopWords ?? []).entries()) {
    if (WORD.test(word)) stopWords.add(word.toLowerCase());
    else {
      error(
        ctx,
        'invalid_value',
        [...kw, 'stopWords', index],
        `stop word ${quote(word)} is not one word: keywords are letters and digits only`,
      );
    }
  }

  const list = section?.rules ?? [];
  listIds(ctx, list, [...base, 'rules'], 'problem rule');
  const rules: ModelProblemRule[] = [];
  for (const [index, rule] of list.entries()) {
    const path = [...base, 'rules', index];
    const fn = rule.when === undefined ? undefined : condition(ctx, rule.when, [...path, 'when']);
    const threshold = rule.threshold;
    const at = [...path, 'threshold'];
    const tickets = count(ctx, threshold.tickets, [...at, 'tickets'], 2, 100_000, 'ticket count');
    const withinMs =
      threshold.within === undefined ? undefined : duration(ctx, threshold.within, [...at, 'within']);
    const by = threshold.by ?? 'group';
    const services =
      threshold.services === undefined
        ? 1
        : count(ctx, threshold.services, [...at, 'services'], 1, 100, 'service count');
    if (by === 'service' && services !== undefined && services > 1) {
      error(
        ctx,
        'conflicting_keys',
        [...at, 'services'],
        '`services` above 1 only applies with `by: "group"`: the tickets of one service span one service',
        rule.id,
      );
    }
    reference(ctx, 'severity', rule.severity, severities, [...path, 'severity']);
    if (rule.actions !== undefined) nonEmpty(ctx, rule.actions, [...path, 'actions'], 'action');
    for (const [i, action] of (rule.actions ?? []).entries()) {
      if (action.kind === 'notify')
        references(ctx, 'role', action.to, roleIds, [...path, 'actions', i, 'to'], ['owner', 'secondary']);
      else
        reference(ctx, 'role', action.role, roleIds, [...path, 'actions', i, 'role'], ['owner', 'secondary']);
    }
    ignoreCodes(ctx, rule.ignore, [...path, 'ignore'], 'problem rule');
    if (tickets === undefined || services === undefined) continue;
    if (threshold.within !== undefined && withinMs === undefined) continue;
    rules.push({
      id: rule.id,
      index,
      condition: fn,
      tickets,
      withinMs,
      by,
      services,
      severity: rule.severity,
      actions: rule.actions ?? [],
      reason: rule.reason,
    });
  }
  return {
    windowMs: windowMs ?? DEFAULT_WINDOW_MS,
    relations,
    keywords: { minShared: minShared ?? 2, minLength: minLength ?? 3, maxShare, stopWords },
    rules,
  };
}
