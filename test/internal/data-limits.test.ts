import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLimitBreach, type DataLimits, type LimitBreach } from '../../src/internal/data-limits.js';
import { params } from '../support/well-formed.js';

// findLimitBreach walks a document without recursion and stops at the first breach: a breach
// is reported exactly when the recursive definition of the limits says one exists, and it is
// the first one in the documented order (the path and message depend on which).

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

/**
 * The first breach by the documented order, written recursively: an object or array's count
 * (and an array's length), then its keys and values in order (a container value: its level),
 * then what is inside each container value, in order. Recursion is fine here: test depths are
 * small.
 */
function firstBreach(root: unknown, limits: DataLimits): LimitBreach | undefined {
  let values = 1;
  let text = 0;
  if (typeof root === 'string') {
    if (root.length > limits.stringLength)
      return { kind: 'string', path: [], limit: limits.stringLength, length: root.length };
    return root.length > limits.textLength ? { kind: 'text', path: [], limit: limits.textLength } : undefined;
  }
  const visit = (node: object, path: (string | number)[], level: number): LimitBreach | undefined => {
    const list = Array.isArray(node);
    const entries: [string | number, unknown][] = list
      ? (node as unknown[]).map((value, i) => [i, value])
      : Object.keys(node).map((key) => [key, (node as Record<string, unknown>)[key]]);
    if (list && entries.length > limits.arrayLength)
      return { kind: 'array', path, limit: limits.arrayLength, length: entries.length };
    if (values + entries.length > limits.values) return { kind: 'values', path: [], limit: limits.values };
    values += entries.length;
    const inside: [string | number, object][] = [];
    for (const [key, value] of entries) {
      if (typeof key === 'string') {
        if (key.length > limits.stringLength)
          return { kind: 'key', path, limit: limits.stringLength, length: key.length };
        text += key.length;
      }
      if (typeof value === 'string') {
        if (value.length > limits.stringLength)
          return { kind: 'string', path: [...path, key], limit: limits.stringLength, length: value.length };
        text += value.length;
      } else if (value !== null && typeof value === 'object') {
        if (level + 1 > limits.depth) return { kind: 'depth', path: [...path, key], limit: limits.depth };
        inside.push([key, value]);
      }
      if (text > limits.textLength) return { kind: 'text', path: [], limit: limits.textLength };
    }
    for (const [key, value] of inside) {
      const breach = visit(value, [...path, key], level + 1);
      if (breach !== undefined) return breach;
    }
    return undefined;
  };
  return root !== null && typeof root === 'object' ? visit(root, [], 1) : undefined;
}

/** An object with these own enumerable entries (`__proto__` included, as data) and prototype. */
function withPrototype(entries: Record<string, unknown>, prototype: object | null): object {
  const out = Object.create(prototype) as object;
  for (const key of Object.keys(entries))
    Object.defineProperty(out, key, {
      value: entries[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/**
 * JSON-like documents whose objects have one of the prototypes a host may hand over: plain,
 * none (`Object.create(null)`), or one with enumerable keys of its own, which are not the
 * document's (own keys only are read). Keys include array-index-like names, read first.
 */
const documents = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 14 }), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie('node'), { maxLength: 5 }),
    fc
      .tuple(
        fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.nat(20).map(String)), tie('node'), {
          maxKeys: 5,
        }),
        fc.constantFrom<object | null>(Object.prototype, null, { inherited: 'xxxxxxxxxxxxxxxx' }),
      )
      .map(([entries, prototype]) => withPrototype(entries, prototype)),
  ),
})).node;

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

  it('reports the first breach in document order, whatever the prototypes of the objects', () => {
    fc.assert(
      fc.property(documents, limits, (value, limit) => {
        expect(findLimitBreach(value, limit)).toEqual(firstBreach(value, limit));
      }),
      params(4000),
    );
  });

  it('reads own keys only, also when the shared Object.prototype has an enumerable key', () => {
    const limit: DataLimits = { values: 100, depth: 8, stringLength: 10, textLength: 100, arrayLength: 10 };
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 'a string longer than the limit';
    try {
      expect(findLimitBreach({ a: 'x', b: [{ c: 'y' }] }, limit)).toBeUndefined();
      expect(findLimitBreach({ a: 'x', b: [{ c: 'far too long' }] }, limit)).toEqual(
        firstBreach({ a: 'x', b: [{ c: 'far too long' }] }, limit),
      );
    } finally {
      delete proto.polluted;
    }
  });

  it('walks hostile nesting 100,000 levels deep without a stack overflow', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 100_000; i++) deep = i % 2 === 0 ? [deep] : { a: deep };
    const bounded: DataLimits = {
      values: 1e6,
      depth: 64,
      stringLength: 10,
      textLength: 1e6,
      arrayLength: 10,
    };
    const breach = findLimitBreach(deep, bounded);
    expect(breach).toMatchObject({ kind: 'depth', limit: 64 });
    expect(breach?.path).toHaveLength(64);
    // A policy's depth is unbounded: the whole chain is read, and found within the limits.
    expect(findLimitBreach(deep, { ...bounded, depth: Number.POSITIVE_INFINITY })).toBeUndefined();
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
