import { inspect, isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { checkCondition, compileCondition, createConditionScope } from '../../src/conditions/index.js';
import { createTextMatcher, unitMask } from '../../src/conditions/text-match.js';

// The compiler specialises common shapes: a path compared with a constant, `in` with a
// constant needle or a literal list, keyword lists, `!` of `missing`, between, and/or of
// boolean operands, masks that skip text searches. Each specialised shape must give
// exactly what the general code gives (the "slow" rewrite below, which the compiler
// recognises no shape in) on every kind of data, hostile data included, and what
// json-logic-js gives on JSON data.

const seedText = process.env['FC_SEED'];
const seed = seedText === undefined || seedText === '' ? undefined : Number(seedText);
if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer: ${seedText}`);

function params(numRuns: number): { numRuns: number; seed?: number } {
  return seed === undefined ? { numRuns } : { numRuns, seed };
}

const TIMEOUT = 60_000;

function isLogic(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length === 1;
}

/**
 * The same expression, written so that no specialisation applies: every node is wrapped
 * in `{"if": [true, node, null]}` (so no parent sees a constant, a path, a boolean or an
 * `in`), literal paths are computed (`{"var": [{"cat": [path]}]}`, read by the general
 * reader) and literal `missing` keys are computed too.
 */
function slow(expr: unknown): unknown {
  if (Array.isArray(expr)) return expr.map(slow);
  if (!isLogic(expr)) return { if: [true, expr, null] };
  const [op] = Object.keys(expr) as [string];
  const args = expr[op];
  const list: unknown[] = Array.isArray(args) ? args : [args];
  let node: unknown;
  if (op === 'var' && (typeof list[0] === 'string' || typeof list[0] === 'number')) {
    node = { var: [{ cat: [list[0]] }, ...list.slice(1).map(slow)] };
  } else if (op === 'missing') {
    node = { missing: [{ merge: list.map(slow) }] };
  } else {
    node = { [op]: Array.isArray(args) ? args.map(slow) : slow(args) };
  }
  return { if: [true, node, null] };
}

// ------------------------------------------------------------------ shapes

const PATHS = ['x', 'x.y', 'x.y.z', 'x.y.z.w', '0', 'x.0', 'length', 'x.length', 'y'];
const VARS: unknown[] = [
  ...PATHS.map((p) => ({ var: p })),
  { var: ['x', null] },
  { var: ['x', 1] },
  { var: ['x', 'a'] },
  { var: ['x', true] },
  { var: ['x.y', ''] },
  { var: ['x', { a: 1, b: 2 }] },
  { var: 0 },
];
/** Operands that are not a literal path: the general code with a constant inlined. */
const OTHERS: unknown[] = [
  { cat: [{ var: 'x' }] },
  { if: [true, { var: 'x' }, null] },
  { var: [{ var: 'p' }] },
];
const CONSTANTS: unknown[] = [
  0,
  1,
  -1,
  0.5,
  '1',
  '',
  'a',
  'ab',
  'b,c',
  'null',
  '[object Object]',
  null,
  true,
  false,
  {},
  { a: 1, b: 2 },
  [],
  [1],
];
const COMPARISONS = ['==', '===', '!=', '!==', '>', '>=', '<', '<='] as const;

const comparisons: unknown[] = COMPARISONS.flatMap((op) =>
  [...VARS, ...OTHERS].flatMap((v) => CONSTANTS.flatMap((k) => [{ [op]: [v, k] }, { [op]: [k, v] }])),
);

const BOUNDS: unknown[] = [0, 1, '1', 'a', null, {}, true];
const betweens: unknown[] = (['<', '<='] as const).flatMap((op) => [
  ...[...VARS, ...OTHERS].flatMap((v) => BOUNDS.flatMap((lo) => BOUNDS.map((hi) => ({ [op]: [lo, v, hi] })))),
  { [op]: [{ var: 'x' }, { var: 'y' }, { var: 'x.y' }] },
  { [op]: [0, { var: 'x' }, { var: 'y' }] },
]);

const NEEDLES: unknown[] = [
  'a',
  '',
  'ab',
  'b,c',
  1,
  null,
  true,
  '1',
  'null',
  'é',
  'É',
  '\u{1F600}',
  { a: 1, b: 2 },
];
const HAYSTACKS: unknown[] = [...VARS, ...OTHERS, 'abc', '', 7];
const constantNeedles: unknown[] = NEEDLES.flatMap((n) => HAYSTACKS.map((h) => ({ in: [n, h] })));

const LISTS: unknown[][] = [
  [],
  ['a'],
  ['a', 'b'],
  [1, '1', null, true],
  [0, false, ''],
  ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
  ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, '1', null, true, false, 0, '', 'a', 'a'],
  // Not JSON, but a caller may write them: indexOf never finds NaN, and finds -0 as 0.
  [NaN, -0],
  [NaN, -0, 1, 2, 3, 4, 5, 6, 7, 8],
];
const literalLists: unknown[] = LISTS.flatMap((list) =>
  [...VARS, ...OTHERS, 'a', 1, null].map((needle) => ({ in: [needle, list] })),
);

const KEYWORDS: unknown[][] = [
  ['a', 'b'],
  ['a', 'b', 'cd'],
  ['zz', 'ab', '1', 'null'],
  [1, null, true, 'a'],
  ['', 'q'],
  ['é', 'caf', 'CAF'],
  ['\u{1F600}', 'x', 'ß'],
  ['b,c', '[object Object]', { a: 1, b: 2 }],
];
const keywordLists: unknown[] = KEYWORDS.flatMap((words) =>
  [{ var: 'x' }, { var: 'x.y' }, { var: 'length' }].map((hay) => ({
    or: words.map((word) => ({ in: [word, hay] })),
  })),
);

const MISSING: unknown[] = [
  { missing: ['x', 'x.y', 'length', '0'] },
  { missing: [['x', 'x.y.z']] },
  { missing: ['y', '__proto__', 'constructor.prototype'] },
];
const negations: unknown[] = ['!', '!!'].flatMap((op) =>
  [
    ...MISSING,
    { '===': [{ var: 'x' }, 1] },
    { in: ['a', { var: 'x' }] },
    { var: 'x' },
    { and: [{ var: 'x' }, { '>': [{ var: 'y' }, 0] }] },
  ].map((operand) => ({ [op]: operand })),
);

/** Boolean operands (comparisons, `in`, `!`) and others, mixed in and/or of every length. */
const OPERANDS: unknown[] = [
  { '===': [{ var: 'x' }, 1] },
  { in: ['a', { var: 'y' }] },
  { '!': { var: 'x.y' } },
  { var: 'x' },
  { var: 'y' },
  { missing: ['x'] },
  [],
  0,
];
const junctions: unknown[] = (['and', 'or'] as const).flatMap((op) => [
  { [op]: [] },
  ...Array.from({ length: 6 }, (_, n) =>
    Array.from({ length: OPERANDS.length }, (_, start) => ({
      [op]: Array.from({ length: n + 1 }, (_, i) => OPERANDS[(start + i * 3) % OPERANDS.length]),
    })),
  ).flat(),
  {
    [op]: [
      { '===': [{ var: 'x' }, 1] },
      { '==': [{ var: 'y' }, 'a'] },
      { in: ['b', { var: 'x' }] },
      { var: 'y' },
    ],
  },
  {
    [op]: [
      { '<': [{ var: 'x' }, 5] },
      { '!!': { var: 'y' } },
      { '>=': [{ var: 'x.y' }, 1] },
      { '!==': [{ var: 'y' }, null] },
    ],
  },
]);

const SHAPES: readonly unknown[] = [
  ...comparisons,
  ...betweens,
  ...constantNeedles,
  ...literalLists,
  ...keywordLists,
  ...MISSING,
  ...negations,
  ...junctions,
  { hasTag: ['vip'] },
  { hasTag: [{ var: 'x' }, 'A'] },
];

// ------------------------------------------------------------------ data

class Ticket {
  x = 'own';
  get y(): string {
    return 'inherited getter';
  }
  z(): string {
    return 'method';
  }
}
/** An object whose prototype is `proto`, with `own` as its own properties. */
const inheriting = (proto: object | null, own: object = {}): unknown =>
  Object.assign(Object.create(proto) as object, own);
const inheritedProto = {
  x: 'inherited',
  y: { y: 'inherited' },
  length: 3,
  ab: 'inherited',
  polluted: 1,
};
/** Data that is not plain JSON: inherited members everywhere a path could look. */
const HOSTILE: readonly unknown[] = [
  inheriting(inheritedProto),
  inheriting(inheritedProto, { y: 'own y' }),
  inheriting(inheritedProto, { x: inheriting(inheritedProto) }),
  inheriting(null, { x: 'ab', y: 1 }),
  inheriting(null, { x: inheriting(null, { y: 'a' }) }),
  new Ticket(),
  { x: new Ticket() },
  { x: inheriting({ y: 'a' }) },
  ['a', 'b'],
  Object.assign(['ab', 'b'], { x: 'ab' }),
  { x: ['a', 'b'], y: 'a' },
  { x: { length: 'own' }, length: 'a' },
  'abc',
  { x: 'abc', y: new String('ab') },
  JSON.parse('{"__proto__": {"x": 1, "y": "a"}, "x": {"__proto__": {"y": 1}}}') as unknown,
  JSON.parse(
    '{"constructor": {"prototype": {"x": 1}}, "prototype": "a", "x": {"constructor": "a"}}',
  ) as unknown,
  { x: { toString: 1, valueOf: 'a' }, y: { toString: 'a' } },
  { x: NaN, y: -0 },
  { x: -0, y: NaN },
  { x: 'É', y: 'é' },
  { x: 'a\u{1F600}b', y: '\u{1F600}' },
  { x: 'x'.repeat(300) + 'ab', y: 'x'.repeat(300) },
  { ticket: { tags: ['VIP'] }, x: ['a'] },
  { ticket: inheriting({ tags: ['vip'] }) },
  null,
  undefined,
  0,
  true,
];
/** Plain JSON data, where json-logic-js is the reference. */
const JSON_DATA: readonly unknown[] = [
  {},
  { x: 1 },
  { x: '1' },
  { x: 'ab', y: 'b,c' },
  { x: ['a', 'b'], y: ['ab'] },
  { x: { y: { z: { w: 5 } } } },
  { x: { y: 'a', length: 2 }, y: 0 },
  { x: null, y: '' },
  { x: '', y: null },
  { x: [], y: [0] },
  { x: [1], y: [1, 2] },
  { x: true, y: false },
  { x: 0.5, y: -1 },
  { x: 'null', y: '[object Object]' },
  { x: { a: 1, b: 2 }, y: {} },
  { x: 'caf\u00e9', y: 'CAFE' },
  { 0: 'a', length: 1 },
  ['a', 1, null],
  'abc',
  '',
  7,
  null,
];

const keyOf = fc.constantFrom('x', 'y', 'z', 'w', '0', 'length', 'a', 'b');
const scalar = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, 1, -1, 0.5, 2, '', 'a', 'ab', 'b,c', '1', 'null', 'é', 'cd'),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -5, max: 5 }),
);
const { json } = fc.letrec<{ json: unknown; object: Record<string, unknown> }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: scalar },
    { weight: 2, arbitrary: fc.array(tie('json'), { maxLength: 3 }) },
    { weight: 3, arbitrary: tie('object') },
  ),
  object: fc.dictionary(keyOf, tie('json'), { maxKeys: 4, noNullPrototype: true }),
}));

// ------------------------------------------------------------------ checks

const slowOf = new Map<unknown, (data: unknown) => unknown>();
function slowCondition(shape: unknown): (data: unknown) => unknown {
  let condition = slowOf.get(shape);
  if (condition === undefined) {
    condition = compileCondition(slow(shape));
    slowOf.set(shape, condition);
  }
  return condition;
}
const fastOf = new Map<unknown, (data: unknown) => unknown>(
  SHAPES.map((shape) => [shape, compileCondition(shape)]),
);
const fast = (shape: unknown): ((data: unknown) => unknown) => fastOf.get(shape) ?? compileCondition(shape);

const show = (value: unknown): string => inspect(value, { depth: 6, breakLength: Infinity });

/** Disagreements of `actual` with the general code, as readable lines (at most a few). */
function mismatches(): {
  check(shape: unknown, data: unknown, actual: unknown, expected?: unknown): void;
  lines: string[];
} {
  const lines: string[] = [];
  return {
    lines,
    check(shape, data, actual, expected = slowCondition(shape)(data)) {
      if (isDeepStrictEqual(actual, expected) || lines.length >= 5) return;
      lines.push(`${show(shape)} on ${show(data)}: ${show(actual)} instead of ${show(expected)}`);
    },
  };
}

/** Names that `var` never reads (a documented difference with json-logic-js). */
const forbidden = (shape: unknown): boolean =>
  /__proto__|constructor|prototype|hasTag/.test(JSON.stringify(shape));

describe('the slow rewrite', () => {
  it('defeats every specialisation yet means the same', () => {
    const shape = { or: [{ in: ['a', { var: 'x.y' }] }, { '===': [{ var: ['z', 1] }, 1] }] };
    expect(slow(shape)).toStrictEqual({
      if: [
        true,
        {
          or: [
            {
              if: [
                true,
                { in: [{ if: [true, 'a', null] }, { if: [true, { var: [{ cat: ['x.y'] }] }, null] }] },
                null,
              ],
            },
            {
              if: [
                true,
                {
                  '===': [
                    { if: [true, { var: [{ cat: ['z'] }, { if: [true, 1, null] }] }, null] },
                    { if: [true, 1, null] },
                  ],
                },
                null,
              ],
            },
          ],
        },
        null,
      ],
    });
    for (const data of [{ x: { y: 'cab' } }, { z: 1 }, {}]) {
      expect(slowCondition(shape)(data)).toBe(jsonLogic.apply(shape as RulesLogic, data));
    }
  });
});

describe('specialised shapes agree with the general code', () => {
  it(`on hostile data (${String(SHAPES.length)} shapes)`, () => {
    const found = mismatches();
    for (const shape of SHAPES) {
      const condition = fast(shape);
      for (const data of [...HOSTILE, ...JSON_DATA]) found.check(shape, data, condition(data));
    }
    expect(found.lines).toStrictEqual([]);
  });

  it('and with json-logic-js on JSON data', () => {
    const found = mismatches();
    for (const shape of SHAPES.filter((s) => !forbidden(s))) {
      const condition = fast(shape);
      for (const data of JSON_DATA) {
        found.check(shape, data, condition(data), jsonLogic.apply(shape as RulesLogic, data));
      }
    }
    expect(found.lines).toStrictEqual([]);
  });

  it(
    'and with json-logic-js on random JSON data',
    () => {
      const standard = SHAPES.filter((shape) => !forbidden(shape));
      fc.assert(
        fc.property(json, (data) => {
          const found = mismatches();
          for (const shape of standard) {
            found.check(shape, data, fast(shape)(data), jsonLogic.apply(shape as RulesLogic, data));
          }
          expect(found.lines).toStrictEqual([]);
        }),
        params(100),
      );
    },
    TIMEOUT,
  );
});

describe('specialised shapes read own data properties only', () => {
  const proto = { x: 'ab', y: 'a', tags: ['vip'] };
  const inherited = [
    inheriting(proto),
    { x: inheriting(proto) },
    new Ticket(),
    { ticket: inheriting(proto) },
  ];

  it.each([
    [{ '===': [{ var: 'y' }, 'a'] }, false],
    [{ '==': [{ var: 'x.y' }, 'a'] }, false],
    [{ '!==': [{ var: 'y' }, null] }, false],
    [{ '>=': [{ var: 'length' }, 0] }, true],
    [{ in: ['a', { var: 'y' }] }, false],
    [{ in: [{ var: 'y' }, ['a', 'b']] }, false],
    [{ in: [{ var: 'y' }, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']] }, false],
    [{ or: [{ in: ['a', { var: 'x' }] }, { in: ['b', { var: 'x' }] }] }, false],
    [{ '!': { missing: ['y'] } }, false],
    [{ hasTag: ['vip'] }, false],
  ])('%j never sees an inherited member', (shape, expected) => {
    const condition = compileCondition(shape);
    const scope = createConditionScope();
    const shared = checkCondition(shape, [], scope).condition;
    if (shared === undefined) throw new Error('does not compile');
    for (const data of inherited) {
      expect(condition(data)).toBe(expected);
      scope.begin(data);
      expect(shared(data)).toBe(expected);
    }
  });

  it('never reads a member added to Object.prototype', () => {
    const shapes = [
      { '===': [{ var: 'polluted' }, 'yes'] },
      { in: ['yes', { var: 'polluted' }] },
      { or: [{ in: ['y', { var: 'polluted' }] }, { in: ['s', { var: 'polluted' }] }] },
      { in: [{ var: 'polluted' }, ['yes']] },
      { '!': { missing: ['polluted'] } },
    ];
    const conditions = shapes.map((shape) => compileCondition(shape));
    Object.defineProperty(Object.prototype, 'polluted', { value: 'yes', configurable: true, writable: true });
    try {
      for (const condition of conditions) {
        expect(condition({})).toBe(false);
        expect(condition({ a: {} })).toBe(false);
      }
    } finally {
      delete (Object.prototype as Record<string, unknown>)['polluted'];
    }
  });
});

describe('conditions compiled in one scope', () => {
  it('agree with the same conditions compiled alone, on every datum', () => {
    const scope = createConditionScope();
    const shared = SHAPES.map((shape, i) => {
      const { condition } = checkCondition(shape, ['rules', i], scope);
      if (condition === undefined) throw new Error(`shape ${String(i)} does not compile`);
      return condition;
    });
    const found = mismatches();
    for (const data of [...HOSTILE, ...JSON_DATA]) {
      scope.begin(data);
      shared.forEach((condition, i) => {
        found.check(SHAPES[i], data, condition(data));
      });
    }
    expect(found.lines).toStrictEqual([]);
  });

  it('read data other than the data given to begin afresh', () => {
    const scope = createConditionScope();
    const { condition } = checkCondition({ '===': [{ var: 'x.y' }, 1] }, [], scope);
    if (condition === undefined) throw new Error('does not compile');
    const first = { x: { y: 1 } };
    const second = { x: { y: 2 } };
    scope.begin(first);
    expect(condition(first)).toBe(true);
    expect(condition(second)).toBe(false);
    expect(condition(first)).toBe(true);
    expect(condition({ x: { y: 1 } })).toBe(true);
  });

  it('forget what they read when begin is called again, even with the same data', () => {
    const scope = createConditionScope();
    const { condition } = checkCondition({ in: ['down', { var: 'subject' }] }, [], scope);
    if (condition === undefined) throw new Error('does not compile');
    const data = { subject: 'site is down' };
    scope.begin(data);
    expect(condition(data)).toBe(true);
    data.subject = 'site is up';
    scope.begin(data);
    expect(condition(data)).toBe(false);
  });

  it('share a text between keyword lists and single needles', () => {
    const scope = createConditionScope();
    const compile = (expr: unknown): ((data: unknown) => unknown) => {
      const { condition } = checkCondition(expr, [], scope);
      if (condition === undefined) throw new Error('does not compile');
      return condition;
    };
    const any = compile({ or: [{ in: ['outage', { var: 's' }] }, { in: ['is down', { var: 's' }] }] });
    const one = compile({ in: ['login', { var: 's' }] });
    const texts = ['eu outage', 'cannot login', 'site is down', 'x'.repeat(400) + 'login', '', 'loginoutage'];
    for (const s of texts) {
      scope.begin({ s });
      expect([any({ s }), one({ s })]).toStrictEqual([
        s.includes('outage') || s.includes('is down'),
        s !== '' && s.includes('login'),
      ]);
    }
  });
});

describe('unitMask', () => {
  it('never rules out a needle the text contains', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(), fc.nat(), (text, a, b) => {
        const from = Math.min(a, b) % (text.length + 1);
        const to = Math.max(a, b) % (text.length + 1);
        const needle = text.slice(Math.min(from, to), Math.max(from, to));
        const mask = unitMask(needle);
        expect(unitMask(text) & mask).toBe(mask);
      }),
      params(500),
    );
  });

  it('sets every bit for long texts, and none for the empty text', () => {
    expect(unitMask('a'.repeat(257))).toBe(-1);
    expect(unitMask('a'.repeat(256))).toBe(unitMask('a'));
    expect(unitMask('')).toBe(0);
  });

  it('is remembered by a text matcher for the last text only', () => {
    const matcher = createTextMatcher();
    expect(matcher.units('ab')).toBe(unitMask('ab'));
    expect(matcher.units('ab')).toBe(unitMask('ab'));
    expect(matcher.units('cd')).toBe(unitMask('cd'));
    expect(matcher.units('')).toBe(0);
  });
});
