/**
 * A deterministic helpdesk workload for the check and the test: tickets of every severity of
 * the reference policy, created over a few minutes, and the events agents add afterwards
 * (an acknowledgement, a first reply, the resolution) — or none, for the tickets nobody
 * touches, which run their escalation ladders to the end.
 *
 * The events are those whose effect depends only on their instant, never on when the
 * scheduler gets to the ticket: none starts a new cycle (a reassignment, an update sent, a
 * customer reply) that would supersede actions already due. A scheduler that is late (as a
 * crash makes it, and the compressed clock magnifies) then performs exactly the actions a
 * punctual one would, so the check can compare with the oracle key by key (README).
 */
import type { Ticket, TicketEvent } from 'escalation-engine';

/** An event the helpdesk adds to a ticket after its creation. */
export interface FollowUp {
  /** The ticket. */
  readonly ticketId: string;
  /** When it happens (epoch ms). */
  readonly atMs: number;
  /** The event without its instant (stamped when it is delivered). */
  readonly event: DistributiveOmit<TicketEvent, 'at'>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The tickets as created, and the events that follow, in time order. */
export interface Workload {
  /** Each ticket as the helpdesk first sends it (only its `created` event). */
  readonly tickets: readonly Ticket[];
  /** The later events, by `atMs`. */
  readonly followUps: readonly FollowUp[];
}

/** Options of {@link createWorkload}. */
export interface WorkloadOptions {
  /** How many tickets. */
  readonly count: number;
  /** When the first ticket is created (epoch ms). */
  readonly epochMs: number;
  /** Over how long the tickets are created (ms). */
  readonly spreadMs: number;
}

const MINUTE = 60_000;
const AGENT = 'ana.silva@example.com';

// One ticket of each kind in turn: two Sev1s, two Sev2s, two Sev3s, a Sev4, a security report.
const KINDS: readonly Omit<Ticket, 'id' | 'createdAt'>[] = [
  { subject: 'Checkout is down for all customers', service: 'payments', impact: { usersAffected: 12_000 } },
  { subject: 'Dashboard unusable for most users', service: 'reporting', impact: { usersAffected: 6_000 } },
  { subject: 'Reports are very slow to load', service: 'reporting', impact: { usersAffected: 150 } },
  { subject: 'Search results are slow', service: 'search', impact: { usersAffected: 600 } },
  { subject: 'Invoice shows the wrong address', service: 'billing', impact: { usersAffected: 1 } },
  { subject: 'Export fails but there is a workaround', service: 'reporting', impact: { usersAffected: 3 } },
  { subject: 'How do I export my data', service: 'reporting', impact: { usersAffected: 1 } },
  {
    subject: 'Suspicious login reported',
    service: 'identity',
    impact: { usersAffected: 5 },
    tags: ['security'],
  },
];
const TIERS = ['enterprise', 'business', 'starter'] as const;

/**
 * The workload: `count` tickets created evenly over `spreadMs` from `epochMs`.
 *
 * @param options - How many tickets, from when, over how long.
 * @returns The tickets and their follow-up events.
 * @example
 * createWorkload({ count: 1000, epochMs: Date.parse('2026-03-09T13:00:00Z'), spreadMs: 20 * 60_000 }).tickets.length; //=> 1000
 */
export function createWorkload(options: WorkloadOptions): Workload {
  const { count, epochMs, spreadMs } = options;
  const tickets: Ticket[] = [];
  const followUps: FollowUp[] = [];
  for (let index = 0; index < count; index += 1) {
    const kind = KINDS[index % KINDS.length] ?? {};
    const id = `T-${String(index + 1).padStart(6, '0')}`;
    const createdMs = epochMs + Math.floor((index * spreadMs) / count);
    const createdAt = new Date(createdMs).toISOString();
    tickets.push({
      ...kind,
      id,
      createdAt,
      customer: { id: `customer-${index % 97}`, tier: TIERS[index % TIERS.length] },
      // No `status`: the history says it (open, then resolved for some).
      events: [{ type: 'created', at: createdAt }],
    });
    // What the agents do: nothing (a quarter of the tickets), or more and more.
    const care = Math.floor(index / KINDS.length) % 4;
    const later = (minutes: number, event: FollowUp['event']): void => {
      followUps.push({ ticketId: id, atMs: createdMs + minutes * MINUTE, event });
    };
    if (care >= 1) later(4, { type: 'acknowledged', by: AGENT });
    if (care >= 2) later(20, { type: 'replied', author: 'agent', public: true, by: AGENT });
    if (care >= 3) later(90, { type: 'statusChanged', status: 'resolved' });
  }
  followUps.sort((a, b) => a.atMs - b.atMs);
  return { tickets, followUps };
}
