import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureTicket } from '../../src/engine/index.js';
import { compilePolicy, evaluate, type Decision, type PolicyDocument } from '../../src/index.js';
import { modelOf } from '../../src/policy/index.js';
import { escalationTicket, type GeneratedTicket } from '../support/escalation-tickets.js';
import { ticketAndNow } from '../support/tickets.js';
import { params } from '../support/well-formed.js';

// measureTicket is the lean path metrics take instead of `evaluate`: it must decide every part
// metrics read exactly as `evaluate` does (the INVARIANT of src/engine/measure-ticket.ts).

const document = JSON.parse(
  readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as PolicyDocument;
const policy = compilePolicy(document);
const model = modelOf(policy, 'test');

const anyTicket: fc.Arbitrary<GeneratedTicket> = fc.oneof(
  { weight: 3, arbitrary: escalationTicket() },
  { weight: 2, arbitrary: escalationTicket({ snapshotStatus: true }) },
  { weight: 1, arbitrary: ticketAndNow.map(({ ticket, now }) => ({ ticket, now, secrets: [] })) },
);

type Event = Readonly<Record<string, unknown>> & { readonly type: string; readonly at: string };

/** The ticket with `actionPerformed` events for some of the keys due now, at `at`. */
function withPerformed(
  ticket: Record<string, unknown>,
  keys: readonly string[],
  at: number,
): Record<string, unknown> {
  const events = (ticket.events as Event[] | undefined) ?? [];
  const iso = new Date(at).toISOString();
  return {
    ...ticket,
    events: [...events, ...keys.map((key) => ({ type: 'actionPerformed', at: iso, key }))],
  };
}

const GATES = new Set(document.approvals?.gates.map((gate) => gate.id));
/** Actions of escalation rules (not the fallback notification, not a gate's timeout). */
const fromRules = (action: { readonly ruleId: string }): boolean =>
  action.ruleId !== 'fallback' && !GATES.has(action.ruleId);

/** What `evaluate` returns as due and not performed, from escalation rules only. */
function dueRuleKeys(decision: Decision): string[] {
  return [...decision.actions, ...decision.withheld]
    .filter(fromRules)
    .map((action) => action.key)
    .sort();
}

function expectSameAsEvaluate(ticket: unknown, now: number): void {
  const decision = evaluate(policy, ticket, { now });
  const m = measureTicket(model, ticket, now);
  expect(m.status).toBe(decision.status);
  expect(m.issues).toEqual(decision.issues);
  expect(m.severity).toBe(decision.severity.id);
  expect(m.queue).toBe(decision.routing.queue);
  expect(m.serviceLine).toBe(decision.routing.serviceLine);
  expect(
    m.clocks.map((c) => ({
      metric: c.metric,
      durationMs: c.targetMs,
      state: c.state,
      startedAt: new Date(c.startedAt).toISOString(),
      stoppedAt: c.stoppedAt === undefined ? null : new Date(c.stoppedAt).toISOString(),
      elapsedMs: c.elapsedMs,
    })),
  ).toEqual(
    decision.clocks.map((c) => ({
      metric: c.metric,
      durationMs: c.target.durationMs,
      state: c.state,
      startedAt: c.startedAt,
      stoppedAt: c.stoppedAt,
      elapsedMs: c.elapsedMs,
    })),
  );
  expect(m.approvals).toEqual(
    decision.approvals
      .filter((a) => a.status !== 'not_required')
      .map((a) => ({ gate: a.gate, status: a.status })),
  );
  // Due and not performed: evaluate's actions and withheld ones (from rules).
  expect(
    m.actions
      .filter((a) => a.performedAt === undefined)
      .map((a) => a.key)
      .sort(),
  ).toEqual(dueRuleKeys(decision));
  for (const action of m.actions) {
    expect(action.dueAt).toBeLessThanOrEqual(now);
    expect(action.key.startsWith(`${decision.ticketId ?? '-'}/${action.ruleId}/`)).toBe(true);
  }
}

describe('measureTicket', () => {
  it('decides severity, queue, clocks, approvals, issues and due actions as evaluate does', () => {
    fc.assert(
      fc.property(anyTicket, ({ ticket, now }) => {
        expectSameAsEvaluate(ticket, now);
      }),
      params(150),
    );
  });

  it('keeps performed actions with the instant they were performed, which evaluate hides', () => {
    fc.assert(
      fc.property(anyTicket, fc.nat({ max: 3_600_000 }), ({ ticket, now }, lateBy) => {
        const due = evaluate(policy, ticket, { now }).actions.filter(fromRules);
        const performed = due.filter((_, i) => i % 2 === 0);
        const later = now + lateBy;
        const recorded = withPerformed(
          ticket,
          performed.map((a) => a.key),
          now,
        );
        expectSameAsEvaluate(recorded, later);
        const m = measureTicket(model, recorded, later);
        for (const action of performed) {
          const found = m.actions.find((a) => a.key === action.key);
          expect(found?.performedAt).toBe(now);
          expect(found?.dueAt).toBe(Date.parse(action.dueAt));
        }
      }),
      params(100),
    );
  });

  it('marks a cycle completed when its own event ended it, not when a resolve cut it short', () => {
    const created = Date.parse('2026-03-09T14:00:00Z');
    const base = {
      id: 'T-9',
      createdAt: '2026-03-09T14:00:00Z',
      subject: 'Mobile app crashes on launch', // sev3: acknowledge, first response and resolution
      service: 'mobile',
      customer: { id: 'c', tier: 'starter' },
      impact: { usersAffected: 3 },
    };
    const answered = measureTicket(
      model,
      {
        ...base,
        events: [
          {
            type: 'replied',
            at: '2026-03-09T15:00:00Z',
            author: 'agent',
            public: true,
            by: 'ada@example.com',
          },
          { type: 'statusChanged', at: '2026-03-09T16:00:00Z', status: 'resolved' },
        ],
      },
      created + 4 * 3_600_000,
    );
    const clock = (metric: string, m = answered) => m.clocks.find((c) => c.metric === metric);
    expect(clock('firstResponse')).toMatchObject({ state: 'met', completed: true });
    expect(clock('resolution')).toMatchObject({ state: 'met', completed: true });
    // The acknowledge clock stopped at the resolve, its event never came.
    expect(clock('acknowledge')).toMatchObject({ state: 'stopped', completed: false });

    // A reply and a resolve at the same instant: the status applies first, the reply is too late.
    const together = measureTicket(
      model,
      {
        ...base,
        events: [
          {
            type: 'replied',
            at: '2026-03-09T15:00:00Z',
            author: 'agent',
            public: true,
            by: 'ada@example.com',
          },
          { type: 'statusChanged', at: '2026-03-09T15:00:00Z', status: 'resolved' },
        ],
      },
      created + 4 * 3_600_000,
    );
    expect(clock('firstResponse', together)).toMatchObject({ state: 'stopped', completed: false });
    // Still running: not completed.
    const running = measureTicket(model, base, created + 60_000);
    expect(clock('resolution', running)).toMatchObject({ state: 'running', completed: false });
  });

  it('measures malformed tickets as evaluate does, without throwing', () => {
    const hostile = new Proxy(
      { id: 'T-x', createdAt: '2026-03-09T14:00:00Z' },
      {
        get(target, key) {
          if (key === 'createdAt') throw new Error('boom');
          return Reflect.get(target, key) as unknown;
        },
      },
    );
    for (const ticket of [null, 'T-1', 42, [], {}, { createdAt: 'yesterday' }, hostile]) {
      expectSameAsEvaluate(ticket, Date.parse('2026-03-10T00:00:00Z'));
    }
    expect(measureTicket(model, hostile, Date.parse('2026-03-10T00:00:00Z')).status).toBe('degraded');
  });
});
