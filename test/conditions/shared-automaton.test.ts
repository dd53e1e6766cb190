import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCondition, createConditionScope } from '../../src/conditions/index.js';
import { params } from '../support/well-formed.js';

const word = fc.constantFrom('data', 'loss', 'outage', 'Down', 'is', 'down', 'café', 'CAFE', 'x');
const phrase = fc.array(word, { minLength: 1, maxLength: 2 }).map((w) => w.join(' '));
const text = fc
  .array(fc.oneof(word, fc.constantFrom('the', 'and', '.')), { maxLength: 12 })
  .map((w) => w.join(' '));

describe('word lists compiled into one shared automaton per scope', () => {
  it('answer exactly as the same lists given at run time (each its own automaton)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('containsAny', 'containsAll'), fc.array(phrase, { maxLength: 4 })),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.constant(42)),
        (conditions, subject) => {
          // Literal lists are registered with the scope's matcher; `{ var: 'lists.i' }` lists are not.
          const scope = createConditionScope();
          const shared = conditions.map(([op, list], i) => {
            const { condition } = checkCondition({ [op]: [{ var: 'subject' }, list] }, ['rules', i], scope);
            if (condition === undefined) throw new Error('does not compile');
            return condition;
          });
          const separate = conditions.map(([op], i) => {
            const { condition } = checkCondition(
              { [op]: [{ var: 'subject' }, { var: `lists.${String(i)}` }] },
              ['rules', i],
            );
            if (condition === undefined) throw new Error('does not compile');
            return condition;
          });
          const data = { subject, lists: conditions.map(([, list]) => list) };
          scope.begin(data);
          for (let i = 0; i < conditions.length; i++) {
            expect(shared[i]?.(data), JSON.stringify([conditions[i], subject])).toBe(separate[i]?.(data));
          }
        },
      ),
      params(1500),
    );
  });

  it('keeps answering correctly when more lists are registered after a text was scanned', () => {
    const scope = createConditionScope();
    const first = checkCondition({ containsAny: [{ var: 's' }, ['outage']] }, [], scope).condition;
    const data = { s: 'EU outage and data loss' };
    scope.begin(data);
    expect(first?.(data)).toBe(true);
    const second = checkCondition({ containsAll: [{ var: 's' }, ['data loss', 'eu']] }, [], scope).condition;
    expect(second?.(data)).toBe(true);
    expect(first?.(data)).toBe(true);
  });
});
