/**
 * The ticket store every worker shares, in the same Redis as the queue: the helpdesk's latest
 * snapshot of each ticket, the actions performed on it, and the outbox the performed actions
 * go to.
 *
 * Performing an action is one Lua script, so Redis runs it atomically: it claims the action's
 * idempotency key (`HSETNX`), and only when the claim is new, appends the effect to the outbox
 * stream. The claim *is* the `actionPerformed` record, so "performed" and "recorded" cannot be
 * separated by a crash: a worker killed anywhere either did both or neither, and a retried
 * job, or a second worker evaluating the same ticket at the same time, finds the key taken and
 * performs nothing. The effect itself (the page, the e-mail) is delivered from the outbox by a
 * consumer that passes the key to the provider as its deduplication key (README).
 *
 * Keys (`{…}` is a Redis Cluster hash tag: a ticket's keys live in one slot):
 * - `<prefix>:ticket:{<id>}`: the snapshot as the helpdesk sent it (JSON);
 * - `<prefix>:performed:{<id>}`: a hash, action key → the instant it was performed;
 * - `<prefix>:outbox`: a stream, one entry per performed action;
 * - `<prefix>:stats`: a hash counting the claims refused because the key was taken.
 */
import type { ActionPerformedEvent, DecisionAction, Ticket, TicketEvent } from 'escalation-engine';
import type { Redis } from 'ioredis';

/** One performed action, as the outbox holds it. */
export interface PerformedAction {
  /** The action's idempotency key. */
  readonly key: string;
  /** The ticket id. */
  readonly ticketId: string;
  /** What was done (`page`, `notify`, …). */
  readonly kind: string;
  /** When the action became due (from the decision). */
  readonly dueAt: string;
  /** The instant the worker performed it: the `now` of its evaluation. */
  readonly performedAt: string;
  /** The people (or customer id) it was for. */
  readonly targets: readonly string[];
  /** The worker that performed it. */
  readonly worker: string;
}

/** The store of {@link createTicketStore}. */
export interface TicketStore {
  /** Stores the helpdesk's snapshot of a ticket (replacing the previous one; performed actions are kept apart). */
  put(ticket: Ticket): Promise<void>;
  /** The snapshot with an `actionPerformed` event per performed action; `undefined` for an unknown ticket. */
  load(ticketId: string): Promise<Ticket | undefined>;
  /**
   * Performs an action exactly once: claims its key and appends the effect to the outbox, atomically.
   * Resolves `true` when this call performed it, `false` when the key was already taken.
   */
  perform(ticketId: string, action: DecisionAction, now: Date, worker: string): Promise<boolean>;
  /** Every outbox entry, oldest first (for checks; a real consumer reads it with a consumer group). */
  outbox(): Promise<PerformedAction[]>;
  /** How many claims were refused because another evaluation had performed the action first. */
  refusedClaims(): Promise<number>;
}

// KEYS: performed hash, outbox stream, stats hash. ARGV: action key, performed-at, effect JSON.
const PERFORM_SCRIPT = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  redis.call('HINCRBY', KEYS[3], 'refused', 1)
  return 0
end
redis.call('XADD', KEYS[2], '*', 'effect', ARGV[3])
return 1
`;

/**
 * A ticket store on Redis.
 *
 * @param redis - An ioredis connection (a regular one: not the blocking connection of a worker).
 * @param prefix - The prefix of every key. @defaultValue `'escalation'`
 * @returns The store.
 * @example
 * const store = createTicketStore(new Redis(url));
 * await store.put(ticket);
 * await store.perform(ticket.id, decision.actions[0], now, 'worker-1'); //=> true (then false: performed once)
 */
export function createTicketStore(redis: Redis, prefix = 'escalation'): TicketStore {
  const ticketKey = (id: string) => `${prefix}:ticket:{${id}}`;
  const performedKey = (id: string) => `${prefix}:performed:{${id}}`;
  const outboxKey = `${prefix}:outbox`;
  const statsKey = `${prefix}:stats`;
  return {
    async put(ticket) {
      await redis.set(ticketKey(ticket.id), JSON.stringify(ticket));
    },
    async load(ticketId) {
      const results = await redis.multi().get(ticketKey(ticketId)).hgetall(performedKey(ticketId)).exec();
      const [snapshot, performed] = (results ?? []).map(([error, value]) => {
        if (error) throw error;
        return value;
      });
      if (typeof snapshot !== 'string') return undefined;
      const ticket = JSON.parse(snapshot) as Ticket;
      const records: ActionPerformedEvent[] = Object.entries(performed as Record<string, string>).map(
        ([key, at]) => ({ type: 'actionPerformed', at, key }),
      );
      const events: TicketEvent[] = [...((ticket.events ?? []) as TicketEvent[]), ...records];
      return { ...ticket, events };
    },
    async perform(ticketId, action, now, worker) {
      const performedAt = now.toISOString();
      const effect: PerformedAction = {
        key: action.key,
        ticketId,
        kind: action.kind,
        dueAt: action.dueAt,
        performedAt,
        targets: action.targets,
        worker,
      };
      const claimed = await redis.eval(
        PERFORM_SCRIPT,
        3,
        performedKey(ticketId),
        outboxKey,
        statsKey,
        action.key,
        performedAt,
        JSON.stringify(effect),
      );
      return claimed === 1;
    },
    async outbox() {
      const entries = await redis.xrange(outboxKey, '-', '+');
      return entries.map(([, fields]) => JSON.parse(fields[1] ?? 'null') as PerformedAction);
    },
    async refusedClaims() {
      return Number((await redis.hget(statsKey, 'refused')) ?? 0);
    },
  };
}
