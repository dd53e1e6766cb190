import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/index.js';

// The compiler specialises common shapes (constant sides, keyword lists, literal paths,
// short and/or). Each shape must still agree with json-logic-js on every kind of data.
const X = { var: 'x' };
const shapes: Record<string, unknown> = {
  'keyword list': { or: [{ in: ['a', X] }, { in: ['b', X] }, { in: ['cd', X] }] },
  'keyword list, other haystack': { or: [{ in: ['a', X] }, { in: ['b', { var: 'y' }] }] },
  'keyword list with a default': { or: [{ in: ['a', { var: ['x', 'abc'] }] }, { in: ['z', X] }] },
  'and of two': { and: [X, { var: 'y' }] },
  'and of three': { and: [X, { var: 'y' }, { var: 'z' }] },
  'or of three': { or: [X, { var: 'y' }, { var: 'z' }] },
  'constant right side': { '===': [X, 1] },
  'loose constant right side': { '==': [X, '1'] },
  'constant comparisons': { and: [{ '>': [X, 1] }, { '>=': [X, 1] }, { '!=': [X, 2] }, { '!==': [X, 2] }] },
  'literal missing keys': { missing: ['x', 'y.z', 'w'] },
  'missing with a key list': { missing: [['x', 'y.z']] },
  'deep literal path': { var: 'y.z.w.v' },
  'path with a default': { var: ['y.z', 'none'] },
};
const data: unknown[] = [
  {},
  { x: 'abc' },
  { x: 'zzz', y: 'b' },
  { x: ['a', 'b'] },
  { x: [], y: 0, z: '' },
  { x: 1, y: { z: null } },
  { x: '1', y: { z: { w: { v: 5 } } } },
  { x: 2, y: { z: '' }, w: 'ok' },
  { x: null, y: [1], z: [0] },
  { x: 'cd', y: 'a', z: true },
];

describe('specialised shapes', () => {
  for (const [name, expr] of Object.entries(shapes)) {
    it(`agree with json-logic-js: ${name}`, () => {
      const ours = compileCondition(expr);
      for (const d of data) {
        expect(ours(d), JSON.stringify(d)).toEqual(jsonLogic.apply(expr as RulesLogic, d));
      }
    });
  }
});
