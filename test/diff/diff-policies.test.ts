import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/index.js';
import { deepFreeze } from '../../src/internal/index.js';
import {
  diffPolicies,
  diffPoliciesAsync,
  type Change,
  type MigrationMatrix,
  type PolicyDiff,
  type TicketDiff,
} from '../../src/diff/index.js';
import { MINIMAL } from '../support/policies.js';
import { ticketAndNow } from '../support/tickets.js';

// Drafts are policies changed on purpose: tests reach into them freely.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
type Draft = Record<string, any>;
type Policy = ReturnType<typeof compilePolicy>;

function policyWith(edit: (draft: Draft) => void = () => undefined, document: unknown = MINIMAL): Policy {
  const draft = structuredClone(document) as Draft;
  edit(draft);
  return compilePolicy(draft);
}

// Monday 2026-03-09 14:00Z is 10:00 EDT in New York, inside business hours (09:00–17:00).
const CREATED = '2026-03-09T14:00:00Z';
const outage = { id: 'T-1', createdAt: CREATED, subject: 'Checkout is down' }; // sev1 by rule `outage`
const question = { id: 'T-2', createdAt: CREATED, subject: 'Question about invoices' }; // sev2 by default
const login = { id: 'T-3', createdAt: CREATED, subject: 'Login fails with SSO' }; // sev2 by default

const base = policyWith();

describe('diffPolicies', () => {
  it('reports moved deadlines and gained breaches when a target is shortened', () => {
    const after = policyWith((d) => {
      d.sla.targets[0].metrics.firstResponse = '10m';
    });
    const diff = diffPolicies(base, after, [outage, question], { now: '2026-03-09T14:12:00Z' });
    // T-1 (sev1, 24x7): first response due 14:15 → 14:10, which is before now (14:12): breached.
    // Its next evaluation was that deadline; now it is the resolution deadline (14:00 + 4h).
    // T-2 (sev2, the default target) is untouched.
    expect(diff.tickets).toEqual([
      {
        ticketId: 'T-1',
        index: 0,
        evaluatedAt: '2026-03-09T14:12:00.000Z',
        changes: [
          {
            kind: 'clock',
            metric: 'firstResponse',
            change: 'changed',
            targetId: { from: 'sev1', to: 'sev1' },
            durationMs: { from: 900_000, to: 600_000 },
            calendar: { from: 'always-on', to: 'always-on' },
            state: { from: 'running', to: 'breached' },
            deadline: { from: '2026-03-09T14:15:00.000Z', to: '2026-03-09T14:10:00.000Z' },
          },
          { kind: 'nextEvaluationAt', from: '2026-03-09T14:15:00.000Z', to: '2026-03-09T18:00:00.000Z' },
        ],
      },
    ]);
    expect(diff.summary).toMatchObject({
      tickets: 2,
      changed: 1,
      severityMigration: { sev1: { sev1: 1, sev2: 0 }, sev2: { sev1: 0, sev2: 1 } },
      breaches: {
        before: 0,
        after: 1,
        gained: 1,
        lost: 0,
        byMetric: { firstResponse: { before: 0, after: 1, gained: 1, lost: 0 } },
      },
    });
    expect(diff.summary.byKind).toEqual({
      status: 0,
      severity: 0,
      queue: 0,
      owner: 0,
      secondary: 0,
      clock: 1,
      action: 0,
      upcoming: 0,
      withheld: 0,
      approval: 0,
      communication: 0,
      validation: 0,
      nextEvaluationAt: 1,
    });
    expect(diff.truncated).toBe(false);
  });

  it('reports the severity migration, with the clocks of the new target, when a classification rule is added', () => {
    const after = policyWith((d) => {
      d.classification.rules.push({
        id: 'login',
        when: { containsAny: [{ var: 'ticket.subject' }, ['login']] },
        severity: 'sev1',
        reason: 'sign-in fails',
      });
    });
    const diff = diffPolicies(base, after, [outage, question, login], { now: '2026-03-09T14:05:00Z' });
    expect(diff.summary.severityMigration).toEqual({
      sev1: { sev1: 1, sev2: 0 },
      sev2: { sev1: 1, sev2: 1 },
    });
    expect(diff.summary.byKind).toMatchObject({ severity: 1, clock: 1, nextEvaluationAt: 1 });
    // T-3: sev2 (target `default`, us-business: 4h / 24h from Monday 10:00 EDT) → sev1 (target
    // `sev1`, 24x7: 15m / 4h). 24 business hours from Mon 10:00 EDT end Thu 10:00 EDT.
    expect(diff.tickets).toEqual([
      {
        ticketId: 'T-3',
        index: 2,
        evaluatedAt: '2026-03-09T14:05:00.000Z',
        changes: [
          { kind: 'severity', from: 'sev2', to: 'sev1', ruleId: { from: null, to: 'login' } },
          {
            kind: 'clock',
            metric: 'firstResponse',
            change: 'changed',
            targetId: { from: 'default', to: 'sev1' },
            durationMs: { from: 4 * 3_600_000, to: 900_000 },
            calendar: { from: 'us-business', to: 'always-on' },
            state: { from: 'running', to: 'running' },
            deadline: { from: '2026-03-09T18:00:00.000Z', to: '2026-03-09T14:15:00.000Z' },
          },
          {
            kind: 'clock',
            metric: 'resolution',
            change: 'changed',
            targetId: { from: 'default', to: 'sev1' },
            durationMs: { from: 24 * 3_600_000, to: 4 * 3_600_000 },
            calendar: { from: 'us-business', to: 'always-on' },
            state: { from: 'running', to: 'running' },
            deadline: { from: '2026-03-12T14:00:00.000Z', to: '2026-03-09T18:00:00.000Z' },
          },
          { kind: 'nextEvaluationAt', from: '2026-03-09T18:00:00.000Z', to: '2026-03-09T14:15:00.000Z' },
        ],
      },
    ]);
  });

  it('reports the queue and the owner when a queue is added in front', () => {
    const after = policyWith((d) => {
      d.roles['billing-team'] = { members: ['bob@example.com'] };
      d.routing.queues.unshift({
        id: 'billing',
        serviceLine: 'finance',
        when: { containsAny: [{ var: 'ticket.subject' }, ['invoice', 'invoices']] },
        owners: { '*': { primary: 'billing-team', secondary: 'support-leads' } },
      });
    });
    const diff = diffPolicies(base, after, [outage, question], { now: '2026-03-09T14:05:00Z' });
    expect(diff.tickets).toEqual([
      {
        ticketId: 'T-2',
        index: 1,
        evaluatedAt: '2026-03-09T14:05:00.000Z',
        changes: [
          { kind: 'queue', from: 'general', to: 'billing' },
          {
            kind: 'owner',
            role: { from: 'support-agents', to: 'billing-team' },
            members: { from: ['ada@example.com'], to: ['bob@example.com'] },
          },
        ],
      },
    ]);
    // Queues of `before` first, then those only `after` has.
    expect(diff.summary.queueMigration).toEqual({
      general: { general: 1, billing: 1 },
      billing: { general: 0, billing: 0 },
    });
    expect(diff.summary.byKind).toMatchObject({ queue: 1, owner: 1, secondary: 0 });
  });

  it('reports due and upcoming actions gained when an escalation rule is added', () => {
    const after = policyWith((d) => {
      d.escalation = {
        rules: [
          {
            id: 'first-response-breach',
            on: { clock: 'firstResponse', at: 'breach' },
            actions: [{ kind: 'notify', to: ['support-leads'] }],
          },
        ],
      };
    });
    // At 14:20 T-1's first response (sev1, 15m) breached at 14:15: the notify is due. T-2's
    // (sev2, 4 business hours) breaches at 18:00: the notify is upcoming. Keys name the ticket,
    // the rule, the clock cycle's start, the ladder step and the action index.
    const diff = diffPolicies(base, after, [outage, question], { now: '2026-03-09T14:20:00Z' });
    expect(diff.tickets.map((entry) => entry.changes)).toEqual([
      [
        {
          kind: 'action',
          key: 'T-1/first-response-breach/2026-03-09T14:00:00.000Z/0/0',
          ruleId: 'first-response-breach',
          actionKind: 'notify',
          change: 'added',
          dueAt: { from: null, to: '2026-03-09T14:15:00.000Z' },
        },
      ],
      [
        {
          kind: 'upcoming',
          key: 'T-2/first-response-breach/2026-03-09T14:00:00.000Z/0/0',
          ruleId: 'first-response-breach',
          actionKind: 'notify',
          change: 'added',
          dueAt: { from: null, to: '2026-03-09T18:00:00.000Z' },
        },
      ],
    ]);
    expect(diff.summary.actions).toEqual({
      gained: 1,
      lost: 0,
      moved: 0,
      byRule: { 'first-response-breach': { gained: 1, lost: 0, moved: 0 } },
    });
    expect(diff.summary.upcoming).toEqual({
      gained: 1,
      lost: 0,
      moved: 0,
      byRule: { 'first-response-breach': { gained: 1, lost: 0, moved: 0 } },
    });
    // The other way round, the same entries are lost.
    const back = diffPolicies(after, base, [outage, question], { now: '2026-03-09T14:20:00Z' });
    expect(back.summary.actions.byRule).toEqual({
      'first-response-breach': { gained: 0, lost: 1, moved: 0 },
    });
    expect(back.tickets[0]?.changes[0]).toMatchObject({
      change: 'removed',
      dueAt: { from: '2026-03-09T14:15:00.000Z', to: null },
    });
  });

  it('reports an upcoming action that moves when its clock target changes', () => {
    const rule = {
      id: 'first-response-breach',
      on: { clock: 'firstResponse', at: 'breach' },
      actions: [{ kind: 'notify', to: ['support-leads'] }],
    };
    const before = policyWith((d) => {
      d.escalation = { rules: [rule] };
    });
    const after = policyWith((d) => {
      d.escalation = { rules: [rule] };
      d.sla.targets[0].metrics.firstResponse = '30m';
    });
    const diff = diffPolicies(before, after, [outage], { now: '2026-03-09T14:05:00Z' });
    expect(diff.tickets[0]?.changes).toContainEqual({
      kind: 'upcoming',
      key: 'T-1/first-response-breach/2026-03-09T14:00:00.000Z/0/0',
      ruleId: 'first-response-breach',
      actionKind: 'notify',
      change: 'changed',
      dueAt: { from: '2026-03-09T14:15:00.000Z', to: '2026-03-09T14:30:00.000Z' },
    });
    expect(diff.summary.upcoming).toMatchObject({ gained: 0, lost: 0, moved: 1 });
  });

  it('reports the secondary, withheld actions, approvals, communication and required fields', () => {
    const after = policyWith((d) => {
      d.routing.queues[0].owners = {
        sev2: { primary: 'support-agents', secondary: 'support-leads' },
        '*': { primary: 'support-agents' },
      };
      d.communication = {
        templates: { status: { subject: 'Sev {{severity.id}}', body: 'Update on {{ticket.id}}' } },
        cadence: [
          { id: 'sev1-internal', severity: 'sev1', audience: 'internal', every: '30m', template: 'status' },
        ],
      };
      d.requiredFields = [{ id: 'sev1-impact', severity: 'sev1', fields: [{ path: 'impact.statement' }] }];
      d.approvals = {
        gates: [
          {
            id: 'exec',
            when: { '==': [{ var: 'severity' }, 'sev1'] },
            approvers: ['support-leads'],
            within: '30m',
            blocks: ['notify'],
          },
        ],
      };
      d.escalation = {
        rules: [
          {
            id: 'sev1-notify',
            on: { severityBecomes: 'sev1' },
            actions: [{ kind: 'notify', to: ['support-leads'] }],
          },
        ],
      };
    });
    // T-1 is sev1 from its creation (14:00): the notify is due then but the gate, required
    // since then and pending until 14:30, withholds it; the internal cadence owes an update
    // 30 minutes after the severity took effect. nextEvaluationAt stays the first-response
    // deadline (14:15), the earliest of all.
    const diff = diffPolicies(base, after, [outage, question], { now: '2026-03-09T14:05:00Z' });
    expect(diff.tickets).toEqual([
      {
        ticketId: 'T-1',
        index: 0,
        evaluatedAt: '2026-03-09T14:05:00.000Z',
        changes: [
          {
            kind: 'secondary',
            role: { from: 'support-leads', to: null },
            members: { from: ['grace@example.com'], to: [] },
          },
          {
            kind: 'withheld',
            key: 'T-1/sev1-notify/sev1/0/0',
            ruleId: 'sev1-notify',
            actionKind: 'notify',
            change: 'added',
            dueAt: { from: null, to: '2026-03-09T14:00:00.000Z' },
          },
          {
            kind: 'approval',
            gate: 'exec',
            change: 'added',
            status: { from: null, to: 'pending' },
            dueAt: { from: null, to: '2026-03-09T14:30:00.000Z' },
          },
          {
            kind: 'communication',
            cadence: 'sev1-internal',
            audience: { from: null, to: 'internal' },
            change: 'added',
            dueAt: { from: null, to: '2026-03-09T14:30:00.000Z' },
            template: { from: null, to: 'status' },
            blockedBy: { from: null, to: null },
          },
          { kind: 'validation', path: 'impact.statement', change: 'added' },
        ],
      },
    ]);
    // Withheld actions are not due: they count in byKind only.
    expect(diff.summary.actions).toMatchObject({ gained: 0, lost: 0, moved: 0 });
    // The sev2 ticket gets the gate too, not required: no change.
    expect(diff.summary.byKind).toMatchObject({ approval: 1, secondary: 1 });
  });

  it('reports a degraded status and the fallback notification when a policy cannot decide', () => {
    const after = policyWith((d) => {
      d.routing.queues[0].owners = { sev2: { primary: 'support-agents', secondary: 'support-leads' } };
      d.fallback.notify = ['support-leads'];
    });
    // No owner for sev1 in `after`: an error (`no_owner`), the fallback roles own the ticket.
    const diff = diffPolicies(base, after, [outage], { now: '2026-03-09T14:05:00Z' });
    expect(diff.tickets[0]?.changes).toEqual([
      { kind: 'status', from: 'ok', to: 'degraded' },
      {
        kind: 'owner',
        role: { from: 'support-agents', to: 'support-leads' },
        members: { from: ['ada@example.com'], to: ['grace@example.com'] },
      },
      {
        kind: 'secondary',
        role: { from: 'support-leads', to: null },
        members: { from: ['grace@example.com'], to: [] },
      },
      {
        kind: 'action',
        key: 'T-1/fallback/no_owner',
        ruleId: 'fallback',
        actionKind: 'notify',
        change: 'added',
        dueAt: { from: null, to: '2026-03-09T14:05:00.000Z' },
      },
    ]);
    expect(diff.summary.degraded).toEqual({ before: 0, after: 1 });
    expect(diff.summary.actions.byRule).toEqual({ fallback: { gained: 1, lost: 0, moved: 0 } });
  });

  it('reports nothing for identical policies, with every ticket on the diagonal', () => {
    const tickets = [outage, question, login, 42, { id: 'T-4' }];
    const now = '2026-03-09T16:00:00Z';
    for (const after of [base, policyWith()]) {
      const diff = diffPolicies(base, after, tickets, { now });
      expect(diff.tickets).toEqual([]);
      expect(diff.truncated).toBe(false);
      expect(diff.summary).toMatchObject({
        tickets: 5,
        changed: 0,
        severityMigration: { sev1: { sev1: 1, sev2: 0 }, sev2: { sev1: 0, sev2: 4 } },
        queueMigration: { general: { general: 5 } },
        // The number and the ticket without `createdAt` are degraded under both.
        degraded: { before: 2, after: 2 },
        breaches: { before: 1, after: 1, gained: 0, lost: 0 },
        actions: { gained: 0, lost: 0, moved: 0, byRule: {} },
      });
      expect(Object.values(diff.summary.byKind).every((count) => count === 0)).toBe(true);
    }
  });

  it('evaluates each ticket at its own instant when `now` is a function', () => {
    const after = policyWith((d) => {
      d.sla.targets[0].metrics.firstResponse = '10m';
    });
    const seen: [unknown, number][] = [];
    const diff = diffPolicies(base, after, [outage, outage], {
      now: (ticket, index) => {
        seen.push([ticket, index]);
        return index === 0 ? '2026-03-09T14:05:00Z' : '2026-03-09T14:12:00Z';
      },
    });
    expect(seen).toEqual([
      [outage, 0],
      [outage, 1],
    ]);
    // At 14:05 neither policy has breached; at 14:12 only the shortened target has.
    expect(diff.tickets.map((entry) => [entry.index, entry.evaluatedAt])).toEqual([
      [0, '2026-03-09T14:05:00.000Z'],
      [1, '2026-03-09T14:12:00.000Z'],
    ]);
    expect(diff.summary.breaches.gained).toBe(1);
  });

  it('gives both policies the same host context', () => {
    const after = policyWith((d) => {
      d.routing.queues[0].owners = { '*': { primary: 'support-leads', secondary: 'support-agents' } };
    });
    const now = '2026-03-09T14:05:00Z';
    const kinds = (diff: PolicyDiff) => diff.tickets.flatMap((entry) => entry.changes.map((c) => c.kind));
    expect(kinds(diffPolicies(base, after, [question], { now }))).toEqual(['owner', 'secondary']);
    // With ada out of office, `before` falls back to its secondary (grace, support-leads): the
    // same owner as `after`.
    const context = { unavailable: ['ada@example.com'] };
    expect(kinds(diffPolicies(base, after, [question], { now, context }))).not.toContain('owner');
  });

  it('never throws on bad tickets and leaves its inputs unchanged', () => {
    const after = policyWith((d) => {
      d.fallback.severity = 'sev1';
    });
    const tickets = deepFreeze([null, 'text', { id: 7 }, { createdAt: 'yesterday' }, [], outage]);
    const diff = diffPolicies(base, after, tickets, { now: '2026-03-09T14:05:00Z' });
    expect(diff.summary.tickets).toBe(6);
    expect(diff.summary.degraded).toEqual({ before: 5, after: 5 });
    // Values that are not tickets take the fallback severity, which changed; tickets without a
    // valid `createdAt` are still classified (the default, sev2).
    expect(diff.summary.severityMigration).toEqual({
      sev1: { sev1: 1, sev2: 0 },
      sev2: { sev1: 3, sev2: 2 },
    });
    expect(diff.tickets.map((entry) => [entry.index, entry.ticketId, entry.changes])).toEqual(
      [0, 1, 4].map((index) => [
        index,
        null,
        [{ kind: 'severity', from: 'sev2', to: 'sev1', ruleId: { from: null, to: null } }],
      ]),
    );
  });

  it('throws a TypeError naming the function for policies not from compilePolicy', () => {
    expect(() => diffPolicies(MINIMAL as unknown as Policy, base, [], { now: CREATED })).toThrow(
      new TypeError('diffPolicies: expected a policy from compilePolicy'),
    );
    expect(() => diffPolicies(base, {} as Policy, [], { now: CREATED })).toThrow(TypeError);
  });

  it('throws at once for invalid options and tickets that are not iterable', () => {
    const call = (tickets: unknown, options: unknown) => () =>
      diffPolicies(base, base, tickets as unknown[], options as { now: string });
    expect(call([], undefined)).toThrow(new TypeError('diffPolicies: options with `now` are required'));
    expect(call([], {})).toThrow(new TypeError('diffPolicies: options with `now` are required'));
    expect(call([], { now: '2026-03-09T14:00:00' })).toThrow(RangeError);
    expect(call([], { now: CREATED, limit: -1 })).toThrow(
      new RangeError('diffPolicies: limit must be a non-negative integer or Infinity'),
    );
    expect(call([], { now: CREATED, limit: 1.5 })).toThrow(RangeError);
    expect(call([], { now: CREATED, onTicket: 'log' })).toThrow(
      new TypeError('diffPolicies: onTicket must be a function'),
    );
    expect(call(42, { now: CREATED })).toThrow(
      new TypeError('diffPolicies: tickets must be an iterable of ticket snapshots'),
    );
    expect(call('tickets', { now: CREATED })).toThrow(TypeError);
    expect(call([outage], { now: () => 'soon' })).toThrow(
      'diffPolicies: now(ticket 0) must be an ISO 8601 date-time with an offset',
    );
  });

  it('is deterministic: the same input gives a deep-equal, byte-identical diff', () => {
    const [before, after] = acmePair();
    const sample = fc.sample(ticketAndNow, { seed: 42, numRuns: 80 });
    const run = (): PolicyDiff =>
      diffPolicies(
        before,
        after,
        sample.map((entry) => entry.ticket),
        { now: (_, index) => sample[index]?.now ?? 0, limit: 50 },
      );
    const first = run();
    const second = run();
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.summary.changed).toBeGreaterThan(0);
  });

  it('streams: consumes a generator lazily, keeps at most `limit` entries, counts every ticket', () => {
    const after = policyWith((d) => {
      d.sla.targets[1].metrics.firstResponse = '2h';
    });
    const total = 50_000;
    let pulled = 0;
    function* tickets(): Generator {
      for (let i = 0; i < total; i++) {
        pulled++;
        // Every other ticket is sev2 (business-hours target, changed); the others sev1.
        yield { id: `T-${String(i)}`, createdAt: CREATED, subject: i % 2 === 0 ? 'question' : 'down' };
      }
    }
    let calls = 0;
    let lagging = 0;
    const diff = diffPolicies(base, after, tickets(), {
      now: '2026-03-09T17:00:00Z',
      limit: 10,
      onTicket: (entry) => {
        calls++;
        // The ticket just compared is the last one pulled: nothing is read ahead.
        if (entry.index !== pulled - 1) lagging++;
      },
    });
    expect(pulled).toBe(total);
    expect(lagging).toBe(0);
    expect(calls).toBe(total / 2);
    expect(diff.tickets).toHaveLength(10);
    expect(diff.tickets.map((entry) => entry.index)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(diff.truncated).toBe(true);
    expect(diff.summary).toMatchObject({
      tickets: total,
      changed: total / 2,
      // 14:00 + 2 business hours = 16:00Z, before 17:00Z: every sev2 ticket gains a breach.
      breaches: { gained: total / 2, lost: 0 },
      severityMigration: { sev1: { sev1: total / 2, sev2: 0 }, sev2: { sev1: 0, sev2: total / 2 } },
    });
  }, 20_000);

  it('stops reading where the iterable throws, and keeps nothing when `limit` is 0', () => {
    let pulled = 0;
    function* failing(): Generator {
      pulled++;
      yield outage;
      pulled++;
      throw new Error('cursor lost');
    }
    expect(() => diffPolicies(base, base, failing(), { now: CREATED })).toThrow('cursor lost');
    expect(pulled).toBe(2);
    const after = policyWith((d) => {
      d.sla.targets[0].metrics.firstResponse = '10m';
    });
    const diff = diffPolicies(base, after, [outage], { now: '2026-03-09T14:12:00Z', limit: 0 });
    expect(diff).toMatchObject({ tickets: [], truncated: true, summary: { changed: 1 } });
  });

  it('gives the results shown in docs/policy-diff.md', () => {
    const current = policyWith(undefined, ACME);
    const candidate = policyWith((d) => {
      d.version = '2026.12.0';
      const target = (d.sla.targets as Draft[]).find((t) => t.id === 'sev2-standard');
      if (target !== undefined) target.metrics.firstResponse = '2h';
    }, ACME);
    const ticket = (id: string, subject: string, service: string, usersAffected: number, tier: string) => ({
      id,
      createdAt: '2026-03-10T14:00:00Z',
      subject,
      service,
      customer: { id: `c-${id}`, tier },
      impact: { usersAffected },
    });
    const tickets = [
      ticket('ACME-1', 'API returns 500 errors', 'api', 40, 'starter'),
      ticket('ACME-2', 'Dashboard slow this morning', 'web-app', 300, 'starter'),
      ticket('ACME-3', 'Question about exports', 'reporting', 1, 'business'),
      ticket('ACME-4', 'Checkout is down for everyone', 'checkout', 5000, 'enterprise'),
    ];
    const diff = diffPolicies(current, candidate, tickets, { now: '2026-03-10T16:30:00Z' });
    expect(diff.summary.changed).toBe(1);
    expect(diff.summary.breaches.byMetric.firstResponse).toEqual({ before: 1, after: 2, gained: 1, lost: 0 });
    expect(diff.summary.actions.byRule).toEqual({
      'first-response-breach': { gained: 1, lost: 0, moved: 0 },
      'first-response-breach-high': { gained: 2, lost: 0, moved: 0 },
      'first-response-warning': { gained: 1, lost: 0, moved: 0 },
    });
    expect(diff.tickets[0]?.ticketId).toBe('ACME-2');
    expect(diff.tickets[0]?.changes[0]).toEqual({
      kind: 'clock',
      metric: 'firstResponse',
      change: 'changed',
      targetId: { from: 'sev2-standard', to: 'sev2-standard' },
      durationMs: { from: 14400000, to: 7200000 },
      calendar: { from: 'us-business', to: 'us-business' },
      state: { from: 'running', to: 'breached' },
      deadline: { from: '2026-03-10T18:00:00.000Z', to: '2026-03-10T16:00:00.000Z' },
    });
    expect(diff.tickets[0]?.changes[1]).toEqual({
      kind: 'action',
      key: 'ACME-2/first-response-warning/2026-03-10T14:00:00.000Z/0/0',
      ruleId: 'first-response-warning',
      actionKind: 'notify',
      change: 'added',
      dueAt: { from: null, to: '2026-03-10T15:30:00.000Z' },
    });
    // The scheduled escalations of ACME-2 are due now, under the same keys.
    const changes = diff.tickets[0]?.changes ?? [];
    const keys = (kind: string, change: string) =>
      changes.flatMap((c) => (c.kind === kind && 'key' in c && c.change === change ? [c.key] : []));
    expect(keys('upcoming', 'removed')).toEqual(keys('action', 'added'));
  });

  it('has no changes between a policy and itself (property)', () => {
    const [acme] = acmePair();
    const again = policyWith(undefined, ACME);
    fc.assert(
      fc.property(fc.array(ticketAndNow, { maxLength: 8 }), (sample) => {
        const tickets = sample.map((entry) => entry.ticket);
        const options = { now: (_: unknown, index: number) => sample[index]?.now ?? 0 };
        for (const diff of [
          diffPolicies(acme, acme, tickets, options),
          diffPolicies(acme, again, tickets, options),
        ]) {
          expect(diff.tickets).toEqual([]);
          expect(diff.summary.changed).toBe(0);
          expect(diff.summary.breaches).toMatchObject({ gained: 0, lost: 0 });
          const matrix = diff.summary.severityMigration;
          for (const [from, row] of Object.entries(matrix))
            for (const [to, n] of Object.entries(row)) if (from !== to) expect(n).toBe(0);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('swapping the policies swaps gained and lost and transposes the migrations (property)', () => {
    const [before, after] = acmePair();
    fc.assert(
      fc.property(fc.array(ticketAndNow, { maxLength: 8 }), (sample) => {
        const tickets = sample.map((entry) => entry.ticket);
        const options = { now: (_: unknown, index: number) => sample[index]?.now ?? 0 };
        const forward = diffPolicies(before, after, tickets, options);
        const backward = diffPolicies(after, before, tickets, options);
        const f = forward.summary;
        const b = backward.summary;
        expect(b.tickets).toBe(f.tickets);
        expect(b.changed).toBe(f.changed);
        expect(b.byKind).toEqual(f.byKind);
        expect(b.severityMigration).toEqual(transpose(f.severityMigration));
        expect(b.queueMigration).toEqual(transpose(f.queueMigration));
        expect(b.degraded).toEqual({ before: f.degraded.after, after: f.degraded.before });
        expect(b.breaches).toEqual(swapBreaches(f.breaches));
        expect(b.actions).toEqual(swapActions(f.actions));
        expect(b.upcoming).toEqual(swapActions(f.upcoming));
        expect(backward.tickets).toEqual(forward.tickets.map(swapTicket));
      }),
      { numRuns: 40 },
    );
  });
});

describe('diffPoliciesAsync', () => {
  it('gives the same diff as diffPolicies over an async iterable', async () => {
    const [before, after] = acmePair();
    const sample = fc.sample(ticketAndNow, { seed: 7, numRuns: 60 });
    const options = { now: (_: unknown, index: number) => sample[index]?.now ?? 0, limit: 5 };
    async function* stream(): AsyncGenerator {
      for (const entry of sample) {
        await Promise.resolve();
        yield entry.ticket;
      }
    }
    const seen: number[] = [];
    const diff = await diffPoliciesAsync(before, after, stream(), {
      ...options,
      onTicket: async (entry) => {
        await Promise.resolve();
        seen.push(entry.index);
      },
    });
    const expected = diffPolicies(
      before,
      after,
      sample.map((entry) => entry.ticket),
      options,
    );
    expect(diff).toEqual(expected);
    expect(seen).toHaveLength(expected.summary.changed);
    // A sync iterable works too.
    await expect(
      diffPoliciesAsync(
        before,
        after,
        sample.map((entry) => entry.ticket),
        options,
      ),
    ).resolves.toEqual(expected);
  });

  it('throws at once for programmer errors and rejects for a bad instant from `now`', async () => {
    expect(() => diffPoliciesAsync({} as Policy, base, [], { now: CREATED })).toThrow(
      new TypeError('diffPoliciesAsync: expected a policy from compilePolicy'),
    );
    expect(() => diffPoliciesAsync(base, base, 5 as unknown as unknown[], { now: CREATED })).toThrow(
      TypeError,
    );
    await expect(diffPoliciesAsync(base, base, [outage], { now: () => Number.NaN })).rejects.toThrow(
      RangeError,
    );
  });
});

// ------------------------------------------------------------------ helpers

const ACME = JSON.parse(
  readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as unknown;

/** The reference policy and a variant: a target shortened, a classification and an escalation rule added. */
function acmePair(): [Policy, Policy] {
  const before = policyWith(undefined, ACME);
  const after = policyWith((d) => {
    const target = (d.sla.targets as Draft[]).find((t) => t.id === 'sev2-standard');
    if (target !== undefined) target.metrics.firstResponse = '2h';
    d.classification.rules.unshift({
      id: 'slow-dashboard',
      when: { containsAny: [{ var: 'ticket.subject' }, ['slow']] },
      severity: 'sev2',
      reason: 'a slow dashboard hurts everyone',
    });
    d.escalation.rules.push({
      id: 'resolution-breach-duty-manager',
      on: { clock: 'resolution', at: 'breach' },
      actions: [{ kind: 'page', role: 'support-duty-manager' }],
    });
  }, ACME);
  return [before, after];
}

function transpose(matrix: MigrationMatrix): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [from, row] of Object.entries(matrix))
    for (const [to, n] of Object.entries(row)) (out[to] ??= {})[from] = n;
  return out;
}

function swapBreaches(counts: PolicyDiff['summary']['breaches']): PolicyDiff['summary']['breaches'] {
  const swap = (c: { before: number; after: number; gained: number; lost: number }) => ({
    before: c.after,
    after: c.before,
    gained: c.lost,
    lost: c.gained,
  });
  return {
    ...swap(counts),
    byMetric: Object.fromEntries(
      Object.entries(counts.byMetric).map(([metric, c]) => [metric, swap(c)]),
    ) as PolicyDiff['summary']['breaches']['byMetric'],
  };
}

function swapActions(counts: PolicyDiff['summary']['actions']): PolicyDiff['summary']['actions'] {
  const swap = (c: { gained: number; lost: number; moved: number }) => ({
    gained: c.lost,
    lost: c.gained,
    moved: c.moved,
  });
  return {
    ...swap(counts),
    byRule: Object.fromEntries(Object.entries(counts.byRule).map(([rule, c]) => [rule, swap(c)])),
  };
}

const flip = <T>(t: { from: T; to: T }): { from: T; to: T } => ({ from: t.to, to: t.from });
const flipPresence = <P extends string>(p: P): P =>
  (p === 'added' ? 'removed' : p === 'removed' ? 'added' : p) as P;

function swapChange(change: Change): Change {
  switch (change.kind) {
    case 'status':
    case 'queue':
    case 'nextEvaluationAt':
      return { ...change, from: change.to, to: change.from } as Change;
    case 'severity':
      return { ...change, from: change.to, to: change.from, ruleId: flip(change.ruleId) };
    case 'owner':
      return { ...change, role: flip(change.role), members: flip(change.members) };
    case 'secondary':
      return { ...change, role: flip(change.role), members: flip(change.members) };
    case 'clock':
      return {
        ...change,
        change: flipPresence(change.change),
        targetId: flip(change.targetId),
        durationMs: flip(change.durationMs),
        calendar: flip(change.calendar),
        state: flip(change.state),
        deadline: flip(change.deadline),
      };
    case 'action':
    case 'upcoming':
    case 'withheld':
      return { ...change, change: flipPresence(change.change), dueAt: flip(change.dueAt) };
    case 'approval':
      return {
        ...change,
        change: flipPresence(change.change),
        status: flip(change.status),
        dueAt: flip(change.dueAt),
      };
    case 'communication':
      return {
        ...change,
        change: flipPresence(change.change),
        audience: flip(change.audience),
        dueAt: flip(change.dueAt),
        template: flip(change.template),
        blockedBy: flip(change.blockedBy),
      };
    case 'validation':
      return { ...change, change: flipPresence(change.change) };
  }
}

function swapTicket(entry: TicketDiff): TicketDiff {
  const [first, ...rest] = entry.changes;
  return { ...entry, changes: [swapChange(first), ...rest.map(swapChange)] };
}
