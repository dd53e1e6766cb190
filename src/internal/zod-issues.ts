import type { z } from 'zod';
import type { Issue } from '../errors/index.js';

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

/**
 * Converts zod issues into our {@link Issue} shape: stable codes, paths kept,
 * one-line lowercase messages that never quote the input.
 *
 * @internal
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  prefix: readonly (string | number)[] = [],
): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = toPath(prefix, issue.path);
    switch (issue.code) {
      case 'invalid_type': {
        const received = describe(valueAt(input, issue.path));
        if (received === 'undefined' && issue.path.length > 0) {
          out.push({
            code: 'missing_key',
            severity: 'error',
            path,
            message: `missing required key \`${String(issue.path[issue.path.length - 1] ?? '')}\``,
          });
        } else {
          out.push({
            code: 'invalid_type',
            severity: 'error',
            path,
            message: `expected ${issue.expected}, received ${received}`,
          });
        }
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          out.push({
            code: 'unknown_key',
            severity: 'error',
            path: [...path, key],
            message: `unknown key \`${key}\``,
          });
        }
        break;
      default:
        out.push({
          code: 'invalid_value',
          severity: 'error',
          path,
          message: issue.message.replace(/^Invalid input: /, '').replace(/^./, (c) => c.toLowerCase()),
        });
    }
  }
  return out;
}
