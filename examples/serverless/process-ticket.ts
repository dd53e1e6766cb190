/**
 * The one loop every handler of this example runs for a ticket: evaluate, perform the due
 * actions, record each as an `actionPerformed` event (its idempotency key), and store the
 * ticket with the instant to evaluate it next (docs/escalation.md, "the integration loop").
 */
import {
  evaluate,
  type ActionPerformedEvent,
  type Decision,
  type DecisionAction,
  type Policy,
  type Ticket,
} from 'escalation-engine';
import type { TicketStore } from './ticket-store.js';

/**
 * Performs one action: pages, notifies, moves the ticket, sends the update. Throwing means
 * "not performed": the action is not recorded and is tried again at the next sweep.
 *
 * Pass `action.key` to the system you call as its idempotency or deduplication key
 * (PagerDuty `dedup_key`, an email `Message-ID`, an `Idempotency-Key` header): if the process
 * dies after performing and before recording, the retry is then harmless.
 */
export type ActionPerformer = (action: DecisionAction, ticket: Ticket) => Promise<void>;

/** What a handler needs: the compiled policy, the store and the performer. */
export interface EscalationDeps {
  /** The compiled policy (compile once, at cold start). */
  readonly policy: Policy;
  /** Where tickets are kept between invocations. */
  readonly store: TicketStore;
  /** Performs due actions. */
  readonly perform: ActionPerformer;
}

/** The outcome of {@link processTicket}. */
export interface ProcessResult {
  /** The ticket id. */
  readonly ticketId: string;
  /** The decision at `now` (before the actions were performed). */
  readonly decision: Decision;
  /** Keys of the actions performed and recorded now. */
  readonly performed: readonly string[];
  /** Keys of the actions whose performer threw: still due, tried again at the next sweep. */
  readonly failed: readonly string[];
  /** When to evaluate the ticket next (as stored); `null` when nothing is scheduled. */
  readonly nextEvaluationAt: string | null;
}

/**
 * Evaluates a ticket at `now`, performs its due actions, records them and stores the ticket
 * with its next evaluation instant.
 *
 * @param deps - The policy, store and performer.
 * @param ticket - The ticket snapshot, with the events recorded so far.
 * @param now - The instant of the evaluation (from the platform, at the boundary).
 * @returns What was decided and performed, and when to come back.
 * @example
 * const result = await processTicket({ policy, store, perform }, ticket, new Date());
 * result.nextEvaluationAt; //=> '2026-03-09T14:24:00.000Z'
 */
export async function processTicket(deps: EscalationDeps, ticket: Ticket, now: Date): Promise<ProcessResult> {
  const decision = evaluate(deps.policy, ticket, { now });
  const recorded: ActionPerformedEvent[] = [];
  const failed: string[] = [];
  for (const action of decision.actions) {
    try {
      await deps.perform(action, ticket);
      recorded.push({ type: 'actionPerformed', at: now.toISOString(), key: action.key });
    } catch {
      failed.push(action.key);
    }
  }
  // An action that could not be performed is still due: come back at the next sweep.
  const nextEvaluationAt = failed.length > 0 ? now.toISOString() : decision.nextEvaluationAt;
  await deps.store.put({
    ticket: { ...ticket, events: [...(ticket.events ?? []), ...recorded] },
    nextEvaluationAt,
  });
  return {
    ticketId: ticket.id,
    decision,
    performed: recorded.map((event) => event.key),
    failed,
    nextEvaluationAt,
  };
}

/**
 * Adds to a snapshot from the helpdesk the `actionPerformed` events this service recorded
 * on the stored copy: the helpdesk does not know them, and without them every action
 * already performed would come back as due.
 *
 * @param snapshot - The ticket as the helpdesk sends it now.
 * @param stored - The stored copy, if any.
 * @returns The snapshot with the recorded events it lacks.
 * @example
 * withRecordedActions(snapshot, await store.get(snapshot.id)).events?.length; //=> snapshot's + recorded
 */
export function withRecordedActions(snapshot: Ticket, stored: Ticket | undefined): Ticket {
  const known = new Set((snapshot.events ?? []).filter(isActionPerformed).map((event) => event.key));
  const recorded = (stored?.events ?? []).filter(
    (event) => isActionPerformed(event) && !known.has(event.key),
  );
  return recorded.length === 0
    ? snapshot
    : { ...snapshot, events: [...(snapshot.events ?? []), ...recorded] };
}

type AnyEvent = NonNullable<Ticket['events']>[number];

function isActionPerformed(event: AnyEvent): event is ActionPerformedEvent {
  return event.type === 'actionPerformed' && typeof (event as { key?: unknown }).key === 'string';
}
