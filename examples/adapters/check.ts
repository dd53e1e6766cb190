/**
 * Checks both adapters on their fixtures: each maps to its expected snapshot without a
 * warning, and the snapshot evaluates `ok` on the reference policy with the severity and
 * queue a support lead would expect. Exits non-zero on the first failure.
 * Run: `npx tsx examples/adapters/check.ts`
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { compilePolicy, evaluate } from 'escalation-engine';
import { acmeJiraMapping, acmeZendeskMapping } from './acme-mappings.js';
import { mapJiraIssue, type JiraIssue } from './jira-service-management.js';
import type { MappingResult } from './mapping.js';
import { mapZendeskTicket, type ZendeskAudit, type ZendeskTicket } from './zendesk.js';

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const policy = compilePolicy(read('../policies/acme-saas.json'));

const zendesk = (name: string): MappingResult => {
  const { ticket, audits } = read(`./fixtures/${name}.json`) as {
    ticket: ZendeskTicket;
    audits: ZendeskAudit[];
  };
  return mapZendeskTicket(ticket, audits, acmeZendeskMapping);
};
const jira = (name: string): MappingResult =>
  mapJiraIssue(read(`./fixtures/${name}.json`) as JiraIssue, acmeJiraMapping);

const cases = [
  {
    name: 'zendesk-checkout-outage',
    map: zendesk,
    now: '2026-03-09T14:30:00Z',
    severity: 'sev1',
    queue: 'payments',
  },
  {
    name: 'zendesk-invoice-question',
    map: zendesk,
    now: '2026-03-11T10:00:00Z',
    severity: 'sev4',
    queue: 'billing',
  },
  { name: 'jira-sso-outage', map: jira, now: '2026-03-11T09:30:00Z', severity: 'sev1', queue: 'identity' },
  {
    name: 'jira-api-latency',
    map: jira,
    now: '2026-03-12T13:00:00+01:00',
    severity: 'sev2',
    queue: 'data-platform',
  },
];

for (const { name, map, now, severity, queue } of cases) {
  const { ticket, warnings } = map(name);
  assert.deepEqual(warnings, [], name);
  assert.deepEqual(JSON.parse(JSON.stringify(ticket)), read(`./expected/${name}.json`), name);
  const decision = evaluate(policy, ticket, { now });
  assert.equal(decision.status, 'ok', `${name}: ${JSON.stringify(decision.issues)}`);
  assert.deepEqual(decision.issues, [], name);
  assert.equal(decision.severity.id, severity, name);
  assert.equal(decision.routing.queue, queue, name);
}

// An unknown value is a warning, never a throw: the ticket is still evaluated.
const { ticket: fixture, audits } = read('./fixtures/zendesk-checkout-outage.json') as {
  ticket: ZendeskTicket;
  audits: ZendeskAudit[];
};
const odd = mapZendeskTicket({ ...fixture, status: 'escalated-to-vendor' }, audits, acmeZendeskMapping);
assert.deepEqual(
  odd.warnings.map((warning) => warning.code),
  ['unmapped_status'],
);
assert.equal(evaluate(policy, odd.ticket, { now: '2026-03-09T14:30:00Z' }).status, 'ok');
console.log('adapter checks: ok');
