/**
 * The integration loop of docs/escalation.md on the reference policy: evaluate, perform the
 * due actions, record them, evaluate again at nextEvaluationAt. Run: npx tsx examples/escalation.ts
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { authorizeEscalation, compilePolicy, evaluate, onCallAt, type Ticket } from 'escalation-engine';

const read = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as unknown;
const policy = compilePolicy(read('./policies/acme-saas.json'));
let ticket = read('./tickets/sev1-outage.json') as Ticket;

// 14:20: the Sev1 has mobilised nobody yet — the host was not running. Everything due is returned.
const first = evaluate(policy, ticket, { now: '2026-03-09T14:20:00Z' });
assert.deepEqual(
  first.actions.map((action) => `${action.ruleId}:${action.kind}`),
  [
    'receipt-confirmation:sendUpdate',
    'sev1-declared:page',
    'sev1-declared:notify',
    'sev1-declared:sendUpdate',
    'sev1-declared:sendUpdate',
    'sev1-incident-commander:page',
    'key-account-alert:notify',
    'sev1-executive-signoff:requestApproval',
  ],
);
// The owner is whoever is on call for the queue's role now.
const page = first.actions[1];
assert.deepEqual(page?.targets, ['hugo.laurent@example.com']);
// Templates are rendered with the ticket and the decision.
const receipt = first.actions[0];
assert.equal(receipt?.payload.subject, '[ACME-1042] We are on it');
// The executive brief: impact, status, owner, and when the executives hear next (the cadence).
const brief = first.actions.find((action) => action.payload.template === 'exec-brief-sev1');
assert.match(String(brief?.payload.body), /^Status: in-progress$/m);
assert.match(String(brief?.payload.body), /^Next executive update: 2026-03-09T15:00:00\.000Z$/m);

// The host performs them and records each key: they are never returned again.
const performed = first.actions.map((action) => ({
  type: 'actionPerformed' as const,
  at: '2026-03-09T14:20:05Z',
  key: action.key,
}));
ticket = { ...ticket, events: [...(ticket.events ?? []), ...performed] };
const again = evaluate(policy, ticket, { now: '2026-03-09T14:20:10Z' });
assert.deepEqual(again.actions, []);

// The executive communication sign-off is pending, with its deadline.
const signoff = again.approvals.find((approval) => approval.gate === 'executive-comms');
assert.equal(signoff?.status, 'pending');
assert.equal(signoff.dueAt, '2026-03-09T14:30:00.000Z');

// The host sleeps until nextEvaluationAt: the periodic-update clock's 75% warning.
assert.equal(again.nextEvaluationAt, '2026-03-09T14:24:00.000Z');
const reminder = evaluate(policy, ticket, { now: '2026-03-09T14:29:00Z' });
assert.deepEqual(
  reminder.actions.map((action) => action.ruleId),
  ['periodic-update-reminder'],
);

// Manual escalation: who may escalate, and why not.
const agent = authorizeEscalation(
  policy,
  ticket,
  { role: 'support-agents', by: 'ana.silva@example.com', to: 'support-tier2' },
  { now: '2026-03-09T14:30:00Z' },
);
assert.equal(agent.allowed, true); // 12,000 users affected: any agent may escalate at once
assert.equal(agent.ruleId, 'broad-impact');

// Who is on call for payments right now.
assert.deepEqual(onCallAt(policy, 'payments-oncall', '2026-03-09T14:30:00Z'), ['hugo.laurent@example.com']);
console.log('escalation examples: ok');
