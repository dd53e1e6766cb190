import { truthy } from '../conditions/index.js';
import type { Issue } from '../errors/index.js';
import { MAX_INSTANT_MS, quote } from '../internal/index.js';
import type {
  EscalationAction,
  MetricName,
  ModelEscalationRule,
  ModelMetric,
  PolicyModel,
} from '../policy/index.js';
import { pointInstant, type ClockResult, type Cycle } from '../sla/index.js';
import type { NormalizedTicket } from '../ticket/index.js';
import type { TraceEntry } from './types.js';

/** One action of one step of a rule's firing, planned for an instant. */
export interface PlannedAction {
  readonly key: string;
  readonly rule: ModelEscalationRule;
  readonly action: EscalationAction;
  readonly dueAt: number;
  /** The ladder step: 0 for the first firing, then each repeat. */
  readonly step: number;
}

/** What planning needs from the decision so far. */
export interface PlanInputs {
  readonly model: PolicyModel;
  readonly ticket: NormalizedTicket;
  readonly now: number;
  /** The ticket part of every key. */
  readonly ticketKey: string;
  /** The effective severity and since when it holds. */
  readonly severity: string;
  readonly severitySince: number;
  /** Earlier runs of the effective severity in the history (see `EffectiveSeverity.episode`). */
  readonly severityEpisode: number;
  /** The clocks of the current target, by metric. */
  readonly clocks: ReadonlyMap<MetricName, { readonly metric: ModelMetric; readonly result: ClockResult }>;
  /** Since when the current target applies. */
  readonly targetSince: number;
  readonly resolves: readonly { readonly at: number; readonly resolved: boolean }[];
  readonly acknowledge: readonly Cycle[];
  /** Keys of `actionPerformed` events (repeats allowed). */
  readonly performed: readonly string[];
  /** The data conditions see (the scope has begun on it). */
  readonly data: unknown;
  /** Whether an `escalationRequested` event is authorised; a reason when it is not. */
  readonly authorize: (index: number) => string | undefined;
  readonly issues: Issue[];
  readonly trace: TraceEntry[] | undefined;
  /** ISO strings of instants, remembered for the evaluation (many keys share an instant). */
  readonly iso: (ms: number) => string;
  /** Plan only the steps due at `now` (metrics read no upcoming action); default false. */
  readonly dueOnly?: boolean | undefined;
}

/** The index of the last item whose instant is at or before `at` (-1 if none): a binary search. */
function lastAtOrBefore<T>(items: readonly T[], at: number, instant: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (instant(items[mid] as T) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Whether the ticket was resolved at `at`. */
function resolvedAt(resolves: PlanInputs['resolves'], at: number): boolean {
  const i = lastAtOrBefore(resolves, at, (change) => change.at);
  return i >= 0 && (resolves[i] as { resolved: boolean }).resolved;
}

/** Whether the acknowledge cycle in force at `at` is still waiting for its acknowledgement. */
function unacknowledgedAt(cycles: readonly Cycle[], at: number): boolean {
  const current = cycles[lastAtOrBefore(cycles, at, (cycle) => cycle.start)];
  if (current === undefined) return false;
  return !(current.how === 'met' && current.stop !== undefined && current.stop <= at);
}

/** A clock point in words: `75%`, `breach`, `breach+30m`, `30m before`. */
function pointLabel(rule: ModelEscalationRule): string {
  const trigger = rule.trigger;
  if (trigger.kind !== 'clock') return trigger.kind;
  const at = trigger.at;
  if (at.kind === 'fraction') return `${String(Math.round(at.fraction * 10_000) / 100)}%`;
  if (at.ms === 0) return 'breach';
  const minutes = Math.abs(at.ms) / 60_000;
  return at.ms > 0 ? `breach+${String(minutes)}m` : `${String(minutes)}m before`;
}

const SLASH = 47;

/**
 * The end of a number at `at` as `String` writes a step or action index (digits, no leading
 * zero), or -1. More than 15 digits is more than any step or index (and than exact integers).
 */
function indexEnd(key: string, at: number): number {
  let end = at;
  while (end < key.length) {
    const c = key.charCodeAt(end);
    if (c < 48 || c > 57) break;
    end++;
  }
  if (end === at || end - at > 15 || (key.charCodeAt(at) === 48 && end > at + 1)) return -1;
  return end;
}

/**
 * Whether `part` is in `key` at `at` (the caller checked the length): character by character,
 * which costs less here than `startsWith` (measured in-process over the reference policy).
 */
function isAt(key: string, at: number, part: string): boolean {
  for (let p = 0; p < part.length; p++) if (key.charCodeAt(at + p) !== part.charCodeAt(p)) return false;
  return true;
}

/** The value of the digits from `at` to `end` (see `indexEnd`). */
function indexValue(key: string, at: number, end: number): number {
  let value = 0;
  for (let p = at; p < end; p++) value = value * 10 + key.charCodeAt(p) - 48;
  return value;
}

/**
 * The keys that start with the ticket part and a `/`: the only ones a firing of the ticket
 * can have (see `performedOfFiring`).
 *
 * @internal
 */
export function keysOfTicket(keys: readonly string[], ticketKey: string): string[] {
  const from = ticketKey.length + 1;
  const out: string[] = [];
  for (const key of keys) {
    if (key.length > from && key.charCodeAt(from - 1) === SLASH && isAt(key, 0, ticketKey)) out.push(key);
  }
  return out;
}

/**
 * The steps and actions of one firing already performed, each as `step * actions + index`
 * (`undefined`: none). `keys` are performed keys that start with the ticket part and a `/`
 * (`from` characters); a key counts when it is exactly
 * `${ticket}/${ruleId}/${token}/${String(step)}/${String(index)}` with `step <= steps` and
 * `index < actions`.
 *
 * Why not build each key and look it up in a set of the performed ones: a key made by
 * concatenation is flattened (copied) and hashed to be looked up, and in steady state most
 * planned keys are performed. Here the rule id and token are compared in place, at the
 * offsets the key layout gives (exact for ids and tokens with `/` in them), and nothing is
 * built or hashed.
 *
 * @internal
 */
export function performedOfFiring(
  keys: readonly string[],
  from: number,
  ruleId: string,
  token: string,
  steps: number,
  actions: number,
): number[] | undefined {
  let out: number[] | undefined;
  const idEnd = from + ruleId.length;
  const tokenEnd = idEnd + 1 + token.length;
  for (const key of keys) {
    // The separators first: a character each, which most keys of other firings fail.
    if (key.length < tokenEnd + 4 || key.charCodeAt(idEnd) !== SLASH || key.charCodeAt(tokenEnd) !== SLASH)
      continue;
    if (!isAt(key, from, ruleId) || !isAt(key, idEnd + 1, token)) continue;
    const stepEnd = indexEnd(key, tokenEnd + 1);
    if (stepEnd === -1 || key.charCodeAt(stepEnd) !== SLASH) continue;
    const end = indexEnd(key, stepEnd + 1);
    if (end !== key.length) continue;
    const step = indexValue(key, tokenEnd + 1, stepEnd);
    const index = indexValue(key, stepEnd + 1, end);
    if (step > steps || index >= actions) continue;
    (out ??= []).push(step * actions + index);
  }
  return out;
}

/**
 * The escalation actions of a ticket (docs/escalation.md): every rule whose condition holds
 * on the decision so far fires at the instants its trigger gives, then repeats while its
 * ladder condition holds; each action of each step gets a stable key, and those already
 * performed (an `actionPerformed` event with the key) are left out. Steps at or before `now`
 * are due, later ones upcoming.
 *
 * @internal
 */
export function planEscalations(inputs: PlanInputs): {
  due: PlannedAction[];
  upcoming: PlannedAction[];
  /** Gates a due `requestApproval` asked for (performed or not), at the earliest instant. */
  requested: Map<string, number>;
} {
  const { model, ticket, now, trace, iso } = inputs;
  const due: PlannedAction[] = [];
  const upcoming: PlannedAction[] = [];
  const requested = new Map<string, number>();
  const createdAt = ticket.createdAt;
  if (createdAt === undefined) return { due, upcoming, requested };

  // The performed keys of this ticket, matched to each firing in place (`performedOfFiring`).
  const ticketKey = inputs.ticketKey;
  const from = ticketKey.length + 1;
  const mine = keysOfTicket(inputs.performed, ticketKey);

  /** Plans the steps of one firing at `at` (`undefined`: not known yet, e.g. a paused clock). */
  const fire = (rule: ModelEscalationRule, token: string, at: number | undefined, gated: boolean): void => {
    // Beyond the last representable instant (a duration of centuries): never.
    if (at === undefined || at > MAX_INSTANT_MS) return;
    if (gated && resolvedAt(inputs.resolves, at)) return;
    const repeat = rule.repeat;
    const steps = repeat === undefined ? 0 : repeat.times;
    const actions = rule.actions;
    const done =
      mine.length === 0 ? undefined : performedOfFiring(mine, from, rule.id, token, steps, actions.length);
    for (let step = 0; step <= steps; step++) {
      const stepAt = step === 0 || repeat === undefined ? at : at + step * repeat.everyMs;
      if (stepAt > MAX_INSTANT_MS || (inputs.dueOnly === true && stepAt > now)) break;
      if (step > 0 && repeat !== undefined) {
        const holds =
          !resolvedAt(inputs.resolves, stepAt) &&
          (repeat.while === 'unresolved' || unacknowledgedAt(inputs.acknowledge, stepAt));
        if (!holds) break;
      }
      // Built once per step, and only for a step with an action not yet performed.
      let prefix: string | undefined;
      for (let i = 0; i < actions.length; i++) {
        const action = actions[i] as EscalationAction;
        // A gate stays required once asked for, whether or not the host recorded the request.
        if (action.kind === 'requestApproval' && stepAt <= now) {
          const earliest = requested.get(action.gate);
          if (earliest === undefined || stepAt < earliest) requested.set(action.gate, stepAt);
        }
        if (done?.includes(step * actions.length + i) === true) continue;
        prefix ??= `${ticketKey}/${rule.id}/${token}/${String(step)}/`;
        const key = prefix + String(i);
        const planned = { key, rule, action, dueAt: stepAt, step };
        (stepAt <= now ? due : upcoming).push(planned);
      }
    }
  };

  for (const rule of model.escalation.rules) {
    if (rule.condition !== undefined) {
      let holds: boolean;
      try {
        holds = truthy(rule.condition(inputs.data));
      } catch {
        inputs.issues.push({
          code: 'condition_failed',
          severity: 'error',
          path: [],
          message: `the condition of escalation rule ${quote(rule.id)} failed on the ticket's data: the rule was skipped`,
          ruleId: rule.id,
        });
        trace?.push({ step: 'escalation', id: rule.id, outcome: 'errored' });
        continue;
      }
      if (!holds) {
        trace?.push({ step: 'escalation', id: rule.id, outcome: 'not_matched' });
        continue;
      }
    }
    const before = due.length + upcoming.length;
    const trigger = rule.trigger;
    switch (trigger.kind) {
      case 'clock': {
        const clock = inputs.clocks.get(trigger.metric);
        if (clock === undefined) break;
        const target = clock.metric.targetMs;
        const amount =
          trigger.at.kind === 'fraction' ? Math.round(trigger.at.fraction * target) : target + trigger.at.ms;
        if (amount < 0) break;
        const point = pointInstant(clock.metric, clock.result, amount, now);
        if (point === undefined) break;
        let at = point.at;
        // A target applied late (a severity change): the breach fires once, when it applied;
        // points it passed before are skipped (DESIGN §7).
        if (point.reached && at !== undefined && at < inputs.targetSince) {
          if (amount === target) at = inputs.targetSince;
          else {
            trace?.push({
              step: 'escalation',
              id: rule.id,
              outcome: 'skipped',
              detail: `\`${pointLabel(rule)}\` of \`${trigger.metric}\` passed before the current target applied`,
            });
            continue;
          }
        }
        fire(rule, iso(clock.result.startedAt), at, false);
        break;
      }
      case 'unacknowledged': {
        const cycle = inputs.acknowledge[inputs.acknowledge.length - 1];
        if (cycle === undefined) break;
        const at = cycle.start + trigger.ms;
        if (cycle.how === 'met' && cycle.stop !== undefined && cycle.stop <= at) break;
        if (cycle.how === 'stopped' && cycle.stop !== undefined && cycle.stop <= at) break;
        fire(rule, iso(cycle.start), at, true);
        break;
      }
      case 'severity':
        if (trigger.severities.has(inputs.severity)) {
          // Keyed by the severity and its episode, not by an instant: recording the severity
          // in force again (a helpdesk applying the suggestion) never fires the rule again.
          const episode = inputs.severityEpisode;
          fire(
            rule,
            episode === 0 ? inputs.severity : `${inputs.severity}#${String(episode)}`,
            inputs.severitySince,
            true,
          );
        }
        break;
      case 'reopened': {
        let last: number | undefined;
        let n = 0;
        for (const change of inputs.resolves) {
          if (change.resolved) continue;
          n = change.at === last ? n + 1 : 0;
          last = change.at;
          fire(rule, `reopened@${iso(change.at)}${n === 0 ? '' : `#${String(n)}`}`, change.at, false);
        }
        break;
      }
      case 'event': {
        const type = trigger.type;
        if (type === 'created') {
          fire(rule, 'created', createdAt, false);
          break;
        }
        const seen = new Map<number, number>();
        const occurrence = (at: number, index: number): void => {
          if (type === 'escalationRequested') {
            const refused = inputs.authorize(index);
            if (refused !== undefined) {
              trace?.push({
                step: 'escalation',
                id: rule.id,
                outcome: 'skipped',
                detail: `events[${String(index)}]: ${refused}`,
              });
              return;
            }
          }
          // Numbered among the occurrences that fire: a refused request takes no number.
          const n = seen.get(at) ?? 0;
          seen.set(at, n + 1);
          const token = `${type}@${iso(at)}${n === 0 ? '' : `#${String(n)}`}`;
          fire(rule, token, at, false);
        };
        for (const event of ticket.events) if (event.type === type) occurrence(event.at, event.index);
        for (const event of ticket.unknown) if (event.type === type) occurrence(event.at, event.index);
        break;
      }
    }
    trace?.push({
      step: 'escalation',
      id: rule.id,
      outcome: 'matched',
      detail: `${String(due.length + upcoming.length - before)} actions planned and not yet performed`,
    });
  }
  return { due, upcoming, requested };
}
