import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keysOfTicket, performedOfFiring } from '../../src/engine/escalations.js';

// Planning finds the performed steps of a firing by comparing the performed keys in place,
// never building a key (src/engine/escalations.ts). The law: it finds exactly the steps and
// actions whose key `${ticket}/${ruleId}/${token}/${step}/${index}` a set of the performed
// keys has, for ids and tokens of any characters — `/`, `#`, `@`, digits, non-ASCII, lone
// surrogates — where keys of different firings can coincide.

/** Short strings of characters that make keys collide (separators, digits) and hostile ones. */
const part = fc.oneof(
  fc.string({ unit: fc.constantFrom('/', '#', '@', '0', '1', 'a', 'é', '\u{1F600}'), maxLength: 4 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

/** A step or action index as written in a key, and near misses (leading zero, sign, blank). */
const index = fc.oneof(
  { arbitrary: fc.nat({ max: 5 }).map(String), weight: 4 },
  { arbitrary: fc.constantFrom('00', '01', '-1', '', '1.0', ' 1', '1e0'), weight: 1 },
);

const keyOf = (ticket: string, ruleId: string, token: string, step: number, action: number): string =>
  `${ticket}/${ruleId}/${token}/${String(step)}/${String(action)}`;

/** The firing to match, and performed keys of it, of other firings, and any strings. */
const scenario = fc
  .record({
    ticket: part,
    ruleId: part,
    token: part,
    steps: fc.nat({ max: 4 }),
    actions: fc.integer({ min: 1, max: 4 }),
  })
  .chain((firing) => {
    const ofFiring = fc
      .tuple(index, index)
      .map(([step, action]) => `${firing.ticket}/${firing.ruleId}/${firing.token}/${step}/${action}`);
    const ofOther = fc
      .tuple(part, part, index, index)
      .map(([ruleId, token, step, action]) => `${firing.ticket}/${ruleId}/${token}/${step}/${action}`);
    const key = fc.oneof(
      { arbitrary: ofFiring, weight: 4 },
      { arbitrary: ofOther, weight: 1 },
      { arbitrary: part, weight: 1 },
      { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
    );
    return fc.record({ firing: fc.constant(firing), performed: fc.array(key, { maxLength: 12 }) });
  });

describe('performedOfFiring', () => {
  it('finds exactly the steps and actions whose key the performed keys hold', () => {
    let found = 0;
    fc.assert(
      fc.property(scenario, ({ firing, performed }) => {
        const { ticket, ruleId, token, steps, actions } = firing;
        const set = new Set(performed);
        const mine = keysOfTicket(performed, ticket);
        const done = new Set(performedOfFiring(mine, ticket.length + 1, ruleId, token, steps, actions));
        for (let step = 0; step <= steps; step++) {
          for (let action = 0; action < actions; action++) {
            const expected = set.has(keyOf(ticket, ruleId, token, step, action));
            expect(done.has(step * actions + action)).toBe(expected);
            if (expected) found++;
          }
        }
        // Nothing outside the firing's steps and actions.
        for (const value of done) expect(value).toBeLessThan((steps + 1) * actions);
      }),
      { numRuns: 2000 },
    );
    // The generator reaches the interesting case: performed steps of the firing.
    expect(found).toBeGreaterThan(300);
  });

  it('matches ids with separators exactly, as a set of the keys would', () => {
    // One key string, two firings: rule `a/b` with token `c`, rule `a` with token `b/c`.
    const performed = ['T/a/b/c/0/0', 'T/a/b/c/01/0', 'T/a/b/c/1/1x', 'T/x/y/0/0'];
    const mine = keysOfTicket(performed, 'T');
    expect(mine).toEqual(['T/a/b/c/0/0', 'T/a/b/c/01/0', 'T/a/b/c/1/1x', 'T/x/y/0/0']);
    expect(performedOfFiring(mine, 2, 'a/b', 'c', 3, 2)).toEqual([0]);
    expect(performedOfFiring(mine, 2, 'a', 'b/c', 3, 2)).toEqual([0]);
    expect(performedOfFiring(mine, 2, 'a', 'b', 3, 2)).toBeUndefined();
    // The separators are checked, not only the parts between them.
    expect(performedOfFiring(['T/a/bx0/0', 'T/axb/0/0', 'T/a/b/0x0'], 2, 'a', 'b', 3, 2)).toBeUndefined();
    // Another ticket whose id is a prefix of this one's keeps none of them.
    expect(keysOfTicket(performed, 'T/a')).toEqual(['T/a/b/c/0/0', 'T/a/b/c/01/0', 'T/a/b/c/1/1x']);
    expect(keysOfTicket(performed, 'U')).toEqual([]);
  });
});
