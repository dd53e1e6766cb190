import { ACTION_EXPECTATION_KEYS } from './action-match.js';

const INSTANT = {
  description: 'An ISO 8601 instant with `Z` or an offset, or epoch milliseconds.',
  oneOf: [{ type: 'string', pattern: '(?:[zZ]|[+-]\\d{2}(?::?\\d{2})?)$' }, { type: 'number' }],
};
const NULLABLE_INSTANT = { oneOf: [...INSTANT.oneOf, { type: 'null' }] };
const KINDS = ['notify', 'page', 'transferOwnership', 'escalateTo', 'requestApproval', 'sendUpdate'];

function actionExpectation(): object {
  const properties: Record<string, object> = {};
  for (const key of ACTION_EXPECTATION_KEYS)
    properties[key] =
      key === 'dueAt' ? INSTANT : key === 'kind' ? { enum: KINDS } : { type: 'string', minLength: 1 };
  return {
    type: 'object',
    description: 'Every field given must match one action; fields left out match anything.',
    properties,
    additionalProperties: false,
  };
}

/**
 * The JSON Schema (draft 2020-12) of a policy test-case file, as {@link runPolicyTests}
 * reads it: a list of cases, or `{ description?, cases }`. Editors use it to complete and
 * check case files written in JSON or YAML; `runPolicyTests` checks the same rules itself.
 *
 * @returns A new JSON Schema object.
 * @example
 * ```ts
 * writeFileSync('policy-tests.schema.json', JSON.stringify(policyTestsJsonSchema(), null, 2));
 * ```
 */
export function policyTestsJsonSchema(): object {
  const clockExpectation = {
    oneOf: [
      { type: 'null', description: 'The clock has not started.' },
      {
        type: 'object',
        properties: {
          state: { enum: ['running', 'paused', 'met', 'breached', 'stopped'] },
          deadline: NULLABLE_INSTANT,
          breachedAt: NULLABLE_INSTANT,
        },
        additionalProperties: false,
      },
    ],
  };
  const clocks: Record<string, object> = {};
  for (const metric of ['acknowledge', 'firstResponse', 'nextResponse', 'periodicUpdate', 'resolution'])
    clocks[metric] = { $ref: '#/$defs/clockExpectation' };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://escalation-engine.dev/schema/policy-tests.schema.json',
    title: 'escalation-engine policy test cases',
    oneOf: [
      { type: 'array', items: { $ref: '#/$defs/case' } },
      {
        type: 'object',
        properties: {
          $schema: { type: 'string' },
          description: { type: 'string' },
          cases: { type: 'array', items: { $ref: '#/$defs/case' } },
        },
        required: ['cases'],
        additionalProperties: false,
      },
    ],
    $defs: {
      instant: INSTANT,
      actionExpectation: actionExpectation(),
      clockExpectation,
      case: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1, description: 'A unique name, shown in reports.' },
          description: { type: 'string' },
          ticket: { description: 'The ticket snapshot.' },
          now: { $ref: '#/$defs/instant' },
          context: {
            type: 'object',
            properties: {
              unavailable: { type: 'array', items: { type: 'string' } },
              overloaded: { type: 'array', items: { type: 'string' } },
            },
            additionalProperties: false,
          },
          expect: {
            type: 'object',
            properties: {
              status: { enum: ['ok', 'degraded'] },
              severity: { type: 'string', minLength: 1 },
              queue: { type: 'string', minLength: 1 },
              owner: { type: 'string', minLength: 1, description: 'The owner role id.' },
              actions: { type: 'array', items: { $ref: '#/$defs/actionExpectation' } },
              notActions: { type: 'array', items: { $ref: '#/$defs/actionExpectation' } },
              approvals: {
                type: 'object',
                additionalProperties: { enum: ['not_required', 'pending', 'granted', 'rejected', 'expired'] },
              },
              clocks: { type: 'object', properties: clocks, additionalProperties: false },
              nextEvaluationAt: NULLABLE_INSTANT,
            },
            additionalProperties: false,
          },
        },
        required: ['name', 'ticket', 'now', 'expect'],
        additionalProperties: false,
      },
    },
  };
}
