import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compilePolicy } from '../../src/index.js';
import {
  formatPolicyTestReport,
  policyTestsJsonSchema,
  runPolicyTests,
  type PolicyTestCase,
} from '../../src/testing/index.js';
import { SMALL, smallTicket } from './small-policy.js';

const policy = compilePolicy(SMALL);
const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const acme = compilePolicy(read('../../examples/policies/acme-saas.json'));
const acmeCases = read('../../examples/tests/acme-saas.cases.json') as { cases: PolicyTestCase[] };

// Four cases on the small policy (created 2026-03-02T12:00Z): two pass, one fails two
// expectations, one is not well formed.
const CASES: readonly unknown[] = [
  {
    name: 'an outage on payments is sev1 and pages the leads',
    ticket: smallTicket({ subject: 'Payments outage', service: 'payments' }),
    now: '2026-03-02T12:05:00Z',
    expect: {
      status: 'ok',
      severity: 'sev1',
      queue: 'payments',
      owner: 'agents',
      actions: [{ kind: 'page', role: 'leads', target: 'lee@example.com', dueAt: '2026-03-02T12:00:00Z' }],
      notActions: [{ ruleId: 'first-response-breach' }],
      approvals: { comms: 'pending', downgrade: 'not_required' },
      clocks: {
        firstResponse: { state: 'running', deadline: '2026-03-02T12:15:00Z' },
        resolution: { deadline: '2026-03-02T16:00:00Z', breachedAt: null },
      },
      nextEvaluationAt: '2026-03-02T12:15:00Z',
    },
  },
  {
    name: 'a VIP question waits past its first response',
    ticket: smallTicket({ subject: 'Question about invoices', tags: ['vip'] }),
    now: '2026-03-02T16:30:00Z',
    expect: {
      severity: 'sev2',
      queue: 'general',
      actions: [{ ruleId: 'first-response-breach', role: 'owner', target: 'ana@example.com' }],
      clocks: { firstResponse: { state: 'breached', breachedAt: '2026-03-02T16:00:00Z' }, resolution: null },
    },
  },
  {
    name: 'a question is wrongly expected to be sev2 on payments',
    ticket: smallTicket({ subject: 'A question' }),
    now: '2026-03-02T12:01:00Z',
    expect: {
      severity: 'sev2',
      queue: 'payments',
      clocks: { firstResponse: { deadline: '2026-03-02T16:00:00Z' } },
    },
  },
  { name: 'a case without now', ticket: smallTicket({}), expect: {} },
];

describe('runPolicyTests', () => {
  it('reports passing and failing cases with the path, values and message of each failure', () => {
    const report = runPolicyTests(policy, CASES);
    expect(report.passed).toBe(2);
    expect(report.failed).toBe(2);
    expect(report.results.map((r) => [r.index, r.name, r.passed])).toEqual([
      [0, 'an outage on payments is sev1 and pages the leads', true],
      [1, 'a VIP question waits past its first response', true],
      [2, 'a question is wrongly expected to be sev2 on payments', false],
      [3, 'a case without now', false],
    ]);
    expect(report.results[2]?.failures).toEqual([
      {
        path: ['expect', 'severity'],
        expected: 'sev2',
        actual: 'sev3',
        message: 'expected severity `sev2`, found `sev3` (rule `question`: a question)',
      },
      {
        path: ['expect', 'queue'],
        expected: 'payments',
        actual: 'general',
        message: expect.stringMatching(/^expected queue `payments`, found `general` \(/) as unknown,
      },
    ]);
    expect(report.results[3]?.failures).toEqual([
      {
        path: ['now'],
        expected: 'an ISO instant with an offset, or epoch milliseconds',
        actual: 'nothing',
        message: 'missing key `now`',
      },
    ]);
  });

  it('counts, per rule, the cases that exercised it (hand-computed)', () => {
    // Case 0: rule outage, queue payments, target urgent, escalation page-sev1, gate comms.
    // Case 1: rule vip, queue general, target standard, escalation first-response-breach.
    // Case 2: rule question, queue general, target standard. Case 3 is not evaluated.
    const { coverage } = runPolicyTests(policy, CASES);
    expect(coverage).toEqual({
      rules: {
        classification: { outage: 1, vip: 1, question: 1 },
        queues: { payments: 1, general: 2 },
        targets: { urgent: 1, standard: 2 },
        escalation: { 'page-sev1': 1, 'first-response-breach': 1, reopened: 0 },
        gates: { comms: 1, downgrade: 0 },
      },
      uncovered: {
        classification: [],
        queues: [],
        targets: [],
        escalation: ['reopened'],
        gates: ['downgrade'],
      },
      covered: 10,
      total: 12,
      percent: 83.3,
    });
    // Keys follow the policy's order.
    expect(Object.keys(coverage.rules.escalation)).toEqual([
      'page-sev1',
      'first-response-breach',
      'reopened',
    ]);
  });

  it('is deterministic and returns plain JSON', () => {
    const report = runPolicyTests(policy, CASES);
    expect(runPolicyTests(policy, CASES)).toStrictEqual(report);
    expect(JSON.parse(JSON.stringify(report))).toStrictEqual(report);
  });

  it('reports cases that are not well formed, with paths, without throwing', () => {
    const report = runPolicyTests(policy, [
      42,
      { ticket: {}, now: '2026-03-02T12:00:00Z', expect: {} },
      { name: 'typo', ticket: {}, now: '2026-03-02 12:00', expext: {} },
      {
        name: 'bad expectations',
        ticket: {},
        now: 0,
        expect: {
          severty: 'sev1',
          status: 'fine',
          actions: [{ kind: 'email' }, 'page', { role: 3, dueAt: 'soon' }],
          notActions: {},
          approvals: { comms: 'approved' },
          clocks: {
            firstReponse: {},
            resolution: { state: 'late', deadline: 'tomorrow', when: 1 },
            acknowledge: 5,
          },
          nextEvaluationAt: '2026-03-02T12:00:00',
        },
      },
      { name: 'bad context', ticket: {}, now: 0, context: { unavailable: 'ana', busy: [] }, expect: [] },
    ]);
    expect(report.failed).toBe(5);
    const failures = report.results.map((r) => r.failures.map((f) => [f.path.join('.'), f.message]));
    expect(report.results.map((r) => r.name)).toEqual([
      '#0',
      '#1',
      'typo',
      'bad expectations',
      'bad context',
    ]);
    expect(failures[0]).toEqual([
      ['', 'expected a case object (`{ name, ticket, now, expect }`), found `42`'],
    ]);
    expect(failures[1]).toEqual([['name', 'expected a non-empty string, found nothing']]);
    expect(failures[2]).toEqual([
      [
        'expext',
        'unknown key `expext`: expected one of `name`, `description`, `ticket`, `now`, `context`, `expect`',
      ],
      ['now', 'expected an ISO instant with an offset, or epoch milliseconds, found `"2026-03-02 12:00"`'],
      ['expect', 'missing key `expect`'],
    ]);
    expect(failures[3]).toEqual([
      [
        'expect.severty',
        expect.stringMatching(/^unknown key `severty`: expected one of `status`, `severity`/),
      ],
      ['expect.status', 'expected one of `ok`, `degraded`, found `"fine"`'],
      ['expect.actions.0.kind', expect.stringMatching(/^expected one of `notify`, .* found `"email"`$/)],
      ['expect.actions.1', expect.stringMatching(/^expected an action expectation .*, found `"page"`$/)],
      ['expect.actions.2.role', 'expected a non-empty string, found `3`'],
      [
        'expect.actions.2.dueAt',
        'expected an ISO instant with an offset, or epoch milliseconds, found `"soon"`',
      ],
      ['expect.notActions', 'expected a list of action expectations, found an object'],
      [
        'expect.approvals.comms',
        expect.stringMatching(/^expected one of `not_required`, .* found `"approved"`$/),
      ],
      [
        'expect.clocks.firstReponse',
        expect.stringMatching(/^unknown metric `firstReponse`: expected one of `acknowledge`/),
      ],
      [
        'expect.clocks.resolution.when',
        'unknown key `when`: expected one of `state`, `deadline`, `breachedAt`',
      ],
      [
        'expect.clocks.resolution.state',
        expect.stringMatching(/^expected one of `running`, .* found `"late"`$/),
      ],
      [
        'expect.clocks.resolution.deadline',
        'expected an ISO instant with an offset, or epoch milliseconds, or null, found `"tomorrow"`',
      ],
      ['expect.clocks.acknowledge', expect.stringMatching(/^expected a clock expectation .* found `5`$/)],
      ['expect.nextEvaluationAt', expect.stringMatching(/found `"2026-03-02T12:00:00"`$/)],
    ]);
    expect(failures[4]).toEqual([
      ['context.busy', 'unknown key `busy`: expected one of `unavailable`, `overloaded`'],
      ['context.unavailable', 'expected a list of strings, found `"ana"`'],
      ['expect', 'expected an object of expectations, found an array'],
    ]);
  });

  it('flags a duplicate name on the later case and still evaluates it', () => {
    const ok = { ticket: smallTicket({}), now: '2026-03-02T12:01:00Z', expect: { severity: 'sev3' } };
    const report = runPolicyTests(policy, [
      { name: 'same', ...ok },
      { name: 'same', ...ok },
    ]);
    expect(report.results.map((r) => r.passed)).toEqual([true, false]);
    expect(report.results[1]?.failures).toEqual([
      {
        path: ['name'],
        expected: 'a unique name',
        actual: 'same',
        message: 'duplicate case name `same` (case 0 has it)',
      },
    ]);
    expect(report.coverage.rules.queues.general).toBe(2);
  });

  it('reads case files: a list, or { description, cases }, and reports a bad file as one failed result', () => {
    expect(runPolicyTests(policy, { description: 'small', cases: CASES.slice(0, 2) }).passed).toBe(2);
    for (const [input, path, message] of [
      ['nope', '', 'expected a list of cases, or `{ description?, cases }`, found `"nope"`'],
      [{ cases: 'x' }, 'cases', 'expected a list of cases, found `"x"`'],
      [{ tests: [] }, 'tests', 'unknown key `tests`: expected one of `$schema`, `description`, `cases`'],
    ] as const) {
      const report = runPolicyTests(policy, input);
      expect(report.failed).toBe(1);
      expect(report.results[0]).toMatchObject({ name: '(cases)', index: null, passed: false });
      expect(report.results[0]?.failures[0]).toMatchObject({ path: path === '' ? [] : [path], message });
    }
    expect(runPolicyTests(policy, [])).toMatchObject({
      passed: 0,
      failed: 0,
      coverage: { covered: 0, percent: 0 },
    });
  });

  it('expects no clock with null and no due action at all with notActions [{}]', () => {
    const report = runPolicyTests(policy, [
      {
        name: 'nothing due',
        ticket: smallTicket({ subject: 'A question' }),
        now: '2026-03-02T12:01:00Z',
        expect: { notActions: [{}], clocks: { resolution: null, firstResponse: null } },
      },
    ]);
    expect(report.results[0]?.failures).toEqual([
      {
        path: ['expect', 'clocks', 'firstResponse'],
        expected: null,
        actual: 'running',
        message: 'expected no `firstResponse` clock, found one `running` (target `standard`)',
      },
    ]);
  });

  it('uses the case context, else the options context', () => {
    const ticket = smallTicket({});
    const now = '2026-03-02T12:01:00Z';
    const report = runPolicyTests(
      policy,
      [
        { name: 'default context', ticket, now, expect: { owner: 'leads' } },
        { name: 'own context', ticket, now, context: { unavailable: [] }, expect: { owner: 'agents' } },
      ],
      { context: { unavailable: ['ana@example.com'] } },
    );
    expect(report.failed).toBe(0);
  });

  it('says when a missing action is withheld by a gate', () => {
    const security = acmeCases.cases.find((c) => c.name.startsWith('a security report'));
    if (security === undefined) return expect.fail('the security case is missing');
    const report = runPolicyTests(acme, [
      { ...security, expect: { actions: [{ kind: 'sendUpdate', ruleId: 'receipt-confirmation' }] } },
    ]);
    expect(report.results[0]?.failures[0]?.message).toMatch(
      /^expected a due action: `sendUpdate` by rule `receipt-confirmation`; found .*; withheld by gate `security-disclosure`$/,
    );
  });

  it('throws a TypeError for a policy that did not come from compilePolicy', () => {
    expect(() => runPolicyTests(SMALL as never, [])).toThrow(TypeError);
    expect(() => runPolicyTests({ id: 'x', definition: SMALL } as never, [])).toThrow(
      /^runPolicyTests: expected a policy from `compilePolicy`/,
    );
  });
});

describe('the reference policy cases (examples/tests)', () => {
  it('all pass', () => {
    const report = runPolicyTests(acme, acmeCases);
    expect(formatPolicyTestReport(report).split('\n')[0]).toBe('13 cases: 13 passed, 0 failed');
    expect(report.failed).toBe(0);
    expect(report.coverage.uncovered.targets).toEqual(['sev1-standard', 'sev2-standard']);
  });

  it('are the same in the YAML copy the CLI reads', () => {
    const yaml: unknown = parseYaml(
      readFileSync(new URL('../../examples/tests/acme-saas.cases.yaml', import.meta.url), 'utf8'),
    );
    expect(yaml).toStrictEqual(acmeCases);
  });

  it('match the JSON Schema of case files', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    const validate = ajv.compile(policyTestsJsonSchema());
    expect(validate(acmeCases), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(CASES.slice(0, 3))).toBe(true);
    expect(validate([{ name: 'x', ticket: {}, now: '2026-03-02 12:00', expect: {} }])).toBe(false);
    expect(validate([{ name: 'x', ticket: {}, now: 0, expect: { severty: 'sev1' } }])).toBe(false);
  });
});

describe('formatPolicyTestReport', () => {
  it('lists failed cases with their failures, the summary and the rules not exercised', () => {
    const text = formatPolicyTestReport(runPolicyTests(policy, CASES));
    expect(text.split('\n')).toEqual([
      'FAIL a question is wrongly expected to be sev2 on payments',
      '  expect.severity: expected severity `sev2`, found `sev3` (rule `question`: a question)',
      expect.stringMatching(/^ {2}expect\.queue: expected queue `payments`, found `general`/),
      'FAIL a case without now',
      '  now: missing key `now`',
      '',
      '4 cases: 2 passed, 2 failed',
      'coverage: 83.3% (10 of 12 rules)',
      '  not exercised: escalation rules `reopened`',
      '  not exercised: approval gates `downgrade`',
    ]);
    expect(
      formatPolicyTestReport(runPolicyTests(policy, CASES.slice(0, 1)), { verbose: true }).split('\n')[0],
    ).toBe('PASS an outage on payments is sev1 and pages the leads');
  });
});
