import type { Issue } from '../errors/index.js';
import { MAX_INSTANT_MS, quote } from '../internal/index.js';
import type { ModelGate, PolicyModel } from '../policy/index.js';
import { membersOf } from '../routing/index.js';
import type { NormalizedTicket } from '../ticket/index.js';

/** Where a required gate stands. */
export interface GateState {
  readonly gate: ModelGate;
  readonly status: 'pending' | 'granted' | 'rejected' | 'expired';
  /** Since when the gate is required. */
  readonly since: number;
  /** The approval deadline (`within`), if any. */
  readonly deadline: number | undefined;
  /** When it was granted or rejected (by people or by the timeout). */
  readonly decidedAt: number | undefined;
  /** The people who may approve now. */
  readonly approvers: readonly string[];
  readonly granted: readonly string[];
  readonly rejected: readonly string[];
  readonly reason: string;
}

/**
 * The people of some roles at an instant, each once, in role order.
 *
 * @internal
 */
export function peopleOf(model: PolicyModel, roles: readonly string[], at: number): string[] {
  const out: string[] = [];
  for (const role of roles)
    for (const person of membersOf(model, role, at)) if (!out.includes(person)) out.push(person);
  return out;
}

/**
 * A quorum as written: `any`, `all`, a count or a percentage.
 *
 * @internal
 */
export function quorumLabel(gate: ModelGate): string {
  let label = quorumLabels.get(gate);
  if (label === undefined) {
    const quorum = gate.quorum;
    if (quorum.kind === 'count') label = String(quorum.count);
    else if (quorum.kind === 'fraction') label = `${String(Math.round(quorum.fraction * 10_000) / 100)}%`;
    else label = quorum.kind;
    quorumLabels.set(gate, label);
  }
  return label;
}

/** Labels remembered per gate of a compiled policy: every decision shows every gate's. */
const quorumLabels = new WeakMap<ModelGate, string>();

function neededOf(gate: ModelGate, approvers: number): number {
  const quorum = gate.quorum;
  if (quorum.kind === 'any') return 1;
  if (quorum.kind === 'all') return Math.max(1, approvers);
  if (quorum.kind === 'count') return quorum.count;
  // A small epsilon keeps 50% of 4 at 2 despite binary fractions.
  return Math.max(1, Math.ceil(quorum.fraction * approvers - 1e-9));
}

/**
 * The state of a gate required since `since` (docs/escalation.md, Approval gates): grants and
 * rejections by approvers count from `since`, each person's latest decision; quorum grants;
 * enough rejections that quorum can no longer be reached reject; at the deadline a pending
 * gate is approved, rejected or expired (escalated) as `onTimeout` says, and once expired a
 * person of `escalateToRole` decides alone.
 *
 * @internal
 */
export function gateState(
  model: PolicyModel,
  gate: ModelGate,
  since: number,
  ticket: NormalizedTicket,
  now: number,
  issues: Issue[],
  countFrom: number = since,
): GateState {
  const approvers = peopleOf(model, gate.approvers, now);
  const needed = neededOf(gate, approvers.length);
  // A deadline beyond the last representable instant (a duration of centuries) is none.
  const deadline =
    gate.withinMs === undefined || since + gate.withinMs > MAX_INSTANT_MS ? undefined : since + gate.withinMs;
  const granted: string[] = [];
  const rejected: string[] = [];
  let status = 'pending' as GateState['status'];
  let decidedAt: number | undefined;
  let reason = '';
  const timeout = (at: number): void => {
    decidedAt = at;
    const within = `not decided within the deadline`;
    switch (gate.onTimeout) {
      case 'approve':
        status = 'granted';
        reason = `${within}: approved by the timeout`;
        break;
      case 'reject':
        status = 'rejected';
        reason = `${within}: rejected by the timeout`;
        break;
      case 'escalate':
        status = 'expired';
        decidedAt = undefined;
        reason = `${within}: escalated to ${quote(gate.escalateToRole ?? '')}`;
        break;
      case undefined:
        status = 'expired';
        decidedAt = undefined;
        reason = within;
        break;
    }
  };
  const remove = (list: string[], person: string): void => {
    const at = list.indexOf(person);
    if (at >= 0) list.splice(at, 1);
  };
  for (const event of ticket.events) {
    if (event.type !== 'approvalGranted' && event.type !== 'approvalRejected') continue;
    if (event.gate !== gate.id || event.at < countFrom) continue;
    if (status === 'pending' && deadline !== undefined && event.at >= deadline) timeout(deadline);
    if (status === 'granted' || status === 'rejected') break;
    const person = event.by;
    const grants = event.type === 'approvalGranted';
    // A decision counts by who filled the roles when it was made: a grant stays a grant after
    // the approver's shift ends.
    const approversThen = peopleOf(model, gate.approvers, event.at);
    const neededThen = neededOf(gate, approversThen.length);
    if (
      status === 'expired' &&
      gate.escalateToRole !== undefined &&
      membersOf(model, gate.escalateToRole, event.at).includes(person)
    ) {
      status = grants ? 'granted' : 'rejected';
      decidedAt = event.at;
      (grants ? granted : rejected).push(person);
      reason = `${grants ? 'granted' : 'rejected'} by ${quote(gate.escalateToRole)} after the deadline`;
      break;
    }
    if (!approversThen.includes(person)) {
      issues.push({
        code: 'approval_ignored',
        severity: 'warning',
        path: ['events', event.index, 'by'],
        message: `approval decision ignored: the person is not an approver of gate ${quote(gate.id)}`,
      });
      continue;
    }
    remove(granted, person);
    remove(rejected, person);
    (grants ? granted : rejected).push(person);
    if (granted.length >= neededThen) {
      status = 'granted';
      decidedAt = event.at;
      reason = `granted: ${String(granted.length)} of ${String(neededThen)} needed`;
    } else if (approversThen.length - rejected.length < neededThen) {
      status = 'rejected';
      decidedAt = event.at;
      reason = `rejected: the quorum of ${String(neededThen)} can no longer be reached`;
    }
  }
  if (status === 'pending' && deadline !== undefined && deadline <= now) timeout(deadline);
  if (status === 'pending') {
    reason =
      approvers.length < needed
        ? `waiting, but only ${String(approvers.length)} approvers can decide and ${String(needed)} are needed`
        : `waiting for ${String(needed - granted.length)} more of ${String(needed)} grants`;
  }
  return {
    gate,
    status,
    since,
    deadline,
    decidedAt,
    approvers,
    granted,
    rejected,
    reason,
  };
}

/**
 * The gates guarding a severity override (`on: severityUpgrade | severityDowngrade`, with
 * `from` / `to`) that apply to a change from `previous` to `next`.
 *
 * @internal
 */
export function overrideGates(model: PolicyModel, previous: string, next: string): ModelGate[] {
  const before = model.severityRank.get(previous);
  const after = model.severityRank.get(next);
  if (before === undefined || after === undefined || before === after) return [];
  const direction = after < before ? 'severityUpgrade' : 'severityDowngrade';
  return model.gates.filter(
    (gate) =>
      gate.on === direction &&
      (gate.from === undefined || gate.from.has(previous)) &&
      (gate.to === undefined || gate.to.has(next)),
  );
}
