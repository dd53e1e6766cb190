import type { ApprovalDecision, Clock, EvaluationContext } from '../engine/index.js';
import type { Instant } from '../internal/index.js';
import type { ActionKind, Audience, MetricName } from '../policy/index.js';

/** A value under the `before` policy (`from`) and under the `after` policy (`to`). */
export interface Transition<T> {
  /** The value under `before`. */
  readonly from: T;
  /** The value under `after`. */
  readonly to: T;
}

/**
 * The kinds of per-ticket change, in the order a ticket's changes are listed (the order of
 * the decision's fields).
 */
export type ChangeKind =
  | 'status'
  | 'severity'
  | 'queue'
  | 'owner'
  | 'secondary'
  | 'clock'
  | 'action'
  | 'upcoming'
  | 'withheld'
  | 'approval'
  | 'communication'
  | 'validation'
  | 'nextEvaluationAt';

/**
 * How an entry that exists under one policy or both compares: `added` (only under `after`),
 * `removed` (only under `before`) or `changed` (under both, with a different value).
 */
export type ChangePresence = 'added' | 'removed' | 'changed';

/** The decision's status changed (`degraded` when an error issue made the fallback decide). */
export interface StatusChange {
  readonly kind: 'status';
  /** The status under `before`. */
  readonly from: 'ok' | 'degraded';
  /** The status under `after`. */
  readonly to: 'ok' | 'degraded';
}

/** The effective severity changed. */
export interface SeverityChange {
  readonly kind: 'severity';
  /** The severity id under `before`. */
  readonly from: string;
  /** The severity id under `after`. */
  readonly to: string;
  /** The classification rule that gave each (`null` for the matrix, the default or an override). */
  readonly ruleId: Transition<string | null>;
}

/** The routed queue changed. */
export interface QueueChange {
  readonly kind: 'queue';
  /** The queue id under `before`. */
  readonly from: string;
  /** The queue id under `after`. */
  readonly to: string;
}

/** The owner changed: its role, or the people filling it at the evaluation instant. */
export interface OwnerChange {
  readonly kind: 'owner';
  /** The owner role id. */
  readonly role: Transition<string>;
  /** The people who own the ticket. */
  readonly members: Transition<readonly string[]>;
}

/** The secondary changed: its role (`null` when the queue names none) or its people. */
export interface SecondaryChange {
  readonly kind: 'secondary';
  /** The secondary role id, `null` when there is none. */
  readonly role: Transition<string | null>;
  /** The people of the secondary role (empty when there is none). */
  readonly members: Transition<readonly string[]>;
}

/**
 * An SLA clock changed: it exists under one policy only, or its target, state or deadline
 * differ. `null` stands for "no such clock under that policy".
 */
export interface ClockChange {
  readonly kind: 'clock';
  /** The metric. */
  readonly metric: MetricName;
  /** Added, removed or changed. */
  readonly change: ChangePresence;
  /** The SLA target entry the clock comes from (shown, not compared: a rename alone is no change). */
  readonly targetId: Transition<string | null>;
  /** The target duration. */
  readonly durationMs: Transition<number | null>;
  /** The calendar the clock runs on. */
  readonly calendar: Transition<string | null>;
  /** The state at the evaluation instant. */
  readonly state: Transition<Clock['state'] | null>;
  /** The deadline (`null` also while paused or when the calendar never opens). */
  readonly deadline: Transition<string | null>;
}

/**
 * A due, upcoming or withheld action changed: its idempotency key appears under one policy
 * only, or its `dueAt` moved. `null` stands for "not in that list under that policy".
 */
export interface ActionChange {
  /** `action` for due actions, `upcoming` for scheduled ones, `withheld` for those a gate holds back. */
  readonly kind: 'action' | 'upcoming' | 'withheld';
  /** The idempotency key. */
  readonly key: string;
  /** The escalation rule (or gate, or `fallback`) that asks for it. */
  readonly ruleId: string;
  /** What the action asks for. */
  readonly actionKind: ActionKind;
  /** Added, removed, or changed (its `dueAt` moved). */
  readonly change: ChangePresence;
  /** When it is (or was) due. */
  readonly dueAt: Transition<string | null>;
}

/**
 * An approval gate changed status or deadline. A gate that a policy does not define counts as
 * `not_required` there; its side of the transition is `null`.
 */
export interface ApprovalChange {
  readonly kind: 'approval';
  /** The gate id. */
  readonly gate: string;
  /** Added (required under `after` only), removed (under `before` only) or changed. */
  readonly change: ChangePresence;
  /** Where the gate stands (`null`: the policy has no such gate). */
  readonly status: Transition<ApprovalDecision['status'] | null>;
  /** The approval deadline while pending. */
  readonly dueAt: Transition<string | null>;
}

/**
 * An update owed by a communication cadence changed: owed under one policy only, or due at
 * another instant, with another template or blocked by another gate.
 */
export interface CommunicationChange {
  readonly kind: 'communication';
  /** The cadence id. */
  readonly cadence: string;
  /** Who hears. */
  readonly audience: Transition<Audience | null>;
  /** Added, removed or changed. */
  readonly change: ChangePresence;
  /** When the next update is due. */
  readonly dueAt: Transition<string | null>;
  /** The template id. */
  readonly template: Transition<string | null>;
  /** A gate that blocks the update, if any. */
  readonly blockedBy: Transition<string | null>;
}

/** A required field became missing (`added`) or no longer required (`removed`). */
export interface ValidationChange {
  readonly kind: 'validation';
  /** The ticket path of the field. */
  readonly path: string;
  /** Missing only under `after` (`added`) or only under `before` (`removed`). */
  readonly change: 'added' | 'removed';
}

/** The instant at which the decision next changes moved. */
export interface NextEvaluationChange {
  readonly kind: 'nextEvaluationAt';
  /** Under `before` (`null`: nothing scheduled). */
  readonly from: string | null;
  /** Under `after` (`null`: nothing scheduled). */
  readonly to: string | null;
}

/** One difference between the two decisions of a ticket, discriminated by `kind`. */
export type Change =
  | StatusChange
  | SeverityChange
  | QueueChange
  | OwnerChange
  | SecondaryChange
  | ClockChange
  | ActionChange
  | ApprovalChange
  | CommunicationChange
  | ValidationChange
  | NextEvaluationChange;

/** How one ticket's decision differs between the two policies (only tickets that differ). */
export interface TicketDiff {
  /** The ticket id (`null` when the ticket has none). */
  readonly ticketId: string | null;
  /** The ticket's position in the stream, from 0 (unchanged tickets count too). */
  readonly index: number;
  /** The instant both policies were evaluated at. */
  readonly evaluatedAt: string;
  /** The differences, in {@link ChangeKind} order, then by the entry's id (docs/policy-diff.md). */
  readonly changes: readonly [Change, ...Change[]];
}

/** Counts of a quantity under each policy. */
export interface BeforeAfter {
  /** Under `before`. */
  readonly before: number;
  /** Under `after`. */
  readonly after: number;
}

/** Tickets with a breached clock under each policy, and those that gained or lost one. */
export interface BreachCounts extends BeforeAfter {
  /** Tickets with a clock breached under `after` and not under `before`. */
  readonly gained: number;
  /** Tickets with a clock breached under `before` and not under `after`. */
  readonly lost: number;
}

/** Action entries that appear, disappear or move between the two policies. */
export interface ActionCounts {
  /** Entries only under `after`. */
  readonly gained: number;
  /** Entries only under `before`. */
  readonly lost: number;
  /** Entries under both whose `dueAt` differs. */
  readonly moved: number;
}

/** Action entry counts over every ticket, in total and by the rule that asks for them. */
export interface ActionSummary extends ActionCounts {
  /** By rule id (escalation rule, gate or `fallback`), keys sorted; rules with no change left out. */
  readonly byRule: Readonly<Record<string, ActionCounts>>;
}

/** A count of tickets per pair: `matrix[from][to]`. */
export type MigrationMatrix = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** What changed over the whole stream: every ticket is counted, whatever `limit` keeps. */
export interface PolicyDiffSummary {
  /** Tickets read from the stream. */
  readonly tickets: number;
  /** Tickets with at least one change. */
  readonly changed: number;
  /** Tickets with at least one change of each kind (every kind listed, in {@link ChangeKind} order). */
  readonly byKind: Readonly<Record<ChangeKind, number>>;
  /**
   * Tickets by effective severity under `before` (rows) and `after` (columns), every severity
   * of either policy in policy order: unchanged tickets are on the diagonal.
   */
  readonly severityMigration: MigrationMatrix;
  /**
   * Tickets by routed queue under `before` (rows) and `after` (columns), like
   * `severityMigration` but over the queues some ticket was routed to (policy order).
   */
  readonly queueMigration: MigrationMatrix;
  /** Tickets whose decision is degraded under each policy. */
  readonly degraded: BeforeAfter;
  /** Tickets with any breached clock, and by metric (every metric listed, in metric order). */
  readonly breaches: BreachCounts & { readonly byMetric: Readonly<Record<MetricName, BreachCounts>> };
  /** Due actions gained, lost and moved (withheld ones are counted in `byKind` only). */
  readonly actions: ActionSummary;
  /** Upcoming actions gained, lost and moved. */
  readonly upcoming: ActionSummary;
}

/** The id and version of a compiled policy. */
export interface PolicyRef {
  /** The policy id. */
  readonly id: string;
  /** The policy version. */
  readonly version: string;
}

/** The answer of {@link diffPolicies}: a summary over every ticket and the first changed tickets. */
export interface PolicyDiff {
  /** The policy compared from. */
  readonly before: PolicyRef;
  /** The policy compared to. */
  readonly after: PolicyRef;
  /** Counts over every ticket of the stream. */
  readonly summary: PolicyDiffSummary;
  /** The first `limit` changed tickets, in stream order. */
  readonly tickets: readonly TicketDiff[];
  /** Whether changed tickets were left out of `tickets` (`summary.changed > tickets.length`). */
  readonly truncated: boolean;
}

/**
 * The instant to evaluate a ticket at: one for all, or one per ticket; either way in the years
 * 1000 to 9999 (a programmer error otherwise).
 */
export type DiffNow = Instant | ((ticket: unknown, index: number) => Instant);

/** Options of {@link diffPolicies}. */
export interface DiffPoliciesOptions {
  /**
   * The instant both policies are evaluated at: an instant for every ticket, or a function of
   * the ticket and its index (e.g. the instant of the snapshot), called once per ticket.
   */
  readonly now: DiffNow;
  /**
   * How many changed tickets `tickets` keeps (the first ones, in stream order); the summary
   * counts every ticket whatever the limit. `0` keeps none; `Infinity` keeps all.
   *
   * @defaultValue 1000
   */
  readonly limit?: number | undefined;
  /** Called with every changed ticket, in stream order, as soon as it is compared (kept or not). */
  readonly onTicket?: ((diff: TicketDiff) => void) | undefined;
  /** Who is unavailable or overloaded, the same for both policies and every ticket. */
  readonly context?: EvaluationContext | undefined;
}

/** Options of {@link diffPoliciesAsync}: those of {@link diffPolicies}, with an awaited `onTicket`. */
export interface DiffPoliciesAsyncOptions extends Omit<DiffPoliciesOptions, 'onTicket'> {
  /**
   * Called with every changed ticket, in stream order; a returned promise is awaited before
   * the next ticket is read (back-pressure for a writer).
   */
  readonly onTicket?: ((diff: TicketDiff) => void | Promise<void>) | undefined;
}
