import { truthy } from '../conditions/index.js';
import type { Issue } from '../errors/index.js';
import { quote } from '../internal/index.js';
import type { ModelQueue, PolicyModel } from '../policy/index.js';
import { nextOnCallChange, onCallIn } from './on-call.js';

/** A role and the people who can take the ticket now. */
export interface ResolvedRole {
  readonly role: string;
  readonly members: readonly string[];
  /** The next on-call handoff of the role (`undefined` for fixed members). */
  readonly until: number | undefined;
}

/** A step of the routing trace. */
export interface RoutingTraceEntry {
  readonly step: 'routing';
  readonly id: string;
  readonly outcome: 'matched' | 'not_matched' | 'errored' | 'skipped';
  readonly detail?: string | undefined;
}

/** Where a ticket goes and who owns it. */
export interface RoutingResult {
  readonly queue: string;
  readonly serviceLine: string;
  readonly owner: ResolvedRole;
  readonly secondary: ResolvedRole | null;
  readonly ruleId: string | null;
  readonly reason: string;
  readonly runbooks: ModelQueue['runbooks'];
  readonly issues: readonly Issue[];
  readonly trace: readonly RoutingTraceEntry[];
  /** The next instant at which the owner or secondary changes (an on-call handoff), if any. */
  readonly nextChangeAt: number | undefined;
}

/** Who is out (unavailable) or full (overloaded) now. */
export interface Availability {
  readonly unavailable: ReadonlySet<string>;
  readonly overloaded: ReadonlySet<string>;
}

/**
 * The next on-call handoff of a role after `at` (`undefined` for fixed members).
 *
 * @internal
 */
export function nextMembersChange(model: PolicyModel, role: string, at: number): number | undefined {
  const definition = model.roles.get(role);
  if (definition?.kind !== 'schedule') return undefined;
  const schedule = model.schedules.get(definition.schedule);
  return schedule === undefined ? undefined : nextOnCallChange(schedule, at);
}

/**
 * The people filling a role at an instant: its members, or whoever is on call.
 *
 * @internal
 */
export function membersOf(model: PolicyModel, role: string, at: number): readonly string[] {
  const definition = model.roles.get(role);
  if (definition === undefined) return [];
  if (definition.kind === 'members') return definition.members;
  const schedule = model.schedules.get(definition.schedule);
  return schedule === undefined ? [] : onCallIn(schedule, at);
}

/** The members who are neither unavailable nor overloaded, in order (a new array). */
function availableOf(members: readonly string[], availability: Availability): string[] {
  const out: string[] = [];
  for (const person of members)
    if (!availability.unavailable.has(person) && !availability.overloaded.has(person)) out.push(person);
  return out;
}

/**
 * Routes a ticket: the first queue whose condition holds (else the default), its owners for
 * the severity (else `*`), resolved to people at `now`; ownership falls to the secondary
 * when nobody of the primary role is available. A failing queue condition routes to the
 * fallback queue. With `owners` false the roles are not resolved to people (`members` empty,
 * no handoff): for callers that read only the queue and service line.
 *
 * @internal
 */
export function routeTicket(
  model: PolicyModel,
  severity: string,
  data: unknown,
  now: number,
  availability: Availability,
  useFallback = false,
  explain = true,
  owners = true,
): RoutingResult {
  const issues: Issue[] = [];
  // Built only when asked for: most evaluations do not explain.
  const trace: RoutingTraceEntry[] | undefined = explain ? [] : undefined;
  let chosen: ModelQueue | undefined;
  let reason = '';
  let ruleId: string | null = null;
  let failed = useFallback;
  for (const queue of model.routing.queues) {
    if (chosen !== undefined || failed) {
      trace?.push({ step: 'routing', id: queue.id, outcome: 'skipped' });
      continue;
    }
    let holds = true;
    if (queue.condition !== undefined) {
      try {
        holds = truthy(queue.condition(data));
      } catch {
        failed = true;
        issues.push({
          code: 'condition_failed',
          severity: 'error',
          path: [],
          message: `the condition of queue ${quote(queue.id)} failed on the ticket's data: the fallback queue applies`,
          ruleId: queue.id,
        });
        trace?.push({ step: 'routing', id: queue.id, outcome: 'errored' });
        continue;
      }
    }
    trace?.push({ step: 'routing', id: queue.id, outcome: holds ? 'matched' : 'not_matched' });
    if (holds) {
      chosen = queue;
      ruleId = queue.id;
      reason =
        queue.condition === undefined
          ? `queue ${quote(queue.id)} takes every ticket that reaches it`
          : `queue ${quote(queue.id)} matched`;
    }
  }
  if (chosen === undefined) {
    chosen = failed ? model.routing.fallback : model.routing.default;
    const id = chosen.id;
    reason = useFallback
      ? `the ticket could not be read: the fallback queue ${quote(id)}`
      : failed
        ? `a queue condition failed: the fallback queue ${quote(id)}`
        : `no queue matched: the default queue ${quote(id)}`;
  }
  const queue = chosen;
  const entry = queue.owners.get(severity) ?? queue.owners.get('*');
  const everyone = availability.unavailable.size === 0 && availability.overloaded.size === 0;
  const available = (role: string): ResolvedRole => {
    // Not asked for: the role, with nobody resolved (metrics read only the queue).
    if (!owners) return { role, members: [], until: undefined };
    // The handoff first: finding it remembers who is on call until then.
    const until = nextMembersChange(model, role, now);
    const members = membersOf(model, role, now);
    return {
      role,
      // A copy: a decision shares nothing with the policy.
      // Spread and a loop rather than slice and filter: policy arrays are frozen, and V8's
      // slice and filter of a frozen array take a slow path (about ten times slower).
      members: everyone ? [...members] : availableOf(members, availability),
      until,
    };
  };
  if (entry === undefined) {
    issues.push({
      code: 'no_owner',
      severity: 'error',
      path: [],
      message: `queue ${quote(queue.id)} has no owner for severity ${quote(severity)}: the fallback roles are notified`,
    });
    const role = model.fallback.notify[0] ?? '';
    const owner = available(role);
    return {
      queue: queue.id,
      serviceLine: queue.serviceLine,
      owner,
      secondary: null,
      ruleId,
      reason,
      runbooks: queue.runbooks,
      issues,
      trace: trace ?? [],
      nextChangeAt: owner.until,
    };
  }
  const primary = available(entry.primary);
  const secondary = entry.secondary === undefined ? null : available(entry.secondary);
  let owner = primary;
  if (owners && primary.members.length === 0 && secondary !== null && secondary.members.length > 0) {
    owner = secondary;
    reason += `; nobody of \`${entry.primary}\` can take it now, so it falls to \`${secondary.role}\``;
  }
  const a = primary.until;
  const b = secondary?.until;
  return {
    queue: queue.id,
    serviceLine: queue.serviceLine,
    owner,
    secondary,
    ruleId,
    reason,
    runbooks: queue.runbooks,
    issues,
    trace: trace ?? [],
    nextChangeAt: a === undefined ? b : b === undefined ? a : Math.min(a, b),
  };
}
