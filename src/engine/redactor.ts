import { readOwnPath } from '../internal/index.js';
import type { PolicyModel } from '../policy/index.js';
import { createRedactor } from '../redaction/index.js';

/** Masks sensitive data in the strings of one decision. */
export interface DecisionRedactor {
  /** For text that carries ticket content (rendered templates, an agent's reason). */
  readonly text: (text: string) => string;
  /** For policy-authored text (rule reasons): patterns once per text, then the ticket's values. */
  readonly policyText: (text: string) => string;
  /** For a value inserted into a template: like `text`, remembered for the decision. */
  readonly value: (text: string) => string;
  readonly fields: readonly (readonly string[])[];
  readonly mask: string;
}

const IDENTITY = (text: string): string => text;

/** The values of the redacted ticket fields, as text (strings, numbers, lists of them). */
function fieldValues(model: PolicyModel, raw: unknown): string[] {
  const values: string[] = [];
  for (const path of model.redaction.fields) {
    const current = readOwnPath(raw, path);
    const list: readonly unknown[] = Array.isArray(current) ? current : [current];
    for (const value of list) {
      if (typeof value === 'string') values.push(value);
      else if (typeof value === 'number' && Number.isFinite(value)) values.push(String(value));
    }
  }
  return values;
}

/**
 * The redaction of one decision (docs/redaction.md): the policy's patterns and the values of
 * its redacted ticket fields, masked wherever they appear.
 *
 * @internal
 */
export function decisionRedactor(model: PolicyModel, raw: unknown): DecisionRedactor {
  const { fields, mask, patterns } = model.redaction;
  if (fields.length === 0 && patterns.size === 0) {
    return { text: IDENTITY, policyText: IDENTITY, value: IDENTITY, fields, mask };
  }
  const cache = model.redaction.cache;
  cache.redact ??= createRedactor({ patterns, mask });
  cache.redactValues ??= createRedactor({ patterns: new Set(), mask });
  const memo = cache.memo;
  const values = fieldValues(model, raw);
  // A redactor keeps what it prepared for the last list of values (their automaton): a ticket
  // with redacted values gets redactors of its own, so its values live as long as this
  // decision, never in the policy's cache.
  const full = values.length === 0 ? cache.redact : createRedactor({ patterns, mask });
  const valuesOnly = values.length === 0 ? cache.redactValues : createRedactor({ patterns: new Set(), mask });
  const masked = (text: string): string => {
    let found = memo.get(text);
    if (found === undefined) {
      found = full(text);
      memo.set(text, found);
    }
    return found;
  };
  const text = (input: string): string => full(input, values);
  // The same ticket values (subject, ids) fill many templates of a decision.
  const seen = new Map<string, string>();
  return {
    text,
    policyText: values.length === 0 ? masked : (input) => valuesOnly(masked(input), values),
    value: (input) => {
      let found = seen.get(input);
      if (found === undefined) {
        found = text(input);
        seen.set(input, found);
      }
      return found;
    },
    fields,
    mask,
  };
}
