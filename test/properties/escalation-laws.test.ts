import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authorizeEscalation,
  compileCondition,
  compilePolicy,
  evaluate,
  parseDuration,
  type Decision,
} from '../../src/index.js';
import {
  CLOSE,
  OPEN,
  REQUEST_PAIRS,
  escalationTicket,
  finalStatus,
  type GeneratedTicket,
} from '../support/escalation-tickets.js';
import { ticketAndNow } from '../support/tickets.js';
import { params } from '../support/well-formed.js';

// Laws of docs/escalation.md over generated tickets of the reference policy. Each law says in
// a comment which defect it catches; each counts the runs where it had something to check,
// so that a generator drifting away from the interesting cases fails loudly.

// ---- The reference policy, and the parts of it the laws read ------------------------------

interface RuleJson {
  readonly id: string;
  readonly when?: unknown;
  readonly on: Readonly<Record<string, unknown>>;
  readonly actions: readonly { readonly kind: string }[];
  readonly repeat?: { readonly every: string; readonly times: number; readonly while?: string };
  readonly reason?: string;
}
interface GateJson {
  readonly id: string;
  readonly on?: string;
  readonly approvers: readonly string[];
  readonly quorum: string | number;
  readonly within?: string;
  readonly onTimeout?: string;
  readonly escalateToRole?: string;
  readonly blocks?: readonly string[];
}
interface CadenceJson {
  readonly id: string;
  readonly severity: string | readonly string[];
  readonly audience: string;
  readonly every: string;
  readonly template: string;
  readonly calendar?: string;
}
interface InitiationJson {
  readonly id: string;
  readonly roles: readonly string[];
  readonly tiers?: readonly string[];
  readonly to?: readonly string[];
  readonly after?: string;
  readonly when?: unknown;
}
interface PolicyJson {
  readonly escalation: {
    readonly rules: readonly RuleJson[];
    readonly initiation: readonly InitiationJson[];
  };
  readonly approvals: { readonly gates: readonly GateJson[] };
  readonly communication: {
    readonly cadence: readonly CadenceJson[];
    readonly templates: Readonly<Record<string, { readonly audience: string; readonly subject?: string }>>;
  };
  readonly roles: Readonly<
    Record<string, { readonly members?: readonly string[]; readonly schedule?: string }>
  >;
  readonly schedules: Readonly<
    Record<
      string,
      {
        readonly layers: readonly { readonly members: readonly string[] }[];
        readonly overrides?: readonly { readonly members: readonly string[] }[];
      }
    >
  >;
  readonly routing: { readonly queues: readonly { readonly id: string }[] };
  readonly sla: {
    readonly resolvedOn: readonly string[];
    readonly responders: { readonly exclude: readonly string[] };
  };
}

const document = JSON.parse(
  readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as PolicyJson;
const policy = compilePolicy(document);

const rules = new Map(document.escalation.rules.map((rule) => [rule.id, rule]));
const ruleOrder = document.escalation.rules.map((rule) => rule.id);
const gates = new Map(document.approvals.gates.map((gate) => [gate.id, gate]));
const ruleConditions = new Map(
  document.escalation.rules.flatMap((rule) =>
    rule.when === undefined ? [] : [[rule.id, compileCondition(rule.when)] as const],
  ),
);
const initiationConditions = new Map(
  document.escalation.initiation.flatMap((rule) =>
    rule.when === undefined ? [] : [[rule.id, compileCondition(rule.when)] as const],
  ),
);
const RESOLVED = new Set(document.sla.resolvedOn);
const QUEUES = new Set(document.routing.queues.map((queue) => queue.id));
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HOUR = 3_600_000;

// ---- Generated tickets ----------------------------------------------------------------------

/** The plain tickets of evaluate-laws, as generated tickets without secrets. */
const plain: fc.Arbitrary<GeneratedTicket> = ticketAndNow.map(({ ticket, now }) => ({
  ticket,
  now,
  secrets: [],
}));
/** Histories whose status is that of the events (no snapshot `status` to reconcile). */
const consistent: fc.Arbitrary<GeneratedTicket> = fc.oneof(
  { weight: 4, arbitrary: escalationTicket() },
  { weight: 1, arbitrary: plain },
);
/** Any generated ticket: with a snapshot `status` that may differ from its history, or secrets. */
const anyTicket: fc.Arbitrary<GeneratedTicket> = fc.oneof(
  { weight: 3, arbitrary: escalationTicket() },
  { weight: 2, arbitrary: escalationTicket({ snapshotStatus: true }) },
  { weight: 1, arbitrary: escalationTicket({ pii: true }) },
  { weight: 1, arbitrary: plain },
);

// ---- Helpers ------------------------------------------------------------------------------------

type Event = Readonly<Record<string, unknown>> & { readonly type: string; readonly at: string };
const eventsOf = (ticket: Record<string, unknown>): readonly Event[] => ticket.events as Event[];
const ms = (iso: string): number => Date.parse(iso);
const isoOf = (at: number): string => new Date(at).toISOString();

interface Entry {
  readonly key: string;
  readonly kind: string;
  readonly dueAt: string;
  readonly ruleId: string;
  readonly reason: string;
  readonly where: 'actions' | 'withheld' | 'upcoming';
}
/** Every planned action of a decision: due, withheld and upcoming. */
function entries(d: Decision): Entry[] {
  return [
    ...d.actions.map((a) => ({ ...a, where: 'actions' as const })),
    ...d.withheld.map((a) => ({ ...a, where: 'withheld' as const })),
    ...d.upcoming.map((a) => ({ ...a, where: 'upcoming' as const })),
  ];
}

/** The ticket with an `actionPerformed` event at `now` for each key. */
function withPerformed(
  ticket: Record<string, unknown>,
  keys: readonly string[],
  now: number,
): Record<string, unknown> {
  const at = isoOf(now);
  return {
    ...ticket,
    events: [...eventsOf(ticket), ...keys.map((key) => ({ type: 'actionPerformed', at, key }))],
  };
}

/** Re-evaluates at `now` with `keys` performed: only those actions are gone, nothing else moved. */
function expectPerformed(
  ticket: Record<string, unknown>,
  now: number,
  d: Decision,
  keys: readonly string[],
): void {
  const performed = new Set(keys);
  const after = evaluate(policy, withPerformed(ticket, keys, now), { now });
  expect(after.actions).toEqual(d.actions.filter((a) => !performed.has(a.key)));
  expect(after.withheld).toEqual(d.withheld.filter((a) => !performed.has(a.key)));
  expect(after.upcoming).toEqual(d.upcoming);
  expect(after.approvals).toEqual(d.approvals);
  expect(after.communication).toEqual(d.communication);
  expect([after.severity, after.routing, after.clocks, after.issues]).toEqual([
    d.severity,
    d.routing,
    d.clocks,
    d.issues,
  ]);
  if (after.nextEvaluationAt !== null) {
    expect(d.nextEvaluationAt).not.toBeNull();
    expect(ms(after.nextEvaluationAt)).toBeGreaterThanOrEqual(ms(d.nextEvaluationAt as string));
  }
}

/** The grants a gate needs out of `approvers` people (docs/escalation.md, Approval gates). */
function needed(gate: GateJson, approvers: number): number {
  const quorum = gate.quorum;
  if (quorum === 'any') return 1;
  if (quorum === 'all') return Math.max(1, approvers);
  if (typeof quorum === 'number') return quorum;
  return Math.max(1, Math.ceil((Number(quorum.replace('%', '')) / 100) * approvers - 1e-9));
}

/** Whether a person can fill a role: a member, or someone its schedule can put on call. */
function canFill(role: string, person: string): boolean {
  const definition = document.roles[role];
  if (definition === undefined) return false;
  if (definition.members !== undefined) return definition.members.includes(person);
  const schedule = document.schedules[definition.schedule ?? ''];
  if (schedule === undefined) return false;
  return [...schedule.layers, ...(schedule.overrides ?? [])].some((part) => part.members.includes(person));
}

/** What conditions of escalation rules and initiation rules see: the decision so far. */
function conditionData(ticket: Record<string, unknown>, d: Decision): unknown {
  const tier = (ticket.customer as { tier?: string } | undefined)?.tier;
  return {
    ticket,
    severity: d.severity.id,
    tier: tier ?? null,
    queue: d.routing.queue,
    derived: { status: finalStatus(ticket) },
  };
}
/** JsonLogic truthiness. */
const truthy = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));

/** The status at an instant, as the history has it (statuses apply first at an instant). */
function statusAt(ticket: Record<string, unknown>, at: number): string {
  let status = 'open';
  for (const e of eventsOf(ticket))
    if (e.type === 'statusChanged' && ms(e.at) <= at) status = e.status as string;
  return status;
}

/**
 * Who acknowledged the acknowledge cycle in force at `at` by then: `'none'` when nobody did,
 * `undefined` when the history cannot say for sure (an assignment while resolved, a resolve
 * that stopped the cycle, or the creation cycle of a ticket that names an assignee). The cycle starts at creation or the
 * latest `assigned`; the assignee's acknowledgement (anyone's before any assignee) meets it.
 */
function acknowledgedBy(ticket: Record<string, unknown>, at: number): string | undefined {
  const events = eventsOf(ticket).filter((e) => ms(e.at) <= at);
  if (events.some((e) => e.type === 'assigned' && RESOLVED.has(statusAt(ticket, ms(e.at))))) return undefined;
  let start = ms(ticket.createdAt as string);
  let owner: string | undefined;
  for (const e of events) if (e.type === 'assigned') [start, owner] = [ms(e.at), e.assignee as string];
  if (owner === undefined && ticket.assignee !== undefined) return undefined;
  // A resolve stops the cycle: an acknowledgement after it meets nothing (docs/evaluation.md).
  if (events.some((e) => e.type === 'statusChanged' && ms(e.at) >= start && RESOLVED.has(String(e.status))))
    return undefined;
  const ack = events.find(
    (e) => e.type === 'acknowledged' && ms(e.at) >= start && (owner === undefined || e.by === owner),
  );
  return ack === undefined ? 'none' : String(ack.by);
}

/** Counts, per law, the runs that had something to check. */
function counter(): { hit: (name: string, yes?: boolean) => void; at: (name: string) => number } {
  const counts = new Map<string, number>();
  return {
    hit: (name, yes = true) => {
      if (yes) counts.set(name, (counts.get(name) ?? 0) + 1);
    },
    at: (name) => counts.get(name) ?? 0,
  };
}

// Each law takes about a second; the timeout leaves room for a loaded CI machine.
describe('escalation: laws over generated tickets of the reference policy', { timeout: 30_000 }, () => {
  // Guards: a performed key returned again (the host pages twice); performing one action
  // changing anything else — a withheld action released, an upcoming step or a gate timeout
  // dropped, an update plan moved, or a gate forgetting that it was asked for once its
  // request is recorded as performed (docs: "A gate a rule asked for stays required once the
  // request is recorded as performed"; this law found that defect in an earlier engine).
  // Performing can only remove wake-up candidates (the targets of due actions).
  it('returns a performed key never again, and performing an action changes nothing else', () => {
    const seen = counter();
    fc.assert(
      // Any ticket: a snapshot status that differs from its history is dated at the last event
      // other than `actionPerformed`, so recording performed actions never moves it.
      fc.property(anyTicket, fc.array(fc.boolean(), { maxLength: 24 }), ({ ticket, now }, pick) => {
        const d = evaluate(policy, ticket, { now });
        const due = [...d.actions, ...d.withheld].map((a) => a.key);
        seen.hit('due', due.length > 0);
        seen.hit('withheld', d.withheld.length > 0);
        seen.hit(
          'requestApproval',
          d.actions.some((a) => a.kind === 'requestApproval'),
        );
        expectPerformed(ticket, now, d, due);
        expectPerformed(
          ticket,
          now,
          d,
          due.filter((_, i) => pick[i] ?? i % 2 === 0),
        );
      }),
      params(150),
    );
    expect(seen.at('due')).toBeGreaterThan(40);
    expect(seen.at('withheld')).toBeGreaterThan(15);
    expect(seen.at('requestApproval')).toBeGreaterThan(15);
  });

  // Guards: two planned actions sharing a key (performing one would silence the other), and
  // keys that do not name what fired (docs: `<ticket>/<rule>/<cycle>/<step>/<action index>`):
  // a clock action of an earlier cycle still returned, a ladder step at the wrong instant, a
  // reason without `(repeat n)`, a rule whose condition does not hold still planning, a
  // `severityBecomes` rule firing for another severity (or two rules dating one episode
  // differently), a gate timeout keyed by another instant, a ladder step after the ticket
  // was acknowledged or resolved, or a ladder that stops while its condition still holds.
  it('gives every planned action a unique key that names its rule, cycle, step and action', () => {
    const seen = counter();
    fc.assert(
      fc.property(consistent, ({ ticket, now }) => {
        const d = evaluate(policy, ticket, { now });
        const all = entries(d);
        expect(new Set(all.map((e) => e.key)).size).toBe(all.length);
        const tid = d.ticketId ?? '-';
        const createdAt = ms(ticket.createdAt as string);
        const events = eventsOf(ticket);
        const data = conditionData(ticket, d);
        const bases = new Map<string, number>();
        const episodes = new Map<string, number>();
        let ended = false;
        for (const e of all) {
          expect(e.key.startsWith(`${tid}/`)).toBe(true);
          const parts = e.key.slice(tid.length + 1).split('/');
          if (e.ruleId === 'fallback') {
            const codes = [
              ...new Set(d.issues.filter((i) => i.severity === 'error').map((i) => i.code)),
            ].sort();
            expect([e.key, e.kind, e.where, d.status]).toEqual([
              `${tid}/fallback/${codes.join('+')}`,
              'notify',
              'actions',
              'degraded',
            ]);
            seen.hit('fallback');
            continue;
          }
          const gate = gates.get(e.ruleId);
          if (gate !== undefined) {
            // The approval timeout: `<ticket>/<gate>/<required since>/timeout/0`, at the deadline.
            const approval = d.approvals.find((a) => a.gate === gate.id);
            expect(approval?.requiredAt).not.toBeNull();
            expect(e.key).toBe(`${tid}/${gate.id}/${String(approval?.requiredAt)}/timeout/0`);
            expect(e.kind).toBe('requestApproval');
            expect(gate.onTimeout).toBe('escalate');
            expect(ms(e.dueAt)).toBe(ms(String(approval?.requiredAt)) + parseDuration(gate.within ?? '0m'));
            expect(approval?.status).toBe(e.where === 'upcoming' ? 'pending' : 'expired');
            seen.hit('timeout');
            continue;
          }
          const rule = rules.get(e.ruleId);
          expect(rule, e.key).toBeDefined();
          if (rule === undefined) continue;
          expect(parts).toHaveLength(4);
          const [ruleId, cycle, stepText, indexText] = parts as [string, string, string, string];
          const step = Number(stepText);
          const index = Number(indexText);
          expect(ruleId).toBe(rule.id);
          expect(Number.isInteger(step) && step >= 0 && step <= (rule.repeat?.times ?? 0)).toBe(true);
          expect(rule.actions[index]?.kind).toBe(e.kind);
          expect(e.reason).toBe(`${String(rule.reason)}${step === 0 ? '' : ` (repeat ${String(step)})`}`);
          const condition = ruleConditions.get(rule.id);
          if (condition !== undefined) expect(truthy(condition(data)), `${rule.id} holds`).toBe(true);
          // The instant of the first step: each later step is `repeat.every` (wall time) after it.
          const base =
            ms(e.dueAt) - step * (rule.repeat === undefined ? 0 : parseDuration(rule.repeat.every));
          const group = `${rule.id}/${cycle}`;
          expect(bases.get(group) ?? base).toBe(base);
          bases.set(group, base);
          if (step > 0) seen.hit('ladder');
          const on = rule.on;
          if (typeof on.clock === 'string') {
            // The clock's current cycle: an earlier cycle's actions are superseded.
            const clock = d.clocks.find((c) => c.metric === on.clock);
            expect(cycle).toBe(clock?.startedAt);
            expect(base).toBeGreaterThanOrEqual(ms(cycle));
            seen.hit('clock');
          } else if (typeof on.unacknowledgedFor === 'string') {
            // The acknowledge cycle: creation, or the latest assignment (while unresolved).
            const starts = [
              createdAt,
              ...events.filter((x) => x.type === 'assigned' && ms(x.at) <= now).map((x) => ms(x.at)),
            ];
            expect(starts).toContain(ms(cycle));
            const later = events.filter(
              (x) =>
                x.type === 'assigned' &&
                ms(x.at) > ms(cycle) &&
                ms(x.at) <= now &&
                !RESOLVED.has(statusAt(ticket, ms(x.at))),
            );
            expect(later).toEqual([]);
            expect(base).toBe(ms(cycle) + parseDuration(on.unacknowledgedFor));
            seen.hit('unacknowledged');
          } else if (on.severityBecomes !== undefined) {
            // The severity and its episode (`sev1`, `sev1#1`…), due when the severity took
            // effect: one instant for every rule that fires on the same episode.
            const list = ([] as unknown[]).concat(on.severityBecomes);
            expect(list).toContain(d.severity.id);
            const match = /^([^#]+)(?:#(\d+))?$/.exec(cycle);
            expect(match?.[1]).toBe(d.severity.id);
            expect(match?.[2]).not.toBe('0');
            expect(createdAt <= base && base <= now).toBe(true);
            expect(episodes.get(cycle) ?? base).toBe(base);
            episodes.set(cycle, base);
            seen.hit('severity');
          } else if (on.reopened === true) {
            expect(cycle).toMatch(/^reopened@/);
            const at = cycle.slice('reopened@'.length);
            expect(base).toBe(ms(at));
            seen.hit('reopened');
          } else if (on.event === 'created') {
            expect([cycle, base]).toEqual(['created', createdAt]);
          } else {
            const match = /^([A-Za-z]+)@([^#]+)(?:#(\d+))?$/.exec(cycle);
            expect(match?.[1]).toBe(on.event);
            const at = match?.[2] ?? '';
            const n = Number(match?.[3] ?? '0');
            expect(match?.[3]).not.toBe('0');
            expect(events.filter((x) => x.type === on.event && ms(x.at) === ms(at)).length).toBeGreaterThan(
              n,
            );
            expect(base).toBe(ms(at));
            seen.hit('event');
          }
        }
        // Ladders: a step only while its `while` holds at the step's instant, and an
        // `unresolved` ladder up to its first failing step (none of its keys is performed here).
        for (const [group, base] of bases) {
          const [ruleId = '', cycle = ''] = group.split('/');
          const rule = rules.get(ruleId) as RuleJson;
          if (rule.repeat === undefined) continue;
          const every = parseDuration(rule.repeat.every);
          const steps = new Set(
            all
              .filter((e) => e.key.startsWith(`${tid}/${group}/`))
              .map((e) => Number(e.key.split('/').at(-2))),
          );
          const performed = events.some(
            (x) => x.type === 'actionPerformed' && String(x.key).startsWith(`${tid}/${ruleId}/`),
          );
          const unacknowledged = (rule.repeat.while ?? 'unresolved') === 'unacknowledged';
          let holds = true;
          for (let k = 1; k <= rule.repeat.times; k++) {
            const at = base + k * every;
            if (!unacknowledged) {
              holds &&= !RESOLVED.has(statusAt(ticket, at));
              if (!performed) expect(steps.has(k), `${group} step ${String(k)}`).toBe(holds);
              ended ||= !holds && steps.size > 0;
            } else if (steps.has(k)) {
              const owner = acknowledgedBy(ticket, at);
              if (owner !== undefined)
                expect(owner, `${group} step ${String(k)} (cycle ${cycle})`).toBe('none');
            } else seen.hit('stopped', ![undefined, 'none'].includes(acknowledgedBy(ticket, at)));
          }
        }
        seen.hit('ended', ended);
      }),
      params(200),
    );
    for (const kind of ['clock', 'ladder', 'unacknowledged', 'severity', 'event', 'timeout', 'stopped'])
      expect(seen.at(kind), kind).toBeGreaterThan(3);
    expect(seen.at('ended')).toBeGreaterThan(1);
  });

  // Guards: keys or instants that depend on `now` (docs: "Keys do not depend on now"), an action
  // due at `now` forgotten later (the host that was down must still perform it), an upcoming
  // action that is not returned once its instant has passed, or something due later that was
  // never announced in `upcoming`. With the same snapshot and no new event, ladders (their
  // `while` is checked at each step's instant, on a history that does not change) and clocks
  // (deterministic) plan the same actions at every instant. Only two things may differ: a gate
  // requested by an action that comes due between the two instants (its timeout is new), and
  // the severity, which an override gate's timeout (or an approver's shift ending) can change.
  it('plans the same actions with the same keys and instants whenever it is asked', () => {
    const seen = counter();
    fc.assert(
      fc.property(
        anyTicket,
        fc.constantFrom('random', 'upcoming', 'before-upcoming', 'next'),
        fc.nat(),
        fc.integer({ min: 1, max: 3 * 24 * 60 * 60_000 }),
        ({ ticket, now }, mode, pick, offset) => {
          const a = evaluate(policy, ticket, { now });
          const chosen = a.upcoming[pick % Math.max(1, a.upcoming.length)];
          let later = now + offset;
          if (mode === 'upcoming' && chosen !== undefined) later = ms(chosen.dueAt);
          if (mode === 'before-upcoming' && chosen !== undefined) later = ms(chosen.dueAt) - 1;
          if (mode === 'next' && a.nextEvaluationAt !== null) later = ms(a.nextEvaluationAt);
          if (later <= now) return;
          const b = evaluate(policy, ticket, { now: later });
          if (b.severity.id !== a.severity.id) {
            seen.hit('severity changed');
            return;
          }
          const before = new Map(entries(a).map((e) => [e.key, e]));
          const after = new Map(entries(b).map((e) => [e.key, e]));
          for (const [key, x] of before) {
            const y = after.get(key);
            expect(y, `${key} at ${isoOf(later)}`).toBeDefined();
            if (y === undefined) continue;
            expect([y.kind, y.ruleId]).toEqual([x.kind, x.ruleId]);
            if (x.ruleId === 'fallback') continue;
            expect(y.dueAt).toBe(x.dueAt);
            expect(y.where === 'upcoming').toBe(ms(x.dueAt) > later);
            if (x.where === 'upcoming' && y.where !== 'upcoming') seen.hit('came due');
          }
          for (const [key, y] of after) {
            if (before.has(key)) continue;
            // New only: the timeout of a gate that was not required yet.
            const approval = a.approvals.find((g) => g.gate === y.ruleId);
            expect(approval?.status, `${key} is new at ${isoOf(later)}`).toBe('not_required');
            expect(key.endsWith('/timeout/0')).toBe(true);
          }
          seen.hit('checked', before.size > 0);
        },
      ),
      params(150),
    );
    expect(seen.at('came due')).toBeGreaterThan(20);
    expect(seen.at('checked')).toBeGreaterThan(60);
  });

  // docs/escalation.md: "a rendered text stays the same until nextEvaluationAt, and an
  // action's payload stays the same under its key while its targets do" — payloads render
  // the decision as it stands, and the routed owner moves with on-call schedules, at
  // handoffs that nextEvaluationAt announces. Guards: a host that re-sends an action (after a
  // crash, before recording it) sending another text while nothing it could see changed.
  it("keeps an action's payload the same under its key until nextEvaluationAt", () => {
    fc.assert(
      fc.property(anyTicket, fc.double({ min: 0, max: 1, noNaN: true }), ({ ticket, now }, where) => {
        const a = evaluate(policy, ticket, { now });
        const next = a.nextEvaluationAt === null ? now + 3 * 86_400_000 : ms(a.nextEvaluationAt);
        const b = evaluate(policy, ticket, { now: now + Math.floor((next - now - 1) * where) });
        const payloads = new Map(a.actions.map((x) => [x.key, x.payload]));
        for (const y of b.actions)
          if (payloads.has(y.key)) expect(y.payload, y.key).toEqual(payloads.get(y.key));
      }),
      params(300),
    );
  });

  // Guards: a due action dated in the future or an upcoming one in the past, lists out of
  // `dueAt` order (then rule order, ladder step and action index among the actions due at one
  // instant), and a `nextEvaluationAt` that sleeps past something the decision announces
  // (an upcoming action, a gate deadline, an update due, a clock point, an owner's handoff),
  // or that is not after `now`, or that is null while something is still ahead.
  it('dates and orders actions, and wakes up no later than anything it announces', () => {
    const seen = counter();
    fc.assert(
      fc.property(anyTicket, ({ ticket, now }) => {
        const d = evaluate(policy, ticket, { now });
        const at = ms(d.evaluatedAt);
        expect(at).toBe(now);
        const times = (list: readonly { dueAt: string }[]): number[] => list.map((x) => ms(x.dueAt));
        const sorted = (list: number[]): number[] => list.slice().sort((x, y) => x - y);
        for (const t of [...times(d.actions), ...times(d.withheld)]) expect(t).toBeLessThanOrEqual(at);
        for (const t of times(d.upcoming)) expect(t).toBeGreaterThan(at);
        expect(times(d.actions)).toEqual(sorted(times(d.actions)));
        expect(times(d.withheld)).toEqual(sorted(times(d.withheld)));
        expect(times(d.upcoming)).toEqual(sorted(times(d.upcoming)));
        // At one instant: rule order, then ladder step, then action index.
        const rank = (x: { key: string; ruleId: string }): number[] => {
          const [step = '', index = ''] = x.key.split('/').slice(-2);
          return [ruleOrder.indexOf(x.ruleId), Number(step), Number(index)];
        };
        for (const list of [d.actions, d.withheld])
          list.forEach((x, i) => {
            const y = list[i + 1];
            if (y === undefined || x.dueAt !== y.dueAt || !rules.has(x.ruleId) || !rules.has(y.ruleId))
              return;
            // (Two firings of one rule at one instant: the docs do not order their cycles.)
            if (x.ruleId === y.ruleId && x.key.split('/').at(-3) !== y.key.split('/').at(-3)) return;
            const [p, q] = [rank(x), rank(y)];
            const first = p.map((v, j) => v - (q[j] ?? 0)).find((v) => v !== 0) ?? 0;
            expect(first, `${x.key} before ${y.key}`).toBeLessThanOrEqual(0);
          });
        const ahead = [
          ...times(d.upcoming),
          ...d.approvals.flatMap((a) =>
            a.status === 'pending' && a.dueAt !== undefined ? [ms(a.dueAt)] : [],
          ),
          ...d.communication.filter((c) => !c.overdue).map((c) => ms(c.dueAt)),
          ...d.clocks.flatMap((c) =>
            c.state !== 'running'
              ? []
              : [
                  ...(c.deadline !== null && ms(c.deadline) > at ? [ms(c.deadline)] : []),
                  ...c.warnings.flatMap((w) =>
                    w.state === 'upcoming' && w.dueAt !== null ? [ms(w.dueAt)] : [],
                  ),
                ],
          ),
          ...[d.routing.owner.shiftEndsAt, d.routing.secondary?.shiftEndsAt ?? null].flatMap((s) =>
            s === null ? [] : [ms(s)],
          ),
        ];
        for (const t of ahead) expect(t).toBeGreaterThan(at);
        if (d.nextEvaluationAt === null) {
          expect(ahead).toEqual([]);
          seen.hit('null');
        } else {
          const next = ms(d.nextEvaluationAt);
          expect(next).toBeGreaterThan(at);
          for (const t of ahead) expect(next).toBeLessThanOrEqual(t);
          seen.hit('upcoming', d.upcoming.length > 0);
        }
      }),
      params(200),
    );
    expect(seen.at('upcoming')).toBeGreaterThan(15);
  });

  // Guards: `undefined` fields (dropped by JSON, so hosts and replays see another decision),
  // NaN or infinite numbers, `Invalid Date` or non-UTC instants, and anything that does not
  // survive JSON (Dates, Maps, class instances).
  it('is plain JSON: no undefined, NaN or invalid instant, and it survives a round trip', () => {
    fc.assert(
      fc.property(anyTicket, fc.boolean(), ({ ticket, now }, explain) => {
        const d = evaluate(policy, ticket, { now, explain });
        const walk = (value: unknown, key: string, path: string): void => {
          expect(value, path).not.toBeUndefined();
          if (typeof value === 'number') expect(Number.isFinite(value), path).toBe(true);
          if (typeof value === 'string') {
            expect(value, path).not.toMatch(/Invalid Date|\bNaN\b|\bundefined\b|\[object Object\]/);
            if (/(At|^deadline)$/.test(key)) expect(value, path).toMatch(ISO);
          }
          if (value !== null && typeof value === 'object') {
            expect([Object.prototype, Array.prototype], path).toContain(Object.getPrototypeOf(value));
            for (const [k, v] of Object.entries(value))
              walk(v, Array.isArray(value) ? key : k, `${path}.${k}`);
          }
        };
        walk(d, '', 'decision');
        expect(JSON.parse(JSON.stringify(d))).toStrictEqual(d);
      }),
      params(80),
    );
  });

  // Guards: gates missing or out of policy order, a decision counted from someone who cannot
  // fill an approver role, a person both granting and rejecting, a pending gate without its
  // deadline (or with one not `within` after it became required), a quorum miscounted
  // (pending or expired with enough grants, granted without them and without a timeout or the
  // escalation role), a timeout applied that the gate does not declare, a requested gate
  // reported not required, and blocks not applied (a blocked kind returned, a withheld action
  // or a `blockedBy` without a gate). Blind spot: 50% of the four directors is 2 whether the
  // engine rounds up or down, so this policy cannot tell a percentage rounded the wrong way.
  it('reports every gate in policy order, with decisions, quorum, deadlines and blocks as documented', () => {
    const seen = counter();
    fc.assert(
      fc.property(anyTicket, ({ ticket, now }) => {
        const d = evaluate(policy, ticket, { now });
        expect(d.approvals.map((a) => a.gate)).toEqual(document.approvals.gates.map((g) => g.id));
        const createdAt = ms(ticket.createdAt as string);
        for (const a of d.approvals) {
          const gate = gates.get(a.gate) as GateJson;
          expect(['not_required', 'pending', 'granted', 'rejected', 'expired']).toContain(a.status);
          expect(a.reason.length).toBeGreaterThan(0);
          if (a.status === 'not_required') {
            expect([a.requiredAt, a.approvers, a.granted, a.rejected, a.dueAt, a.decidedAt]).toEqual([
              null,
              [],
              [],
              [],
              undefined,
              undefined,
            ]);
            continue;
          }
          seen.hit(a.status);
          const since = ms(a.requiredAt as string);
          expect(createdAt <= since && since <= now).toBe(true);
          const deadline = gate.within === undefined ? undefined : since + parseDuration(gate.within);
          const escalators =
            gate.onTimeout === 'escalate' && deadline !== undefined && deadline <= now
              ? (document.roles[gate.escalateToRole ?? '']?.members ?? [])
              : [];
          expect(a.granted.filter((p) => a.rejected.includes(p))).toEqual([]);
          // Who decides: people who fill an approver role (on call then: a grant outlives the
          // shift), or once expired the escalation role; `approvers` is who may approve now.
          const approver = (person: string): boolean => gate.approvers.some((role) => canFill(role, person));
          for (const person of a.approvers) expect(approver(person), `${a.gate}: ${person}`).toBe(true);
          for (const person of [...a.granted, ...a.rejected])
            expect(approver(person) || escalators.includes(person), `${a.gate}: ${person}`).toBe(true);
          expect(a.dueAt !== undefined).toBe(a.status === 'pending' && deadline !== undefined);
          if (a.dueAt !== undefined) {
            expect(ms(a.dueAt)).toBe(deadline);
            expect(ms(a.dueAt)).toBeGreaterThan(now);
          }
          if (a.decidedAt !== undefined) {
            expect(['granted', 'rejected']).toContain(a.status);
            expect(createdAt <= ms(a.decidedAt) && ms(a.decidedAt) <= now).toBe(true);
          }
          // The quorum: reached by grants, or out of reach by rejections (each person's latest).
          const need = needed(gate, a.approvers.length);
          const grants = a.granted.length >= need;
          const refusals = a.rejected.length > 0 && a.approvers.length - a.rejected.length < need;
          const byTimeout = a.decidedAt !== undefined && ms(a.decidedAt) === deadline;
          const byEscalator = [...a.granted, ...a.rejected].some((p) => escalators.includes(p));
          if (a.status === 'pending' || a.status === 'expired' || (byTimeout && !byEscalator))
            expect([grants, refusals], `${a.gate} ${a.status}`).toEqual([false, false]);
          switch (a.status) {
            case 'granted':
              expect(grants || (byTimeout && gate.onTimeout === 'approve') || byEscalator).toBe(true);
              seen.hit('quorum', !byTimeout && !byEscalator);
              break;
            case 'rejected':
              expect(refusals || (byTimeout && gate.onTimeout === 'reject') || byEscalator).toBe(true);
              break;
            case 'expired':
              expect([undefined, 'escalate']).toContain(gate.onTimeout);
              expect(deadline !== undefined && deadline <= now).toBe(true);
              break;
            default:
              break;
          }
        }
        // A due requestApproval makes its gate required.
        for (const x of [...d.actions, ...d.withheld]) {
          const requested = rules.get(x.ruleId) === undefined ? undefined : gateOfRequest(x.key, x.ruleId);
          if (requested !== undefined) {
            expect(d.approvals.find((a) => a.gate === requested)?.status, x.key).not.toBe('not_required');
            seen.hit('requested');
          }
        }
        // Blocks: a required gate that is not granted holds back the kinds it blocks.
        const holding = (kind: string): string[] =>
          d.approvals
            .filter((a) => a.status !== 'not_required' && a.status !== 'granted')
            .map((a) => gates.get(a.gate) as GateJson)
            .filter((g) => g.blocks?.includes(kind) === true)
            .map((g) => g.id);
        for (const x of d.actions) expect(holding(x.kind), x.key).toEqual([]);
        for (const x of d.withheld) {
          expect(holding(x.kind)).toContain(x.gate);
          seen.hit('withheld');
        }
        for (const c of d.communication) expect(c.blockedBy).toBe(holding('sendUpdate')[0]);
      }),
      params(300),
    );
    for (const status of ['pending', 'granted', 'quorum', 'rejected', 'expired', 'requested', 'withheld'])
      expect(seen.at(status), status).toBeGreaterThan(0);
  });

  // Guards: a secret typed into the ticket reaching a notification, an update, a reason or an
  // issue — whole or in part: each secret is placed between two marker words, and wherever the
  // marker appears in the decision the mask must stand alone between them.
  it('masks emails, card numbers, phone numbers and keys wherever ticket text reaches the decision', () => {
    const seen = counter();
    fc.assert(
      fc.property(escalationTicket({ pii: true }), ({ ticket, now, secrets }) => {
        const d = evaluate(policy, ticket, { now });
        const text = JSON.stringify(d);
        for (const secret of secrets) {
          expect(text).not.toContain(secret);
          const digits = secret.replace(/[\s-]/g, '');
          if (/^\d{13,19}$/.test(digits)) expect(text).not.toContain(digits);
        }
        const shown = text.split(OPEN).slice(1);
        for (const after of shown)
          expect(after.startsWith(` [redacted] ${CLOSE}`), after.slice(0, 80)).toBe(true);
        expect(JSON.stringify(d.issues)).not.toContain(OPEN);
        seen.hit('actions', JSON.stringify(d.actions).includes(OPEN));
        seen.hit('communication', JSON.stringify(d.communication).includes(OPEN));
        seen.hit('severity', d.severity.reason.includes(OPEN));
      }),
      params(150),
    );
    for (const where of ['actions', 'communication', 'severity'])
      expect(seen.at(where), where).toBeGreaterThan(2);
  });

  // Guards: updates owed for another severity's cadences, or owed by a resolved ticket; an
  // `overdue` flag that disagrees with `dueAt`; an update due sooner than `every` after the
  // latest update to that audience (or after creation); a placeholder left unrendered.
  it('owes each audience of the severity its next update, none once resolved', () => {
    const seen = counter();
    fc.assert(
      fc.property(anyTicket, ({ ticket, now }) => {
        const d = evaluate(policy, ticket, { now });
        const resolved = RESOLVED.has(finalStatus(ticket));
        const cadences = document.communication.cadence.filter((c) =>
          ([] as string[]).concat(c.severity).some((s) => s === d.severity.id || s === '*'),
        );
        expect(d.communication.map((c) => c.cadence)).toEqual(resolved ? [] : cadences.map((c) => c.id));
        const createdAt = ms(ticket.createdAt as string);
        const events = eventsOf(ticket).filter((e) => ms(e.at) <= now);
        const exclude = document.sla.responders.exclude;
        for (const c of d.communication) {
          const cadence = cadences.find((x) => x.id === c.cadence) as CadenceJson;
          const template = document.communication.templates[cadence.template];
          expect([c.audience, c.template]).toEqual([cadence.audience, cadence.template]);
          expect(c.overdue).toBe(ms(c.dueAt) <= now);
          expect(c.subject !== undefined).toBe(template?.subject !== undefined);
          for (const s of [c.rendered, c.subject ?? '']) expect(s).not.toMatch(/\{\{|undefined/);
          // `every` is wall time, or business time on the cadence's calendar (at least as long).
          const every = parseDuration(cadence.every);
          const updates = events
            .filter(
              (e) =>
                (e.type === 'updateSent' && e.audience === c.audience) ||
                (c.audience === 'customer' &&
                  e.type === 'replied' &&
                  e.author === 'agent' &&
                  e.public === true &&
                  !exclude.includes(String(e.by))),
            )
            .map((e) => ms(e.at));
          const latest = Math.max(createdAt, ...updates);
          expect(ms(c.dueAt)).toBeGreaterThanOrEqual(latest + every);
          if (cadence.calendar === undefined) expect(ms(c.dueAt) - every).toBeLessThanOrEqual(now);
          seen.hit(c.overdue ? 'overdue' : 'ahead');
        }
        seen.hit('resolved', resolved);
        // Right at its instant an update is overdue, a millisecond before it is not.
        const ahead = d.communication.find((c) => !c.overdue);
        if (ahead !== undefined) {
          // (Unless the severity changed then: an override gate's timeout may fall on that instant.)
          const at = (t: number): boolean | undefined => {
            const then = evaluate(policy, ticket, { now: t });
            if (then.severity.id !== d.severity.id) return t === ms(ahead.dueAt);
            return then.communication.find((c) => c.cadence === ahead.cadence)?.overdue;
          };
          expect([at(ms(ahead.dueAt) - 1), at(ms(ahead.dueAt))]).toEqual([false, true]);
        }
      }),
      params(200),
    );
    for (const kind of ['overdue', 'ahead', 'resolved']) expect(seen.at(kind), kind).toBeGreaterThan(5);
  });

  // Guards: a throw on a ticket (an agent's button must always answer), an empty reason, a
  // rule allowing a role it does not list, and any answer that differs from the documented
  // reading of `escalation.initiation` (role, tier, destination, time since creation,
  // condition, the person able to fill the role, a destination that is a queue; the first
  // rule that allows answers), or a reason that quotes what the request says.
  it('authorises manual escalation exactly as the initiation rules say, and never throws', () => {
    const seen = counter();
    const roles = [...Object.keys(document.roles), 'zz-no-such-role', 'owner'];
    const people = [
      'kofi.mensah@example.com',
      'wendy.zhao@example.com',
      'ana.silva@example.com',
      'gus.moreau@example.com',
      'paula.reyes@example.com',
      'stranger@example.org',
    ];
    interface Case {
      readonly ticket: Record<string, unknown>;
      readonly role: string;
      readonly by: string | undefined;
      readonly to: string | undefined;
      readonly at: number;
    }
    /** Anything: a ticket, a role and person, a destination and an instant. */
    const general = fc
      .tuple(
        anyTicket,
        fc.oneof(
          { weight: 2, arbitrary: fc.constantFrom(...REQUEST_PAIRS) },
          {
            weight: 2,
            arbitrary: fc.tuple(
              fc.constantFrom(...roles),
              fc.option(fc.constantFrom(...people), { nil: undefined }),
            ),
          },
        ),
        fc.option(fc.constantFrom('support-tier2', 'major-incident', 'nowhere'), { nil: undefined }),
        fc.integer({ min: -2 * HOUR, max: 30 * HOUR }),
      )
      .map(([{ ticket, now }, [role, by], to, shift]): Case => ({
        ticket,
        role,
        by,
        to,
        at: Math.max(ms(ticket.createdAt as string), now + shift),
      }));
    /** An agent's request right at, just before or just after the `after` of a stalled-ticket rule. */
    const stalled = fc
      .tuple(
        anyTicket,
        fc.constantFrom(
          ['enterprise', 2 * HOUR] as const,
          ['business', 2 * HOUR] as const,
          ['starter', 24 * HOUR] as const,
        ),
        fc.constantFrom(-1, 0, 1),
        fc.option(fc.constant('ana.silva@example.com'), { nil: undefined }),
        fc.option(fc.constant('support-tier2'), { nil: undefined }),
      )
      .map(([{ ticket }, [tier, after], delta, by, to]): Case => ({
        // Little impact: the broad-impact rule does not allow it first.
        ticket: { ...ticket, customer: { id: 'c-1', tier }, impact: { usersAffected: 3 } },
        role: 'support-agents',
        by,
        to,
        at: ms(ticket.createdAt as string) + after + delta,
      }));
    fc.assert(
      fc.property(
        fc.oneof({ weight: 3, arbitrary: general }, { weight: 1, arbitrary: stalled }),
        ({ ticket, role, by, to, at }) => {
          const request = { role, ...(by === undefined ? {} : { by }), ...(to === undefined ? {} : { to }) };
          const answer = authorizeEscalation(policy, ticket, request, { now: at });
          expect(typeof answer.allowed).toBe('boolean');
          expect(answer.reason.length).toBeGreaterThan(0);
          expect(answer.reason).not.toContain('\n');
          expect(answer.reason).not.toContain(OPEN);
          expect(Array.isArray(answer.issues)).toBe(true);
          // Reasons never quote the request (a role only when it is one of the policy's).
          const quoted = [
            ...(by === undefined ? [] : [by]),
            ...(to === undefined || QUEUES.has(to) ? [] : [to]),
            ...(document.roles[role] === undefined ? [role] : []),
          ];
          const said = [answer.reason, ...answer.considered.map((c) => c.detail)].join('\n');
          for (const text of quoted) expect(said).not.toContain(text);
          // The documented reading, rule by rule.
          const d = evaluate(policy, ticket, { now: at });
          const data = conditionData(ticket, d);
          const tier = (ticket.customer as { tier?: string }).tier;
          const elapsed = at - ms(ticket.createdAt as string);
          const fills = (by === undefined || canFill(role, by)) && (to === undefined || QUEUES.has(to));
          const allowing = document.escalation.initiation.find(
            (rule) =>
              rule.roles.includes(role) &&
              (rule.tiers === undefined || (tier !== undefined && rule.tiers.includes(tier))) &&
              (rule.to === undefined || to === undefined || rule.to.includes(to)) &&
              elapsed >= (rule.after === undefined ? 0 : parseDuration(rule.after)) &&
              truthy(initiationConditions.get(rule.id)?.(data) ?? true),
          );
          const expected = fills && allowing !== undefined;
          expect({ allowed: answer.allowed, ruleId: answer.ruleId }).toEqual({
            allowed: expected,
            ruleId: expected ? allowing.id : null,
          });
          if (answer.ruleId !== null) {
            const rule = document.escalation.initiation.find((r) => r.id === answer.ruleId);
            expect(rule?.roles).toContain(role);
            expect(answer.considered.at(-1)).toMatchObject({ ruleId: answer.ruleId, outcome: 'allowed' });
          }
          const order = document.escalation.initiation.map((r) => r.id);
          expect(answer.considered.map((c) => c.ruleId)).toEqual(order.slice(0, answer.considered.length));
          seen.hit(answer.allowed ? 'allowed' : 'refused');
          seen.hit('after', allowing?.after !== undefined && elapsed === parseDuration(allowing.after));
        },
      ),
      params(150),
    );
    for (const kind of ['allowed', 'refused', 'after']) expect(seen.at(kind), kind).toBeGreaterThan(2);
  });

  // Guards: `evaluate` and `authorizeEscalation` disagreeing about a request in the history (a
  // refused request that still escalates, an authorised one that does not, a refusal reported
  // twice or quoting the request), and `#n` counting firing occurrences only.
  it('fires `escalationRequested` rules exactly for the requests authorizeEscalation allows', () => {
    const seen = counter();
    fc.assert(
      fc.property(consistent, ({ ticket, now }) => {
        const d = evaluate(policy, ticket, { now });
        const events = eventsOf(ticket);
        const tid = d.ticketId ?? '-';
        const expected: string[] = [];
        const perInstant = new Map<number, number>();
        events.forEach((e, index) => {
          if (e.type !== 'escalationRequested') return;
          const allowed =
            typeof e.role === 'string' &&
            authorizeEscalation(
              policy,
              ticket,
              { role: e.role, by: e.by as string, ...(typeof e.to === 'string' ? { to: e.to } : {}) },
              { now: ms(e.at) },
            ).allowed;
          const refused = d.issues.filter(
            (i) => i.code === 'escalation_refused' && i.path[0] === 'events' && i.path[1] === index,
          );
          expect(refused.length, `events[${String(index)}]`).toBe(allowed ? 0 : 1);
          for (const issue of refused) {
            expect(issue.message).not.toContain(String(e.by));
            if (typeof e.role === 'string' && document.roles[e.role] === undefined)
              expect(issue.message).not.toContain(e.role);
          }
          seen.hit(allowed ? 'allowed' : 'refused');
          if (!allowed) return;
          // `#n`: the n-th firing occurrence at that instant (refused requests do not count).
          const n = perInstant.get(ms(e.at)) ?? 0;
          perInstant.set(ms(e.at), n + 1);
          expected.push(`escalationRequested@${e.at}${n === 0 ? '' : `#${String(n)}`}`);
        });
        const fired = [
          ...new Set(
            entries(d)
              .filter((e) => e.ruleId === 'escalation-requested')
              .map((e) => e.key.slice(tid.length + 1).split('/')[1]),
          ),
        ];
        expect(fired.sort()).toEqual(expected.sort());
      }),
      params(150),
    );
    for (const kind of ['allowed', 'refused']) expect(seen.at(kind), kind).toBeGreaterThan(4);
  });

  // Guards: a decision that depends on the order the host sends events in (docs/evaluation.md:
  // sorted stably by `at`, same-instant events by type group): keys, instants, gates, updates.
  it('decides the same whatever order the events arrive in', () => {
    const GROUPS: Readonly<Record<string, number>> = {
      created: 1,
      statusChanged: 2,
      severityChanged: 3,
      severityOverridden: 3,
      assigned: 4,
      acknowledged: 5,
      replied: 6,
      updateSent: 7,
      approvalGranted: 8,
      approvalRejected: 8,
      escalationRequested: 9,
      actionPerformed: 10,
    };
    fc.assert(
      fc.property(
        anyTicket,
        fc.boolean(),
        fc.option(
          fc.tuple(
            fc.nat(),
            fc.constantFrom('ana.silva@example.com', 'gus.moreau@example.com'),
            fc.constantFrom('resolved', 'pending-customer', 'open'),
          ),
        ),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 40, maxLength: 40 }),
        (generated, coarse, burst, noise) => {
          const { now } = generated;
          // Coarse: the instants rounded down to the half hour, so that many events share one.
          const createdAt = ms(generated.ticket.createdAt as string);
          const round = (e: Event): Event => ({
            ...e,
            at: isoOf(Math.max(createdAt, ms(e.at) - (ms(e.at) % (30 * 60_000)))),
          });
          let events = eventsOf(generated.ticket).map((e) => (coarse ? round(e) : e));
          if (burst !== null) {
            // Events whose order at one instant matters: an assignment, its acknowledgement, a
            // status change and a reply, right after one of the events (at its instant).
            const [pick, person, status] = burst;
            const k = pick % events.length;
            const at = (events[k] as Event).at;
            events = [
              ...events.slice(0, k + 1),
              { type: 'replied', author: 'agent', public: true, by: person, at },
              { type: 'acknowledged', by: person, at },
              { type: 'statusChanged', status, at },
              { type: 'assigned', assignee: person, at },
              ...events.slice(k + 1),
            ];
          }
          const ticket = { ...generated.ticket, events };
          const classOf = (e: Event): string => `${String(ms(e.at))}/${String(GROUPS[e.type] ?? 11)}`;
          // A random order, then each class (instant and group) put back in its own order.
          const shuffled = events
            .map((_, i) => i)
            .sort((x, y) => (noise[x % 40] as number) - (noise[y % 40] as number) || x - y);
          const queues = new Map<string, number[]>();
          events.forEach((e, i) => queues.set(classOf(e), [...(queues.get(classOf(e)) ?? []), i]));
          const order = shuffled.map(
            (i) => (queues.get(classOf(events[i] as Event)) as number[]).shift() as number,
          );
          const permuted = { ...ticket, events: order.map((i) => events[i]) };
          const a = evaluate(policy, ticket, { now });
          const b = evaluate(policy, permuted, { now });
          const issues = (d: Decision, map: (i: number) => number): string[] =>
            d.issues
              .map((i) =>
                JSON.stringify({
                  ...i,
                  path:
                    i.path[0] === 'events' ? ['events', map(Number(i.path[1])), ...i.path.slice(2)] : i.path,
                }),
              )
              .sort();
          expect(issues(b, (i) => order[i] as number)).toEqual(issues(a, (i) => i));
          expect({ ...b, issues: [] }).toEqual({ ...a, issues: [] });
        },
      ),
      params(150),
    );
  });

  // Guards: a `nextEvaluationAt` later than the first change of actions, gates or updates (a
  // page sent late), or one at which nothing changes (a host woken for nothing, forever).
  it('changes no action, gate or update before nextEvaluationAt, and something at it', () => {
    const stable = (d: Decision): unknown => ({
      ...d,
      evaluatedAt: undefined,
      clocks: d.clocks.map((c) => ({ ...c, elapsedMs: 0, remainingMs: 0, fraction: 0 })),
      actions: d.actions.map((a) => (a.ruleId === 'fallback' ? { ...a, dueAt: undefined } : a)),
    });
    const seen = counter();
    fc.assert(
      fc.property(anyTicket, fc.double({ min: 0, max: 1, noNaN: true }), ({ ticket, now }, where) => {
        const before = evaluate(policy, ticket, { now });
        const next = before.nextEvaluationAt === null ? null : ms(before.nextEvaluationAt);
        const horizon = next ?? now + 30 * 86_400_000;
        const t = now + Math.floor((horizon - now - 1) * where);
        expect(stable(evaluate(policy, ticket, { now: t }))).toEqual(stable(before));
        if (next !== null) {
          expect(stable(evaluate(policy, ticket, { now: next }))).not.toEqual(stable(before));
          seen.hit('next');
        }
      }),
      params(150),
    );
    expect(seen.at('next')).toBeGreaterThan(50);
  });
});

/** The gate a `requestApproval` action of a rule asks for (from the rule's action list). */
function gateOfRequest(key: string, ruleId: string): string | undefined {
  const index = Number(key.split('/').at(-1));
  const action = rules.get(ruleId)?.actions[index] as { kind: string; gate?: string } | undefined;
  return action?.kind === 'requestApproval' ? action.gate : undefined;
}
