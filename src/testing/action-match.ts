import type { ActionKind, DecisionAction, Instant, WithheldAction } from '../index.js';
import { toIso } from './instant.js';

/**
 * What an expected action must have; every field given must match, fields left out match
 * anything.
 */
export interface ActionExpectation {
  /** The action kind (`notify`, `page`, `transferOwnership`, `escalateTo`, `requestApproval`, `sendUpdate`). */
  readonly kind?: ActionKind | undefined;
  /** The escalation rule (or gate, or `fallback`) that asks for it. */
  readonly ruleId?: string | undefined;
  /** A person among its `targets`. */
  readonly target?: string | undefined;
  /** A role of its payload: `payload.role` (page, transferOwnership) or one of `payload.roles` (notify), as written (`owner`, `secondary` included). */
  readonly role?: string | undefined;
  /** The queue of an `escalateTo`. */
  readonly queue?: string | undefined;
  /** The gate of a `requestApproval`. */
  readonly gate?: string | undefined;
  /** The audience of a `sendUpdate`. */
  readonly audience?: string | undefined;
  /** When it became due: an ISO string with an offset, epoch milliseconds or a `Date`. */
  readonly dueAt?: Instant | undefined;
}

/** The keys an {@link ActionExpectation} may have. */
export const ACTION_EXPECTATION_KEYS: readonly string[] = [
  'kind',
  'ruleId',
  'target',
  'role',
  'queue',
  'gate',
  'audience',
  'dueAt',
];

/**
 * Whether a due (or withheld) action has everything the expectation asks for.
 *
 * @internal
 */
export function actionMatches(action: DecisionAction | WithheldAction, expected: ActionExpectation): boolean {
  const payload: Readonly<Record<string, unknown>> = 'payload' in action ? action.payload : {};
  const targets: readonly string[] = 'targets' in action ? action.targets : [];
  if (expected.kind !== undefined && action.kind !== expected.kind) return false;
  if (expected.ruleId !== undefined && action.ruleId !== expected.ruleId) return false;
  if (expected.target !== undefined && !targets.includes(expected.target)) return false;
  if (expected.role !== undefined) {
    const roles = payload.roles;
    const inRoles = Array.isArray(roles) && roles.includes(expected.role);
    if (payload.role !== expected.role && !inRoles) return false;
  }
  if (expected.queue !== undefined && payload.queue !== expected.queue) return false;
  if (expected.gate !== undefined && payload.gate !== expected.gate) return false;
  if (expected.audience !== undefined && payload.audience !== expected.audience) return false;
  if (expected.dueAt !== undefined && action.dueAt !== toIso(expected.dueAt)) return false;
  return true;
}

/**
 * An expectation in words: `` `notify` by rule `x` to `a@example.com` ``.
 *
 * @internal
 */
export function describeExpectation(expected: ActionExpectation): string {
  const parts = [expected.kind === undefined ? 'an action' : `\`${expected.kind}\``];
  if (expected.ruleId !== undefined) parts.push(`by rule \`${expected.ruleId}\``);
  if (expected.target !== undefined) parts.push(`targeting \`${expected.target}\``);
  if (expected.role !== undefined) parts.push(`for role \`${expected.role}\``);
  if (expected.queue !== undefined) parts.push(`to queue \`${expected.queue}\``);
  if (expected.gate !== undefined) parts.push(`for gate \`${expected.gate}\``);
  if (expected.audience !== undefined) parts.push(`to the \`${expected.audience}\` audience`);
  if (expected.dueAt !== undefined)
    parts.push(`due at \`${toIso(expected.dueAt) ?? String(expected.dueAt)}\``);
  return parts.join(' ');
}

/** Most actions listed in a message. */
const MAX_LISTED = 8;

/**
 * The actions of a decision in words, for failure messages.
 *
 * @internal
 */
export function describeActions(actions: readonly (DecisionAction | WithheldAction)[]): string {
  if (actions.length === 0) return 'none';
  const listed = actions.slice(0, MAX_LISTED).map((action) => {
    const payload: Readonly<Record<string, unknown>> = 'payload' in action ? action.payload : {};
    const detail =
      typeof payload.role === 'string'
        ? ` (role \`${payload.role}\`)`
        : Array.isArray(payload.roles)
          ? ` (roles ${payload.roles.map((r) => `\`${String(r)}\``).join(', ')})`
          : typeof payload.queue === 'string'
            ? ` (queue \`${payload.queue}\`)`
            : typeof payload.gate === 'string'
              ? ` (gate \`${payload.gate}\`)`
              : typeof payload.audience === 'string'
                ? ` (audience \`${payload.audience}\`)`
                : '';
    return `\`${action.kind}\` by \`${action.ruleId}\`${detail}`;
  });
  const more = actions.length > MAX_LISTED ? ` and ${String(actions.length - MAX_LISTED)} more` : '';
  return `${listed.join(', ')}${more}`;
}
