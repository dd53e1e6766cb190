import { nextOpening } from '../calendar/index.js';
import type { Issue, IssueCode } from '../errors/index.js';
import { civilFromDays, daysFromCivil, quote, toEpochMs, type Instant } from '../internal/index.js';
import { formatMs } from './check-policy.js';
import { modelOf, type Policy } from './compile-policy.js';
import { implies, isAlwaysTrue } from './implies.js';
import type { Holiday } from '../calendar/index.js';
import type { OneOrMore, PolicyDocument } from './policy-document.js';
import type { PolicyModel } from './policy-model.js';

/** Options of {@link lintPolicy}. */
export interface LintPolicyOptions {
  /** The instant checks that depend on the date (governance review, holiday years) use; they are skipped without it. */
  readonly now?: Instant | undefined;
}

type Path = readonly (string | number)[];

interface Lint {
  readonly findings: Issue[];
  readonly doc: PolicyDocument;
  readonly model: PolicyModel;
}

function finding(
  lint: Lint,
  code: IssueCode,
  path: Path,
  message: string,
  owner?: { readonly id: string; readonly ignore?: readonly string[] | undefined },
): void {
  if (owner?.ignore?.includes(code) === true) return;
  lint.findings.push(
    owner === undefined
      ? { code, severity: 'warning', path, message }
      : { code, severity: 'warning', path, message, ruleId: owner.id },
  );
}

const list = (value: OneOrMore | undefined): readonly string[] | undefined =>
  value === undefined ? undefined : typeof value === 'string' ? [value] : value;

/** True when every value `inner` allows, `outer` allows too (`undefined` = any). */
function covers(outer: readonly string[] | undefined, inner: readonly string[] | undefined): boolean {
  if (outer === undefined) return true;
  if (inner === undefined) return false;
  return inner.every((value) => outer.includes(value));
}

/** First-match lists: a rule whose condition implies an earlier rule's can never match first. */
function shadowing(
  lint: Lint,
  rules: readonly {
    readonly id: string;
    readonly when?: unknown;
    readonly ignore?: readonly string[] | undefined;
  }[],
  path: Path,
  kind: string,
): void {
  for (const [j, later] of rules.entries()) {
    const earlier = rules.slice(0, j);
    const always = earlier.find((rule) => rule.when === undefined || isAlwaysTrue(rule.when));
    const broader =
      later.when === undefined ? undefined : earlier.find((rule) => implies(later.when, rule.when));
    let why: string | undefined;
    if (always !== undefined) why = `${kind} ${quote(always.id)} before it matches every ticket`;
    else if (broader !== undefined)
      why = `every ticket it matches is matched first by ${kind} ${quote(broader.id)}`;
    else if (
      later.when !== undefined &&
      earlier.length > 1 &&
      implies(later.when, { or: earlier.map((rule) => rule.when) })
    ) {
      why = `every ticket it matches is matched first by one of the ${kind}s before it`;
    }
    if (why !== undefined)
      finding(
        lint,
        'shadowed_rule',
        [...path, j],
        `${kind} ${quote(later.id)} can never match: ${why}`,
        later,
      );
  }
}

function targets(lint: Lint): void {
  const { doc } = lint;
  const entries = doc.sla.targets;
  for (const [j, later] of entries.entries()) {
    for (let i = 0; i < j; i++) {
      const earlier = entries[i];
      if (earlier === undefined) continue;
      if (
        covers(list(earlier.severity), list(later.severity)) &&
        covers(list(earlier.tier), list(later.tier)) &&
        covers(list(earlier.queue), list(later.queue))
      ) {
        finding(
          lint,
          'unreachable_target',
          ['sla', 'targets', j],
          `target ${quote(later.id)} can never apply: target ${quote(earlier.id)} before it matches every ticket it matches`,
          later,
        );
        break;
      }
    }
  }
  for (const [index, severity] of doc.severities.entries()) {
    const has = entries.some((target) => list(target.severity)?.includes(severity.id) ?? true);
    if (!has) {
      finding(
        lint,
        'severity_without_target',
        ['severities', index],
        `severity ${quote(severity.id)} has no SLA target`,
      );
    }
  }
  // Warnings that would fire at or before the clock starts.
  for (const target of lint.model.sla.targets) {
    const source = doc.sla.targets[target.index];
    for (const metric of target.metrics) {
      for (const point of metric.warnAt) {
        if (point.kind !== 'offset' || -point.ms < metric.targetMs) continue;
        finding(
          lint,
          'warning_after_target',
          ['sla', 'targets', target.index, 'metrics', metric.metric],
          `target ${quote(target.id)}: the \`${formatMs(-point.ms)} before\` warning of \`${metric.metric}\` comes at or before the clock starts (target ${formatMs(metric.targetMs)})`,
          source,
        );
      }
    }
  }
}

function triggers(lint: Lint): void {
  const metrics = lint.model.sla.targets.flatMap((target) => target.metrics.map((m) => ({ target, m })));
  for (const rule of lint.model.escalation.rules) {
    const { trigger } = rule;
    if (trigger.kind !== 'clock') continue;
    const source = lint.doc.escalation?.rules[rule.index];
    const watched = metrics.filter(({ m }) => m.metric === trigger.metric);
    if (watched.length === 0) {
      finding(
        lint,
        'trigger_never_fires',
        ['escalation', 'rules', rule.index, 'on', 'clock'],
        `rule ${quote(rule.id)} watches the \`${trigger.metric}\` clock, which no SLA target defines`,
        source,
      );
      continue;
    }
    // A lead time as long as a target fires when that clock starts, not before its breach.
    if (trigger.at.kind !== 'offset' || trigger.at.ms >= 0) continue;
    const lead = -trigger.at.ms;
    for (const { target, m } of watched) {
      if (lead < m.targetMs) continue;
      finding(
        lint,
        'warning_after_target',
        ['escalation', 'rules', rule.index, 'on', 'at'],
        `rule ${quote(rule.id)}: \`${formatMs(lead)} before\` comes at or before the \`${trigger.metric}\` clock starts for target ${quote(target.id)} (${formatMs(m.targetMs)})`,
        source,
      );
    }
  }
}

function holidayYears(holiday: Holiday): [number, number] | undefined {
  if ('date' in holiday) {
    const year = Number(holiday.date.slice(0, 4));
    return [year, year];
  }
  if ('from' in holiday) return [Number(holiday.from.slice(0, 4)), Number(holiday.to.slice(0, 4))];
  return undefined;
}

function calendars(lint: Lint, nowMs: number | undefined): void {
  if (nowMs === undefined) return;
  const today = civilFromDays(Math.floor(nowMs / 86_400_000));
  // From October on, next year's holidays are due too: deadlines soon cross into January.
  const years = today.month >= 10 ? [today.year, today.year + 1] : [today.year];
  for (const [name, def] of Object.entries(lint.doc.calendars)) {
    const dated = (def.holidays ?? []).map(holidayYears).filter((range) => range !== undefined);
    if (dated.length === 0) continue;
    const missing = years.filter((year) => !dated.some(([from, to]) => from <= year && year <= to));
    const [year] = missing;
    if (year === undefined) continue;
    const first = Math.min(...dated.map(([from]) => from));
    const last = Math.max(...dated.map(([, to]) => to));
    const span = first === last ? String(first) : `${String(first)}–${String(last)}`;
    finding(
      lint,
      'holidays_outside_years',
      ['calendars', name, 'holidays'],
      `calendar ${quote(name)} lists dated holidays only for ${span}, none in ${String(year)}: add ${year === today.year ? "this year's" : "next year's"}, or use \`annual\` dates`,
    );
  }
}

/** Roles that can never resolve to anyone: schedules whose every layer is restricted to closed hours. */
function emptyRoles(lint: Lint): Set<string> {
  const empty = new Set<string>();
  for (const [name, role] of lint.model.roles) {
    if (role.kind !== 'schedule') continue;
    const schedule = lint.model.schedules.get(role.schedule);
    if (schedule === undefined || schedule.overrides.length > 0) continue;
    const never = schedule.layers.every(
      (layer) => layer.restrictions !== undefined && nextOpening(layer.restrictions, 0) === null,
    );
    if (!never) continue;
    empty.add(name);
    finding(
      lint,
      'role_without_members',
      ['roles', name, 'schedule'],
      `role ${quote(name)} resolves to nobody: every layer of schedule ${quote(role.schedule)} is restricted to hours that never come`,
    );
  }
  return empty;
}

function ownership(lint: Lint, empty: ReadonlySet<string>): void {
  const { doc, model } = lint;
  // Transfers on unacknowledged ownership that apply to every ticket (no `when`), in the
  // order they fire: a conditional transfer may not apply, and lint must not cry wolf.
  const transfers = model.escalation.rules
    .filter((rule) => rule.trigger.kind === 'unacknowledged' && rule.condition === undefined)
    .sort((a, b) =>
      a.trigger.kind === 'unacknowledged' && b.trigger.kind === 'unacknowledged'
        ? a.trigger.ms - b.trigger.ms
        : 0,
    )
    .flatMap((rule) =>
      rule.actions.flatMap((action) => (action.kind === 'transferOwnership' ? [action.to] : [])),
    );
  for (const queue of model.routing.queues) {
    const source = doc.routing.queues[queue.index];
    for (const [severity, owner] of queue.owners) {
      const path = ['routing', 'queues', queue.index, 'owners', severity];
      for (const role of [owner.primary, owner.secondary]) {
        if (role !== undefined && empty.has(role)) {
          finding(
            lint,
            'role_without_members',
            path,
            `queue ${quote(queue.id)}: owner role ${quote(role)} resolves to nobody`,
            source,
          );
        }
      }
      // The owner, then each transfer in firing order (`secondary` is the entry's secondary).
      const chain = [owner.primary];
      if (owner.secondary === owner.primary) chain.push(owner.secondary);
      for (const to of transfers) {
        const role = to === 'secondary' ? owner.secondary : to;
        if (role !== undefined) chain.push(role);
      }
      const repeat = chain.findIndex((role, index) => chain.indexOf(role) !== index);
      if (repeat === -1) continue;
      finding(
        lint,
        'ownership_cycle',
        path,
        `queue ${quote(queue.id)}: ownership of \`${severity}\` tickets returns to a role that already had it (${chain.slice(0, repeat + 1).join(' → ')})`,
        source,
      );
    }
    const missing = [...model.severityRank.keys()].filter((severity) => !queue.owners.has(severity));
    if (!queue.owners.has('*') && missing.length > 0) {
      finding(
        lint,
        'queue_without_owner',
        ['routing', 'queues', queue.index, 'owners'],
        `queue ${quote(queue.id)} has no owner for ${missing.map((s) => `\`${s}\``).join(', ')} (add them or \`*\`)`,
        source,
      );
    }
  }
}

function approvers(lint: Lint, empty: ReadonlySet<string>): void {
  const { doc, model } = lint;
  for (const gate of model.gates) {
    const source = doc.approvals?.gates[gate.index];
    const path = ['approvals', 'gates', gate.index, 'approvers'];
    const resolvable = gate.approvers.filter((role) => !empty.has(role));
    if (resolvable.length === 0) {
      finding(
        lint,
        'unresolvable_approvers',
        path,
        `gate ${quote(gate.id)} can never be granted: its approvers resolve to nobody`,
        source,
      );
      continue;
    }
    // With fixed members only, a count quorum above the number of people can never be met.
    const people = new Set<string>();
    let fixed = true;
    for (const role of resolvable) {
      const definition = model.roles.get(role);
      if (definition?.kind === 'members') for (const member of definition.members) people.add(member);
      else fixed = false;
    }
    if (fixed && gate.quorum.kind === 'count' && gate.quorum.count > people.size) {
      finding(
        lint,
        'unresolvable_approvers',
        ['approvals', 'gates', gate.index, 'quorum'],
        `gate ${quote(gate.id)} needs ${String(gate.quorum.count)} approvals but its approver roles have ${String(people.size)} people`,
        source,
      );
    }
  }
}

function governance(lint: Lint, nowMs: number | undefined): void {
  const rule = lint.model.governance;
  if (rule === undefined || nowMs === undefined) return;
  const reviewed = civilFromDays(rule.reviewedAtDays);
  const monthIndex = reviewed.year * 12 + (reviewed.month - 1) + rule.every.months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  // Adding months clamps to the month's last day (Jan 31 + 1 month = Feb 28/29).
  const lastDay = civilFromDays(
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1,
  ).day;
  const due = daysFromCivil(year, month, Math.min(reviewed.day, lastDay)) + rule.every.days;
  const today = Math.floor(nowMs / 86_400_000);
  if (today <= due) return;
  const dueDate = civilFromDays(due);
  const iso = `${String(dueDate.year)}-${String(dueDate.month).padStart(2, '0')}-${String(dueDate.day).padStart(2, '0')}`;
  finding(
    lint,
    'review_overdue',
    ['governance', 'reviewedAt'],
    `policy review overdue since ${iso} (${String(today - due)} days): last reviewed ${lint.doc.governance?.reviewedAt ?? ''}, every ${lint.doc.governance?.reviewEvery ?? ''}`,
  );
}

/** Problem rules that can never fire: they need several services in groups of one service. */
function problems(lint: Lint): void {
  const { model, doc } = lint;
  const relations = model.problems.relations;
  if (relations.has('related') || relations.has('keywords')) return;
  for (const rule of model.problems.rules) {
    if (rule.services < 2) continue;
    finding(
      lint,
      'trigger_never_fires',
      ['problems', 'rules', rule.index, 'threshold', 'services'],
      `problem rule ${quote(rule.id)} needs ${String(rule.services)} services, but with \`relations: ["service"]\` every group has one`,
      doc.problems?.rules[rule.index],
    );
  }
}

/**
 * Static analysis of a compiled policy, for authors to run before shipping: rules that
 * can never match, severities without targets, warnings that come too early, calendars
 * whose holidays are out of date, roles that resolve to nobody, ownership that cycles,
 * gates that can never be granted, queues without owners, problem rules that can never
 * fire and an overdue review.
 * Findings an author has accepted are listed in that rule's `ignore`.
 *
 * @param policy - A policy from {@link compilePolicy}.
 * @param options - `now` enables the date checks (governance review, holiday years).
 * @returns The compile warnings, then every finding as a warning `Issue` with code, path and message.
 * @throws `TypeError` when `policy` is not a compiled policy; `RangeError` for an invalid `now`.
 * @example
 * ```ts
 * lintPolicy(policy, { now: '2026-11-26T09:00:00Z' }).map((f) => f.code)
 * //=> ['severity_without_target', 'review_overdue']
 * ```
 */
export function lintPolicy(policy: Policy, options: LintPolicyOptions = {}): Issue[] {
  const model = modelOf(policy, 'lintPolicy');
  const nowMs = options.now === undefined ? undefined : toEpochMs(options.now, 'lintPolicy', 'now');
  const doc = policy.definition;
  const lint: Lint = { findings: [], doc, model };
  shadowing(lint, doc.classification.rules, ['classification', 'rules'], 'rule');
  shadowing(lint, doc.routing.queues, ['routing', 'queues'], 'queue');
  targets(lint);
  triggers(lint);
  calendars(lint, nowMs);
  const empty = emptyRoles(lint);
  ownership(lint, empty);
  approvers(lint, empty);
  governance(lint, nowMs);
  problems(lint);
  return [...policy.warnings, ...lint.findings];
}
