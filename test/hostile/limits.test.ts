import { describe, expect, it } from 'vitest';
import {
  MAX_POLICY_ARRAY_LENGTH,
  MAX_POLICY_STRING_LENGTH,
  MAX_POLICY_TEXT_LENGTH,
  MAX_POLICY_VALUES,
  MAX_TICKET_ARRAY_LENGTH,
  MAX_TICKET_DEPTH,
  MAX_TICKET_EVENTS,
  MAX_TICKET_STRING_LENGTH,
  MAX_TICKET_TEXT_LENGTH,
  MAX_TICKET_VALUES,
  compilePolicy,
  evaluate,
  formatIssues,
  safeCompilePolicy,
  type Decision,
} from '../../src/index.js';
import { expectIssuesResolve, expectPlainJson } from '../fuzz/support.js';
import { SEV1_NOW, acmeDocument, nest, sev1Ticket, text, ticketWithEvents } from './payloads.js';

// The documented limits (docs/security.md): each at its value is accepted, one more is refused
// with a `limit_exceeded` issue at the path of what exceeds it, saying what the limit is. A
// ticket over a limit is decided by the policy's fallback, loudly; a policy over a limit is a
// PolicyError. The constants are imported from their modules until src/index.ts exports them.

const acme = compilePolicy(acmeDocument());
const FALLBACK_KEY = 'ACME-1042/fallback/limit_exceeded';

/** Counts the values of a JSON document (objects, arrays and primitives), without recursion. */
function countValues(root: unknown): number {
  let count = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    count++;
    if (node !== null && typeof node === 'object') for (const value of Object.values(node)) stack.push(value);
  }
  return count;
}

/** Counts the characters of every string and key of a JSON document. */
function countText(root: unknown): number {
  let count = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') count += node.length;
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (!Array.isArray(node)) count += key.length;
        stack.push(value);
      }
    }
  }
  return count;
}

/** Checks the documented decision for a ticket over a limit, and returns the issue. */
function expectDecidedByFallback(decision: Decision, ticket: unknown): void {
  expect(decision.status).toBe('degraded');
  expect(decision.issues.map((issue) => issue.code)).toEqual(['limit_exceeded']);
  expectIssuesResolve(ticket, decision.issues);
  expect(decision.ticketId).toBe('ACME-1042');
  expect(decision.severity).toMatchObject({ id: 'sev2', source: 'fallback' });
  expect(decision.routing.queue).toBe('general-triage');
  expect(decision.clocks).toEqual([]);
  expect(decision.upcoming).toEqual([]);
  expect(decision.communication).toEqual([]);
  expect(decision.validation).toEqual([]);
  // The fallback roles are told, once: a person must look at the ticket.
  expect(decision.actions).toMatchObject([
    { key: FALLBACK_KEY, kind: 'notify', ruleId: 'fallback', payload: { issues: ['limit_exceeded'] } },
  ]);
  // Nothing is scheduled but the next on-call handoff of the fallback queue's owners.
  const handoffs = [decision.routing.owner.shiftEndsAt, decision.routing.secondary?.shiftEndsAt];
  expect(decision.nextEvaluationAt === null || handoffs.includes(decision.nextEvaluationAt)).toBe(true);
  expectPlainJson(decision);
}

/** The first issue, formatted (`path: message`). */
const first = (decision: Decision): string => formatIssues(decision.issues.slice(0, 1));

describe('ticket limits', () => {
  const NOW = '2026-03-09T18:00:00Z';

  it(`reads a history of ${String(MAX_TICKET_EVENTS)} events; one more is decided by the fallback`, () => {
    const atLimit = ticketWithEvents(MAX_TICKET_EVENTS - 1);
    expect((atLimit.events as unknown[]).length).toBe(MAX_TICKET_EVENTS);
    const decided = evaluate(acme, atLimit, { now: NOW });
    expect(decided.issues.map((issue) => issue.code)).not.toContain('limit_exceeded');
    expect(decided.severity.id).toBe('sev1');

    const over = ticketWithEvents(MAX_TICKET_EVENTS);
    const decision = evaluate(acme, over, { now: NOW, explain: true });
    expectDecidedByFallback(decision, over);
    expect(first(decision)).toBe(
      'events: the ticket has 10001 events, more than the limit of 10000: the ticket is not decided from its data: the fallback applies',
    );
  });

  it('reads the performed keys of a ticket over the limit: the fallback notification is not returned again', () => {
    const over = ticketWithEvents(MAX_TICKET_EVENTS + 5);
    (over.events as unknown[]).push({
      type: 'actionPerformed',
      at: '2026-03-09T17:00:00Z',
      key: FALLBACK_KEY,
    });
    const decision = evaluate(acme, over, { now: NOW });
    expect(decision.status).toBe('degraded');
    expect(decision.actions).toEqual([]);
    // Recorded after `now`, it does not count yet.
    const events = over.events as { at: string }[];
    events[events.length - 1] = {
      ...(events[events.length - 1] as { at: string }),
      at: '2026-03-09T19:00:00Z',
    };
    expect(evaluate(acme, over, { now: NOW }).actions.map((action) => action.key)).toEqual([FALLBACK_KEY]);
  });

  const cases: readonly {
    readonly name: string;
    readonly atLimit: () => Record<string, unknown>;
    readonly over: () => Record<string, unknown>;
    readonly issue: string;
  }[] = [
    {
      name: `a list of ${String(MAX_TICKET_ARRAY_LENGTH)} items`,
      atLimit: () => ({
        ...sev1Ticket(),
        tags: Array.from({ length: MAX_TICKET_ARRAY_LENGTH }, (_, i) => `t${String(i)}`),
      }),
      over: () => ({
        ...sev1Ticket(),
        tags: Array.from({ length: MAX_TICKET_ARRAY_LENGTH + 1 }, () => 'outage'),
      }),
      issue:
        'tags: a list of 10001 items, more than the limit of 10000: the ticket is not decided from its data: the fallback applies',
    },
    {
      name: `a string of ${String(MAX_TICKET_STRING_LENGTH)} characters`,
      atLimit: () => ({ ...sev1Ticket(), description: text('outage ', MAX_TICKET_STRING_LENGTH) }),
      over: () => ({ ...sev1Ticket(), description: text('outage ', MAX_TICKET_STRING_LENGTH + 1) }),
      issue:
        'description: text of 1000001 characters, longer than the limit of 1000000: the ticket is not decided from its data: the fallback applies',
    },
    {
      name: `a key of ${String(MAX_TICKET_STRING_LENGTH)} characters`,
      atLimit: () => ({ ...sev1Ticket(), fields: { [text('k', MAX_TICKET_STRING_LENGTH)]: 1 } }),
      over: () => ({ ...sev1Ticket(), fields: { [text('k', MAX_TICKET_STRING_LENGTH + 1)]: 1 } }),
      issue:
        'fields: a key of 1000001 characters, longer than the limit of 1000000: the ticket is not decided from its data: the fallback applies',
    },
    {
      // The ticket is level 1; `fields`, the outermost of 63 nested objects, is level 2.
      name: `data nested ${String(MAX_TICKET_DEPTH)} levels deep`,
      atLimit: () => ({ ...sev1Ticket(), fields: nest(MAX_TICKET_DEPTH - 1, 'x') }),
      over: () => ({ ...sev1Ticket(), fields: nest(MAX_TICKET_DEPTH, 'x') }),
      issue: `fields${'.a'.repeat(MAX_TICKET_DEPTH - 1)}: data nested deeper than 64 levels: the ticket is not decided from its data: the fallback applies`,
    },
    {
      name: `${String(MAX_TICKET_VALUES)} values`,
      atLimit: () => withValues(MAX_TICKET_VALUES),
      over: () => withValues(MAX_TICKET_VALUES + 1),
      issue:
        'the ticket holds more than 250000 values: the ticket is not decided from its data: the fallback applies',
    },
    {
      name: `${String(MAX_TICKET_TEXT_LENGTH)} characters of text`,
      atLimit: () => withText(MAX_TICKET_TEXT_LENGTH),
      over: () => withText(MAX_TICKET_TEXT_LENGTH + 1),
      issue:
        'the ticket holds more than 10000000 characters of text: the ticket is not decided from its data: the fallback applies',
    },
  ];

  /** The Sev1 ticket with custom fields that bring it to exactly `total` values. */
  function withValues(total: number): Record<string, unknown> {
    const ticket = sev1Ticket();
    const fields: Record<string, number> = {};
    ticket.fields = fields;
    const missing = total - countValues(ticket);
    for (let i = 0; i < missing; i++) fields[`f${String(i)}`] = i;
    expect(countValues(ticket)).toBe(total);
    return ticket;
  }

  /** The Sev1 ticket with custom fields that bring its text to exactly `total` characters. */
  function withText(total: number): Record<string, unknown> {
    const ticket = sev1Ticket();
    const fields: Record<string, string> = {};
    ticket.fields = fields;
    let missing = total - countText(ticket);
    for (let i = 0; missing > 0; i++) {
      const key = `t${String(i)}`;
      const length = Math.min(MAX_TICKET_STRING_LENGTH, missing - key.length);
      fields[key] = text('lorem ', length);
      missing -= key.length + length;
    }
    expect(countText(ticket)).toBe(total);
    return ticket;
  }

  for (const { name, atLimit, over, issue } of cases) {
    it(`reads ${name}; one more is decided by the fallback`, () => {
      const accepted = evaluate(acme, atLimit(), { now: SEV1_NOW });
      expect(accepted.issues.map((found) => found.code)).not.toContain('limit_exceeded');
      expect(accepted.severity.id).toBe('sev1');
      const ticket = over();
      const decision = evaluate(acme, ticket, { now: SEV1_NOW });
      expectDecidedByFallback(decision, ticket);
      expect(first(decision)).toBe(issue);
    });
  }

  it('checks a ticket read again as plain data (accessors that throw) against the same limits', () => {
    const ticket: Record<string, unknown> = {
      ...sev1Ticket(),
      tags: Array.from({ length: MAX_TICKET_ARRAY_LENGTH + 1 }, () => 'x'),
    };
    Object.defineProperty(ticket, 'subject', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });
    const decision = evaluate(acme, ticket, { now: SEV1_NOW });
    expect(decision.issues.map((found) => [found.code, found.path])).toContainEqual([
      'limit_exceeded',
      ['tags'],
    ]);
    expect(decision.severity.source).toBe('fallback');
  });
});

describe('policy limits', () => {
  /** The issues of compiling the reference policy after `edit`. */
  function issuesOf(
    edit: (doc: Record<string, unknown> & ReturnType<typeof acmeDocument>) => void,
  ): string[] {
    const doc = acmeDocument();
    edit(doc);
    const result = safeCompilePolicy(doc);
    return result.success ? [] : result.issues.map((issue) => `${issue.code} ${formatIssues([issue])}`);
  }
  const words = (count: number): string[] => Array.from({ length: count }, (_, i) => `word${String(i)}`);
  const setWords = (doc: ReturnType<typeof acmeDocument>, list: string[]): void => {
    doc.classification.rules[0] = {
      id: 'many-words',
      when: { containsAny: [{ var: 'ticket.subject' }, list] },
      severity: 'sev1',
      reason: 'one of many words',
    };
  };

  it(`accepts lists of ${String(MAX_POLICY_ARRAY_LENGTH)} items and refuses one more, at its path`, () => {
    expect(
      issuesOf((doc) => {
        setWords(doc, words(MAX_POLICY_ARRAY_LENGTH));
      }),
    ).toEqual([]);
    expect(
      issuesOf((doc) => {
        setWords(doc, words(MAX_POLICY_ARRAY_LENGTH + 1));
      }),
    ).toEqual([
      'limit_exceeded classification.rules[0].when.containsAny[1]: a list of 1001 items, more than the limit of 1000',
    ]);
  });

  it(`accepts strings of ${String(MAX_POLICY_STRING_LENGTH)} characters and refuses one more, at its path`, () => {
    expect(issuesOf((doc) => (doc.description = text('a', MAX_POLICY_STRING_LENGTH)))).toEqual([]);
    expect(issuesOf((doc) => (doc.description = text('a', MAX_POLICY_STRING_LENGTH + 1)))).toEqual([
      'limit_exceeded description: text of 100001 characters, longer than the limit of 100000',
    ]);
  });

  it('refuses a document that is one string longer than the limit, at the root', () => {
    const result = safeCompilePolicy(text('x', MAX_POLICY_STRING_LENGTH + 1));
    expect(result.success || formatIssues(result.issues)).toBe(
      'text of 100001 characters, longer than the limit of 100000',
    );
  });

  it(`refuses more than ${String(MAX_POLICY_VALUES)} values and more than ${String(MAX_POLICY_TEXT_LENGTH)} characters`, () => {
    const huge = Array.from({ length: 300 }, () => Array.from({ length: 900 }, () => 0));
    expect(issuesOf((doc) => (doc.extra = huge))).toEqual([
      'limit_exceeded the policy holds more than 250000 values',
    ]);
    const long = Array.from({ length: 60 }, () => text('b', MAX_POLICY_STRING_LENGTH));
    expect(issuesOf((doc) => (doc.extra = long))).toEqual([
      'limit_exceeded the policy holds more than 5000000 characters of text',
    ]);
  });

  it('compiles a policy near its limits in bounded time', () => {
    // 1,000 classification rules of the reference policy: about 60,000 values.
    const doc = acmeDocument();
    const rules = doc.classification.rules;
    doc.classification.rules = Array.from({ length: MAX_POLICY_ARRAY_LENGTH }, (_, i) => ({
      ...(rules[i % rules.length] as (typeof rules)[number]),
      id: `rule-${String(i)}`,
    }));
    const started = performance.now();
    expect(safeCompilePolicy(doc).success).toBe(true);
    // Generous: about 0.3 s on a shared 2-core machine; the bound catches super-linear work.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
