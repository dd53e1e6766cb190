import { truthy } from '../conditions/index.js';
import { plainCopy, quote, toSupportedEpochMs } from '../internal/index.js';
import { modelOf, type ModelInitiation, type Policy, type PolicyModel } from '../policy/index.js';
import type { Issue } from '../errors/index.js';
import { decideFront, type ConditionData, type Front } from './front.js';
import type { AuthorizationResult, AuthorizeEscalationOptions, EscalationRequest } from './types.js';

/** Whether a person can fill a role: a member, or anyone a schedule of it may put on call. */
function canFill(model: PolicyModel, role: string, person: string): boolean {
  const definition = model.roles.get(role);
  if (definition === undefined) return false;
  if (definition.kind === 'members') return definition.members.includes(person);
  const schedule = model.schedules.get(definition.schedule);
  if (schedule === undefined) return false;
  return (
    schedule.layers.some((layer) => layer.members.includes(person)) ||
    schedule.overrides.some((override) => override.members.includes(person))
  );
}

function words(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${String(minutes)}m`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${String(hours)}h` : `${String(hours)}h${String(minutes % 60)}m`;
}

/** A role named in an answer: quoted when it is one of the policy's (never quote ticket text). */
function roleText(model: PolicyModel, role: string | undefined): string {
  if (role === undefined) return '(none)';
  return model.roles.has(role) ? quote(role) : 'given';
}

/** Why an initiation rule does not allow a request, or `undefined` when it does. */
function refusal(
  model: PolicyModel,
  rule: ModelInitiation,
  data: ConditionData,
  request: { readonly role?: string | undefined; readonly to?: string | undefined },
  at: number,
  createdAt: number | undefined,
  tier: string | undefined,
): string | undefined {
  if (request.role === undefined || !rule.roles.has(request.role))
    return `the role ${roleText(model, request.role)} is not one of its roles`;
  if (rule.tiers !== undefined && (tier === undefined || !rule.tiers.has(tier)))
    return `it applies to the tiers ${[...rule.tiers].map((t) => `\`${t}\``).join(', ')} only`;
  if (rule.to !== undefined && request.to !== undefined && !rule.to.has(request.to))
    return `it allows escalation to ${[...rule.to].map((q) => `\`${q}\``).join(', ')} only`;
  if (rule.afterMs > 0) {
    const elapsed = createdAt === undefined ? 0 : at - createdAt;
    if (createdAt === undefined || elapsed < rule.afterMs)
      return `it allows a request ${words(rule.afterMs)} after creation; ${words(Math.max(0, elapsed))} have passed`;
  }
  if (rule.condition !== undefined && !truthy(rule.condition(data))) return 'its condition does not hold';
  return undefined;
}

/**
 * The escalation requests of a ticket that the initiation rules refuse, by event index with the
 * reason: they fire no rule, and each is reported once as an `escalation_refused` warning.
 *
 * @internal
 */
export function refusedRequests(
  model: PolicyModel,
  front: Front,
  createdAt: number | undefined,
  issues: Issue[],
): Map<number, string> {
  const refused = new Map<number, string>();
  if (model.escalation.initiation.length === 0) return refused;
  for (const event of front.normalized.events) {
    if (event.type !== 'escalationRequested') continue;
    const answer = authorizeWith(model, front.decided, event, event.at, createdAt, front.normalized.tier);
    if (answer.allowed) continue;
    refused.set(event.index, answer.reason);
    issues.push({
      code: 'escalation_refused',
      severity: 'warning',
      path: ['events', event.index],
      message: `escalation request not authorised: ${answer.reason}`,
    });
  }
  return refused;
}

/**
 * The answer to a manual escalation request against the initiation rules, given the
 * decision data (scope begun on it).
 *
 * @internal
 */
export function authorizeWith(
  model: PolicyModel,
  data: ConditionData,
  request: {
    readonly role?: string | undefined;
    readonly by?: string | undefined;
    readonly to?: string | undefined;
  },
  at: number,
  createdAt: number | undefined,
  tier: string | undefined,
): Omit<AuthorizationResult, 'issues'> {
  const rules = model.escalation.initiation;
  if (rules.length === 0) {
    return {
      allowed: true,
      reason: 'the policy does not restrict manual escalation (no `escalation.initiation` rules)',
      ruleId: null,
      considered: [],
    };
  }
  const role = request.role;
  if (role !== undefined && request.by !== undefined && !canFill(model, role, request.by)) {
    return {
      allowed: false,
      reason: model.roles.has(role)
        ? `the person is not a member of role ${quote(role)}`
        : "the role is not one of the policy's roles",
      ruleId: null,
      considered: [],
    };
  }
  if (request.to !== undefined && !model.routing.queues.some((queue) => queue.id === request.to)) {
    return {
      allowed: false,
      reason: "the destination is not one of the policy's queues",
      ruleId: null,
      considered: [],
    };
  }
  const considered: AuthorizationResult['considered'][number][] = [];
  for (const rule of rules) {
    let why: string | undefined;
    try {
      why = refusal(model, rule, data, request, at, createdAt, tier);
    } catch {
      considered.push({
        ruleId: rule.id,
        outcome: 'errored',
        detail: "its condition failed on the ticket's data",
      });
      continue;
    }
    if (why === undefined) {
      considered.push({ ruleId: rule.id, outcome: 'allowed', detail: rule.reason ?? 'allowed' });
      return {
        allowed: true,
        reason: rule.reason ?? `initiation rule ${quote(rule.id)} allows it`,
        ruleId: rule.id,
        considered,
      };
    }
    considered.push({ ruleId: rule.id, outcome: 'refused', detail: why });
  }
  // The most telling refusal: the first rule that has the role, else the role itself.
  const closest = considered.find(
    (entry) => entry.outcome === 'refused' && !entry.detail.startsWith('the role'),
  );
  return {
    allowed: false,
    reason:
      closest === undefined
        ? `no initiation rule lets role ${roleText(model, role)} request an escalation`
        : `no initiation rule allows it: rule ${quote(closest.ruleId)}: ${closest.detail}`,
    ruleId: null,
    considered,
  };
}

/**
 * May a person in a role escalate this ticket now? The policy's `escalation.initiation`
 * rules are tried in order (role, customer tier, destination queue, time since creation,
 * condition on the decision so far); the first that allows it answers. Without initiation
 * rules every request is allowed.
 *
 * @param policy - A policy from `compilePolicy`.
 * @param ticket - The ticket snapshot (bad data never throws, as with `evaluate`).
 * @param request - The role the person acts in, the person (`by`, checked to be able to fill
 *   the role) and the destination queue (`to`).
 * @param options - `now`, the instant of the request; the host's `context`.
 * @returns Whether it is allowed, why, the rule, and every rule considered.
 * @throws `TypeError` when `policy` did not come from `compilePolicy` or `request` has no
 *   `role`; `RangeError` or `TypeError` for an invalid `now` (also one outside the years
 *   1000 to 9999: `authorizeEscalation: now is outside the supported range …`).
 * @example
 * ```ts
 * const answer = authorizeEscalation(policy, ticket, { role: 'support-agents', by: 'ana', to: 'support-tier2' }, { now });
 * answer.allowed //=> false
 * answer.reason //=> 'no initiation rule allows it: rule `stalled-ticket`: it allows a request 2h after creation; 25m have passed'
 * ```
 */
export function authorizeEscalation(
  policy: Policy,
  ticket: unknown,
  request: EscalationRequest,
  options: AuthorizeEscalationOptions,
): AuthorizationResult {
  const model = modelOf(policy, 'authorizeEscalation');
  const given: unknown = request;
  if (given === null || typeof given !== 'object' || typeof (given as { role?: unknown }).role !== 'string') {
    throw new TypeError('authorizeEscalation: the request needs a `role`');
  }
  const optionsGiven: unknown = options;
  if (optionsGiven === null || typeof optionsGiven !== 'object') {
    throw new TypeError('authorizeEscalation: options with `now` are required');
  }
  // As in `evaluate`: the decision data carries instants as ISO strings, years 1000 to 9999.
  const now = toSupportedEpochMs(options.now, 'authorizeEscalation', 'now');
  const answer = (data: unknown): AuthorizationResult => {
    const front = decideFront(model, data, now, false, options.context);
    return {
      ...authorizeWith(model, front.decided, request, now, front.normalized.createdAt, front.normalized.tier),
      issues: front.issues,
    };
  };
  try {
    return answer(ticket);
  } catch {
    // Host data that throws when read: answered on a plain copy, never thrown.
    return answer(plainCopy(ticket));
  }
}
