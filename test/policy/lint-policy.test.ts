import { describe, expect, it } from 'vitest';
import { compilePolicy, formatIssues, lintPolicy, type Issue } from '../../src/index.js';
import { MINIMAL } from '../support/policies.js';

// Drafts are invalid policies on purpose: tests reach into them freely.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment */
type Draft = Record<string, any>;

function lint(edit: (draft: Draft) => void, now?: string): Issue[] {
  const draft = structuredClone(MINIMAL) as Draft;
  edit(draft);
  return lintPolicy(compilePolicy(draft), now === undefined ? {} : { now });
}

function lines(edit: (draft: Draft) => void, now?: string): string[] {
  const found = lint(edit, now);
  return found.length === 0 ? [] : formatIssues(found).split('\n');
}

const subject = { var: 'ticket.subject' };
const rule = (id: string, when: unknown, severity = 'sev2'): Draft => ({ id, when, severity, reason: id });

describe('lintPolicy', () => {
  it('finds nothing in a clean policy, and every finding is a warning with a code and path', () => {
    expect(lint(() => undefined)).toEqual([]);
    const found = lint((d) => {
      d.classification.rules.unshift(rule('everything', true));
    });
    expect(found).toEqual([
      {
        code: 'shadowed_rule',
        severity: 'warning',
        path: ['classification', 'rules', 1],
        message: 'rule `outage` can never match: rule `everything` before it matches every ticket',
        ruleId: 'outage',
      },
    ]);
  });

  it('finds first-match rules shadowed by identical, broader or always-true earlier rules', () => {
    expect(
      lines((d) => {
        d.classification.rules = [
          rule('outage', { containsAny: [subject, ['outage', 'down']] }, 'sev1'),
          rule('same', { containsAny: [subject, ['outage', 'down']] }),
          rule('narrower-words', { containsAny: [subject, ['Down']] }),
          rule('conjunction', {
            and: [{ '===': [{ var: 'ticket.service' }, 'api'] }, { containsAny: [subject, ['outage']] }],
          }),
          rule('big', { '>=': [{ var: 'ticket.impact.usersAffected' }, 1000] }, 'sev1'),
          rule('bigger', { '>': [{ var: 'ticket.impact.usersAffected' }, 5000] }),
          rule('smaller', { '>=': [{ var: 'ticket.impact.usersAffected' }, 100] }),
          rule('tier', { in: [{ var: 'ticket.customer.tier' }, ['enterprise', 'business']] }),
          rule('enterprise', { in: [{ var: 'ticket.customer.tier' }, ['enterprise']] }),
          rule('either', {
            or: [
              { in: [{ var: 'ticket.customer.tier' }, ['business']] },
              { containsAny: [subject, ['down']] },
            ],
          }),
        ];
      }),
    ).toEqual([
      'classification.rules[1]: rule `same` can never match: every ticket it matches is matched first by rule `outage` (warning)',
      'classification.rules[2]: rule `narrower-words` can never match: every ticket it matches is matched first by rule `outage` (warning)',
      'classification.rules[3]: rule `conjunction` can never match: every ticket it matches is matched first by rule `outage` (warning)',
      'classification.rules[5]: rule `bigger` can never match: every ticket it matches is matched first by rule `big` (warning)',
      'classification.rules[8]: rule `enterprise` can never match: every ticket it matches is matched first by rule `tier` (warning)',
      'classification.rules[9]: rule `either` can never match: every ticket it matches is matched first by one of the rules before it (warning)',
    ]);
  });

  it('finds queues after a queue that takes every ticket, and accepts a reviewed finding with `ignore`', () => {
    const edit = (d: Draft): void => {
      d.routing.queues.push({
        id: 'billing',
        serviceLine: 'billing',
        when: { '==': [{ var: 'ticket.service' }, 'billing'] },
        owners: d.routing.queues[0].owners,
      });
    };
    expect(lines(edit)).toEqual([
      'routing.queues[1]: queue `billing` can never match: queue `general` before it matches every ticket (warning)',
    ]);
    expect(
      lines((d) => {
        edit(d);
        d.routing.queues[1].ignore = ['shadowed_rule'];
      }),
    ).toEqual([]);
  });

  it('finds targets that can never apply and severities without a target', () => {
    expect(
      lines((d) => {
        d.severities.push({ id: 'sev3', name: 'Medium', definition: 'Partial issue with a workaround.' });
        d.sla.targets = [
          { id: 'sev1-any', severity: 'sev1', calendar: 'always-on', metrics: { resolution: '4h' } },
          {
            id: 'sev1-enterprise',
            severity: 'sev1',
            tier: 'enterprise',
            calendar: 'always-on',
            metrics: { resolution: '2h' },
          },
          { id: 'sev2', severity: ['sev2'], calendar: 'us-business', metrics: { resolution: '8h' } },
        ];
      }),
    ).toEqual([
      'sla.targets[1]: target `sev1-enterprise` can never apply: target `sev1-any` before it matches every ticket it matches (warning)',
      'severities[2]: severity `sev3` has no SLA target (warning)',
    ]);
  });

  it('finds lead-time warnings that come at or before the clock starts', () => {
    expect(
      lines((d) => {
        d.sla.warnAt = ['75%', '1h before'];
      }),
    ).toEqual([
      'sla.targets[0].metrics.firstResponse: target `sev1`: the `1h before` warning of `firstResponse` comes at or before the clock starts (target 15m) (warning)',
    ]);
  });

  it('finds clock triggers on metrics no target defines', () => {
    expect(
      lines((d) => {
        d.escalation = {
          rules: [
            {
              id: 'ack',
              on: { clock: 'acknowledge', at: 'breach' },
              actions: [{ kind: 'notify', to: ['owner'] }],
            },
          ],
        };
      }),
    ).toEqual([
      'escalation.rules[0].on.clock: rule `ack` watches the `acknowledge` clock, which no SLA target defines (warning)',
    ]);
  });

  it('finds clock triggers whose lead time is as long as a target they watch', () => {
    expect(
      lines((d) => {
        d.escalation = {
          rules: [
            {
              id: 'early',
              on: { clock: 'firstResponse', at: '1h before' },
              actions: [{ kind: 'notify', to: ['owner'] }],
            },
          ],
        };
      }),
    ).toEqual([
      'escalation.rules[0].on.at: rule `early`: `1h before` comes at or before the `firstResponse` clock starts for target `sev1` (15m) (warning)',
    ]);
  });

  it('finds calendars whose dated holidays miss the current year (only given `now`)', () => {
    const edit = (d: Draft): void => {
      d.calendars['us-business'].holidays = [
        { date: '2025-12-25' },
        { from: '2026-12-24', to: '2026-12-26' },
        { annual: '01-01' },
      ];
    };
    expect(lines(edit)).toEqual([]);
    expect(lines(edit, '2026-06-01T00:00:00Z')).toEqual([]);
    // From October, next year's dates are due too.
    expect(lines(edit, '2026-10-01T00:00:00Z')).toEqual([
      "calendars.us-business.holidays: calendar `us-business` lists dated holidays only for 2025–2026, none in 2027: add next year's, or use `annual` dates (warning)",
    ]);
    expect(lines(edit, '2027-03-01T00:00:00Z')).toEqual([
      "calendars.us-business.holidays: calendar `us-business` lists dated holidays only for 2025–2026, none in 2027: add this year's, or use `annual` dates (warning)",
    ]);
  });

  it('finds roles that resolve to nobody, and gates they leave without approvers', () => {
    expect(
      lines((d) => {
        d.roles['night-shift'] = { schedule: 'nights' };
        d.schedules = {
          nights: {
            timezone: 'UTC',
            layers: [{ start: '2026-01-05T00:00', turn: '1w', members: ['a'], restrictions: {} }],
          },
        };
        d.routing.queues[0].owners.sev1 = { primary: 'night-shift', secondary: 'support-leads' };
        d.approvals = {
          gates: [
            { id: 'night', when: true, approvers: ['night-shift'] },
            { id: 'two', when: true, approvers: ['support-leads'], quorum: 2 },
          ],
        };
      }),
    ).toEqual([
      'roles.night-shift.schedule: role `night-shift` resolves to nobody: every layer of schedule `nights` is restricted to hours that never come (warning)',
      'routing.queues[0].owners.sev1: queue `general`: owner role `night-shift` resolves to nobody (warning)',
      'approvals.gates[0].approvers: gate `night` can never be granted: its approvers resolve to nobody (warning)',
      'approvals.gates[1].quorum: gate `two` needs 2 approvals but its approver roles have 1 people (warning)',
    ]);
  });

  it('finds ownership that returns to a role that already had it', () => {
    const transfers = (d: Draft, ...to: string[]): void => {
      d.escalation = {
        rules: to.map((role, index) => ({
          id: `transfer-${String(index)}`,
          on: { unacknowledgedFor: `${String(10 * (index + 1))}m` },
          actions: [{ kind: 'transferOwnership', to: role }],
        })),
      };
    };
    // Time-bound ownership to the secondary, then a manager: no cycle.
    expect(
      lines((d) => {
        d.roles.managers = { members: ['mary@example.com'] };
        transfers(d, 'secondary', 'managers');
      }),
    ).toEqual([]);
    // A conditional transfer may not apply: it is left out of the chain.
    expect(
      lines((d) => {
        transfers(d, 'secondary', 'support-agents');
        d.escalation.rules[1].when = { '==': [{ var: 'severity' }, 'sev1'] };
      }),
    ).toEqual([]);
    expect(
      lines((d) => {
        transfers(d, 'secondary', 'support-agents');
      }),
    ).toEqual([
      'routing.queues[0].owners["*"]: queue `general`: ownership of `*` tickets returns to a role that already had it (support-agents → support-leads → support-agents) (warning)',
    ]);
    expect(
      lines((d) => {
        d.routing.queues[0].owners['*'].secondary = 'support-agents';
      }),
    ).toEqual([
      'routing.queues[0].owners["*"]: queue `general`: ownership of `*` tickets returns to a role that already had it (support-agents → support-agents) (warning)',
    ]);
  });

  it('finds queues without an owner for some severity', () => {
    expect(
      lines((d) => {
        d.routing.queues[0].owners = { sev1: { primary: 'support-leads' } };
      }),
    ).toEqual([
      'routing.queues[0].owners: queue `general` has no owner for `sev2` (add them or `*`) (warning)',
    ]);
  });

  it('finds an overdue governance review (only given `now`), counting months by the calendar', () => {
    const edit = (d: Draft): void => {
      d.governance = { owner: 'support-ops', reviewedAt: '2026-01-31', reviewEvery: '1mo' };
    };
    expect(lines(edit)).toEqual([]);
    expect(lines(edit, '2026-02-28T23:59:59Z')).toEqual([]);
    expect(lines(edit, '2026-03-02T00:00:00Z')).toEqual([
      'governance.reviewedAt: policy review overdue since 2026-02-28 (2 days): last reviewed 2026-01-31, every 1mo (warning)',
    ]);
  });

  it('includes the compile warnings first', () => {
    const found = lint((d) => {
      d.calendars.never = { timezone: 'UTC', weekly: {} };
      d.classification.rules.unshift(rule('everything', 1));
    });
    expect(found.map((f) => f.code)).toEqual(['calendar_never_open', 'shadowed_rule']);
  });

  it('throws at once on a programmer error', () => {
    const policy = compilePolicy(MINIMAL);
    expect(() => lintPolicy(policy, { now: 'yesterday' })).toThrow(RangeError);
    expect(() => lintPolicy({} as never)).toThrow(
      new TypeError('lintPolicy: expected a policy from compilePolicy'),
    );
  });
});
