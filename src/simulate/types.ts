import type {
  ApprovalDecision,
  Assignee,
  Clock,
  DecisionAction,
  EvaluationContext,
  Ticket,
  TicketEvent,
} from '../engine/index.js';
import type { Issue } from '../errors/index.js';
import type { ActionKind, Audience, MetricName } from '../policy/index.js';

/**
 * An instant of a scenario: `+` and a duration after the ticket's creation (`"+20m"`,
 * `"+1h30m"`, `"+PT2H"`; the units of `parseDuration`), or an ISO 8601 date-time with an
 * offset (`"2026-03-09T14:20:00Z"`).
 */
export type ScenarioTime = string;

/** A ticket event with its `at` replaced by a scenario time. */
type Scripted<E> = E extends unknown ? Omit<E, 'at'> & { readonly at: ScenarioTime } : never;

/**
 * An event a scenario applies to the ticket at its instant: any ticket event (DESIGN §4)
 * with `at` as a {@link ScenarioTime}. Events of other types are kept (`event` triggers
 * may listen to them).
 */
export type ScenarioEvent =
  | Scripted<TicketEvent>
  | { readonly type: string; readonly at: ScenarioTime; readonly [field: string]: unknown };

/**
 * How the people on the ticket behave when the scenario does not script them.
 */
export interface ResponderModel {
  /**
   * Record an `actionPerformed` event for every action at the instant it is returned
   * (the host performs what it is asked, at once). @defaultValue true
   */
  readonly performActions?: boolean | undefined;
  /**
   * The owner acknowledges this long (`"3m"`) after each acknowledge cycle starts (the
   * creation and each assignment), unless someone acknowledged first. @defaultValue none
   */
  readonly acknowledge?: string | undefined;
  /**
   * Performed actions also record what a host records: an `assigned` event to the first
   * target of a `transferOwnership`, an `updateSent` event for a `sendUpdate`. @defaultValue false
   */
  readonly recordEffects?: boolean | undefined;
}

/** What an action must have to match; every field given must match. */
export interface ActionMatcher {
  /** The action kind. */
  readonly kind?: ActionKind | undefined;
  /** The escalation rule (or gate, or `fallback`) that asks for it. */
  readonly ruleId?: string | undefined;
  /** A role the action is for, as written in the policy (`payload.role` or one of `payload.roles`). */
  readonly role?: string | undefined;
  /** A person among the action's targets. */
  readonly target?: string | undefined;
  /** The audience of a `sendUpdate`. */
  readonly audience?: Audience | undefined;
  /** The gate of a `requestApproval`. */
  readonly gate?: string | undefined;
}

/** A clock to look for: the metric, and the state when given. */
export interface ClockMatcher {
  /** The metric. */
  readonly metric: MetricName;
  /** The state; any state (the clock has started) when left out. */
  readonly state?: Clock['state'] | undefined;
}

/** An approval gate to look for: the gate, and the status when given. */
export interface ApprovalMatcher {
  /** The gate id. */
  readonly gate: string;
  /** The status; when left out, any status but `not_required` (the gate is required). */
  readonly status?: ApprovalDecision['status'] | undefined;
}

/**
 * What an assertion looks for: an action that came due, or a state of the decision (the
 * effective severity, a clock, an approval gate).
 */
export type ScenarioCheck =
  | { readonly action: ActionMatcher }
  | { readonly severity: string }
  | { readonly clock: ClockMatcher }
  | { readonly approval: ApprovalMatcher };

/**
 * An expectation of a scenario, reported as passed or failed (see docs/simulation.md):
 * - `by`: the check held at some evaluation at or before that instant (an action: one
 *   matching came due by then);
 * - `at`: the check holds at that instant (an action: one matching came due exactly then);
 * - `never`: the check held at no evaluation (up to `by` when given, else to the end).
 */
export type Assertion =
  | (ScenarioCheck & { readonly by: ScenarioTime; readonly description?: string | undefined })
  | (ScenarioCheck & { readonly at: ScenarioTime; readonly description?: string | undefined })
  | {
      readonly never: ScenarioCheck;
      readonly by?: ScenarioTime | undefined;
      readonly description?: string | undefined;
    };

/**
 * A drill: a ticket, the events that happen to it, how responders behave, how long to run
 * and what to expect. Plain JSON; times are relative to the ticket's `createdAt` (T0).
 */
export interface Scenario {
  /** The JSON Schema of the file, ignored. */
  readonly $schema?: string | undefined;
  /** A short name, repeated in the result. */
  readonly name?: string | undefined;
  /** What the drill exercises. */
  readonly description?: string | undefined;
  /**
   * The ticket as created: `createdAt` is T0. Its events at or before T0 are its history;
   * later ones are applied at their instants like scripted events.
   */
  readonly ticket: Ticket;
  /** What happens, at scenario times (in any order; same-instant events keep their order). */
  readonly events?: readonly ScenarioEvent[] | undefined;
  /** How responders behave. @defaultValue `{ performActions: true }` */
  readonly responder?: ResponderModel | undefined;
  /** Who is unavailable or overloaded through the drill. */
  readonly context?: EvaluationContext | undefined;
  /**
   * The horizon; like every scenario time, at most 9999-12-31T23:59:59.999Z (a later one is
   * an issue at its path). @defaultValue 72 hours after T0 (or the end of the year 9999 when
   * sooner), or the latest scripted event or assertion instant when later
   */
  readonly until?: ScenarioTime | undefined;
  /** Expectations, each reported as passed or failed. */
  readonly expect?: readonly Assertion[] | undefined;
}

/** Options of `simulate`. */
export interface SimulateOptions {
  /** The most evaluations to run before stopping with a `step_limit` issue. @defaultValue 10000 */
  readonly maxSteps?: number | undefined;
  /** Adds `evaluations`: every evaluation, why it happened and what it scheduled. @defaultValue false */
  readonly explain?: boolean | undefined;
}

/** What every timeline entry has. */
interface TimelineBase {
  /** The instant the simulation observed it (an evaluation or the event's instant). */
  readonly at: string;
  /** The same instant after T0, as a duration (`"+1h5m"`). */
  readonly offset: string;
}

/** An event applied to the ticket. */
export interface EventEntry extends TimelineBase {
  readonly kind: 'event';
  /** Who made it happen: the scenario's script (or the ticket's later history), or the responder model. */
  readonly source: 'scenario' | 'responder';
  /** The event as applied (`at` as an ISO string). */
  readonly event: { readonly type: string; readonly at: string; readonly [field: string]: unknown };
}

/** The effective severity changed (or was first decided). */
export interface SeverityEntry extends TimelineBase {
  readonly kind: 'severity';
  /** The effective severity. */
  readonly severity: string;
  /** The severity before, `null` at the first evaluation. */
  readonly previous: string | null;
  /** What decided it. */
  readonly source: 'rule' | 'matrix' | 'override' | 'default' | 'fallback';
  /** The severity the policy computes. */
  readonly suggested: string;
  /** Why, in words. */
  readonly reason: string;
}

/** The queue or the people owning the ticket changed (or were first decided). */
export interface RoutingEntry extends TimelineBase {
  readonly kind: 'routing';
  /** The queue. */
  readonly queue: string;
  /** The owner role and its people. */
  readonly owner: Assignee;
  /** The secondary, `null` when none. */
  readonly secondary: Assignee | null;
}

/** A clock started a cycle, or its state, target or deadline changed: the bars of a chart. */
export interface ClockEntry extends TimelineBase {
  readonly kind: 'clock';
  /** The metric. */
  readonly metric: MetricName;
  /** The state now. */
  readonly state: Clock['state'];
  /** The state at the previous evaluation, `null` when the clock (or its cycle) is new. */
  readonly previous: Clock['state'] | null;
  /** The SLA target entry. */
  readonly targetId: string;
  /** The target duration. */
  readonly targetMs: number;
  /** The calendar it runs on. */
  readonly calendar: string;
  /** When the cycle started. */
  readonly startedAt: string;
  /** The deadline (`null` while paused). */
  readonly deadline: string | null;
  /** When it breached, or `null`. */
  readonly breachedAt: string | null;
  /** When the cycle stopped, or `null`. */
  readonly stoppedAt: string | null;
}

/** A warning point of a clock was passed. */
export interface WarningEntry extends TimelineBase {
  readonly kind: 'warning';
  /** The metric. */
  readonly metric: MetricName;
  /** The point as written (`"75%"`, `"30m before"`). */
  readonly point: string;
  /** The exact instant the clock reached it. */
  readonly dueAt: string;
}

/** A clock breached its target. */
export interface BreachEntry extends TimelineBase {
  readonly kind: 'breach';
  /** The metric. */
  readonly metric: MetricName;
  /** The cycle's start. */
  readonly startedAt: string;
  /** The deadline that was missed (before `at` when a target applied late). */
  readonly breachedAt: string;
}

/** An action came due (each key once). */
export interface ActionEntry extends TimelineBase {
  readonly kind: 'action';
  /** The action as the decision returned it. */
  readonly action: DecisionAction;
  /** Whether the responder model recorded it as performed at `at`. */
  readonly performed: boolean;
}

/** An approval gate changed status. */
export interface ApprovalEntry extends TimelineBase {
  readonly kind: 'approval';
  /** The gate id. */
  readonly gate: string;
  /** The status now. */
  readonly status: ApprovalDecision['status'];
  /** The status before (`not_required` at the first evaluation). */
  readonly previous: ApprovalDecision['status'];
  /** Since when it is required, or `null`. */
  readonly requiredAt: string | null;
  /** The approval deadline while pending. */
  readonly dueAt?: string | undefined;
  /** Why, in words. */
  readonly reason: string;
}

/** An update to an audience fell due. */
export interface CommunicationEntry extends TimelineBase {
  readonly kind: 'communication';
  /** The cadence id. */
  readonly cadence: string;
  /** Who hears. */
  readonly audience: Audience;
  /** When it fell due. */
  readonly dueAt: string;
  /** The template id. */
  readonly template: string;
  /** A gate that withholds updates, when one does. */
  readonly blockedBy?: string | undefined;
}

/** A decision reported a new issue about the ticket data (each once). */
export interface IssueEntry extends TimelineBase {
  readonly kind: 'issue';
  /** The issue, with its path into the ticket. */
  readonly issue: Issue;
}

/** One thing that happened in a simulation, at an instant. */
export type TimelineEntry =
  | EventEntry
  | SeverityEntry
  | RoutingEntry
  | ClockEntry
  | WarningEntry
  | BreachEntry
  | ActionEntry
  | ApprovalEntry
  | CommunicationEntry
  | IssueEntry;

/** The outcome of one assertion. */
export interface AssertionResult {
  /** The assertion as written. */
  readonly assertion: Assertion;
  /** Whether it held. */
  readonly passed: boolean;
  /** Why, in words. */
  readonly detail: string;
  /** The instant that decided it (the first match, or the violation), `null` when none. */
  readonly at: string | null;
}

/** A problem with the simulation run itself. */
export interface SimulationIssue {
  /** `step_limit`: the run stopped after `maxSteps` evaluations, before its end. */
  readonly code: 'step_limit';
  readonly severity: 'error';
  /** The instant the run stopped. */
  readonly at: string;
  /** One readable line. */
  readonly message: string;
}

/** One evaluation of a simulation (with `explain: true`). */
export interface SimulationStep {
  /** The evaluation instant. */
  readonly at: string;
  /**
   * Why the simulation evaluated then: `start` (T0), `event` (events applied), `scheduled`
   * (the previous decision's `nextEvaluationAt`), `settle` (again at the same instant, after
   * the responder recorded events), `end` (the clocks as of the end).
   */
  readonly cause: 'start' | 'event' | 'scheduled' | 'settle' | 'end';
  /** The decision's `nextEvaluationAt`. */
  readonly nextEvaluationAt: string | null;
}

/** The outcome of `simulate`: plain JSON, the same for the same inputs. */
export interface SimulationResult {
  /** The scenario's name, `null` when it has none. */
  readonly scenario: string | null;
  /** The policy that decided. */
  readonly policy: { readonly id: string; readonly version: string };
  /** The ticket id. */
  readonly ticketId: string;
  /** T0: the ticket's creation. */
  readonly start: string;
  /** The horizon. */
  readonly until: string;
  /** Up to when the outcome is known: the horizon, or where the step limit stopped the run. */
  readonly end: string;
  /** Why the run ended: the horizon came, nothing was scheduled any more, or the step limit. */
  readonly stopReason: 'horizon' | 'nothing_scheduled' | 'step_limit';
  /** The number of evaluations. */
  readonly steps: number;
  /** Everything that happened, in instant order. */
  readonly timeline: readonly TimelineEntry[];
  /** The effective severity at the end. */
  readonly severity: string;
  /** The clocks as of the end. */
  readonly clocks: readonly Clock[];
  /** The approval gates at the end. */
  readonly approvals: readonly ApprovalDecision[];
  /** Each assertion of `expect`, in order. */
  readonly assertions: readonly AssertionResult[];
  /** Every assertion held and the run reached its end. */
  readonly passed: boolean;
  /** Problems with the run itself. */
  readonly issues: readonly SimulationIssue[];
  /** Every evaluation (with `explain: true`). */
  readonly evaluations?: readonly SimulationStep[] | undefined;
}

/** The outcome of `safeSimulate`. */
export type SafeSimulateResult =
  | { readonly success: true; readonly result: SimulationResult }
  | { readonly success: false; readonly issues: readonly [Issue, ...Issue[]] };
