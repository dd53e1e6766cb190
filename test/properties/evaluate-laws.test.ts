import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, type Decision } from '../../src/index.js';
import { deepFreeze } from '../../src/internal/index.js';
import { ticketAndNow } from '../support/tickets.js';
import { params } from '../support/well-formed.js';

const policy = compilePolicy(
  JSON.parse(
    readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
  ) as unknown,
);

/** A decision without what moves with every millisecond (elapsed and remaining figures). */
function stable(decision: Decision): unknown {
  return {
    ...decision,
    evaluatedAt: undefined,
    clocks: decision.clocks.map((clock) => ({ ...clock, elapsedMs: 0, remainingMs: 0, fraction: 0 })),
  };
}

describe('evaluate: laws over generated tickets of the reference policy', () => {
  it('is deterministic, leaves its input untouched, and survives a JSON round trip', () => {
    fc.assert(
      fc.property(ticketAndNow, ({ ticket, now }) => {
        const frozen = deepFreeze(structuredClone(ticket));
        const a = evaluate(policy, frozen, { now, explain: true });
        const b = evaluate(policy, structuredClone(ticket), { now, explain: true });
        expect(a).toEqual(b);
        expect(frozen).toEqual(ticket);
        expect(JSON.parse(JSON.stringify(a))).toEqual(a);
        expect(JSON.stringify(a)).not.toMatch(/NaN|Invalid Date|null,null/);
      }),
      params(200),
    );
  });

  it('changes nothing but elapsed figures before nextEvaluationAt, and something at it', () => {
    fc.assert(
      fc.property(ticketAndNow, fc.double({ min: 0, max: 1, noNaN: true }), ({ ticket, now }, where) => {
        const before = evaluate(policy, ticket, { now });
        const next = before.nextEvaluationAt === null ? null : Date.parse(before.nextEvaluationAt);
        if (next !== null) expect(next).toBeGreaterThan(now);
        const horizon = next ?? now + 30 * 86_400_000;
        const t = now + Math.floor((horizon - now - 1) * where);
        expect(stable(evaluate(policy, ticket, { now: t }))).toEqual(stable(before));
        if (next !== null)
          expect(stable(evaluate(policy, ticket, { now: next }))).not.toEqual(stable(before));
      }),
      params(200),
    );
  });

  it('never moves a deadline earlier when a pause is added', () => {
    fc.assert(
      fc.property(
        ticketAndNow,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ ticket, now }, x, y) => {
          const created = Date.parse(ticket.createdAt as string);
          const [from, to] = [
            created + Math.floor((now - created) * Math.min(x, y)),
            created + Math.floor((now - created) * Math.max(x, y)),
          ];
          if (from >= to) return;
          const events = ticket.events as { type: string; at: string; status?: string }[];
          // The status in force at `to`, restored after the pause.
          let status = 'open';
          for (const event of events)
            if (event.type === 'statusChanged' && Date.parse(event.at) <= to) status = event.status ?? status;
          if (status === 'resolved' || status === 'closed') return;
          const paused = {
            ...ticket,
            events: [
              ...events.filter(
                (event) =>
                  event.type !== 'statusChanged' || Date.parse(event.at) < from || Date.parse(event.at) > to,
              ),
              { type: 'statusChanged', at: new Date(from).toISOString(), status: 'on-hold' },
              { type: 'statusChanged', at: new Date(to).toISOString(), status },
            ],
          };
          const plain = evaluate(policy, ticket, { now });
          const withPause = evaluate(policy, paused, { now });
          if (withPause.severity.id !== plain.severity.id) return;
          for (const clock of withPause.clocks) {
            const same = plain.clocks.find((c) => c.metric === clock.metric);
            if (same?.deadline == null || clock.deadline === null || same.startedAt !== clock.startedAt)
              continue;
            expect(Date.parse(clock.deadline)).toBeGreaterThanOrEqual(Date.parse(same.deadline));
          }
        },
      ),
      params(200),
    );
  });
});
