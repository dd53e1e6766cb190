// The generated schema lives at the package root, where it ships as a file for editors.
// eslint-disable-next-line no-restricted-imports -- a data file, not a module of another layer
import schema from '../../schema/policy.schema.json' with { type: 'json' };

/**
 * The JSON Schema (draft 2020-12) of a policy file, with a description of every field,
 * for editors and for validating policies outside JavaScript. The same schema ships as
 * `escalation-engine/schema/policy.schema.json`; point a policy's `"$schema"` at it.
 * The schema checks shape only: `compilePolicy` also checks ids, references, durations
 * and conditions.
 *
 * @returns A fresh copy of the schema (a plain JSON object).
 * @example
 * ```ts
 * const schema = policyJsonSchema();
 * schema.title //=> 'escalation-engine policy'
 * ```
 */
export function policyJsonSchema(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
}
