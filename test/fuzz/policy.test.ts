import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PolicyError,
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  compileCondition,
  compilePolicy,
  isOpen,
  lintPolicy,
  nextOpening,
  parseDuration,
  safeCompilePolicy,
  type Calendar,
} from '../../src/index.js';
import { calendarDefinitionArbitrary, ticketAndNowArbitrary } from '../../src/testing/index.js';
import { hostileValue, mutated, mutationOf } from './mutate.js';
import {
  call,
  expectIssuesResolve,
  expectPlainJson,
  expectPrototypesUntouched,
  fuzzParams,
  fuzzTimeout,
} from './support.js';

// Fuzzing of the policy-side entry points: safeCompilePolicy / compilePolicy / lintPolicy,
// compileCalendar and the business-time functions on what it compiles, parseDuration and
// compileCondition. Each property holds for arbitrary JSON (test/properties/ covers one-node
// replacements) and, above all, for structured mutations of valid inputs: the reference policy,
// generated calendars, durations and the reference policy's own conditions.

const ACME: unknown = JSON.parse(
  readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
);
const NOW = '2026-11-26T12:00:00Z';

afterAll(() => {
  expectPrototypesUntouched();
});

/** Compiles a policy document both ways and checks everything the contract says about it. */
function checkPolicy(input: unknown): void {
  const result = call(() => safeCompilePolicy(input));
  if (!('value' in result)) return;
  const outcome = result.value;
  if (outcome.success) {
    expectIssuesResolve(input, outcome.warnings, 'warnings');
    expect(outcome.warnings.every((issue) => issue.severity === 'warning')).toBe(true);
    expectPlainJson(outcome.policy.definition, 'definition', false);
    const findings = call(() => lintPolicy(outcome.policy, { now: NOW }));
    if ('value' in findings) expectIssuesResolve(input, findings.value, 'lint findings');
  } else {
    expect(outcome.issues.some((issue) => issue.severity === 'error')).toBe(true);
    expectIssuesResolve(input, outcome.issues);
    const thrown = call(() => compilePolicy(input), { policyError: {} });
    expect('error' in thrown && thrown.error instanceof PolicyError && thrown.error.issues).toEqual(
      outcome.issues,
    );
  }
  expectPrototypesUntouched();
}

describe('safeCompilePolicy, compilePolicy and lintPolicy', () => {
  it(
    'answer any JSON value with a policy or a PolicyError whose paths resolve in the input',
    () => {
      fc.assert(fc.property(fc.jsonValue(), checkPolicy), fuzzParams(150));
    },
    fuzzTimeout(20_000),
  );

  it(
    'answer structured mutations of the reference policy the same way',
    () => {
      fc.assert(fc.property(mutationOf(ACME, 4), checkPolicy), fuzzParams(100, 0.5));
    },
    fuzzTimeout(20_000),
  );
});

describe('compileCalendar and business time', () => {
  const YEAR = 365.25 * 86_400_000;
  // Mostly around now; sometimes anywhere in the supported years (1000 to 9999) or outside
  // them. Spans stay within a century: business time over the whole range is correct but
  // builds every block of it (about 10 s per fresh calendar; see docs/security.md).
  const instant = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) }) },
    { weight: 1, arbitrary: fc.integer({ min: -30_610_224_000_000, max: 253_402_300_799_999 }) },
    { weight: 1, arbitrary: fc.constantFrom(-8.64e15, 8.64e15, Number.NaN, 2 ** 53) },
  );
  const span = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -2 * YEAR, max: 2 * YEAR }) },
    { weight: 1, arbitrary: fc.integer({ min: -100 * YEAR, max: 100 * YEAR }) },
  );
  const duration = fc.oneof(
    fc.constantFrom(0, 1, 900_000, 14_400_000, 86_400_000),
    fc.integer({ min: 0, max: 1e9 }),
    fc.constantFrom(-1, 0.5, Number.NaN),
  );

  /** Every business-time function on a compiled calendar: documented throws, sound results. */
  function checkCalendar(calendar: Calendar, a: number, b: number, d: number): void {
    const valid = (ms: number): boolean =>
      Number.isFinite(ms) && ms >= -30_610_224_000_000 && ms <= 253_402_300_799_999;
    const added = call(() => addBusinessTime(calendar, a, d), {
      rangeError: 'addBusinessTime:',
      typeError: 'addBusinessTime:',
    });
    if ('value' in added) {
      expect(valid(a) && Number.isSafeInteger(d) && d >= 0).toBe(true);
      if (added.value !== null) {
        expect(added.value.getTime()).toBeGreaterThanOrEqual(a);
        expect(businessTimeBetween(calendar, a, added.value)).toBe(d);
      }
    } else expect(valid(a) && Number.isSafeInteger(d) && d >= 0).toBe(false);
    const [from, to] = a <= b ? [a, b] : [b, a];
    const between = call(() => businessTimeBetween(calendar, from, to), {
      rangeError: 'businessTimeBetween:',
    });
    if ('value' in between) {
      expect(Number.isSafeInteger(between.value) && between.value >= 0).toBe(true);
      expect(between.value).toBeLessThanOrEqual(to - from);
    } else expect(valid(from) && valid(to)).toBe(false);
    const open = call(() => isOpen(calendar, a), { rangeError: 'isOpen:' });
    if ('value' in open) expect(typeof open.value).toBe('boolean');
    const next = call(() => nextOpening(calendar, a), { rangeError: 'nextOpening:' });
    if ('value' in next && next.value !== null) {
      expect(Number.isNaN(next.value.getTime())).toBe(false);
      expect(next.value.getTime()).toBeGreaterThanOrEqual(a);
      expect(isOpen(calendar, next.value)).toBe(true);
    }
  }

  it(
    'compiles mutated calendars or refuses them with a PolicyError, and answers every query soundly',
    () => {
      fc.assert(
        fc.property(
          mutated(calendarDefinitionArbitrary(), 3),
          instant,
          span,
          duration,
          (definition, a, gap, d) => {
            const b = a + gap;
            const compiled = call(() => compileCalendar(definition as never), {
              policyError: { root: definition },
            });
            if ('value' in compiled) {
              expectIssuesResolve(definition, compiled.value.warnings);
              checkCalendar(compiled.value, a, b, d);
            }
            expectPrototypesUntouched();
          },
        ),
        fuzzParams(150),
      );
    },
    fuzzTimeout(20_000),
  );
});

describe('parseDuration', () => {
  const valid = fc.constantFrom('15m', '4h', '1h30m', '1h 30m', '1.5h', '90s', '250ms', 'PT1H30M', 'PT15M');
  /** A valid duration with characters inserted, deleted or replaced. */
  const edited = fc
    .tuple(
      valid,
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom('insert', 'delete', 'replace'),
          fc.constantFrom(...Array.from('0159.hmsdwyPTHMS -+eE_\u0000')),
        ),
        { maxLength: 3 },
      ),
    )
    .map(([text, edits]) => {
      let out = text;
      for (const [at, kind, char] of edits) {
        const i = at % (out.length + 1);
        if (kind === 'insert') out = out.slice(0, i) + char + out.slice(i);
        else if (kind === 'delete') out = out.slice(0, i) + out.slice(i + 1);
        else out = out.slice(0, i) + char + out.slice(i + 1);
      }
      return out;
    });

  it('answers edited durations with safe milliseconds or a PolicyError of one issue', () => {
    fc.assert(
      fc.property(fc.oneof(edited, hostileValue), (text) => {
        const parsed = call(() => parseDuration(text as string), { policyError: { root: text } });
        if ('value' in parsed) expect(Number.isSafeInteger(parsed.value) && parsed.value >= 0).toBe(true);
        else expect(parsed.error instanceof PolicyError && parsed.error.issues).toHaveLength(1);
      }),
      fuzzParams(300),
    );
  });
});

describe('compileCondition', () => {
  const policy = compilePolicy(ACME);
  /** Every condition of the reference policy: each `when` and each matrix axis `value`. */
  const conditions: unknown[] = [];
  const collect = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'when' || (key === 'value' && !Array.isArray(node))) && typeof value === 'object')
        conditions.push(value);
      else collect(value);
    }
  };
  collect(ACME);

  /** What conditions see (docs/evaluation.md): the ticket and the decision so far. */
  const data = fc
    .tuple(
      mutated(
        ticketAndNowArbitrary(policy, { maxEvents: 4 }).map((t) => t.ticket),
        3,
      ),
      hostileValue,
    )
    .map(([ticket, severity]) => ({
      ticket,
      severity,
      tier: 'enterprise',
      queue: 'payments',
      derived: { status: 'open' },
    }));

  it(
    "compiles mutations of the reference policy's conditions, or refuses them with paths into them; compiled, they never throw on JSON data",
    () => {
      expect(conditions.length).toBeGreaterThan(30);
      fc.assert(
        fc.property(
          fc.constantFrom(...conditions).chain((expr) => mutationOf(expr, 3)),
          data,
          (expr, datum) => {
            const compiled = call(() => compileCondition(expr), { policyError: { root: expr } });
            if ('value' in compiled) {
              const result = compiled.value(datum);
              expect(typeof result).not.toBe('function');
              expect(result === Object.prototype || result === Array.prototype).toBe(false);
            }
            expectPrototypesUntouched();
          },
        ),
        fuzzParams(200),
      );
    },
    fuzzTimeout(20_000),
  );
});
