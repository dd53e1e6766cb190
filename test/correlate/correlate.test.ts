import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePolicy, type ProblemPolicy } from '../../src/index.js';
import { correlate, reportIncidents, type IncidentGroup, type Problem } from '../../src/correlate/index.js';
import { deepFreeze } from '../../src/internal/index.js';
import { OUTAGE, at, policyWith, ticket } from './support.js';

const NOW = at(120);
const plain = policyWith(undefined);
const outage = policyWith(OUTAGE);

/** The ticket ids of each group. */
const ids = (groups: readonly IncidentGroup[]): string[][] => groups.map((group) => [...group.ticketIds]);

function problemOf(groups: readonly IncidentGroup[], index = 0): Problem {
  const problem = groups[index]?.problem;
  if (problem === undefined || problem === null) throw new Error('expected a problem');
  return problem;
}

/** Five payments tickets, 5 minutes apart from T0 (the fifth crosses a 5-in-30m threshold). */
const burst = (prefix = 'P', from = 0): Record<string, unknown>[] =>
  [0, 5, 10, 15, 20].map((m, i) => ticket(`${prefix}-${String(i + 1)}`, from + m, 'payments'));

describe('correlate', () => {
  describe('relations', () => {
    it('relates tickets of one service when each comes within the window of the previous one', () => {
      const groups = correlate(
        plain,
        [
          ticket('A', 0, 'payments'),
          ticket('B', 30, 'payments'), // exactly the window after A: related
          ticket('C', 55, 'payments'),
          ticket('D', 85, 'payments'), // 30 min after C, but C–D is 30m 0s: related too
          ticket('E', 116, 'payments'), // 31 min after D: a new group of one (not listed)
          ticket('F', 10, 'identity'),
        ],
        { now: NOW },
      );
      expect(ids(groups)).toEqual([['A', 'B', 'C', 'D']]);
      expect(groups[0]).toMatchObject({
        id: 'A',
        services: ['payments'],
        relations: ['service'],
        firstAt: at(0),
        lastAt: at(85),
        problem: null,
      });
    });

    it('leaves a gap one millisecond longer than the window unrelated', () => {
      const late = { ...ticket('B', 0, 'payments'), createdAt: T(30 * 60_000 + 1) };
      expect(correlate(plain, [ticket('A', 0, 'payments'), late], { now: NOW })).toEqual([]);
    });

    it('relates tickets linked by `relatedTicketIds`, in either direction and however far apart', () => {
      const groups = correlate(
        plain,
        [
          ticket('A', 0, 'payments', 'x', { relatedTicketIds: ['C', 'missing', 'A'] }),
          ticket('B', 50, 'identity'),
          ticket('C', 100, 'identity', 'y'),
        ],
        { now: NOW },
      );
      // A–C by link, and C–B by service (50 min apart is beyond the window: no).
      expect(ids(groups)).toEqual([['A', 'C']]);
      expect(groups[0]?.relations).toEqual(['related']);
      expect(groups[0]?.services).toEqual(['payments', 'identity']);
    });

    it('relates tickets that share two keywords within the window, whatever their service', () => {
      const groups = correlate(
        plain,
        [
          ticket('A', 0, 'web', 'Login fails with SSO for the whole company'),
          ticket('B', 10, 'mobile', 'SSO login broken on the phone'),
          ticket('C', 20, 'reports', 'Cannot login to reports'), // one keyword only
          ticket('D', 200, 'api', 'SSO login again'), // far beyond the window
        ],
        { now: at(300) },
      );
      expect(ids(groups)).toEqual([['A', 'B']]);
      expect(groups[0]).toMatchObject({ relations: ['keywords'], keywords: ['login', 'sso'] });
    });

    it('relates on one shared keyword with `minShared: 1`, and never on stop words, numbers or e-mail addresses', () => {
      const policy = policyWith({ keywords: { minShared: 1, stopWords: ['widget'] }, rules: [] });
      const groups = correlate(
        policy,
        [
          ticket('A', 0, 'web', 'Please help: the widget shows error 50432 for ana@example.com'),
          ticket('B', 5, 'api', 'Hello, widget error 50432, write to ana@example.com'),
          ticket('C', 6, 'mobile', 'Invoices are missing'),
          ticket('D', 7, 'billing', 'Where are my invoices?'),
        ],
        { now: NOW },
      );
      expect(ids(groups)).toEqual([['C', 'D']]);
      expect(groups[0]?.keywords).toEqual(['invoices']);
    });

    it('ignores words found in more than `maxShare` of the tickets (and more than 20 of them)', () => {
      const tickets = Array.from({ length: 30 }, (_, i) =>
        ticket(
          `T-${String(i)}`,
          i,
          `service-${String(i)}`,
          `portal crash code${String(i)} ${i < 2 ? 'webhook' : ''}`,
        ),
      );
      const loose = policyWith({ keywords: { minShared: 1, maxShare: '100%' }, rules: [] });
      const strict = policyWith({ keywords: { minShared: 1, maxShare: '50%' }, rules: [] });
      expect(correlate(loose, tickets, { now: NOW })[0]?.ticketIds).toHaveLength(30);
      // `portal` and `crash` are in every ticket: too common; `webhook` (2 tickets) still relates.
      expect(ids(correlate(strict, tickets, { now: NOW }))).toEqual([['T-0', 'T-1']]);
    });

    it('uses only the relations the policy lists', () => {
      const tickets = [
        ticket('A', 0, 'payments', 'Checkout timeout errors', { relatedTicketIds: ['C'] }),
        ticket('B', 5, 'payments', 'Refund question'),
        ticket('C', 90, 'identity', 'Checkout timeout again'),
        ticket('D', 95, 'web', 'Checkout timeout on web'),
      ];
      const only = (relations: ProblemPolicy['relations']): string[][] =>
        ids(correlate(policyWith({ relations, rules: [] }), tickets, { now: NOW }));
      expect(only(['service'])).toEqual([['A', 'B']]);
      expect(only(['related'])).toEqual([['A', 'C']]);
      expect(only(['keywords'])).toEqual([['C', 'D']]);
      expect(only(['related', 'service', 'keywords'])).toEqual([['A', 'B', 'C', 'D']]);
    });
  });

  describe('problems', () => {
    it('turns a group that crosses a threshold into a problem with its queues, owners and actions', () => {
      const tickets = [...burst(), ticket('X', 22, 'checkout', 'x', { relatedTicketIds: ['P-2'] })];
      const groups = correlate(outage, tickets, { now: NOW });
      expect(ids(groups)).toEqual([['P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'X']]);
      expect(problemOf(groups)).toEqual({
        groupId: 'P-1',
        status: 'open',
        severity: 'sev1',
        ruleId: 'service-outage',
        reason: 'five tickets about one service within 30 minutes',
        startedAt: at(0),
        detectedAt: at(20),
        ticketIds: ['P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'X'],
        services: ['payments', 'checkout'],
        queues: [
          {
            queue: 'payments',
            serviceLine: 'payments',
            ticketIds: ['P-1', 'P-2', 'P-3', 'P-4', 'P-5', 'X'],
            owner: { role: 'payments-oncall', members: ['pat@example.com'], shiftEndsAt: null },
            secondary: { role: 'payments-lead', members: ['lee@example.com'], shiftEndsAt: null },
          },
        ],
        firings: [
          {
            ruleId: 'service-outage',
            severity: 'sev1',
            service: 'payments',
            windowStartAt: at(0),
            crossedAt: at(20),
            crossedBy: 'P-5',
            tickets: 5,
            reason: 'five tickets about one service within 30 minutes',
          },
        ],
        actions: [
          {
            key: 'problem/service-outage/P-5/0/*',
            kind: 'page',
            dueAt: at(20),
            ruleId: 'service-outage',
            queue: null,
            targets: ['ic@example.com', 'grace@example.com'],
            reason: 'five tickets about one service within 30 minutes',
            payload: {
              role: 'incident-commanders',
              groupId: 'P-1',
              severity: 'sev1',
              tickets: 6,
              services: ['payments', 'checkout'],
            },
          },
          {
            key: 'problem/service-outage/P-5/1/payments',
            kind: 'notify',
            dueAt: at(20),
            ruleId: 'service-outage',
            queue: 'payments',
            targets: ['pat@example.com', 'lee@example.com'],
            reason: 'five tickets about one service within 30 minutes',
            payload: {
              roles: ['owner', 'secondary'],
              queue: 'payments',
              serviceLine: 'payments',
              groupId: 'P-1',
              severity: 'sev1',
              tickets: 6,
              services: ['payments', 'checkout'],
            },
          },
        ],
      });
    });

    it('does not make a problem of four tickets, nor of five spread over more than the window', () => {
      expect(correlate(outage, burst().slice(0, 4), { now: NOW })[0]?.problem).toBeNull();
      const spread = [0, 8, 16, 24, 32].map((m, i) => ticket(`S-${String(i)}`, m, 'payments'));
      expect(correlate(outage, spread, { now: NOW })[0]?.problem).toBeNull();
    });

    it('counts per service with `by: "service"`, across the group with `by: "group"`, and can require several services', () => {
      const mixed = [0, 3, 6, 9, 12].map((m, i) =>
        ticket(`M-${String(i)}`, m, i % 2 === 0 ? 'payments' : 'identity', 'checkout timeout errors'),
      );
      expect(correlate(outage, mixed, { now: NOW })[0]?.problem).toBeNull();
      const group = (services?: number): ProblemPolicy => ({
        rules: [
          {
            id: 'wave',
            threshold: services === undefined ? { tickets: 5, within: '30m' } : { tickets: 5, services },
            severity: 'sev2',
            actions: [{ kind: 'notify', to: ['owner'] }],
          },
        ],
      });
      const problem = problemOf(correlate(policyWith(group()), mixed, { now: NOW }));
      expect(problem.reason).toBe('problem rule `wave`: 5 related tickets within 30m');
      expect(problem.queues.map((queue) => [queue.queue, queue.ticketIds.length])).toEqual([
        ['payments', 3],
        ['identity', 2],
      ]);
      // One action per affected queue for `owner`, keyed by queue.
      expect(problem.actions.map((action) => [action.key, action.targets])).toEqual([
        ['problem/wave/M-4/0/payments', ['pia@example.com', 'pol@example.com']],
        ['problem/wave/M-4/0/identity', ['ida@example.com']],
      ]);
      expect(problemOf(correlate(policyWith(group(2)), mixed, { now: NOW })).firings[0]?.crossedBy).toBe(
        'M-4',
      );
      expect(correlate(policyWith(group(3)), mixed, { now: NOW })[0]?.problem).toBeNull();
    });

    it('counts only the tickets that meet the rule’s condition, which sees the decision so far', () => {
      const policy = policyWith({
        rules: [
          {
            id: 'enterprise-cluster',
            when: {
              and: [{ '==': [{ var: 'tier' }, 'enterprise'] }, { '==': [{ var: 'queue' }, 'payments'] }],
            },
            threshold: { tickets: 3, within: '1h' },
            severity: 'sev2',
          },
        ],
      });
      const enterprise = (
        id: string,
        m: number,
        service: string,
        related: string[] = [],
      ): Record<string, unknown> =>
        ticket(id, m, service, 'x', {
          customer: { id: 'big', tier: 'enterprise' },
          relatedTicketIds: related,
        });
      const tickets = [
        enterprise('E-1', 0, 'payments'),
        ticket('B-1', 5, 'payments'),
        enterprise('E-2', 10, 'payments'),
        enterprise('E-3', 15, 'checkout', ['E-2']), // linked; routed to payments too
      ];
      const problem = problemOf(correlate(policy, tickets, { now: NOW }));
      expect(problem.ticketIds).toEqual(['E-1', 'E-2', 'E-3']);
      expect(problem.firings[0]).toMatchObject({ crossedBy: 'E-3', tickets: 3 });
      expect(problem.actions).toEqual([]); // a rule without actions only reports
      expect(correlate(policy, tickets.slice(0, 3), { now: NOW })[0]?.problem).toBeNull();
    });

    it('fires every rule whose threshold the group crosses; the most severe gives the severity', () => {
      const policy = policyWith({
        rules: [
          { id: 'spike', threshold: { tickets: 3, within: '30m' }, severity: 'sev2' },
          { id: 'outage', threshold: { tickets: 5, within: '30m' }, severity: 'sev1' },
        ],
      });
      const three = problemOf(correlate(policy, burst().slice(0, 3), { now: NOW }));
      expect([three.severity, three.ruleId, three.firings.map((f) => f.ruleId)]).toEqual([
        'sev2',
        'spike',
        ['spike'],
      ]);
      const five = problemOf(correlate(policy, burst(), { now: NOW }));
      expect([five.severity, five.ruleId, five.detectedAt, five.firings.map((f) => f.crossedBy)]).toEqual([
        'sev1',
        'outage',
        at(10),
        ['P-3', 'P-5'],
      ]);
      expect(five.queues[0]?.owner?.role).toBe('payments-oncall'); // the owners for the problem's severity
    });

    it('keeps action keys as more tickets arrive, and starts new ones for a new burst after a quiet window', () => {
      const keys = (tickets: readonly unknown[], now: string): string[] =>
        correlate(outage, tickets, { now }).flatMap(
          (group) => group.problem?.actions.map((a) => a.key) ?? [],
        );
      const first = keys(burst(), at(21));
      expect(first).toEqual(['problem/service-outage/P-5/0/*', 'problem/service-outage/P-5/1/payments']);
      // More tickets of the burst: same keys.
      const more = [...burst(), ticket('P-6', 24, 'payments'), ticket('P-7', 40, 'payments')];
      expect(keys(more, at(41))).toEqual(first);
      // The same chain (tickets every 25 minutes), then a second burst well after the first
      // ended: a new firing, new keys; the first firing is superseded.
      const chain = [
        ...more,
        ticket('Q-0', 65, 'payments'),
        ticket('Q-1', 90, 'payments'),
        ...burst('R', 100),
      ];
      const groups = correlate(outage, chain, { now: at(130) });
      expect(ids(groups)).toHaveLength(1);
      // …R-4 are five tickets within 30 minutes, more than 30 minutes after P-7.
      expect(problemOf(groups).firings.map((f) => f.crossedBy)).toEqual(['R-4']);
      expect(keys(chain, at(130))).toEqual([
        'problem/service-outage/R-4/0/*',
        'problem/service-outage/R-4/1/payments',
      ]);
    });

    it('never returns an action whose key the host performed, and lists the problem still', () => {
      const performed = ['problem/service-outage/P-5/0/*'];
      const problem = problemOf(correlate(outage, burst(), { now: NOW, performed }));
      expect(problem.actions.map((action) => action.key)).toEqual(['problem/service-outage/P-5/1/payments']);
      const all = problemOf(
        correlate(outage, burst(), {
          now: NOW,
          performed: new Set([...performed, 'problem/service-outage/P-5/1/payments']),
        }),
      );
      expect(all.actions).toEqual([]);
      expect(all.status).toBe('open');
    });

    it('marks a problem whose tickets are all resolved as resolved, with no action', () => {
      const resolved = burst().map((t) => ({ ...t, status: 'resolved' }));
      const problem = problemOf(correlate(outage, resolved, { now: NOW }));
      expect([problem.status, problem.actions]).toEqual(['resolved', []]);
      const one = burst().map((t, i) => (i === 0 ? t : { ...t, status: 'closed' }));
      expect(problemOf(correlate(outage, one, { now: NOW })).status).toBe('open');
    });

    it('gives the owners of a queue without an owner for the severity to the first fallback role', () => {
      const policy = compilePolicy({
        ...structuredClone(policyWith(undefined).definition),
        routing: {
          queues: [
            { id: 'general', serviceLine: 'support', owners: { sev2: { primary: 'support-agents' } } },
          ],
          default: 'general',
        },
        fallback: { severity: 'sev2', queue: 'general', notify: ['support-leads'] },
        problems: {
          rules: [
            {
              id: 'spike',
              threshold: { tickets: 2 },
              severity: 'sev1',
              actions: [{ kind: 'page', role: 'owner' }],
            },
          ],
        },
      });
      const problem = problemOf(correlate(policy, burst().slice(0, 2), { now: NOW }));
      expect(problem.queues[0]?.owner).toEqual({
        role: 'support-leads',
        members: ['grace@example.com'],
        shiftEndsAt: null,
      });
      expect(problem.actions[0]?.targets).toEqual(['grace@example.com']);
    });
  });

  describe('the reference policy', () => {
    const acme = compilePolicy(
      JSON.parse(readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8')),
    );

    it('pages the payments on-call and the incident commander for a checkout outage', () => {
      const tickets = [
        ticket('ACME-1', 0, 'payments', 'Card payments declined at checkout'),
        ticket('ACME-2', 4, 'payments', 'Checkout fails: card declined'),
        ticket('ACME-3', 9, 'payments', 'Payments failing for all cards'),
        ticket('ACME-4', 15, 'payments', 'Cannot pay by card'),
        ticket('ACME-5', 21, 'payments', 'Card payment declined again'),
        ticket('ACME-6', 25, 'checkout', 'Checkout page: card declined'),
        ticket('ACME-7', 26, 'reports', 'Export to CSV is slow'),
      ];
      const report = reportIncidents(acme, tickets, { now: at(30) });
      expect(report.groups.map((group) => group.ticketIds)).toEqual([
        ['ACME-1', 'ACME-2', 'ACME-3', 'ACME-4', 'ACME-5', 'ACME-6'],
      ]);
      const [problem] = report.problems;
      expect(problem).toMatchObject({ severity: 'sev1', ruleId: 'service-outage', detectedAt: at(21) });
      expect(
        problem?.actions.map((action) => [
          action.key,
          action.kind,
          action.payload.role ?? action.payload.roles,
        ]),
      ).toEqual([
        ['problem/service-outage/ACME-5/0/payments', 'page', 'owner'],
        ['problem/service-outage/ACME-5/1/*', 'page', 'incident-commander'],
        ['problem/service-outage/ACME-5/2/*', 'notify', ['support-managers', 'comms-lead']],
        ['problem/service-outage/ACME-5/2/payments', 'notify', ['secondary']],
      ]);
      expect(problem?.queues.map((queue) => queue.owner?.role)).toEqual(['payments-oncall']);
    });
  });
});

function T(ms: number): string {
  return new Date(Date.UTC(2026, 2, 10, 14, 0) + ms).toISOString();
}

describe('reportIncidents', () => {
  it('leaves out tickets it cannot place, each with an issue whose path starts with its index', () => {
    const tickets: unknown[] = [
      ticket('A', 0, 'payments'),
      42,
      { createdAt: at(1) },
      { id: 'B', createdAt: '2026-03-10T14:02:00' }, // no offset: ambiguous
      ticket('A', 3, 'payments'),
      ticket('C', 130, 'payments'), // after now
      { ...ticket('D', 4, 'payments'), subject: 7, relatedTicketIds: ['A', null] },
      { ...ticket('E', 5, undefined), relatedTicketIds: 'A' },
    ];
    const report = reportIncidents(plain, tickets, { now: NOW });
    expect(report.issues.map((issue) => [issue.path, issue.code, issue.severity, issue.message])).toEqual([
      [[1], 'invalid_ticket', 'error', 'expected a ticket object, received number: left out'],
      [[2, 'id'], 'missing_key', 'error', 'the ticket has no `id`: left out'],
      [
        [3, 'createdAt'],
        'invalid_field',
        'error',
        'invalid `createdAt` (string): expected an ISO date-time with an offset, a Date or epoch milliseconds; left out',
      ],
      [
        [4, 'id'],
        'duplicate_id',
        'error',
        'duplicate ticket id: ticket 0 has it already; this one is left out',
      ],
      [[5, 'createdAt'], 'future_event', 'warning', 'created after `now`: left out until then'],
      [[6, 'subject'], 'invalid_field', 'warning', 'expected a string, received number'],
      [
        [6, 'relatedTicketIds', 1],
        'invalid_field',
        'warning',
        'expected a ticket id, received null: ignored',
      ],
      [[7, 'service'], 'missing_key', 'warning', 'no `service`: not related by service'],
      [
        [7, 'relatedTicketIds'],
        'invalid_field',
        'warning',
        'expected a list of ticket ids, received string: ignored',
      ],
    ]);
    expect(report.status).toBe('degraded');
    expect(report.tickets).toEqual({ read: 8, skipped: 5, grouped: 2 });
    expect(report.groups.map((group) => group.ticketIds)).toEqual([['A', 'D']]);
    expect(JSON.stringify(report.issues)).not.toContain('customer-');
  });

  it('is ok when nothing was left out, and lists problems most severe first', () => {
    const policy = policyWith({
      rules: [
        { id: 'spike', threshold: { tickets: 3, within: '30m' }, severity: 'sev2' },
        { id: 'outage', threshold: { tickets: 5, within: '30m' }, severity: 'sev1' },
      ],
    });
    const tickets = [
      ...burst('P', 0).slice(0, 3),
      ...burst('Q', 60).map((t) => ({ ...t, service: 'identity' })),
    ];
    const report = reportIncidents(policy, tickets, { now: at(100) });
    expect(report.status).toBe('ok');
    expect(report.problems.map((problem) => [problem.groupId, problem.severity])).toEqual([
      ['Q-1', 'sev1'],
      ['P-1', 'sev2'],
    ]);
    expect(report.groups.map((group) => group.id)).toEqual(['P-1', 'Q-1']);
    expect(correlate(policy, tickets, { now: at(100) })).toEqual(report.groups);
  });

  it('reports a problem rule whose condition fails on a ticket, which then does not count', () => {
    const policy = policyWith({
      rules: [
        {
          id: 'eu',
          when: { '==': [{ var: 'ticket.fields.region' }, 'eu'] },
          threshold: { tickets: 2 },
          severity: 'sev2',
        },
      ],
    });
    const failing = {
      ...ticket('B', 5, 'payments'),
      fields: {
        get region(): string {
          throw new Error('a getter that fails');
        },
      },
    };
    const report = reportIncidents(
      policy,
      [
        ticket('A', 0, 'payments', 'x', { fields: { region: 'eu' } }),
        failing,
        ticket('C', 6, 'payments', 'x', { fields: { region: 'eu' } }),
      ],
      { now: NOW },
    );
    expect(report.issues).toEqual([
      {
        code: 'condition_failed',
        severity: 'error',
        path: [1],
        message:
          "the condition of problem rule `eu` failed on the ticket's data: the ticket does not count for it",
        ruleId: 'eu',
      },
    ]);
    expect(report.problems[0]?.ticketIds).toEqual(['A', 'C']);
    expect(report.status).toBe('degraded');
  });

  it('handles hostile ids and tickets whose accessors throw, never throwing itself', () => {
    const hostile = {
      ...ticket('constructor', 1, 'payments'),
      get description(): string {
        throw new Error('no');
      },
    };
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
        ownKeys() {
          throw new Error('no');
        },
        getOwnPropertyDescriptor() {
          throw new Error('no');
        },
      },
    );
    const report = reportIncidents(
      outage,
      [
        ticket('__proto__', 0, 'payments', 'x', { relatedTicketIds: ['__proto__', 'constructor'] }),
        hostile,
        proxy,
      ],
      { now: NOW },
    );
    expect(report.groups.map((group) => group.ticketIds)).toEqual([['__proto__', 'constructor']]);
    expect(report.issues.map((issue) => [issue.path, issue.code, issue.severity])).toEqual([
      [[1], 'invalid_ticket', 'warning'],
      [[2], 'invalid_ticket', 'warning'],
      [[2], 'invalid_ticket', 'error'],
    ]);
    expect(Object.getPrototypeOf(report.groups[0]) as unknown).toBe(Object.prototype);
  });

  it('accepts any iterable of tickets, changes none of its inputs, and is deterministic', () => {
    const tickets = deepFreeze([...burst(), ticket('X', 7, 'web', 'Card declined at checkout payments')]);
    function* stream(): Generator {
      yield* tickets;
    }
    const options = deepFreeze({ now: NOW, performed: ['problem/service-outage/P-5/0/*'] });
    const a = reportIncidents(outage, tickets, options);
    const b = reportIncidents(outage, stream(), options);
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('throws programmer errors at once, naming the function', () => {
    expect(() => correlate({} as never, [], { now: NOW })).toThrow(
      new TypeError('correlate: expected a policy from compilePolicy'),
    );
    expect(() => reportIncidents(plain, [], undefined as never)).toThrow(
      new TypeError('reportIncidents: options with `now` are required'),
    );
    expect(() => correlate(plain, [], { now: '2026-03-10T14:00:00' })).toThrow(RangeError);
    expect(() => correlate(plain, 'tickets' as never, { now: NOW })).toThrow(
      new TypeError('correlate: tickets must be an array or iterable of ticket snapshots'),
    );
    expect(() => correlate(plain, [], { now: NOW, performed: 'key' as never })).toThrow(
      new TypeError('correlate: `performed` must be an array or iterable of action keys'),
    );
  });
});
