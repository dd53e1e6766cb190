import { PolicyError, type Issue } from '../errors/index.js';
import { deepFreeze, fromZodIssues } from '../internal/index.js';
import { checkPolicy } from './check-policy.js';
import type { PolicyDocument } from './policy-document.js';
import { policyLimitIssue } from './policy-limits.js';
import type { PolicyModel } from './policy-model.js';
import { policySchema } from './policy-schema.js';
import { schemaKeys } from './schema-keys.js';

// A registered symbol: a policy compiled by one copy of the library (its ESM or CJS build, or
// the copy bundled into the `testing` entry) is accepted by another.
const MODEL: unique symbol = Symbol.for('escalation-engine.policy');

/**
 * A compiled policy: validated, immutable, with its calendars, conditions and lookup
 * tables precomputed. Create one with {@link compilePolicy} or {@link safeCompilePolicy}.
 */
export interface Policy {
  /** The policy id. */
  readonly id: string;
  /** The policy version. */
  readonly version: string;
  /** The document it was compiled from (a frozen copy). */
  readonly definition: PolicyDocument;
  /** Warnings found while compiling (e.g. a calendar that is never open). */
  readonly warnings: readonly Issue[];
}

interface PolicyInternals extends Policy {
  readonly [MODEL]: PolicyModel;
}

/** The outcome of {@link safeCompilePolicy}. */
export type SafeCompileResult =
  | { readonly success: true; readonly policy: Policy; readonly warnings: readonly Issue[] }
  | { readonly success: false; readonly issues: readonly [Issue, ...Issue[]] };

/** A copy of JSON-like data: own enumerable keys only, `__proto__` kept as a plain key. */
function copyData(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyData);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, {
      value: copyData((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * Makes the parsed document the policy's own: zod already built new objects and arrays
 * for everything it checked, except the conditions (`when`, matrix `value`), which it
 * passes through by reference; those are copied here, so freezing never touches the input.
 */
function ownConditions(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if ((key === 'when' || key === 'value') && !Array.isArray(node)) record[key] = copyData(record[key]);
    else ownConditions(record[key]);
  }
}

/** Issues in the order their paths appear in the input document. */
function inDocumentOrder(issues: readonly Issue[], input: unknown): Issue[] {
  const rank = (path: readonly (string | number)[]): number[] => {
    const out: number[] = [];
    let current = input;
    for (const key of path) {
      if (current === null || typeof current !== 'object') {
        out.push(-1);
        current = undefined;
        continue;
      }
      const position = Array.isArray(current) ? Number(key) : Object.keys(current).indexOf(String(key));
      out.push(position === -1 ? Number.MAX_SAFE_INTEGER : position);
      current = Object.hasOwn(current, key) ? (current as Record<string | number, unknown>)[key] : undefined;
    }
    return out;
  };
  const ranked = issues.map((issue) => ({ issue, rank: rank(issue.path) }));
  ranked.sort((a, b) => {
    for (let i = 0; i < Math.min(a.rank.length, b.rank.length); i++) {
      const d = (a.rank[i] ?? 0) - (b.rank[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.rank.length - b.rank.length;
  });
  return ranked.map(({ issue }) => issue);
}

/**
 * Validates and compiles a policy, collecting every problem instead of throwing. A document
 * over a size limit (`MAX_POLICY_VALUES`, `MAX_POLICY_ARRAY_LENGTH`, …) is refused at once
 * with one `limit_exceeded` issue at the path of what exceeds it.
 *
 * @param input - The policy document: any JSON value (parsed from JSON or YAML) is checked.
 * @returns `{ success: true, policy, warnings }`, or `{ success: false, issues }` with every
 *   error (and warning) found, each with a path into `input`, in document order.
 * @example
 * ```ts
 * const result = safeCompilePolicy({ id: 'acme' });
 * result.success //=> false
 * if (!result.success) result.issues[0]?.message //=> 'missing required key `version`'
 * ```
 */
export function safeCompilePolicy(input: unknown): SafeCompileResult {
  const tooLarge = policyLimitIssue(input);
  if (tooLarge !== undefined) return { success: false, issues: [tooLarge] };
  const shape = policySchema.safeParse(input);
  if (!shape.success) {
    const issues = inDocumentOrder(
      fromZodIssues(shape.error.issues, input, [], schemaKeys(policySchema)),
      input,
    );
    return { success: false, issues: issues as [Issue, ...Issue[]] };
  }
  const { model, issues, warnings } = checkPolicy(shape.data, input);
  if (model === undefined) {
    const all = [...inDocumentOrder(issues, input), ...inDocumentOrder(warnings, input)];
    return { success: false, issues: all as [Issue, ...Issue[]] };
  }
  const ordered = Object.freeze(inDocumentOrder(warnings, input));
  ownConditions(shape.data);
  const definition = deepFreeze(shape.data);
  const policy: PolicyInternals = Object.freeze({
    id: definition.id,
    version: definition.version,
    definition,
    warnings: ordered,
    [MODEL]: model,
  });
  return { success: true, policy, warnings: ordered };
}

/**
 * Validates and compiles a policy: shape first, then ids, references, durations,
 * thresholds and conditions. Compile once, evaluate many times.
 *
 * @param input - The policy document: any JSON value (parsed from JSON or YAML) is checked.
 * @returns The compiled, immutable policy; `warnings` lists non-fatal findings.
 * @throws {@link PolicyError} listing every problem, one per line with its path, e.g.
 *   ``sla.targets[2].calendar: unknown calendar `us-bizness` (did you mean `us-business`?)``.
 * @example
 * ```ts
 * const policy = compilePolicy(JSON.parse(readFileSync('policy.json', 'utf8')));
 * policy.id //=> 'acme-saas'
 * ```
 */
export function compilePolicy(input: unknown): Policy {
  const result = safeCompilePolicy(input);
  if (!result.success) throw new PolicyError(result.issues, 'policy');
  return result.policy;
}

/**
 * The compiled model of a policy, or a `TypeError` naming `fn`.
 *
 * @internal
 */
export function modelOf(policy: unknown, fn: string): PolicyModel {
  if (policy !== null && typeof policy === 'object' && MODEL in policy)
    return (policy as PolicyInternals)[MODEL];
  throw new TypeError(`${fn}: expected a policy from compilePolicy`);
}
