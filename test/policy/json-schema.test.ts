import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, schemaFileText } from '../../scripts/generate-schema.js';
import { compilePolicy, policyJsonSchema, safeCompilePolicy } from '../../src/index.js';
import { policySchema } from '../../src/policy/policy-schema.js';
import { MINIMAL } from '../support/policies.js';
import { mutate, params } from '../support/well-formed.js';

const POLICIES = new URL('../../examples/policies/', import.meta.url);
const examplePolicies = readdirSync(POLICIES)
  .filter((name) => name.endsWith('.json'))
  .map((name) => [name, JSON.parse(readFileSync(new URL(name, POLICIES), 'utf8')) as unknown] as const);

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(policyJsonSchema());

describe('policyJsonSchema', () => {
  it('is the committed schema/policy.schema.json, regenerated from the zod schema and the TSDoc', () => {
    // Stale? Run `npm run schema`.
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaFileText());
    expect(policyJsonSchema()).toEqual(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  });

  it('returns a fresh copy each time', () => {
    const schema = policyJsonSchema();
    schema.title = 'changed';
    expect(policyJsonSchema().title).toBe('escalation-engine policy');
  });

  it('describes fields for editors, with kebab-case id patterns and defaults', () => {
    const schema = policyJsonSchema() as {
      properties: Record<
        string,
        { description?: string; properties?: Record<string, { default?: unknown }> }
      >;
    };
    expect(schema.properties.calendars?.description).toBe('Business-hours calendars by id.');
    expect(schema.properties.sla?.properties?.resolvedOn?.default).toEqual(['resolved', 'closed']);
    expect(JSON.stringify(schema)).toContain('"pattern":"^[a-z0-9]+(?:-[a-z0-9]+)*$"');
  });

  it.each(examplePolicies)('validates and compiles the example policy %s', (_name, policy) => {
    expect(validate(policy), ajv.errorsText(validate.errors)).toBe(true);
    expect(() => compilePolicy(policy)).not.toThrow();
  });

  it('validates and compiles the minimal test policy', () => {
    expect(validate(MINIMAL), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('agrees with the compiler on mutated policies: never stricter, never looser on shape', () => {
    // The JSON Schema also checks id patterns, which the compiler checks in its semantic pass.
    const [, reference] = examplePolicies[0] ?? ['', MINIMAL];
    let refusedByBoth = 0;
    fc.assert(
      fc.property(fc.nat(), fc.jsonValue({ maxDepth: 2 }), (pick, replacement) => {
        const input = mutate(reference, pick, replacement);
        const valid = validate(input);
        if (safeCompilePolicy(input).success) expect(valid, ajv.errorsText(validate.errors)).toBe(true);
        if (!policySchema.safeParse(input).success) {
          expect(valid).toBe(false);
          refusedByBoth++;
        }
      }),
      params(500),
    );
    expect(refusedByBoth).toBeGreaterThan(100);
    // 500 compilations of the reference policy: seconds on a busy 2-core machine.
  }, 60_000);
});
