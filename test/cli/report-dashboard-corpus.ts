// The corpora of the `escalation report` tests: tickets of the benchmarks' generator for the
// reference policy, a burst that makes an open problem, hostile text, and lines that are not JSON.
import { createTicketGenerator } from '../../bench/ticket-generator.js';
import type { PolicyDocument } from '../../src/index.js';
import { POLICY, policyWith, readJson } from './support.js';

/** The instant every report of the tests is taken at (after every generated ticket). */
export const NOW = '2027-01-08T00:00:00Z';

/** Ticket and policy text that must stay text in the page. */
export const HOSTILE = {
  service: '<script>alert(1)</script>',
  tier: '"><img src=x onerror=alert(2)>',
  reason: `five or more </td></tr></table><script>alert(3)</script> "'><img src=x onerror=alert(4)>`,
  serviceLine: '<svg onload=alert(5)>',
} as const;

type Ticket = Record<string, unknown>;

/** `count` tickets of the benchmarks' generator (2026, 5–30 events each), deterministic. */
export function generatedTickets(count: number, seed = 7): Ticket[] {
  const generate = createTicketGenerator(readJson(POLICY) as PolicyDocument, { seed, idSpace: count });
  return Array.from({ length: count }, (_, i) => ({ ...generate(i).ticket }));
}

/** `count` open tickets of one service a minute apart from `start`: a `service-outage` problem. */
export function burst(
  prefix: string,
  service: string,
  start: string,
  count: number,
  tier = 'business',
): Ticket[] {
  const t0 = Date.parse(start);
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i + 1)}`,
    createdAt: new Date(t0 + i * 60_000).toISOString(),
    subject: 'Sign-in fails for the whole company',
    service,
    customer: { id: `customer-${String(i)}`, tier },
    status: 'open',
    events: [{ type: 'created', at: new Date(t0 + i * 60_000).toISOString() }],
  }));
}

/** JSON Lines of the tickets, with `bad` lines (not JSON) inserted at their 1-based line numbers. */
export function jsonLines(tickets: readonly unknown[], bad: ReadonlyMap<number, string> = new Map()): string {
  const lines = tickets.map((ticket) => JSON.stringify(ticket));
  for (const [line, text] of [...bad].sort(([a], [b]) => a - b)) lines.splice(line - 1, 0, text);
  return `${lines.join('\n')}\n`;
}

/** The reference policy with hostile text where a policy may carry free text. */
export function hostilePolicy(): Record<string, unknown> {
  return policyWith((policy) => {
    const problems = policy['problems'] as { rules: Record<string, unknown>[] };
    const outage = problems.rules.find((rule) => rule['id'] === 'service-outage');
    if (outage !== undefined) outage['reason'] = HOSTILE.reason;
    const routing = policy['routing'] as { queues: Record<string, unknown>[] };
    const identity = routing.queues.find((queue) => queue['id'] === 'identity');
    if (identity !== undefined) identity['serviceLine'] = HOSTILE.serviceLine;
  });
}

/** A corpus with every chart's material: generated tickets, a hostile burst, hostile tiers. */
export function hostileCorpus(count: number): Ticket[] {
  const tickets = generatedTickets(count);
  for (const ticket of tickets.slice(0, 5)) ticket['customer'] = { id: 'x', tier: HOSTILE.tier };
  return [
    ...tickets,
    ...burst('SSO', 'sso', '2026-03-10T14:00:00Z', 6),
    ...burst('EVIL', HOSTILE.service, '2026-06-02T09:00:00Z', 5),
  ];
}
