import { describe, expect, it } from 'vitest';
import { authorizeEscalation, compilePolicy, evaluate, type Decision } from '../../src/index.js';
import { MINIMAL } from '../support/policies.js';

// Drafts are policies changed on purpose: tests reach into them freely.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access */
type Draft = Record<string, any>;

/** MINIMAL with escalation rules, gates and cadences; `edit` changes the draft further. */
function policyWith(edit: (draft: Draft) => void = () => undefined): ReturnType<typeof compilePolicy> {
  const draft = structuredClone(MINIMAL) as Draft;
  draft.roles['duty-manager'] = { members: ['dora@example.com'] };
  draft.roles.directors = { members: ['dir1@example.com', 'dir2@example.com', 'dir3@example.com'] };
  draft.roles.ciso = { members: ['cis@example.com'] };
  draft.escalation = { rules: [] };
  draft.communication = {
    templates: {
      update: {
        audience: 'customer',
        subject: '[{{ticket.id}}] {{severity.name}} update',
        body: 'Hello {{ticket.customer.id}}, {{ticket.subject}} is {{ticket.status}}. Missing: [{{ticket.fields.nothing}}]. Next update by {{update.nextAt}}.',
      },
      brief: {
        audience: 'internal',
        body: '{{severity.id}} on {{ticket.service}}, owner {{routing.owner.role}} ({{routing.owner.members}}), contact {{ticket.fields.contactEmail}}',
      },
    },
  };
  edit(draft);
  return compilePolicy(draft);
}

const T0 = '2026-03-09T14:00:00.000Z'; // Monday 10:00 in New York
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const sev1 = {
  id: 'T-1',
  createdAt: T0,
  subject: 'Checkout is down',
  service: 'checkout',
  customer: { id: 'c-1', tier: 'business' },
  status: 'open',
};

const keys = (list: readonly { key: string }[]): string[] => list.map((a) => a.key);

describe('escalation rules: clock triggers', () => {
  const policy = policyWith((d) => {
    d.escalation.rules = [
      {
        id: 'fr-75',
        on: { clock: 'firstResponse', at: '75%' },
        actions: [{ kind: 'notify', to: ['owner'] }],
      },
      {
        id: 'fr-breach',
        on: { clock: 'firstResponse', at: 'breach' },
        actions: [
          { kind: 'notify', to: ['owner', 'support-leads'], template: 'brief' },
          { kind: 'page', role: 'duty-manager' },
        ],
        reason: 'the first-response target was missed',
      },
      {
        id: 'fr-late',
        on: { clock: 'firstResponse', at: 'breach+30m' },
        actions: [{ kind: 'escalateTo', queue: 'general' }],
      },
      {
        id: 'fr-lead',
        on: { clock: 'firstResponse', at: '5m before' },
        actions: [{ kind: 'notify', to: ['owner'] }],
      },
    ];
  });

  it('schedules every point as upcoming, in dueAt order, and wakes at the first', () => {
    const decision = evaluate(policy, sev1, { now: at(5) });
    expect(decision.actions).toEqual([]);
    // 15m sev1 target on a 24x7 calendar: 75% = 11m15s, 5m before = 10m, breach = 15m, +30m = 45m.
    expect(decision.upcoming.map((a) => [a.ruleId, a.dueAt])).toEqual([
      ['fr-lead', at(10)],
      ['fr-75', '2026-03-09T14:11:15.000Z'],
      ['fr-breach', at(15)],
      ['fr-breach', at(15)],
      ['fr-late', at(45)],
    ]);
    expect(decision.nextEvaluationAt).toBe(at(10));
  });

  it('returns due actions with a stable key, targets, reason and rendered payload', () => {
    const decision = evaluate(policy, sev1, { now: at(16) });
    expect(keys(decision.actions)).toEqual([
      `T-1/fr-lead/${T0}/0/0`,
      `T-1/fr-75/${T0}/0/0`,
      `T-1/fr-breach/${T0}/0/0`,
      `T-1/fr-breach/${T0}/0/1`,
    ]);
    const notify = decision.actions[2];
    expect(notify).toEqual({
      key: `T-1/fr-breach/${T0}/0/0`,
      kind: 'notify',
      dueAt: at(15),
      targets: ['ada@example.com', 'grace@example.com'],
      ruleId: 'fr-breach',
      reason: 'the first-response target was missed',
      payload: {
        roles: ['owner', 'support-leads'],
        template: 'brief',
        body: 'sev1 on checkout, owner support-agents (ada@example.com), contact ',
      },
    });
    expect(decision.actions[3]).toMatchObject({
      kind: 'page',
      targets: ['dora@example.com'],
      payload: { role: 'duty-manager' },
    });
    expect(decision.upcoming.map((a) => a.ruleId)).toEqual(['fr-late']);
    expect(decision.nextEvaluationAt).toBe(at(45));
  });

  it('never returns an action again once its key is in an actionPerformed event', () => {
    const first = evaluate(policy, sev1, { now: at(16) });
    const performed = first.actions.map((a) => ({ type: 'actionPerformed', at: at(16), key: a.key }));
    const again = evaluate(policy, { ...sev1, events: performed }, { now: at(20) });
    expect(again.actions).toEqual([]);
    // Evaluating as often as one likes gives the same keys.
    expect(keys(evaluate(policy, sev1, { now: at(17) }).actions)).toEqual(keys(first.actions));
  });

  it('fires nothing for a clock that met its target first', () => {
    const answered = {
      ...sev1,
      events: [{ type: 'replied', at: at(3), author: 'agent', public: true }],
    };
    const decision = evaluate(policy, answered, { now: at(60) });
    expect(decision.actions).toEqual([]);
    expect(decision.upcoming).toEqual([]);
  });

  it('fires no breach for a clock met exactly at its deadline', () => {
    const justInTime = { ...sev1, events: [{ type: 'replied', at: at(15), author: 'agent', public: true }] };
    const decision = evaluate(policy, justInTime, { now: at(60) });
    expect(decision.clocks.find((c) => c.metric === 'firstResponse')?.state).toBe('met');
    expect(decision.actions.map((a) => a.ruleId)).toEqual(['fr-lead', 'fr-75']);
  });

  it('schedules nothing while a clock is paused, and resumes with the remaining time', () => {
    const pausing = policyWith((d) => {
      d.sla.pauseOn = ['pending-customer'];
      d.escalation.rules = [
        {
          id: 'fr-breach',
          on: { clock: 'firstResponse', at: 'breach' },
          actions: [{ kind: 'notify', to: ['owner'] }],
        },
      ];
    });
    const paused = {
      ...sev1,
      status: 'pending-customer',
      events: [{ type: 'statusChanged', at: at(5), status: 'pending-customer' }],
    };
    expect(evaluate(pausing, paused, { now: at(30) }).upcoming).toEqual([]);
    const resumed = {
      ...paused,
      status: 'open',
      events: [...paused.events, { type: 'statusChanged', at: at(40), status: 'open' }],
    };
    // 5 minutes counted before the pause, 10 left from 14:40.
    expect(evaluate(pausing, resumed, { now: at(41) }).upcoming.map((a) => a.dueAt)).toEqual([at(50)]);
  });

  it('fires the breach once, when a later target applied, and skips the warnings it passed', () => {
    const upgraded = {
      ...sev1,
      subject: 'Question about invoices', // sev2 by default: 4 business hours
      events: [
        {
          type: 'severityOverridden',
          at: at(40),
          severity: 'sev1',
          by: 'lead@example.com',
          reason: 'outage',
        },
      ],
    };
    const decision = evaluate(policy, upgraded, { now: at(41), explain: true });
    expect(decision.severity.id).toBe('sev1');
    expect(decision.actions.map((a) => [a.ruleId, a.dueAt])).toEqual([
      ['fr-breach', at(40)],
      ['fr-breach', at(40)],
    ]);
    // `breach+30m` is 45 minutes of counted time: still ahead, so it stays scheduled.
    expect(decision.upcoming.map((a) => [a.ruleId, a.dueAt])).toEqual([['fr-late', at(45)]]);
    const skipped = decision.trace?.filter((t) => t.step === 'escalation' && t.outcome === 'skipped');
    expect(skipped?.map((t) => t.id)).toEqual(['fr-75', 'fr-lead']);
  });
});

describe('escalation rules: ladders', () => {
  const policy = policyWith((d) => {
    d.escalation.rules = [
      {
        id: 'res-breach',
        on: { clock: 'resolution', at: 'breach' },
        actions: [{ kind: 'notify', to: ['support-leads'] }],
        repeat: { every: '1h', times: 3 },
      },
    ];
  });

  it('repeats every interval while the ticket is unresolved, then stops', () => {
    // sev1 resolution: 4h → breach at 18:00, repeats at 19:00, 20:00, 21:00.
    const open = evaluate(policy, sev1, { now: at(4 * 60 + 30) });
    expect(open.actions.map((a) => a.dueAt)).toEqual([at(240)]);
    expect(open.upcoming.map((a) => a.dueAt)).toEqual([at(300), at(360), at(420)]);
    expect(open.actions[0]?.reason).toBe('escalation rule `res-breach` fired');
    expect(open.upcoming[0]?.reason).toBe('escalation rule `res-breach` fired (repeat 1)');

    const resolved = {
      ...sev1,
      status: 'resolved',
      events: [{ type: 'statusChanged', at: at(5 * 60 + 30), status: 'resolved' }],
    };
    const after = evaluate(policy, resolved, { now: at(8 * 60) });
    expect(after.actions.map((a) => a.key)).toEqual([`T-1/res-breach/${T0}/0/0`, `T-1/res-breach/${T0}/1/0`]);
    expect(after.upcoming).toEqual([]);
    expect(after.nextEvaluationAt).toBeNull();
  });
});

describe('escalation rules: time-bound ownership (unacknowledgedFor)', () => {
  const policy = policyWith((d) => {
    d.escalation.rules = [
      {
        id: 'handoff',
        on: { unacknowledgedFor: '10m' },
        actions: [
          { kind: 'transferOwnership', to: 'secondary' },
          { kind: 'page', role: 'secondary' },
        ],
        repeat: { every: '5m', times: 3 },
      },
    ];
  });

  it('transfers to the secondary when the owner has not acknowledged in time', () => {
    const decision = evaluate(policy, sev1, { now: at(11) });
    expect(decision.actions).toMatchObject([
      {
        kind: 'transferOwnership',
        dueAt: at(10),
        targets: ['grace@example.com'],
        payload: { role: 'secondary' },
      },
      { kind: 'page', dueAt: at(10), targets: ['grace@example.com'] },
    ]);
    // The ladder continues every 5 minutes while unacknowledged (3 repeats).
    expect([...new Set(decision.upcoming.map((a) => a.dueAt))]).toEqual([at(15), at(20), at(25)]);
  });

  it('stops the ladder at the acknowledgement, and fires nothing when acknowledged in time', () => {
    const acked = { ...sev1, events: [{ type: 'acknowledged', at: at(17), by: 'grace@example.com' }] };
    const decision = evaluate(policy, acked, { now: at(40) });
    expect([...new Set(decision.actions.map((a) => a.dueAt))]).toEqual([at(10), at(15)]);
    expect(decision.upcoming).toEqual([]);
    const early = { ...sev1, events: [{ type: 'acknowledged', at: at(9), by: 'ada@example.com' }] };
    expect(evaluate(policy, early, { now: at(40) }).actions).toEqual([]);
  });

  it('gives a new assignee a new window (a new cycle, new keys)', () => {
    const reassigned = {
      ...sev1,
      events: [{ type: 'assigned', at: at(12), assignee: 'bob@example.com' }],
    };
    const decision = evaluate(policy, reassigned, { now: at(23) });
    expect([...new Set(decision.actions.map((a) => a.key.split('/')[2]))]).toEqual([at(12)]);
    expect(decision.actions.map((a) => a.dueAt)).toEqual([at(22), at(22)]);
  });
});

describe('escalation rules: severity, reopen and event triggers', () => {
  const policy = policyWith((d) => {
    d.escalation.rules = [
      {
        id: 'receipt',
        on: { event: 'created' },
        actions: [{ kind: 'sendUpdate', audience: 'customer', template: 'update' }],
      },
      {
        id: 'sev1-declared',
        on: { severityBecomes: 'sev1' },
        actions: [{ kind: 'page', role: 'duty-manager' }],
      },
      { id: 'reopened', on: { reopened: true }, actions: [{ kind: 'notify', to: ['owner'] }] },
      { id: 'custom', on: { event: 'customerCalled' }, actions: [{ kind: 'notify', to: ['support-leads'] }] },
      {
        id: 'manual',
        on: { event: 'escalationRequested' },
        actions: [{ kind: 'escalateTo', queue: 'general' }],
      },
    ];
    d.escalation.initiation = [
      { id: 'leads', roles: ['support-leads'], reason: 'leads may escalate any time' },
      { id: 'agents-later', roles: ['support-agents'], after: '2h', reason: 'agents after 2 hours' },
    ];
  });

  it('sends the receipt at creation with the template rendered, and pages on Sev1', () => {
    const decision = evaluate(policy, sev1, { now: at(1) });
    expect(decision.actions.map((a) => [a.ruleId, a.kind, a.dueAt])).toEqual([
      ['receipt', 'sendUpdate', T0],
      ['sev1-declared', 'page', T0],
    ]);
    expect(decision.actions[0]).toMatchObject({
      key: 'T-1/receipt/created/0/0',
      targets: ['c-1'],
      payload: {
        audience: 'customer',
        template: 'update',
        subject: '[T-1] Critical update',
        body: 'Hello c-1, Checkout is down is open. Missing: []. Next update by .',
      },
    });
  });

  it('fires severityBecomes when an override makes the severity, keyed by the severity and its episode', () => {
    const upgraded = {
      ...sev1,
      subject: 'Question',
      events: [{ type: 'severityOverridden', at: at(30), severity: 'sev1', by: 'x', reason: 'big' }],
    };
    const decision = evaluate(policy, upgraded, { now: at(31) });
    expect(decision.actions.filter((a) => a.ruleId === 'sev1-declared').map((a) => [a.key, a.dueAt])).toEqual(
      [['T-1/sev1-declared/sev1/0/0', at(30)]],
    );
    // Back to sev2 and up to sev1 again: a second episode, a new key.
    const again = {
      ...upgraded,
      events: [
        ...upgraded.events,
        { type: 'severityOverridden', at: at(40), severity: 'sev2', by: 'x', reason: 'calmer' },
        { type: 'severityOverridden', at: at(50), severity: 'sev1', by: 'x', reason: 'worse' },
      ],
    };
    expect(
      evaluate(policy, again, { now: at(51) })
        .actions.filter((a) => a.ruleId === 'sev1-declared')
        .map((a) => [a.key, a.dueAt]),
    ).toEqual([['T-1/sev1-declared/sev1#1/0/0', at(50)]]);
  });

  it('never fires severityBecomes again when the helpdesk records the severity in force', () => {
    const first = evaluate(policy, sev1, { now: at(1) });
    const recorded = {
      ...sev1,
      events: [
        ...first.actions.map((a) => ({ type: 'actionPerformed', at: at(1), key: a.key })),
        { type: 'severityChanged', at: at(2), severity: 'sev1', by: 'helpdesk' },
        { type: 'severityChanged', at: at(18), severity: 'sev1', by: 'helpdesk' },
      ],
    };
    expect(evaluate(policy, recorded, { now: at(20) }).actions).toEqual([]);
  });

  it('fires on each reopen, and on events of any type, including unknown ones', () => {
    const history = {
      ...sev1,
      events: [
        { type: 'statusChanged', at: at(10), status: 'resolved' },
        { type: 'statusChanged', at: at(20), status: 'open' },
        { type: 'customerCalled', at: at(25) },
        { type: 'customerCalled', at: at(25) },
      ],
    };
    const decision = evaluate(policy, history, { now: at(30) });
    expect(decision.actions.filter((a) => a.ruleId === 'reopened').map((a) => a.key)).toEqual([
      `T-1/reopened/reopened@${at(20)}/0/0`,
    ]);
    expect(decision.actions.filter((a) => a.ruleId === 'custom').map((a) => a.key)).toEqual([
      `T-1/custom/customerCalled@${at(25)}/0/0`,
      `T-1/custom/customerCalled@${at(25)}#1/0/0`,
    ]);
  });

  it('reports a refused request once, even when no rule listens for it', () => {
    const quiet = policyWith((d) => {
      d.escalation.initiation = [{ id: 'leads', roles: ['support-leads'] }];
    });
    const ticket = {
      ...sev1,
      events: [{ type: 'escalationRequested', at: at(5), by: 'ada@example.com', role: 'support-agents' }],
    };
    expect(evaluate(quiet, ticket, { now: at(6) }).issues.map((i) => [i.code, i.path])).toEqual([
      ['escalation_refused', ['events', 0]],
    ]);
  });

  it('acts on authorised escalation requests only', () => {
    const requests = {
      ...sev1,
      events: [
        { type: 'escalationRequested', at: at(5), by: 'ada@example.com', role: 'support-agents' },
        { type: 'escalationRequested', at: at(6), by: 'grace@example.com', role: 'support-leads' },
      ],
    };
    const decision = evaluate(policy, requests, { now: at(10) });
    expect(decision.actions.filter((a) => a.ruleId === 'manual').map((a) => a.dueAt)).toEqual([at(6)]);
    expect(decision.issues).toEqual([
      {
        code: 'escalation_refused',
        severity: 'warning',
        path: ['events', 0],
        message:
          'escalation request not authorised: no initiation rule allows it: rule `agents-later`: it allows a request 2h after creation; 5m have passed',
      },
    ]);
  });
});

describe('authorizeEscalation', () => {
  const policy = policyWith((d) => {
    d.tiers = [{ id: 'enterprise' }, { id: 'business' }];
    d.escalation.initiation = [
      { id: 'leads', roles: ['support-leads'] },
      {
        id: 'big-impact',
        roles: ['support-agents'],
        when: { '>=': [{ var: 'ticket.impact.usersAffected' }, 100] },
        reason: 'agents may escalate broad impact at once',
      },
      {
        id: 'paying-stalled',
        roles: ['support-agents'],
        after: '2h',
        tiers: ['enterprise'],
        to: ['general'],
      },
    ];
  });
  const request = { role: 'support-agents', by: 'ada@example.com' };

  it('allows by role, condition, tier and elapsed time, naming the rule', () => {
    expect(
      authorizeEscalation(policy, sev1, { role: 'support-leads', by: 'grace@example.com' }, { now: at(1) }),
    ).toMatchObject({
      allowed: true,
      ruleId: 'leads',
      reason: 'initiation rule `leads` allows it',
    });
    const broad = { ...sev1, impact: { usersAffected: 250 } };
    expect(authorizeEscalation(policy, broad, request, { now: at(1) })).toMatchObject({
      allowed: true,
      ruleId: 'big-impact',
      reason: 'agents may escalate broad impact at once',
    });
    const enterprise = { ...sev1, customer: { id: 'c-9', tier: 'enterprise' } };
    expect(
      authorizeEscalation(policy, enterprise, { ...request, to: 'general' }, { now: at(121) }).allowed,
    ).toBe(true);
  });

  it('refuses with the reason of the closest rule and every rule considered', () => {
    const answer = authorizeEscalation(policy, sev1, request, { now: at(121) });
    expect(answer).toEqual({
      allowed: false,
      reason: 'no initiation rule allows it: rule `big-impact`: its condition does not hold',
      ruleId: null,
      considered: [
        { ruleId: 'leads', outcome: 'refused', detail: 'the role `support-agents` is not one of its roles' },
        { ruleId: 'big-impact', outcome: 'refused', detail: 'its condition does not hold' },
        { ruleId: 'paying-stalled', outcome: 'refused', detail: 'it applies to the tiers `enterprise` only' },
      ],
      issues: [],
    });
    expect(
      authorizeEscalation(policy, sev1, { role: 'support-leads', by: 'ada@example.com' }, { now: at(1) }),
    ).toMatchObject({
      allowed: false,
      reason: 'the person is not a member of role `support-leads`',
    });
    expect(authorizeEscalation(policy, sev1, { role: 'ciso' }, { now: at(1) }).reason).toBe(
      'no initiation rule lets role `ciso` request an escalation',
    );
  });

  it('never quotes what the request says (ticket data), and refuses unknown destinations', () => {
    const sneaky = { role: 'call me at bob@corp.example', by: 'ada@example.com' };
    const answer = authorizeEscalation(policy, sev1, sneaky, { now: at(1) });
    expect(answer.reason).toBe("the role is not one of the policy's roles");
    expect(JSON.stringify(answer)).not.toContain('bob@');
    expect(authorizeEscalation(policy, sev1, { ...request, to: 'nowhere' }, { now: at(1) }).reason).toBe(
      "the destination is not one of the policy's queues",
    );
    expect(authorizeEscalation(policy, 42, request, { now: at(1) }).issues.map((i) => i.code)).toEqual([
      'invalid_ticket',
    ]);
  });

  it('allows everything when the policy has no initiation rules, and never throws on bad tickets', () => {
    const open = policyWith();
    expect(authorizeEscalation(open, sev1, request, { now: at(1) }).allowed).toBe(true);
    for (const ticket of [undefined, null, 42, 'x', { events: 'x' }]) {
      expect(() => authorizeEscalation(policy, ticket, request, { now: at(1) })).not.toThrow();
    }
    expect(() => authorizeEscalation(policy, sev1, {} as never, { now: at(1) })).toThrow(TypeError);
    expect(() => authorizeEscalation(MINIMAL as never, sev1, request, { now: at(1) })).toThrow(TypeError);
  });
});

describe('approval gates', () => {
  const gated = (
    gate: Draft,
    extra: (d: Draft) => void = () => undefined,
  ): ReturnType<typeof compilePolicy> =>
    policyWith((d) => {
      // `when: false`: required only when a rule asks for it (or by `on`, which replaces it).
      const { on } = gate;
      d.approvals = {
        gates: [
          { id: 'exec', approvers: ['directors'], ...(on === undefined ? { when: false } : {}), ...gate },
        ],
      };
      d.escalation.rules = [
        { id: 'ask', on: { severityBecomes: 'sev1' }, actions: [{ kind: 'requestApproval', gate: 'exec' }] },
        {
          id: 'tell',
          on: { severityBecomes: 'sev1' },
          actions: [{ kind: 'sendUpdate', audience: 'customer', template: 'update' }],
        },
      ];
      extra(d);
    });
  const decide = (type: string, by: string, minutes: number): Record<string, unknown> => ({
    type,
    at: at(minutes),
    gate: 'exec',
    by,
  });
  const approval = (decision: Decision): Decision['approvals'][number] | undefined => decision.approvals[0];

  it('is not required until asked for, then pending with its deadline, then granted by quorum', () => {
    const policy = gated({ quorum: 2, within: '30m' });
    const sev2 = evaluate(policy, { ...sev1, subject: 'Question' }, { now: at(1) });
    expect(approval(sev2)).toEqual({
      gate: 'exec',
      status: 'not_required',
      approvers: [],
      quorum: '2',
      granted: [],
      rejected: [],
      requiredAt: null,
      reason: 'not required for this ticket',
    });
    const pending = evaluate(policy, sev1, { now: at(1) });
    expect(approval(pending)).toMatchObject({
      status: 'pending',
      approvers: ['dir1@example.com', 'dir2@example.com', 'dir3@example.com'],
      requiredAt: T0,
      dueAt: at(30),
      reason: 'waiting for 2 more of 2 grants',
    });
    expect(pending.actions[0]).toMatchObject({
      kind: 'requestApproval',
      targets: ['dir1@example.com', 'dir2@example.com', 'dir3@example.com'],
      payload: { gate: 'exec', approvers: ['directors'], quorum: '2' },
    });
    // After the first-response breach (14:15), the approval deadline is the next change.
    expect(evaluate(policy, sev1, { now: at(20) }).nextEvaluationAt).toBe(at(30));
    const granted = evaluate(
      policy,
      {
        ...sev1,
        events: [
          decide('approvalGranted', 'dir1@example.com', 5),
          decide('approvalGranted', 'dir3@example.com', 7),
        ],
      },
      { now: at(8) },
    );
    expect(approval(granted)).toMatchObject({
      status: 'granted',
      granted: ['dir1@example.com', 'dir3@example.com'],
      decidedAt: at(7),
    });
  });

  it('rejects once the quorum can no longer be reached, and ignores non-approvers', () => {
    const policy = gated({ quorum: 'all' });
    const decision = evaluate(
      policy,
      {
        ...sev1,
        events: [
          decide('approvalGranted', 'mallory@example.com', 2),
          decide('approvalRejected', 'dir2@example.com', 3),
        ],
      },
      { now: at(4) },
    );
    expect(approval(decision)).toMatchObject({
      status: 'rejected',
      rejected: ['dir2@example.com'],
      decidedAt: at(3),
    });
    expect(decision.issues).toEqual([
      {
        code: 'approval_ignored',
        severity: 'warning',
        path: ['events', 0, 'by'],
        message: 'approval decision ignored: the person is not an approver of gate `exec`',
      },
    ]);
    // `50%` of 3 approvers is 2; one rejection leaves 2 possible grants.
    const half = gated({ quorum: '50%' });
    const still = evaluate(
      half,
      { ...sev1, events: [decide('approvalRejected', 'dir2@example.com', 3)] },
      { now: at(4) },
    );
    expect(approval(still)).toMatchObject({ status: 'pending', quorum: '50%' });
  });

  it('applies onTimeout at the deadline: approve, reject, or expire and escalate', () => {
    expect(
      approval(evaluate(gated({ within: '30m', onTimeout: 'approve' }), sev1, { now: at(31) })),
    ).toMatchObject({
      status: 'granted',
      decidedAt: at(30),
    });
    expect(
      approval(evaluate(gated({ within: '30m', onTimeout: 'reject' }), sev1, { now: at(31) })),
    ).toMatchObject({
      status: 'rejected',
    });
    const policy = gated({ within: '30m', onTimeout: 'escalate', escalateToRole: 'ciso' });
    const before = evaluate(policy, sev1, { now: at(10) });
    expect(before.upcoming.map((a) => [a.key, a.dueAt])).toEqual([[`T-1/exec/${T0}/timeout/0`, at(30)]]);
    const expired = evaluate(policy, sev1, { now: at(31) });
    expect(approval(expired)).toMatchObject({ status: 'expired' });
    expect(expired.actions.at(-1)).toMatchObject({
      key: `T-1/exec/${T0}/timeout/0`,
      kind: 'requestApproval',
      dueAt: at(30),
      targets: ['cis@example.com'],
      ruleId: 'exec',
      payload: { gate: 'exec', role: 'ciso', escalated: true },
    });
    // Once expired, the escalation role decides alone.
    const decided = evaluate(
      policy,
      { ...sev1, events: [decide('approvalGranted', 'cis@example.com', 40)] },
      { now: at(41) },
    );
    expect(approval(decided)).toMatchObject({ status: 'granted', granted: ['cis@example.com'] });
  });

  it('withholds the action kinds it blocks until granted, and marks blocked updates', () => {
    const policy = gated({ blocks: ['sendUpdate'] }, (d) => {
      d.communication.cadence = [
        { id: 'cust', severity: 'sev1', audience: 'customer', every: '30m', template: 'update' },
      ];
    });
    const pending = evaluate(policy, sev1, { now: at(1) });
    expect(pending.actions.map((a) => a.kind)).toEqual(['requestApproval']);
    expect(pending.withheld).toEqual([
      {
        key: 'T-1/tell/sev1/0/0',
        kind: 'sendUpdate',
        dueAt: T0,
        ruleId: 'tell',
        reason: 'escalation rule `tell` fired',
        gate: 'exec',
      },
    ]);
    expect(pending.communication[0]?.blockedBy).toBe('exec');
    // Recording the request as performed does not release the gate.
    const asked = {
      ...sev1,
      events: pending.actions.map((a) => ({ type: 'actionPerformed', at: at(1), key: a.key })),
    };
    const stillPending = evaluate(policy, asked, { now: at(2) });
    expect(approval(stillPending)?.status).toBe('pending');
    expect(stillPending.actions).toEqual([]);
    expect(stillPending.withheld.map((a) => a.kind)).toEqual(['sendUpdate']);
    const granted = evaluate(
      policy,
      { ...sev1, events: [decide('approvalGranted', 'dir2@example.com', 5)] },
      { now: at(6) },
    );
    expect(granted.withheld).toEqual([]);
    expect(granted.actions.map((a) => a.kind)).toEqual(['requestApproval', 'sendUpdate']);
    expect(granted.communication[0]?.blockedBy).toBeUndefined();
  });

  it('guards a severity downgrade: the override waits for approval', () => {
    const policy = gated({ on: 'severityDowngrade', from: 'sev1', approvers: ['support-leads'] }, (d) => {
      d.escalation.rules = [];
    });
    const downgrade = {
      ...sev1,
      events: [
        { type: 'severityOverridden', at: at(10), severity: 'sev2', by: 'ada@example.com', reason: 'minor' },
      ],
    };
    const pending = evaluate(policy, downgrade, { now: at(11) });
    expect(pending.severity).toMatchObject({ id: 'sev1', source: 'rule', suggested: 'sev1' });
    expect(pending.severity.reason).toBe('the override to `sev2` awaits approval gate `exec`; `sev1` stands');
    expect(pending.issues.map((i) => i.code)).toEqual(['override_pending']);
    expect(approval(pending)).toMatchObject({ status: 'pending', requiredAt: at(10) });
    const granted = evaluate(
      policy,
      { ...downgrade, events: [...downgrade.events, decide('approvalGranted', 'grace@example.com', 12)] },
      { now: at(13) },
    );
    expect(granted.severity).toMatchObject({ id: 'sev2', source: 'override', reason: 'minor' });
    // Filing the same override again does not get past the gate, and keeps its deadline.
    const twice = {
      ...downgrade,
      events: [
        ...downgrade.events,
        {
          type: 'severityOverridden',
          at: at(12),
          severity: 'sev2',
          by: 'ada@example.com',
          reason: 'still minor',
        },
      ],
    };
    const still = evaluate(policy, twice, { now: at(13) });
    expect(still.severity.id).toBe('sev1');
    expect(approval(still)).toMatchObject({ status: 'pending', requiredAt: at(10) });
    // An upgrade is not guarded by a downgrade gate.
    const upgrade = {
      ...downgrade,
      subject: 'Question',
      events: [{ ...downgrade.events[0], severity: 'sev1' }],
    };
    expect(evaluate(policy, upgrade, { now: at(11) }).severity.id).toBe('sev1');
  });
});

describe('communication cadence', () => {
  const policy = policyWith((d) => {
    d.communication.cadence = [
      { id: 'cust', severity: 'sev1', audience: 'customer', every: '30m', template: 'update' },
      { id: 'int', severity: 'sev1', audience: 'internal', every: '1h', template: 'brief' },
      {
        id: 'biz',
        severity: 'sev2',
        audience: 'customer',
        every: '2h',
        template: 'update',
        calendar: 'us-business',
      },
    ];
  });

  it('owes each audience an update every interval from the severity start, rendered', () => {
    const decision = evaluate(policy, sev1, { now: at(10) });
    expect(decision.communication).toEqual([
      {
        cadence: 'cust',
        audience: 'customer',
        dueAt: at(30),
        overdue: false,
        template: 'update',
        subject: '[T-1] Critical update',
        rendered: `Hello c-1, Checkout is down is open. Missing: []. Next update by ${at(60)}.`,
      },
      {
        cadence: 'int',
        audience: 'internal',
        dueAt: at(60),
        overdue: false,
        template: 'brief',
        rendered: 'sev1 on checkout, owner support-agents (ada@example.com), contact ',
      },
    ]);
    // The first-response breach (15m) comes before any update is due.
    expect(decision.nextEvaluationAt).toBe(at(15));
  });

  it('restarts at each update to the audience (public agent replies count for customers)', () => {
    const history = {
      ...sev1,
      events: [
        { type: 'updateSent', at: at(20), audience: 'customer' },
        { type: 'replied', at: at(25), author: 'agent', public: true },
        { type: 'updateSent', at: at(40), audience: 'executive' },
      ],
    };
    const decision = evaluate(policy, history, { now: at(70) });
    expect(decision.communication.map((c) => [c.cadence, c.dueAt, c.overdue])).toEqual([
      ['cust', at(55), true],
      ['int', at(60), true],
    ]);
  });

  it('prefers a cadence for the severity over a `*` cadence for the same audience', () => {
    const starred = policyWith((d) => {
      d.communication.cadence = [
        { id: 'any-internal', severity: '*', audience: 'internal', every: '2h', template: 'brief' },
        { id: 'sev1-internal', severity: 'sev1', audience: 'internal', every: '1h', template: 'brief' },
      ];
    });
    expect(evaluate(starred, sev1, { now: at(1) }).communication.map((c) => c.cadence)).toEqual([
      'sev1-internal',
    ]);
    const plain = { ...sev1, subject: 'Question' };
    expect(evaluate(starred, plain, { now: at(1) }).communication.map((c) => [c.cadence, c.dueAt])).toEqual([
      ['any-internal', at(120)],
    ]);
  });

  it('counts business time on a cadence calendar, and owes nothing once resolved', () => {
    // Sev2 at Monday 16:00 New York: 1 business hour left that day, then Tuesday 09:00–10:00.
    const late = { ...sev1, subject: 'Question', createdAt: '2026-03-09T20:00:00Z' };
    expect(evaluate(policy, late, { now: '2026-03-09T20:05:00Z' }).communication.map((c) => c.dueAt)).toEqual(
      ['2026-03-10T14:00:00.000Z'],
    );
    const resolved = {
      ...sev1,
      status: 'resolved',
      events: [{ type: 'statusChanged', at: at(5), status: 'resolved' }],
    };
    expect(evaluate(policy, resolved, { now: at(10) }).communication).toEqual([]);
  });
});

describe('redaction of emitted strings', () => {
  const policy = policyWith((d) => {
    d.redaction = { fields: ['fields.contactEmail'], patterns: ['email', 'cardNumber'] };
    d.escalation.rules = [
      {
        id: 'brief',
        on: { event: 'created' },
        actions: [{ kind: 'notify', to: ['owner'], template: 'brief' }],
      },
      {
        id: 'receipt',
        on: { event: 'created' },
        actions: [{ kind: 'sendUpdate', audience: 'customer', template: 'update' }],
      },
    ];
  });

  it('masks redacted fields and named patterns in rendered templates and reasons', () => {
    const ticket = {
      ...sev1,
      subject: 'Card 4111 1111 1111 1111 declined, mail me at jane.doe@example.com',
      fields: { contactEmail: 'jane@corp.example' },
      events: [
        {
          type: 'severityOverridden',
          at: at(1),
          severity: 'sev1',
          by: 'x',
          reason: 'jane@corp.example says so',
        },
      ],
    };
    const decision = evaluate(policy, ticket, { now: at(2) });
    const text = JSON.stringify(decision);
    expect(text).not.toContain('jane');
    expect(text).not.toContain('4111');
    // The owner's address is an email too.
    expect(decision.actions[0]?.payload.body).toBe(
      'sev1 on checkout, owner support-agents ([redacted]), contact [redacted]',
    );
    expect(decision.severity.reason).toBe('[redacted] says so');
  });
});

describe('owners on call and degraded decisions', () => {
  it('says when the owner’s shift ends, and wakes then', () => {
    const policy = policyWith((d) => {
      d.schedules = {
        primary: {
          timezone: 'UTC',
          layers: [
            { start: '2026-03-09T00:00Z', turn: '12h', members: ['ada@example.com', 'bob@example.com'] },
          ],
        },
      };
      d.roles['support-agents'] = { schedule: 'primary' };
    });
    const decision = evaluate(policy, { ...sev1, subject: 'Question' }, { now: at(5) });
    expect(decision.routing.owner).toEqual({
      role: 'support-agents',
      members: ['bob@example.com'],
      shiftEndsAt: '2026-03-10T00:00:00.000Z',
    });
    expect(decision.routing.secondary?.shiftEndsAt).toBeNull();
  });

  it('tells the fallback roles once about a degraded decision', () => {
    const policy = policyWith((d) => {
      d.fallback.notify = ['duty-manager'];
    });
    const decision = evaluate(policy, { ...sev1, createdAt: 'yesterday' }, { now: at(5) });
    expect(decision.status).toBe('degraded');
    expect(decision.actions).toEqual([
      {
        key: 'T-1/fallback/invalid_field',
        kind: 'notify',
        dueAt: at(5),
        targets: ['dora@example.com'],
        ruleId: 'fallback',
        reason: 'the ticket could not be fully decided (`invalid_field`): a person must look at it',
        payload: { roles: ['duty-manager'], issues: ['invalid_field'] },
      },
    ]);
    const performed = {
      ...sev1,
      createdAt: 'yesterday',
      events: [{ type: 'actionPerformed', at: at(6), key: 'T-1/fallback/invalid_field' }],
    };
    expect(evaluate(policy, performed, { now: at(7) }).actions).toEqual([]);
  });
});
