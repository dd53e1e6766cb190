import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PolicyError,
  compileCalendar,
  compileCondition,
  parseDuration,
  type Issue,
} from '../../src/index.js';
import { calendarDefinitionArbitrary } from '../../src/testing/index.js';
import { expectWellFormed, mutate, params } from '../support/well-formed.js';

/** Compiles and returns the issues, failing on anything but a PolicyError. */
function issuesOfCompile(input: unknown): readonly Issue[] {
  try {
    return compileCalendar(input as never).warnings;
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return error.issues;
  }
}

describe('compileCalendar on bad input', () => {
  it('answers any JSON value with a calendar or a PolicyError whose paths exist', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        expectWellFormed(input, issuesOfCompile(input));
      }),
      params(500),
    );
  });

  it('answers valid calendars with one node replaced by anything', () => {
    fc.assert(
      fc.property(calendarDefinitionArbitrary(), fc.nat(), fc.jsonValue(), (def, pick, replacement) => {
        const input = mutate(def, pick, replacement);
        expectWellFormed(input, issuesOfCompile(input));
      }),
      params(400),
    );
  });

  it('treats prototype keys as unknown keys and leaves Object.prototype untouched', () => {
    const input = JSON.parse(
      '{"timezone":"UTC","weekly":{"mon":[["09:00","17:00"]],"__proto__":{"polluted":1}},"constructor":{"prototype":{"x":1}}}',
    ) as unknown;
    const issues = issuesOfCompile(input);
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['unknown_key', 'weekly.__proto__'],
      ['unknown_key', 'constructor'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseDuration on bad input', () => {
  it('answers any string or JSON value with milliseconds or a PolicyError', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.jsonValue(), fc.stringMatching(/^[\d.]{0,6}[hmsdwyoPTHMS ]{0,4}$/)),
        (input) => {
          try {
            const ms = parseDuration(input as string);
            expect(Number.isSafeInteger(ms) && ms >= 0).toBe(true);
          } catch (error) {
            if (!(error instanceof PolicyError)) throw error;
            expect(error.issues).toHaveLength(1);
            expectWellFormed(input, error.issues);
          }
        },
      ),
      params(1000),
    );
  });
});

describe('compileCondition on bad input', () => {
  it('answers any JSON value with a condition or a PolicyError whose paths exist', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (expr, data) => {
        let condition: ((data: unknown) => unknown) | undefined;
        try {
          condition = compileCondition(expr);
        } catch (error) {
          if (!(error instanceof PolicyError)) throw error;
          // Paths point at a node, or end with the offending operator's key: all exist in the input.
          expectWellFormed(expr, error.issues);
          return;
        }
        // On JSON data a compiled condition never throws.
        condition(data);
      }),
      params(1000),
    );
  });

  it('evaluates random operator trees on random JSON data without throwing', () => {
    const ops = [
      '==',
      '<',
      '+',
      'cat',
      'in',
      'substr',
      'merge',
      'missing',
      'if',
      'and',
      'or',
      'map',
      'reduce',
    ];
    const expr = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.jsonValue({ maxDepth: 2 }),
        fc.record({ var: fc.constantFrom('a', 'a.b', 'c.0', '', 'toString') }),
        fc
          .tuple(fc.constantFrom(...ops), fc.array(tie('node'), { maxLength: 3 }))
          .map(([op, args]) => ({ [op]: args })),
      ),
    })).node;
    fc.assert(
      fc.property(expr, fc.jsonValue(), (e, data) => {
        let condition: ((data: unknown) => unknown) | undefined;
        try {
          condition = compileCondition(e);
        } catch (error) {
          if (error instanceof PolicyError) return;
          throw error;
        }
        const result = condition(data);
        expect(typeof result).not.toBe('function');
      }),
      params(1000),
    );
  });
});
