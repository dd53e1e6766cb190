/** The snippets of docs/conditions.md, with their results checked. Run: npx tsx examples/conditions.ts */
import { strict as assert } from 'node:assert';
import { compileCondition, PolicyError } from 'escalation-engine';

const majorOutage = compileCondition({
  and: [
    { containsAny: [{ var: 'ticket.subject' }, ['outage', 'is down', 'data loss']] },
    { '>=': [{ var: 'ticket.impact.usersAffected' }, 1000] },
  ],
});
assert.equal(
  majorOutage({ ticket: { subject: 'EU region is DOWN', impact: { usersAffected: 5000 } } }),
  true,
);
assert.equal(majorOutage({ ticket: { subject: 'Two outages', impact: { usersAffected: 5000 } } }), false);

// JsonLogic's own rules: and/or return the deciding value; an empty array is falsy.
assert.equal(compileCondition({ or: [[], 'fallback'] })({}), 'fallback');

// var reads own data properties only.
assert.equal(compileCondition({ var: 'constructor' })({}), null);
assert.equal(compileCondition({ var: ['ticket.toString', 'none'] })({ ticket: {} }), 'none');

// Extras.
const data = { ticket: { subject: 'Possible DATA  loss', tags: ['VIP', 'billing'], service: 'Payments' } };
assert.equal(
  compileCondition({ containsAll: [{ var: 'ticket.subject' }, ['data loss', 'possible']] })(data),
  true,
);
assert.equal(compileCondition({ hasTag: ['vip'] })(data), true);
assert.equal(compileCondition({ anyOf: [{ var: 'ticket.service' }, ['payments', 'billing']] })(data), true);
assert.equal(compileCondition({ startsWith: [{ var: 'ticket.subject' }, 'possible'] })(data), true);

// Errors list every problem with its path.
assert.throws(
  () =>
    compileCondition({
      and: [
        true,
        { containsAnyy: [{ var: 'ticket.subject' }, ['x']] },
        { method: [{ var: 'ticket' }, 'toString'] },
      ],
    }),
  (error: unknown) =>
    error instanceof PolicyError &&
    error.message ===
      'invalid condition: 2 errors\n' +
        'and[1].containsAnyy: unknown operator `containsAnyy` (did you mean `containsAny`?)\n' +
        'and[2].method: operator `method` is not allowed: it calls a method of the data, which could reach code',
);
console.log('conditions examples: ok');
