import type { Issue } from '../errors/index.js';
import { quote } from '../internal/index.js';
import type { ActionKind, EscalationAction, ModelGate, ModelQueue, PolicyModel } from '../policy/index.js';
import { membersOf, type RoutingResult } from '../routing/index.js';
import type { NormalizedTicket } from '../ticket/index.js';
import { quorumLabel, type GateState } from './approvals.js';
import type { PlannedAction } from './escalations.js';
import type { EffectiveSeverity } from './front.js';
import type { DecisionRedactor } from './redactor.js';
import { renderTemplate } from './render.js';
import type { Clock, DecisionAction, UpcomingAction, WithheldAction } from './types.js';

/** What turning planned actions into decision entries needs. */
export interface MaterializeInputs {
  readonly model: PolicyModel;
  readonly plan: { readonly due: readonly PlannedAction[]; readonly upcoming: readonly PlannedAction[] };
  readonly gates: ReadonlyMap<string, GateState>;
  /** Keys of `actionPerformed` events (repeats allowed). */
  readonly performed: readonly string[];
  readonly now: number;
  readonly ticketKey: string;
  readonly ticket: NormalizedTicket;
  readonly severity: EffectiveSeverity;
  readonly routing: RoutingResult;
  readonly clocks: readonly Clock[];
  readonly policy: { readonly id: string; readonly version: string };
  readonly redact: DecisionRedactor;
  /** The decision's issues when it is degraded (the fallback roles are told). */
  readonly degraded: readonly Issue[] | undefined;
  /** ISO strings of instants, remembered for the evaluation. */
  readonly iso: (ms: number) => string;
  /** What templates read. */
  readonly context: RenderContext;
  /** When the next update to each audience is due (the cadences), for `update.nextAt`. */
  readonly nextUpdate: ReadonlyMap<string, string>;
}

/** The values template placeholders read (docs/communication.md), built on first use. */
export interface RenderContext {
  readonly get: () => Readonly<Record<string, unknown>>;
}

/** The actions of a decision. */
export interface Materialized {
  readonly actions: DecisionAction[];
  readonly upcoming: UpcomingAction[];
  readonly withheld: WithheldAction[];
  /** The earliest upcoming `dueAt`. */
  readonly nextDueAt: number | undefined;
  /** The roles whose people are targets of due actions (their handoffs change the decision). */
  readonly roles: Set<string>;
}

/**
 * The reasons of a rule's steps, by step, remembered per rule of a compiled policy: the same
 * string each decision, whose hash V8 keeps, so the redactor's memo finds it without hashing
 * a new string.
 */
const reasonsOfRule = new WeakMap<PlannedAction['rule'], string[]>();

function reasonOf(planned: PlannedAction): string {
  const rule = planned.rule;
  let reasons = reasonsOfRule.get(rule);
  if (reasons === undefined) {
    reasons = [];
    reasonsOfRule.set(rule, reasons);
  }
  let reason = reasons[planned.step];
  if (reason === undefined) {
    const base = rule.reason ?? `escalation rule ${quote(rule.id)} fired`;
    reason = planned.step === 0 ? base : `${base} (repeat ${String(planned.step)})`;
    reasons[planned.step] = reason;
  }
  return reason;
}

/** A copy in `dueAt` order, stable (rule, step and action order kept at one instant): an
 * insertion sort, as plans are short and `sort` with a comparator costs more on them. */
function byDueAt(list: readonly PlannedAction[]): PlannedAction[] {
  const out: PlannedAction[] = [];
  for (const planned of list) {
    let i = out.length;
    while (i > 0 && (out[i - 1] as PlannedAction).dueAt > planned.dueAt) i--;
    if (i === out.length) out.push(planned);
    else out.splice(i, 0, planned);
  }
  return out;
}

/**
 * The values template placeholders read (docs/escalation.md, Communication), built on first
 * use and shared by a decision's actions and cadences.
 *
 * @internal
 */
export function renderContextOf(inputs: {
  readonly model: PolicyModel;
  readonly ticket: NormalizedTicket;
  readonly severity: EffectiveSeverity;
  readonly routing: RoutingResult;
  readonly clocks: readonly Clock[];
  readonly policy: { readonly id: string; readonly version: string };
}): RenderContext {
  const { model, routing } = inputs;
  let context: Readonly<Record<string, unknown>> | undefined;
  return {
    get: () => {
      // Only what holds until nextEvaluationAt: no `now`, no elapsed figures.
      context ??= {
        ticket: inputs.ticket.raw ?? {},
        severity: {
          id: inputs.severity.id,
          name: model.severities.get(inputs.severity.id)?.name,
          definition: model.severities.get(inputs.severity.id)?.definition,
          reason: inputs.severity.reason,
          suggested: inputs.severity.suggested,
        },
        routing: {
          queue: routing.queue,
          serviceLine: routing.serviceLine,
          owner: { role: routing.owner.role, members: routing.owner.members },
          secondary:
            routing.secondary === null
              ? null
              : { role: routing.secondary.role, members: routing.secondary.members },
          reason: routing.reason,
        },
        clocks: Object.fromEntries(
          inputs.clocks.map((clock) => [
            clock.metric,
            {
              state: clock.state,
              startedAt: clock.startedAt,
              deadline: clock.deadline,
              breachedAt: clock.breachedAt,
              stoppedAt: clock.stoppedAt,
            },
          ]),
        ),
        policy: inputs.policy,
      };
      return context;
    },
  };
}

/**
 * The decision entries of planned actions: due ones with their targets and payload (templates
 * rendered and redacted), withheld ones (a gate that blocks their kind is not granted),
 * upcoming ones in `dueAt` order; plus the approval timeout escalations and, for a degraded
 * decision, the notification of the fallback roles.
 *
 * @internal
 */
export function materialize(inputs: MaterializeInputs): Materialized {
  const { model, routing, now, redact, iso } = inputs;
  const renderContext = inputs.context;
  const roles = new Set<string>();
  const people = (role: string): readonly string[] => {
    if (role === 'owner') return routing.owner.members;
    if (role === 'secondary') return routing.secondary?.members ?? [];
    roles.add(role);
    return membersOf(model, role, now);
  };
  /** The people of several roles (or `owner` / `secondary`), each once, in role order. */
  const peopleOfRoles = (list: readonly string[]): string[] => {
    const out: string[] = [];
    for (const role of list) for (const person of people(role)) if (!out.includes(person)) out.push(person);
    return out;
  };
  // Several actions of a decision often use one template: each is rendered once (per update).
  const renderedTemplates = new Map<string, { subject?: string; body?: string }>();
  const render = (
    template: string | undefined,
    update: { readonly audience: string; readonly dueAt: number } | undefined,
  ): { subject?: string; body?: string } => {
    const found = template === undefined ? undefined : model.templates.get(template);
    if (template === undefined || found === undefined) return {};
    const memo =
      update === undefined ? template : `${template}\u0000${update.audience}\u0000${String(update.dueAt)}`;
    let out = renderedTemplates.get(memo);
    if (out === undefined) {
      // The update beside the shared context rather than in a copy of it.
      const rendered = renderTemplate(
        found,
        renderContext.get(),
        redact,
        update === undefined
          ? undefined
          : {
              audience: update.audience,
              dueAt: iso(update.dueAt),
              nextAt: inputs.nextUpdate.get(update.audience),
            },
      );
      out =
        rendered.subject === undefined
          ? { body: rendered.body }
          : { subject: rendered.subject, body: rendered.body };
      renderedTemplates.set(memo, out);
    }
    return out;
  };
  const customer = (): string[] => {
    const raw = inputs.ticket.raw?.customer;
    const id =
      raw !== null && typeof raw === 'object' && Object.hasOwn(raw, 'id')
        ? (raw as { id: unknown }).id
        : undefined;
    return typeof id === 'string' ? [id] : [];
  };
  const targetsAndPayload = (
    action: EscalationAction,
    dueAt: number,
  ): { targets: readonly string[]; payload: Readonly<Record<string, unknown>> } => {
    switch (action.kind) {
      case 'notify': {
        const targets = peopleOfRoles(action.to);
        const payload =
          action.template === undefined
            ? { roles: action.to }
            : { roles: action.to, template: action.template, ...render(action.template, undefined) };
        return { targets, payload };
      }
      case 'page':
        return { targets: [...people(action.role)], payload: { role: action.role } };
      case 'transferOwnership':
        return { targets: [...people(action.to)], payload: { role: action.to } };
      case 'escalateTo': {
        // INVARIANT: compilePolicy checked that the queue and the gate exist.
        const queue = model.routing.queues.find((q) => q.id === action.queue) as ModelQueue;
        const owners = queue.owners.get(inputs.severity.id) ?? queue.owners.get('*');
        return {
          targets: owners === undefined ? [] : [...people(owners.primary)],
          payload: { queue: action.queue, serviceLine: queue.serviceLine },
        };
      }
      case 'requestApproval': {
        const gate = model.gates.find((g) => g.id === action.gate) as ModelGate;
        return {
          targets: peopleOfRoles(gate.approvers),
          payload: { gate: action.gate, approvers: gate.approvers, quorum: quorumLabel(gate) },
        };
      }
      case 'sendUpdate':
        return {
          targets: action.audience === 'customer' ? customer() : [],
          payload: {
            audience: action.audience,
            template: action.template,
            ...render(action.template, { audience: action.audience, dueAt }),
          },
        };
    }
  };

  /** The first required gate that blocks a kind and is not granted. */
  const blocker = (kind: ActionKind, action: EscalationAction): string | undefined => {
    for (const state of inputs.gates.values()) {
      if (state.status === 'granted' || !state.gate.blocks.has(kind)) continue;
      if (action.kind === 'requestApproval' && action.gate === state.gate.id) continue;
      return state.gate.id;
    }
    return undefined;
  };

  // Due actions in dueAt order (a stable sort keeps rule, step and action order at one instant).
  const actions: DecisionAction[] = [];
  const actionAts: number[] = [];
  const withheld: WithheldAction[] = [];
  const due = byDueAt(inputs.plan.due);
  for (const planned of due) {
    const reason = redact.policyText(reasonOf(planned));
    const gate = blocker(planned.action.kind, planned.action);
    if (gate !== undefined) {
      withheld.push({
        key: planned.key,
        kind: planned.action.kind,
        dueAt: iso(planned.dueAt),
        ruleId: planned.rule.id,
        reason,
        gate,
      });
      continue;
    }
    const { targets, payload } = targetsAndPayload(planned.action, planned.dueAt);
    actions.push({
      key: planned.key,
      kind: planned.action.kind,
      dueAt: iso(planned.dueAt),
      targets,
      ruleId: planned.rule.id,
      reason,
      payload,
    });
    actionAts.push(planned.dueAt);
  }
  const upcomingPlanned = byDueAt(inputs.plan.upcoming);
  const upcoming: UpcomingAction[] = upcomingPlanned.map((planned) => ({
    key: planned.key,
    kind: planned.action.kind,
    dueAt: iso(planned.dueAt),
    ruleId: planned.rule.id,
    reason: redact.policyText(reasonOf(planned)),
  }));
  const upcomingAts = upcomingPlanned.map((planned) => planned.dueAt);
  /** Inserts an entry after those due at or before `at`. */
  const insert = <T>(list: T[], ats: number[], at: number, entry: T): void => {
    let i = ats.length;
    while (i > 0 && (ats[i - 1] as number) > at) i--;
    list.splice(i, 0, entry);
    ats.splice(i, 0, at);
  };

  // Approval gates that expired with `onTimeout: "escalate"`: the escalation role decides.
  for (const state of inputs.gates.values()) {
    const gate = state.gate;
    if (gate.onTimeout !== 'escalate' || state.deadline === undefined || gate.escalateToRole === undefined)
      continue;
    const key = `${inputs.ticketKey}/${gate.id}/${iso(state.since)}/timeout/0`;
    if (inputs.performed.includes(key)) continue;
    const reason = redact.policyText(
      `approval gate ${quote(gate.id)} was not decided in time: ${quote(gate.escalateToRole)} decides`,
    );
    if (state.status === 'expired') {
      roles.add(gate.escalateToRole);
      insert(actions, actionAts, state.deadline, {
        key,
        kind: 'requestApproval',
        dueAt: iso(state.deadline),
        targets: [...membersOf(model, gate.escalateToRole, now)],
        ruleId: gate.id,
        reason,
        payload: { gate: gate.id, role: gate.escalateToRole, escalated: true },
      });
    } else if (state.status === 'pending' && state.deadline > now) {
      insert(upcoming, upcomingAts, state.deadline, {
        key,
        kind: 'requestApproval',
        dueAt: iso(state.deadline),
        ruleId: gate.id,
        reason,
      });
    }
  }

  // A degraded decision tells the fallback roles, once per kind of problem (due now: last).
  if (inputs.degraded !== undefined && model.fallback.notify.length > 0) {
    const codes = [
      ...new Set(inputs.degraded.filter((i) => i.severity === 'error').map((i) => i.code)),
    ].sort();
    const key = `${inputs.ticketKey}/fallback/${codes.join('+')}`;
    if (!inputs.performed.includes(key)) {
      actions.push({
        key,
        kind: 'notify',
        dueAt: iso(now),
        targets: peopleOfRoles(model.fallback.notify),
        ruleId: 'fallback',
        reason: `the ticket could not be fully decided (${codes.map((c) => `\`${c}\``).join(', ')}): a person must look at it`,
        payload: { roles: model.fallback.notify, issues: codes },
      });
    }
  }
  return {
    actions,
    upcoming,
    withheld,
    nextDueAt: upcomingAts[0],
    roles,
  };
}
