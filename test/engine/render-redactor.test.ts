import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisionRedactor } from '../../src/engine/redactor.js';
import { renderTemplate, type TemplateRedaction } from '../../src/engine/render.js';
import { compilePolicy, evaluate, type PolicyDocument } from '../../src/index.js';
import { modelOf, type ModelTemplate } from '../../src/policy/index.js';
import { MINIMAL } from '../support/policies.js';
import { params } from '../support/well-formed.js';

// Rendering prepares each template once per policy (its text with the patterns masked, which
// placeholders read a redacted field) and reads `update` beside the context instead of a copy
// of it. These tests pin what a rendering must still be: the same text as rendering the copy,
// each policy's own redaction, and no ticket content kept in the policy.

const MASK = '[redacted]';

const DOCUMENT: PolicyDocument = {
  ...MINIMAL,
  communication: {
    templates: {
      everything: {
        audience: 'internal',
        subject: '{{ticket.id}}: {{ticket.subject}} ({{update.audience}})',
        body:
          'Due {{update.dueAt}}, next {{update.nextAt}}.\n' +
          'Contact {{ticket.fields.contact}} / {{ticket.fields.contact.name}}; call ops@example.com;\n' +
          'password: {{ticket.fields.note}} on {{severity.name}} in {{routing.queue}}.',
      },
    },
    cadence: [{ id: 'every', severity: '*', audience: 'internal', every: '30m', template: 'everything' }],
  },
  redaction: { fields: ['fields.contact'], patterns: ['email', 'phone', 'cardNumber', 'secret'], mask: MASK },
};

const model = modelOf(compilePolicy(DOCUMENT), 'test');
const template = model.templates.get('everything') as ModelTemplate;

const TICKET = {
  id: 'T-1',
  subject: 'Ana Lima cannot log in, mail ana@example.com',
  fields: { contact: 'Ana Lima', note: 'hunter2 for Ana Lima' },
};

/** A render context as the engine builds it (without `update`). */
const context = (ticket: unknown): Record<string, unknown> => ({
  ticket,
  severity: { id: 'sev2', name: 'High' },
  routing: { queue: 'general' },
  clocks: {},
  policy: { id: 'minimal', version: '1' },
});

const updateArbitrary = fc.record(
  {
    audience: fc.constantFrom('customer', 'internal', 'executive'),
    dueAt: fc.constantFrom('2026-03-09T14:00:00.000Z', '+1 415 555 0132', 'key=abc'),
    nextAt: fc.option(fc.constantFrom('2026-03-10T14:00:00.000Z', 'a@b.co'), { nil: undefined }),
  },
  { requiredKeys: ['audience', 'dueAt'] },
);

describe('renderTemplate', () => {
  it('reads `update` beside the context as it reads it inside a copy of the context', () => {
    fc.assert(
      fc.property(
        updateArbitrary,
        fc.constantFrom(TICKET, { ...TICKET, fields: {} }, {}),
        (update, ticket) => {
          const redact = decisionRedactor(model, ticket);
          const base = context(ticket);
          expect(renderTemplate(template, base, redact, update)).toEqual(
            renderTemplate(template, { ...base, update }, redact),
          );
        },
      ),
      params(200),
    );
  });

  it('renders the placeholders of `update` empty without one', () => {
    const rendered = renderTemplate(template, context(TICKET), decisionRedactor(model, TICKET));
    expect(rendered.body.startsWith('Due , next .\n')).toBe(true);
    expect(rendered.subject).toBe(`T-1: ${MASK} cannot log in, mail ${MASK} ()`);
  });

  it('masks the redacted field, the values in ticket text and policy text, and the patterns', () => {
    const rendered = renderTemplate(template, context(TICKET), decisionRedactor(model, TICKET), {
      audience: 'internal',
      dueAt: 'soon',
    });
    expect(rendered.body).toBe(
      'Due soon, next .\n' +
        `Contact ${MASK} / ${MASK}; call ${MASK};\n` +
        // Each value is redacted on its own: the assignment spans the template's text and a value.
        `password: hunter2 for ${MASK} on High in general.`,
    );
  });

  it("renders each policy's text with that policy's redaction, even for the same parts", () => {
    const redaction = (mask: string, masked: (text: string) => string): TemplateRedaction => ({
      fields: [],
      mask,
      masked,
      valuesOnly: undefined,
      value: (text) => text,
      owner: {},
    });
    const first = redaction('#', (text) => text.replace('ops@example.com', '#'));
    const second = redaction('%', (text) => text.replace('ops@example.com', '%'));
    const bodies = [first, second, first].map(
      (r) => renderTemplate(template, context(TICKET), r).body.split('\n')[1],
    );
    expect(bodies).toEqual([
      'Contact Ana Lima / ; call #;',
      'Contact Ana Lima / ; call %;',
      'Contact Ana Lima / ; call #;',
    ]);
  });
});

describe('decisionRedactor', () => {
  it('masks policy text as the patterns and then the ticket values, and values first in ticket text', () => {
    const redact = decisionRedactor(model, TICKET);
    const policyText = 'Escalated for Ana Lima: token=Ana Lima';
    // The patterns first: the assignment's value ends at the space, so ` Lima` is no value.
    expect(redact.policyText(policyText)).toBe(`Escalated for ${MASK}: token=${MASK} Lima`);
    expect(redact.valuesOnly?.(redact.masked(policyText))).toBe(redact.policyText(policyText));
    expect(redact.text(policyText)).toBe(`Escalated for ${MASK}: token=${MASK}`);
    expect(redact.value('Ana Lima')).toBe(MASK);
    // Without values, policy text and ticket text get the patterns only.
    const plain = decisionRedactor(model, { id: 'T-2' });
    expect(plain.valuesOnly).toBeUndefined();
    expect(plain.policyText(policyText)).toBe(`Escalated for Ana Lima: token=${MASK} Lima`);
    expect(plain.value('Ana Lima')).toBe('Ana Lima');
  });

  it('keeps no ticket content in the compiled policy after a decision', () => {
    const policy = compilePolicy(DOCUMENT);
    const own = modelOf(policy, 'test');
    const ticket = {
      ...TICKET,
      createdAt: '2026-03-09T14:00:00.000Z',
      events: [{ type: 'created', at: '2026-03-09T14:00:00.000Z' }],
    };
    const evaluation = evaluate(policy, ticket, { now: '2026-03-09T15:00:00.000Z' });
    // The ticket's text went through the templates (so the check below is not vacuous).
    expect(JSON.stringify(evaluation)).toContain('hunter2');
    const kept = [...own.redaction.cache.memo].flat().join('\n');
    expect(kept).not.toContain('Ana Lima');
    expect(kept).not.toContain('hunter2');
    expect(kept).not.toContain('cannot log in');
  });
});
