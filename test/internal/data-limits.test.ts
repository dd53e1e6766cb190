import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLimitBreach, type DataLimits } from '../../src/internal/data-limits.js';
import { params } from '../support/well-formed.js';

// findLimitBreach walks a document without recursion and stops at the first breach: a breach
// is reported exactly when the recursive definition of the limits says one exists.

/** What a document holds, measured recursively (the definitions of DataLimits). */
function measure(
  value: unknown,
  level = 1,
): { values: number; depth: number; string: number; text: number; array: number } {
  const out = { values: 1, depth: 0, string: 0, text: 0, array: 0 };
  if (typeof value === 'string') return { ...out, string: value.length, text: value.length };
  if (value === null || typeof value !== 'object') return out;
  out.depth = level;
  const entries: [string | undefined, unknown][] = Array.isArray(value)
    ? value.map((item) => [undefined, item])
    : Object.entries(value);
  if (Array.isArray(value)) out.array = value.length;
  for (const [key, child] of entries) {
    if (key !== undefined) {
      out.string = Math.max(out.string, key.length);
      out.text += key.length;
    }
    const inner = measure(child, level + 1);
    out.values += inner.values;
    out.depth = Math.max(out.depth, inner.depth);
    out.string = Math.max(out.string, inner.string);
    out.text += inner.text;
    out.array = Math.max(out.array, inner.array);
  }
  return out;
}

function within(value: unknown, limits: DataLimits): boolean {
  const m = measure(value);
  return (
    m.values <= limits.values &&
    m.depth <= limits.depth &&
    m.string <= limits.stringLength &&
    m.text <= limits.textLength &&
    m.array <= limits.arrayLength
  );
}

const limits: fc.Arbitrary<DataLimits> = fc.record({
  values: fc.integer({ min: 1, max: 60 }),
  depth: fc.integer({ min: 1, max: 6 }),
  stringLength: fc.integer({ min: 0, max: 12 }),
  textLength: fc.integer({ min: 0, max: 80 }),
  arrayLength: fc.integer({ min: 0, max: 8 }),
});

describe('findLimitBreach', () => {
  it('reports a breach exactly when a limit is exceeded, at a path that exists', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), limits, (value, limit) => {
        const breach = findLimitBreach(value, limit);
        expect(breach === undefined).toBe(within(value, limit));
        if (breach === undefined) return;
        let at: unknown = value;
        for (const key of breach.path) {
          expect(Object.hasOwn(at as object, key)).toBe(true);
          at = (at as Record<string | number, unknown>)[key];
        }
      }),
      params(3000),
    );
  });

  it('finds the breach behind a getter that throws, reading data properties only', () => {
    const ticket = { ok: 'x', deep: { list: ['a', 'b', 'c'] } };
    Object.defineProperty(ticket, 'trap', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const limit: DataLimits = { values: 100, depth: 8, stringLength: 10, textLength: 100, arrayLength: 2 };
    expect(findLimitBreach(ticket, limit)).toEqual({
      kind: 'array',
      path: ['deep', 'list'],
      limit: 2,
      length: 3,
    });
    expect(findLimitBreach(ticket, { ...limit, arrayLength: 3 })).toBeUndefined();
  });
});
