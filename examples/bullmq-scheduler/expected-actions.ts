/**
 * The oracle of the check: which actions must have been performed by an instant, computed
 * without Redis, BullMQ, processes or a clock — the integration loop of docs/escalation.md
 * run ticket by ticket in one process: evaluate, record every due action, evaluate again,
 * jump to `nextEvaluationAt`.
 */
import { evaluate, type Policy, type Ticket } from 'escalation-engine';

/** An action the oracle expects. */
export interface ExpectedAction {
  /** The ticket id. */
  readonly ticketId: string;
  /** When it becomes due (ISO). */
  readonly dueAt: string;
}

/**
 * Every action that becomes due by `untilMs`, by key.
 *
 * @param policy - The compiled policy.
 * @param tickets - The final snapshots (later events are not history before their instant).
 * @param untilMs - The last instant (epoch ms).
 * @returns The expected actions, by idempotency key.
 * @example
 * const expected = expectedActions(policy, tickets, Date.parse('2026-03-09T15:00:00Z'));
 * expected.get('ACME-1042/sev1-declared/sev1/0/0')?.dueAt; //=> '2026-03-09T14:00:00.000Z'
 */
export function expectedActions(
  policy: Policy,
  tickets: Iterable<Ticket>,
  untilMs: number,
): Map<string, ExpectedAction> {
  const expected = new Map<string, ExpectedAction>();
  for (const original of tickets) {
    let ticket = original;
    let now = Date.parse(String(ticket.createdAt));
    while (now <= untilMs) {
      let decision = evaluate(policy, ticket, { now });
      if (decision.actions.length > 0) {
        for (const action of decision.actions) {
          expected.set(action.key, { ticketId: ticket.id, dueAt: action.dueAt });
        }
        const at = new Date(now).toISOString();
        const records = decision.actions.map((action) => ({
          type: 'actionPerformed' as const,
          at,
          key: action.key,
        }));
        ticket = { ...ticket, events: [...(ticket.events ?? []), ...records] };
        decision = evaluate(policy, ticket, { now });
      }
      if (decision.nextEvaluationAt === null) break;
      const next = Date.parse(decision.nextEvaluationAt);
      if (!(next > now))
        throw new Error(`${ticket.id}: nextEvaluationAt ${decision.nextEvaluationAt} is not after now`);
      now = next;
    }
  }
  return expected;
}
