import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicyError, compileCondition, type Issue } from '../../src/index.js';

// Conditions are written by policy authors and evaluated over ticket data from anywhere
// (DESIGN.md §8): `var` reads own data properties only, `method` and `log` do not exist,
// unknown operators are refused at compile time, size and depth are bounded, text matching
// is linear, and a compiled condition never throws, whatever the data.

const seedText = process.env['FC_SEED'];
const seed = seedText === undefined || seedText === '' ? undefined : Number(seedText);
if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer: ${seedText}`);

function params(numRuns: number): { numRuns: number; seed?: number } {
  return seed === undefined ? { numRuns } : { numRuns, seed };
}

const TIMEOUT = 60_000;

const evaluate = (expr: unknown, data: unknown): unknown => compileCondition(expr)(data);

/** The issues of the PolicyError that compiling `expr` throws; fails when it compiles. */
function refusal(expr: unknown): readonly Issue[] {
  try {
    compileCondition(expr);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return error.issues;
  }
  return expect.fail(`expected ${JSON.stringify(expr)} to be refused`);
}

/** Whether `value` is, or holds within arrays and plain objects, a function. */
function holdsFunction(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((item) => holdsFunction(item, seen));
}

/** Names that lead to a prototype, a constructor or a global when read as properties. */
const EVIL = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  '__lookupGetter__',
  'isPrototypeOf',
  'toLocaleString',
] as const;

const objectPrototypeKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const arrayPrototypeKeys = (): string[] => Object.getOwnPropertyNames(Array.prototype).sort();
const protoBefore = objectPrototypeKeys();
const arrayProtoBefore = arrayPrototypeKeys();

function expectPrototypesUntouched(): void {
  expect(objectPrototypeKeys()).toEqual(protoBefore);
  expect(arrayPrototypeKeys()).toEqual(arrayProtoBefore);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(({} as Record<string, unknown>)['x']).toBeUndefined();
}

describe('var reads own data properties only', () => {
  const data = { a: { b: 1 }, list: ['x'], text: 'abc', n: 5 };

  it.each([
    '__proto__',
    'constructor',
    'constructor.prototype',
    'constructor.constructor',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    '__proto__.polluted',
    '__proto__.constructor',
    'a.__proto__',
    'a.constructor',
    'a.b.constructor',
    'a.toString',
    'list.map',
    'list.constructor',
    'list.0.constructor',
    'list.__proto__',
    'text.constructor',
    'text.toUpperCase',
    'n.toFixed',
    'n.constructor',
  ])('`%s` is null', (name) => {
    expect(evaluate({ var: name }, data)).toBeNull();
    expect(evaluate({ var: [name] }, data)).toBeNull();
  });

  it.each([
    '__proto__',
    'constructor',
    'toString',
    'a.__proto__',
    'constructor.prototype',
    '__proto__.polluted',
  ])('`%s` gives the default', (name) => {
    expect(evaluate({ var: [name, 'fallback'] }, data)).toBe('fallback');
  });

  it('finds no inherited member on empty, array, string or primitive data', () => {
    for (const datum of [{}, [], 'text', 5, true, null]) {
      for (const name of EVIL) {
        expect(evaluate({ var: name }, datum), `${name} on ${JSON.stringify(datum)}`).toBeNull();
      }
    }
  });

  it('reads own properties named like inherited methods', () => {
    // Own keys are data: a ticket may well have a field called `toString`.
    expect(evaluate({ var: 'toString' }, { toString: 'x' })).toBe('x');
    expect(evaluate({ var: 'a.valueOf' }, { a: { valueOf: 3 } })).toBe(3);
    expect(evaluate({ var: 'hasOwnProperty' }, { hasOwnProperty: [1] })).toEqual([1]);
  });

  it('never reads `constructor` or `prototype`, even as own properties', () => {
    // The contract names them outright (DESIGN.md §8), whoever owns them; json-logic-js reads them.
    expect(evaluate({ var: 'constructor' }, { constructor: 'x' })).toBeNull();
    expect(evaluate({ var: ['prototype', 'd'] }, { prototype: [1] })).toBe('d');
    expect(evaluate({ var: 'a.constructor.name' }, { a: { constructor: { name: 'x' } } })).toBeNull();
  });

  it('treats an own `__proto__` key from JSON.parse as never readable', () => {
    // JSON.parse creates an own data property named `__proto__` (it does not set the
    // prototype). json-logic-js reads it (`{"var": "__proto__.x"}` is 1); the contract
    // says `var` never reads `__proto__`, so the segment gives the default.
    const parsed: unknown = JSON.parse('{"__proto__": {"x": 1}, "a": {"__proto__": {"x": 2}}}');
    expect(Object.keys(parsed as object)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);

    for (const name of ['__proto__', '__proto__.x', 'a.__proto__', 'a.__proto__.x']) {
      const result = evaluate({ var: name }, parsed);
      expect(typeof result).not.toBe('function');
      expect(result, name).toBeNull();
    }
    expect(evaluate({ var: ['__proto__.x', 'd'] }, parsed)).toBe('d');
    expect(evaluate({ missing: ['__proto__', 'a'] }, parsed)).toEqual(['__proto__']);
    expectPrototypesUntouched();
  });

  it('never returns a function for any path of inherited names', () => {
    const segment = fc.constantFrom('a', 'b', '0', 'length', ...EVIL);
    const evilPath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
    const datum = fc.constantFrom<unknown>(
      {},
      { a: { b: [1] } },
      ['x', ['y']],
      'text',
      5,
      JSON.parse('{"__proto__": {"constructor": {"prototype": 1}}, "a": "x"}'),
    );
    fc.assert(
      fc.property(evilPath, datum, (name, value) => {
        const result = evaluate({ var: name }, value);
        expect(typeof result, name).not.toBe('function');
        expect(result === Object.prototype || result === Array.prototype, name).toBe(false);
      }),
      params(2000),
    );
    expectPrototypesUntouched();
  });
});

describe('no operator reaches a function or a global', () => {
  const data = { a: { b: 1 }, list: [{ n: 1 }, { n: 2 }], text: 'abc' };

  it.each<[string, unknown, unknown]>([
    ['cat', { cat: [{ var: 'constructor' }, { var: 'toString' }] }, ''],
    ['cat of a nested constructor', { cat: [{ var: 'a.constructor.constructor' }] }, ''],
    ['substr', { substr: [{ var: 'constructor' }, 0] }, 'null'],
    ['in', { in: ['native', { var: 'toString' }] }, false],
    ['==', { '==': [{ var: 'constructor' }, null] }, true],
    ['merge', { merge: [{ var: 'constructor' }, { var: '__proto__' }] }, [null, null]],
    [
      'missing',
      { missing: ['constructor', 'toString', '__proto__', 'a'] },
      ['constructor', 'toString', '__proto__'],
    ],
    ['missing_some', { missing_some: [1, ['constructor', 'prototype']] }, ['constructor', 'prototype']],
    ['map', { map: [{ var: 'list' }, { var: 'constructor' }] }, [null, null]],
    ['filter', { filter: [{ var: 'list' }, { var: 'constructor' }] }, []],
    ['some', { some: [{ var: 'list' }, { var: 'hasOwnProperty' }] }, false],
    ['all', { all: [{ var: 'list' }, { var: 'n.toFixed' }] }, false],
    ['none', { none: [{ var: 'list' }, { var: '__proto__' }] }, true],
    [
      'reduce accumulator',
      { reduce: [{ var: 'list' }, { var: 'accumulator.constructor' }, { var: 'a' }] },
      null,
    ],
    ['reduce current', { reduce: [{ var: 'list' }, { var: 'current.__proto__' }, 0] }, null],
    ['reduce scope', { reduce: [[1], { var: 'constructor' }, 0] }, null],
    ['var of a computed name', { var: { cat: ['con', 'structor'] } }, null],
    ['if', { if: [{ var: 'constructor' }, 'reached', 'safe'] }, 'safe'],
    ['or', { or: [{ var: 'toString' }, { var: 'valueOf' }] }, null],
    ['and', { and: [true, { var: '__proto__' }] }, null],
    ['!!', { '!!': { var: 'constructor' } }, false],
    ['+', { '+': [{ var: 'constructor' }] }, NaN],
  ])('%s', (_name, expr, expected) => {
    const result = evaluate(expr, data);
    expect(result).toEqual(expected);
    expect(holdsFunction(result)).toBe(false);
    expect(inspect(result)).not.toMatch(/native code|\[Function|\[class/);
    expectPrototypesUntouched();
  });

  it('treats operator names that are inherited members as unknown operators', () => {
    for (const name of [
      ...EVIL,
      'apply',
      'call',
      'bind',
      'eval',
      'Function',
      'require',
      'process',
      'globalThis',
    ]) {
      const expr: unknown = JSON.parse(`{${JSON.stringify(name)}: [1]}`);
      const issues = refusal(expr);
      expect(
        issues.map((issue) => [issue.code, issue.path]),
        name,
      ).toEqual([['unknown_operator', [name]]]);
    }
  });
});

describe('compileCondition refuses unsafe and unknown operators', () => {
  it('refuses `method`', () => {
    expect(refusal({ method: [{ var: 'text' }, 'toUpperCase'] })).toMatchInlineSnapshot(`
      [
        {
          "code": "operator_not_allowed",
          "message": "operator \`method\` is not allowed: it calls a method of the data, which could reach code",
          "path": [
            "method",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('refuses `log`', () => {
    expect(refusal({ log: 'hello' })).toMatchInlineSnapshot(`
      [
        {
          "code": "operator_not_allowed",
          "message": "operator \`log\` is not allowed: it prints to the console, and the engine never prints (use \`explain: true\`)",
          "path": [
            "log",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('refuses an unknown operator with the path of its node', () => {
    expect(refusal({ and: [true, { fooBar: [1] }] })).toMatchInlineSnapshot(`
      [
        {
          "code": "unknown_operator",
          "message": "unknown operator \`fooBar\`",
          "path": [
            "and",
            1,
            "fooBar",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('refuses dotted operator names', () => {
    expect(refusal({ 'Math.max': [1, 2] })).toMatchInlineSnapshot(`
      [
        {
          "code": "unknown_operator",
          "message": "unknown operator \`Math.max\`",
          "path": [
            "Math.max",
          ],
          "severity": "error",
        },
      ]
    `);
    expect(refusal({ or: [false, { 'console.log': ['x'] }] })).toMatchInlineSnapshot(`
      [
        {
          "code": "unknown_operator",
          "message": "unknown operator \`console.log\`",
          "path": [
            "or",
            1,
            "console.log",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('finds refused operators under unary sugar, in scoped logic and in `var` operands', () => {
    expect(refusal({ '!': { log: 1 } })).toMatchInlineSnapshot(`
      [
        {
          "code": "operator_not_allowed",
          "message": "operator \`log\` is not allowed: it prints to the console, and the engine never prints (use \`explain: true\`)",
          "path": [
            "!",
            "log",
          ],
          "severity": "error",
        },
      ]
    `);
    expect(refusal({ map: [[1], { log: { var: '' } }] })).toMatchInlineSnapshot(`
      [
        {
          "code": "operator_not_allowed",
          "message": "operator \`log\` is not allowed: it prints to the console, and the engine never prints (use \`explain: true\`)",
          "path": [
            "map",
            1,
            "log",
          ],
          "severity": "error",
        },
      ]
    `);
    expect(refusal({ var: [{ method: ['a', 'toString'] }, 0] })).toMatchInlineSnapshot(`
      [
        {
          "code": "operator_not_allowed",
          "message": "operator \`method\` is not allowed: it calls a method of the data, which could reach code",
          "path": [
            "var",
            0,
            "method",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('reports every refused operator, in document order', () => {
    expect(refusal({ and: [{ log: 1 }, { if: [{ method: [] }, { nope: 1 }, 0] }, { '===': [1, 1] }] }))
      .toMatchInlineSnapshot(`
      [
        {
          "code": "operator_not_allowed",
          "message": "operator \`log\` is not allowed: it prints to the console, and the engine never prints (use \`explain: true\`)",
          "path": [
            "and",
            0,
            "log",
          ],
          "severity": "error",
        },
        {
          "code": "operator_not_allowed",
          "message": "operator \`method\` is not allowed: it calls a method of the data, which could reach code",
          "path": [
            "and",
            1,
            "if",
            0,
            "method",
          ],
          "severity": "error",
        },
        {
          "code": "unknown_operator",
          "message": "unknown operator \`nope\` (did you mean \`none\`?)",
          "path": [
            "and",
            1,
            "if",
            1,
            "nope",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('refuses `*` without arguments', () => {
    expect(refusal({ '*': [] })).toMatchInlineSnapshot(`
      [
        {
          "code": "invalid_arguments",
          "message": "operator \`*\` takes at least one argument",
          "path": [
            "*",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('writes messages as one lowercase line with the operator in backticks', () => {
    for (const expr of [{ method: [] }, { log: 1 }, { fooBar: 1 }, { 'a.b': 1 }]) {
      for (const issue of refusal(expr)) {
        expect(issue.severity).toBe('error');
        expect(issue.message).toMatch(/^[a-z`]/);
        expect(issue.message).not.toMatch(/\n|\.$/);
        expect(issue.message).toContain(`\`${Object.keys(expr)[0] ?? ''}\``);
      }
    }
  });

  it('compiles nothing it refuses and evaluates nothing at compile time', () => {
    // A refused condition must not have run any part of itself: no console output (the setup
    // file fails the test on any) and no throw other than PolicyError.
    expect(() => compileCondition({ if: [true, { log: 'side effect' }, 0] })).toThrow(PolicyError);
  });
});

describe('compileCondition bounds size and depth', () => {
  /** `n` nested `!` operators around `true`, in the unary form (no argument arrays). */
  const nested = (n: number): unknown => {
    let expr: unknown = true;
    for (let index = 0; index < n; index += 1) expr = { '!': expr };
    return expr;
  };

  it('accepts a condition of depth 64', () => {
    expect(evaluate(nested(64), {})).toBe(true);
  });

  it('refuses a condition of depth 65', () => {
    const issues = refusal(nested(65));
    expect(issues.map((issue) => issue.code)).toEqual(['condition_too_deep']);
  });

  it('refuses a very deep condition without overflowing the stack', () => {
    const issues = refusal(nested(100_000));
    expect(issues.map((issue) => issue.code)).toEqual(['condition_too_deep']);
  });

  it('counts argument lists of one element like unary operands', () => {
    let expr: unknown = true;
    for (let index = 0; index < 64; index += 1) expr = { '!': [expr] };
    expect(evaluate(expr, {})).toBe(true);
    expect(refusal({ '!': [expr] }).map((issue) => issue.code)).toEqual(['condition_too_deep']);
  });

  it('refuses deep literals without overflowing the stack', () => {
    let array: unknown = 1;
    let object: unknown = 1;
    for (let index = 0; index < 100_000; index += 1) {
      array = [array];
      object = { a: object, b: 0 };
    }
    expect(refusal({ in: [1, array] }).map((issue) => issue.code)).toEqual(['condition_too_deep']);
    expect(refusal({ '==': [object, 1] }).map((issue) => issue.code)).toEqual(['condition_too_deep']);
  });

  it('accepts 10,000 nodes', () => {
    expect(evaluate({ '+': Array.from({ length: 9_999 }, () => 1) }, {})).toBe(9_999);
  });

  it('refuses 10,001 nodes', () => {
    const issues = refusal({ '+': Array.from({ length: 10_000 }, () => 1) });
    expect(issues.map((issue) => issue.code)).toEqual(['condition_too_large']);
  });

  it('refuses a huge flat condition quickly', () => {
    const started = performance.now();
    const issues = refusal({ or: Array.from({ length: 1_000_000 }, () => ({ var: 'a' })) });
    expect(issues.map((issue) => issue.code)).toEqual(['condition_too_large']);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('shows the issue for a deep condition', () => {
    expect(refusal(nested(65))).toMatchInlineSnapshot(`
      [
        {
          "code": "condition_too_deep",
          "message": "condition nests deeper than 64 levels",
          "path": [
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
            "!",
          ],
          "severity": "error",
        },
      ]
    `);
  });

  it('shows the issue for a large condition', () => {
    expect(refusal({ '+': Array.from({ length: 10_000 }, () => 1) })).toMatchInlineSnapshot(`
      [
        {
          "code": "condition_too_large",
          "message": "condition has more than 10000 nodes",
          "path": [],
          "severity": "error",
        },
      ]
    `);
  });
});

/** Expressions that read `a` (or the ticket) and convert, compare or search it. */
const probes: unknown[] = [
  { var: 'a' },
  { var: 'a.b' },
  { cat: [{ var: 'a' }] },
  { '==': [{ var: 'a' }, 'x'] },
  { '!=': [{ var: 'a' }, 1] },
  { '<': [{ var: 'a' }, 1, 2] },
  { '>': [{ var: 'a' }, 1] },
  { '+': [{ var: 'a' }, 1] },
  { '-': [{ var: 'a' }, 1] },
  { '*': [{ var: 'a' }, 2] },
  { '/': [{ var: 'a' }, 2] },
  { '%': [{ var: 'a' }, 2] },
  { min: [{ var: 'a' }, 2] },
  { substr: [{ var: 'a' }, 0] },
  { in: ['x', { var: 'a' }] },
  { in: [{ var: 'a' }, 'text'] },
  { merge: [{ var: 'a' }] },
  { missing: ['a', 'a.b'] },
  { missing_some: [1, ['a']] },
  { map: [{ var: 'a' }, { var: '' }] },
  { some: [{ var: 'a' }, { var: '0' }] },
  { reduce: [{ var: 'a' }, { cat: [{ var: 'current' }] }, ''] },
  { containsAny: [{ var: 'a' }, ['x']] },
  { containsAll: [{ var: 'a' }, ['x']] },
  { startsWith: [{ var: 'a' }, 'x'] },
  { hasTag: ['x'] },
  { hasTag: [{ var: 'a' }, 'x'] },
  { anyOf: ['x', { var: 'a' }] },
  { anyOf: [{ var: 'a' }, ['x', 1]] },
];

/** What evaluating `expr` on `data` threw, or `undefined` when it did not throw. */
function throwsOn(expr: unknown, data: unknown): string | undefined {
  const condition = compileCondition(expr);
  try {
    condition(data);
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : 'a non-error';
  }
}

describe('compiled conditions survive hostile data', () => {
  const DEPTH = 100_000;

  /** `{ a: { a: … { a: 'bottom' } } }`, DEPTH levels. */
  const deepObject = (): unknown => {
    let value: unknown = 'bottom';
    for (let index = 0; index < DEPTH; index += 1) value = { a: value };
    return value;
  };
  /** `[[[…['bottom']…]]]`, DEPTH levels. */
  const deepArray = (): unknown => {
    let value: unknown = 'bottom';
    for (let index = 0; index < DEPTH; index += 1) value = [value];
    return value;
  };

  it('reads a 100,000-level nested object with `var`', () => {
    const data = deepObject();
    expect(evaluate({ var: 'a' }, data)).toBe((data as { a: unknown }).a);
    expect(evaluate({ var: Array.from({ length: 1_000 }, () => 'a').join('.') }, data)).toBeTypeOf('object');
    expect(evaluate({ var: Array.from({ length: DEPTH }, () => 'a').join('.') }, data)).toBe('bottom');
    expect(evaluate({ var: [Array.from({ length: DEPTH + 1 }, () => 'a').join('.'), 'd'] }, data)).toBe('d');
  });

  it('reads a 100,000-level nested array with `var`', () => {
    const data = deepArray();
    expect(evaluate({ var: '0' }, data)).toBe((data as unknown[])[0]);
    expect(evaluate({ var: Array.from({ length: DEPTH }, () => '0').join('.') }, data)).toBe('bottom');
  });

  it('never throws on deeply nested data, whatever the operator', () => {
    const failures: string[] = [];
    for (const [name, data] of [
      ['object', deepObject()],
      ['array', deepArray()],
      ['{ a: array }', { a: deepArray() }],
    ] as const) {
      for (const expr of [...probes, { var: '' }, { cat: [{ var: '' }] }, { '==': [{ var: '' }, 'x'] }]) {
        const failure = throwsOn(expr, data);
        if (failure !== undefined)
          failures.push(`${JSON.stringify(expr)} on a 100,000-level ${name}: ${failure}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never throws on JSON data whose objects have own `toString` or `valueOf` keys', () => {
    // Plain JSON from a webhook: ToPrimitive finds a `toString` that is not a function.
    const failures: string[] = [];
    for (const text of [
      '{"a": {"toString": 1}}',
      '{"a": {"valueOf": "x", "toString": "y"}}',
      '{"a": [{"toString": null}]}',
      '{"a": {"b": {"valueOf": 1}}, "toString": 2}',
    ]) {
      for (const expr of probes) {
        const failure = throwsOn(expr, JSON.parse(text));
        if (failure !== undefined) failures.push(`${JSON.stringify(expr)} on ${text}: ${failure}`);
      }
    }
    expect(failures).toEqual([]);
    expectPrototypesUntouched();
  });

  it('never throws on data shaped like JSON, even objects without a prototype', () => {
    const shaped: [string, unknown][] = [
      ['a null-prototype object', { a: Object.create(null) as unknown }],
      [
        'own toString and valueOf keys holding data',
        JSON.parse('{"a":{"toString":1,"valueOf":"x"}}') as unknown,
      ],
      ['an invalid date', { a: new Date(Number.NaN) }],
    ];
    const failures: string[] = [];
    for (const [name, data] of shaped) {
      for (const expr of probes) {
        const failure = throwsOn(expr, data);
        if (failure !== undefined) failures.push(`${JSON.stringify(expr)} on ${name}: ${failure}`);
      }
    }
    expect(failures).toEqual([]);
    expectPrototypesUntouched();
  });

  it('leaves host code (getters, proxies, symbols, bigints) outside the contract, and the prototypes untouched', () => {
    // Conditions are evaluated on JSON data (evaluate() parses tickets first); values that run
    // code when read or converted may make a condition throw, but never change a prototype
    // or hand back a function.
    const boom = (): never => {
      throw new Error('boom');
    };
    const proxy: unknown = new Proxy(
      {},
      { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom },
    );
    const hostile: unknown[] = [
      proxy,
      { a: proxy },
      {
        get a(): unknown {
          return boom();
        },
      },
      { a: { [Symbol.toPrimitive]: boom } },
      { a: { toString: boom, valueOf: boom } },
      { a: Symbol('s') },
      { a: 10n },
      { a: [Symbol('s')] },
    ];
    for (const data of hostile) {
      for (const expr of probes) {
        let result: unknown;
        try {
          result = compileCondition(expr)(data);
        } catch {
          continue;
        }
        expect(typeof result).not.toBe('function');
      }
    }
    expectPrototypesUntouched();
  });
});

describe('text operators run in linear time', () => {
  const BOUND_MS = 2_000;

  /** Runs `fn` and asserts it took less than the bound. */
  function expectFast(fn: () => unknown): unknown {
    const started = performance.now();
    const result = fn();
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    return result;
  }

  it(
    'matches words in a 10 MB string',
    () => {
      const text = `${'lorem ipsum dolor sit amet '.repeat(371_000)}outage`;
      expect(text.length).toBeGreaterThan(10_000_000);
      expect(expectFast(() => evaluate({ containsAny: [{ var: 't' }, ['outage']] }, { t: text }))).toBe(true);
      expect(
        expectFast(() => evaluate({ containsAny: [{ var: 't' }, ['missing', 'absent']] }, { t: text })),
      ).toBe(false);
      expect(
        expectFast(() => evaluate({ containsAll: [{ var: 't' }, ['lorem', 'outage']] }, { t: text })),
      ).toBe(true);
      expect(expectFast(() => evaluate({ containsAny: [{ var: 't' }, ['amet outage']] }, { t: text }))).toBe(
        true,
      );
    },
    TIMEOUT,
  );

  it(
    'is fast on one 10-million-letter word against a long near-match',
    () => {
      const text = 'a'.repeat(10_000_000);
      const words = [`${'a'.repeat(1_000)}b`, `${'a'.repeat(100_000)}b`, 'aaaab'];
      expect(expectFast(() => evaluate({ containsAny: [{ var: 't' }, words] }, { t: text }))).toBe(false);
      expect(expectFast(() => evaluate({ containsAll: [{ var: 't' }, words] }, { t: text }))).toBe(false);
      expect(
        expectFast(() => evaluate({ startsWith: [{ var: 't' }, `${'a'.repeat(1_000)}b`] }, { t: text })),
      ).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'is fast on a million short words against a long near-match phrase',
    () => {
      // Every word of the phrase occurs in the text (so no word-set shortcut applies), and
      // every position starts a 2,000-word partial match: a position-by-position phrase
      // search does 2e9 comparisons here, a linear one (KMP over words) about 2e6.
      const text = `b ${'a '.repeat(1_000_000)}`;
      const phrase = `${'a '.repeat(2_000)}b`;
      expect(expectFast(() => evaluate({ containsAny: [{ var: 't' }, [phrase]] }, { t: text }))).toBe(false);
      expect(expectFast(() => evaluate({ containsAll: [{ var: 't' }, ['a', phrase]] }, { t: text }))).toBe(
        false,
      );
    },
    TIMEOUT,
  );

  it(
    'is fast on many words',
    () => {
      const text = 'word '.repeat(200_000);
      const words = Array.from({ length: 1_000 }, (_, index) => `w${String(index)}`);
      expect(expectFast(() => evaluate({ containsAny: [{ var: 't' }, words] }, { t: text }))).toBe(false);
    },
    TIMEOUT,
  );
});
