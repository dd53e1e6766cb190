import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicyError, compilePolicy, formatIssues, parseDuration, type Policy } from '../../src/index.js';
import { deepFreeze } from '../../src/internal/index.js';
import {
  safeSimulate,
  simulate,
  type Scenario,
  type ScenarioEvent,
  type SimulationResult,
  type TimelineEntry,
} from '../../src/simulate/index.js';
import { MINIMAL } from '../support/policies.js';
import { thrown } from '../support/thrown.js';
import { params } from '../support/well-formed.js';

// Drafts are policies changed on purpose: tests reach into them freely.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access */
type Draft = Record<string, any>;

/**
 * MINIMAL (sev1: first response 15m, resolution 4h, 24x7) with a paging ladder, time-bound
 * ownership, a first-response breach and a resolution warning.
 */
function smallPolicy(edit: (draft: Draft) => void = () => undefined): Policy {
  const draft = structuredClone(MINIMAL) as Draft;
  draft.roles['duty-manager'] = { members: ['dora@example.com'] };
  draft.sla.pauseOn = ['pending-customer'];
  draft.sla.resolvedOn = ['resolved'];
  draft.escalation = {
    rules: [
      {
        id: 'page-ladder',
        on: { unacknowledgedFor: '10m' },
        actions: [{ kind: 'page', role: 'duty-manager' }],
        repeat: { every: '10m', times: 2, while: 'unacknowledged' },
      },
      {
        id: 'handoff',
        on: { unacknowledgedFor: '20m' },
        actions: [{ kind: 'transferOwnership', to: 'secondary' }],
      },
      {
        id: 'fr-breach',
        on: { clock: 'firstResponse', at: 'breach' },
        actions: [{ kind: 'notify', to: ['owner', 'support-leads'] }],
      },
      {
        id: 'resolution-75',
        on: { clock: 'resolution', at: '75%' },
        actions: [{ kind: 'notify', to: ['owner'] }],
      },
    ],
  };
  edit(draft);
  return compilePolicy(draft);
}

const policy = smallPolicy();
const acme = compilePolicy(
  JSON.parse(
    readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
  ) as unknown,
);
const drill = JSON.parse(
  readFileSync(new URL('../../examples/drills/sev1-outage.json', import.meta.url), 'utf8'),
) as Scenario;

const T0 = '2026-03-09T14:00:00.000Z'; // Monday 10:00 in New York
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const cycle = T0; // the acknowledge cycle of every key below starts at the creation

const ticket = {
  id: 'T-1',
  createdAt: T0,
  subject: 'Checkout is down',
  customer: { id: 'c-1', tier: 'business' },
  status: 'open',
};

/** The timeline as `[offset, kind, what]` rows, short enough to read in a test. */
function rows(result: SimulationResult, kinds?: readonly TimelineEntry['kind'][]): string[][] {
  return result.timeline
    .filter((entry) => kinds === undefined || kinds.includes(entry.kind))
    .map((entry) => {
      switch (entry.kind) {
        case 'event':
          return [entry.offset, 'event', `${entry.event.type} (${entry.source})`];
        case 'severity':
          return [entry.offset, 'severity', `${entry.previous ?? '-'} -> ${entry.severity}`];
        case 'routing':
          return [entry.offset, 'routing', `${entry.queue} ${entry.owner.role}`];
        case 'clock':
          return [
            entry.offset,
            'clock',
            `${entry.metric} ${entry.previous ?? '-'} -> ${entry.state} until ${entry.deadline ?? 'null'}`,
          ];
        case 'warning':
          return [entry.offset, 'warning', `${entry.metric} ${entry.point}`];
        case 'breach':
          return [entry.offset, 'breach', `${entry.metric} at ${entry.breachedAt}`];
        case 'action':
          return [entry.offset, 'action', entry.action.key];
        case 'approval':
          return [entry.offset, 'approval', `${entry.gate} ${entry.previous} -> ${entry.status}`];
        case 'communication':
          return [entry.offset, 'communication', `${entry.cadence} due ${entry.dueAt}`];
        case 'issue':
          return [entry.offset, 'issue', entry.issue.code];
      }
    });
}

const actionRows = (result: SimulationResult): string[][] =>
  result.timeline.flatMap((entry) =>
    entry.kind === 'action'
      ? [[entry.offset, entry.action.ruleId, entry.action.kind, entry.action.targets.join(' ')]]
      : [],
  );

describe('simulate: the loop', () => {
  it('jumps from wake-up to wake-up, performs what is due, and records what changed', () => {
    const result = simulate(policy, { name: 'quiet', ticket, until: '+1h' }, { explain: true });
    // Wake-ups: T0; the ladder at +10m; the breach at +15m; the ladder and the handoff at
    // +20m; the last ladder step at +30m; the next one (75% of resolution, +3h) is past the
    // horizon, so the end is evaluated for the clocks. Each instant with actions is
    // evaluated again once they are recorded as performed (`settle`).
    expect(result.evaluations?.map((e) => [e.at, e.cause, e.nextEvaluationAt])).toEqual([
      [at(0), 'start', at(10)],
      [at(10), 'scheduled', at(15)],
      [at(10), 'settle', at(15)],
      [at(15), 'scheduled', at(20)],
      [at(15), 'settle', at(20)],
      [at(20), 'scheduled', at(30)],
      [at(20), 'settle', at(30)],
      [at(30), 'scheduled', at(180)],
      [at(30), 'settle', at(180)],
      [at(60), 'end', at(180)],
    ]);
    expect(result.steps).toBe(10);
    expect(rows(result)).toEqual([
      ['+0m', 'severity', '- -> sev1'],
      ['+0m', 'routing', 'general support-agents'],
      ['+0m', 'clock', `firstResponse - -> running until ${at(15)}`],
      ['+0m', 'clock', `resolution - -> running until ${at(240)}`],
      ['+10m', 'action', `T-1/page-ladder/${cycle}/0/0`],
      ['+15m', 'clock', `firstResponse running -> breached until ${at(15)}`],
      ['+15m', 'breach', `firstResponse at ${at(15)}`],
      ['+15m', 'action', `T-1/fr-breach/${cycle}/0/0`],
      ['+20m', 'action', `T-1/page-ladder/${cycle}/1/0`],
      ['+20m', 'action', `T-1/handoff/${cycle}/0/0`],
      ['+30m', 'action', `T-1/page-ladder/${cycle}/2/0`],
    ]);
    expect(result).toMatchObject({
      scenario: 'quiet',
      policy: { id: 'minimal', version: '1' },
      ticketId: 'T-1',
      start: at(0),
      until: at(60),
      end: at(60),
      stopReason: 'horizon',
      severity: 'sev1',
      assertions: [],
      passed: true,
      issues: [],
    });
    // The clocks as of the end.
    expect(result.clocks.map((c) => [c.metric, c.state, c.elapsedMs])).toEqual([
      ['firstResponse', 'breached', 3_600_000],
      ['resolution', 'running', 3_600_000],
    ]);
  });

  it('gives every action its targets and records it as performed when due', () => {
    const result = simulate(policy, { ticket, until: '+1h' });
    expect(actionRows(result)).toEqual([
      ['+10m', 'page-ladder', 'page', 'dora@example.com'],
      ['+15m', 'fr-breach', 'notify', 'ada@example.com grace@example.com'],
      ['+20m', 'page-ladder', 'page', 'dora@example.com'],
      ['+20m', 'handoff', 'transferOwnership', 'grace@example.com'],
      ['+30m', 'page-ladder', 'page', 'dora@example.com'],
    ]);
    expect(result.timeline.every((e) => e.kind !== 'action' || e.performed)).toBe(true);
  });

  it('stops when nothing is scheduled and no event remains, and reports the horizon as the end', () => {
    // A resolved ticket: no clock runs, no trigger can fire.
    const result = simulate(
      policy,
      { ticket, events: [{ at: '+2m', type: 'statusChanged', status: 'resolved' }] },
      { explain: true },
    );
    expect(result.stopReason).toBe('nothing_scheduled');
    expect(result.end).toBe(at(72 * 60)); // the default horizon: 72 hours
    expect(result.evaluations?.map((e) => [e.at, e.cause])).toEqual([
      [at(0), 'start'],
      [at(2), 'event'],
      [at(72 * 60), 'end'],
    ]);
    expect(rows(result, ['clock'])).toEqual([
      ['+0m', 'clock', `firstResponse - -> running until ${at(15)}`],
      ['+0m', 'clock', `resolution - -> running until ${at(240)}`],
      ['+2m', 'clock', `firstResponse running -> stopped until ${at(15)}`],
      ['+2m', 'clock', `resolution running -> met until ${at(240)}`],
    ]);
  });

  it('applies events at their instant before evaluating at it, and accepts ISO instants', () => {
    const result = simulate(
      policy,
      {
        ticket,
        events: [
          // At the same instant as the ladder's first step: the acknowledgement comes first.
          { at: '2026-03-09T15:10:00+01:00', type: 'acknowledged', by: 'ada@example.com' },
        ],
        until: '+30m',
      },
      { explain: true },
    );
    expect(rows(result)).toEqual([
      ['+0m', 'severity', '- -> sev1'],
      ['+0m', 'routing', 'general support-agents'],
      ['+0m', 'clock', `firstResponse - -> running until ${at(15)}`],
      ['+0m', 'clock', `resolution - -> running until ${at(240)}`],
      ['+10m', 'event', 'acknowledged (scenario)'],
      ['+15m', 'clock', `firstResponse running -> breached until ${at(15)}`],
      ['+15m', 'breach', `firstResponse at ${at(15)}`],
      ['+15m', 'action', `T-1/fr-breach/${cycle}/0/0`],
    ]);
    expect(result.evaluations?.map((e) => [e.at, e.cause])).toEqual([
      [at(0), 'start'],
      [at(10), 'event'],
      [at(15), 'scheduled'],
      [at(15), 'settle'],
      [at(30), 'end'],
    ]);
  });

  it('applies the later history of a given ticket as scripted events', () => {
    const withHistory = {
      ...ticket,
      events: [
        { type: 'created', at: T0 },
        { type: 'acknowledged', at: at(4), by: 'ada@example.com' },
      ],
    };
    const result = simulate(policy, { ticket: withHistory, until: '+1h' });
    expect(rows(result, ['event', 'action'])).toEqual([
      ['+4m', 'event', 'acknowledged (scenario)'],
      ['+15m', 'action', `T-1/fr-breach/${cycle}/0/0`],
    ]);
  });

  it('pauses the clocks while the ticket waits on the customer, and resumes with the time left', () => {
    const result = simulate(policy, {
      ticket,
      events: [
        { at: '+3m', type: 'acknowledged', by: 'ada@example.com' },
        { at: '+5m', type: 'replied', author: 'agent', public: true },
        { at: '+1h', type: 'statusChanged', status: 'pending-customer' },
        { at: '+2h', type: 'statusChanged', status: 'in-progress' },
        { at: '+4h30m', type: 'statusChanged', status: 'resolved' },
      ],
    });
    // 4h of resolution: 1h counted before the pause, 3h left from +2h: the deadline is +5h;
    // 75% (3h counted) comes at +4h instead of +3h.
    expect(rows(result, ['clock', 'warning', 'action', 'breach'])).toEqual([
      ['+0m', 'clock', `firstResponse - -> running until ${at(15)}`],
      ['+0m', 'clock', `resolution - -> running until ${at(240)}`],
      ['+5m', 'clock', `firstResponse running -> met until ${at(15)}`],
      ['+1h', 'clock', 'resolution running -> paused until null'],
      ['+2h', 'clock', `resolution paused -> running until ${at(300)}`],
      ['+4h', 'action', `T-1/resolution-75/${T0}/0/0`],
      ['+4h30m', 'clock', `resolution running -> met until ${at(300)}`],
    ]);
    expect(result.stopReason).toBe('nothing_scheduled');
  });

  it('records due actions once, unperformed, when the responder does not perform them', () => {
    const result = simulate(policy, { ticket, until: '+1h', responder: { performActions: false } });
    expect(rows(result, ['action'])).toEqual([
      ['+10m', 'action', `T-1/page-ladder/${cycle}/0/0`],
      ['+15m', 'action', `T-1/fr-breach/${cycle}/0/0`],
      ['+20m', 'action', `T-1/page-ladder/${cycle}/1/0`],
      ['+20m', 'action', `T-1/handoff/${cycle}/0/0`],
      ['+30m', 'action', `T-1/page-ladder/${cycle}/2/0`],
    ]);
    expect(result.timeline.some((e) => e.kind === 'action' && e.performed)).toBe(false);
  });

  it('records ownership transfers as assignments, each a new cycle that replaces a pending acknowledgement', () => {
    const result = simulate(policy, {
      ticket,
      until: '+1h',
      events: [{ at: '+25m', type: 'replied', author: 'agent', public: true }],
      // The owner would acknowledge 25 minutes into each cycle, but the handoff comes at 20.
      responder: { acknowledge: '25m', recordEffects: true },
    });
    expect(rows(result, ['event', 'action'])).toEqual([
      ['+10m', 'action', `T-1/page-ladder/${cycle}/0/0`],
      ['+15m', 'action', `T-1/fr-breach/${cycle}/0/0`],
      ['+20m', 'action', `T-1/page-ladder/${cycle}/1/0`],
      ['+20m', 'action', `T-1/handoff/${cycle}/0/0`],
      ['+20m', 'event', 'assigned (responder)'],
      ['+25m', 'event', 'replied (scenario)'],
      // The cycle from +20m: its own ladder and handoff (the old cycle's last step is superseded).
      ['+30m', 'action', `T-1/page-ladder/${at(20)}/0/0`],
      ['+40m', 'action', `T-1/page-ladder/${at(20)}/1/0`],
      ['+40m', 'action', `T-1/handoff/${at(20)}/0/0`],
      ['+40m', 'event', 'assigned (responder)'],
      ['+50m', 'action', `T-1/page-ladder/${at(40)}/0/0`],
      ['+1h', 'action', `T-1/page-ladder/${at(40)}/1/0`],
      ['+1h', 'action', `T-1/handoff/${at(40)}/0/0`],
      ['+1h', 'event', 'assigned (responder)'],
    ]);
    const assigned = result.timeline.find((e) => e.kind === 'event' && e.event.type === 'assigned');
    expect(assigned).toMatchObject({
      event: { type: 'assigned', assignee: 'grace@example.com', role: 'support-leads', at: at(20) },
    });
  });

  it('acknowledges once the delay has passed when no assignment comes first', () => {
    const result = simulate(policy, { ticket, until: '+1h', responder: { acknowledge: '15m' } });
    // No assignee: the routed owner acknowledges for the creation cycle; the ladder stops.
    expect(rows(result, ['event', 'action'])).toEqual([
      ['+10m', 'action', `T-1/page-ladder/${cycle}/0/0`],
      ['+15m', 'event', 'acknowledged (responder)'],
      ['+15m', 'action', `T-1/fr-breach/${cycle}/0/0`],
    ]);
  });

  it('acknowledges as the assignee in force, a given time after each assignment', () => {
    const result = simulate(policy, {
      ticket,
      until: '+1h',
      events: [{ at: '+2m', type: 'assigned', assignee: 'ada@example.com' }],
      responder: { acknowledge: '+3m' },
    });
    expect(rows(result, ['event', 'action'])).toEqual([
      ['+2m', 'event', 'assigned (scenario)'],
      ['+5m', 'event', 'acknowledged (responder)'],
      ['+15m', 'action', `T-1/fr-breach/${cycle}/0/0`],
    ]);
    const ack = result.timeline.find((e) => e.kind === 'event' && e.event.type === 'acknowledged');
    expect(ack).toMatchObject({ event: { by: 'ada@example.com', at: at(5) } });
  });

  it('continues the acknowledge cycle the ticket history leaves at T0', () => {
    const assigned = {
      ...ticket,
      events: [{ type: 'assigned', at: T0, assignee: 'grace@example.com', role: 'support-leads' }],
    };
    const result = simulate(policy, { ticket: assigned, until: '+1h', responder: { acknowledge: '5m' } });
    expect(rows(result, ['event', 'action'])).toEqual([
      ['+5m', 'event', 'acknowledged (responder)'],
      ['+15m', 'action', `T-1/fr-breach/${cycle}/0/0`],
    ]);
    expect(result.timeline[4]).toMatchObject({ event: { by: 'grace@example.com' } });
    // Already acknowledged by the assignee: the responder has nothing to do.
    const acknowledged = {
      ...assigned,
      events: [...assigned.events, { type: 'acknowledged', at: T0, by: 'grace@example.com' }],
    };
    const quiet = simulate(policy, { ticket: acknowledged, until: '+1h', responder: { acknowledge: '5m' } });
    expect(rows(quiet, ['event'])).toEqual([]);
  });

  it('records sent updates as updateSent events, which start update cycles', () => {
    const result = simulate(acme, {
      ticket: drill.ticket,
      until: '+10m',
      events: [{ at: '+3m', type: 'acknowledged', by: 'hugo.laurent@example.com' }],
      responder: { recordEffects: true },
    });
    expect(rows(result, ['event'])).toEqual([
      ['+0m', 'event', 'updateSent (responder)'],
      ['+0m', 'event', 'updateSent (responder)'],
      ['+0m', 'event', 'updateSent (responder)'],
      ['+3m', 'event', 'acknowledged (scenario)'],
    ]);
    expect(result.timeline.filter((e) => e.kind === 'event').map((e) => e.event.audience)).toEqual([
      'customer',
      'internal',
      'executive',
      undefined,
    ]);
    expect(result.clocks.find((c) => c.metric === 'periodicUpdate')).toMatchObject({
      startedAt: T0,
      deadline: at(30),
    });
  });

  it('keeps the snapshot in step with the history it applies, and passes the context on', () => {
    const result = simulate(policy, {
      ticket,
      until: '+3h',
      context: { unavailable: ['ada@example.com'] },
      events: [
        { at: '+1m', type: 'severityChanged', severity: 'sev1', by: 'grace@example.com' },
        { at: '+2m', type: 'assigned', assignee: 'grace@example.com' },
        { at: '+30m', type: 'statusChanged', status: 'pending-customer' },
        { at: '+2h', type: 'statusChanged', status: 'resolved' },
      ],
    });
    // Nobody warns that the snapshot's status or severity disagrees with the history.
    expect(rows(result, ['issue'])).toEqual([]);
    expect(rows(result, ['routing'])).toEqual([['+0m', 'routing', 'general support-leads']]);
    // No reply in 15 minutes; the resolution clock counted 30 minutes, then waited.
    expect(result.clocks.map((c) => [c.metric, c.state, c.elapsedMs])).toEqual([
      ['firstResponse', 'breached', 1_800_000],
      ['resolution', 'met', 1_800_000],
    ]);
  });

  it('is deterministic, leaves its input untouched, and returns plain JSON', () => {
    const scenario = deepFreeze(structuredClone(drill));
    const a = simulate(acme, scenario);
    const b = simulate(acme, structuredClone(drill));
    expect(a).toEqual(b);
    expect(scenario).toEqual(drill);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});

describe('simulate: assertions', () => {
  const events: ScenarioEvent[] = [
    { at: '+3m', type: 'acknowledged', by: 'ada@example.com' },
    { at: '+20m', type: 'replied', author: 'agent', public: true },
  ];

  it('reports each assertion as passed or failed, with why and when', () => {
    const result = simulate(policy, {
      ticket,
      events,
      until: '+1h',
      expect: [
        { by: '+15m', action: { ruleId: 'fr-breach', role: 'support-leads', target: 'grace@example.com' } },
        { by: '+14m', action: { kind: 'notify' } },
        { at: '+15m', action: { kind: 'notify' } },
        { at: '+16m', action: { kind: 'notify' } },
        { never: { action: { kind: 'page' } } },
        { never: { action: { kind: 'notify' } }, by: '+10m' },
        { never: { action: { kind: 'notify' } } },
        { at: '+30m', severity: 'sev1' },
        { at: '+30m', severity: 'sev2', description: 'a wrong severity' },
        { by: '+20m', clock: { metric: 'firstResponse', state: 'breached' } },
        { at: '+10m', clock: { metric: 'firstResponse', state: 'running' } },
        { at: '+30m', clock: { metric: 'firstResponse', state: 'met' } },
        { by: '+1h', clock: { metric: 'nextResponse' } },
        { never: { clock: { metric: 'resolution', state: 'breached' } } },
      ],
    });
    expect(result.assertions.map((a) => [a.passed, a.detail, a.at])).toEqual([
      [
        true,
        `\`notify\` \`T-1/fr-breach/${cycle}/0/0\` (rule \`fr-breach\`) came due at +15m (${at(15)})`,
        at(15),
      ],
      [
        false,
        `no \`notify\` action came due by +14m (${at(14)}); the first came due at +15m (${at(15)})`,
        null,
      ],
      [
        true,
        `\`notify\` \`T-1/fr-breach/${cycle}/0/0\` (rule \`fr-breach\`) came due at +15m (${at(15)})`,
        at(15),
      ],
      [false, `no \`notify\` action came due at +16m (${at(16)}); matching ones came due at +15m`, null],
      [true, `no \`page\` action came due by +1h (${at(60)})`, null],
      [true, `no \`notify\` action came due by +10m (${at(10)})`, null],
      [
        false,
        `\`notify\` \`T-1/fr-breach/${cycle}/0/0\` (rule \`fr-breach\`) came due at +15m (${at(15)})`,
        at(15),
      ],
      [true, `the severity is \`sev1\` at +30m (${at(30)})`, at(30)],
      [false, `the severity is \`sev1\` at +30m (${at(30)}), not \`sev2\``, at(30)],
      [true, `the \`firstResponse\` clock was \`breached\` at +15m (${at(15)})`, at(15)],
      [true, `the \`firstResponse\` clock is \`running\` at +10m (${at(10)})`, at(10)],
      [false, `the \`firstResponse\` clock is \`breached\` at +30m (${at(30)}), not \`met\``, at(30)],
      [false, `the \`nextResponse\` clock was not started by +1h (${at(60)})`, null],
      [true, `the \`resolution\` clock was never \`breached\` by +1h (${at(60)})`, null],
    ]);
    expect(result.passed).toBe(false);
    expect(result.assertions[8]?.assertion).toEqual({
      at: '+30m',
      severity: 'sev2',
      description: 'a wrong severity',
    });
  });

  it('passes when every assertion holds', () => {
    const result = simulate(policy, {
      ticket,
      events,
      until: '+1h',
      expect: [{ never: { action: { kind: 'page' } } }, { at: '+5m', clock: { metric: 'firstResponse' } }],
    });
    expect(result.assertions.map((a) => a.passed)).toEqual([true, true]);
    expect(result.passed).toBe(true);
  });

  it('checks approval gates by status, or required when no status is given', () => {
    const gated = smallPolicy((d) => {
      d.roles.directors = { members: ['dir1@example.com', 'dir2@example.com'] };
      d.approvals = {
        gates: [
          {
            id: 'exec-signoff',
            when: { '==': [{ var: 'severity' }, 'sev1'] },
            approvers: ['directors'],
            quorum: 'any',
            within: '30m',
            onTimeout: 'approve',
          },
        ],
      };
    });
    const result = simulate(gated, {
      ticket,
      events: [{ at: '+12m', type: 'approvalGranted', gate: 'exec-signoff', by: 'dir2@example.com' }],
      until: '+1h',
      expect: [
        { at: '+0m', approval: { gate: 'exec-signoff' } },
        { by: '+15m', approval: { gate: 'exec-signoff', status: 'granted' } },
        { by: '+10m', approval: { gate: 'exec-signoff', status: 'granted' } },
        { never: { approval: { gate: 'exec-signoff', status: 'expired' } } },
      ],
    });
    expect(rows(result, ['approval'])).toEqual([
      ['+0m', 'approval', 'exec-signoff not_required -> pending'],
      ['+12m', 'approval', 'exec-signoff pending -> granted'],
    ]);
    expect(result.assertions.map((a) => [a.passed, a.detail])).toEqual([
      [true, `gate \`exec-signoff\` is required at +0m (${at(0)})`],
      [true, `gate \`exec-signoff\` was \`granted\` at +12m (${at(12)})`],
      [false, `gate \`exec-signoff\` was not \`granted\` by +10m (${at(10)})`],
      [true, `gate \`exec-signoff\` was never \`expired\` by +1h (${at(60)})`],
    ]);
  });
});

describe('simulate: more assertions', () => {
  it('matches actions by audience and gate, and reports what it found instead', () => {
    const result = simulate(acme, {
      ticket: drill.ticket,
      until: '+1h',
      events: [{ at: '+3m', type: 'acknowledged', by: 'hugo.laurent@example.com' }],
      expect: [
        { at: '+0m', action: { kind: 'sendUpdate', audience: 'executive' } },
        { by: '+1m', action: { kind: 'requestApproval', gate: 'executive-comms' } },
        { by: '+1m', action: { kind: 'requestApproval', gate: 'sla-credit' } },
        { at: '+5m', action: { kind: 'sendUpdate' } },
        { at: '+2m', clock: { metric: 'nextResponse' } },
        { at: '+40m', approval: { gate: 'executive-comms', status: 'pending' } },
        { never: { approval: { gate: 'sla-credit' } } },
      ],
    });
    expect(result.assertions.map((a) => [a.passed, a.detail])).toMatchInlineSnapshot(`
      [
        [
          true,
          "\`sendUpdate\` \`ACME-1042/sev1-declared/sev1/0/3\` (rule \`sev1-declared\`) came due at +0m (2026-03-09T14:00:00.000Z)",
        ],
        [
          true,
          "\`requestApproval\` \`ACME-1042/sev1-executive-signoff/sev1/0/0\` (rule \`sev1-executive-signoff\`) came due at +0m (2026-03-09T14:00:00.000Z)",
        ],
        [
          false,
          "no \`requestApproval\` action for gate \`sla-credit\` came due by +1m (2026-03-09T14:01:00.000Z)",
        ],
        [
          false,
          "no \`sendUpdate\` action came due at +5m (2026-03-09T14:05:00.000Z); matching ones came due at +0m",
        ],
        [
          false,
          "the \`nextResponse\` clock has not started at +2m (2026-03-09T14:02:00.000Z)",
        ],
        [
          false,
          "gate \`executive-comms\` is \`granted\` at +40m (2026-03-09T14:40:00.000Z), not \`pending\`",
        ],
        [
          false,
          "gate \`sla-credit\` was required at +0m (2026-03-09T14:00:00.000Z)",
        ],
      ]
    `);
  });
});

describe('simulate: scenario times', () => {
  it('reads relative times as parseDuration reads durations', () => {
    const durations = [
      '20m',
      '1h30m',
      '1.5h',
      '90s',
      '250ms',
      '1h 30m',
      'PT2H',
      'PT1H30M',
      'pt15m',
      '0m',
      '0.5s',
    ];
    for (const duration of durations) {
      const outcome = safeSimulate(policy, { ticket, until: `+${duration}` });
      expect(outcome.success && outcome.result.until, duration).toBe(
        new Date(Date.parse(T0) + parseDuration(duration)).toISOString(),
      );
    }
    const refused = [
      '',
      '1x',
      '1H',
      '30m1h',
      '1m1m',
      '0.0001s',
      '3d',
      '2w',
      'P1D',
      'PT',
      'P',
      '-5m',
      '1.5.5h',
    ];
    for (const duration of refused) {
      expect(() => parseDuration(duration), duration).toThrow(PolicyError);
      const outcome = safeSimulate(policy, { ticket, until: `+${duration}` });
      expect(outcome.success, duration).toBe(false);
    }
  });

  it('formats offsets as relative times', () => {
    const result = simulate(policy, {
      ticket,
      until: '+27h',
      events: [
        { at: '+1h5m', type: 'replied', author: 'customer', public: true },
        { at: '+25h0m1s', type: 'replied', author: 'customer', public: true },
        { at: '+26h0m0s5ms', type: 'replied', author: 'customer', public: true },
      ],
    });
    expect(result.timeline.filter((e) => e.kind === 'event').map((e) => e.offset)).toEqual([
      '+1h5m',
      '+25h1s',
      '+26h5ms',
    ]);
  });
});

describe('simulate: the reference policy', () => {
  const outage = drill.ticket;

  it('runs the Sev1 drill of examples/drills with every expectation met', () => {
    const result = simulate(acme, drill);
    expect(result.assertions.filter((a) => !a.passed)).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.assertions).toHaveLength(11);
    expect(result).toMatchObject({
      scenario: 'sev1-checkout-outage',
      policy: { id: 'acme-saas', version: '2026.11.1' },
      stopReason: 'horizon',
      severity: 'sev1',
    });
  });

  it('runs the 24-hour Sev1 drill well under 100 ms', () => {
    simulate(acme, drill); // warm up
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      simulate(acme, drill);
      times.push(performance.now() - start);
    }
    expect(Math.min(...times)).toBeLessThan(100);
  });

  it('pages up the ladders and hands ownership over when nobody acknowledges', () => {
    const result = simulate(acme, { ticket: outage, until: '+1h' });
    const pages = result.timeline.flatMap((e) =>
      e.kind === 'action' && (e.action.kind === 'page' || e.action.kind === 'transferOwnership')
        ? [[e.offset, e.action.ruleId, e.action.kind, e.action.targets.join(' ')]]
        : [],
    );
    // sev1-declared pages the owner at once; the incident commander is paged at once and
    // every 10 minutes, 3 more times, while unacknowledged; 5 minutes without an
    // acknowledgement pages the secondary, again every 5 minutes (3 times); at 10 minutes
    // the ticket moves to the secondary; 30 minutes after the 15-minute first-response
    // breach the duty manager is paged.
    expect(pages).toEqual([
      ['+0m', 'sev1-declared', 'page', 'hugo.laurent@example.com'],
      ['+0m', 'sev1-incident-commander', 'page', 'oscar.lind@example.com'],
      ['+5m', 'sev1-unacknowledged', 'page', 'grace.hopper@example.com'],
      ['+10m', 'sev1-incident-commander', 'page', 'oscar.lind@example.com'],
      ['+10m', 'sev1-unacknowledged', 'page', 'grace.hopper@example.com'],
      ['+10m', 'ownership-handoff', 'transferOwnership', 'grace.hopper@example.com'],
      ['+15m', 'sev1-unacknowledged', 'page', 'grace.hopper@example.com'],
      ['+20m', 'sev1-incident-commander', 'page', 'oscar.lind@example.com'],
      ['+20m', 'sev1-unacknowledged', 'page', 'grace.hopper@example.com'],
      ['+30m', 'sev1-incident-commander', 'page', 'oscar.lind@example.com'],
      ['+45m', 'first-response-breach-high', 'page', 'nora.obrien@example.com'],
    ]);
    expect(rows(result, ['breach'])).toEqual([
      ['+5m', 'breach', `acknowledge at ${at(5)}`],
      ['+15m', 'breach', `firstResponse at ${at(15)}`],
    ]);
  });

  it('stops the ladders when the owner acknowledges at +3m', () => {
    const result = simulate(acme, {
      ticket: outage,
      until: '+1h',
      events: [{ at: '+3m', type: 'acknowledged', by: 'hugo.laurent@example.com' }],
      expect: [
        { never: { action: { ruleId: 'sev1-unacknowledged' } } },
        { never: { action: { kind: 'transferOwnership' } } },
        { at: '+3m', clock: { metric: 'acknowledge', state: 'met' } },
        { by: '+1m', action: { kind: 'page', role: 'incident-commander' } },
      ],
    });
    expect(result.assertions.map((a) => a.passed)).toEqual([true, true, true, true]);
    const pages = result.timeline.flatMap((e) =>
      e.kind === 'action' && e.action.kind === 'page' ? [[e.offset, e.action.ruleId]] : [],
    );
    expect(pages).toEqual([
      ['+0m', 'sev1-declared'],
      ['+0m', 'sev1-incident-commander'],
      ['+45m', 'first-response-breach-high'],
    ]);
  });

  it('pauses the resolution clock while pending the customer (4h target, paused 1h)', () => {
    const result = simulate(acme, {
      ticket: outage,
      until: '+6h',
      events: [
        { at: '+3m', type: 'acknowledged', by: 'hugo.laurent@example.com' },
        { at: '+1h', type: 'statusChanged', status: 'pending-customer' },
        { at: '+2h', type: 'statusChanged', status: 'in-progress' },
      ],
      expect: [{ at: '+4h30m', clock: { metric: 'resolution', state: 'running' } }],
    });
    const resolution = result.timeline.flatMap((e) =>
      e.kind === 'clock' && e.metric === 'resolution' ? [[e.offset, e.state, e.deadline]] : [],
    );
    expect(resolution).toEqual([
      ['+0m', 'running', at(240)],
      ['+1h', 'paused', null],
      ['+2h', 'running', at(300)],
      ['+5h', 'breached', at(300)],
    ]);
    expect(result.passed).toBe(true);
  });
});

describe('docs/simulation.md', () => {
  const page = readFileSync(new URL('../../docs/simulation.md', import.meta.url), 'utf8');

  it('gives the results its example shows', () => {
    const result = simulate(acme, drill);
    expect(result.passed).toBe(true);
    expect(result.steps).toBe(42);
    expect(result.timeline[0]).toMatchObject({ at: T0, offset: '+0m', kind: 'severity', severity: 'sev1' });
    expect(result.assertions[1]?.detail).toBe(
      'no `transferOwnership` action came due by +24h (2026-03-10T14:00:00.000Z)',
    );
    const silent = simulate(acme, {
      ticket: drill.ticket,
      until: '+1h',
      expect: [{ never: { action: { kind: 'transferOwnership' } } }],
    });
    expect(silent.passed).toBe(false);
    expect(silent.assertions[0]?.detail).toBe(
      '`transferOwnership` `ACME-1042/ownership-handoff/2026-03-09T14:00:00.000Z/0/0` (rule `ownership-handoff`) came due at +10m (2026-03-09T14:10:00.000Z)',
    );
    for (const line of [
      'result.steps; //=> 42',
      'silent.passed; //=> false',
      '`transferOwnership` `ACME-1042/ownership-handoff/2026-03-09T14:00:00.000Z/0/0`',
    ])
      expect(page).toContain(line);
  });

  it('has assertion examples the reference policy accepts', () => {
    const block = /```json\n(\[[\s\S]*?\])\n```/.exec(page)?.[1] ?? '[]';
    const expectations = JSON.parse(block) as Scenario['expect'];
    expect(expectations).toHaveLength(6);
    const outcome = safeSimulate(acme, { ticket: drill.ticket, until: '+4h', expect: expectations });
    expect(outcome.success).toBe(true);
  });
});

describe('simulate: bad scenarios', () => {
  /** The PolicyError `simulate` throws for `scenario` (fails the test when it throws another). */
  const scenarioError = (scenario: unknown): PolicyError => {
    const error = thrown(() => simulate(policy, scenario as Scenario));
    if (error instanceof PolicyError) return error;
    throw new Error(`expected a PolicyError, got ${String(error)}`);
  };
  const issuesOf = (scenario: unknown): string => formatIssues(scenarioError(scenario).issues);

  it('throws a PolicyError whose issues carry paths into the scenario', () => {
    const error = scenarioError({
      ticket,
      events: [
        { at: '+5m', type: 'acknowledged', by: 'ada@example.com' },
        { at: '+1x', type: 'acknowledged', by: 'ada@example.com' },
        { at: '+3d', type: 'statusChanged', status: 'open' },
        { at: '+10m', type: 'statusChanged', stauts: 'open' },
        { at: '+10m', type: 'severityChanged', severity: 'sev01' },
        { at: '2026-03-09T14:20:00', type: 'replied', author: 'agent', public: true },
      ] as unknown as ScenarioEvent[],
      until: '+2h',
      expect: [
        { by: '+3h', action: { kind: 'page' } },
        { at: '+1h', action: { rol: 'owner' } },
        { by: '+1h' },
        { at: '+1h', approval: { gate: 'exec' } },
      ] as unknown as Scenario['expect'],
    });
    expect(error.code).toBe('invalid_scenario');
    expect(error.message).toMatchInlineSnapshot(`
      "invalid scenario: 10 errors
      events[1].at: invalid relative time \`+1x\`: expected a number and a unit (\`h\`, \`m\`, \`s\`, \`ms\`) such as \`15m\`, \`4h\`, \`1h30m\` or \`PT1H30M\`
      events[2].at: invalid relative time \`+3d\`: days, weeks, months and years are not accepted: a business day is ambiguous (8 h? 24 h? until the next opening?), write hours such as \`24h\` or \`8h\`
      events[3].status: missing required key \`status\`
      events[3].stauts: unknown key \`stauts\` (did you mean \`status\`?)
      events[4].severity: unknown severity \`sev01\` (did you mean \`sev1\`?)
      events[5].at: invalid scenario time \`2026-03-09T14:20:00\`: expected \`+\` and a duration after the ticket's creation, or an ISO date-time with an offset, such as \`+20m\`, \`+1h30m\` or \`2026-03-09T14:20:00Z\`
      expect[0].by: the instant is after \`until\` (\`+2h\`)
      expect[1].action.rol: unknown key \`rol\` (did you mean \`role\`?)
      expect[2]: expected one check: \`action\`, \`severity\`, \`clock\` or \`approval\`
      expect[3].approval.gate: unknown gate \`exec\`"
    `);
    expect(error.issues[0]).toEqual({
      code: 'invalid_duration',
      severity: 'error',
      path: ['events', 1, 'at'],
      message:
        'invalid relative time `+1x`: expected a number and a unit (`h`, `m`, `s`, `ms`) such as `15m`, `4h`, `1h30m` or `PT1H30M`',
    });
  });

  it('checks the shape, the ticket and the responder', () => {
    expect(issuesOf(null)).toMatchInlineSnapshot(`"expected object, received null"`);
    expect(issuesOf({ ticket: { id: 'T-1' }, until: 5, responder: { acknowledge: '3d', page: true } }))
      .toMatchInlineSnapshot(`
        "ticket.createdAt: missing required key \`createdAt\`
        responder.page: unknown key \`page\`
        until: expected string, received number"
      `);
    expect(
      issuesOf({
        ticket: { id: 'T-1', createdAt: '2026-03-09 14:00' },
        responder: { acknowledge: '3d' },
        events: [{ at: '+1m', type: 'created' }, 'x', { at: '+1m' }],
      }),
    ).toMatchInlineSnapshot(`
      "ticket.createdAt: expected an ISO date-time with an offset or epoch milliseconds: the ticket's creation is the scenario's origin
      events[0].type: a scenario cannot script \`created\`: the ticket's \`createdAt\` is the creation
      events[1]: expected an event object, received string
      events[2].type: missing required key \`type\`
      responder.acknowledge: invalid duration \`3d\`: days, weeks, months and years are not accepted: a business day is ambiguous (8 h? 24 h? until the next opening?), write hours such as \`24h\` or \`8h\`"
    `);
  });

  it('checks every assertion and ticket event with its path', () => {
    expect(
      issuesOf({
        ticket: {
          id: '',
          createdAt: T0,
          events: ['x', { type: 'replied', at: 'soon' }, { type: 'acknowledged', at: at(5), by: 7 }],
        },
        expect: [
          'x',
          { by: '+1h', severity: 'sev1', within: '+1h', description: 3 },
          { by: '+1m', at: '+2m', severity: 'sev1' },
          { severity: 'sev1' },
          { by: '+1m', severity: 'sev1', clock: { metric: 'acknowledge' } },
          { by: '+1m', clock: { metric: 'ack' } },
          { by: 'soon', severity: 'sev9' },
          { never: 'x' },
          { never: { sevrity: 'sev1' } },
          { by: '+1m', action: { ruleId: 'fr-breech', role: 'duty-manger', gate: 'nope' } },
          { at: '+1m', severity: 5 },
        ],
      }),
    ).toMatchInlineSnapshot(`
      "ticket.id: expected a non-empty id
      ticket.events[0]: expected an event object with a \`type\`
      ticket.events[1].at: expected an ISO date-time with an offset or epoch milliseconds
      ticket.events[2].by: expected string, received number
      expect[0]: expected an assertion object, received string
      expect[1].within: unknown key \`within\`
      expect[1].description: expected string, received number
      expect[2]: expected \`by\` or \`at\`, not both
      expect[3]: expected \`by\` (held by then), \`at\` (holds then) or \`never\` (never holds)
      expect[4]: expected one check, found \`severity\` and \`clock\`
      expect[5].clock.metric: expected \`acknowledge\` or \`firstResponse\` or \`nextResponse\` or \`periodicUpdate\` or \`resolution\`
      expect[6].severity: unknown severity \`sev9\` (did you mean \`sev1\`?)
      expect[6].by: invalid scenario time \`soon\`: expected \`+\` and a duration after the ticket's creation, or an ISO date-time with an offset, such as \`+20m\`, \`+1h30m\` or \`2026-03-09T14:20:00Z\`
      expect[7].never: expected a check object, received string
      expect[8].never.sevrity: unknown key \`sevrity\` (did you mean \`severity\`?)
      expect[8].never: expected one check: \`action\`, \`severity\`, \`clock\` or \`approval\`
      expect[9].action.ruleId: unknown rule \`fr-breech\` (did you mean \`fr-breach\`?)
      expect[9].action.role: unknown role \`duty-manger\` (did you mean \`duty-manager\`?)
      expect[9].action.gate: unknown gate \`nope\`
      expect[10].severity: expected string, received number"
    `);
  });

  it('refuses times before the creation and events after the horizon', () => {
    expect(
      issuesOf({
        ticket,
        events: [
          { at: '2026-03-09T13:59:00Z', type: 'acknowledged', by: 'ada@example.com' },
          { at: '+3h', type: 'acknowledged', by: 'ada@example.com' },
        ],
        until: '+1h',
        expect: [
          { at: '2026-03-09T13:00:00Z', severity: 'sev1' },
          { never: { severity: 'sev2' }, at: '+1m' },
        ],
      }),
    ).toMatchInlineSnapshot(`
      "events[0].at: the event is before the ticket's creation
      events[1].at: the event is after \`until\` (\`+1h\`)
      expect[0].at: the instant is before the ticket's creation
      expect[1]: \`never\` takes its check inside (\`{ never: { action: … } }\`) and an optional \`by\`, not \`at\`"
    `);
  });

  it('returns the issues from safeSimulate instead of throwing', () => {
    const outcome = safeSimulate(policy, { ticket, until: '+3d' });
    expect(outcome).toEqual({
      success: false,
      issues: [
        {
          code: 'duration_unit_not_allowed',
          severity: 'error',
          path: ['until'],
          message:
            'invalid relative time `+3d`: days, weeks, months and years are not accepted: a business day is ambiguous (8 h? 24 h? until the next opening?), write hours such as `24h` or `8h`',
        },
      ],
    });
    const ok = safeSimulate(policy, { ticket, until: '+1h' });
    expect(ok.success && ok.result.steps).toBe(10);
  });

  it('throws at once for programmer errors', () => {
    expect(thrown(() => simulate({} as Policy, { ticket }))).toEqual(
      new TypeError('simulate: expected a policy from compilePolicy'),
    );
    expect(thrown(() => simulate(policy, { ticket }, { maxSteps: 0 }))).toEqual(
      new RangeError('simulate: `maxSteps` must be a positive integer'),
    );
    expect(thrown(() => safeSimulate(policy, { ticket }, 3 as never))).toEqual(
      new TypeError('safeSimulate: options must be an object'),
    );
  });
});

describe('simulate: the step guard', () => {
  it('stops after maxSteps evaluations, reports it, and fails what it could not check', () => {
    const result = simulate(
      policy,
      {
        ticket,
        until: '+1h',
        expect: [
          { by: '+10m', action: { kind: 'page' } },
          { by: '+30m', action: { kind: 'transferOwnership' } },
          { never: { action: { kind: 'escalateTo' } } },
        ],
      },
      { maxSteps: 4 },
    );
    // T0, +10m (and its settle), +15m: the fifth evaluation would be the settle at +15m.
    expect(result.steps).toBe(4);
    expect(result.stopReason).toBe('step_limit');
    expect(result.end).toBe(at(15));
    expect(result.issues).toEqual([
      {
        code: 'step_limit',
        severity: 'error',
        at: at(15),
        message:
          'the run stopped after 4 evaluations at +15m, before its end: raise `maxSteps` or shorten `until`',
      },
    ]);
    expect(result.assertions.map((a) => [a.passed, a.detail])).toEqual([
      [true, `\`page\` \`T-1/page-ladder/${cycle}/0/0\` (rule \`page-ladder\`) came due at +10m (${at(10)})`],
      [
        false,
        `no \`transferOwnership\` action came due before the run stopped at +15m (${at(15)}) (step limit)`,
      ],
      [false, `the run stopped at +15m (${at(15)}) (step limit): what came after is unknown`],
    ]);
    expect(result.clocks.map((c) => [c.metric, c.state])).toEqual([
      ['firstResponse', 'breached'],
      ['resolution', 'running'],
    ]);
    expect(result.passed).toBe(false);
  });
});

describe('simulate: laws over generated scenarios', () => {
  const statuses = ['open', 'in-progress', 'pending-customer', 'resolved'];
  const event: fc.Arbitrary<ScenarioEvent> = fc.oneof(
    fc.record({
      at: fc.constant(''),
      type: fc.constant('statusChanged'),
      status: fc.constantFrom(...statuses),
    }),
    fc.record({
      at: fc.constant(''),
      type: fc.constant('replied'),
      author: fc.constantFrom('agent' as const, 'customer' as const),
      public: fc.boolean(),
    }),
    fc.record({
      at: fc.constant(''),
      type: fc.constant('assigned'),
      assignee: fc.constantFrom('ada@example.com', 'grace@example.com'),
    }),
    fc.record({
      at: fc.constant(''),
      type: fc.constant('acknowledged'),
      by: fc.constantFrom('ada@example.com', 'grace@example.com'),
    }),
    fc.record({
      at: fc.constant(''),
      type: fc.constant('severityOverridden'),
      severity: fc.constantFrom('sev1', 'sev2'),
      by: fc.constant('lead@example.com'),
      reason: fc.constant('drill'),
    }),
  );
  const scenario: fc.Arbitrary<Scenario> = fc.record({
    ticket: fc.record({
      id: fc.constant('T-9'),
      createdAt: fc.constant(T0),
      subject: fc.constantFrom('Checkout is down', 'Question about invoices'),
      status: fc.constant('open'),
    }),
    events: fc.array(
      fc
        .tuple(fc.integer({ min: 0, max: 8 * 60 }), event)
        .map(([minutes, e]) => ({ ...e, at: `+${minutes}m` })),
      { maxLength: 12 },
    ),
    responder: fc.record({
      performActions: fc.boolean(),
      acknowledge: fc.option(fc.constantFrom('0m', '4m', '25m'), { nil: undefined }),
      recordEffects: fc.boolean(),
    }),
    until: fc.constantFrom('+8h', '+12h', '+30h'),
  });

  it('never steps minute by minute: every evaluation is T0, an event, a scheduled wake-up or the end', () => {
    fc.assert(
      fc.property(scenario, fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), (s, maxSteps) => {
        const result = simulate(policy, s, { explain: true, maxSteps });
        const evaluations = result.evaluations ?? [];
        expect(result.stopReason === 'step_limit').toBe(result.issues.length > 0);
        if (result.stopReason === 'step_limit') expect(result.passed).toBe(false);
        expect(evaluations.length).toBe(result.steps);
        const eventInstants = new Set(result.timeline.flatMap((e) => (e.kind === 'event' ? [e.at] : [])));
        let previous: (typeof evaluations)[number] | undefined;
        for (const evaluation of evaluations) {
          if (previous === undefined) expect(evaluation.at).toBe(result.start);
          else {
            const allowed =
              evaluation.at === previous.at || // settling at the same instant
              evaluation.at === previous.nextEvaluationAt ||
              eventInstants.has(evaluation.at) ||
              evaluation.at === result.until;
            expect(allowed, `${evaluation.at} (${evaluation.cause})`).toBe(true);
            // Never past a scheduled wake-up.
            if (previous.nextEvaluationAt !== null && evaluation.cause !== 'end')
              expect(evaluation.at <= previous.nextEvaluationAt).toBe(true);
          }
          previous = evaluation;
        }
        // The timeline is in instant order, within the run.
        const instants = result.timeline.map((e) => e.at);
        expect(instants).toEqual([...instants].sort());
        expect(instants.every((i) => i >= result.start && i <= result.end)).toBe(true);
        // Each action key once.
        const keys = result.timeline.flatMap((e) => (e.kind === 'action' ? [e.action.key] : []));
        expect(new Set(keys).size).toBe(keys.length);
      }),
      params(60),
    );
  });

  it('with actions performed, never returns an action again once recorded', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = simulate(policy, { ...s, responder: { ...s.responder, performActions: true } });
        const keys = result.timeline.flatMap((e) => (e.kind === 'action' ? [e.action.key] : []));
        expect(new Set(keys).size).toBe(keys.length);
        expect(result.timeline.every((e) => e.kind !== 'action' || e.performed)).toBe(true);
      }),
      params(40),
    );
  });
});
