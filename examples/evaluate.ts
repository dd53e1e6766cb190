/** The snippets of docs/evaluation.md, with their results checked. Run: npx tsx examples/evaluate.ts */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { compilePolicy, evaluate } from 'escalation-engine';

const read = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as unknown;
const policy = compilePolicy(read('./policies/acme-saas.json'));
const ticket = read('./tickets/sev1-outage.json');

const decision = evaluate(policy, ticket, { now: '2026-03-09T14:20:00Z' });
assert.equal(decision.severity.id, 'sev1');
assert.equal(decision.severity.ruleId, 'payments-outage');
assert.equal(decision.routing.queue, 'payments');
const firstResponse = decision.clocks.find((clock) => clock.metric === 'firstResponse');
assert.equal(firstResponse?.state, 'met');
assert.equal(firstResponse.deadline, '2026-03-09T14:15:00.000Z');
const resolution = decision.clocks.find((clock) => clock.metric === 'resolution');
assert.equal(resolution?.deadline, '2026-03-09T18:00:00.000Z');
// The next change: the periodic update's 75% warning.
assert.equal(decision.nextEvaluationAt, '2026-03-09T14:24:00.000Z');

// Nothing changes before nextEvaluationAt but the elapsed figures.
const later = evaluate(policy, ticket, { now: '2026-03-09T14:23:59Z' });
assert.deepEqual(
  later.clocks.map((clock) => [clock.metric, clock.state, clock.deadline]),
  decision.clocks.map((clock) => [clock.metric, clock.state, clock.deadline]),
);

// Bad data never throws: the decision is degraded, with paths into the ticket.
const malformed = evaluate(policy, read('./tickets/malformed.json'), { now: '2026-03-09T14:20:00Z' });
assert.equal(malformed.status, 'degraded');
assert.deepEqual(malformed.issues[0]?.path, ['createdAt']);

// Programmer errors do throw, at once.
assert.throws(() => evaluate(policy, ticket, { now: 'tomorrow' }), RangeError);
console.log('evaluate examples: ok');
