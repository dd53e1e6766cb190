import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, formatIssues } from '../../src/index.js';
import { MINIMAL } from '../support/policies.js';

// Drafts are policies changed on purpose: tests reach into them freely.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access */
type Draft = Record<string, any>;

function policyWith(edit: (draft: Draft) => void = () => undefined): ReturnType<typeof compilePolicy> {
  const draft = structuredClone(MINIMAL) as Draft;
  edit(draft);
  return compilePolicy(draft);
}

const base = {
  id: 'T-1',
  createdAt: '2026-03-09T14:00:00Z', // Monday 10:00 in New York
  subject: 'Question about invoices',
  service: 'billing',
  customer: { id: 'c-1', tier: 'business' },
  status: 'open',
};

describe('evaluate', () => {
  it('decides severity, routing and clocks for a plain ticket', () => {
    const decision = evaluate(policyWith(), base, { now: '2026-03-09T15:00:00Z' });
    expect(decision).toMatchObject({
      policy: { id: 'minimal', version: '1' },
      ticketId: 'T-1',
      evaluatedAt: '2026-03-09T15:00:00.000Z',
      status: 'ok',
      issues: [],
      severity: { id: 'sev2', source: 'default', suggested: 'sev2' },
      routing: {
        queue: 'general',
        serviceLine: 'support',
        owner: { role: 'support-agents', members: ['ada@example.com'] },
        secondary: { role: 'support-leads', members: ['grace@example.com'] },
        ruleId: 'general',
      },
      clocks: [
        {
          metric: 'firstResponse',
          targetId: 'default',
          target: { durationMs: 4 * 3_600_000, calendar: 'us-business' },
          state: 'running',
          startedAt: '2026-03-09T14:00:00.000Z',
          deadline: '2026-03-09T18:00:00.000Z',
          elapsedMs: 3_600_000,
          remainingMs: 3 * 3_600_000,
          fraction: 0.25,
          breachedAt: null,
        },
        // 24 business hours from Monday 10:00 EDT: Mon 7 h, Tue 8 h, Wed 8 h, Thu 1 h → Thu 10:00 EDT.
        { metric: 'resolution', deadline: '2026-03-12T14:00:00.000Z', state: 'running' },
      ],
      nextEvaluationAt: '2026-03-09T18:00:00.000Z',
    });
  });

  it('returns new data every time: changing a decision changes nothing else', () => {
    const policy = policyWith();
    const first = evaluate(policy, base, { now: '2026-03-09T15:00:00Z' });
    (first.routing.owner.members as string[]).push('mallory@example.com');
    (first.clocks as unknown[]).length = 0;
    const second = evaluate(policy, base, { now: '2026-03-09T15:00:00Z' });
    expect(second.routing.owner.members).toEqual(['ada@example.com']);
    expect(second.clocks).toHaveLength(2);
    expect(policy.definition.roles['support-agents']).toEqual({ members: ['ada@example.com'] });
  });

  it('throws at once on programmer errors only', () => {
    const policy = policyWith();
    expect(() => evaluate(MINIMAL as never, base, { now: 0 })).toThrow(
      new TypeError('evaluate: expected a policy from compilePolicy'),
    );
    expect(() => evaluate(policy, base, { now: '2026-03-09 15:00' })).toThrow(RangeError);
    expect(() => evaluate(policy, base, undefined as never)).toThrow(TypeError);
    for (const ticket of [undefined, null, 42, 'ticket', [], { events: 'x' }, { createdAt: 'yesterday' }]) {
      expect(() => evaluate(policy, ticket, { now: 0 })).not.toThrow();
    }
  });

  it('answers an unreadable ticket with the fallback severity and queue, degraded', () => {
    const decision = evaluate(policyWith(), 'not a ticket', { now: '2026-03-09T15:00:00Z' });
    expect(decision.status).toBe('degraded');
    expect(decision.severity).toMatchObject({ id: 'sev2', source: 'fallback' });
    expect(decision.routing.queue).toBe('general');
    expect(formatIssues(decision.issues)).toBe('expected a ticket object, received string');
    expect(decision.clocks).toEqual([]);
  });

  it('reports a missing createdAt as an error and runs no clock, but still classifies', () => {
    const ticket: Record<string, unknown> = { ...base, subject: 'Site is down' };
    delete ticket.createdAt;
    const decision = evaluate(policyWith(), ticket, { now: '2026-03-09T15:00:00Z' });
    expect(decision.status).toBe('degraded');
    expect(decision.issues.map((i) => [i.code, i.path])).toEqual([['invalid_field', ['createdAt']]]);
    expect(decision.severity).toMatchObject({ id: 'sev1', source: 'rule', ruleId: 'outage' });
    expect(decision.clocks).toEqual([]);
  });

  it('skips a rule whose condition throws on the data, and applies the fallback severity', () => {
    const ticket = {
      ...base,
      get subject(): string {
        throw new Error('a getter that fails');
      },
    };
    const decision = evaluate(policyWith(), ticket, { now: '2026-03-09T15:00:00Z', explain: true });
    expect(decision.status).toBe('degraded');
    expect(decision.severity).toMatchObject({ id: 'sev2', source: 'fallback', ruleId: 'outage' });
    expect(decision.issues[0]).toMatchObject({ code: 'condition_failed', ruleId: 'outage' });
    expect(decision.trace?.[0]).toMatchObject({ step: 'classification', id: 'outage', outcome: 'errored' });
    expect(JSON.stringify(decision.issues)).not.toContain('getter');
  });

  it('reads a ticket whose accessors or proxies throw as plain data, degraded, never thrown', () => {
    const hostile = {
      ...base,
      customer: {
        id: 'c-1',
        get tier(): string {
          throw new Error('no');
        },
      },
      fields: new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('no');
          },
        },
      ),
    };
    const decision = evaluate(policyWith(), hostile, { now: '2026-03-09T15:00:00Z' });
    expect(decision.status).toBe('degraded');
    expect(decision.issues[0]).toMatchObject({ code: 'invalid_ticket', path: [] });
    expect(decision.routing.queue).toBe('general');
    expect(decision.clocks.map((c) => c.metric)).toEqual(['firstResponse', 'resolution']);
  });

  it('never puts ticket content into issue messages', () => {
    const secret = 'jane.doe@example.com 4111111111111111';
    const decision = evaluate(
      policyWith(),
      {
        ...base,
        id: 7,
        status: secret,
        customer: secret,
        events: [
          { type: 'replied', at: secret },
          { type: 'statusChanged', at: '2026-03-09T14:01:00Z', status: 5 },
          secret,
        ],
      },
      { now: '2026-03-09T15:00:00Z' },
    );
    expect(decision.issues.length).toBeGreaterThan(3);
    expect(JSON.stringify(decision.issues)).not.toContain('jane');
    expect(JSON.stringify(decision.issues)).not.toContain('4111');
  });

  it('sorts events, ignores unknown ones, skips unusable ones and waits for future ones', () => {
    const decision = evaluate(
      policyWith(),
      {
        ...base,
        events: [
          { type: 'replied', at: '2026-03-09T14:30:00Z', author: 'agent', public: true },
          { type: 'customFieldChanged', at: '2026-03-09T14:10:00Z' },
          { type: 'replied', at: '2026-03-09T14:20:00Z', author: 'robot', public: true },
          { type: 'statusChanged', at: '2026-03-09T16:00:00Z', status: 'resolved' },
        ],
      },
      { now: '2026-03-09T15:00:00Z' },
    );
    expect(decision.issues.map((i) => [i.code, i.severity, i.path])).toEqual([
      ['invalid_event', 'warning', ['events', 2, 'author']],
      ['future_event', 'warning', ['events', 3, 'at']],
    ]);
    expect(decision.status).toBe('ok');
    expect(decision.clocks[0]).toMatchObject({
      metric: 'firstResponse',
      state: 'met',
      stoppedAt: '2026-03-09T14:30:00.000Z',
    });
    // The future resolve is the next change.
    expect(decision.nextEvaluationAt).toBe('2026-03-09T16:00:00.000Z');
    // With `explain`, the trace lists the event of an unknown type.
    const explained = evaluate(
      policyWith(),
      { ...base, events: [{ type: 'customFieldChanged', at: '2026-03-09T14:10:00Z' }] },
      {
        now: '2026-03-09T15:00:00Z',
        explain: true,
      },
    );
    expect(explained.trace?.[0]).toEqual({
      step: 'event',
      id: 'events[0]',
      outcome: 'ignored',
      detail: 'an event type the engine does not use',
    });
  });

  it('takes the snapshot status over a history that ends elsewhere, with a warning', () => {
    const decision = evaluate(
      policyWith(),
      {
        ...base,
        status: 'resolved',
        events: [{ type: 'replied', at: '2026-03-09T14:30:00Z', author: 'agent', public: true }],
      },
      { now: '2026-03-09T15:00:00Z' },
    );
    expect(decision.issues.map((i) => i.code)).toEqual(['status_mismatch']);
    expect(decision.clocks.find((c) => c.metric === 'resolution')).toMatchObject({
      state: 'met',
      stoppedAt: '2026-03-09T14:30:00.000Z',
    });
    expect(decision.nextEvaluationAt).toBeNull();
  });

  it('applies an accepted override and keeps the suggestion; refuses others with a warning', () => {
    const policy = policyWith((d) => {
      d.classification.overrides = { roles: ['support-leads'], requireReason: true };
    });
    const override = (extra: Record<string, unknown>): unknown => ({
      ...base,
      events: [{ type: 'severityOverridden', at: '2026-03-09T14:10:00Z', severity: 'sev1', ...extra }],
    });
    const accepted = evaluate(policy, override({ by: 'grace@example.com', reason: 'CEO account' }), {
      now: '2026-03-09T15:00:00Z',
    });
    expect(accepted.severity).toEqual({
      id: 'sev1',
      source: 'override',
      reason: 'CEO account',
      suggested: 'sev2',
    });
    // The sev1 target applies from creation: 15 minutes were up at 14:15.
    expect(accepted.clocks[0]).toMatchObject({
      metric: 'firstResponse',
      state: 'breached',
      breachedAt: '2026-03-09T14:15:00.000Z',
    });

    const noReason = evaluate(policy, override({ by: 'grace@example.com' }), { now: '2026-03-09T15:00:00Z' });
    const wrongRole = evaluate(policy, override({ by: 'ada@example.com', reason: 'x' }), {
      now: '2026-03-09T15:00:00Z',
    });
    for (const refused of [noReason, wrongRole]) {
      expect(refused.severity.id).toBe('sev2');
      expect(refused.issues.map((i) => [i.code, i.path])).toEqual([['override_refused', ['events', 0]]]);
    }
    expect(formatIssues(noReason.issues)).toBe(
      'events[0]: severity override ignored: the policy requires a reason (warning)',
    );
  });

  it('gives ownership to the secondary when nobody of the primary can take it', () => {
    const policy = policyWith();
    const out = evaluate(policy, base, {
      now: '2026-03-09T15:00:00Z',
      context: { unavailable: ['ada@example.com'] },
    });
    expect(out.routing.owner).toEqual({
      role: 'support-leads',
      members: ['grace@example.com'],
      shiftEndsAt: null,
    });
    expect(out.routing.reason).toBe(
      'queue `general` takes every ticket that reaches it; nobody of `support-agents` can take it now, so it falls to `support-leads`',
    );
    const busy = evaluate(policy, base, {
      now: '2026-03-09T15:00:00Z',
      context: { overloaded: ['ada@example.com'] },
    });
    expect(busy.routing.owner.role).toBe('support-leads');
  });

  it('resolves on-call roles, hands over at the same local time across DST, and wakes up at the handoff', () => {
    const policy = policyWith((d) => {
      d.roles['support-agents'] = { schedule: 'weekly' };
      d.schedules = {
        weekly: {
          timezone: 'America/New_York',
          // Weekly turns from Monday 2026-03-02 09:00 local; DST starts Sunday 2026-03-08.
          layers: [
            { start: '2026-03-02T09:00', turn: '1w', members: ['ada@example.com', 'linus@example.com'] },
          ],
        },
      };
    });
    const ticket = { ...base, createdAt: '2026-03-09T12:00:00Z', events: [] };
    // Monday 2026-03-09 08:59 EDT (12:59Z): still ada's week; the handoff is 09:00 EDT = 13:00Z.
    const before = evaluate(policy, ticket, { now: '2026-03-09T12:59:00Z' });
    expect(before.routing.owner).toEqual({
      role: 'support-agents',
      members: ['ada@example.com'],
      shiftEndsAt: '2026-03-09T13:00:00.000Z',
    });
    expect(before.nextEvaluationAt).toBe('2026-03-09T13:00:00.000Z');
    const after = evaluate(policy, ticket, { now: '2026-03-09T13:00:00Z' });
    // Next Monday 09:00 EDT.
    expect(after.routing.owner).toEqual({
      role: 'support-agents',
      members: ['linus@example.com'],
      shiftEndsAt: '2026-03-16T13:00:00.000Z',
    });
  });

  it('lists the required fields a ticket lacks for its severity', () => {
    const policy = policyWith((d) => {
      d.requiredFields = [
        {
          id: 'sev1-fields',
          severity: 'sev1',
          fields: [{ path: 'impact.statement', label: 'an impact statement' }],
        },
      ];
    });
    const outage = { ...base, subject: 'Site is down' };
    expect(evaluate(policy, outage, { now: '2026-03-09T15:00:00Z' }).validation).toEqual([
      {
        path: 'impact.statement',
        code: 'missing_required_field',
        message: '`sev1` tickets need an impact statement (`impact.statement`)',
      },
    ]);
    expect(
      evaluate(policy, { ...outage, impact: { statement: 'EU down' } }, { now: '2026-03-09T15:00:00Z' })
        .validation,
    ).toEqual([]);
    expect(evaluate(policy, base, { now: '2026-03-09T15:00:00Z' }).validation).toEqual([]);
  });

  it('explains every rule, queue, target and clock interval with `explain`', () => {
    const decision = evaluate(
      policyWith(),
      {
        ...base,
        events: [
          { type: 'statusChanged', at: '2026-03-09T14:10:00Z', status: 'pending-customer' },
          { type: 'statusChanged', at: '2026-03-09T14:20:00Z', status: 'open' },
        ],
      },
      { now: '2026-03-09T15:00:00Z', explain: true },
    );
    expect(decision.trace?.map((t) => `${t.step}:${t.id}:${t.outcome}`)).toEqual([
      'classification:outage:not_matched',
      'routing:general:matched',
      'target:sev1:not_matched',
      'target:default:matched',
      'clock:firstResponse:applied',
      'clock:resolution:applied',
    ]);
    expect(evaluate(policyWith(), base, { now: '2026-03-09T15:00:00Z' }).trace).toBeUndefined();
  });

  it('pauses a clock while a pause status holds, and resumes with the remaining business time', () => {
    const policy = policyWith((d) => {
      d.sla.pauseOn = ['pending-customer'];
    });
    const ticket = {
      ...base,
      status: 'pending-customer',
      events: [{ type: 'statusChanged', at: '2026-03-09T15:00:00Z', status: 'pending-customer' }],
    };
    const paused = evaluate(policy, ticket, { now: '2026-03-10T15:00:00Z', explain: true });
    expect(paused.clocks[0]).toMatchObject({ state: 'paused', deadline: null, elapsedMs: 3_600_000 });
    expect(paused.nextEvaluationAt).toBeNull();
    expect(paused.trace?.find((t) => t.id === 'firstResponse')?.intervals).toEqual({
      counted: [['2026-03-09T14:00:00.000Z', '2026-03-09T15:00:00.000Z']],
      paused: [['2026-03-09T15:00:00.000Z', '2026-03-10T15:00:00.000Z']],
      closed: [],
    });
    // Counted across a night: the closed part is listed.
    const overnight = evaluate(
      policy,
      { ...base, status: 'open' },
      { now: '2026-03-10T14:00:00Z', explain: true },
    );
    expect(overnight.trace?.find((t) => t.id === 'firstResponse')?.intervals?.closed).toEqual([
      ['2026-03-09T21:00:00.000Z', '2026-03-10T13:00:00.000Z'],
    ]);
    // Resumed Tuesday 11:00 EDT with 3 h left: Tuesday 14:00 EDT.
    const resumed = evaluate(
      policy,
      {
        ...ticket,
        status: 'open',
        events: [...ticket.events, { type: 'statusChanged', at: '2026-03-10T15:00:00Z', status: 'open' }],
      },
      { now: '2026-03-10T15:00:00Z' },
    );
    expect(resumed.clocks[0]).toMatchObject({ state: 'running', deadline: '2026-03-10T18:00:00.000Z' });
  });
});
