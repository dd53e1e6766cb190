import { describe, expectTypeOf, it } from 'vitest';
import {
  compilePolicy,
  lintPolicy,
  policyJsonSchema,
  safeCompilePolicy,
  type EscalationAction,
  type Instant,
  type Issue,
  type Policy,
  type PolicyDocument,
  type SafeCompileResult,
} from '../../src/index.js';
import { MINIMAL } from '../support/policies.js';

describe('policy signatures', () => {
  it('compile any input into a readonly Policy, or issues', () => {
    expectTypeOf(compilePolicy).parameters.toEqualTypeOf<[unknown]>();
    expectTypeOf(compilePolicy).returns.toEqualTypeOf<Policy>();
    expectTypeOf(safeCompilePolicy).returns.toEqualTypeOf<SafeCompileResult>();
    expectTypeOf<Extract<SafeCompileResult, { success: true }>['warnings']>().toEqualTypeOf<
      readonly Issue[]
    >();
    expectTypeOf<Extract<SafeCompileResult, { success: false }>['issues']>().toEqualTypeOf<
      readonly [Issue, ...Issue[]]
    >();
    expectTypeOf<Policy['definition']>().toEqualTypeOf<PolicyDocument>();
    expectTypeOf(lintPolicy).parameters.toEqualTypeOf<
      [Policy, ({ readonly now?: Instant | undefined } | undefined)?]
    >();
    expectTypeOf(lintPolicy).returns.toEqualTypeOf<Issue[]>();
    expectTypeOf(policyJsonSchema).returns.toEqualTypeOf<Record<string, unknown>>();
  });

  it('types documents: the test policy is one, and fields are readonly', () => {
    expectTypeOf(MINIMAL).toEqualTypeOf<PolicyDocument>();
    expectTypeOf<PolicyDocument['severities']>().toEqualTypeOf<
      readonly PolicyDocument['severities'][number][]
    >();
    expectTypeOf(MINIMAL.severities).not.toHaveProperty('push');
  });

  it('discriminates actions by `kind`', () => {
    expectTypeOf<Extract<EscalationAction, { kind: 'page' }>>().toEqualTypeOf<{
      readonly kind: 'page';
      readonly role: string;
    }>();
    expectTypeOf({
      kind: 'sendUpdate',
      audience: 'customer',
      template: 'update',
    } as const).toExtend<EscalationAction>();
    expectTypeOf({
      kind: 'sendUpdate',
      audience: 'press',
      template: 'update',
    } as const).not.toExtend<EscalationAction>();
  });
});
