import fc from 'fast-check';
import type { Instant, Policy, PolicyDocument, Ticket, TicketEvent } from '../index.js';
import { instantMs, isoOf } from './instant.js';
import { policyVocabulary, type Vocabulary } from './vocabulary.js';

/** Options of {@link ticketAndNowArbitrary} and {@link ticketArbitrary}. */
export interface TicketArbitraryOptions {
  /**
   * The earliest creation instant.
   *
   * @defaultValue `"2026-01-01T00:00:00Z"`
   */
  readonly createdFrom?: Instant | undefined;
  /**
   * The latest creation instant.
   *
   * @defaultValue `"2026-12-31T23:59:00Z"`
   */
  readonly createdTo?: Instant | undefined;
  /**
   * The most events after `created` in a history.
   *
   * @defaultValue 12
   */
  readonly maxEvents?: number | undefined;
  /** Services to draw from besides those the policy's conditions name. */
  readonly services?: readonly string[] | undefined;
  /** Tags to draw from besides those the policy's conditions name. */
  readonly tags?: readonly string[] | undefined;
  /** Words and phrases for subjects and descriptions besides those of the policy. */
  readonly words?: readonly string[] | undefined;
  /** People (agents, approvers) besides the policy's role and schedule members. */
  readonly people?: readonly string[] | undefined;
}

/** A generated ticket and an instant to evaluate it at: after its creation and its last event. */
export interface GeneratedTicket {
  /** The ticket snapshot (plain JSON; instants as ISO strings with `Z`). */
  readonly ticket: Ticket;
  /** The evaluation instant, an ISO string. */
  readonly now: string;
}

const FILLER = ['since this morning', 'for our team', 'please help', 'again', 'urgent'];
const DEFAULT_SERVICES = ['web-app', 'api', 'billing', 'mobile-ios'];
const DEFAULT_WORDS = ['error', 'slow', 'outage', 'cannot log in', 'question', 'workaround'];
const DEFAULT_TAGS = ['vip', 'urgent'];
const DEFAULT_CUSTOMERS = ['cust-1', 'cust-2', 'cust-3'];
const DEFAULT_PEOPLE = ['agent@example.com'];
const AUDIENCES = ['customer', 'internal', 'executive'] as const;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The document of a compiled policy, or a document as is. */
function documentOf(policy: Policy | PolicyDocument, fn: string): PolicyDocument {
  const value: unknown = policy;
  if (value !== null && typeof value === 'object') {
    if ('definition' in value && value.definition !== null && typeof value.definition === 'object')
      return value.definition as PolicyDocument;
    if ('classification' in value && 'routing' in value && 'sla' in value) return value as PolicyDocument;
  }
  throw new TypeError(`${fn}: expected a policy from \`compilePolicy\` (or a policy document)`);
}

function from<T>(list: readonly T[], fallback: readonly T[]): fc.Arbitrary<T> {
  const pool = list.length > 0 ? list : fallback;
  return fc.constantFrom(...pool);
}

/** A value one time in four, else `undefined`. */
function rare<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

/** A value, or `undefined` one time in `freq`. */
function optional<T>(arb: fc.Arbitrary<T>, freq = 3): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq });
}

/** An event before its instant and ticket-dependent values are known. */
type EventDraft =
  | { readonly type: 'statusChanged'; readonly status: string }
  | { readonly type: 'severityChanged'; readonly severity: string; readonly by: string }
  | {
      readonly type: 'severityOverridden';
      readonly severity: string;
      readonly by: string;
      readonly role: string | undefined;
      readonly reason: string | undefined;
    }
  | { readonly type: 'assigned'; readonly assignee: string; readonly role: string | undefined }
  /** `by: undefined` = the current assignee. */
  | { readonly type: 'acknowledged'; readonly by: string | undefined }
  | {
      readonly type: 'replied';
      readonly author: 'agent' | 'customer';
      readonly public: boolean;
      readonly by: string;
    }
  | { readonly type: 'updateSent'; readonly audience: (typeof AUDIENCES)[number] }
  | { readonly type: 'approvalGranted' | 'approvalRejected'; readonly gate: string; readonly by: string }
  | {
      readonly type: 'escalationRequested';
      readonly by: string;
      readonly role: string;
      readonly to: string | undefined;
      readonly reason: string | undefined;
    }
  | {
      readonly type: 'actionPerformed';
      readonly rule: string;
      readonly cycle: string;
      readonly step: number;
      readonly index: number;
    }
  | { readonly type: 'other'; readonly name: string };

function eventDraft(v: Vocabulary, people: fc.Arbitrary<string>): fc.Arbitrary<EventDraft> {
  const severity = from(v.severities, ['sev1']);
  const role = from(v.roles, ['agents']);
  const choices: fc.WeightedArbitrary<EventDraft>[] = [
    {
      weight: 3,
      arbitrary: fc.record({
        type: fc.constant('statusChanged' as const),
        status: from(v.statuses, ['open']),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('severityChanged' as const), severity, by: people }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('severityOverridden' as const),
        severity,
        by: people,
        role: optional(from(v.overrideRoles, ['agents']), 5),
        reason: optional(fc.constantFrom('customer escalated', 'impact confirmed', ''), 5),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        type: fc.constant('assigned' as const),
        assignee: people,
        role: optional(role),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ type: fc.constant('acknowledged' as const), by: optional(people, 2) }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant('replied' as const),
        author: fc.constantFrom('agent' as const, 'customer' as const),
        public: fc.boolean(),
        by: people,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('updateSent' as const),
        audience: fc.constantFrom(...AUDIENCES),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('escalationRequested' as const),
        by: people,
        role,
        to: optional(from(v.queues, ['general'])),
        reason: optional(fc.constant('customer is blocked')),
      }),
    },
  ];
  if (v.gates.length > 0) {
    choices.push({
      weight: 1,
      arbitrary: fc.record({
        type: fc.constantFrom('approvalGranted' as const, 'approvalRejected' as const),
        gate: fc.constantFrom(...v.gates),
        by: people,
      }),
    });
  }
  if (v.ruleIds.length > 0) {
    choices.push({
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('actionPerformed' as const),
        rule: fc.constantFrom(...v.ruleIds),
        cycle: fc.constantFrom('created', ...v.severities),
        step: fc.integer({ min: 0, max: 1 }),
        index: fc.integer({ min: 0, max: 2 }),
      }),
    });
  }
  choices.push({
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('other' as const),
      name: fc.constantFrom('commented', ...v.otherEventTypes),
    }),
  });
  return fc.oneof(...choices);
}

/** Gaps between events: the same instant, seconds, minutes (most), hours. */
const gapArbitrary: fc.Arbitrary<number> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 59 }).map((s) => s * 1000) },
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 120 }).map((m) => m * MINUTE) },
  { weight: 2, arbitrary: fc.integer({ min: 2, max: 48 }).map((h) => h * HOUR) },
);

/** From the last event to `now`: seconds, minutes, hours or days (clocks run, breach, pause). */
const afterArbitrary: fc.Arbitrary<number> = fc.oneof(
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 59 }).map((s) => s * 1000) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 180 }).map((m) => m * MINUTE) },
  { weight: 3, arbitrary: fc.integer({ min: 3, max: 96 }).map((h) => h * HOUR) },
  { weight: 1, arbitrary: fc.integer({ min: 5, max: 14 }).map((d) => d * 24 * HOUR) },
);

function textArbitrary(words: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }),
      optional(fc.constantFrom(...FILLER), 2),
      fc.boolean(),
    )
    .map(([picked, filler, shout]) => {
      const text = [...picked, ...(filler === undefined ? [] : [filler])].join(' ');
      return shout ? text.toUpperCase() : text.charAt(0).toUpperCase() + text.slice(1);
    });
}

function numberArbitrary(thresholds: readonly number[], max: number): fc.Arbitrary<number> {
  const around = thresholds.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...thresholds) }] : [];
  return fc.oneof(
    ...around,
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 20 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max }) },
  );
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    } else node = next as Record<string, unknown>;
  }
}

function fieldsArbitrary(v: Vocabulary): fc.Arbitrary<Record<string, unknown> | undefined> {
  if (v.fields.length === 0) return fc.constant(undefined);
  const entries = v.fields.map((field) =>
    optional(
      field.values.length > 0
        ? fc.constantFrom(...field.values, true)
        : fc.constantFrom<unknown>(true, false, 'yes'),
      2,
    ),
  );
  return fc.tuple(...entries).map((values) => {
    const out: Record<string, unknown> = {};
    for (const [i, value] of values.entries()) {
      const field = v.fields[i];
      if (value !== undefined && field !== undefined) setPath(out, field.path, value);
    }
    return Object.keys(out).length === 0 ? undefined : out;
  });
}

function eventOf(
  draft: EventDraft,
  at: string,
  ticketId: string,
  assignee: string | undefined,
  people: readonly string[],
): TicketEvent | { readonly type: string; readonly at: string } {
  switch (draft.type) {
    case 'statusChanged':
      return { type: 'statusChanged', at, status: draft.status };
    case 'severityChanged':
      return { type: 'severityChanged', at, severity: draft.severity, by: draft.by };
    case 'severityOverridden':
      return {
        type: 'severityOverridden',
        at,
        severity: draft.severity,
        by: draft.by,
        ...(draft.role === undefined ? {} : { role: draft.role }),
        ...(draft.reason === undefined ? {} : { reason: draft.reason }),
      };
    case 'assigned':
      return {
        type: 'assigned',
        at,
        assignee: draft.assignee,
        ...(draft.role === undefined ? {} : { role: draft.role }),
      };
    case 'acknowledged':
      return { type: 'acknowledged', at, by: draft.by ?? assignee ?? people[0] ?? 'agent@example.com' };
    case 'replied':
      return draft.author === 'agent'
        ? { type: 'replied', at, author: 'agent', public: draft.public, by: draft.by }
        : { type: 'replied', at, author: 'customer', public: true };
    case 'updateSent':
      return { type: 'updateSent', at, audience: draft.audience };
    case 'approvalGranted':
    case 'approvalRejected':
      return { type: draft.type, at, gate: draft.gate, by: draft.by };
    case 'escalationRequested':
      return {
        type: 'escalationRequested',
        at,
        by: draft.by,
        role: draft.role,
        ...(draft.to === undefined ? {} : { to: draft.to }),
        ...(draft.reason === undefined ? {} : { reason: draft.reason }),
      };
    case 'actionPerformed':
      return {
        type: 'actionPerformed',
        at,
        key: `${ticketId}/${draft.rule}/${draft.cycle}/${String(draft.step)}/${String(draft.index)}`,
      };
    case 'other':
      return { type: draft.name, at };
  }
}

/**
 * Generates tickets shaped for a policy, each with an instant `now` to evaluate it at.
 *
 * Values come from the policy where it names them: services, tags, customer tiers and ids,
 * custom fields and the words of subjects and descriptions from the values its `when`
 * conditions compare ticket paths with (so rules match as well as miss); impact figures
 * just below, at and above the thresholds it tests; tiers from `tiers`; statuses from
 * `sla.pauseOn` and `sla.resolvedOn` plus common ones; severities, queues, gates, roles and
 * the members of its roles and schedules. The history starts with `created` and has up to
 * `maxEvents` events of every type of DESIGN §4 (and an unknown type now and then) at
 * increasing instants — the same instant, seconds, minutes or hours apart — with the
 * snapshot's `status`, `severity` and `assignee` agreeing with it. `now` is after the last
 * event. Deterministic for a given fast-check seed.
 *
 * @param policy - A compiled policy (or a policy document).
 * @param options - Creation window, history length and extra vocabulary.
 * @returns A fast-check arbitrary of `{ ticket, now }`.
 * @throws TypeError when `policy` is neither a compiled policy nor a policy document.
 * @example
 * ```ts
 * fc.assert(fc.property(ticketAndNowArbitrary(policy), ({ ticket, now }) => {
 *   const decision = evaluate(policy, ticket, { now });
 *   expect(decision.routing.owner.role).not.toBe('');
 * }));
 * ```
 */
export function ticketAndNowArbitrary(
  policy: Policy | PolicyDocument,
  options: TicketArbitraryOptions = {},
): fc.Arbitrary<GeneratedTicket> {
  const doc = documentOf(policy, 'ticketAndNowArbitrary');
  const v = policyVocabulary(doc);
  const createdFrom = instantMs(options.createdFrom ?? '2026-01-01T00:00:00Z');
  const createdTo = instantMs(options.createdTo ?? '2026-12-31T23:59:00Z');
  if (createdFrom === undefined || createdTo === undefined || createdFrom > createdTo)
    throw new RangeError('ticketAndNowArbitrary: `createdFrom` and `createdTo` must be instants in order');
  const maxEvents = options.maxEvents ?? 12;
  if (!Number.isInteger(maxEvents) || maxEvents < 0)
    throw new RangeError('ticketAndNowArbitrary: `maxEvents` must be a whole number from 0');

  const peopleList = [...new Set([...v.people, ...(options.people ?? [])])];
  const people = from(peopleList, DEFAULT_PEOPLE);
  const words = [...new Set([...v.words, ...(options.words ?? [])])];
  const text = textArbitrary(words.length > 0 ? words : DEFAULT_WORDS);
  const services = [...new Set([...v.services, ...(options.services ?? [])])];
  const tags = [...new Set([...v.tags, ...(options.tags ?? [])])];
  const tagPool = tags.length > 0 ? tags : DEFAULT_TAGS;

  return fc
    .record({
      serial: fc.integer({ min: 1, max: 999_999 }),
      createdMinute: fc.integer({
        min: Math.ceil(createdFrom / MINUTE),
        max: Math.floor(createdTo / MINUTE),
      }),
      subject: text,
      description: optional(text, 4),
      service: optional(from(services, DEFAULT_SERVICES), 6),
      customer: from(v.customers, DEFAULT_CUSTOMERS),
      tier: optional(from(v.tiers, ['standard']), 5),
      usersAffected: optional(numberArbitrary(v.usersAffected, 20_000), 4),
      revenueAtRisk: optional(numberArbitrary(v.revenueAtRisk, 500_000), 2),
      statement: optional(text, 2),
      businessRationale: optional(fc.constant('Customer-facing production impact.'), 2),
      communicationPlan: optional(fc.constant('Status page and hourly email updates.'), 2),
      tags: fc.subarray(tagPool, { maxLength: Math.min(3, tagPool.length) }),
      fields: fieldsArbitrary(v),
      queue: rare(from(v.queues, ['general'])),
      events: fc.array(fc.tuple(eventDraft(v, people), gapArbitrary), { maxLength: maxEvents }),
      after: afterArbitrary,
    })
    .map((g): GeneratedTicket => {
      const id = `T-${String(g.serial)}`;
      const createdMs = g.createdMinute * MINUTE;
      const createdAt = isoOf(createdMs);
      let atMs = createdMs;
      let assignee: string | undefined;
      let status: string | undefined;
      let severity: string | undefined;
      const events: (TicketEvent | { readonly type: string; readonly at: string })[] = [
        { type: 'created', at: createdAt },
      ];
      for (const [draft, gap] of g.events) {
        atMs += gap;
        const event = eventOf(draft, isoOf(atMs), id, assignee, peopleList);
        if (draft.type === 'assigned') assignee = draft.assignee;
        if (draft.type === 'statusChanged') status = draft.status;
        if (draft.type === 'severityChanged') severity = draft.severity;
        events.push(event);
      }
      const impact = {
        ...(g.usersAffected === undefined ? {} : { usersAffected: g.usersAffected }),
        ...(g.revenueAtRisk === undefined ? {} : { revenueAtRisk: g.revenueAtRisk }),
        ...(g.statement === undefined ? {} : { statement: g.statement }),
      };
      const ticket: Ticket = {
        id,
        createdAt,
        subject: g.subject,
        ...(g.description === undefined ? {} : { description: g.description }),
        ...(g.service === undefined ? {} : { service: g.service }),
        customer: g.tier === undefined ? { id: g.customer } : { id: g.customer, tier: g.tier },
        impact,
        ...(g.businessRationale === undefined ? {} : { businessRationale: g.businessRationale }),
        ...(g.communicationPlan === undefined ? {} : { communicationPlan: g.communicationPlan }),
        tags: g.tags,
        ...(g.fields === undefined ? {} : { fields: g.fields }),
        ...(status === undefined ? {} : { status }),
        ...(severity === undefined ? {} : { severity }),
        ...(g.queue === undefined ? {} : { queue: g.queue }),
        ...(assignee === undefined ? {} : { assignee }),
        events,
      };
      return { ticket, now: isoOf(atMs + g.after) };
    });
}

/**
 * Generates tickets shaped for a policy (see {@link ticketAndNowArbitrary}, which also gives
 * an instant to evaluate each at).
 *
 * @param policy - A compiled policy (or a policy document).
 * @param options - Creation window, history length and extra vocabulary.
 * @returns A fast-check arbitrary of tickets.
 * @throws TypeError when `policy` is neither a compiled policy nor a policy document.
 * @example
 * ```ts
 * fc.assert(fc.property(ticketArbitrary(policy), (ticket) => {
 *   evaluate(policy, ticket, { now: '2027-01-01T00:00:00Z' }); // never throws
 * }));
 * ```
 */
export function ticketArbitrary(
  policy: Policy | PolicyDocument,
  options: TicketArbitraryOptions = {},
): fc.Arbitrary<Ticket> {
  return ticketAndNowArbitrary(policy, options).map((generated) => generated.ticket);
}
