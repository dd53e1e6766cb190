import type { Issue } from '../errors/index.js';
import type { Instant } from '../internal/index.js';
import type { ActionKind, Audience, MetricName, Runbook } from '../policy/index.js';

/** Who wrote a reply. */
export type ReplyAuthor = 'agent' | 'customer';

/** The ticket was created. */
export interface CreatedEvent {
  /** The event type. */
  readonly type: 'created';
  /** When the ticket was created. */
  readonly at: Instant;
}
/** The status changed. */
export interface StatusChangedEvent {
  /** The event type. */
  readonly type: 'statusChanged';
  /** When the status changed. */
  readonly at: Instant;
  /** The new status. */
  readonly status: string;
}
/** The recorded severity changed (e.g. the helpdesk applied the engine's suggestion). */
export interface SeverityChangedEvent {
  /** The event type. */
  readonly type: 'severityChanged';
  /** When the severity was recorded. */
  readonly at: Instant;
  /** The severity id now recorded. */
  readonly severity: string;
  /** Who recorded it. */
  readonly by?: string | undefined;
}
/** An agent overrode the computed severity. */
export interface SeverityOverriddenEvent {
  /** The event type. */
  readonly type: 'severityOverridden';
  /** When the override was made. */
  readonly at: Instant;
  /** The severity id the agent chose. */
  readonly severity: string;
  /** The person who overrode. */
  readonly by: string;
  /** Why. */
  readonly reason?: string | undefined;
  /** The role the person acted in, checked against `classification.overrides.roles`. */
  readonly role?: string | undefined;
}
/** The ticket was assigned. */
export interface AssignedEvent {
  /** The event type. */
  readonly type: 'assigned';
  /** When the ticket was assigned (a new acknowledge cycle starts). */
  readonly at: Instant;
  /** The person now assigned. */
  readonly assignee: string;
  /** The role the assignee acts in. */
  readonly role?: string | undefined;
}
/** The owner acknowledged (took ownership of) the ticket. */
export interface AcknowledgedEvent {
  /** The event type. */
  readonly type: 'acknowledged';
  /** When the ticket was acknowledged. */
  readonly at: Instant;
  /** Who acknowledged (the assignee meets the acknowledge clock). */
  readonly by: string;
}
/** A reply on the ticket. */
export interface RepliedEvent {
  /** The event type. */
  readonly type: 'replied';
  /** When the reply was written. */
  readonly at: Instant;
  /** Whether an agent or the customer wrote it. */
  readonly author: ReplyAuthor;
  /** Whether the customer sees it (an internal note is not public). */
  readonly public: boolean;
  /** The author's id (bots can be excluded with `sla.responders.exclude`). */
  readonly by?: string | undefined;
}
/** An update was sent to an audience. */
export interface UpdateSentEvent {
  /** The event type. */
  readonly type: 'updateSent';
  /** When the update was sent. */
  readonly at: Instant;
  /** Who received it. */
  readonly audience: Audience;
}
/** An approver granted or rejected a gate. */
export interface ApprovalEvent {
  /** Granted or rejected. */
  readonly type: 'approvalGranted' | 'approvalRejected';
  /** When the approver decided. */
  readonly at: Instant;
  /** The approval gate id. */
  readonly gate: string;
  /** The approver. */
  readonly by: string;
}
/** Someone asked for a manual escalation. */
export interface EscalationRequestedEvent {
  /** The event type. */
  readonly type: 'escalationRequested';
  /** When the escalation was requested. */
  readonly at: Instant;
  /** The person asking. */
  readonly by: string;
  /** The role the person acts in (checked against `escalation.initiation`). */
  readonly role?: string | undefined;
  /** The queue the ticket should go to. */
  readonly to?: string | undefined;
  /** Why, in the person's words. */
  readonly reason?: string | undefined;
}
/** The host performed an action the engine asked for. */
export interface ActionPerformedEvent {
  /** The event type. */
  readonly type: 'actionPerformed';
  /** When the host performed the action (at or before the next evaluation's `now`). */
  readonly at: Instant;
  /** The action's idempotency key. */
  readonly key: string;
}

/** An event of a ticket's history (DESIGN §4); events of other types are kept and ignored. */
export type TicketEvent =
  | CreatedEvent
  | StatusChangedEvent
  | SeverityChangedEvent
  | SeverityOverriddenEvent
  | AssignedEvent
  | AcknowledgedEvent
  | RepliedEvent
  | UpdateSentEvent
  | ApprovalEvent
  | EscalationRequestedEvent
  | ActionPerformedEvent;

/**
 * A ticket snapshot (DESIGN §4): what the helpdesk knows about a ticket, with its history
 * as events. `evaluate` accepts any value and reports what it cannot use as issues.
 */
export interface Ticket {
  /** The ticket id. */
  readonly id: string;
  /** When the ticket was created: an ISO string with an offset, a Date or epoch ms. */
  readonly createdAt: Instant;
  /** The subject line. */
  readonly subject?: string | undefined;
  /** The description. */
  readonly description?: string | undefined;
  /** The affected service. */
  readonly service?: string | undefined;
  /** The customer and their tier. */
  readonly customer?: { readonly id?: string | undefined; readonly tier?: string | undefined } | undefined;
  /** The impact as reported. */
  readonly impact?:
    | {
        readonly usersAffected?: number | undefined;
        readonly revenueAtRisk?: number | undefined;
        readonly statement?: string | undefined;
      }
    | undefined;
  /** Why the business needs this handled (required for some severities). */
  readonly businessRationale?: string | undefined;
  /** How the incident is communicated (required for some severities). */
  readonly communicationPlan?: string | undefined;
  /** Tags. */
  readonly tags?: readonly string[] | undefined;
  /** Custom fields. */
  readonly fields?: Readonly<Record<string, unknown>> | undefined;
  /** The current status (`open` when there is no history). */
  readonly status?: string | undefined;
  /** The severity as recorded in the helpdesk. */
  readonly severity?: string | undefined;
  /** The queue as recorded in the helpdesk. */
  readonly queue?: string | undefined;
  /** The current assignee. */
  readonly assignee?: string | undefined;
  /** Tickets known to be related. */
  readonly relatedTicketIds?: readonly string[] | undefined;
  /** The history, in any order (sorted stably by `at`). */
  readonly events?: readonly (TicketEvent | { readonly type: string; readonly at: Instant })[] | undefined;
}

/** What only the host knows at the time of the call. */
export interface EvaluationContext {
  /** People who cannot take ownership now (out of office). */
  readonly unavailable?: readonly string[] | undefined;
  /** People who should not take more work now. */
  readonly overloaded?: readonly string[] | undefined;
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** The instant of the evaluation (required: the engine never reads the clock). */
  readonly now: Instant;
  /** Adds the full trace of every rule considered. @defaultValue false */
  readonly explain?: boolean | undefined;
  /** Who is unavailable or overloaded. */
  readonly context?: EvaluationContext | undefined;
}

/** The severity of a decision and why. */
export interface SeverityDecision {
  /** The effective severity id. */
  readonly id: string;
  /** What decided it. */
  readonly source: 'rule' | 'matrix' | 'override' | 'default' | 'fallback';
  /** The classification rule, when a rule decided (or suggested, under an override). */
  readonly ruleId?: string | undefined;
  /** Why, in words. */
  readonly reason: string;
  /** The severity the policy computes, whatever an override says. */
  readonly suggested: string;
}

/** A role and the people who fill it now. */
export interface Assignee {
  /** The role id. */
  readonly role: string;
  /** The people, by id. */
  readonly members: readonly string[];
  /** When the people on call for the role hand over next (`null` for fixed members or beyond 400 days). */
  readonly shiftEndsAt: string | null;
}

/** Where a ticket goes and who owns it. */
export interface RoutingDecision {
  /** The queue id. */
  readonly queue: string;
  /** The queue's service line. */
  readonly serviceLine: string;
  /** The owner: the primary role, or the secondary when nobody of the primary can take it. */
  readonly owner: Assignee;
  /** The secondary (`null` when the queue names none). */
  readonly secondary: Assignee | null;
  /** The queue that matched (`null` for the default or fallback queue). */
  readonly ruleId: string | null;
  /** Why, in words. */
  readonly reason: string;
  /** Runbooks of the classification rule, then of the queue. */
  readonly runbooks: readonly Runbook[];
}

/** A warning point of a clock. */
export interface ClockWarning {
  /** As written in the policy (`"75%"`, `"30m before"`). */
  readonly at: string;
  /** When the clock reaches it; `null` while it cannot be known (paused, or never). */
  readonly dueAt: string | null;
  /** `passed`, `upcoming`, or `skipped` (it passed before the current target applied). */
  readonly state: 'passed' | 'upcoming' | 'skipped';
}

/** One SLA clock of a decision (DESIGN §7). */
export interface Clock {
  /** The metric. */
  readonly metric: MetricName;
  /** The SLA target entry it comes from. */
  readonly targetId: string;
  /** The target duration and the calendar it runs on. */
  readonly target: { readonly durationMs: number; readonly calendar: string };
  /** The state now. */
  readonly state: 'running' | 'paused' | 'met' | 'breached' | 'stopped';
  /** When the current cycle started. */
  readonly startedAt: string;
  /** When the target is (or was) reached; `null` while paused or when the calendar never opens. */
  readonly deadline: string | null;
  /** Business time counted so far. */
  readonly elapsedMs: number;
  /** Business time left (negative once breached). */
  readonly remainingMs: number;
  /** `elapsedMs / durationMs`. */
  readonly fraction: number;
  /** When the clock breached, or `null`. */
  readonly breachedAt: string | null;
  /** When the cycle stopped (met, stopped or breached and then stopped), or `null`. */
  readonly stoppedAt: string | null;
  /** The warning points and where they stand. */
  readonly warnings: readonly ClockWarning[];
}

/**
 * An action the host should perform now (docs/escalation.md). Perform it, then record an
 * `actionPerformed` event with its `key`: the engine never returns that key again.
 */
export interface DecisionAction {
  /** The stable idempotency key: ticket, rule, cycle, ladder step and action index. */
  readonly key: string;
  /** What to do. */
  readonly kind: ActionKind;
  /** When it became due (at or before `evaluatedAt`). */
  readonly dueAt: string;
  /** The people it is for (role members at `evaluatedAt`; the customer id for customer updates). */
  readonly targets: readonly string[];
  /** The escalation rule (or gate, or `fallback`) that asks for it. */
  readonly ruleId: string;
  /** Why, in words (redacted). */
  readonly reason: string;
  /**
   * The details by kind: `roles` and a rendered `subject` / `body` (notify); `role` (page,
   * transferOwnership); `queue` and `serviceLine` (escalateTo); `gate`, `approvers` and
   * `quorum` (requestApproval); `audience`, `template`, `subject`, `body` (sendUpdate).
   */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** An action scheduled for later: it becomes due at `dueAt` if nothing changes. */
export interface UpcomingAction {
  /** The idempotency key it will have when due. */
  readonly key: string;
  /** What will be asked. */
  readonly kind: ActionKind;
  /** When it becomes due. */
  readonly dueAt: string;
  /** The escalation rule (or gate) that schedules it. */
  readonly ruleId: string;
  /** Why, in words (redacted). */
  readonly reason: string;
}

/** A due action an approval gate withholds until it is granted. */
export interface WithheldAction {
  /** Its idempotency key (the same once released). */
  readonly key: string;
  /** What is withheld. */
  readonly kind: ActionKind;
  /** When it became due. */
  readonly dueAt: string;
  /** The escalation rule that asks for it. */
  readonly ruleId: string;
  /** Why, in words (redacted). */
  readonly reason: string;
  /** The gate that withholds it. */
  readonly gate: string;
}

/** An approval gate and where it stands. */
export interface ApprovalDecision {
  /** The gate id. */
  readonly gate: string;
  /** Where it stands. */
  readonly status: 'not_required' | 'pending' | 'granted' | 'rejected' | 'expired';
  /** The people who may approve now. */
  readonly approvers: readonly string[];
  /** The quorum as written: `any`, `all`, a count or a percentage. */
  readonly quorum: string;
  /** Who granted. */
  readonly granted: readonly string[];
  /** Who rejected. */
  readonly rejected: readonly string[];
  /** Since when the gate is required (`null` when not required). */
  readonly requiredAt: string | null;
  /** The approval deadline while pending. */
  readonly dueAt?: string | undefined;
  /** When it was granted or rejected. */
  readonly decidedAt?: string | undefined;
  /** Why, in words. */
  readonly reason: string;
}

/** A communication owed to an audience by a cadence. */
export interface CommunicationDecision {
  /** The cadence id. */
  readonly cadence: string;
  /** Who hears. */
  readonly audience: Audience;
  /** When the next update is due. */
  readonly dueAt: string;
  /** `dueAt` is at or before `evaluatedAt`. */
  readonly overdue: boolean;
  /** The template id. */
  readonly template: string;
  /** The rendered subject (redacted), when the template has one. */
  readonly subject?: string | undefined;
  /** The rendered body (redacted). */
  readonly rendered: string;
  /** A gate that blocks `sendUpdate` and is not granted: the update must wait for it. */
  readonly blockedBy?: string | undefined;
}

/** A missing required field. */
export interface ValidationFinding {
  /** The ticket path. */
  readonly path: string;
  /** Always `missing_required_field`. */
  readonly code: 'missing_required_field';
  /** What is missing, in words (names the field's label, never ticket content). */
  readonly message: string;
}

/** One step of the trace (`explain: true`). */
export interface TraceEntry {
  /** What was considered. */
  readonly step:
    | 'classification'
    | 'matrix'
    | 'override'
    | 'routing'
    | 'target'
    | 'clock'
    | 'event'
    | 'escalation'
    | 'approval';
  /** The rule, queue, target or metric. */
  readonly id: string;
  /** What came of it. */
  readonly outcome: 'matched' | 'not_matched' | 'errored' | 'skipped' | 'applied' | 'ignored';
  /** Details in words. */
  readonly detail?: string | undefined;
  /**
   * For clocks, as `[from, to)` ISO pairs: the intervals the cycle ran and was not paused
   * (`counted`: business time accrues in their open parts), those it was paused, and the
   * closed parts of the counted intervals (outside business hours; at most 100 listed).
   */
  readonly intervals?:
    | {
        readonly counted: readonly (readonly [string, string])[];
        readonly paused: readonly (readonly [string, string])[];
        readonly closed: readonly (readonly [string, string])[];
      }
    | undefined;
}

/** The answer of `evaluate` for one ticket at one instant (DESIGN §5). */
export interface Decision {
  /** The policy that decided. */
  readonly policy: { readonly id: string; readonly version: string };
  /** The ticket id (`null` when the ticket has none). */
  readonly ticketId: string | null;
  /** The instant of the evaluation. */
  readonly evaluatedAt: string;
  /** `degraded` when any issue is an error: a part was decided by the fallback. */
  readonly status: 'ok' | 'degraded';
  /** Problems with the ticket data, with paths into the ticket. */
  readonly issues: readonly Issue[];
  /** The severity and why. */
  readonly severity: SeverityDecision;
  /** The queue and owners. */
  readonly routing: RoutingDecision;
  /** Every SLA clock that has started, in metric order. */
  readonly clocks: readonly Clock[];
  /** Actions due now and not yet performed. */
  readonly actions: readonly DecisionAction[];
  /** Actions scheduled later, in `dueAt` order. */
  readonly upcoming: readonly UpcomingAction[];
  /** Due actions an approval gate withholds until it is granted. */
  readonly withheld: readonly WithheldAction[];
  /** Every approval gate of the policy, in policy order, and where it stands. */
  readonly approvals: readonly ApprovalDecision[];
  /** The next update owed to each audience by the cadences of the severity. */
  readonly communication: readonly CommunicationDecision[];
  /** Required fields the ticket lacks for its severity. */
  readonly validation: readonly ValidationFinding[];
  /** The earliest later instant at which the decision changes if no event arrives; `null` if none. */
  readonly nextEvaluationAt: string | null;
  /** Every rule considered and what came of it (with `explain: true`). */
  readonly trace?: readonly TraceEntry[] | undefined;
}

/** A manual escalation request to authorise. */
export interface EscalationRequest {
  /** The role the person acts in. */
  readonly role: string;
  /** The person (checked to be a member of `role` when given). */
  readonly by?: string | undefined;
  /** The queue the ticket would go to. */
  readonly to?: string | undefined;
}

/** Options of `authorizeEscalation`. */
export interface AuthorizeEscalationOptions {
  /** The instant of the request. */
  readonly now: Instant;
  /** Who is unavailable or overloaded (routing, which conditions may read). */
  readonly context?: EvaluationContext | undefined;
}

/** The answer of `authorizeEscalation`. */
export interface AuthorizationResult {
  /** Whether the request is allowed. */
  readonly allowed: boolean;
  /** Why, in words. */
  readonly reason: string;
  /** The initiation rule that allowed it (`null` when refused or unrestricted). */
  readonly ruleId: string | null;
  /** Every initiation rule considered, in order, and why it did or did not allow. */
  readonly considered: readonly {
    readonly ruleId: string;
    readonly outcome: 'allowed' | 'refused' | 'errored';
    readonly detail: string;
  }[];
  /** Problems with the ticket data (as in a decision): an answer on bad data is a best effort. */
  readonly issues: readonly Issue[];
}
