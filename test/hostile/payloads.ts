import { readFileSync } from 'node:fs';
import type { PolicyDocument } from '../../src/index.js';
import { copyData, nest } from '../fuzz/mutate.js';

// The hostile corpus: attack payloads as data, each run by a test of test/hostile. Payloads
// that are large (deep nesting, long texts, long histories) are built by functions, so that
// the corpus stays readable and nothing large is kept in memory between tests.

const read = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

/** A document type with every `readonly` removed: tests edit their copies freely. */
export type Draft<T> = T extends readonly (infer U)[]
  ? Draft<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Draft<T[K]> }
    : T;

/** The reference policy's document (a fresh copy each time, to edit). */
export const acmeDocument = (): Draft<PolicyDocument> & Record<string, unknown> =>
  read('examples/policies/acme-saas.json') as Draft<PolicyDocument> & Record<string, unknown>;

/** The Sev1 payments outage of the examples (a fresh copy each time). */
export const sev1Ticket = (): Record<string, unknown> =>
  read('examples/tickets/sev1-outage.json') as Record<string, unknown>;

/** An instant after the Sev1 ticket's last event. */
export const SEV1_NOW = '2026-03-09T14:20:00Z';

/** A document parsed from JSON text: `__proto__` keys stay own data properties, as from a webhook. */
export const parsed = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

/** Keys that lead to prototypes or constructors when read as properties. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * Prototype-pollution payloads in a ticket: each, parsed from JSON, adds keys that would reach
 * the shared prototype (or shadow inherited members) if the engine merged, assigned or read
 * them naively. `shadows` is what a naive reader would see.
 */
export const TICKET_PROTOTYPE_PAYLOADS: readonly {
  readonly name: string;
  readonly ticket: () => Record<string, unknown>;
}[] = [
  {
    name: '`__proto__` at the top level carrying a Sev1 subject and service',
    ticket: () =>
      parsed(
        '{"id":"T-1","createdAt":"2026-03-09T14:00:00Z","subject":"question about invoices","__proto__":{"subject":"Checkout is down","service":"payments","polluted":true,"isAdmin":true}}',
      ),
  },
  {
    name: '`constructor.prototype` at the top level',
    ticket: () =>
      parsed(
        '{"id":"T-1","createdAt":"2026-03-09T14:00:00Z","subject":"question about invoices","constructor":{"prototype":{"polluted":true,"subject":"outage"}}}',
      ),
  },
  {
    name: '`__proto__` in customer carrying the enterprise tier',
    ticket: () =>
      parsed(
        '{"id":"T-1","createdAt":"2026-03-09T14:00:00Z","subject":"question about invoices","customer":{"id":"c-1","__proto__":{"tier":"enterprise","polluted":true}}}',
      ),
  },
  {
    name: '`__proto__` and `constructor` in custom fields (the security flag)',
    ticket: () =>
      parsed(
        '{"id":"T-1","createdAt":"2026-03-09T14:00:00Z","subject":"question about invoices","fields":{"__proto__":{"security":true,"polluted":true},"constructor":{"prototype":{"isAdmin":true}},"prototype":{"security":true}}}',
      ),
  },
  {
    name: '`__proto__` in impact carrying a huge number of users',
    ticket: () =>
      parsed(
        '{"id":"T-1","createdAt":"2026-03-09T14:00:00Z","subject":"question about invoices","impact":{"__proto__":{"usersAffected":100000,"revenueAtRisk":1e9}}}',
      ),
  },
  {
    name: '`__proto__` in an event (a grant by the incident commander) and in the events list',
    ticket: () =>
      parsed(
        '{"id":"T-1","createdAt":"2026-03-09T14:00:00Z","subject":"question about invoices","events":[{"type":"created","at":"2026-03-09T14:00:00Z"},{"type":"statusChanged","at":"2026-03-09T14:05:00Z","__proto__":{"status":"resolved","polluted":true}},{"__proto__":{"type":"actionPerformed","key":"x","at":"2026-03-09T14:06:00Z"}}]}',
      ),
  },
  {
    name: 'an id, a status and a tier named like prototype members',
    ticket: () =>
      parsed(
        '{"id":"__proto__","createdAt":"2026-03-09T14:00:00Z","subject":"question about invoices","status":"constructor","queue":"__proto__","severity":"toString","customer":{"id":"constructor","tier":"__proto__"},"tags":["__proto__","constructor"]}',
      ),
  },
];

/**
 * Conditions that try to read inherited members, functions or globals, each written as a
 * classification rule: none may ever match (each would match if it read what it names).
 */
export const INHERITED_CONDITIONS: readonly { readonly name: string; readonly when: unknown }[] = [
  { name: 'ticket.constructor', when: { '!!': { var: 'ticket.constructor' } } },
  { name: 'ticket.__proto__', when: { '!!': { var: 'ticket.__proto__' } } },
  { name: 'ticket.__proto__.polluted', when: { '!!': { var: 'ticket.__proto__.polluted' } } },
  { name: 'ticket.toString', when: { '!!': { var: 'ticket.toString' } } },
  { name: 'ticket.hasOwnProperty', when: { '!!': { var: 'ticket.hasOwnProperty' } } },
  { name: 'ticket.tags.map', when: { '!!': { var: 'ticket.tags.map' } } },
  { name: 'constructor.name of the data', when: { '==': [{ var: 'constructor.name' }, 'Object'] } },
  { name: 'the Function constructor', when: { '!!': { var: 'ticket.constructor.constructor' } } },
  { name: 'a computed name', when: { '!!': { var: { cat: ['ticket.con', 'structor'] } } } },
  { name: 'cat of a method', when: { in: ['native code', { cat: [{ var: 'ticket.toString' }] }] } },
  {
    name: 'an inherited key inside map',
    when: { some: [{ var: 'ticket.events' }, { '!!': { var: 'constructor' } }] },
  },
  { name: 'missing of inherited keys', when: { '!': { missing: ['ticket.toString', 'ticket.valueOf'] } } },
];

/** Operators that would reach code: each is refused at compile time, at its path in the policy. */
export const CODE_OPERATORS: readonly {
  readonly name: string;
  readonly when: unknown;
  readonly code: string;
}[] = [
  {
    name: 'method',
    when: { method: [{ var: 'ticket.subject' }, 'toUpperCase'] },
    code: 'operator_not_allowed',
  },
  { name: 'log', when: { log: { var: 'ticket' } }, code: 'operator_not_allowed' },
  { name: 'eval', when: { eval: ['process.exit(1)'] }, code: 'unknown_operator' },
  { name: 'Function', when: { Function: ['return process'] }, code: 'unknown_operator' },
  { name: 'require', when: { require: ['child_process'] }, code: 'unknown_operator' },
  { name: 'globalThis', when: { globalThis: [] }, code: 'unknown_operator' },
  { name: 'process.exit', when: { 'process.exit': [1] }, code: 'unknown_operator' },
  { name: 'constructor', when: parsed('{"constructor": [1]}'), code: 'unknown_operator' },
  { name: '__proto__', when: parsed('{"__proto__": [1]}'), code: 'unknown_operator' },
  { name: 'toString', when: { toString: [] }, code: 'unknown_operator' },
];

/** Template placeholders that try to reach members, functions or globals. */
export const PLACEHOLDERS: readonly {
  readonly placeholder: string;
  /** `refused` (an `invalid_template` issue), or what it renders. */
  readonly outcome: string;
}[] = [
  { placeholder: 'ticket.__proto__', outcome: 'refused' },
  { placeholder: 'ticket.constructor', outcome: 'refused' },
  { placeholder: 'ticket.constructor.name', outcome: 'refused' },
  { placeholder: 'ticket.fields.prototype', outcome: 'refused' },
  { placeholder: 'severity.__proto__', outcome: 'refused' },
  { placeholder: 'constructor', outcome: 'refused' },
  { placeholder: 'process.env', outcome: 'refused' },
  { placeholder: 'globalThis', outcome: 'refused' },
  { placeholder: 'ticket.subject.toUpperCase()', outcome: 'refused' },
  { placeholder: "ticket['constructor']", outcome: 'refused' },
  { placeholder: 'ticket.toString', outcome: '' },
  { placeholder: 'ticket.hasOwnProperty', outcome: '' },
  { placeholder: 'ticket.valueOf', outcome: '' },
  { placeholder: 'ticket.fields.toString', outcome: '' },
  { placeholder: 'ticket.subject.length', outcome: '' },
];

/** `levels` nested objects around `leaf`, built without recursion. */
export { nest, copyData };

/** A text of `length` characters of `unit` repeated (cut to the length). */
export const text = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/**
 * Texts that make naive matchers backtrack or scan quadratically: repeated near-matches of
 * the reference policy's phrases, emails, card numbers and secrets.
 */
export const ADVERSARIAL_UNITS = [
  'is dow ',
  'a@a@a.',
  '4111 1111 1111 111 ',
  'key=key=',
  'sk_live_',
  'cannot log i ',
  '--------------------',
  'é́́ ',
] as const;

/** A ticket with `count` events after `created` (a reply, a status change, … in turn), in order. */
export function ticketWithEvents(
  count: number,
  extra: (index: number, at: string) => unknown = () => undefined,
): Record<string, unknown> {
  const ticket = sev1Ticket();
  const created = Date.parse(ticket.createdAt as string);
  const events: unknown[] = [{ type: 'created', at: ticket.createdAt }];
  const kinds = ['replied', 'statusChanged', 'assigned', 'acknowledged', 'updateSent', 'custom'];
  for (let i = 0; i < count; i++) {
    const at = new Date(created + (i + 1) * 1000).toISOString();
    const kind = kinds[i % kinds.length] as string;
    events.push(
      extra(i, at) ??
        (kind === 'replied'
          ? {
              type: kind,
              at,
              author: i % 2 === 0 ? 'customer' : 'agent',
              public: true,
              by: 'hugo.laurent@example.com',
            }
          : kind === 'statusChanged'
            ? { type: kind, at, status: i % 4 === 1 ? 'pending-customer' : 'in-progress' }
            : kind === 'assigned'
              ? { type: kind, at, assignee: 'hugo.laurent@example.com' }
              : kind === 'acknowledged'
                ? { type: kind, at, by: 'hugo.laurent@example.com' }
                : kind === 'updateSent'
                  ? { type: kind, at, audience: 'customer' }
                  : { type: kind, at }),
    );
  }
  return { ...ticket, status: 'in-progress', events };
}
