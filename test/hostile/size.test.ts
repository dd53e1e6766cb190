import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  compileCondition,
  compilePolicy,
  diffPolicies,
  evaluate,
  isOpen,
  nextOpening,
  onCallAt,
  reportIncidents,
  safeCompilePolicy,
  simulate,
  computeMetrics,
} from '../../src/index.js';
import { call, expectIssuesResolve, expectPlainJson } from '../fuzz/support.js';
import {
  ADVERSARIAL_UNITS,
  SEV1_NOW,
  acmeDocument,
  nest,
  sev1Ticket,
  text,
  ticketWithEvents,
} from './payloads.js';

// Inputs that are hostile by size: 100,000 levels of nesting, huge lists, texts of megabytes,
// calendars and schedules a century long, 100,000 events. Every one is answered (or refused
// with an issue) without a stack overflow and in bounded time. Time bounds are generous — ten
// times or more what a shared 2-core machine needs — so that they catch super-linear work
// (seconds or minutes), never a slow CI run. Covered elsewhere and not repeated:
// test/conditions/security.test.ts (compileCondition: 100,000-level conditions and data, 10 MB
// texts against every text operator, 1,000,000-node conditions); test/redaction/redact.test.ts
// (10 MB of adversarial text through every pattern).

const acme = compilePolicy(acmeDocument());
const DEEP = 100_000;

/** Runs `fn`, fails if it took longer than `boundMs` (generous), and returns its result. */
function within<T>(boundMs: number, fn: () => T): T {
  const started = performance.now();
  const result = fn();
  expect(performance.now() - started).toBeLessThan(boundMs);
  return result;
}

describe('100,000 levels of nesting', () => {
  const placements: readonly {
    readonly name: string;
    readonly ticket: () => Record<string, unknown>;
    readonly path: readonly (string | number)[];
  }[] = [
    {
      name: 'a custom field value',
      ticket: () => ({ ...sev1Ticket(), fields: { payload: nest(DEEP, 'x') } }),
      path: ['fields', 'payload'],
    },
    {
      name: 'the subject (lists)',
      ticket: () => ({ ...sev1Ticket(), subject: nest(DEEP, 'outage', true) }),
      path: ['subject'],
    },
    {
      name: 'the customer',
      ticket: () => ({ ...sev1Ticket(), customer: nest(DEEP, 'enterprise') }),
      path: ['customer'],
    },
    {
      name: 'an event field',
      ticket: () => {
        const ticket = sev1Ticket();
        (ticket.events as unknown[]).push({
          type: 'replied',
          at: '2026-03-09T14:10:00Z',
          author: 'agent',
          public: true,
          by: nest(DEEP, 'x'),
        });
        return ticket;
      },
      path: ['events', 5, 'by'],
    },
  ];

  for (const { name, ticket, path } of placements) {
    it(`as ${name}: a limit_exceeded issue at the 64th level, decided by the fallback`, () => {
      const hostile = ticket();
      const decision = within(5_000, () => evaluate(acme, hostile, { now: SEV1_NOW, explain: true }));
      expect(decision.issues.map((issue) => issue.code)).toEqual(['limit_exceeded']);
      const found = decision.issues[0]?.path ?? [];
      expect(found.slice(0, path.length)).toEqual(path);
      expect(found).toHaveLength(64);
      expectIssuesResolve(hostile, decision.issues);
      expect(decision.severity.source).toBe('fallback');
      expectPlainJson(decision);
    });
  }

  it('as a policy condition: condition_too_deep at its path, no stack overflow', () => {
    const doc = acmeDocument();
    const rule = doc.classification.rules[0];
    if (rule === undefined) throw new Error('the reference policy has changed');
    let when: unknown = true;
    for (let i = 0; i < DEEP; i++) when = { '!': when };
    doc.classification.rules[0] = { ...rule, when: when };
    const result = within(5_000, () => safeCompilePolicy(doc));
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.issues.map((issue) => issue.code)).toEqual(['condition_too_deep']);
      expectIssuesResolve(doc, result.issues);
      expect(result.issues[0].path.slice(0, 4)).toEqual(['classification', 'rules', 0, 'when']);
    }
  });

  it('anywhere else in a policy, a calendar or a condition: refused with a path, no stack overflow', () => {
    const doc = acmeDocument();
    doc.description = nest(DEEP, 'x') as never;
    const policy = within(5_000, () => safeCompilePolicy(doc));
    expect(policy.success).toBe(false);
    if (!policy.success)
      expect(policy.issues.map((issue) => [issue.code, issue.path])).toEqual([
        ['invalid_type', ['description']],
      ]);

    const calendar = { timezone: 'UTC', weekly: { mon: nest(DEEP, ['09:00', '17:00'], true) } };
    const refused = within(5_000, () =>
      call(() => compileCalendar(calendar as never), { policyError: { root: calendar } }),
    );
    expect('error' in refused).toBe(true);

    const condition = { in: ['x', nest(DEEP, 'x', true)] };
    const compiled = within(5_000, () =>
      call(() => compileCondition(condition), { policyError: { root: condition } }),
    );
    expect('error' in compiled).toBe(true);
  });

  it('in the tickets of simulate, diffPolicies, reportIncidents and computeMetrics', () => {
    const deep = { ...sev1Ticket(), fields: { payload: nest(DEEP, 'x') } };
    within(10_000, () => {
      expectPlainJson(diffPolicies(acme, acme, [deep], { now: SEV1_NOW }));
      const report = reportIncidents(acme, [deep, { ...deep, id: 'ACME-1043' }], { now: SEV1_NOW });
      expectPlainJson(report);
      expectPlainJson(computeMetrics(acme, [deep], { now: SEV1_NOW, groupBy: ['severity'] }));
      const run = simulate(acme, { ticket: deep, until: '+2h' } as never, { maxSteps: 50 });
      expectPlainJson(run);
    });
  });
});

describe('huge lists', () => {
  it('1,000,000 tags: refused at `tags` at once', () => {
    const ticket = { ...sev1Ticket(), tags: Array.from({ length: 1_000_000 }, () => 'outage') };
    const decision = within(5_000, () => evaluate(acme, ticket, { now: SEV1_NOW }));
    expect(decision.issues.map((issue) => [issue.code, issue.path])).toEqual([['limit_exceeded', ['tags']]]);
  });

  it('300,000 custom fields: refused (more values than the limit) at once', () => {
    const fields: Record<string, number> = {};
    for (let i = 0; i < 300_000; i++) fields[`f${String(i)}`] = i;
    const decision = within(5_000, () => evaluate(acme, { ...sev1Ticket(), fields }, { now: SEV1_NOW }));
    expect(decision.issues.map((issue) => [issue.code, issue.path])).toEqual([['limit_exceeded', []]]);
  });

  it('a policy word list of 100,000 words: refused at its path at once', () => {
    const doc = acmeDocument();
    doc.classification.rules[0] = {
      id: 'huge-list',
      when: {
        containsAny: [{ var: 'ticket.subject' }, Array.from({ length: 100_000 }, (_, i) => `w${String(i)}`)],
      },
      severity: 'sev1',
      reason: 'x',
    };
    const result = within(5_000, () => safeCompilePolicy(doc));
    expect(result.success || result.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['limit_exceeded', ['classification', 'rules', 0, 'when', 'containsAny', 1]],
    ]);
  });
});

describe('texts of megabytes against keyword matching', () => {
  it('a 10 MB subject: refused at `subject` at once, without reading it', () => {
    const ticket = { ...sev1Ticket(), subject: text('outage is down ', 10_000_000) };
    const decision = within(2_000, () => evaluate(acme, ticket, { now: SEV1_NOW }));
    expect(decision.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['limit_exceeded', ['subject']],
    ]);
  });

  for (const unit of ADVERSARIAL_UNITS) {
    it(`subject and description of 1,000,000 characters of ${JSON.stringify(unit)}: decided in linear time`, () => {
      // At the string limit, through the reference policy's 29 rules of phrases, its templates
      // and its redaction patterns (the subject is quoted, and masked, in rendered updates).
      const long = text(unit, 1_000_000);
      const ticket = { ...sev1Ticket(), subject: long, description: long };
      const decision = within(20_000, () => evaluate(acme, ticket, { now: SEV1_NOW }));
      expect(decision.issues.map((issue) => issue.code)).not.toContain('limit_exceeded');
      expectPlainJson(decision);
    }, 60_000);
  }
});

describe('a century of calendars and schedules', () => {
  const YEARS = 100;
  const FROM = Date.UTC(2026, 0, 1);
  const TO = Date.UTC(2026 + YEARS, 0, 1);
  const DAY = 86_400_000;

  it('sums 100 years of weekday hours with yearly and dated holidays exactly', () => {
    const calendar = compileCalendar({
      timezone: 'America/New_York',
      weekly: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['09:00', '17:00']]]),
      ),
      holidays: [
        { annual: '12-25', name: 'Christmas Day' },
        { from: '2050-01-01', to: '2050-12-31', name: 'a year closed' },
      ],
    });
    // The oracle: 8 hours for each weekday that is not a holiday (09:00–17:00 never meets a DST change).
    let expected = 0;
    for (let day = FROM; day < TO; day += DAY) {
      const date = new Date(day);
      const weekday = date.getUTCDay();
      const christmas = date.getUTCMonth() === 11 && date.getUTCDate() === 25;
      if (weekday >= 1 && weekday <= 5 && !christmas && date.getUTCFullYear() !== 2050)
        expected += 8 * 3_600_000;
    }
    // Local midnights of New York, in EST (-05:00).
    const start = FROM + 5 * 3_600_000;
    const end = TO + 5 * 3_600_000;
    const total = within(20_000, () => businessTimeBetween(calendar, start, end));
    expect(total).toBe(expected);
    const reached = within(20_000, () => addBusinessTime(calendar, start, expected));
    // The last open instant of the century: Friday 2125-12-28 17:00 EST (the 29th–31st… are not all weekdays).
    expect(
      reached !== null &&
        reached.getTime() <= end &&
        businessTimeBetween(calendar, start, reached) === expected,
    ).toBe(true);
  });

  it('finds an opening 100 years away, and answers at once for a calendar that never opens', () => {
    const later = compileCalendar({
      timezone: 'Europe/Berlin',
      weekly: {},
      exceptions: [{ date: '2126-03-09', hours: [['09:00', '10:00']] }],
    });
    expect(within(20_000, () => nextOpening(later, FROM))?.toISOString()).toBe('2126-03-09T08:00:00.000Z');
    expect(addBusinessTime(later, FROM, 3_600_000)?.toISOString()).toBe('2126-03-09T09:00:00.000Z');
    const never = compileCalendar({ timezone: 'Asia/Kolkata', weekly: {} });
    expect(within(1_000, () => nextOpening(never, FROM))).toBeNull();
    expect(within(1_000, () => addBusinessTime(never, FROM, 1))).toBeNull();
    expect(isOpen(never, TO)).toBe(false);
  });

  it('rotates daily on-call turns for 100 years at the same local time, across every DST change', () => {
    const doc = acmeDocument() as ReturnType<typeof acmeDocument> & { schedules: Record<string, unknown> };
    doc.schedules = {
      ...doc.schedules,
      century: {
        timezone: 'America/New_York',
        layers: [
          {
            start: '2026-01-05T09:00',
            turn: '1d',
            members: ['ana@example.com', 'ben@example.com', 'cy@example.com'],
          },
        ],
      },
    };
    const policy = compilePolicy(doc);
    const members = ['ana@example.com', 'ben@example.com', 'cy@example.com'];
    for (const [year, month, day] of [
      [2026, 1, 5],
      [2026, 3, 8],
      [2077, 7, 4],
      [2125, 11, 2],
      [2126, 1, 5],
    ] as const) {
      // Local noon (EDT or EST: 16:00Z or 17:00Z); turn index = local days since the start.
      const days = (Date.UTC(year, month - 1, day) - Date.UTC(2026, 0, 5)) / DAY;
      const noonUtc = Date.UTC(year, month - 1, day, 17);
      const onCall = within(5_000, () => onCallAt(policy, 'century', noonUtc));
      expect(onCall, `${String(year)}-${String(month)}-${String(day)}`).toEqual([members[days % 3]]);
    }
  });

  it('evaluates a ticket created 100 years ago', () => {
    const ticket = { ...sev1Ticket(), createdAt: '1926-03-09T14:00:00Z', events: [] };
    const decision = within(10_000, () => evaluate(acme, ticket, { now: SEV1_NOW, explain: true }));
    expectPlainJson(decision);
    expect(decision.clocks.every((clock) => clock.state === 'breached')).toBe(true);
  });
});

describe('100,000 events', () => {
  it('are refused at `events` at once; the ticket is decided by the fallback', () => {
    const ticket = ticketWithEvents(100_000);
    const decision = within(5_000, () =>
      evaluate(acme, ticket, { now: '2026-03-12T00:00:00Z', explain: true }),
    );
    expect(decision.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['limit_exceeded', ['events']],
    ]);
    expect(decision.severity.source).toBe('fallback');
    expectPlainJson(decision);
  });

  it('in the tickets of diffPolicies, reportIncidents and computeMetrics', () => {
    const ticket = ticketWithEvents(100_000);
    const now = '2026-03-12T00:00:00Z';
    within(20_000, () => {
      expect(diffPolicies(acme, acme, [ticket], { now }).summary.tickets).toBe(1);
      expect(reportIncidents(acme, [ticket], { now }).tickets.read).toBe(1);
      expect(computeMetrics(acme, [ticket], { now }).total.tickets).toBe(1);
    });
  });
});
