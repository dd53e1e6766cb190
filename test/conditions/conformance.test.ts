import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/index.js';

// The official JsonLogic test suite (DESIGN.md §8), read where it lives rather than copied.
// String entries are section comments; every other entry is `[rule, data, expected]`.
const suiteUrl = new URL('../../../shared/conformance/jsonlogic-tests.json', import.meta.url);
const suite = JSON.parse(readFileSync(suiteUrl, 'utf8')) as unknown;
if (!Array.isArray(suite)) throw new TypeError(`conformance suite is not an array: ${suiteUrl.href}`);

type Case = readonly [rule: unknown, data: unknown, expected: unknown];

const MAX_NAME = 80;

/** The rule as JSON, cut to a readable length. */
function nameOf(rule: unknown, data: unknown): string {
  const text = `${JSON.stringify(rule)} on ${JSON.stringify(data)}`;
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}

const cases: { name: string; rule: unknown; data: unknown; expected: unknown }[] = [];
for (const entry of suite as unknown[]) {
  if (typeof entry === 'string') continue;
  if (!Array.isArray(entry) || entry.length !== 3) {
    throw new TypeError(`malformed conformance entry: ${JSON.stringify(entry)}`);
  }
  const [rule, data, expected] = entry as unknown as Case;
  cases.push({ name: nameOf(rule, data), rule, data, expected });
}

describe('compileCondition (official JsonLogic suite)', () => {
  it('reads every case of the suite', () => {
    // Guards against the file moving or being emptied: a silent zero-case run would pass.
    expect(cases.length).toBeGreaterThanOrEqual(278);
  });

  it.each(cases)('$name', ({ rule, data, expected }) => {
    expect(compileCondition(rule)(data)).toStrictEqual(expected);
  });
});
