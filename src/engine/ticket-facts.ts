import { truthy, type Condition } from '../conditions/index.js';
import { isoString, plainCopy } from '../internal/index.js';
import type { PolicyModel } from '../policy/index.js';
import { membersOf, nextMembersChange } from '../routing/index.js';
import { decideFront } from './front.js';
import type { Assignee } from './types.js';

// What the analysis of many tickets (src/correlate) needs from the engine: one ticket's
// severity, route and status computed exactly as `evaluate` does (the front half), and the
// owners of a queue for a severity at an instant.

/** One ticket as the engine decides it, and the conditions asked about it. */
export interface TicketFacts {
  /** The routed queue and its service line. */
  readonly queue: string;
  readonly serviceLine: string;
  /** The effective severity. */
  readonly severity: string;
  /** The status the ticket's history ends with is one of the policy's `resolvedOn`. */
  readonly resolved: boolean;
  /** Per condition asked: whether it holds on the decision so far; `undefined` when it failed. */
  readonly holds: readonly (boolean | undefined)[];
}

function decideFacts(
  model: PolicyModel,
  ticket: unknown,
  now: number,
  conditions: readonly (Condition | undefined)[],
): TicketFacts {
  const front = decideFront(model, ticket, now, false, undefined);
  // The scope has begun on `front.decided`: conditions see the decision so far.
  const holds = conditions.map((condition): boolean | undefined => {
    if (condition === undefined || front.unreadable) return condition === undefined;
    try {
      return truthy(condition(front.decided));
    } catch {
      return undefined;
    }
  });
  return {
    queue: front.routing.queue,
    serviceLine: front.routing.serviceLine,
    severity: front.severity.id,
    resolved: model.sla.resolvedOn.has(front.decided.derived.status),
    holds,
  };
}

/**
 * Decides a ticket's severity, route and status as `evaluate` does, and whether each given
 * condition holds on the decision so far (`undefined` = no condition: it holds). Never throws
 * on ticket data: data that throws when read is decided again as a plain copy.
 *
 * @internal
 */
export function ticketFacts(
  model: PolicyModel,
  ticket: unknown,
  now: number,
  conditions: readonly (Condition | undefined)[],
): TicketFacts {
  try {
    return decideFacts(model, ticket, now, conditions);
  } catch {
    return decideFacts(model, plainCopy(ticket), now, conditions);
  }
}

function assignee(model: PolicyModel, role: string, now: number): Assignee {
  const until = nextMembersChange(model, role, now);
  return {
    role,
    members: [...membersOf(model, role, now)],
    shiftEndsAt: until === undefined ? null : isoString(until),
  };
}

/**
 * The owner and secondary of a queue for a severity (else `*`), resolved to people at `now`,
 * as routing resolves them: ownership falls to the secondary when nobody fills the primary
 * role; a queue without an owner for the severity falls to the first fallback role.
 *
 * @internal
 */
export function queueOwners(
  model: PolicyModel,
  queueId: string,
  severity: string,
  now: number,
): { readonly owner: Assignee | null; readonly secondary: Assignee | null } {
  const queue = model.routing.queues.find((q) => q.id === queueId);
  const entry = queue?.owners.get(severity) ?? queue?.owners.get('*');
  if (entry === undefined) {
    const role = model.fallback.notify[0];
    return { owner: role === undefined ? null : assignee(model, role, now), secondary: null };
  }
  const primary = assignee(model, entry.primary, now);
  const secondary = entry.secondary === undefined ? null : assignee(model, entry.secondary, now);
  const owner =
    primary.members.length === 0 && secondary !== null && secondary.members.length > 0 ? secondary : primary;
  return { owner, secondary };
}

/**
 * The people filling a role at an instant (a copy).
 *
 * @internal
 */
export function roleMembers(model: PolicyModel, role: string, now: number): string[] {
  return [...membersOf(model, role, now)];
}
