import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/index.js';
import { params } from '../support/well-formed.js';

// A list of constants is compiled once (frozen) and `anyOf` with a literal list looks values
// up in a set of the lower-cased strings: both must answer exactly as the general path, which
// reads the same list from the data at every evaluation.

const item = fc.oneof(
  fc.constantFrom('Payments', 'payments', 'PAYMENTS', 'İstanbul', 'istanbul', 'ß', 'SS', ''),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom(true, false, null, 0, -0, 1.5),
);
/** A value to look up, also NaN (arithmetic on a string) and structures. */
const needle = fc.oneof(item, fc.constant('nan'), fc.constant([]), fc.constant({ a: 1 }));

describe('literal lists', () => {
  it('anyOf with a literal list agrees with the same list read from the data', () => {
    fc.assert(
      fc.property(needle, fc.array(item, { maxLength: 6 }), (value, list) => {
        const x = value === 'nan' ? { '*': ['x', 1] } : { var: 'x' };
        const literal = compileCondition({ anyOf: [x, list] });
        const read = compileCondition({ anyOf: [x, { var: 'list' }] });
        const data = { x: value, list };
        expect(literal(data)).toBe(read(data));
      }),
      params(3000),
    );
  });

  it('a list of constants evaluates to an equal, frozen list, the same each time', () => {
    const condition = compileCondition({ if: [true, ['a', 1, null, { b: [2], c: 3 }], []] });
    const first = condition({});
    expect(first).toEqual(['a', 1, null, { b: [2], c: 3 }]);
    expect(Object.isFrozen(first)).toBe(true);
    expect(condition({})).toBe(first);
    // A list with a computed item is made anew at each evaluation.
    const computed = compileCondition(['a', { var: 'x' }]);
    expect(computed({ x: 1 })).toEqual(['a', 1]);
    expect(computed({ x: 2 })).toEqual(['a', 2]);
  });
});
