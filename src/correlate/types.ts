import type { Assignee } from '../engine/index.js';
import type { Issue } from '../errors/index.js';
import type { Instant } from '../internal/index.js';
import type { CorrelationRelation } from '../policy/index.js';

/** Options of `correlate` and `reportIncidents`. */
export interface CorrelateOptions {
  /** The instant of the analysis (required: the engine never reads the clock); tickets created after it are left out. */
  readonly now: Instant;
  /** Keys of problem actions the host has performed: they are never returned again. */
  readonly performed?: Iterable<string> | undefined;
}

/** Options of `reportIncidents` (the same as `correlate`'s). */
export type ReportIncidentsOptions = CorrelateOptions;

/**
 * Related tickets: tickets joined, directly or through each other, by an explicit link
 * (`relatedTicketIds`), the same service within the policy's window, or shared keywords
 * within the window. Only groups of two tickets or more are listed.
 */
export interface IncidentGroup {
  /** The group id: the id of its earliest ticket. */
  readonly id: string;
  /** Its tickets' ids, earliest first (same instant: by id). */
  readonly ticketIds: readonly string[];
  /** The services of its tickets, in the order they first appear. */
  readonly services: readonly string[];
  /** The keywords most of its tickets share, most shared first (at most 5; only words two tickets share). */
  readonly keywords: readonly string[];
  /** The relations that join its tickets, in the order `related`, `service`, `keywords`. */
  readonly relations: readonly CorrelationRelation[];
  /** When its first ticket was created. */
  readonly firstAt: string;
  /** When its last ticket was created. */
  readonly lastAt: string;
  /** The problem it makes when it crossed a threshold of the policy's `problems.rules`; else `null`. */
  readonly problem: Problem | null;
}

/**
 * A systemic problem: an incident group that crossed one or more thresholds of the policy's
 * `problems.rules`, the queues it affects (each ticket routed as `evaluate` routes it) and
 * the actions due for the affected teams.
 */
export interface Problem {
  /** The id of the group it is about. */
  readonly groupId: string;
  /** `open` while one of its tickets is not resolved; a `resolved` problem asks for no action. */
  readonly status: 'open' | 'resolved';
  /** The most severe severity of its firings. */
  readonly severity: string;
  /** The rule that gave the severity (the first in document order among equals). */
  readonly ruleId: string;
  /** Why, in words: that rule's `reason`, or its threshold. */
  readonly reason: string;
  /** When the first ticket of its earliest firing's window was created. */
  readonly startedAt: string;
  /** When a threshold was first crossed: the creation of the ticket that crossed it. */
  readonly detectedAt: string;
  /** The tickets of its firings, earliest first. */
  readonly ticketIds: readonly string[];
  /** The services of those tickets, in the order they first appear. */
  readonly services: readonly string[];
  /** The queues those tickets are routed to, in the policy's queue order. */
  readonly queues: readonly AffectedQueue[];
  /** Each threshold crossed (the latest firing of each rule, and of each service with `by: "service"`), by `crossedAt`. */
  readonly firings: readonly ProblemFiring[];
  /** The actions due for the affected teams and not performed yet, in firing, action and queue order. */
  readonly actions: readonly ProblemAction[];
}

/** A threshold of a problem rule crossed by a group. */
export interface ProblemFiring {
  /** The problem rule. */
  readonly ruleId: string;
  /** The rule's severity. */
  readonly severity: string;
  /** With `by: "service"`: the service whose tickets crossed it; else `null`. */
  readonly service: string | null;
  /** When the first ticket of the window that crossed it was created. */
  readonly windowStartAt: string;
  /** When the ticket that crossed it was created. */
  readonly crossedAt: string;
  /** The id of the ticket that crossed it (it anchors the action keys). */
  readonly crossedBy: string;
  /** How many counted tickets the window held when it was crossed. */
  readonly tickets: number;
  /** The rule's `reason`, or its threshold in words. */
  readonly reason: string;
}

/** A queue a problem affects: its tickets and its owners for the problem's severity. */
export interface AffectedQueue {
  /** The queue id. */
  readonly queue: string;
  /** Its service line. */
  readonly serviceLine: string;
  /** The problem's tickets routed to it, earliest first. */
  readonly ticketIds: readonly string[];
  /** Who owns the queue's tickets of the problem's severity, at `now` (`null` when nobody does). */
  readonly owner: Assignee | null;
  /** The secondary owner, if the queue names one. */
  readonly secondary: Assignee | null;
}

/** An action a problem asks the host to perform. */
export interface ProblemAction {
  /** The stable idempotency key: `problem/<rule id>/<crossedBy ticket id>/<action index>/<queue id or *>`. */
  readonly key: string;
  /** What to do. */
  readonly kind: 'notify' | 'page';
  /** When it became due: the firing's `crossedAt`. */
  readonly dueAt: string;
  /** The problem rule that asks for it. */
  readonly ruleId: string;
  /** The affected queue whose owners it is for (`owner` / `secondary`), or `null` for named roles. */
  readonly queue: string | null;
  /** The people it is for (role members at `now`). */
  readonly targets: readonly string[];
  /** Why, in words. */
  readonly reason: string;
  /** The details: `roles` (notify) or `role` (page); `queue` and `serviceLine` (per queue); the `groupId`, the rule's `severity`, `tickets` (how many the firing covers) and their `services`. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Everything `reportIncidents` found: the groups, the problems and what was wrong with the tickets. */
export interface IncidentReport {
  /** The policy's id and version. */
  readonly policy: { readonly id: string; readonly version: string };
  /** The instant of the analysis. */
  readonly evaluatedAt: string;
  /** `degraded` when an issue is an error: a ticket left out for bad data, or a rule's condition that failed on one. */
  readonly status: 'ok' | 'degraded';
  /** Every group of related tickets, by first ticket. */
  readonly groups: readonly IncidentGroup[];
  /** The problems of those groups, most severe first, then by `detectedAt` and group id. */
  readonly problems: readonly Problem[];
  /** What was wrong with the tickets, each with a path whose first key is the ticket's index in the input. */
  readonly issues: readonly Issue[];
  /** How many tickets were read, left out (bad data, or created after `now`), and are in a group. */
  readonly tickets: { readonly read: number; readonly skipped: number; readonly grouped: number };
}
