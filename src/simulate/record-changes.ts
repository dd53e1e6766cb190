import type { Assignee, Decision } from '../engine/index.js';
import type { TimelineEntry } from './types.js';

/** What the timeline has already reported, so that each thing is reported once. */
export interface Seen {
  readonly actions: Set<string>;
  readonly warnings: Set<string>;
  readonly breaches: Set<string>;
  readonly communications: Set<string>;
  readonly issues: Set<string>;
}

/**
 * An empty {@link Seen}.
 *
 * @internal
 */
export function createSeen(): Seen {
  return {
    actions: new Set(),
    warnings: new Set(),
    breaches: new Set(),
    communications: new Set(),
    issues: new Set(),
  };
}

/** Distributes `Omit` over the entry kinds. */
type WithoutInstant<T> = T extends unknown ? Omit<T, 'at' | 'offset'> : never;

/** An entry before it gets its instant. */
export type EntryBody = WithoutInstant<TimelineEntry>;

const sameAssignee = (a: Assignee | null, b: Assignee | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.role === b.role &&
    a.members.length === b.members.length &&
    a.members.every((member, i) => member === b.members[i]));

/**
 * The timeline entries for what changed from `previous` to `decision` (everything, at the
 * first evaluation), in a fixed order: severity, routing, clocks, warnings, breaches,
 * approvals, actions, communications, issues.
 *
 * @internal
 */
export function recordChanges(
  previous: Decision | undefined,
  decision: Decision,
  seen: Seen,
  performed: boolean,
): EntryBody[] {
  const out: EntryBody[] = [];
  const severity = decision.severity;
  if (previous?.severity.id !== severity.id) {
    out.push({
      kind: 'severity',
      severity: severity.id,
      previous: previous?.severity.id ?? null,
      source: severity.source,
      suggested: severity.suggested,
      reason: severity.reason,
    });
  }
  const routing = decision.routing;
  if (
    previous === undefined ||
    previous.routing.queue !== routing.queue ||
    !sameAssignee(previous.routing.owner, routing.owner) ||
    !sameAssignee(previous.routing.secondary, routing.secondary)
  ) {
    out.push({ kind: 'routing', queue: routing.queue, owner: routing.owner, secondary: routing.secondary });
  }

  const warnings: { readonly body: EntryBody; readonly dueAt: string }[] = [];
  for (const clock of decision.clocks) {
    const before = previous?.clocks.find((c) => c.metric === clock.metric);
    const sameCycle = before !== undefined && before.startedAt === clock.startedAt;
    if (
      !sameCycle ||
      before.state !== clock.state ||
      before.deadline !== clock.deadline ||
      before.targetId !== clock.targetId ||
      before.target.durationMs !== clock.target.durationMs ||
      before.target.calendar !== clock.target.calendar ||
      before.breachedAt !== clock.breachedAt ||
      before.stoppedAt !== clock.stoppedAt
    ) {
      out.push({
        kind: 'clock',
        metric: clock.metric,
        state: clock.state,
        previous: sameCycle ? before.state : null,
        targetId: clock.targetId,
        targetMs: clock.target.durationMs,
        calendar: clock.target.calendar,
        startedAt: clock.startedAt,
        deadline: clock.deadline,
        breachedAt: clock.breachedAt,
        stoppedAt: clock.stoppedAt,
      });
    }
    for (const warning of clock.warnings) {
      if (warning.state !== 'passed' || warning.dueAt === null) continue;
      const key = `${clock.metric}|${clock.startedAt}|${warning.at}`;
      if (seen.warnings.has(key)) continue;
      seen.warnings.add(key);
      warnings.push({
        body: { kind: 'warning', metric: clock.metric, point: warning.at, dueAt: warning.dueAt },
        dueAt: warning.dueAt,
      });
    }
  }
  warnings.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
  for (const warning of warnings) out.push(warning.body);
  for (const clock of decision.clocks) {
    if (clock.breachedAt === null) continue;
    const key = `${clock.metric}|${clock.startedAt}`;
    if (seen.breaches.has(key)) continue;
    seen.breaches.add(key);
    out.push({
      kind: 'breach',
      metric: clock.metric,
      startedAt: clock.startedAt,
      breachedAt: clock.breachedAt,
    });
  }

  for (const approval of decision.approvals) {
    const before = previous?.approvals.find((a) => a.gate === approval.gate)?.status ?? 'not_required';
    if (before === approval.status) continue;
    out.push({
      kind: 'approval',
      gate: approval.gate,
      status: approval.status,
      previous: before,
      requiredAt: approval.requiredAt,
      ...(approval.dueAt === undefined ? {} : { dueAt: approval.dueAt }),
      reason: approval.reason,
    });
  }
  for (const action of decision.actions) {
    if (seen.actions.has(action.key)) continue;
    seen.actions.add(action.key);
    out.push({ kind: 'action', action, performed });
  }
  for (const update of decision.communication) {
    if (!update.overdue) continue;
    const key = `${update.cadence}|${update.dueAt}`;
    if (seen.communications.has(key)) continue;
    seen.communications.add(key);
    out.push({
      kind: 'communication',
      cadence: update.cadence,
      audience: update.audience,
      dueAt: update.dueAt,
      template: update.template,
      ...(update.blockedBy === undefined ? {} : { blockedBy: update.blockedBy }),
    });
  }
  for (const issue of decision.issues) {
    const key = `${issue.code}|${issue.path.join('\u0000')}|${issue.message}`;
    if (seen.issues.has(key)) continue;
    seen.issues.add(key);
    out.push({ kind: 'issue', issue });
  }
  return out;
}
