import type { Issue } from '../errors/index.js';
import { describeLimitBreach, findLimitBreach, type DataLimits } from '../internal/index.js';

/**
 * The most values (objects, lists, strings, numbers, booleans, `null`) in a policy document:
 * about 90 times the reference policy. A larger policy is refused with a `limit_exceeded`
 * issue (docs/security.md).
 *
 * @example
 * ```ts
 * MAX_POLICY_VALUES //=> 250000
 * ```
 */
export const MAX_POLICY_VALUES = 250_000;

/**
 * The most items of any list in a policy document: rules, queues, targets, gates, holidays,
 * the words of a `containsAny`. It bounds the pairwise analysis of `lintPolicy`.
 *
 * @example
 * ```ts
 * MAX_POLICY_ARRAY_LENGTH //=> 1000
 * ```
 */
export const MAX_POLICY_ARRAY_LENGTH = 1_000;

/**
 * The longest string (or key) in a policy document, in UTF-16 code units: a template body,
 * a reason, a word.
 *
 * @example
 * ```ts
 * MAX_POLICY_STRING_LENGTH //=> 100000
 * ```
 */
export const MAX_POLICY_STRING_LENGTH = 100_000;

/**
 * The most characters of all the strings and keys of a policy document together.
 *
 * @example
 * ```ts
 * MAX_POLICY_TEXT_LENGTH //=> 5000000
 * ```
 */
export const MAX_POLICY_TEXT_LENGTH = 5_000_000;

// Nesting is bounded where it can occur: conditions (MAX_CONDITION_DEPTH); everything else has
// a fixed shape, and the walk that checks these limits does not recurse.
const LIMITS: DataLimits = {
  values: MAX_POLICY_VALUES,
  depth: Number.POSITIVE_INFINITY,
  stringLength: MAX_POLICY_STRING_LENGTH,
  textLength: MAX_POLICY_TEXT_LENGTH,
  arrayLength: MAX_POLICY_ARRAY_LENGTH,
};

/**
 * The first size limit a policy document exceeds, as an error issue at the path of what
 * exceeds it, or `undefined`. Checked before anything else, so its cost (and that of what
 * follows) is bounded by the limits, not by the input.
 *
 * @internal
 */
export function policyLimitIssue(input: unknown): Issue | undefined {
  const breach = findLimitBreach(input, LIMITS);
  if (breach === undefined) return undefined;
  return {
    code: 'limit_exceeded',
    severity: 'error',
    path: breach.path,
    message: describeLimitBreach(breach, 'policy'),
  };
}
