import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePolicy,
  evaluate,
  safeCompilePolicy,
  type PolicyDocument,
  type Ticket,
} from '../../src/index.js';
import { policyArbitrary, ticketAndNowArbitrary, ticketArbitrary } from '../../src/testing/index.js';

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const withSeed = seed === undefined ? {} : { seed };

const acmeDoc = JSON.parse(
  readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as PolicyDocument;
const acme = compilePolicy(acmeDoc);

const ms = (instant: unknown): number => Date.parse(String(instant));

describe('policyArbitrary', () => {
  it('generates documents that always compile without errors', () => {
    fc.assert(
      fc.property(policyArbitrary(), (doc) => {
        const result = safeCompilePolicy(doc);
        if (!result.success) expect.fail(JSON.stringify(result.issues.slice(0, 3)));
        expect(result.warnings.every((w) => w.severity === 'warning')).toBe(true);
      }),
      { numRuns: 200, ...withSeed },
    );
  });

  it('generates policies that evaluate generated tickets without throwing', () => {
    // ticketAndNowArbitrary also takes a document, so the pair chains without compiling twice.
    const pairs = policyArbitrary().chain((doc) =>
      fc.tuple(fc.constant(doc), ticketAndNowArbitrary(doc, { maxEvents: 8 })),
    );
    fc.assert(
      fc.property(pairs, ([doc, { ticket, now }]) => {
        const policy = compilePolicy(doc);
        const decision = evaluate(policy, ticket, { now });
        expect(doc.severities.map((s) => s.id)).toContain(decision.severity.id);
        expect(doc.routing.queues.map((q) => q.id)).toContain(decision.routing.queue);
        expect(JSON.parse(JSON.stringify(decision))).toStrictEqual(decision);
      }),
      { numRuns: 100, ...withSeed },
    );
  });

  it('varies the shape of the documents', () => {
    const docs = fc.sample(policyArbitrary(), { numRuns: 200, seed: 7 });
    const share = (pred: (doc: PolicyDocument) => boolean): number => docs.filter(pred).length / docs.length;
    expect(share((d) => d.classification.rules.length > 0)).toBeGreaterThan(0.5);
    expect(share((d) => d.classification.matrix !== undefined)).toBeGreaterThan(0.1);
    expect(share((d) => d.schedules !== undefined)).toBeGreaterThan(0.3);
    expect(share((d) => (d.approvals?.gates.length ?? 0) > 0)).toBeGreaterThan(0.3);
    expect(share((d) => d.escalation?.rules.some((r) => r.repeat !== undefined) ?? false)).toBeGreaterThan(
      0.1,
    );
    expect(share((d) => (d.communication?.cadence?.length ?? 0) > 0)).toBeGreaterThan(0.3);
    expect(share((d) => Object.keys(d.calendars).length > 1)).toBeGreaterThan(0.3);
    const triggers = new Set(
      docs.flatMap((d) => (d.escalation?.rules ?? []).map((r) => Object.keys(r.on).sort().join('+'))),
    );
    expect([...triggers].sort()).toEqual([
      'at+clock',
      'event',
      'reopened',
      'severityBecomes',
      'unacknowledgedFor',
    ]);
    const kinds = new Set(
      docs.flatMap((d) => (d.escalation?.rules ?? []).flatMap((r) => r.actions.map((a) => a.kind))),
    );
    expect(kinds.size).toBe(6);
  });

  it('is deterministic for a seed', () => {
    expect(fc.sample(policyArbitrary(), { numRuns: 5, seed: 42 })).toStrictEqual(
      fc.sample(policyArbitrary(), { numRuns: 5, seed: 42 }),
    );
  });

  it('honours its options and refuses bad ones', () => {
    for (const doc of fc.sample(policyArbitrary({ timezones: ['Asia/Kathmandu'], maxRules: 1 }), {
      numRuns: 20,
      seed: 3,
    })) {
      expect(Object.values(doc.calendars).every((c) => c.timezone === 'Asia/Kathmandu')).toBe(true);
      expect(doc.classification.rules.length).toBeLessThanOrEqual(1);
      expect(doc.routing.queues).toHaveLength(1);
    }
    expect(() => policyArbitrary({ maxRules: 0 })).toThrow(RangeError);
    expect(() => policyArbitrary({ timezones: [] })).toThrow(RangeError);
  });
});

describe('ticketAndNowArbitrary', () => {
  it('generates tickets of the reference policy that evaluate without throwing', () => {
    fc.assert(
      fc.property(ticketAndNowArbitrary(acme), ({ ticket, now }) => {
        const decision = evaluate(acme, ticket, { now });
        // Generated tickets are well formed: no error issue, so no degraded decision.
        expect(decision.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(decision.routing.owner.role).not.toBe('');
      }),
      { numRuns: 150, ...withSeed },
    );
  });

  it('orders events after creation and puts now after the last one', () => {
    fc.assert(
      fc.property(ticketAndNowArbitrary(acme), ({ ticket, now }) => {
        const events = ticket.events ?? [];
        expect(events[0]).toEqual({ type: 'created', at: ticket.createdAt });
        const instants = events.map((e) => ms(e.at));
        for (let i = 1; i < instants.length; i++)
          expect(instants[i]).toBeGreaterThanOrEqual(instants[i - 1] ?? 0);
        expect(ms(now)).toBeGreaterThan(instants.at(-1) ?? ms(ticket.createdAt));
        expect(ms(now)).toBeGreaterThan(ms(ticket.createdAt));
        const lastStatus = events.filter((e) => e.type === 'statusChanged').at(-1);
        if (lastStatus !== undefined) expect(ticket.status).toBe((lastStatus as { status: string }).status);
      }),
      { numRuns: 200, ...withSeed },
    );
  });

  it('draws from the policy: its services, tags, tiers, statuses, people and every event type', () => {
    const samples = fc.sample(ticketAndNowArbitrary(acme), { numRuns: 400, seed: 11 });
    const tickets = samples.map((s) => s.ticket);
    const tiers = new Set(tickets.map((t) => t.customer?.tier));
    expect(tiers).toEqual(new Set(['enterprise', 'business', 'starter', undefined]));
    const services = new Set(tickets.map((t) => t.service));
    expect(services.has('payments')).toBe(true);
    expect(services.has('mobile-ios')).toBe(true);
    const tags = new Set(tickets.flatMap((t) => t.tags ?? []));
    expect(tags.has('security')).toBe(true);
    expect(tags.has('major-incident')).toBe(true);
    expect(tickets.some((t) => t.fields?.security === true)).toBe(true);
    const statuses = new Set(tickets.flatMap((t) => (t.status === undefined ? [] : [t.status])));
    for (const status of ['pending-customer', 'on-hold', 'resolved', 'closed'])
      expect(statuses.has(status)).toBe(true);
    const types = new Set(tickets.flatMap((t) => (t.events ?? []).map((e) => e.type)));
    for (const type of [
      'created',
      'statusChanged',
      'severityChanged',
      'severityOverridden',
      'assigned',
      'acknowledged',
      'replied',
      'updateSent',
      'approvalGranted',
      'approvalRejected',
      'escalationRequested',
      'actionPerformed',
    ])
      expect(types.has(type)).toBe(true);
    // Impact figures straddle the thresholds the conditions test (e.g. 5000 users).
    const users = new Set(tickets.map((t) => t.impact?.usersAffected));
    expect([4999, 5000, 5001].some((n) => users.has(n))).toBe(true);
  });

  it('exercises many rules of the reference policy', () => {
    const matched = new Set<string>();
    const queues = new Set<string>();
    for (const { ticket, now } of fc.sample(ticketAndNowArbitrary(acme, { maxEvents: 4 }), {
      numRuns: 300,
      seed: 5,
    })) {
      const decision = evaluate(acme, ticket, { now });
      if (decision.severity.ruleId !== undefined) matched.add(decision.severity.ruleId);
      queues.add(decision.routing.queue);
    }
    expect(matched.size).toBeGreaterThanOrEqual(15);
    expect(queues.size).toBeGreaterThanOrEqual(8);
  });

  it('is deterministic for a seed', () => {
    const a = fc.sample(ticketAndNowArbitrary(acme), { numRuns: 20, seed: 9 });
    const b = fc.sample(ticketAndNowArbitrary(acme), { numRuns: 20, seed: 9 });
    expect(a).toStrictEqual(b);
  });

  it('honours its options and accepts a document', () => {
    const from = '2027-05-01T00:00:00Z';
    const to = '2027-05-02T00:00:00Z';
    for (const { ticket } of fc.sample(
      ticketAndNowArbitrary(acmeDoc, { createdFrom: from, createdTo: to, maxEvents: 0, tags: ['x-tag'] }),
      { numRuns: 50, seed: 1 },
    )) {
      expect(ms(ticket.createdAt)).toBeGreaterThanOrEqual(ms(from));
      expect(ms(ticket.createdAt)).toBeLessThanOrEqual(ms(to));
      expect(ticket.events).toHaveLength(1);
    }
    expect(() => ticketAndNowArbitrary(acme, { createdFrom: to, createdTo: from })).toThrow(RangeError);
    expect(() => ticketAndNowArbitrary(acme, { maxEvents: -1 })).toThrow(RangeError);
    expect(() => ticketAndNowArbitrary({} as never)).toThrow(TypeError);
  });
});

describe('ticketArbitrary', () => {
  it('generates the tickets alone', () => {
    const tickets: Ticket[] = fc.sample(ticketArbitrary(acme), { numRuns: 10, seed: 2 });
    expect(tickets).toStrictEqual(
      fc.sample(ticketAndNowArbitrary(acme), { numRuns: 10, seed: 2 }).map((g) => g.ticket),
    );
  });
});
