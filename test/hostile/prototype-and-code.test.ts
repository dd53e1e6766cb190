import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compilePolicy,
  evaluate,
  formatPath,
  reportIncidents,
  safeCompilePolicy,
  type Decision,
  computeMetrics,
} from '../../src/index.js';
import { expectPlainJson, expectPrototypesUntouched } from '../fuzz/support.js';
import {
  CODE_OPERATORS,
  INHERITED_CONDITIONS,
  PLACEHOLDERS,
  PROTOTYPE_KEYS,
  SEV1_NOW,
  TICKET_PROTOTYPE_PAYLOADS,
  acmeDocument,
  parsed,
  sev1Ticket,
} from './payloads.js';

// Prototype pollution and code execution (docs/security.md). Policies are written by admins in
// a web UI, tickets by customers and integrations: no key of either reaches a prototype, no
// condition or placeholder reads an inherited member, and nothing runs code. Where other suites
// already cover a payload, they are named and not repeated here:
// - test/conditions/security.test.ts: `var` on inherited names of every kind, operators that
//   would reach functions, `method`/`log`, hostile data (own `toString` keys, null prototypes,
//   proxies), for compileCondition alone;
// - test/properties/policy-input.test.ts: `__proto__` in `roles` and `owners`;
//   test/policy/compile-policy.test.ts: `calendars.__proto__`, `{{ticket.__proto__.x}}`;
// - test/correlate/correlate.test.ts: tickets with the ids `__proto__` and `constructor`.

const acme = compilePolicy(acmeDocument());

beforeAll(() => {
  expectPrototypesUntouched();
});
afterAll(() => {
  expectPrototypesUntouched();
});

/** The reference policy with a change made to its document (compiled or refused). */
function variant(edit: (doc: ReturnType<typeof acmeDocument>) => void): ReturnType<typeof safeCompilePolicy> {
  const doc = acmeDocument();
  edit(doc);
  return safeCompilePolicy(doc);
}

/** The reference policy document as JSON text with `find` replaced (keys parsed as own data). */
function fromText(find: string, replace: string): ReturnType<typeof safeCompilePolicy> {
  const textual = JSON.stringify(acmeDocument());
  expect(textual).toContain(find);
  return safeCompilePolicy(JSON.parse(textual.replace(find, replace)) as unknown);
}

describe('policies: prototype keys are refused where they are keys, and never reach a prototype', () => {
  // Each section whose keys are ids, with `__proto__`, `constructor` and `prototype`.
  const sections: readonly { readonly name: string; readonly find: string; readonly path: string }[] = [
    { name: 'calendars', find: '"calendars":{', path: 'calendars' },
    { name: 'a calendar’s weekly hours', find: '"weekly":{', path: 'calendars.us-business.weekly' },
    { name: 'roles', find: '"roles":{', path: 'roles' },
    { name: 'schedules', find: '"schedules":{', path: 'schedules' },
    { name: 'templates', find: '"templates":{', path: 'communication.templates' },
    { name: 'owners', find: '"owners":{', path: 'routing.queues[0].owners' },
  ];
  for (const section of sections) {
    for (const key of PROTOTYPE_KEYS) {
      it(`refuses \`${key}\` in ${section.name}, with its path`, () => {
        const result = fromText(
          section.find,
          `${section.find}${JSON.stringify(key)}:{"polluted":true,"members":["mallory@example.com"],"timezone":"UTC","primary":"x"},`,
        );
        expect(result.success).toBe(false);
        if (!result.success) {
          const paths = result.issues.map((issue) => formatPath(issue.path));
          expect(
            paths.some((path) => path.startsWith(section.path) && path.includes(key)),
            paths.join('\n'),
          ).toBe(true);
        }
        expectPrototypesUntouched();
      });
    }
  }

  it('refuses prototype names as ticket paths in required fields and redaction', () => {
    for (const path of ['__proto__', 'impact.__proto__', 'fields.constructor', 'customer.prototype.x']) {
      const required = variant((doc) => {
        doc.requiredFields = [{ id: 'r', severity: 'sev1', fields: [{ path, label: 'x' }] }];
      });
      const redacted = variant((doc) => {
        doc.redaction = { fields: [path], patterns: [] };
      });
      for (const [result, where] of [
        [required, 'requiredFields.0.fields.0.path'],
        [redacted, 'redaction.fields.0'],
      ] as const) {
        expect(result.success).toBe(false);
        if (!result.success)
          expect(result.issues.map((issue) => [issue.code, issue.path.join('.')])).toContainEqual([
            'invalid_path',
            where,
          ]);
      }
    }
  });

  it('keeps a `__proto__` key inside a condition literal as data: compiled, frozen, and no prototype changes', () => {
    const result = fromText(
      '{"==":[{"var":"ticket.customer.tier"},"enterprise"]}',
      '{"==":[{"var":"ticket.customer.tier"},{"__proto__":{"polluted":true},"tier":"enterprise"}]}',
    );
    expect(result.success).toBe(true);
    if (result.success) expectPlainJson(result.policy.definition, 'definition', false);
    expectPrototypesUntouched();
  });
});

describe('conditions never read what a ticket inherits', () => {
  for (const { name, when } of INHERITED_CONDITIONS) {
    it(`a rule reading ${name} never matches`, () => {
      const result = variant((doc) => {
        doc.classification.rules = [
          { id: 'probe', when, severity: 'sev1', reason: 'read an inherited member' },
        ];
      });
      expect(result.success, JSON.stringify(result.success ? [] : result.issues)).toBe(true);
      if (!result.success) return;
      const tickets = [
        sev1Ticket(),
        { ...sev1Ticket(), subject: 'x', events: [] },
        parsed(
          '{"id":"T-2","createdAt":"2026-03-09T14:00:00Z","__proto__":{"polluted":true},"constructor":{"name":"Object"}}',
        ),
      ];
      for (const ticket of tickets) {
        const decision = evaluate(result.policy, ticket, { now: SEV1_NOW, explain: true });
        expect(decision.severity.ruleId).not.toBe('probe');
        expect(decision.trace?.find((entry) => entry.id === 'probe')?.outcome).toBe('not_matched');
      }
      expectPrototypesUntouched();
    });
  }
});

describe('tickets: prototype payloads are plain data', () => {
  /** The decision of the same ticket without its hostile keys (what the engine must see). */
  const plainDecision = (): Decision =>
    evaluate(
      acme,
      { id: 'T-1', createdAt: '2026-03-09T14:00:00Z', subject: 'question about invoices' },
      { now: SEV1_NOW },
    );

  for (const { name, ticket } of TICKET_PROTOTYPE_PAYLOADS) {
    it(`ignores ${name}: no prototype changes, nothing inherited is read`, () => {
      const hostile = ticket();
      const decision = evaluate(acme, hostile, { now: SEV1_NOW, explain: true });
      expectPlainJson(decision, 'decision');
      expectPrototypesUntouched();
      // A naive reader would have seen a Sev1 (outage, enterprise tier, security, 100,000 users):
      // the payload must not make the ticket more severe than the same ticket without it.
      expect(decision.severity.id).not.toBe('sev1');
      if (hostile.id === 'T-1') expect(decision.severity).toEqual(plainDecision().severity);
      // And the decision's own objects inherit nothing from the payload.
      for (const key of ['polluted', 'isAdmin', 'subject', 'tier']) {
        expect((decision as unknown as Record<string, unknown>)[key]).toBeUndefined();
        expect((decision.routing as unknown as Record<string, unknown>)[key]).toBeUndefined();
      }
    });
  }

  it('applies a `__proto__` key inside an event as data only: the status does not change', () => {
    const hostile = TICKET_PROTOTYPE_PAYLOADS[5]?.ticket() ?? {};
    const decision = evaluate(acme, hostile, { now: SEV1_NOW });
    expect(decision.clocks.every((clock) => clock.state !== 'met')).toBe(true);
    expect(decision.issues.map((issue) => [issue.code, issue.path])).toEqual(
      expect.arrayContaining([
        ['invalid_event', ['events', 1, 'status']],
        ['invalid_event', ['events', 2]],
      ]),
    );
  });

  it('groups and measures tickets whose ids, tiers and services are prototype names', () => {
    const tickets = ['__proto__', 'constructor', 'prototype', 'toString'].map((name, index) =>
      parsed(
        JSON.stringify({
          ...sev1Ticket(),
          id: name,
          service: 'payments',
          customer: { id: name, tier: name },
          createdAt: `2026-03-09T14:0${String(index)}:00Z`,
        }),
      ),
    );
    const report = reportIncidents(acme, tickets, { now: SEV1_NOW });
    expectPlainJson(report, 'report');
    const metrics = computeMetrics(acme, tickets, { now: SEV1_NOW, groupBy: ['tier'] });
    expectPlainJson(metrics, 'metrics');
    expect(metrics.groups.map((group) => group.key)).toEqual(
      expect.arrayContaining([{ tier: '__proto__' }, { tier: 'constructor' }]),
    );
    expectPrototypesUntouched();
  });
});

describe('nothing reaches code', () => {
  for (const { name, when, code } of CODE_OPERATORS) {
    it(`refuses the operator \`${name}\` in a policy, at its path`, () => {
      const result = variant((doc) => {
        const rule = doc.classification.rules[3];
        if (rule === undefined) throw new Error('the reference policy has changed');
        doc.classification.rules[3] = { ...rule, when: { and: [true, when] } };
      });
      expect(result.success).toBe(false);
      if (!result.success) {
        expect(result.issues.map((issue) => [issue.code, issue.path.slice(0, 6)])).toEqual([
          [code, ['classification', 'rules', 3, 'when', 'and', 1]],
        ]);
      }
      expectPrototypesUntouched();
    });
  }

  it('refuses placeholders that reach prototypes or name code, and renders inherited members as nothing', () => {
    const rendered: string[] = [];
    for (const { placeholder, outcome } of PLACEHOLDERS) {
      const result = variant((doc) => {
        const template = doc.communication?.templates?.['customer-update'];
        if (template === undefined) throw new Error('the reference policy has changed');
        (doc.communication?.templates as Record<string, unknown>)['customer-update'] = {
          ...template,
          body: `<{{${placeholder}}}>`,
        };
      });
      if (outcome === 'refused') {
        expect(result.success, placeholder).toBe(false);
        if (!result.success)
          expect(
            result.issues.map((issue) => [issue.code, issue.path.join('.')]),
            placeholder,
          ).toEqual([['invalid_template', 'communication.templates.customer-update.body']]);
        continue;
      }
      expect(result.success, placeholder).toBe(true);
      if (!result.success) continue;
      // A Sev1 owes the customer updates from this template: the body is rendered.
      const decision = evaluate(result.policy, sev1Ticket(), { now: SEV1_NOW });
      const body = decision.communication.find((entry) => entry.template === 'customer-update')?.rendered;
      expect(body, placeholder).toBe(`<${outcome}>`);
      rendered.push(body ?? '');
    }
    expect(rendered.join('')).not.toMatch(/function|native code|\[object/);
  });

  it('renders an own key named like a method as the data it holds', () => {
    const ticket = { ...sev1Ticket(), fields: parsed('{"toString":"own value","constructor":"kept out"}') };
    const result = variant((doc) => {
      const templates = doc.communication?.templates as Record<string, { body: string }>;
      templates['customer-update'] = {
        ...templates['customer-update'],
        body: '<{{ticket.fields.toString}}>',
      };
    });
    if (!result.success) throw new Error('expected the variant to compile');
    const decision = evaluate(result.policy, ticket, { now: SEV1_NOW });
    expect(decision.communication.find((entry) => entry.template === 'customer-update')?.rendered).toBe(
      '<own value>',
    );
  });
});

describe('ticket text is never read as a template or as code', () => {
  it('renders placeholders written in ticket text as text, and masks the redacted values they name', () => {
    const ticket = {
      ...sev1Ticket(),
      subject: 'Checkout is down {{ticket.fields.apiKey}} {{constructor}} ${process.exit(1)}',
      fields: { apiKey: 'sk_live_51HxQ2eLkdIwHu7ixQ2ZfA3bC9', latestUpdate: '{{ticket.fields.apiKey}}' },
    };
    const decision = evaluate(acme, ticket, { now: SEV1_NOW });
    const emitted = JSON.stringify([decision.communication, decision.actions]);
    expect(emitted).toContain('{{ticket.fields.apiKey}} {{constructor}} ${process.exit(1)}');
    expect(emitted).not.toContain('sk_live_51HxQ2eLkdIwHu7ixQ2ZfA3bC9');
    expect(decision.severity.id).toBe('sev1');
  });
});
