import { readOwnPath } from '../internal/index.js';
import type { ModelTemplate, TemplateParts } from '../policy/index.js';

/** A value as text: strings, finite numbers and booleans as written, lists joined; else empty. */
function show(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? String(value) : '';
    case 'boolean':
      return String(value);
    default:
      if (Array.isArray(value)) {
        const items: string[] = [];
        for (const item of value as unknown[]) {
          const text = typeof item === 'object' ? '' : show(item);
          if (text !== '') items.push(text);
        }
        return items.join(', ');
      }
      return '';
  }
}

/** True when `keys` (a placeholder path) reads a redacted field or something inside it. */
function isRedacted(keys: readonly string[], fields: readonly (readonly string[])[]): boolean {
  if (keys[0] !== 'ticket') return false;
  for (const field of fields) {
    if (keys.length - 1 < field.length) continue;
    let same = true;
    for (let i = 0; i < field.length && same; i++) same = keys[i + 1] === field[i];
    if (same) return true;
  }
  return false;
}

/** How rendered text is redacted: the template's text as policy text, each value as ticket content. */
export interface TemplateRedaction {
  readonly fields: readonly (readonly string[])[];
  readonly mask: string;
  /** Policy text with the patterns masked, remembered in the policy (no ticket content). */
  readonly masked: (text: string) => string;
  /** The ticket's redacted values masked in text the patterns were masked in; none: `undefined`. */
  readonly valuesOnly: ((text: string) => string) | undefined;
  readonly value: (text: string) => string;
  /** The compiled policy's redaction settings: what a template's prepared parts belong to. */
  readonly owner: object;
}

/**
 * What a template's parts render to whatever the ticket, for one policy: per part, the text with
 * the patterns masked, or `undefined` for a placeholder; and which placeholders read a redacted
 * field (they render the mask).
 */
interface PreparedParts {
  readonly owner: object;
  readonly texts: readonly (string | undefined)[];
  readonly redacted: readonly boolean[];
}

// Every decision renders the same few templates: their policy text is masked and their
// placeholders are checked once per policy, not once per part and decision. Keyed weakly by
// the parts (which the compiled policy holds), so a policy dropped drops its entries; nothing
// of a ticket is kept.
const preparedParts = new WeakMap<TemplateParts, PreparedParts>();

function prepare(parts: TemplateParts, redaction: TemplateRedaction): PreparedParts {
  const found = preparedParts.get(parts);
  // The owner check keeps parts shared by two policies (with different redaction) apart.
  if (found !== undefined && found.owner === redaction.owner) return found;
  const texts: (string | undefined)[] = [];
  const redacted: boolean[] = [];
  for (const part of parts) {
    const isText = typeof part === 'string';
    texts.push(isText ? redaction.masked(part) : undefined);
    redacted.push(!isText && isRedacted(part, redaction.fields));
  }
  const prepared: PreparedParts = { owner: redaction.owner, texts, redacted };
  preparedParts.set(parts, prepared);
  return prepared;
}

/** The value at `keys` in the render context, where `update` (when given) stands for `context.update`. */
function read(context: unknown, update: object | undefined, keys: readonly string[]): unknown {
  if (update === undefined || keys[0] !== 'update') return readOwnPath(context, keys);
  let current: unknown = update;
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function fill(
  parts: TemplateParts,
  context: unknown,
  update: object | undefined,
  redaction: TemplateRedaction,
): string {
  const { texts, redacted } = prepare(parts, redaction);
  const { valuesOnly } = redaction;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const text = texts[i];
    if (text !== undefined) out += valuesOnly === undefined ? text : valuesOnly(text);
    else if (redacted[i] === true) out += redaction.mask;
    else {
      const shown = show(read(context, update, parts[i] as readonly string[]));
      out += shown === '' ? '' : redaction.value(shown);
    }
  }
  return out;
}

/**
 * Renders a template against the values placeholders read (`ticket`, `severity`,
 * `routing`, `clocks`, `update`, `policy`, `evaluatedAt`): missing values render empty,
 * never `undefined`; a placeholder that reads a redacted ticket field renders the mask; every
 * other value is redacted before it is inserted, and the template's own text as policy text.
 * `update`, when given, is what `update.*` placeholders read, as if it were `context.update`
 * (so that callers need not copy the context to add it).
 *
 * @internal
 */
export function renderTemplate(
  template: ModelTemplate,
  context: unknown,
  redaction: TemplateRedaction,
  update?: object,
): { subject: string | undefined; body: string } {
  return {
    subject:
      template.subjectParts === undefined
        ? undefined
        : fill(template.subjectParts, context, update, redaction),
    body: fill(template.bodyParts, context, update, redaction),
  };
}
