import type { core } from 'zod/mini';
import type { Issue } from '../errors/index.js';
import { suggestion } from './did-you-mean.js';
import { quote } from './quote.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function toPath(prefix: readonly (string | number)[], path: readonly PropertyKey[]): (string | number)[] {
  return [...prefix, ...path.map((key) => (typeof key === 'number' ? key : String(key)))];
}

/** True when a union branch rejected the value's kind itself (wrong type or literal at its root). */
function rejectsKind(issues: readonly core.$ZodIssue[]): boolean {
  return issues.some(
    (issue) => issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value'),
  );
}

/**
 * Converts zod issues into our {@link Issue} shape: stable codes, paths kept,
 * one-line lowercase messages that never quote the input. For a union, the issues
 * of the one branch that fits the value best are reported at their own paths.
 * `vocabulary` lists the keys the schema knows, for "did you mean" on unknown keys.
 *
 * @internal
 */
export function fromZodIssues(
  issues: readonly core.$ZodIssue[],
  input: unknown,
  prefix: readonly (string | number)[] = [],
  vocabulary: readonly string[] = [],
): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = toPath(prefix, issue.path);
    const value = valueAt(input, issue.path);
    if (
      value === undefined &&
      issue.path.length > 0 &&
      // zod reports a missing enum or literal key as `invalid_value`, others as a type or union mismatch.
      (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')
    ) {
      out.push({
        code: 'missing_key',
        severity: 'error',
        path,
        message: `missing required key ${quote(String(issue.path[issue.path.length - 1]))}`,
      });
      continue;
    }
    switch (issue.code) {
      case 'invalid_type':
        out.push({
          code: 'invalid_type',
          severity: 'error',
          path,
          message: `expected ${issue.expected}, received ${describe(value)}`,
        });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          out.push({
            code: 'unknown_key',
            severity: 'error',
            path: [...path, key],
            message: `unknown key ${quote(key)}${suggestion(key, vocabulary)}`,
          });
        }
        break;
      case 'invalid_union': {
        // Report the branch that fits: among those accepting the value's kind, the one with fewest issues.
        const fitting = issue.errors
          .filter((branch) => !rejectsKind(branch))
          .sort((a, b) => a.length - b.length);
        const best = fitting[0];
        if (best !== undefined && (fitting.length === 1 || (fitting[1]?.length ?? 0) > best.length)) {
          out.push(...fromZodIssues(best, value, path, vocabulary));
          break;
        }
        out.push({ code: 'invalid_value', severity: 'error', path, message: lowerFirst(issue.message) });
        break;
      }
      case 'invalid_value':
        out.push({
          code: 'invalid_value',
          severity: 'error',
          path,
          message: `expected ${issue.values.map((v) => quote(String(v))).join(' or ')}`,
        });
        break;
      default:
        out.push({ code: 'invalid_value', severity: 'error', path, message: lowerFirst(issue.message) });
    }
  }
  return out;
}

function lowerFirst(message: string): string {
  return message.replace(/^Invalid input: /, '').replace(/^./, (c) => c.toLowerCase());
}
