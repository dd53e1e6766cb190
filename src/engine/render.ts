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
  readonly policyText: (text: string) => string;
  readonly value: (text: string) => string;
}

function fill(parts: TemplateParts, context: unknown, redaction: TemplateRedaction): string {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string | readonly string[];
    if (typeof part === 'string') out += redaction.policyText(part);
    else if (isRedacted(part, redaction.fields)) out += redaction.mask;
    else {
      const text = show(readOwnPath(context, part));
      out += text === '' ? '' : redaction.value(text);
    }
  }
  return out;
}

/**
 * Renders a template against the values placeholders read (`ticket`, `severity`,
 * `routing`, `clocks`, `update`, `policy`, `evaluatedAt`): missing values render empty,
 * never `undefined`; a placeholder that reads a redacted ticket field renders the mask; every
 * other value is redacted before it is inserted, and the template's own text as policy text.
 *
 * @internal
 */
export function renderTemplate(
  template: ModelTemplate,
  context: unknown,
  redaction: TemplateRedaction,
): { subject: string | undefined; body: string } {
  return {
    subject:
      template.subjectParts === undefined ? undefined : fill(template.subjectParts, context, redaction),
    body: fill(template.bodyParts, context, redaction),
  };
}
