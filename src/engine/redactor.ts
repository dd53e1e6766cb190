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
  /** Policy text with the patterns masked, remembered in the policy: `policyText` without the values. */
  readonly masked: (text: string) => string;
  /** The ticket's values masked in text (the second half of `policyText`); `undefined` when none. */
  readonly valuesOnly: ((text: string) => string) | undefined;
  readonly fields: readonly (readonly string[])[];
  readonly mask: string;
  /** The policy's redaction settings, whose identity stands for them (see render.ts). */
  readonly owner: object;
}

const IDENTITY = (text: string): string => text;
const NO_VALUES: readonly string[] = [];
const NO_PATTERNS: ReadonlySet<never> = new Set();

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

/** `redact`, remembered for one decision: the same ticket values (subject, ids) fill many templates. */
function remembered(redact: (text: string) => string): (text: string) => string {
  const seen = new Map<string, string>();
  return (input) => {
    let found = seen.get(input);
    if (found === undefined) {
      found = redact(input);
      seen.set(input, found);
    }
    return found;
  };
}

/**
 * The redaction of one decision (docs/redaction.md): the policy's patterns and the values of
 * its redacted ticket fields, masked wherever they appear.
 *
 * @internal
 */
export function decisionRedactor(model: PolicyModel, raw: unknown): DecisionRedactor {
  const { fields, mask, patterns } = model.redaction;
  const owner = model.redaction;
  if (fields.length === 0 && patterns.size === 0) {
    return {
      text: IDENTITY,
      policyText: IDENTITY,
      value: IDENTITY,
      masked: IDENTITY,
      valuesOnly: undefined,
      fields,
      mask,
      owner,
    };
  }
  const cache = model.redaction.cache;
  const shared = (cache.redact ??= createRedactor({ patterns, mask }));
  const memo = cache.memo;
  // Policy text is masked by the shared redactor, never with values: it keeps nothing of a
  // ticket, and the redactor that holds the ticket's values keeps their automaton between texts
  // (it is rebuilt whenever a redactor is called with other values, or none).
  const masked = (text: string): string => {
    let found = memo.get(text);
    if (found === undefined) {
      found = shared(text);
      memo.set(text, found);
    }
    return found;
  };
  const values = fieldValues(model, raw);
  if (values.length === 0) {
    // Without values, ticket text needs the patterns only: the shared redactor, and an
    // empty list it keeps as its last (nothing to prepare).
    const text = (input: string): string => shared(input, NO_VALUES);
    return {
      text,
      policyText: masked,
      value: remembered(text),
      masked,
      valuesOnly: undefined,
      fields,
      mask,
      owner,
    };
  }
  // A redactor keeps what it prepared for the last list of values (their automaton): a ticket
  // with redacted values gets redactors of its own, so its values live as long as this
  // decision, never in the policy's cache.
  const full = createRedactor({ patterns, mask });
  const onlyValues = createRedactor({ patterns: NO_PATTERNS, mask });
  const text = (input: string): string => full(input, values);
  const valuesOnly = (input: string): string => onlyValues(input, values);
  return {
    text,
    policyText: (input) => valuesOnly(masked(input)),
    value: remembered(text),
    masked,
    valuesOnly,
    fields,
    mask,
    owner,
  };
}
