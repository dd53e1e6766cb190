import { describe, expect, it } from 'vitest';
import { compilePolicy, safeCompilePolicy } from '../../src/index.js';
import { deepFreeze } from '../../src/internal/index.js';
import {
  computeMetrics,
  computeMetricsAsync,
  createMetricsAccumulator,
  type MetricsGroup,
  type MetricsReport,
} from '../../src/metrics/index.js';
import { MINIMAL } from '../support/policies.js';

// Drafts are policies changed on purpose: tests reach into them freely.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
type Draft = Record<string, any>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** MINIMAL with tiers, an acknowledge-free target set, two escalation rules and a gate. */
function metricsPolicy(edit: (draft: Draft) => void = () => undefined): ReturnType<typeof compilePolicy> {
  const draft = structuredClone(MINIMAL) as Draft;
  draft.tiers = [
    { id: 'gold', name: 'Gold' },
    { id: 'silver', name: 'Silver' },
  ];
  draft.escalation = {
    rules: [
      { id: 'created-ack', on: { event: 'created' }, actions: [{ kind: 'notify', to: ['owner'] }] },
      {
        id: 'fr-breach',
        on: { clock: 'firstResponse', at: 'breach' },
        actions: [{ kind: 'notify', to: ['owner'] }],
      },
    ],
  };
  draft.approvals = {
    gates: [
      {
        id: 'sev1-signoff',
        when: { '==': [{ var: 'severity' }, 'sev1'] },
        approvers: ['support-leads'],
        quorum: 'any',
        within: '30m',
      },
    ],
  };
  edit(draft);
  return compilePolicy(draft);
}

const policy = metricsPolicy();
const T0 = Date.parse('2026-03-09T14:00:00Z'); // Monday 10:00 in New York
const at = (ms: number): string => new Date(ms).toISOString();
const reply = (ms: number): Record<string, unknown> => ({
  type: 'replied',
  at: at(ms),
  author: 'agent',
  public: true,
  by: 'ada@example.com',
});
const status = (ms: number, to: string): Record<string, unknown> => ({
  type: 'statusChanged',
  at: at(ms),
  status: to,
});
const performed = (id: string, ms: number): Record<string, unknown> => ({
  type: 'actionPerformed',
  at: at(ms),
  key: `${id}/created-ack/created/0/0`,
});

// Five tickets whose figures are worked out by hand (business time: Mon–Fri 09:00–17:00 New York).
const FRIDAY = Date.parse('2026-03-13T20:30:00Z'); // Friday 16:30 EDT
const TICKETS = [
  // sev1, answered in 10 min, resolved in 2 h; the receipt notification performed on time; gate granted.
  {
    id: 'A',
    createdAt: at(T0),
    subject: 'Checkout is down',
    customer: { tier: 'gold' },
    events: [
      performed('A', T0),
      { type: 'approvalGranted', at: at(T0 + 5 * MINUTE), gate: 'sev1-signoff', by: 'grace@example.com' },
      reply(T0 + 10 * MINUTE),
      status(T0 + 2 * HOUR, 'resolved'),
    ],
  },
  // sev1, answered after 30 min (breached), never resolved; receipt performed 5 min late; gate expired.
  {
    id: 'B',
    createdAt: at(T0),
    subject: 'Checkout is down',
    events: [performed('B', T0 + 5 * MINUTE), reply(T0 + 30 * MINUTE)],
  },
  // sev2 on Friday 16:30, answered Monday 09:30: 1 h of business time, 65 h of wall time.
  {
    id: 'C',
    createdAt: at(FRIDAY),
    subject: 'Question',
    customer: { tier: 'silver' },
    events: [reply(FRIDAY + 65 * HOUR)],
  },
  // sev2, resolved after 1 h without a reply.
  {
    id: 'D',
    createdAt: at(T0),
    subject: 'Question',
    customer: { tier: 'gold' },
    events: [status(T0 + HOUR, 'resolved')],
  },
  // sev2, resolved after 1 h, reopened after 2 h, resolved again after 3 h.
  {
    id: 'E',
    createdAt: at(T0),
    subject: 'Question',
    customer: { tier: 'bronze' },
    events: [status(T0 + HOUR, 'resolved'), status(T0 + 2 * HOUR, 'open'), status(T0 + 3 * HOUR, 'resolved')],
  },
];
const NOW = '2026-03-16T18:00:00Z'; // Monday 14:00 EDT, after every event

const group = (report: MetricsReport, key: Record<string, string | null>): MetricsGroup | undefined =>
  report.groups.find((g) => JSON.stringify(g.key) === JSON.stringify(key));

describe('computeMetrics', () => {
  const report = computeMetrics(policy, deepFreeze(structuredClone(TICKETS)), {
    now: NOW,
    groupBy: ['severity'],
  });

  it('counts clock states, breaches and the percentage within target per SLA metric', () => {
    const { firstResponse, resolution } = report.total.sla;
    expect(Object.keys(report.total.sla)).toEqual(['firstResponse', 'resolution']);
    // A and C met; B breached; D and E resolved before any reply (stopped, within target).
    expect(firstResponse).toMatchObject({
      tickets: 5,
      met: 2,
      stopped: 2,
      breached: 1,
      running: 0,
      paused: 0,
    });
    expect(firstResponse?.metPercent).toBe(80);
    // A, D and E resolved in time; B still running past its 4 h; C running (5.5 business hours of 24).
    expect(resolution).toMatchObject({ tickets: 5, met: 3, stopped: 0, breached: 1, running: 1 });
    expect(resolution?.metPercent).toBe(75);
  });

  it('gives first-response and resolution times in business and wall time', () => {
    const { firstResponse, resolution } = report.total.sla;
    // A 10 min, B 30 min (late, still a response), C 1 business hour over a weekend.
    expect(firstResponse?.businessMs).toEqual({
      count: 3,
      min: 10 * MINUTE,
      max: HOUR,
      mean: (100 * MINUTE) / 3,
      p50: 30 * MINUTE,
      p75: HOUR,
      p90: HOUR,
      p95: HOUR,
      p99: HOUR,
      exact: true,
    });
    expect(firstResponse?.wallMs).toMatchObject({ count: 3, p50: 30 * MINUTE, max: 65 * HOUR });
    // A 2 h, D 1 h, E 2 h of business time (a reopen resumes with the time kept), 3 h of wall time.
    expect(resolution?.businessMs).toMatchObject({ count: 3, min: HOUR, p50: 2 * HOUR, max: 2 * HOUR });
    expect(resolution?.wallMs).toMatchObject({ count: 3, min: HOUR, p50: 2 * HOUR, max: 3 * HOUR });
  });

  it('counts escalations due, performed and on time, per rule', () => {
    const escalations = report.total.escalations;
    // A receipt notification for every ticket, plus B's first-response breach.
    expect(escalations).toMatchObject({
      tickets: 5,
      ticketsPercent: 100,
      actions: 6,
      performed: 2,
      onTime: 1,
    });
    expect(escalations.onTimePercent).toBeCloseTo(100 / 6, 10);
    expect(escalations.delayMs).toMatchObject({ count: 2, min: 0, max: 5 * MINUTE });
    expect(escalations.byRule).toEqual({
      'created-ack': { tickets: 5, actions: 5, performed: 2, onTime: 1 },
      'fr-breach': { tickets: 1, actions: 1, performed: 0, onTime: 0 },
    });
    const graced = computeMetrics(policy, TICKETS, { now: NOW, onTimeGraceMs: 5 * MINUTE });
    expect(graced.total.escalations.onTime).toBe(2);
    expect(graced.onTimeGraceMs).toBe(5 * MINUTE);
  });

  it('gives the reopen rate and the approvals by status', () => {
    expect(report.total.reopens).toEqual({ resolved: 3, reopened: 1, reopens: 1, reopenedPercent: 100 / 3 });
    expect(report.total.approvals).toEqual({
      pending: 0,
      granted: 1,
      rejected: 0,
      expired: 1,
      byGate: { 'sev1-signoff': { pending: 0, granted: 1, rejected: 0, expired: 1 } },
    });
    const early = computeMetrics(policy, [TICKETS[1]], { now: at(T0 + 10 * MINUTE) });
    expect(early.total.approvals).toMatchObject({ pending: 1, expired: 0 });
  });

  it('groups by severity in policy order, with the same figures as the total where one group has all', () => {
    expect(report.groupBy).toEqual(['severity']);
    expect(report.groups.map((g) => [g.key, g.tickets])).toEqual([
      [{ severity: 'sev1' }, 2],
      [{ severity: 'sev2' }, 3],
    ]);
    expect(group(report, { severity: 'sev1' })?.sla.firstResponse).toMatchObject({ met: 1, breached: 1 });
    expect(group(report, { severity: 'sev2' })?.reopens.reopened).toBe(1);
    const all = computeMetrics(policy, TICKETS, { now: NOW });
    expect(all.groups).toEqual([]);
    expect(all.total).toEqual(report.total);
  });

  it('orders tiers as the policy lists them, unknown ones by name, and no tier last', () => {
    const byTier = computeMetrics(policy, TICKETS, { now: NOW, groupBy: ['tier', 'severity'] });
    expect(byTier.groups.map((g) => g.key)).toEqual([
      { tier: 'gold', severity: 'sev1' },
      { tier: 'gold', severity: 'sev2' },
      { tier: 'silver', severity: 'sev2' },
      { tier: 'bronze', severity: 'sev2' },
      { tier: null, severity: 'sev1' },
    ]);
    // A tier the policy does not know is a warning issue, counted per code.
    expect(byTier.total.issues).toEqual({ invalid_field: 1 });
  });

  it('groups by the ISO week of creation in the zone asked for', () => {
    const sunday = { id: 'S', createdAt: '2026-03-09T02:00:00Z', subject: 'Question' }; // Sunday 22:00 EDT
    const week = (zone?: string): unknown =>
      computeMetrics(policy, [sunday, TICKETS[2]], {
        now: NOW,
        groupBy: ['week'],
        ...(zone === undefined ? {} : { weekTimeZone: zone }),
      }).groups.map((g) => [g.key.week, g.tickets]);
    expect(week()).toEqual([['2026-W11', 2]]);
    expect(week('America/New_York')).toEqual([
      ['2026-W10', 1],
      ['2026-W11', 1],
    ]);
  });

  it('groups by queue and service line', () => {
    const routed = metricsPolicy((d) => {
      d.routing.queues.unshift({
        id: 'payments',
        serviceLine: 'payments',
        when: { containsAny: [{ var: 'ticket.subject' }, ['checkout']] },
        owners: { '*': { primary: 'support-agents', secondary: 'support-leads' } },
      });
    });
    const byQueue = computeMetrics(routed, TICKETS, { now: NOW, groupBy: ['serviceLine', 'queue'] });
    expect(byQueue.groups.map((g) => [g.key, g.tickets])).toEqual([
      [{ serviceLine: 'payments', queue: 'payments' }, 2],
      [{ serviceLine: 'support', queue: 'general' }, 3],
    ]);
  });

  it('counts malformed tickets as degraded and measures them as evaluate does, never throwing', () => {
    const bad = [
      null,
      'T-1',
      42,
      { id: 'X', createdAt: 'yesterday' },
      { id: 'Y', createdAt: at(T0), events: 'nope' },
    ];
    const result = computeMetrics(policy, [...bad, TICKETS[0]], { now: NOW, groupBy: ['week', 'severity'] });
    expect(result.total.tickets).toBe(6);
    expect(result.total.degraded).toBe(4);
    expect(result.total.issues).toMatchObject({ invalid_ticket: 3, invalid_field: 2 });
    // Without a creation instant there is no week and no clock; the fallback severity applies.
    expect(group(result, { week: null, severity: 'sev2' })?.tickets).toBe(4);
    expect(result.total.sla.firstResponse?.tickets).toBe(2);
  });

  it('is the same for the async variant, over an async iterable', async () => {
    async function* stream(): AsyncGenerator {
      for (const ticket of TICKETS) {
        await Promise.resolve();
        yield ticket;
      }
    }
    const viaAsync = await computeMetricsAsync(policy, stream(), { now: NOW, groupBy: ['severity'] });
    expect(viaAsync).toEqual(report);
    expect(await computeMetricsAsync(policy, TICKETS, { now: NOW, groupBy: ['severity'] })).toEqual(report);
  });

  it('measures each ticket at the instant a now function gives it', () => {
    const perTicket = computeMetrics(policy, TICKETS, { now: () => NOW, groupBy: ['severity'] });
    expect({ ...perTicket, now: report.now }).toEqual(report);
    expect(perTicket.now).toBeNull();
    expect(report.now).toBe('2026-03-16T18:00:00.000Z');
  });

  it('reports the policy, the options and how percentiles are computed', () => {
    expect(report).toMatchObject({
      policy: { id: 'minimal', version: '1' },
      weekTimeZone: 'UTC',
      onTimeGraceMs: 0,
      percentiles: { exactUpTo: 64, relativeAccuracy: 0.01 },
    });
    // Plain JSON.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('throws programmer errors at once, naming the function', () => {
    const raw = structuredClone(MINIMAL);
    expect(() => computeMetrics(raw as never, TICKETS, { now: NOW })).toThrow(
      new TypeError('computeMetrics: expected a policy from compilePolicy'),
    );
    // The way to issues for a policy file: safeCompilePolicy first.
    expect(safeCompilePolicy({ ...raw, sla: { targets: 'x' } }).success).toBe(false);
    expect(() => computeMetrics(policy, TICKETS, undefined as never)).toThrow(TypeError);
    expect(() => computeMetrics(policy, TICKETS, {} as never)).toThrow(
      new TypeError('computeMetrics: options with `now` are required'),
    );
    expect(() => computeMetrics(policy, TICKETS, { now: '2026-03-16 18:00' })).toThrow(RangeError);
    expect(() => computeMetrics(policy, TICKETS, { now: NOW, groupBy: ['severty' as never] })).toThrow(
      new RangeError(
        'computeMetrics: unknown groupBy dimension `severty` (did you mean `severity`?): expected `severity`, `queue`, `serviceLine`, `tier`, `week`',
      ),
    );
    expect(() => computeMetrics(policy, TICKETS, { now: NOW, groupBy: ['week', 'week'] })).toThrow(
      new RangeError('computeMetrics: groupBy lists `week` twice'),
    );
    expect(() => computeMetrics(policy, TICKETS, { now: NOW, groupBy: 'week' as never })).toThrow(TypeError);
    expect(() => computeMetrics(policy, TICKETS, { now: NOW, weekTimeZone: 'Europe/Pariss' })).toThrow(
      new RangeError('computeMetrics: unknown time zone `Europe/Pariss` for weekTimeZone'),
    );
    expect(() => computeMetrics(policy, TICKETS, { now: NOW, weekTimeZone: 5 as never })).toThrow(TypeError);
    expect(() => computeMetrics(policy, TICKETS, { now: NOW, onTimeGraceMs: -1 })).toThrow(RangeError);
    expect(() => computeMetrics(policy, 'tickets' as never, { now: NOW })).toThrow(
      new TypeError('computeMetrics: tickets must be an iterable of ticket snapshots'),
    );
    expect(() => computeMetricsAsync(policy, 5 as never, { now: NOW })).toThrow(TypeError);
    expect(() => computeMetrics(policy, TICKETS, { now: () => 'soon' })).toThrow(
      /^computeMetrics: now\(ticket\) must be an ISO 8601 date-time/,
    );
  });
});

describe('createMetricsAccumulator', () => {
  it('adds tickets one at a time; an aggregate is a snapshot that later tickets leave alone', () => {
    const accumulator = createMetricsAccumulator(policy, { now: NOW, groupBy: ['severity'] });
    accumulator.add(TICKETS[0]);
    const first = accumulator.aggregate();
    const copy = JSON.stringify(first);
    for (const ticket of TICKETS.slice(1)) accumulator.add(ticket);
    expect(accumulator.count()).toBe(5);
    expect(JSON.stringify(first)).toBe(copy);
    expect(accumulator.report()).toEqual(
      computeMetrics(policy, TICKETS, { now: NOW, groupBy: ['severity'] }),
    );
    expect(first).toMatchObject({
      format: 'escalation-engine/metrics-aggregate@1',
      policy: { id: 'minimal', version: '1' },
      options: {
        now: '2026-03-16T18:00:00.000Z',
        groupBy: ['severity'],
        weekTimeZone: 'UTC',
        onTimeGraceMs: 0,
      },
      metrics: ['firstResponse', 'resolution'],
      rules: ['created-ack', 'fr-breach'],
      gates: ['sev1-signoff'],
    });
  });

  it('names itself in its errors', () => {
    expect(() => createMetricsAccumulator({} as never, { now: NOW })).toThrow(
      new TypeError('createMetricsAccumulator: expected a policy from compilePolicy'),
    );
  });
});
