import type {
  ApprovalDecision,
  Clock,
  CommunicationDecision,
  Decision,
  DecisionAction,
  UpcomingAction,
  WithheldAction,
} from '../engine/index.js';
import type { MetricName } from '../policy/index.js';
import type { ActionChange, Change, ChangeKind, ClockChange } from './types.js';

/** The metrics in the order of `MetricName` (the order decisions list their clocks in). */
export const METRICS: readonly MetricName[] = Object.keys({
  acknowledge: 0,
  firstResponse: 0,
  nextResponse: 0,
  periodicUpdate: 0,
  resolution: 0,
} satisfies Record<MetricName, 0>) as MetricName[];

/** The change kinds in the order a ticket's changes are listed. */
export const CHANGE_KINDS: readonly ChangeKind[] = Object.keys({
  status: 0,
  severity: 0,
  queue: 0,
  owner: 0,
  secondary: 0,
  clock: 0,
  action: 0,
  upcoming: 0,
  withheld: 0,
  approval: 0,
  communication: 0,
  validation: 0,
  nextEvaluationAt: 0,
} satisfies Record<ChangeKind, 0>) as ChangeKind[];

/**
 * Plain code-unit order: independent of the host's locale.
 *
 * @internal
 */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The ids of both sides, each once, in code-unit order. */
function unionIds<T>(before: readonly T[], after: readonly T[], id: (entry: T) => string): string[] {
  const ids = new Set<string>();
  for (const entry of before) ids.add(id(entry));
  for (const entry of after) ids.add(id(entry));
  return [...ids].sort(byCodeUnit);
}

function presence(from: unknown, to: unknown): 'added' | 'removed' | 'changed' {
  return from === undefined ? 'added' : to === undefined ? 'removed' : 'changed';
}

function compareClocks(before: readonly Clock[], after: readonly Clock[], out: Change[]): void {
  if (before.length === 0 && after.length === 0) return;
  for (const metric of METRICS) {
    const from = before.find((clock) => clock.metric === metric);
    const to = after.find((clock) => clock.metric === metric);
    if (from === undefined && to === undefined) continue;
    if (
      from !== undefined &&
      to !== undefined &&
      from.state === to.state &&
      from.deadline === to.deadline &&
      from.target.durationMs === to.target.durationMs &&
      from.target.calendar === to.target.calendar
    )
      continue;
    const change: ClockChange = {
      kind: 'clock',
      metric,
      change: presence(from, to),
      targetId: { from: from?.targetId ?? null, to: to?.targetId ?? null },
      durationMs: { from: from?.target.durationMs ?? null, to: to?.target.durationMs ?? null },
      calendar: { from: from?.target.calendar ?? null, to: to?.target.calendar ?? null },
      state: { from: from?.state ?? null, to: to?.state ?? null },
      deadline: { from: from?.deadline ?? null, to: to?.deadline ?? null },
    };
    out.push(change);
  }
}

type Keyed = DecisionAction | UpcomingAction | WithheldAction;

/** Where an action change sorts: its due instant (the earlier one when it moved), then key and kind. */
function actionOrder(a: ActionChange, b: ActionChange): number {
  return (
    byCodeUnit(earliest(a.dueAt), earliest(b.dueAt)) ||
    byCodeUnit(a.key, b.key) ||
    byCodeUnit(a.actionKind, b.actionKind)
  );
}

// INVARIANT: instants in decisions are ISO strings of one fixed shape, so code-unit order is time order.
function earliest(dueAt: ActionChange['dueAt']): string {
  const { from, to } = dueAt;
  return from === null ? (to ?? '') : to === null || from <= to ? from : to;
}

/**
 * Actions are the same action when they have the same idempotency key (ticket, rule, cycle,
 * step, action index) and kind; a key whose kind differs is one removed and one added.
 */
function compareActions(
  kind: ActionChange['kind'],
  before: readonly Keyed[],
  after: readonly Keyed[],
  out: Change[],
): void {
  if (before.length === 0 && after.length === 0) return;
  const toByKey = new Map<string, Keyed>();
  for (const action of after) toByKey.set(action.key, action);
  const changes: ActionChange[] = [];
  const matched = new Set<string>();
  for (const from of before) {
    const to = toByKey.get(from.key);
    if (to !== undefined && to.kind === from.kind) {
      matched.add(from.key);
      if (from.dueAt !== to.dueAt) {
        changes.push({
          kind,
          key: from.key,
          ruleId: to.ruleId,
          actionKind: to.kind,
          change: 'changed',
          dueAt: { from: from.dueAt, to: to.dueAt },
        });
      }
      continue;
    }
    changes.push({
      kind,
      key: from.key,
      ruleId: from.ruleId,
      actionKind: from.kind,
      change: 'removed',
      dueAt: { from: from.dueAt, to: null },
    });
  }
  for (const to of after) {
    if (matched.has(to.key)) continue;
    changes.push({
      kind,
      key: to.key,
      ruleId: to.ruleId,
      actionKind: to.kind,
      change: 'added',
      dueAt: { from: null, to: to.dueAt },
    });
  }
  if (changes.length > 1) changes.sort(actionOrder);
  for (const change of changes) out.push(change);
}

/** A gate's status, where a gate the policy does not define counts as `not_required`. */
function gateStatus(gate: ApprovalDecision | undefined): ApprovalDecision['status'] {
  return gate === undefined ? 'not_required' : gate.status;
}

function compareApprovals(
  before: readonly ApprovalDecision[],
  after: readonly ApprovalDecision[],
  out: Change[],
): void {
  if (before.length === 0 && after.length === 0) return;
  for (const gate of unionIds(before, after, (approval) => approval.gate)) {
    const from = before.find((approval) => approval.gate === gate);
    const to = after.find((approval) => approval.gate === gate);
    const fromStatus = gateStatus(from);
    const toStatus = gateStatus(to);
    const fromDue = from?.dueAt ?? null;
    const toDue = to?.dueAt ?? null;
    if (fromStatus === toStatus && fromDue === toDue) continue;
    out.push({
      kind: 'approval',
      gate,
      change: fromStatus === 'not_required' ? 'added' : toStatus === 'not_required' ? 'removed' : 'changed',
      status: { from: from?.status ?? null, to: to?.status ?? null },
      dueAt: { from: fromDue, to: toDue },
    });
  }
}

function compareCommunication(
  before: readonly CommunicationDecision[],
  after: readonly CommunicationDecision[],
  out: Change[],
): void {
  if (before.length === 0 && after.length === 0) return;
  for (const cadence of unionIds(before, after, (entry) => entry.cadence)) {
    const from = before.find((entry) => entry.cadence === cadence);
    const to = after.find((entry) => entry.cadence === cadence);
    if (
      from !== undefined &&
      to !== undefined &&
      from.audience === to.audience &&
      from.dueAt === to.dueAt &&
      from.template === to.template &&
      from.blockedBy === to.blockedBy
    )
      continue;
    out.push({
      kind: 'communication',
      cadence,
      audience: { from: from?.audience ?? null, to: to?.audience ?? null },
      change: presence(from, to),
      dueAt: { from: from?.dueAt ?? null, to: to?.dueAt ?? null },
      template: { from: from?.template ?? null, to: to?.template ?? null },
      blockedBy: { from: from?.blockedBy ?? null, to: to?.blockedBy ?? null },
    });
  }
}

function compareValidation(
  before: Decision['validation'],
  after: Decision['validation'],
  out: Change[],
): void {
  if (before.length === 0 && after.length === 0) return;
  const fromPaths = new Set(before.map((finding) => finding.path));
  const toPaths = new Set(after.map((finding) => finding.path));
  for (const path of unionIds(before, after, (finding) => finding.path)) {
    if (fromPaths.has(path) && toPaths.has(path)) continue;
    out.push({ kind: 'validation', path, change: toPaths.has(path) ? 'added' : 'removed' });
  }
}

/**
 * The differences between two decisions of the same ticket at the same instant, in
 * {@link CHANGE_KINDS} order; within a kind, clocks in metric order, actions by due instant
 * (the earlier of the two when it moved), key and kind, and everything else by its id (gate,
 * cadence, path), in code-unit order: the order is the same whichever policy comes first. Empty when they agree on
 * everything compared (docs/policy-diff.md lists what is and is not compared).
 *
 * @internal
 */
export function compareDecisions(before: Decision, after: Decision): Change[] {
  const out: Change[] = [];
  if (before.status !== after.status) out.push({ kind: 'status', from: before.status, to: after.status });
  if (before.severity.id !== after.severity.id) {
    out.push({
      kind: 'severity',
      from: before.severity.id,
      to: after.severity.id,
      ruleId: { from: before.severity.ruleId ?? null, to: after.severity.ruleId ?? null },
    });
  }
  const fromRoute = before.routing;
  const toRoute = after.routing;
  if (fromRoute.queue !== toRoute.queue)
    out.push({ kind: 'queue', from: fromRoute.queue, to: toRoute.queue });
  if (
    fromRoute.owner.role !== toRoute.owner.role ||
    !sameList(fromRoute.owner.members, toRoute.owner.members)
  ) {
    out.push({
      kind: 'owner',
      role: { from: fromRoute.owner.role, to: toRoute.owner.role },
      members: { from: [...fromRoute.owner.members], to: [...toRoute.owner.members] },
    });
  }
  const fromSecondary = fromRoute.secondary;
  const toSecondary = toRoute.secondary;
  const fromMembers = fromSecondary?.members ?? [];
  const toMembers = toSecondary?.members ?? [];
  if ((fromSecondary?.role ?? null) !== (toSecondary?.role ?? null) || !sameList(fromMembers, toMembers)) {
    out.push({
      kind: 'secondary',
      role: { from: fromSecondary?.role ?? null, to: toSecondary?.role ?? null },
      members: { from: [...fromMembers], to: [...toMembers] },
    });
  }
  compareClocks(before.clocks, after.clocks, out);
  compareActions('action', before.actions, after.actions, out);
  compareActions('upcoming', before.upcoming, after.upcoming, out);
  compareActions('withheld', before.withheld, after.withheld, out);
  compareApprovals(before.approvals, after.approvals, out);
  compareCommunication(before.communication, after.communication, out);
  compareValidation(before.validation, after.validation, out);
  if (before.nextEvaluationAt !== after.nextEvaluationAt) {
    out.push({ kind: 'nextEvaluationAt', from: before.nextEvaluationAt, to: after.nextEvaluationAt });
  }
  return out;
}
