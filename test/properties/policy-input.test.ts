import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicyError, compilePolicy, lintPolicy, safeCompilePolicy } from '../../src/index.js';
import { MINIMAL } from '../support/policies.js';
import { expectWellFormed, mutate, params } from '../support/well-formed.js';

const ACME = JSON.parse(
  readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as unknown;

/** Values that are likely to hit a check: ids, references, durations, thresholds, wrong types. */
const suspicious = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    'sev1',
    'sev9',
    'general',
    '__proto__',
    'constructor',
    '15m',
    '3d',
    '0m',
    '75%',
    '100%',
    'breach+30m',
    '30m before',
    'UTC',
    'Mars/Olympus',
    '24x7',
    '2026-02-30',
    'javascript:alert(1)',
    '{{ticket.__proto__}}',
    { var: 'constructor.prototype' },
    { method: ['x', 'y'] },
    [],
    {},
    null,
    -1,
    1e21,
  ),
);

function check(input: unknown): void {
  const result = safeCompilePolicy(input);
  if (result.success) {
    expectWellFormed(input, result.warnings);
    // A compiled policy lints without throwing, and its findings are well formed too.
    expectWellFormed(input, lintPolicy(result.policy, { now: '2026-11-26T12:00:00Z' }));
    return;
  }
  expect(result.issues.length).toBeGreaterThan(0);
  expect(result.issues.some((issue) => issue.severity === 'error')).toBe(true);
  expectWellFormed(input, result.issues);
  // compilePolicy agrees and throws the documented error with the same issues.
  try {
    compilePolicy(input);
    expect.unreachable('compilePolicy accepted what safeCompilePolicy refused');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).issues).toEqual(result.issues);
  }
}

describe('safeCompilePolicy on any input', () => {
  it('answers any JSON value with a policy or issues whose paths exist in the input', () => {
    fc.assert(fc.property(fc.jsonValue(), check), params(300));
  });

  it('answers the reference policy with one node replaced by anything', () => {
    fc.assert(
      fc.property(fc.nat(), suspicious, (pick, replacement) => {
        check(mutate(ACME, pick, replacement));
      }),
      params(300),
    );
    // 600 compilations of the reference policy (about 5 ms each): seconds on a busy machine.
  }, 60_000);

  it('answers the minimal policy with up to three nodes replaced', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), suspicious), { minLength: 1, maxLength: 3 }), (edits) => {
        let input: unknown = MINIMAL;
        for (const [pick, replacement] of edits) input = mutate(input, pick, replacement);
        check(input);
      }),
      params(300),
    );
  });

  it('never changes Object.prototype, whatever keys the input has', () => {
    const hostile = JSON.parse(
      JSON.stringify(MINIMAL)
        .replace('"roles":{', '"roles":{"__proto__":{"members":["mallory"]},"constructor":{"members":["x"]},')
        .replace('"owners":{', '"owners":{"__proto__":{"primary":"support-agents"},'),
    ) as unknown;
    const result = safeCompilePolicy(hostile);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.issues.map((issue) => issue.path.join('.'))).toEqual([
        'routing.queues.0.owners.__proto__',
        'roles.__proto__',
        'roles.constructor',
      ]);
    }
    expect(({} as Record<string, unknown>).members).toBeUndefined();
    expect(({} as Record<string, unknown>).primary).toBeUndefined();
  });
});
