/**
 * The ticket snapshots the benchmarks share: a seeded generator of tickets for a policy, each
 * with a history of 5–30 events (assignment, acknowledgement, public and internal replies,
 * status changes with pauses, resolves and reopens, updates, severity overrides, performed
 * actions), subjects and descriptions that use the words of the policy's conditions (so that
 * classification and routing rules do match), and an evaluation instant after its last event.
 *
 * Deterministic: the same policy and seed give the same tickets, in the same order. Tickets
 * are made one at a time from one random stream, so a benchmark can stream millions of them
 * without holding any (bench/metrics.ts), or keep an array of them (bench/evaluate.ts). To
 * make tickets in independent blocks (for workers), give each block its own seed.
 *
 * Cheap: making tickets is harness overhead, not what is measured, so it is kept to a few µs a
 * ticket. Everything that does not depend on the ticket is made once per generator (helpers,
 * word lists, the tails of action keys), instants are formatted from tables rather than by
 * `Date`, texts are appended word by word and flattened once rather than joined, and optional
 * fields are added by assignment rather than by spreading objects. Any change here must keep
 * the output of every seed the same (the same random draws in the same order, the same keys in
 * the same order): benchmark figures are only comparable on the same tickets.
 */
import type { PolicyDocument } from '../src/index.js';
import { FILLER, conditionVocabulary, lcg } from './workload.js';

/** An event of a generated ticket's history. */
export type Event = Readonly<Record<string, unknown>> & { readonly type: string; readonly at: string };

/** One generated ticket, the instant to evaluate it at, and the status its history ends with. */
export interface Case {
  readonly ticket: Readonly<Record<string, unknown>>;
  /** The evaluation instant: after the last event (by a minute to two days). */
  readonly now: string;
  /** The status the history ends with (what `derived.status` should be). */
  readonly status: string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `MM:SS.` of each second of an hour. */
const MINUTES_SECONDS = Array.from(
  { length: HOUR / SECOND },
  (_, s) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.`,
);
/** `mmmZ` of each millisecond of a second. */
const MILLIS_Z = Array.from({ length: SECOND }, (_, ms) => `${String(ms).padStart(3, '0')}Z`);
/** Tickets are created in 2026 (their histories go on a little after). */
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1);
/** The hours from {@link YEAR_START} whose `YYYY-MM-DDTHH:` is remembered: two years. */
const HOURS_KEPT = (2 * 366 * DAY) / HOUR;
/** `YYYY-MM-DDTHH:` of each hour from {@link YEAR_START} seen so far. */
const HOUR_PREFIX = Array.from({ length: HOURS_KEPT }, (): string | undefined => undefined);

/**
 * `YYYY-MM-DDTHH:` of the hour `hour` (whole hours since 1970), remembered for the two years
 * from {@link YEAR_START}.
 */
function hourPrefix(hour: number): string {
  const slot = hour - YEAR_START / HOUR;
  const kept = slot >= 0 && slot < HOURS_KEPT;
  let prefix = kept ? HOUR_PREFIX[slot] : undefined;
  if (prefix === undefined) {
    prefix = new Date(hour * HOUR).toISOString().slice(0, 14);
    if (kept) HOUR_PREFIX[slot] = prefix;
  }
  return prefix;
}

/**
 * `new Date(ms).toISOString()` for a whole number of milliseconds in years 0 to 9999, the same
 * string at a fraction of the cost: the date and hour are remembered per hour, minutes, seconds
 * and milliseconds are looked up.
 */
function isoOf(ms: number): string {
  const hour = Math.floor(ms / HOUR);
  const rest = ms - hour * HOUR;
  const second = Math.floor(rest / SECOND);
  return (
    hourPrefix(hour) + (MINUTES_SECONDS[second] as string) + (MILLIS_Z[rest - second * SECOND] as string)
  );
}

/** The last result of {@link flatten}'s search, kept so that the search is not optimised away. */
const flattenSink = { found: -1 };
/**
 * Makes V8 copy a string built by appending (a rope of its pieces) into one piece now, as `join`
 * would have: any search of it does. The code the benchmarks measure should not pay for it.
 */
function flatten(text: string): void {
  flattenSink.found = text.indexOf('\u0000');
}

/** Tags that no rule looks for. */
const GENERIC_TAGS = [
  'needs-info',
  'duplicate',
  'docs',
  'api-v2',
  'onboarding',
  'renewal',
  'eu',
  'us',
  'apac',
];
/** Roles tickets get assigned to, weighted (those the policy has people for are kept). */
const ASSIGNABLE_ROLES = [
  'support-agents',
  'support-agents',
  'support-agents',
  'support-tier2',
  'billing-specialists',
  'payments-specialists',
  'security-oncall',
];
/** Where a status goes next (a resolved ticket reopens). */
const NEXT_STATUS: Readonly<Record<string, readonly string[]>> = {
  open: ['in-progress', 'in-progress', 'pending-customer', 'on-hold'],
  'in-progress': ['pending-customer', 'pending-customer', 'on-hold', 'resolved', 'resolved'],
  'pending-customer': ['in-progress', 'resolved'],
  'on-hold': ['in-progress', 'in-progress', 'resolved'],
  resolved: ['open', 'in-progress'],
};
/** The statuses of {@link NEXT_STATUS}, for a `status` field that disagrees with the history. */
const STATUSES = Object.keys(NEXT_STATUS);
/** Where a resolved ticket goes when it reopens. */
const REOPENED = NEXT_STATUS.resolved ?? ['open'];
/** Where a status without successors goes (none: every status has some). */
const FALLBACK_NEXT = ['in-progress'];
/** Who updates are sent to, weighted. */
const AUDIENCES = ['customer', 'customer', 'internal', 'executive'];

/** Options of {@link createTicketGenerator}. */
export interface TicketGeneratorOptions {
  /** The seed of the random stream. */
  readonly seed: number;
  /** Related ticket ids are drawn among this many (`ACME-100000` on). */
  readonly idSpace: number;
}

/**
 * A generator of tickets for a policy: call it with 0, 1, 2… in order (the index names the
 * ticket, `ACME-<100000 + index>`; every call draws from the same random stream).
 */
export function createTicketGenerator(
  document: PolicyDocument,
  options: TicketGeneratorOptions,
): (index: number) => Case {
  const idSpace = options.idSpace;
  const classification = document.classification;
  const rules = classification.rules;
  const queues = document.routing.queues.map((queue) => queue.when ?? true);
  const matrix = classification.matrix;
  const axes = matrix === undefined ? [] : [matrix.impact.value, matrix.urgency.value];

  const random = lcg(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number): boolean => random() < p;

  const found = conditionVocabulary([rules.map((rule) => rule.when), queues, axes]);
  const WORDS = found.words;
  const SERVICES = [...found.services, 'reporting', 'internal'];
  const TAGS = found.tags;
  const TIERS = [...(document.tiers ?? []).map((t) => t.id), ...found.tiers];
  const URGENCIES = [...found.urgencies, 'low'];

  // Words after the first of a text, with the space before them.
  const SPACED_WORDS = WORDS.map((word) => ` ${word}`);
  const SPACED_FILLER = FILLER.map((word) => ` ${word}`);
  /**
   * `length` words (at least one) separated by spaces, each a word of the policy's conditions
   * with chance `keywordChance`, else a filler word.
   */
  function text(keywordChance: number, length: number): string {
    // Appending (a rope of strings) and then flattening once is faster than `join`.
    let out = chance(keywordChance) ? pick(WORDS) : pick(FILLER);
    for (let i = 1; i < length; i++) out += chance(keywordChance) ? pick(SPACED_WORDS) : pick(SPACED_FILLER);
    flatten(out);
    return out;
  }

  /** People of the policy's member roles, by role (schedule roles get made-up on-call people). */
  const people = new Map<string, string[]>(
    Object.entries(document.roles).map(([id, role]) => [
      id,
      'members' in role ? [...role.members] : [`${id}-oncall-1@example.com`, `${id}-oncall-2@example.com`],
    ]),
  );
  const peopleOf = (role: string): string[] => people.get(role) ?? [`${role}@example.com`];
  const AGENTS = peopleOf('support-agents');
  const ASSIGNABLE = ASSIGNABLE_ROLES.filter((role) => people.has(role));
  const OVERRIDERS = classification.overrides?.roles ?? ['support-leads'];
  const BOTS = document.sla.responders?.exclude ?? [];
  /** `:<rule id>:0`, the tail of an escalation rule's action key, for each rule. */
  const ACTION_KEY_TAILS = (document.escalation?.rules ?? []).map((rule) => `:${rule.id}:0`);
  const SEVERITIES = document.severities.map((s) => s.id);

  /** Time to the next event: mostly minutes to hours, sometimes days. */
  function gap(): number {
    const r = random();
    const seconds = Math.floor(random() * 60) * SECOND;
    if (r < 0.45) return (1 + Math.floor(random() * 30)) * MINUTE + seconds;
    if (r < 0.8) return (30 + Math.floor(random() * 210)) * MINUTE + seconds;
    if (r < 0.95) return (4 + Math.floor(random() * 44)) * HOUR + seconds;
    return (2 + Math.floor(random() * 5)) * DAY + seconds;
  }

  /** A quick triage step: one to `maxMinutes` minutes. */
  const soon = (maxMinutes: number): number => (1 + Math.floor(random() * maxMinutes)) * MINUTE;

  // The ticket being made (one at a time), shared by the helpers below so that none has to be
  // made per ticket: its id, the requester's name, its history so far, status and assignee.
  let id = '';
  let requester = '';
  let events: Event[] = [];
  let status = 'open';
  let assignee: string | undefined;

  function setStatus(at: string, next: string): void {
    status = next;
    events.push({ type: 'statusChanged', at, status: next });
  }
  function agentReply(at: string, isPublic: boolean): void {
    const by = chance(0.05) && BOTS.length > 0 ? pick(BOTS) : (assignee ?? pick(AGENTS));
    events.push({ type: 'replied', at, author: 'agent', public: isPublic, by });
  }
  function customerReply(at: string): void {
    events.push({ type: 'replied', at, author: 'customer', public: true, by: requester });
  }
  function actionPerformed(at: string): void {
    events.push({ type: 'actionPerformed', at, key: id + pick(ACTION_KEY_TAILS) });
  }

  /**
   * The history of the ticket being made, 5–30 events from `createdAt` (assignment,
   * acknowledgement, replies, statuses…), into `events`, `status` and `assignee`.
   *
   * @returns The instant of the last event.
   */
  function history(createdAt: number): number {
    const count = 5 + Math.floor(random() * 26);
    events = [{ type: 'created', at: isoOf(createdAt) }];
    status = 'open';
    assignee = undefined;
    let t = createdAt;
    // Most tickets get a quick triage: assigned, acknowledged and answered within the hour.
    if (chance(0.85)) {
      const role = pick(ASSIGNABLE);
      assignee = pick(peopleOf(role));
      t += soon(15);
      events.push({ type: 'assigned', at: isoOf(t), assignee, role });
      if (chance(0.8)) {
        t += soon(20);
        events.push({ type: 'acknowledged', at: isoOf(t), by: assignee });
      }
      if (chance(0.75)) {
        t += soon(45);
        agentReply(isoOf(t), true);
      }
    }
    while (events.length < count) {
      t += gap();
      const at = isoOf(t);
      if (status === 'resolved') {
        const r = random();
        if (r < 0.4) {
          customerReply(at);
          if (events.length < count && chance(0.7)) setStatus(at, pick(REOPENED));
        } else if (r < 0.7) setStatus(at, pick(REOPENED));
        else if (r < 0.85 && ACTION_KEY_TAILS.length > 0) actionPerformed(at);
        else events.push({ type: 'updateSent', at, audience: 'customer' });
        continue;
      }
      const r = random() * 100;
      if ((assignee === undefined && r < 40) || r < 8) {
        const role = pick(ASSIGNABLE);
        assignee = pick(peopleOf(role));
        events.push({ type: 'assigned', at, assignee, role });
      } else if (r < 17) {
        const by = assignee !== undefined && chance(0.9) ? assignee : pick(AGENTS);
        events.push({ type: 'acknowledged', at, by });
      } else if (r < 37) {
        agentReply(at, true);
        if (events.length < count && chance(0.4)) setStatus(at, 'pending-customer');
      } else if (r < 43) agentReply(at, false);
      else if (r < 56) {
        customerReply(at);
        if (events.length < count && status === 'pending-customer' && chance(0.6))
          setStatus(at, 'in-progress');
      } else if (r < 72) setStatus(at, pick(NEXT_STATUS[status] ?? FALLBACK_NEXT));
      else if (r < 80) events.push({ type: 'updateSent', at, audience: pick(AUDIENCES) });
      else if (r < 82) {
        const role = chance(0.8) ? pick(OVERRIDERS) : 'support-agents';
        const overridden: Record<string, unknown> & Event = {
          type: 'severityOverridden',
          at,
          severity: pick(SEVERITIES),
          by: pick(peopleOf(role)),
          role,
        };
        if (chance(0.9)) overridden.reason = 'customer confirmed the impact on a call';
        events.push(overridden);
      } else if (ACTION_KEY_TAILS.length > 0) actionPerformed(at);
      else customerReply(at);
    }
    return t;
  }

  function generate(index: number): Case {
    id = `ACME-${String(100_000 + index)}`;
    requester = `${id}-requester`;
    const createdAt = YEAR_START + Math.floor(random() * (YEAR_END - YEAR_START - 7 * DAY));
    const r = random();
    const usersAffected =
      r < 0.55
        ? Math.floor(random() * 5)
        : r < 0.83
          ? 5 + Math.floor(random() * 45)
          : r < 0.95
            ? 50 + Math.floor(random() * 450)
            : r < 0.99
              ? 500 + Math.floor(random() * 4500)
              : 5000 + Math.floor(random() * 45_000);
    // Revenue at risk: often unknown, else log-uniform between USD 10 and 150,000.
    const revenueAtRisk = chance(0.4) ? Math.round(10 * 15_000 ** random()) : undefined;
    // Tags in the order first drawn, without repeats.
    const tags: string[] = [];
    for (let i = Math.floor(random() * 3); i > 0; i--) {
      const tag = chance(0.3) ? pick(TAGS) : pick(GENERIC_TAGS);
      if (!tags.includes(tag)) tags.push(tag);
    }
    const s = random();
    const last = history(createdAt);
    const now = last + Math.floor(random() ** 2 * 48 * HOUR) + MINUTE;
    const statusField = chance(0.97) ? status : chance(0.5) ? undefined : pick(STATUSES);
    // The fields below draw in the order they appear in the ticket.
    const subject = text(0.08, 4 + Math.floor(random() * 6));
    const description = text(0.015, 20 + Math.floor(random() * 40));
    const service = pick(SERVICES);
    const customer = chance(0.05)
      ? {}
      : { id: `cust-${String(Math.floor(random() * 400))}`, tier: pick(TIERS) };
    const impact: Record<string, unknown> = {};
    if (!chance(0.1)) {
      impact.usersAffected = usersAffected;
      if (revenueAtRisk !== undefined) impact.revenueAtRisk = revenueAtRisk;
      if (chance(0.6)) impact.statement = `${String(usersAffected)} users cannot work normally`;
    }
    const fields: Record<string, unknown> = {};
    if (s >= 0.15) {
      fields.security = s < 0.18;
      fields.urgency = pick(URGENCIES);
      if (chance(0.1)) fields.bridgeUrl = `https://meet.example.com/${id}`;
      if (chance(0.3)) fields.latestUpdate = 'A fix is being rolled out.';
    }
    const ticket: Record<string, unknown> = {
      id,
      createdAt: isoOf(createdAt),
      subject,
      description,
      service,
      customer,
      impact,
      tags,
      fields,
      events,
    };
    if (statusField !== undefined) ticket.status = statusField;
    if (assignee !== undefined) ticket.assignee = assignee;
    if (chance(0.5)) ticket.severity = pick(SEVERITIES);
    if (chance(0.3)) ticket.businessRationale = 'A key customer workflow is blocked.';
    if (chance(0.2)) ticket.communicationPlan = 'Status page and hourly email updates.';
    if (chance(0.05)) ticket.relatedTicketIds = [`ACME-${String(100_000 + Math.floor(random() * idSpace))}`];
    return { ticket, now: isoOf(now), status };
  }
  return generate;
}
