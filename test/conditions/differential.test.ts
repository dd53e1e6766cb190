import { inspect } from 'node:util';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/index.js';

// Differential test: compileCondition agrees with json-logic-js 2.0.5's `apply` on random
// expressions of the standard operators over random JSON data (DESIGN.md §8).
// Excluded, because they are documented deviations: `log` and `method` (refused at compile
// time), `*` with no arguments (refused at compile time), and inherited members reached by
// `var` (data keys and paths come from a small alphabet that holds no inherited name).
// When json-logic-js throws, compileCondition must only not throw: conditions never throw.
// Set FC_SEED to replay a run; fast-check reports the seed and counterexample (nothing is printed).

const seedText = process.env['FC_SEED'];
const seed = seedText === undefined || seedText === '' ? undefined : Number(seedText);
if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer: ${seedText}`);

function params(numRuns: number): { numRuns: number; seed?: number } {
  return seed === undefined ? { numRuns } : { numRuns, seed };
}

/** Generous per-test timeout; each property is sized to run in a few seconds. */
const TIMEOUT = 60_000;

// ------------------------------------------------------------------ equality

/**
 * Deep equality that is exact on numbers (`Object.is`: NaN equals NaN, `0` differs from
 * `-0`), tells `undefined` from `null` and from a missing key, and ignores prototypes.
 */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => same(item, b[index]));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysA.every(
    (key) => Object.prototype.hasOwnProperty.call(b, key) && same(recordA[key], recordB[key]),
  );
}

const show = (value: unknown): string => inspect(value, { depth: 8, breakLength: Infinity });

describe('same', () => {
  it('treats NaN as equal to NaN and tells -0, undefined, null and missing keys apart', () => {
    expect(same([NaN, { a: NaN }], [NaN, { a: NaN }])).toBe(true);
    expect(same({ a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
    expect(same(0, -0)).toBe(false);
    expect(same(undefined, null)).toBe(false);
    expect(same({ a: undefined }, {})).toBe(false);
    expect(same({ a: undefined }, { b: undefined })).toBe(false);
    expect(same([1], { 0: 1 })).toBe(false);
    expect(same('1', 1)).toBe(false);
  });
});

// ------------------------------------------------------------------ oracle

type Outcome = { threw: true; error: unknown } | { threw: false; value: unknown };

/** json-logic-js's answer; it mutates neither argument. */
function reference(expr: unknown, data: unknown): Outcome {
  try {
    return { threw: false, value: jsonLogic.apply(expr as jsonLogic.RulesLogic, data) };
  } catch (error) {
    return { threw: true, error };
  }
}

/** Compiles (which must succeed: every generated operator is allowed) and evaluates once. */
function ours(expr: unknown, data: unknown): Outcome {
  const run = compileCondition(expr);
  try {
    return { threw: false, value: run(data) };
  } catch (error) {
    return { threw: true, error };
  }
}

/** Asserts that compileCondition agrees with json-logic-js on one expression and one datum. */
function expectAgreement(expr: unknown, data: unknown): void {
  const exprBefore = structuredClone(expr);
  const dataBefore = structuredClone(data);
  const theirs = reference(expr, data);
  const mine = ours(expr, data);
  const where = `expr ${JSON.stringify(expr)} on data ${JSON.stringify(data)}`;
  if (mine.threw) {
    expect.fail(`compiled condition threw ${show(mine.error)} for ${where}`);
  }
  if (!theirs.threw && !same(mine.value, theirs.value)) {
    expect.fail(
      `${where}: json-logic-js gives ${show(theirs.value)}, compileCondition gives ${show(mine.value)}`,
    );
  }
  expect(same(expr, exprBefore), `expression was mutated: ${where}`).toBe(true);
  expect(same(data, dataBefore), `data was mutated: ${where}`).toBe(true);
}

// ------------------------------------------------------------------ data

/** Data keys: never an inherited member of any object, array or string. */
const KEYS = ['a', 'b', 'c', '0', '1'] as const;
/** Paths may also name the two keys `reduce` gives its scoped logic. */
const SEGMENTS = [...KEYS, 'current', 'accumulator'] as const;

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(null, true, false, 0, 1, 2, -1, 3, 10, 0.5, -2.5, 1e21) },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '',
      'a',
      'b',
      'c',
      'abc',
      'A',
      '0',
      '1',
      '2',
      '10',
      ' 2 ',
      '1e3',
      'true',
      'a b',
      'a.b',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);

const { json } = fc.letrec<{ json: unknown; object: Record<string, unknown> }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: scalar },
    { weight: 2, arbitrary: fc.array(tie('json'), { maxLength: 4 }) },
    { weight: 2, arbitrary: tie('object') },
  ),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('json'), { maxKeys: 5, noNullPrototype: true }),
}));

/** Mostly objects (as conditions see them), sometimes any JSON value. */
const data: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.dictionary(fc.constantFrom(...KEYS), json, { maxKeys: 5, noNullPrototype: true }),
  },
  { weight: 1, arbitrary: json },
);

// ------------------------------------------------------------------ expressions

const path: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 })
  .map((segments) => segments.join('.'));

/** Every way json-logic-js reads a `var` operand, including the odd ones. */
const varLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: path.map((p) => ({ var: p })) },
  { weight: 2, arbitrary: path.map((p) => ({ var: [p] })) },
  { weight: 3, arbitrary: fc.tuple(path, scalar).map(([p, fallback]) => ({ var: [p, fallback] })) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1).map((index) => ({ var: index })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      { var: '' },
      { var: [] },
      { var: null },
      { var: [''] },
      { var: [null, 1] },
    ),
  },
);

const literal: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: scalar },
  // Objects that are not logic (zero or several keys) pass through unevaluated.
  { weight: 1, arbitrary: fc.constantFrom<unknown>({}, { a: 1, b: 'x' }) },
);

/** Operators whose arguments are all evaluated first (no short-circuit, no scope). */
const EAGER = [
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!',
  '!!',
  'in',
  'cat',
  'substr',
  '+',
  '-',
  '/',
  '%',
  'min',
  'max',
  'merge',
  'missing',
  'missing_some',
] as const;
const LAZY = ['or', 'and', '?:', 'if'] as const;
const SCOPED = ['map', 'filter', 'all', 'none', 'some'] as const;

const MAX_DEPTH = 4;
const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: literal },
  { weight: 3, arbitrary: varLeaf },
);
const levels: fc.Arbitrary<unknown>[] = [leaf];

/** Expressions with at most `depth` levels of operators below this one. */
function expressionOf(depth: number): fc.Arbitrary<unknown> {
  const cached = levels[depth];
  if (cached !== undefined) return cached;
  const child = expressionOf(depth - 1);
  /** Arguments as json-logic-js takes them: an array, or one value that is not an array. */
  const argsOf = (min: number, max: number): fc.Arbitrary<unknown> =>
    fc.oneof(
      { weight: 4, arbitrary: fc.array(child, { minLength: min, maxLength: max }) },
      ...(min <= 1 && max >= 1
        ? [{ weight: 1, arbitrary: child.filter((value) => !Array.isArray(value)) }]
        : []),
    );
  const withOp = (ops: readonly string[], args: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    fc.tuple(fc.constantFrom(...ops), args).map(([op, values]) => ({ [op]: values }));
  const keys = fc.array(fc.oneof(path, fc.constantFrom('a', 'b', 'c', 'current')), { maxLength: 3 });

  const arbitrary = fc.oneof(
    { weight: 4, arbitrary: leaf },
    // An array in an argument position is evaluated element by element.
    { weight: 1, arbitrary: fc.array(child, { maxLength: 3 }) },
    { weight: 12, arbitrary: withOp(EAGER, argsOf(0, 3)) },
    { weight: 4, arbitrary: withOp(LAZY, argsOf(0, 5)) },
    // `*` always gets an argument: with none, json-logic-js throws and we refuse at compile time.
    {
      weight: 2,
      arbitrary: fc.array(child, { minLength: 1, maxLength: 3 }).map((values) => ({ '*': values })),
    },
    { weight: 1, arbitrary: child.filter((value) => !Array.isArray(value)).map((value) => ({ '*': value })) },
    { weight: 1, arbitrary: child.map((value) => ({ var: value })) },
    { weight: 1, arbitrary: fc.tuple(child, scalar).map(([p, fallback]) => ({ var: [p, fallback] })) },
    // Well-formed shapes of the operators with a structure of their own.
    { weight: 2, arbitrary: fc.tuple(child, child).map(([needle, hay]) => ({ in: [needle, hay] })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          child,
          fc.integer({ min: -6, max: 6 }),
          fc.option(fc.integer({ min: -6, max: 6 }), { nil: undefined }),
        )
        .map(([source, start, length]) => ({
          substr: length === undefined ? [source, start] : [source, start, length],
        })),
    },
    { weight: 1, arbitrary: keys.map((names) => ({ missing: names })) },
    { weight: 1, arbitrary: keys.map((names) => ({ missing: [names] })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: 3 }), keys)
        .map(([need, names]) => ({ missing_some: [need, names] })),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...SCOPED), child, child)
        .map(([op, list, logic]) => ({ [op]: [list, logic] })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(child, child, fc.option(child, { nil: undefined }))
        .map(([list, logic, initial]) => ({
          reduce: initial === undefined ? [list, logic] : [list, logic, initial],
        })),
    },
    // Malformed scoped operators: missing logic, or a single non-array operand.
    { weight: 1, arbitrary: withOp([...SCOPED, 'reduce'], argsOf(0, 1)) },
  );
  levels[depth] = arbitrary;
  return arbitrary;
}

// A policy is a JSON document: no two nodes share an object (json-logic-js would find a
// shared literal `==` to itself, where two literals parsed from JSON are never equal).
const expression = expressionOf(MAX_DEPTH).map((expr): unknown => JSON.parse(JSON.stringify(expr)));

// ------------------------------------------------------------------ properties

describe('compileCondition agrees with json-logic-js', () => {
  it(
    'on random expressions of the standard operators over random JSON data',
    () => {
      fc.assert(
        fc.property(expression, data, (expr, datum) => {
          expectAgreement(expr, datum);
        }),
        params(20_000),
      );
    },
    TIMEOUT,
  );

  it(
    'on one expression over many data',
    () => {
      fc.assert(
        fc.property(expression, fc.array(data, { minLength: 1, maxLength: 8 }), (expr, datums) => {
          for (const datum of datums) expectAgreement(expr, datum);
        }),
        params(4_000),
      );
    },
    TIMEOUT,
  );

  it(
    'on comparisons and arithmetic over every pair of awkward values',
    () => {
      const awkward = fc.oneof(
        scalar,
        fc.constantFrom<unknown>([], [1], [1, 2], ['a'], [[]], {}, { a: 1 }, [null], ['']),
      );
      const ops = [...EAGER, '*', ...LAZY] as const;
      fc.assert(
        fc.property(
          fc.constantFrom(...ops),
          fc.array(awkward, { minLength: 1, maxLength: 3 }),
          (op, values) => {
            // Literal arrays and objects as arguments are read through `var` so they reach the
            // operator as values, not as nested logic.
            const expr = { [op]: values.map((_, index) => ({ var: String(index) })) };
            expectAgreement(expr, values);
          },
        ),
        params(20_000),
      );
    },
    TIMEOUT,
  );
});

describe('compileCondition agrees with json-logic-js on edge cases', () => {
  const cases: [name: string, expr: unknown, data: unknown][] = [
    ['empty `and` is undefined', { and: [] }, {}],
    ['empty `or` is undefined', { or: [] }, {}],
    ['`if` with no arguments is null', { if: [] }, {}],
    ['`if` with an even count and no match is null', { if: [false, 1] }, {}],
    ['unary `-` negates', { '-': ['3'] }, {}],
    ['`-` without arguments is NaN', { '-': [] }, {}],
    ['`+` without arguments is 0', { '+': [] }, {}],
    ['one-argument `*` returns its argument unconverted', { '*': ['2'] }, {}],
    ['`*` parses numeric prefixes', { '*': ['2px', '3'] }, {}],
    ['`min` of nothing is Infinity', { min: [] }, {}],
    ['`max` of nothing is -Infinity', { max: [] }, {}],
    ['`max` of a non-number is NaN', { max: [1, 'x'] }, {}],
    ['`%` by zero is NaN', { '%': [1, 0] }, {}],
    ['`/` by zero is Infinity', { '/': [1, 0] }, {}],
    ['`/` of -0 keeps the sign', { '/': [1, { '-': [0] }] }, {}],
    ['`cat` joins arrays with commas and drops null', { cat: [[1, [2, 3]], null, 'x'] }, {}],
    ['`cat` of an object', { cat: [{ var: 'a' }] }, { a: { b: 1 } }],
    ['`substr` of a number', { substr: [12345, 1, -1] }, {}],
    ['`substr` with a string start', { substr: ['abcdef', '2'] }, {}],
    ['`in` on a string', { in: ['b', 'abc'] }, {}],
    ['`in` on a number is false', { in: [1, 123] }, {}],
    ['`in` on an array uses ===', { in: ['1', [1, 2]] }, {}],
    ['`merge` flattens one level', { merge: [[1, [2]], 3, null] }, {}],
    ['`==` between an array and a string', { '==': [{ var: 'a' }, '1,2'] }, { a: [1, 2] }],
    ['`<` with three arguments', { '<': [1, '2', 3] }, {}],
    ['`<=` with a string chain', { '<=': ['a', 'b', 'b'] }, {}],
    ['`!` of an empty array is true', { '!': [[]] }, {}],
    ['`!` with no arguments is true', { '!': [] }, {}],
    ['`!!` of "0" is true', { '!!': ['0'] }, {}],
    ['`var` with a number path', { var: 1 }, ['x', 'y']],
    ['`var` with an empty path is the data', { var: '' }, { a: 1 }],
    ['`var` with a null default gives null', { var: ['x', null] }, {}],
    ['`var` keeps a null value over the default', { var: ['a', 5] }, { a: null }],
    [
      '`var` keeps false and 0 over the default',
      { cat: [{ var: ['a', 5] }, { var: ['b', 5] }] },
      { a: false, b: 0 },
    ],
    ['`var` with an empty-string segment', { var: 'a.' }, { a: { '': 7 } }],
    ['`var` indexes a string', { var: 'a.1' }, { a: 'xyz' }],
    ['`var` reads an array length (an own property)', { var: 'a.length' }, { a: [1, 2, 3] }],
    ['`var` reads a string length (an own property)', { var: 'a.length' }, { a: 'abcd' }],
    ['`var` on a number is the default', { var: ['a.b', 'd'] }, { a: 5 }],
    ['`var` on null data', { var: 'a' }, null],
    ['`var` of the whole data that is a string', { var: '' }, 'text'],
    ['`missing` with an array argument', { missing: [['a', 'b']] }, { a: 1 }],
    ['`missing` treats the empty string as missing', { missing: ['a'] }, { a: '' }],
    ['`missing` keeps false and 0 as present', { missing: ['a', 'b'] }, { a: false, b: 0 }],
    ['`missing_some` needs enough', { missing_some: [2, ['a', 'b', 'c']] }, { a: 1 }],
    ['`missing_some` with zero needed', { missing_some: [0, ['a']] }, {}],
    ['`map` over a non-array is []', { map: [{ var: 'a' }, { var: '' }] }, { a: 'abc' }],
    ['`map` without logic', { map: [[1, 2]] }, {}],
    ['`filter` keeps truthy', { filter: [[0, 1, '', 'a', [], [0]], { var: '' }] }, {}],
    [
      '`reduce` without an initial value starts at null',
      { reduce: [[1, 2], { '+': [{ var: 'current' }, { var: 'accumulator' }] }] },
      {},
    ],
    ['`reduce` over a non-array is the initial value', { reduce: [5, { var: 'current' }, 'init'] }, {}],
    ['`reduce` sees only current and accumulator', { reduce: [[1], { var: 'a' }, 0] }, { a: 9 }],
    ['`all` of an empty array is false', { all: [[], true] }, {}],
    ['`none` of an empty array is true', { none: [[], true] }, {}],
    ['`some` of an empty array is false', { some: [[], true] }, {}],
    [
      '`all` reads elements as data',
      { all: [{ var: 'list' }, { var: 'a' }] },
      { list: [{ a: 1 }, { a: 2 }] },
    ],
    ['an object with two keys passes through', { if: [true, { a: 1, b: 2 }, 0] }, {}],
    ['an empty object passes through', {}, {}],
    ['an array of logic is evaluated element by element', [{ var: 'a' }, [{ var: 'b' }], 3], { a: 1, b: 2 }],
    ['unary sugar on `var`', { var: 'a' }, { a: [1] }],
    ['unary sugar with a logic operand', { '!': { var: 'a' } }, { a: 0 }],
  ];

  it.each(cases)('%s', (_name, expr, datum) => {
    expectAgreement(expr, datum);
  });
});

describe('compileCondition holds no state between calls', () => {
  it('reads the data afresh on every call, even when the same object was changed in place', () => {
    const expr = {
      and: [
        { '==': [{ var: 'a' }, 1] },
        { hasTag: ['x'] },
        { containsAny: [{ var: 'ticket.subject' }, ['down']] },
      ],
    };
    const condition = compileCondition(expr);
    const data = { a: 1, ticket: { tags: ['x'], subject: 'api down' } };
    expect(condition(data)).toBe(true);
    data.a = 2;
    expect(condition(data)).toBe(false);
    data.a = 1;
    data.ticket.tags = [];
    expect(condition(data)).toBe(false);
    data.ticket.tags = ['X'];
    data.ticket.subject = 'api up';
    expect(condition(data)).toBe(false);
    data.ticket.subject = 'API DOWN';
    expect(condition(data)).toBe(true);
  });

  it('gives the same answers in any order of calls', () => {
    fc.assert(
      fc.property(expression, fc.array(data, { minLength: 2, maxLength: 5 }), (expr, datums) => {
        const condition = compileCondition(expr);
        const first = datums.map((datum) => condition(datum));
        const again = [...datums].reverse().map((datum) => condition(datum));
        again.reverse();
        first.forEach((value, index) => {
          expect(same(value, again[index]), JSON.stringify(expr)).toBe(true);
        });
      }),
      params(2_000),
    );
  });
});
