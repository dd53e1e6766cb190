/**
 * Where a serverless deployment keeps each ticket between invocations: the latest snapshot
 * (with the `actionPerformed` events this service recorded) and when to evaluate it next.
 *
 * ⚠️ {@link createMemoryTicketStore} is an in-memory stand-in for the example and its tests.
 * In production, implement {@link TicketStore} on your platform's storage:
 *
 * - **DynamoDB**: one item per ticket (partition key `id`); `listDue` queries a global
 *   secondary index on a constant partition (or a due-hour bucket) with `nextEvaluationAt`
 *   as sort key, `nextEvaluationAt <= :now`. Items with no next evaluation leave the
 *   attribute out, so the index skips them.
 * - **Cloudflare KV**: one key per ticket (`ticket:<id>`), and the due instant in the key's
 *   metadata so `list()` can filter without reading every value; or a Durable Object per
 *   ticket with an alarm at `nextEvaluationAt` instead of a sweep.
 */
import type { Ticket } from 'escalation-engine';

/** One ticket as stored. */
export interface StoredTicket {
  /** The latest snapshot, with the `actionPerformed` events recorded by this service. */
  readonly ticket: Ticket;
  /** When the decision changes next (`Decision.nextEvaluationAt`); `null` when nothing is scheduled. */
  readonly nextEvaluationAt: string | null;
}

/** The storage a serverless deployment needs. */
export interface TicketStore {
  /** The stored ticket, or `undefined` when it was never seen. */
  get(id: string): Promise<StoredTicket | undefined>;
  /** Stores (or replaces) a ticket. */
  put(record: StoredTicket): Promise<void>;
  /** Every ticket whose `nextEvaluationAt` is at or before `now`, earliest first. */
  listDue(now: Date): Promise<readonly StoredTicket[]>;
}

/**
 * An in-memory {@link TicketStore}: for the example and tests only (it forgets everything
 * when the process ends, and a serverless platform runs many processes).
 *
 * @returns An empty store.
 * @example
 * const store = createMemoryTicketStore();
 * await store.put({ ticket, nextEvaluationAt: '2026-03-09T14:24:00.000Z' });
 * (await store.listDue(new Date('2026-03-09T14:30:00Z'))).length; //=> 1
 */
export function createMemoryTicketStore(): TicketStore {
  const records = new Map<string, StoredTicket>();
  return {
    get: (id) => Promise.resolve(records.get(id)),
    put: (record) => {
      records.set(record.ticket.id, record);
      return Promise.resolve();
    },
    listDue: (now) => {
      const due = [...records.values()].filter(
        (record) => record.nextEvaluationAt !== null && Date.parse(record.nextEvaluationAt) <= now.getTime(),
      );
      due.sort((a, b) => Date.parse(a.nextEvaluationAt ?? '') - Date.parse(b.nextEvaluationAt ?? ''));
      return Promise.resolve(due);
    },
  };
}
