import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PolicyError,
  compilePolicy,
  formatIssues,
  lintPolicy,
  safeCompilePolicy,
  type Issue,
  type PolicyDocument,
} from '../../src/index.js';
import { modelOf } from '../../src/policy/index.js';
import { deepFreeze } from '../../src/internal/index.js';
import { MINIMAL } from '../support/policies.js';
import { thrown } from '../support/thrown.js';

// Drafts are invalid policies on purpose: tests reach into them freely.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-assignment */
type Draft = Record<string, any>;

/** MINIMAL, changed by `edit` (on a copy). */
function variant(edit: (draft: Draft) => void): unknown {
  const draft = structuredClone(MINIMAL) as Draft;
  edit(draft);
  return draft;
}

/** The issues of a policy that must not compile. */
function issuesOf(input: unknown): readonly Issue[] {
  const result = safeCompilePolicy(input);
  if (result.success) throw new Error('expected the policy not to compile');
  return result.issues;
}

/** The issues formatted one per line (`path: message`). */
function lines(input: unknown): string[] {
  return formatIssues(issuesOf(input)).split('\n');
}

function codes(input: unknown): string[] {
  return issuesOf(input).map((issue) => issue.code);
}

describe('compilePolicy', () => {
  it('compiles a valid policy into an immutable policy with its id, version and definition', () => {
    const policy = compilePolicy(MINIMAL);
    expect(policy.id).toBe('minimal');
    expect(policy.version).toBe('1');
    expect(policy.definition).toEqual(MINIMAL);
    expect(policy.warnings).toEqual([]);
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.definition.sla.targets[0])).toBe(true);
    expect(Object.isFrozen(policy.definition.classification.rules[0]?.when)).toBe(true);
  });

  it('leaves its input untouched and shares nothing with it', () => {
    const input = structuredClone(MINIMAL) as Draft;
    const policy = compilePolicy(deepFreeze(structuredClone(MINIMAL)));
    expect(policy.definition).not.toBe(input);
    const editable = structuredClone(MINIMAL) as Draft;
    const fromEditable = compilePolicy(editable);
    editable.classification.rules[0].when.containsAny[1].push('broken');
    expect(fromEditable.definition.classification.rules[0]?.when).toEqual(
      MINIMAL.classification.rules[0]?.when,
    );
  });

  it('freezes nothing of its input, however large', () => {
    const input = JSON.parse(
      readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
    ) as unknown;
    const policy = compilePolicy(input);
    const frozen: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      if (Object.isFrozen(node)) frozen.push(path);
      for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
    };
    walk(input, '');
    expect(frozen).toEqual([]);
    expect(policy.definition).toEqual(input);
    expect(Object.isFrozen(policy.definition.routing.queues[3]?.when)).toBe(true);
  });

  it('throws a PolicyError that prints every issue on its own line with its path', () => {
    const error = thrown(() =>
      compilePolicy(
        variant((d) => {
          d.sla.targets[1].calendar = 'us-bizness';
          d.fallback.queue = 'genral';
        }),
      ),
    );
    expect(error).toBeInstanceOf(PolicyError);
    expect(error.message).toBe(
      [
        'invalid policy: 2 errors',
        'sla.targets[1].calendar: unknown calendar `us-bizness` (did you mean `us-business`?)',
        'fallback.queue: unknown queue `genral` (did you mean `general`?)',
      ].join('\n'),
    );
    expect(error).toMatchObject({ code: 'invalid_policy' });
  });

  it('names the function when given something that is not a compiled policy', () => {
    expect(() => modelOf({ id: 'x' }, 'evaluate')).toThrow(
      new TypeError('evaluate: expected a policy from compilePolicy'),
    );
    expect(() => lintPolicy(MINIMAL as never)).toThrow(TypeError);
  });
});

describe('safeCompilePolicy: shape', () => {
  it('never throws, and answers non-objects with one issue at the root', () => {
    for (const input of [undefined, null, 42, 'policy', [], true]) {
      const result = safeCompilePolicy(input);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.issues[0].path).toEqual([]);
    }
  });

  it('reports missing keys and unknown keys with suggestions, in document order', () => {
    expect(
      lines(
        variant((d) => {
          d.routing.queus = [];
          delete d.fallback;
          d.classification.rules[0].reson = d.classification.rules[0].reason;
          delete d.classification.rules[0].reason;
        }),
      ),
    ).toEqual([
      'classification.rules[0].reson: unknown key `reson` (did you mean `reason`?)',
      'classification.rules[0].reason: missing required key `reason`',
      'routing.queus: unknown key `queus` (did you mean `queues`?)',
      'fallback: missing required key `fallback`',
    ]);
  });

  it('reports a missing enum key as missing, at a path whose parent exists', () => {
    // zod calls a missing enum value `invalid_value`; found by mutating the reference policy.
    expect(
      lines(
        variant((d) => {
          d.communication = {
            templates: { update: { body: 'Update on {{ticket.id}}' } },
            cadence: [{ id: 'sev1-updates', severity: 'sev1', every: '1h', template: 'update' }],
          };
        }),
      ),
    ).toEqual(['communication.cadence[0].audience: missing required key `audience`']);
  });

  it('explains a union by the branch that fits: triggers, actions, metric targets, roles', () => {
    expect(
      lines(
        variant((d) => {
          d.escalation = {
            rules: [
              {
                id: 'a',
                on: { clock: 'firstResponse' },
                actions: [{ kind: 'notify', to: ['support-leads'] }],
              },
              { id: 'b', on: { unacknowledgedFor: '10m' }, actions: [{ kind: 'phone', role: 'x' }] },
            ],
          };
          d.roles['support-leads'] = { schedule: 5 };
        }),
      ),
    ).toEqual([
      'roles.support-leads.schedule: expected string, received number',
      'escalation.rules[0].on.at: missing required key `at`',
      'escalation.rules[1].actions[0].kind: expected an action whose `kind` is `notify`, `page`, `transferOwnership`, `escalateTo`, `requestApproval` or `sendUpdate`',
    ]);
  });
});

describe('safeCompilePolicy: ids and references', () => {
  it('requires kebab-case ids in lists and in record keys, including `__proto__`', () => {
    const input = JSON.parse(
      JSON.stringify(MINIMAL).replace(
        '"always-on":',
        '"__proto__": {"timezone":"UTC","weekly":"24x7"}, "always-on":',
      ),
    ) as Draft;
    input.severities[0].id = 'Sev1';
    input.roles.Leads = { members: ['x'] };
    expect(codes(input)).toContain('invalid_id');
    expect(lines(input).filter((line) => line.includes('invalid'))).toEqual([
      'calendars.__proto__: invalid calendar id `__proto__`: the name is reserved (it leads to prototypes in JavaScript)',
      'severities[0].id: invalid severity id `Sev1`: expected kebab-case (lowercase letters and digits joined by `-`), such as `us-business`',
      'roles.Leads: invalid role id `Leads`: expected kebab-case (lowercase letters and digits joined by `-`), such as `us-business`',
    ]);
    expect(Object.prototype).not.toHaveProperty('timezone');
  });

  it('reports duplicate ids with the index of the first use', () => {
    expect(
      lines(
        variant((d) => {
          d.severities.push({ id: 'sev1', name: 'Again', definition: 'Again.' });
          d.sla.targets[1].id = 'sev1';
        }),
      ).filter((line) => line.includes('duplicate')),
    ).toEqual([
      'severities[2].id: duplicate severity id `sev1`: already used by severity 0',
      'sla.targets[1].id: duplicate target id `sev1`: already used by target 0',
    ]);
  });

  it('reports every unknown reference with a suggestion when one is close', () => {
    const input = variant((d) => {
      d.classification.rules[0].severity = 'sev01';
      d.classification.default = 'sev9';
      d.routing.queues[0].owners = {
        sev2: { primary: 'support-agent', secondary: 'nobody-at-all' },
        sev3: { primary: 'support-agents' },
      };
      d.routing.default = 'genral';
      d.roles['on-call'] = { schedule: 'primry' };
      d.schedules = {
        primary: { timezone: 'UTC', layers: [{ start: '2026-01-05T09:00', turn: '1w', members: ['a'] }] },
      };
      d.sla.targets[0].calendar = 'alwayson';
      d.sla.targets[0].queue = ['general', 'billing'];
      d.tiers = [{ id: 'enterprise' }];
      d.sla.targets[1].tier = 'enterprize';
      d.approvals = {
        gates: [{ id: 'downgrade', on: 'severityDowngrade', from: 'sev1', approvers: ['leads'] }],
      };
      d.escalation = {
        rules: [
          {
            id: 'breach',
            on: { clock: 'firstResponse', at: 'breach' },
            actions: [
              { kind: 'requestApproval', gate: 'downgrad' },
              { kind: 'sendUpdate', audience: 'customer', template: 'update' },
              { kind: 'escalateTo', queue: 'tier-2' },
            ],
          },
        ],
      };
    });
    expect(lines(input)).toEqual([
      'classification.rules[0].severity: unknown severity `sev01` (did you mean `sev1`?)',
      'classification.default: unknown severity `sev9` (did you mean `sev1`?)',
      'routing.queues[0].owners.sev2.primary: unknown role `support-agent` (did you mean `support-agents`?)',
      'routing.queues[0].owners.sev2.secondary: unknown role `nobody-at-all`',
      'routing.queues[0].owners.sev3: unknown severity `sev3` (did you mean `sev1`?)',
      'routing.default: unknown queue `genral` (did you mean `general`?)',
      'roles.on-call.schedule: unknown schedule `primry` (did you mean `primary`?)',
      'sla.targets[0].calendar: unknown calendar `alwayson` (did you mean `always-on`?)',
      'sla.targets[0].queue[1]: unknown queue `billing`',
      'sla.targets[1].tier: unknown tier `enterprize` (did you mean `enterprise`?)',
      'approvals.gates[0].approvers[0]: unknown role `leads`',
      'escalation.rules[0].actions[0].gate: unknown gate `downgrad` (did you mean `downgrade`?)',
      'escalation.rules[0].actions[1].template: unknown template `update`',
      'escalation.rules[0].actions[2].queue: unknown queue `tier-2`',
    ]);
  });

  it('accepts `owner` and `secondary` where an action names a role, and `*` for owners and cadences', () => {
    const result = safeCompilePolicy(
      variant((d) => {
        d.escalation = {
          rules: [
            {
              id: 'unacked',
              on: { unacknowledgedFor: '10m' },
              actions: [
                { kind: 'notify', to: ['owner', 'secondary', 'support-leads'] },
                { kind: 'transferOwnership', to: 'secondary' },
                { kind: 'page', role: 'owner' },
              ],
            },
          ],
        };
        d.communication = {
          templates: { update: { body: 'Ticket {{ticket.id}} is {{ severity.name }}.' } },
          cadence: [{ id: 'all', severity: '*', audience: 'customer', every: '4h', template: 'update' }],
        };
      }),
    );
    expect(result.success).toBe(true);
  });
});

describe('safeCompilePolicy: values', () => {
  it('checks durations, thresholds and warnings with the path of each', () => {
    expect(
      lines(
        variant((d) => {
          d.sla.warnAt = ['50%', '100%', '3 hours before', '0m before'];
          d.sla.targets[0].metrics = {
            firstResponse: '3d',
            resolution: '0m',
            acknowledge: { target: '5m', warnAt: ['95%', 'soon'] },
          };
        }),
      ),
    ).toEqual([
      'sla.targets[0].metrics.firstResponse: invalid duration `3d`: days, weeks, months and years are not accepted: a business day is ambiguous (8 h? 24 h? until the next opening?), write hours such as `24h` or `8h`',
      'sla.targets[0].metrics.resolution: invalid target `0m`: it must be longer than zero',
      'sla.targets[0].metrics.acknowledge.warnAt[1]: invalid threshold `soon`: expected a percentage of the target such as `75%`, or a lead time such as `30m before`',
      // `warnAt` was added after `targets`: issues come in document order.
      'sla.warnAt[1]: invalid threshold `100%`: a percentage must be above `0%` and below `100%` (the breach itself)',
      'sla.warnAt[2]: invalid threshold `3 hours before`: invalid duration `3 hours`: expected a number and a unit (`h`, `m`, `s`, `ms`) such as `15m`, `4h`, `1h30m` or `PT1H30M`',
      'sla.warnAt[3]: invalid threshold `0m before`: the lead time must be above zero',
    ]);
  });

  it('refuses metrics in the wrong order unless the target accepts it with `ignore`', () => {
    const wrong = variant((d) => {
      d.sla.targets[0].metrics = {
        acknowledge: '30m',
        firstResponse: '15m',
        nextResponse: '8h',
        resolution: '4h',
      };
    });
    expect(lines(wrong)).toEqual([
      'sla.targets[0].metrics.acknowledge: target `sev1`: `acknowledge` (30m) is longer than `firstResponse` (15m); add `"ignore": ["metric_order"]` if intended',
      'sla.targets[0].metrics.nextResponse: target `sev1`: `nextResponse` (8h) is longer than `resolution` (4h); add `"ignore": ["metric_order"]` if intended',
    ]);
    expect(issuesOf(wrong)[0]?.ruleId).toBe('sev1');
    const accepted = variant((d) => {
      d.sla.targets[0].metrics = { acknowledge: '30m', firstResponse: '15m', resolution: '4h' };
      d.sla.targets[0].ignore = ['metric_order'];
    });
    expect(safeCompilePolicy(accepted).success).toBe(true);
  });

  it('only lets `ignore` list known codes that are reported on that kind of rule', () => {
    expect(
      lines(
        variant((d) => {
          d.classification.rules[0].ignore = ['shadowed-rule', 'unknown_role', 'shadowed_rule'];
          d.routing.queues[0].ignore = ['review_overdue'];
        }),
      ),
    ).toEqual([
      'classification.rules[0].ignore[0]: unknown issue code `shadowed-rule` (did you mean `shadowed_rule`?)',
      'classification.rules[0].ignore[1]: issue code `unknown_role` is never reported on a rule: it may ignore `shadowed_rule`',
      'routing.queues[0].ignore[0]: issue code `review_overdue` is never reported on a queue: it may ignore `shadowed_rule`, `ownership_cycle`, `queue_without_owner`, `role_without_members`',
    ]);
  });

  it('refuses a status that both pauses and resolves, wherever it is listed, and an empty resolvedOn', () => {
    expect(
      lines(
        variant((d) => {
          d.sla.pauseOn = { default: ['pending'], resolution: ['resolved'] };
          d.sla.targets[0].metrics.firstResponse = { target: '15m', pauseOn: ['on-hold', 'closed'] };
        }),
      ),
    ).toEqual([
      'sla.targets[0].metrics.firstResponse.pauseOn[1]: status `closed` both pauses and resolves (it is in `resolvedOn`)',
      'sla.pauseOn.resolution[0]: status `resolved` both pauses and resolves (it is in `resolvedOn`)',
    ]);
    expect(lines(variant((d) => (d.sla.pauseOn = ['resolved'])))).toEqual([
      'sla.pauseOn[0]: status `resolved` both pauses and resolves (it is in `resolvedOn`)',
    ]);
    expect(lines(variant((d) => (d.sla.resolvedOn = [])))).toEqual([
      'sla.resolvedOn: expected at least one status',
    ]);
  });

  it('reserves the role ids `owner` and `secondary`, which actions use for the ticket', () => {
    expect(
      lines(
        variant((d) => {
          d.roles.owner = { members: ['x'] };
          d.roles.secondary = { members: ['y'] };
        }),
      ),
    ).toEqual([
      "roles.owner: invalid role id `owner`: the name is reserved (actions use it for the ticket's owner)",
      "roles.secondary: invalid role id `secondary`: the name is reserved (actions use it for the ticket's secondary owner)",
    ]);
  });

  it('compiles conditions and reports their issues at the path of the node', () => {
    expect(
      lines(
        variant((d) => {
          d.classification.rules[0].when = {
            and: [{ method: [{ var: 'ticket' }, 'toString'] }, { regex: ['a', 'b'] }],
          };
          d.routing.queues[0].when = { containsAny: [{ var: 'ticket.subject' }] };
        }),
      ),
    ).toEqual([
      'classification.rules[0].when.and[0].method: operator `method` is not allowed: it calls a method of the data, which could reach code',
      'classification.rules[0].when.and[1].regex: unknown operator `regex`',
      expect.stringMatching(/^routing\.queues\[0\]\.when\.containsAny: /),
    ]);
  });

  it('checks the severity matrix dimensions, levels and cells', () => {
    expect(
      lines(
        variant((d) => {
          d.classification.matrix = {
            impact: { levels: ['high', 'low', 'high'], value: { var: 'ticket.fields.impact' } },
            urgency: { levels: ['high', 'low'], value: { var: 'ticket.fields.urgency' } },
            cells: [['sev1', 'sev2'], ['sev2']],
          };
        }),
      ),
    ).toEqual([
      'classification.matrix.impact.levels[2]: duplicate impact level `high`',
      'classification.matrix.cells: expected 3 rows (one per impact level), found 2',
      'classification.matrix.cells[1]: expected 2 cells (one per urgency level), found 1',
    ]);
  });

  it('checks approval gates: one of `when`/`on`, quorum, deadline and timeout', () => {
    expect(
      lines(
        variant((d) => {
          d.approvals = {
            gates: [
              { id: 'both', when: true, on: 'severityUpgrade', approvers: ['support-leads'] },
              { id: 'neither', approvers: ['support-leads'], from: 'sev1' },
              { id: 'quorum', when: true, approvers: ['support-leads'], quorum: '150%' },
              { id: 'count', when: true, approvers: ['support-leads'], quorum: 0 },
              { id: 'timeout', when: true, approvers: ['support-leads'], onTimeout: 'escalate' },
              {
                id: 'escalate-to',
                when: true,
                approvers: ['support-leads'],
                within: '30m',
                onTimeout: 'approve',
                escalateToRole: 'support-leads',
              },
            ],
          };
        }),
      ),
    ).toEqual([
      'approvals.gates[0]: a gate needs exactly one of `when` (a condition) or `on` (a severity change)',
      'approvals.gates[1]: a gate needs exactly one of `when` (a condition) or `on` (a severity change)',
      'approvals.gates[1].from: `from` and `to` only apply with `on`',
      'approvals.gates[2].quorum: invalid quorum `150%`: expected `any`, `all`, a count such as `2`, or a percentage such as `50%`',
      'approvals.gates[3].quorum: invalid quorum `0`: a count must be a whole number from 1',
      'approvals.gates[4].within: `onTimeout` needs a deadline: add `within`',
      'approvals.gates[4].escalateToRole: `onTimeout: "escalate"` needs the role to escalate to: add `escalateToRole`',
      'approvals.gates[5].escalateToRole: `escalateToRole` only applies with `onTimeout: "escalate"`',
    ]);
  });

  it('checks escalation triggers, repeats and actions', () => {
    expect(
      lines(
        variant((d) => {
          d.escalation = {
            rules: [
              { id: 'a', on: { clock: 'resolution', at: 'breach+1d' }, actions: [] },
              { id: 'b', on: { clock: 'resolution', at: '120%' }, actions: [{ kind: 'notify', to: [] }] },
              {
                id: 'c',
                on: { severityBecomes: ['sev1', 'sev7'] },
                actions: [{ kind: 'page', role: 'support-leads' }],
                repeat: { every: '0m', times: 1000 },
              },
              { id: 'd', on: { event: ' ' }, actions: [{ kind: 'page', role: 'support-leads' }] },
            ],
          };
        }),
      ),
    ).toEqual([
      'escalation.rules[0].on.at: invalid threshold `breach+1d`: invalid duration `1d`: days, weeks, months and years are not accepted: a business day is ambiguous (8 h? 24 h? until the next opening?), write hours such as `24h` or `8h`',
      'escalation.rules[0].actions: expected at least one action',
      'escalation.rules[1].on.at: invalid threshold `120%`: a percentage must be above `0%` and at most `100%`',
      'escalation.rules[1].actions[0].to: expected at least one role',
      'escalation.rules[2].on.severityBecomes[1]: unknown severity `sev7` (did you mean `sev1`?)',
      'escalation.rules[2].repeat.every: invalid duration `0m`: it must be longer than zero',
      'escalation.rules[2].repeat.times: invalid repeat count `1000`: expected a whole number from 1 to 100',
      'escalation.rules[3].on.event: the event type must not be empty',
    ]);
  });

  it('checks schedules: zone, layer start and turn, restrictions and overrides', () => {
    expect(
      lines(
        variant((d) => {
          d.roles['on-call'] = { schedule: 'primary' };
          d.schedules = {
            primary: {
              timezone: 'Europe/Berln',
              layers: [
                { start: '2026-01-05 09:00', turn: '1x', members: [] },
                {
                  start: '2026-01-05T09:00',
                  turn: '30s',
                  members: ['a'],
                  restrictions: { mon: [['09:00', '25:00']] },
                },
              ],
              overrides: [{ from: '2026-02-01T10:00', to: '2026-02-01T09:00', members: ['b'] }],
            },
          };
        }),
      ),
    ).toEqual([
      'schedules.primary.timezone: unknown time zone `Europe/Berln` (did you mean `Europe/Berlin`?): expected an IANA name such as `Europe/Berlin`',
      "schedules.primary.layers[0].start: invalid date-time `2026-01-05 09:00`: expected local `YYYY-MM-DDTHH:MM` in the schedule's zone, or an instant with an offset",
      'schedules.primary.layers[0].turn: invalid turn `1x`: expected hours such as `12h`, or whole days or weeks such as `1d` or `1w`',
      'schedules.primary.layers[0].members: expected at least one member',
      'schedules.primary.layers[1].turn: invalid turn `30s`: a turn lasts at least one minute',
      'schedules.primary.overrides[0].to: the override ends at or before it starts (`2026-02-01T10:00`)',
    ]);
  });

  it('reports restriction windows under the layer once the zone is valid', () => {
    expect(
      lines(
        variant((d) => {
          d.schedules = {
            primary: {
              timezone: 'Europe/Berlin',
              layers: [
                {
                  start: '2026-01-05T09:00Z',
                  turn: '12h',
                  members: ['a'],
                  restrictions: { mon: [['09:00', '25:00']] },
                },
              ],
            },
          };
        }),
      ),
    ).toEqual([
      'schedules.primary.layers[0].restrictions.mon[0][1]: invalid end time `25:00`: expected `HH:MM` from `00:00` to `24:00`',
    ]);
  });

  it('checks that template placeholders read what a decision offers, and nothing that moves with now', () => {
    expect(
      lines(
        variant((d) => {
          d.communication = {
            templates: {
              ok: {
                subject: '{{ticket.fields.anything}} {{severity.name}} {{routing.owner.members}}',
                body: '{{clocks.resolution.deadline}} {{update.nextAt}} {{policy.version}}',
              },
              bad: {
                subject: '{{severty.name}} {{evaluatedAt}}',
                body: '{{severity.nmae}} {{clocks.resolution.remainingMs}} {{routing.owner}} {{policy}} {{routing.queue.id}}',
              },
            },
          };
        }),
      ),
    ).toEqual([
      'communication.templates.bad.subject: invalid placeholder `severty.name`: unknown root `severty` (did you mean `severity`?); placeholders read `ticket`, `severity`, `routing`, `clocks`, `update` or `policy`',
      'communication.templates.bad.subject: invalid placeholder `evaluatedAt`: unknown root `evaluatedAt`; placeholders read `ticket`, `severity`, `routing`, `clocks`, `update` or `policy`',
      'communication.templates.bad.body: invalid placeholder `severity.nmae`: `severity` has no field `nmae`',
      'communication.templates.bad.body: invalid placeholder `clocks.resolution.remainingMs`: `clocks.resolution` has no field `remainingMs`',
      'communication.templates.bad.body: invalid placeholder `routing.owner`: name a field of `routing.owner`, such as `routing.owner.role`',
      'communication.templates.bad.body: invalid placeholder `policy`: name a field of `policy`, such as `policy.id`',
      'communication.templates.bad.body: invalid placeholder `routing.queue.id`: `routing.queue` has no fields',
    ]);
  });

  it('checks templates, cadences, required fields, redaction, runbooks and governance', () => {
    expect(
      lines(
        variant((d) => {
          d.classification.rules[0].runbooks = [{ title: 'x', url: 'javascript:alert(1)' }];
          d.communication = {
            templates: { brief: { audience: 'executive', body: 'Hi {{ticket.__proto__.x}} {{ticket.id' } },
            cadence: [
              { id: 'a', severity: 'sev1', audience: 'customer', every: '1h', template: 'brief' },
              {
                id: 'b',
                severity: ['sev2', 'sev1'],
                audience: 'customer',
                every: '2h',
                template: 'brief',
                calendar: 'us',
              },
            ],
          };
          d.requiredFields = [{ id: 'sev1', severity: 'sev1', fields: [{ path: 'impact..statement' }] }];
          d.redaction = { fields: ['customer.email'], patterns: ['email'], mask: '{{x}}' };
          d.governance = { owner: 'support-ops', reviewedAt: '2026-02-30', reviewEvery: '3 months' };
        }),
      ),
    ).toEqual([
      'classification.rules[0].runbooks[0].url: invalid link `javascript:alert(1)`: expected an absolute `https:` or `http:` URL',
      'communication.templates.brief.body: invalid placeholder: invalid path `ticket.__proto__.x`: `__proto__` is never readable',
      'communication.templates.brief.body: unbalanced `{{` or `}}` in template',
      'communication.cadence[1].severity: severity `sev1` already has a `customer` cadence (cadence 0)',
      'communication.cadence[1].calendar: unknown calendar `us`',
      'requiredFields[0].fields[0].path: invalid path `impact..statement`: expected keys joined by dots, such as `impact.statement`',
      'redaction.mask: the mask must not contain `{{`',
      'governance.reviewedAt: invalid date `2026-02-30`: expected a calendar date `YYYY-MM-DD`',
      'governance.reviewEvery: invalid period `3 months`: expected days, weeks, months or years such as `90d`, `12w`, `3mo`, `1y` or `P3M`',
      'communication.cadence[0].template: template `brief` is written for `executive`, not `customer` (warning)',
      'communication.cadence[1].template: template `brief` is written for `executive`, not `customer` (warning)',
    ]);
  });

  it('warns when an update is sent from a template written for another audience', () => {
    const result = safeCompilePolicy(
      variant((d) => {
        d.communication = {
          templates: { brief: { audience: 'executive', body: 'Sev1 on {{ticket.service}}' } },
        };
        d.escalation = {
          rules: [
            {
              id: 'tell',
              on: { severityBecomes: 'sev1' },
              actions: [{ kind: 'sendUpdate', audience: 'customer', template: 'brief' }],
            },
          ],
        };
      }),
    );
    expect(result.success && result.warnings).toEqual([
      {
        code: 'template_audience_mismatch',
        severity: 'warning',
        path: ['escalation', 'rules', 0, 'actions', 0, 'template'],
        message: 'template `brief` is written for `executive`, not `customer`',
      },
    ]);
  });

  it('keeps calendar warnings as compile warnings', () => {
    const result = safeCompilePolicy(
      variant((d) => {
        d.calendars.never = { timezone: 'UTC', weekly: {} };
      }),
    );
    expect(result.success).toBe(true);
    if (result.success)
      expect(result.warnings.map((w) => [w.code, w.path])).toEqual([
        ['calendar_never_open', ['calendars', 'never', 'weekly']],
      ]);
  });
});

describe('the compiled model', () => {
  it('precomputes calendars, conditions sharing one scope, and lookup tables', () => {
    const policy = compilePolicy(
      variant((d) => {
        d.sla.pauseOn = { default: ['pending'], resolution: ['on-hold'] };
        d.sla.warnAt = ['75%', '30m before'];
      }),
    );
    const model = modelOf(policy, 'test');
    expect([...model.calendars.keys()]).toEqual(['always-on', 'us-business']);
    expect([...model.severityRank]).toEqual([
      ['sev1', 0],
      ['sev2', 1],
    ]);
    const data = { ticket: { subject: 'Checkout is DOWN' } };
    model.scope.begin(data);
    expect(model.classification.rules[0]?.condition(data)).toBe(true);
    const [sev1] = model.sla.targets;
    expect(sev1?.metrics.map((m) => [m.metric, m.targetMs, [...m.pauseOn]])).toEqual([
      ['firstResponse', 900_000, ['pending']],
      ['resolution', 14_400_000, ['on-hold']],
    ]);
    expect(sev1?.metrics[0]?.warnAt).toEqual([
      { kind: 'fraction', fraction: 0.75 },
      { kind: 'offset', ms: -1_800_000 },
    ]);
    expect([...model.sla.resolvedOn]).toEqual(['resolved', 'closed']);
  });

  it('is the same for the same input (deterministic)', () => {
    const a = compilePolicy(MINIMAL);
    const b = compilePolicy(structuredClone(MINIMAL));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.definition).toEqual(b.definition satisfies PolicyDocument);
  });
});
