// What the playground computes from the editors' texts (docs/playground/src/playground.ts), in
// Node: the decision and its summary, lint findings, the timeline, and every problem at its
// place. The page itself is tested in headless Chromium (e2e.test.ts).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../docs/playground/src/json-source.js';
import {
  computePlayground,
  formatInstant,
  readNow,
  type PlaygroundInput,
  type Problem,
} from '../../docs/playground/src/playground.js';
import { instantOfWallTime, wallTimeOf } from '../../docs/playground/src/wall-time.js';

const read = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as unknown;
const POLICY = formatJson(read('examples/policies/acme-saas.json'));
const TICKET = formatJson(read('examples/tickets/sev1-outage.json'));
const BASE: PlaygroundInput = { policy: POLICY, ticket: TICKET, now: '2026-03-09T14:20:00Z', scenario: '' };

const compute = (changes: Partial<PlaygroundInput>): ReturnType<typeof computePlayground>['view'] =>
  computePlayground({ ...BASE, ...changes }).view;
const errors = (problems: readonly Problem[]): Problem[] => problems.filter((p) => p.severity === 'error');
/** The text a problem selects. */
const selected = (text: string, problem: Problem | undefined): string =>
  problem?.span === null || problem === undefined ? '' : text.slice(problem.span.start, problem.span.end);

describe('computePlayground', () => {
  it('decides the sample ticket, lints the policy and replays the ticket', () => {
    const view = compute({});
    expect(errors(view.problems)).toEqual([]);
    expect(view.decision?.severity.id).toBe('sev1');
    expect(view.now).toBe('2026-03-09T14:20:00.000Z');
    expect(view.summary.map((section) => section.title)).toEqual([
      'Status',
      'Severity',
      'Routing',
      'SLA clocks',
      'Due now',
      'Scheduled',
      'Approvals',
      'Updates owed',
      'Missing information',
      'Next evaluation',
    ]);
    expect(view.summary[1]?.lines[0]).toMatch(/^sev1 \(rule payments-outage\): /);
    expect(view.summary.at(-1)?.lines[0]).toBe(`${view.decision?.nextEvaluationAt ?? ''} (in 4m)`);
    expect(view.lint).not.toBeNull();
    expect(view.customScenario).toBe(false);
    expect(view.simulation?.ticketId).toBe('ACME-1042');
    expect(view.timeline.length).toBeGreaterThan(10);
    expect(view.timeline[0]).toMatchObject({ offset: '+0m', kind: 'severity' });
    expect(view.zones).toEqual(['UTC', 'America/New_York', 'Europe/Dublin']);
  });

  it('follows an edit: 20 000 users affected make a degradation a Sev1', () => {
    const ticket = formatJson(read('examples/tickets/enterprise-degradation.json'));
    const before = compute({ ticket, now: '2026-03-10T14:20:00Z' });
    expect(before.decision?.severity).toMatchObject({ id: 'sev2', ruleId: 'enterprise-broad-impact' });
    const after = compute({
      ticket: ticket.replace('"usersAffected": 180', '"usersAffected": 20000'),
      now: '2026-03-10T14:20:00Z',
    });
    expect(after.decision?.severity).toMatchObject({ id: 'sev1', ruleId: 'massive-impact' });
    expect(after.summary[1]?.lines[0]).toMatch(/^sev1 \(rule massive-impact\): /);
  });

  it('shows a JSON syntax error at its line and column, and still lints the policy', () => {
    const ticket = TICKET.replace(
      '"subject": "Checkout is down for all customers",',
      '"subject": "Checkout is down"',
    );
    const view = compute({ ticket });
    const line = ticket.split('\n').findIndex((text) => text.includes('"description"')) + 1;
    expect(errors(view.problems)).toEqual([
      expect.objectContaining({
        editor: 'ticket',
        code: 'json_syntax',
        line,
        column: 3,
        message: 'expected `,` or `}` after a property, found `"`',
      }),
    ]);
    expect(view.decision).toBeNull();
    expect(view.summary).toEqual([]);
    expect(view.lint).not.toBeNull();
    expect(view.simulation).toBeNull();
  });

  it('puts a policy issue at the value it is about', () => {
    const policy = POLICY.replace('"calendar": "always-on"', '"calendar": "us-bizness"');
    const view = compute({ policy });
    const calendar = view.problems.find((p) => p.code === 'unknown_calendar');
    expect(calendar).toMatchObject({
      editor: 'policy',
      severity: 'error',
      path: expect.stringMatching(/^sla\.targets\[\d+\]\.calendar$/) as unknown,
    });
    expect(selected(policy, calendar)).toBe('"us-bizness"');
    expect(calendar?.line).toBe(policy.slice(0, calendar?.span?.start).split('\n').length);
    expect(view.decision).toBeNull();
    expect(view.lint).toBeNull();
  });

  it('puts an unknown key at its name', () => {
    const policy = POLICY.replace('"routing": {', '"routing": {\n    "queus": [],');
    const unknown = compute({ policy }).problems.find((p) => p.code === 'unknown_key');
    expect(unknown?.path).toBe('routing.queus');
    expect(selected(policy, unknown)).toBe('"queus"');
  });

  it('puts the ticket data issues of a degraded decision at their paths in the ticket', () => {
    const ticket = formatJson(read('examples/tickets/malformed.json'));
    const view = compute({ ticket });
    expect(view.decision?.status).toBe('degraded');
    const createdAt = view.problems.find((p) => p.editor === 'ticket' && p.path === 'createdAt');
    expect(createdAt?.severity).toBe('error');
    expect(selected(ticket, createdAt)).toBe('"2026-03-09 14:00"');
    const event = view.problems.find((p) => p.editor === 'ticket' && p.path === 'events[2]');
    expect(selected(ticket, event)).toBe('"not an event"');
  });

  it('refuses a `now` without an offset, and reads epoch milliseconds', () => {
    const view = compute({ now: '2026-03-09T14:20' });
    expect(errors(view.problems)).toEqual([expect.objectContaining({ editor: 'now', code: 'invalid_now' })]);
    expect(view.decision).toBeNull();
    expect(compute({ now: String(Date.parse('2026-03-09T14:20:00Z')) }).decision).toEqual(
      compute({}).decision,
    );
  });

  it('runs a scenario from its editor, with its problems at their paths there', () => {
    const drill = formatJson(read('examples/drills/sev1-outage.json'));
    const view = compute({ scenario: drill });
    expect(view.customScenario).toBe(true);
    expect(view.simulation?.scenario).toBe('sev1-checkout-outage');
    expect(view.simulation?.passed).toBe(true);

    const broken = drill.replace(/"until": "[^"]*"/, '"until": "+3x"');
    expect(broken).not.toBe(drill);
    const problem = compute({ scenario: broken }).problems.find((p) => p.editor === 'scenario');
    expect(problem?.path).toBe('until');
    expect(selected(broken, problem)).toBe('"+3x"');
  });

  it('compiles the policy once while only the ticket changes', () => {
    const first = computePlayground(BASE);
    const second = computePlayground({ ...BASE, ticket: TICKET.replace('12000', '5') }, first.cache);
    expect(second.cache.compiled).toBe(first.cache.compiled);
    const third = computePlayground({ ...BASE, policy: `${POLICY} ` }, second.cache);
    expect(third.cache.compiled).not.toBe(first.cache.compiled);
  });
});

describe('readNow and formatInstant', () => {
  it.each([
    ['2026-03-09T10:20:00-04:00', '2026-03-09T14:20:00.000Z'],
    ['  2026-03-09T14:20Z ', '2026-03-09T14:20:00.000Z'],
    ['1773066000000', '2026-03-09T14:20:00.000Z'],
  ])('reads %j as %s', (text, iso) => {
    expect(readNow(text)).toEqual({ ok: true, iso });
  });

  it.each(['', '2026-03-09 14:20', 'yesterday+01:00', '99999999999999999999'])('refuses %j', (text) => {
    expect(readNow(text).ok).toBe(false);
  });

  it('says how far an instant is from now', () => {
    const now = '2026-03-09T14:20:00.000Z';
    expect(formatInstant('2026-03-09T14:15:00.000Z', now)).toBe('2026-03-09T14:15:00.000Z (5m ago)');
    expect(formatInstant('2026-03-10T16:20:30.000Z', now)).toBe('2026-03-10T16:20:30.000Z (in 1d 2h)');
    expect(formatInstant(now, now)).toBe(`${now} (now)`);
    expect(formatInstant(null, now)).toBe('never');
  });
});

describe('the now picker', () => {
  it.each([
    ['America/New_York', '2026-03-09T10:20', '2026-03-09T14:20:00.000Z'],
    // In the spring-forward gap: moved forward by the gap (03:30 EDT), as in a policy.
    ['America/New_York', '2026-03-08T02:30', '2026-03-08T07:30:00.000Z'],
    // In the fall-back overlap: the earlier instant (01:30 EDT).
    ['America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00.000Z'],
    ['Pacific/Chatham', '2026-01-01T00:00:15', '2025-12-31T10:15:15.000Z'],
  ])('reads %s %s as %s', (zone, wall, iso) => {
    expect(instantOfWallTime(zone, wall)).toBe(iso);
  });

  it.each([
    ['Mars/Olympus', '2026-03-09T10:20'],
    ['UTC', '2026-03-09 10:20'],
    ['UTC', '2026-02-30T10:20'],
    ['UTC', '2026-03-09T25:00'],
  ])('gives null for %s %s', (zone, wall) => {
    expect(instantOfWallTime(zone, wall)).toBeNull();
  });

  it('shows an instant as the wall time that reads back to it (the earlier one in an overlap)', () => {
    const zones = ['America/New_York', 'Europe/Dublin', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({
          min: Date.parse('2025-01-01T00:00:00Z') / 1000,
          max: Date.parse('2027-12-31T00:00:00Z') / 1000,
        }),
        (zone, seconds) => {
          const ms = seconds * 1000;
          const wall = wallTimeOf(zone, ms);
          if (wall === null) throw new Error(`no wall time in ${zone}`);
          const back = instantOfWallTime(zone, wall.wall);
          if (back === null) throw new Error(`${wall.wall} in ${zone} does not read back`);
          const backMs = Date.parse(back);
          expect(backMs).toBeLessThanOrEqual(ms);
          expect(wallTimeOf(zone, backMs)?.wall).toBe(wall.wall);
        },
      ),
      { seed: Number(process.env['FC_SEED'] ?? 20261126), numRuns: 300 },
    );
  });

  it('names the zone as the browser shows it', () => {
    expect(wallTimeOf('America/New_York', Date.parse('2026-03-09T14:20:00Z'))).toEqual({
      wall: '2026-03-09T10:20',
      zoneName: 'EDT',
    });
    expect(wallTimeOf('Nowhere/Else', 0)).toBeNull();
  });
});
