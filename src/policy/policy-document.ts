import type { CalendarDefinition, WeeklyHours } from '../calendar/index.js';

/**
 * A JsonLogic expression as written in a policy's `when` (DESIGN §8): any JSON value,
 * checked when the policy is compiled.
 */
export type ConditionExpression = unknown;

/** The SLA metrics of DESIGN §7, in the order a ticket meets them. */
export type MetricName = 'acknowledge' | 'firstResponse' | 'nextResponse' | 'periodicUpdate' | 'resolution';

/** Who a communication is for. */
export type Audience = 'customer' | 'internal' | 'executive';

/** The kinds of escalation action a policy can ask for. */
export type ActionKind =
  'notify' | 'page' | 'transferOwnership' | 'escalateTo' | 'requestApproval' | 'sendUpdate';

/** One id or several (`"sev1"` or `["sev1", "sev2"]`). */
export type OneOrMore = string | readonly string[];

/** A link attached to a decision for the people working the ticket. */
export interface Runbook {
  /** What the runbook is for, e.g. `Payments outage runbook`. */
  readonly title: string;
  /** Where it is. */
  readonly url: string;
}

/** One severity level; the policy lists them most severe first. */
export interface SeverityDefinition {
  /** The severity id, e.g. `sev1`. */
  readonly id: string;
  /** The name people use, e.g. `Critical`. */
  readonly name: string;
  /** What the level means, in the organisation's shared language. */
  readonly definition: string;
}

/** A customer tier the policy distinguishes, e.g. `enterprise`. */
export interface TierDefinition {
  /** The tier id, as found in `ticket.customer.tier`. */
  readonly id: string;
  /** The name people use. */
  readonly name?: string | undefined;
}

/** A first-match classification rule: when its condition holds, the ticket gets its severity. */
export interface ClassificationRule {
  /** The rule id, named in decisions. */
  readonly id: string;
  /** The condition (JsonLogic). */
  readonly when: ConditionExpression;
  /** The severity it assigns. */
  readonly severity: string;
  /** Why, in words a person reads in the decision. */
  readonly reason: string;
  /** Runbooks the decision links when this rule matched. */
  readonly runbooks?: readonly Runbook[] | undefined;
  /** Lint finding codes the author has reviewed and accepts for this rule. */
  readonly ignore?: readonly string[] | undefined;
}

/** One axis of the severity matrix: its levels and the expression that picks one. */
export interface MatrixAxis {
  /** The levels, in the order of the matrix rows or columns. */
  readonly levels: readonly string[];
  /** A JsonLogic expression whose value is one of `levels` (otherwise the matrix does not apply). */
  readonly value: ConditionExpression;
}

/** An impact × urgency matrix, consulted when no classification rule matched. */
export interface SeverityMatrix {
  /** The impact axis: one row of `cells` per level. */
  readonly impact: MatrixAxis;
  /** The urgency axis: one column of `cells` per level. */
  readonly urgency: MatrixAxis;
  /** The severity of each impact (row) and urgency (column). */
  readonly cells: readonly (readonly string[])[];
}

/** Who may override the computed severity (a `severityOverridden` event). */
export interface OverridePolicy {
  /** Whether overrides are honoured at all. @defaultValue true */
  readonly allowed?: boolean | undefined;
  /** The roles whose overrides count; any agent when left out. */
  readonly roles?: readonly string[] | undefined;
  /** Whether an override without a reason is ignored. @defaultValue false */
  readonly requireReason?: boolean | undefined;
}

/** How a ticket gets its severity: rules, then the matrix, then the default. */
export interface ClassificationPolicy {
  /** Ordered rules; the first whose condition holds wins. */
  readonly rules: readonly ClassificationRule[];
  /** The impact × urgency matrix, used when no rule matched. */
  readonly matrix?: SeverityMatrix | undefined;
  /** The severity when neither a rule nor the matrix decided. */
  readonly default: string;
  /** Who may override the computed severity. */
  readonly overrides?: OverridePolicy | undefined;
}

/** The roles that own a ticket of some severity in a queue. */
export interface OwnerAssignment {
  /** The role that owns the ticket. */
  readonly primary: string;
  /** The role ownership falls to when the primary is unavailable or does not acknowledge. */
  readonly secondary?: string | undefined;
}

/** A first-match queue of a service line. */
export interface QueueDefinition {
  /** The queue id. */
  readonly id: string;
  /** The name people use. */
  readonly name?: string | undefined;
  /** The service line the queue belongs to, e.g. `payments`. */
  readonly serviceLine: string;
  /** The condition for routing here; a queue without one takes every ticket that reaches it. */
  readonly when?: ConditionExpression;
  /** Owners per severity id, with `*` for every other severity. */
  readonly owners: Readonly<Record<string, OwnerAssignment>>;
  /** Runbooks the decision links when the ticket is routed here. */
  readonly runbooks?: readonly Runbook[] | undefined;
  /** Lint finding codes the author has reviewed and accepts for this queue. */
  readonly ignore?: readonly string[] | undefined;
}

/** Where tickets go: ordered queues and a default. */
export interface RoutingPolicy {
  /** Ordered queues; the first whose condition holds wins. */
  readonly queues: readonly QueueDefinition[];
  /** The queue id used when no queue's condition holds. */
  readonly default: string;
}

/** A role whose members are fixed. */
export interface MembersRole {
  /** The name people use. */
  readonly name?: string | undefined;
  /** The people in the role, by id (e.g. an email or a helpdesk user id). */
  readonly members: readonly string[];
}

/** A role filled by whoever is on call in a schedule. */
export interface ScheduleRole {
  /** The name people use. */
  readonly name?: string | undefined;
  /** The schedule id. */
  readonly schedule: string;
}

/** A role: fixed members or an on-call schedule. */
export type RoleDefinition = MembersRole | ScheduleRole;

/** One rotation layer of an on-call schedule. */
export interface ScheduleLayer {
  /** A label for people. */
  readonly name?: string | undefined;
  /** When the first turn starts: local `YYYY-MM-DDTHH:MM` in the schedule's zone, or an instant with offset. */
  readonly start: string;
  /** The length of a turn: hours (`12h`, exact) or whole days/weeks (`1d`, `1w`, same local wall time). */
  readonly turn: string;
  /** The people who take turns, in order. */
  readonly members: readonly string[];
  /** The weekly windows in which the layer is on call; always when left out. */
  readonly restrictions?: WeeklyHours | undefined;
}

/** A dated replacement of whoever the layers put on call. */
export interface ScheduleOverride {
  /** The start: local `YYYY-MM-DDTHH:MM` in the schedule's zone, or an instant with offset. */
  readonly from: string;
  /** The end (exclusive), in the same forms. */
  readonly to: string;
  /** The people on call instead. */
  readonly members: readonly string[];
}

/** A PagerDuty-style on-call schedule. */
export interface ScheduleDefinition {
  /** The name people use. */
  readonly name?: string | undefined;
  /** The IANA time zone of the layers' local times. */
  readonly timezone: string;
  /** Layers; later layers win where they have someone on call. */
  readonly layers: readonly ScheduleLayer[];
  /** Dated overrides; they win over every layer. */
  readonly overrides?: readonly ScheduleOverride[] | undefined;
}

/** Pause statuses per metric, with `default` for the metrics not listed. */
export interface MetricPauseOn {
  /** Statuses that pause every metric not listed here. */
  readonly default?: readonly string[] | undefined;
  /** Statuses that pause the acknowledge clock. */
  readonly acknowledge?: readonly string[] | undefined;
  /** Statuses that pause the first-response clock. */
  readonly firstResponse?: readonly string[] | undefined;
  /** Statuses that pause the next-response clock. */
  readonly nextResponse?: readonly string[] | undefined;
  /** Statuses that pause the periodic-update clock. */
  readonly periodicUpdate?: readonly string[] | undefined;
  /** Statuses that pause the resolution clock. */
  readonly resolution?: readonly string[] | undefined;
}

/** Which replies count as a response. */
export interface ResponderPolicy {
  /** Whether internal (non-public) agent notes count as a response. @defaultValue false */
  readonly internalNotes?: boolean | undefined;
  /** Authors whose replies never count (e.g. bots), by id. */
  readonly exclude?: readonly string[] | undefined;
}

/** A metric's target in the long form, with its own calendar, pauses or warnings. */
export interface MetricTargetDetail {
  /** The target duration, e.g. `4h`. */
  readonly target: string;
  /** The calendar id, instead of the target's. */
  readonly calendar?: string | undefined;
  /** The statuses that pause this metric, instead of the SLA's. */
  readonly pauseOn?: readonly string[] | undefined;
  /** The warnings of this metric, instead of the target's. */
  readonly warnAt?: readonly string[] | undefined;
}

/** A metric's target: a duration (`"4h"`) or the long form. */
export type MetricTarget = string | MetricTargetDetail;

/** The targets of one SLA entry, per metric; a metric left out has no clock. */
export interface SlaMetrics {
  /** Time to acknowledge (own) the ticket. */
  readonly acknowledge?: MetricTarget | undefined;
  /** Time to the first counting reply. */
  readonly firstResponse?: MetricTarget | undefined;
  /** Time from the oldest unanswered customer reply to the next counting reply. */
  readonly nextResponse?: MetricTarget | undefined;
  /** Time between updates to the customer. */
  readonly periodicUpdate?: MetricTarget | undefined;
  /** Time to a resolved status. */
  readonly resolution?: MetricTarget | undefined;
}

/** An SLA entry: first match on severity, tier and queue (each optional, arrays allowed). */
export interface SlaTarget {
  /** The target id, named in decisions. */
  readonly id: string;
  /** The severities it applies to; any when left out. */
  readonly severity?: OneOrMore | undefined;
  /** The customer tiers it applies to; any when left out. */
  readonly tier?: OneOrMore | undefined;
  /** The queues it applies to; any when left out. */
  readonly queue?: OneOrMore | undefined;
  /** The calendar id the clocks run on. */
  readonly calendar: string;
  /** The targets per metric. */
  readonly metrics: SlaMetrics;
  /** Warnings for this entry's clocks, instead of the SLA's. */
  readonly warnAt?: readonly string[] | undefined;
  /** Lint and check codes the author has reviewed and accepts (e.g. `metric_order`). */
  readonly ignore?: readonly string[] | undefined;
}

/** Service-level targets and how clocks run. */
export interface SlaPolicy {
  /** Statuses that pause clocks: one list for all metrics, or per metric. */
  readonly pauseOn?: readonly string[] | MetricPauseOn | undefined;
  /** Statuses that mean resolved (they stop every clock). @defaultValue ["resolved", "closed"] */
  readonly resolvedOn?: readonly string[] | undefined;
  /** Which replies count as a response. */
  readonly responders?: ResponderPolicy | undefined;
  /** Warnings before a breach: `"75%"` of the target or `"30m before"`. */
  readonly warnAt?: readonly string[] | undefined;
  /** Ordered entries; the first that matches the ticket applies. */
  readonly targets: readonly SlaTarget[];
}

/** Fires when a clock reaches a point: `"75%"`, `"breach"`, `"breach+30m"` or `"30m before"`. */
export interface ClockTrigger {
  /** The metric whose clock is watched. */
  readonly clock: MetricName;
  /** The point on that clock. */
  readonly at: string;
}

/** Fires when the owner has not acknowledged within a duration (time-bound ownership). */
export interface UnacknowledgedTrigger {
  /** How long the owner has, e.g. `10m`. */
  readonly unacknowledgedFor: string;
}

/** Fires when the effective severity becomes one of these. */
export interface SeverityTrigger {
  /** The severity id or ids. */
  readonly severityBecomes: OneOrMore;
}

/** Fires when a resolved ticket is reopened. */
export interface ReopenedTrigger {
  /** Always `true`. */
  readonly reopened: true;
}

/** Fires on a ticket event of a type. */
export interface EventTrigger {
  /** The event type, e.g. `escalationRequested`. */
  readonly event: string;
}

/** When an escalation rule fires. */
export type EscalationTrigger =
  ClockTrigger | UnacknowledgedTrigger | SeverityTrigger | ReopenedTrigger | EventTrigger;

/** Tells roles (or the ticket's `owner` / `secondary`). */
export interface NotifyAction {
  /** The action kind. */
  readonly kind: 'notify';
  /** Role ids, or `owner` / `secondary`. */
  readonly to: readonly string[];
  /** The template id of the message. */
  readonly template?: string | undefined;
}

/** Pages whoever fills a role. */
export interface PageAction {
  /** The action kind. */
  readonly kind: 'page';
  /** The role id. */
  readonly role: string;
}

/** Moves ownership to a role (or `secondary`). */
export interface TransferOwnershipAction {
  /** The action kind. */
  readonly kind: 'transferOwnership';
  /** The role id, or `secondary`. */
  readonly to: string;
}

/** Moves the ticket to another queue (support tiers are queues). */
export interface EscalateToAction {
  /** The action kind. */
  readonly kind: 'escalateTo';
  /** The queue id. */
  readonly queue: string;
}

/** Asks for an approval gate. */
export interface RequestApprovalAction {
  /** The action kind. */
  readonly kind: 'requestApproval';
  /** The gate id. */
  readonly gate: string;
}

/** Sends an update to an audience from a template. */
export interface SendUpdateAction {
  /** The action kind. */
  readonly kind: 'sendUpdate';
  /** Who the update is for. */
  readonly audience: Audience;
  /** The template id. */
  readonly template: string;
}

/** An action an escalation rule asks the host to perform. */
export type EscalationAction =
  | NotifyAction
  | PageAction
  | TransferOwnershipAction
  | EscalateToAction
  | RequestApprovalAction
  | SendUpdateAction;

/** Repeats a rule's actions like an on-call ladder, while its condition holds. */
export interface RepeatPolicy {
  /** The time between repeats, e.g. `15m`. */
  readonly every: string;
  /** How many repeats after the first firing. */
  readonly times: number;
  /** The condition that keeps the ladder going: `unacknowledged` by default for an `unacknowledgedFor` trigger, else `unresolved`. */
  readonly while?: 'unacknowledged' | 'unresolved' | undefined;
}

/** An escalation rule: a trigger, an optional condition and the actions it asks for. */
export interface EscalationRule {
  /** The rule id, named in actions and their idempotency keys. */
  readonly id: string;
  /** A condition that must also hold. */
  readonly when?: ConditionExpression;
  /** When the rule fires. */
  readonly on: EscalationTrigger;
  /** What the host should do. */
  readonly actions: readonly EscalationAction[];
  /** Repeats of the actions. */
  readonly repeat?: RepeatPolicy | undefined;
  /** Why, in words a person reads in the decision. */
  readonly reason?: string | undefined;
  /** Lint finding codes the author has reviewed and accepts for this rule. */
  readonly ignore?: readonly string[] | undefined;
}

/** Who may request a manual escalation, and when. */
export interface InitiationRule {
  /** The rule id, named in authorisation answers. */
  readonly id: string;
  /** The roles allowed to request. */
  readonly roles: readonly string[];
  /** A condition on the ticket (e.g. impact). */
  readonly when?: ConditionExpression;
  /** How long after creation a request is allowed, e.g. `2h`. */
  readonly after?: string | undefined;
  /** The customer tiers it applies to; any when left out. */
  readonly tiers?: readonly string[] | undefined;
  /** The queues a request may escalate to; any when left out. */
  readonly to?: readonly string[] | undefined;
  /** Why, in words a person reads in the answer. */
  readonly reason?: string | undefined;
}

/** Escalation rules and who may escalate by hand. */
export interface EscalationPolicy {
  /** The rules, in document order. */
  readonly rules: readonly EscalationRule[];
  /** Who may request a manual escalation. */
  readonly initiation?: readonly InitiationRule[] | undefined;
}

/** How many approvers must grant: `any`, `all`, a count or a percentage (`"50%"`). */
export type Quorum = number | string;

/** An approval gate. */
export interface ApprovalGate {
  /** The gate id. */
  readonly id: string;
  /** The name people use. */
  readonly name?: string | undefined;
  /** The condition that requires the gate (or use `on`). */
  readonly when?: ConditionExpression;
  /** A severity change that requires the gate (or use `when`). */
  readonly on?: 'severityUpgrade' | 'severityDowngrade' | undefined;
  /** With `on`: the severities changed from. */
  readonly from?: OneOrMore | undefined;
  /** With `on`: the severities changed to. */
  readonly to?: OneOrMore | undefined;
  /** The roles that may approve. */
  readonly approvers: readonly string[];
  /** How many must approve. @defaultValue "any" */
  readonly quorum?: Quorum | undefined;
  /** The approval deadline, e.g. `30m`. */
  readonly within?: string | undefined;
  /** What happens at the deadline. */
  readonly onTimeout?: 'escalate' | 'approve' | 'reject' | undefined;
  /** With `onTimeout: "escalate"`: the role the expired approval is escalated to. */
  readonly escalateToRole?: string | undefined;
  /** Action kinds withheld until the gate is granted. */
  readonly blocks?: readonly ActionKind[] | undefined;
  /** Why, in words a person reads in the decision. */
  readonly reason?: string | undefined;
  /** Lint finding codes the author has reviewed and accepts for this gate. */
  readonly ignore?: readonly string[] | undefined;
}

/** Approval gates. */
export interface ApprovalPolicy {
  /** The gates, in document order. */
  readonly gates: readonly ApprovalGate[];
}

/** A message template with `{{path}}` placeholders (no code; missing values render empty). */
export interface MessageTemplate {
  /** Who the template is written for. */
  readonly audience?: Audience | undefined;
  /** The subject line. */
  readonly subject?: string | undefined;
  /** The body. */
  readonly body: string;
}

/** How often an audience hears about tickets of some severities. */
export interface CadenceRule {
  /** The cadence id. */
  readonly id: string;
  /** The severities it applies to. */
  readonly severity: OneOrMore;
  /** Who hears. */
  readonly audience: Audience;
  /** The time between updates, e.g. `1h`. */
  readonly every: string;
  /** The template id. */
  readonly template: string;
  /** The calendar id the cadence runs on; wall-clock time when left out. */
  readonly calendar?: string | undefined;
}

/** Communication templates and cadences. */
export interface CommunicationPolicy {
  /** Templates by id. */
  readonly templates?: Readonly<Record<string, MessageTemplate>> | undefined;
  /** Cadences, in document order. */
  readonly cadence?: readonly CadenceRule[] | undefined;
}

/** A field a ticket must carry. */
export interface RequiredField {
  /** The ticket path, e.g. `impact.statement` or `fields.rootCause`. */
  readonly path: string;
  /** What people call it, e.g. `impact statement`. */
  readonly label?: string | undefined;
}

/** Fields tickets of some severities must carry. */
export interface RequiredFieldsRule {
  /** The rule id. */
  readonly id: string;
  /** The severities it applies to. */
  readonly severity: OneOrMore;
  /** The fields. */
  readonly fields: readonly RequiredField[];
}

/** A named pattern of personal or secret data. */
export type RedactionPattern = 'email' | 'phone' | 'cardNumber' | 'secret';

/** What is masked in every string the engine emits. */
export interface RedactionPolicy {
  /** Ticket paths whose values are masked wherever they appear. */
  readonly fields?: readonly string[] | undefined;
  /** Named patterns masked in text. */
  readonly patterns?: readonly RedactionPattern[] | undefined;
  /** The mask. @defaultValue "[redacted]" */
  readonly mask?: string | undefined;
}

/** Who owns the policy and how often it is reviewed. */
export interface GovernancePolicy {
  /** The owner (a person or team). */
  readonly owner: string;
  /** The local date of the last review, `YYYY-MM-DD`. */
  readonly reviewedAt: string;
  /** The review period: days, weeks, months or years (`90d`, `12w`, `3mo`, `1y`, `P3M`). */
  readonly reviewEvery: string;
}

/** What a ticket gets when it cannot be decided (a degraded evaluation). */
export interface FallbackPolicy {
  /** The severity id. */
  readonly severity: string;
  /** The queue id. */
  readonly queue: string;
  /** Roles told about the degraded decision. */
  readonly notify?: readonly string[] | undefined;
}

/** A relation that makes two tickets part of one incident group (`correlate`). */
export type CorrelationRelation = 'related' | 'service' | 'keywords';

/** How keywords are read from a ticket's subject and description. */
export interface KeywordSettings {
  /** How many keywords two tickets must share to be related: 1 to 3. @defaultValue 2 */
  readonly minShared?: number | undefined;
  /** The shortest word that is a keyword, in characters: 2 to 20. @defaultValue 3 */
  readonly minLength?: number | undefined;
  /** A word found in more than this share of the tickets (and in more than 20) is too common to relate tickets. @defaultValue "10%" */
  readonly maxShare?: string | undefined;
  /** Words that never relate tickets, besides the built-in English stop words. */
  readonly stopWords?: readonly string[] | undefined;
}

/** How many related tickets make a problem, and how close together. */
export interface ProblemThreshold {
  /** How many tickets: 2 to 100,000. */
  readonly tickets: number;
  /** The window they arrive in, first to last, e.g. `30m`; the whole group when left out. */
  readonly within?: string | undefined;
  /** Count the tickets of each service apart (`service`) or of the whole group (`group`). @defaultValue "group" */
  readonly by?: 'group' | 'service' | undefined;
  /** How many services the tickets must span, with `by: "group"`. @defaultValue 1 */
  readonly services?: number | undefined;
}

/** Tells roles, or the `owner` / `secondary` of every affected queue. */
export interface ProblemNotifyAction {
  /** The action kind. */
  readonly kind: 'notify';
  /** Role ids, or `owner` / `secondary` for the owners of each affected queue. */
  readonly to: readonly string[];
}

/** What a problem asks the host to do: notify or page, once per affected queue for `owner` / `secondary`. */
export type ProblemRuleAction = ProblemNotifyAction | PageAction;

/** A threshold that turns a group of related tickets into a systemic problem. */
export interface ProblemRule {
  /** The rule id, named in problems and their action keys. */
  readonly id: string;
  /** A condition each ticket must meet to count (it sees the decision so far, as escalation rules do). */
  readonly when?: ConditionExpression;
  /** How many tickets of one group make a problem. */
  readonly threshold: ProblemThreshold;
  /** The severity of the problem. */
  readonly severity: string;
  /** What the host should do for the affected teams. */
  readonly actions?: readonly ProblemRuleAction[] | undefined;
  /** Why, in words a person reads in the problem. */
  readonly reason?: string | undefined;
  /** Lint finding codes the author has reviewed and accepts for this rule. */
  readonly ignore?: readonly string[] | undefined;
}

/** How related tickets are grouped, and the thresholds that make a group a systemic problem. */
export interface ProblemPolicy {
  /** How close in time two tickets must be for a shared service or shared keywords to relate them. @defaultValue "30m" */
  readonly window?: string | undefined;
  /** The relations that group tickets. @defaultValue ["related", "service", "keywords"] */
  readonly relations?: readonly CorrelationRelation[] | undefined;
  /** How keywords are read from subjects and descriptions. */
  readonly keywords?: KeywordSettings | undefined;
  /** The rules; every rule whose threshold a group crosses fires. */
  readonly rules: readonly ProblemRule[];
}

/**
 * A policy document as written by its authors. Compile it with
 * `compilePolicy`; the JSON Schema is `policyJsonSchema()`.
 */
export interface PolicyDocument {
  /** The JSON Schema the file declares, for editors. */
  readonly $schema?: string | undefined;
  /** The policy id (kebab-case). */
  readonly id: string;
  /** The policy version, e.g. `2026.11.1`. */
  readonly version: string;
  /** What the policy is for. */
  readonly description?: string | undefined;
  /** Business-hours calendars by id. */
  readonly calendars: Readonly<Record<string, CalendarDefinition>>;
  /** Severities, most severe first. */
  readonly severities: readonly SeverityDefinition[];
  /** Customer tiers; when given, tier references are checked against them. */
  readonly tiers?: readonly TierDefinition[] | undefined;
  /** How tickets get their severity. */
  readonly classification: ClassificationPolicy;
  /** Where tickets go. */
  readonly routing: RoutingPolicy;
  /** Roles by id. */
  readonly roles: Readonly<Record<string, RoleDefinition>>;
  /** On-call schedules by id. */
  readonly schedules?: Readonly<Record<string, ScheduleDefinition>> | undefined;
  /** SLA targets and clock rules. */
  readonly sla: SlaPolicy;
  /** Escalation rules. */
  readonly escalation?: EscalationPolicy | undefined;
  /** Approval gates. */
  readonly approvals?: ApprovalPolicy | undefined;
  /** Templates and cadences. */
  readonly communication?: CommunicationPolicy | undefined;
  /** Fields tickets must carry, per severity. */
  readonly requiredFields?: readonly RequiredFieldsRule[] | undefined;
  /** What is masked in emitted strings. */
  readonly redaction?: RedactionPolicy | undefined;
  /** Ownership and review. */
  readonly governance?: GovernancePolicy | undefined;
  /** What undecidable tickets get. */
  readonly fallback: FallbackPolicy;
  /** How related tickets are grouped, and when a group is a systemic problem. */
  readonly problems?: ProblemPolicy | undefined;
}
