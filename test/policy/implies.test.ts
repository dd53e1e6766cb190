import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/index.js';
import { implies, isAlwaysTrue } from '../../src/policy/implies.js';
import { params } from '../support/well-formed.js';

const users = { var: 'ticket.users' };
const subject = { var: 'ticket.subject' };
const tier = { var: 'ticket.tier' };

/** JsonLogic truthiness (an empty array is falsy). */
const truthy = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));

describe('implies', () => {
  it.each([
    ['identical conditions', { '==': [tier, 'a'] }, { '==': [tier, 'a'] }],
    ['anything implies a truthy literal', { '==': [tier, 'a'] }, true],
    [
      'a conjunction implies each conjunct',
      { and: [{ '==': [tier, 'a'] }, { '>': [users, 5] }] },
      { '>': [users, 5] },
    ],
    [
      'a condition implies a disjunction containing it',
      { '>': [users, 5] },
      { or: [{ '==': [tier, 'a'] }, { '>': [users, 5] }] },
    ],
    [
      'a disjunction implies what each disjunct implies',
      { or: [{ '>': [users, 9] }, { '>': [users, 7] }] },
      { '>': [users, 5] },
    ],
    ['a higher lower bound implies a lower one', { '>=': [users, 1000] }, { '>': [users, 999] }],
    ['bounds written the other way round', { '<=': [1000, users] }, { '>=': [users, 100] }],
    ['a lower upper bound implies a higher one', { '<': [users, 10] }, { '<=': [users, 10] }],
    [
      'fewer words for containsAny',
      { containsAny: [subject, ['Outage']] },
      { containsAny: [subject, ['outage', 'down']] },
    ],
    ['more words for containsAll', { containsAll: [subject, ['a', 'b']] }, { containsAll: [subject, ['a']] }],
    [
      'containsAll implies containsAny of a shared word',
      { containsAll: [subject, ['a', 'b']] },
      { containsAny: [subject, ['b', 'c']] },
    ],
    ['a smaller literal list for in', { in: [tier, ['a']] }, { in: [tier, ['a', 'b']] }],
    ['a smaller list for anyOf', { anyOf: [tier, ['A']] }, { anyOf: [tier, ['a', 'b']] }],
  ])('shows %s', (_label, a, b) => {
    expect(implies(a, b)).toBe(true);
  });

  it.each([
    ['different subjects', { '>': [users, 5] }, { '>': [{ var: 'ticket.other' }, 5] }],
    ['a lower bound does not imply a higher one', { '>': [users, 5] }, { '>': [users, 6] }],
    ['`>=` does not imply `>` at the same bound', { '>=': [users, 5] }, { '>': [users, 5] }],
    ['opposite directions', { '>': [users, 5] }, { '<': [users, 100] }],
    ['more words for containsAny', { containsAny: [subject, ['a', 'b']] }, { containsAny: [subject, ['a']] }],
    ['an empty word list', { containsAll: [subject, ['a']] }, { containsAll: [subject, []] }],
    ['a disjunct alone', { or: [{ '>': [users, 9] }, { '==': [tier, 'a'] }] }, { '>': [users, 5] }],
    ['a falsy literal', { '>': [users, 5] }, 0],
    ['non-literal lists', { in: [tier, [{ var: 'x' }]] }, { in: [tier, [{ var: 'x' }, 'b']] }],
  ])('does not claim %s', (_label, a, b) => {
    expect(implies(a, b)).toBe(false);
  });

  it('recognises conditions that always hold', () => {
    for (const always of [true, 1, 'yes', { or: [false, true] }, { and: [1, 'x'] }])
      expect(isAlwaysTrue(always)).toBe(true);
    for (const not of [false, 0, '', null, [], [1], { and: [] }, { '==': [1, 1] }])
      expect(isAlwaysTrue(not)).toBe(false);
  });

  it('is sound: whenever it claims a ⇒ b, b holds on every ticket where a holds', () => {
    // Few bounds and data right at them, so boundary mistakes (`>=` vs `>`) show up.
    const number = fc.constantFrom(5, 10, 100);
    const word = fc.constantFrom('outage', 'Down', 'slow', 'login', 'a');
    const leaf = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .tuple(fc.constantFrom('>', '>=', '<', '<='), number, fc.boolean())
          .map(([op, n, flip]) => ({ [op]: flip ? [n, users] : [users, n] })),
      },
      fc
        .tuple(fc.constantFrom('containsAny', 'containsAll'), fc.uniqueArray(word, { maxLength: 3 }))
        .map(([op, words]) => ({ [op]: [subject, words] })),
      fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }).map((list) => ({ in: [tier, list] })),
      fc
        .uniqueArray(fc.constantFrom('A', 'b', 'c'), { maxLength: 3 })
        .map((list) => ({ anyOf: [tier, list] })),
      fc.constantFrom(true, false, 1, 0, 'x', ''),
    );
    const condition = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc
          .tuple(fc.constantFrom('and', 'or'), fc.array(tie('node'), { minLength: 1, maxLength: 3 }))
          .map(([op, args]) => ({ [op]: args })),
      ),
    })).node;
    const ticket = fc.record({
      users: fc.oneof(
        number,
        fc.constantFrom(4, 6, 11),
        fc.integer({ min: -5, max: 200 }),
        fc.constant(null),
        fc.constant('10'),
      ),
      subject: fc
        .array(fc.oneof(word, fc.constantFrom('the', 'OUTAGE', 'down.')), { maxLength: 5 })
        .map((w) => w.join(' ')),
      tier: fc.constantFrom('a', 'b', 'c', 'A', 'B', null),
    });
    let claims = 0;
    fc.assert(
      // Pairs of leaves meet at the boundaries (same bound, same words) far more often than trees do.
      fc.property(
        fc.oneof(fc.tuple(condition, condition), fc.tuple(leaf, leaf)),
        fc.array(ticket, { minLength: 1, maxLength: 8 }),
        ([a, b], tickets) => {
          if (!implies(a, b)) return;
          claims++;
          const [fa, fb] = [compileCondition(a), compileCondition(b)];
          for (const t of tickets) {
            const data = { ticket: t };
            if (truthy(fa(data))) expect(truthy(fb(data)), JSON.stringify({ a, b, t })).toBe(true);
          }
        },
      ),
      params(3000),
    );
    // The property is not vacuous: a good share of generated pairs are claimed.
    expect(claims).toBeGreaterThan(150);
  });
});
