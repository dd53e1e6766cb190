/** The snippets of docs/policy-reference.md, with their results checked. Run: npx tsx examples/policy.ts */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import {
  compilePolicy,
  formatIssues,
  lintPolicy,
  policyJsonSchema,
  PolicyError,
  safeCompilePolicy,
  type PolicyDocument,
} from 'escalation-engine';

const policy: PolicyDocument = {
  id: 'acme-lite',
  version: '2026.11.1',
  calendars: {
    'always-on': { timezone: 'UTC', weekly: '24x7' },
    'us-business': {
      timezone: 'America/New_York',
      weekly: {
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
      },
      holidays: [{ annual: '12-25', name: 'Christmas Day' }],
    },
  },
  severities: [
    { id: 'sev1', name: 'Critical', definition: 'Critical outage for a broad user base.' },
    { id: 'sev2', name: 'High', definition: 'Significant degradation of core function.' },
  ],
  classification: {
    rules: [
      {
        id: 'outage',
        when: { containsAny: [{ var: 'ticket.subject' }, ['outage', 'is down']] },
        severity: 'sev1',
        reason: 'the subject reports an outage',
      },
    ],
    default: 'sev2',
  },
  routing: {
    queues: [
      {
        id: 'payments',
        serviceLine: 'payments',
        when: { '==': [{ var: 'ticket.service' }, 'payments'] },
        owners: {
          sev1: { primary: 'payments-oncall', secondary: 'payments-leads' },
          '*': { primary: 'payments-team' },
        },
        runbooks: [{ title: 'Payments outage', url: 'https://runbooks.example.com/payments' }],
      },
      { id: 'triage', serviceLine: 'support', owners: { '*': { primary: 'support-agents' } } },
    ],
    default: 'triage',
  },
  roles: {
    'payments-oncall': { members: ['ada@example.com'] },
    'payments-leads': { members: ['grace@example.com'] },
    'payments-team': { members: ['ada@example.com', 'linus@example.com'] },
    'support-agents': { members: ['margaret@example.com'] },
  },
  sla: {
    pauseOn: ['pending-customer'],
    warnAt: ['75%', '10m before'],
    targets: [
      {
        id: 'critical',
        severity: 'sev1',
        calendar: 'always-on',
        metrics: { firstResponse: '15m', resolution: '4h' },
      },
      { id: 'standard', calendar: 'us-business', metrics: { firstResponse: '4h', resolution: '24h' } },
    ],
  },
  governance: { owner: 'support-operations', reviewedAt: '2026-06-01', reviewEvery: '90d' },
  fallback: { severity: 'sev2', queue: 'triage' },
};

// Compile once; the result is immutable.
const compiled = compilePolicy(policy);
assert.equal(compiled.id, 'acme-lite');
assert.equal(Object.isFrozen(compiled.definition), true);

// Every problem, with its path and a suggestion, in document order.
const broken = {
  ...policy,
  sla: { ...policy.sla, targets: [{ ...policy.sla.targets[0], calendar: 'us-bizness' }] },
  fallback: { severity: 'sev2', queue: 'triag' },
};
const result = safeCompilePolicy(broken);
if (result.success) throw new Error('expected the broken policy to be refused');
assert.equal(
  formatIssues(result.issues),
  'sla.targets[0].calendar: unknown calendar `us-bizness` (did you mean `us-business`?)\n' +
    'fallback.queue: unknown queue `triag` (did you mean `triage`?)',
);
assert.throws(
  () => compilePolicy(broken),
  (error: unknown) => error instanceof PolicyError && error.message.startsWith('invalid policy: 2 errors\n'),
);

// Static analysis before shipping: here the review is overdue.
assert.deepEqual(
  lintPolicy(compiled, { now: '2026-11-26T12:00:00Z' }).map(
    (finding) => `${finding.code}: ${finding.message}`,
  ),
  ['review_overdue: policy review overdue since 2026-08-30 (88 days): last reviewed 2026-06-01, every 90d'],
);

// The JSON Schema for editors; the reference policy declares it with "$schema".
assert.equal(policyJsonSchema().title, 'escalation-engine policy');
const reference = JSON.parse(
  readFileSync(new URL('./policies/acme-saas.json', import.meta.url), 'utf8'),
) as unknown;
assert.equal(compilePolicy(reference).id, 'acme-saas');

console.log('policy examples: ok');
