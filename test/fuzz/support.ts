import { expect } from 'vitest';
import { PolicyError, type Issue } from '../../src/index.js';

// Shared by the fuzz suites (test/fuzz) and the hostile corpus (test/hostile).
//
// Run sizes: each property has a quick size, run by `npm test`. The nightly run sets
// FUZZ_RUNS (runs per property; `npm run fuzz` sets 12,500), and heavy properties (a
// simulation, a corpus of tickets per run) take a share of it. FC_SEED fixes the seed, as in CI;
// fast-check prints the seed and the path of any counterexample, to replay it.

function readInteger(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer: ${text}`);
  return value;
}

/** The runs per property of the nightly fuzz run (`FUZZ_RUNS`), or `undefined` for the quick run. */
export const FUZZ_RUNS: number | undefined = readInteger('FUZZ_RUNS');
const SEED = readInteger('FC_SEED');

/**
 * fast-check parameters: `quick` runs in `npm test`, else `FUZZ_RUNS × share` (never fewer
 * than `quick`); the seed from FC_SEED when set.
 */
export function fuzzParams(quick: number, share = 1): { numRuns: number; seed?: number } {
  const numRuns = FUZZ_RUNS === undefined ? quick : Math.max(quick, Math.round(FUZZ_RUNS * share));
  return SEED === undefined ? { numRuns } : { numRuns, seed: SEED };
}

/** A vitest timeout for a property: `quickMs` in the quick run, scaled up for the nightly one. */
export function fuzzTimeout(quickMs: number): number {
  return FUZZ_RUNS === undefined ? quickMs : Math.max(quickMs, FUZZ_RUNS * 200);
}

/** The `Object.prototype` and `Array.prototype` members, to compare before and after a run. */
function prototypeFingerprint(): string {
  const describe = (target: object): string =>
    Reflect.ownKeys(target)
      .map((key) => {
        const descriptor = Object.getOwnPropertyDescriptor(target, key);
        const kind =
          descriptor === undefined ? '?' : 'value' in descriptor ? typeof descriptor.value : 'accessor';
        return `${String(key)}:${kind}`;
      })
      .sort()
      .join(',');
  return `${describe(Object.prototype)}|${describe(Array.prototype)}|${describe(Function.prototype)}`;
}

const PRISTINE = prototypeFingerprint();

/** Names an attack would add to `Object.prototype` (the payloads use them). */
const PROBES = ['polluted', 'isAdmin', 'x', 'subject', 'members', 'primary', 'tier', 'when', 'timezone'];

/** Fails when any prototype changed or an object literal inherits a probe name. */
export function expectPrototypesUntouched(): void {
  expect(prototypeFingerprint()).toBe(PRISTINE);
  const fresh: Record<string, unknown> = {};
  for (const name of PROBES) expect(fresh[name], `({}).${name}`).toBeUndefined();
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BAD_TEXT = /Invalid Date|\bNaN\b|\bundefined\b|\[object |function |=> /;
/** Issue messages name the JSON type received, `undefined` included (a missing ticket). */
const BAD_MESSAGE = /Invalid Date|\bNaN\b|\[object |function |=> /;

/**
 * Fails unless `value` is plain JSON as the engine promises its outputs: no `undefined`, no
 * `NaN` or infinite number, no `Invalid Date` (or `NaN`, `undefined`, `[object …]`) in text,
 * instants (`…At`, `deadline`) as ISO strings when `instants` (outputs of the engine, not
 * documents it returns), only plain objects and arrays — and the same
 * after a JSON round trip. Inputs must not put those words into text the output may quote:
 * the mutation arbitraries never generate them.
 */
export function expectPlainJson(value: unknown, what = 'output', instants = true): void {
  const problems: string[] = [];
  const stack: [unknown, string, string][] = [[value, '', what]];
  while (stack.length > 0 && problems.length < 5) {
    const [node, key, path] = stack.pop() as [unknown, string, string];
    switch (typeof node) {
      case 'undefined':
        problems.push(`${path} is undefined`);
        break;
      case 'number':
        if (!Number.isFinite(node)) problems.push(`${path} is ${String(node)}`);
        if (Object.is(node, -0)) problems.push(`${path} is -0`);
        break;
      case 'string':
        if ((key === 'message' ? BAD_MESSAGE : BAD_TEXT).test(node))
          problems.push(`${path} reads ${JSON.stringify(node.slice(0, 80))}`);
        if (instants && /(At|^deadline)$/.test(key) && !ISO.test(node))
          problems.push(`${path} is not an ISO instant`);
        break;
      case 'boolean':
        break;
      case 'object': {
        if (node === null) break;
        const proto: unknown = Object.getPrototypeOf(node);
        if (proto !== Object.prototype && proto !== Array.prototype) {
          problems.push(`${path} is not a plain object or array`);
          break;
        }
        for (const [k, v] of Object.entries(node))
          stack.push([v, Array.isArray(node) ? key : k, `${path}.${k}`]);
        break;
      }
      default:
        problems.push(`${path} is a ${typeof node}`);
    }
  }
  expect(problems, what).toEqual([]);
  const copy: unknown = JSON.parse(JSON.stringify(value));
  expect(differences(value, copy), `${what} after a JSON round trip`).toEqual([]);
}

/**
 * Where two JSON values differ (own keys in order, values with `Object.is`, arrays by index);
 * at most five places. Not `toStrictEqual`: data may hold an own `constructor` key, which that
 * matcher takes for the object's class.
 */
function differences(a: unknown, b: unknown): string[] {
  const out: string[] = [];
  const stack: [unknown, unknown, string][] = [[a, b, '']];
  while (stack.length > 0 && out.length < 5) {
    const [x, y, path] = stack.pop() as [unknown, unknown, string];
    if (Object.is(x, y)) continue;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') {
      out.push(`${path}: ${String(x)} ≠ ${String(y)}`);
      continue;
    }
    if (Array.isArray(x) !== Array.isArray(y)) {
      out.push(`${path}: array ≠ object`);
      continue;
    }
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.join('\u0000') !== ky.join('\u0000')) {
      out.push(`${path}: keys ${kx.join(',')} ≠ ${ky.join(',')}`);
      continue;
    }
    for (const key of kx)
      stack.push([
        (x as Record<string, unknown>)[key],
        (y as Record<string, unknown>)[key],
        `${path}.${key}`,
      ]);
  }
  return out;
}

/**
 * Whether an issue's path resolves in `root`: every key but the last leads to an own property;
 * the last one exists too, unless the issue says it is missing (a missing key, field or
 * event field) or unknown.
 */
export function pathResolves(root: unknown, issue: Issue): boolean {
  let current = root;
  const path = issue.path;
  for (const [index, key] of path.entries()) {
    const last = index === path.length - 1;
    if (current === null || typeof current !== 'object') return false;
    if (!Object.hasOwn(current, key)) {
      return (
        last &&
        ['missing_key', 'invalid_field', 'invalid_event', 'unknown_key'].includes(issue.code) &&
        typeof key === (Array.isArray(current) ? 'number' : 'string')
      );
    }
    current = (current as Record<string | number, unknown>)[key];
  }
  return true;
}

/** Fails unless every issue is well formed and its path resolves in `root`. */
export function expectIssuesResolve(root: unknown, issues: readonly Issue[], what = 'issues'): void {
  const bad = issues.filter(
    (issue) =>
      !/^[a-z]+(_[a-z]+)*$/.test(issue.code) ||
      !['error', 'warning'].includes(issue.severity) ||
      /\n/.test(issue.message) ||
      !/^[a-z`(]/.test(issue.message) ||
      !pathResolves(root, issue),
  );
  expect(
    bad.map((issue) => `${issue.code} at ${JSON.stringify(issue.path)}: ${issue.message}`),
    what,
  ).toEqual([]);
}

/** What a call may throw, by its TSDoc. */
export interface Documented {
  /** A `PolicyError` with issues (their paths resolve in `root` when given). */
  readonly policyError?: { readonly root?: unknown } | undefined;
  /** A `TypeError` whose message starts with this prefix (the function's name). */
  readonly typeError?: string | undefined;
  /** A `RangeError` whose message starts with this prefix. */
  readonly rangeError?: string | undefined;
}

/**
 * Calls `fn`; returns `{ value }`, or `{ error }` when it threw an error its TSDoc documents,
 * and fails the test for anything else (a stray `TypeError` from deep inside, a non-error).
 */
export function call<T>(fn: () => T, documented: Documented = {}): { value: T } | { error: Error } {
  try {
    return { value: fn() };
  } catch (error) {
    if (error instanceof PolicyError && documented.policyError !== undefined) {
      expect(error.issues.length).toBeGreaterThan(0);
      if ('root' in documented.policyError) expectIssuesResolve(documented.policyError.root, error.issues);
      return { error };
    }
    if (
      error instanceof TypeError &&
      !(error instanceof PolicyError) &&
      documented.typeError !== undefined &&
      error.message.startsWith(documented.typeError)
    )
      return { error };
    if (
      error instanceof RangeError &&
      documented.rangeError !== undefined &&
      error.message.startsWith(documented.rangeError)
    )
      return { error };
    const text =
      error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    return expect.fail(`undocumented throw: ${text}`);
  }
}
