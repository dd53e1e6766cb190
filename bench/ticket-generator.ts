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

/** `00` to `59`. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
/** `YYYY-MM-DDT` of each day number seen (generated instants span a few years at most). */
const DAY_PREFIX = new Map<number, string>();
/**
 * `new Date(ms).toISOString()`, the same string at a fraction of the cost (it took 40% of the
 * time of making a ticket): the date part is remembered per day.
 */
function isoOf(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let prefix = DAY_PREFIX.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    DAY_PREFIX.set(day, prefix);
  }
  let rest = ms - day * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const ms3 = millis < 10 ? `00${String(millis)}` : millis < 100 ? `0${String(millis)}` : String(millis);
  return `${prefix}${TWO_DIGITS[hours] as string}:${TWO_DIGITS[minutes] as string}:${TWO_DIGITS[seconds] as string}.${ms3}Z`;
}

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
  const vocab = {
    ...found,
    services: [...found.services, 'reporting', 'internal'],
    tags: [...found.tags],
    tiers: [...(document.tiers ?? []).map((t) => t.id), ...found.tiers],
    urgencies: [...found.urgencies, 'low'],
  };

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

  function text(keywordChance: number, length: number): string {
    const out: string[] = [];
    for (let i = 0; i < length; i++) out.push(chance(keywordChance) ? pick(vocab.words) : pick(FILLER));
    return out.join(' ');
  }

  /** People of the policy's member roles, by role (schedule roles get made-up on-call people). */
  const people = new Map<string, string[]>(
    Object.entries(document.roles).map(([id, role]) => [
      id,
      'members' in role ? [...role.members] : [`${id}-oncall-1@example.com`, `${id}-oncall-2@example.com`],
    ]),
  );
  const peopleOf = (role: string): string[] => people.get(role) ?? [`${role}@example.com`];
  const ASSIGNABLE = [
    'support-agents',
    'support-agents',
    'support-agents',
    'support-tier2',
    'billing-specialists',
    'payments-specialists',
    'security-oncall',
  ].filter((role) => people.has(role));
  const OVERRIDERS = classification.overrides?.roles ?? ['support-leads'];
  const BOTS = document.sla.responders?.exclude ?? [];
  const ESCALATION_RULES = (document.escalation?.rules ?? []).map((rule) => rule.id);
  const SEVERITIES = document.severities.map((s) => s.id);

  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;
  const YEAR_START = Date.UTC(2026, 0, 1);
  const YEAR_END = Date.UTC(2027, 0, 1);
  const iso = isoOf;

  /** Time to the next event: mostly minutes to hours, sometimes days. */
  function gap(): number {
    const r = random();
    const seconds = Math.floor(random() * 60) * 1000;
    if (r < 0.45) return (1 + Math.floor(random() * 30)) * MINUTE + seconds;
    if (r < 0.8) return (30 + Math.floor(random() * 210)) * MINUTE + seconds;
    if (r < 0.95) return (4 + Math.floor(random() * 44)) * HOUR + seconds;
    return (2 + Math.floor(random() * 5)) * DAY + seconds;
  }

  /** Where a status goes next (a resolved ticket reopens). */
  const NEXT_STATUS: Readonly<Record<string, readonly string[]>> = {
    open: ['in-progress', 'in-progress', 'pending-customer', 'on-hold'],
    'in-progress': ['pending-customer', 'pending-customer', 'on-hold', 'resolved', 'resolved'],
    'pending-customer': ['in-progress', 'resolved'],
    'on-hold': ['in-progress', 'in-progress', 'resolved'],
    resolved: ['open', 'in-progress'],
  };

  /** A history of 5–30 events from `created`: assignment, acknowledgement, replies, statuses… */
  function history(
    id: string,
    createdAt: number,
  ): { events: Event[]; status: string; assignee: string | undefined; last: number } {
    const count = 5 + Math.floor(random() * 26);
    const events: Event[] = [{ type: 'created', at: iso(createdAt) }];
    let t = createdAt;
    let status = 'open';
    let assignee: string | undefined;
    const setStatus = (at: string, next: string): void => {
      status = next;
      events.push({ type: 'statusChanged', at, status: next });
    };
    const agentReply = (at: string, isPublic: boolean): void => {
      const by =
        chance(0.05) && BOTS.length > 0 ? pick(BOTS) : (assignee ?? pick(peopleOf('support-agents')));
      events.push({ type: 'replied', at, author: 'agent', public: isPublic, by });
    };
    const customerReply = (at: string): void => {
      events.push({ type: 'replied', at, author: 'customer', public: true, by: `${id}-requester` });
    };
    // Most tickets get a quick triage: assigned, acknowledged and answered within the hour.
    const soon = (maxMinutes: number): number => (1 + Math.floor(random() * maxMinutes)) * MINUTE;
    if (chance(0.85)) {
      const role = pick(ASSIGNABLE);
      assignee = pick(peopleOf(role));
      t += soon(15);
      events.push({ type: 'assigned', at: iso(t), assignee, role });
      if (chance(0.8)) {
        t += soon(20);
        events.push({ type: 'acknowledged', at: iso(t), by: assignee });
      }
      if (chance(0.75)) {
        t += soon(45);
        agentReply(iso(t), true);
      }
    }
    while (events.length < count) {
      t += gap();
      const at = iso(t);
      if (status === 'resolved') {
        const r = random();
        if (r < 0.4) {
          customerReply(at);
          if (events.length < count && chance(0.7)) setStatus(at, pick(NEXT_STATUS.resolved ?? ['open']));
        } else if (r < 0.7) setStatus(at, pick(NEXT_STATUS.resolved ?? ['open']));
        else if (r < 0.85 && ESCALATION_RULES.length > 0)
          events.push({ type: 'actionPerformed', at, key: `${id}:${pick(ESCALATION_RULES)}:0` });
        else events.push({ type: 'updateSent', at, audience: 'customer' });
        continue;
      }
      const r = random() * 100;
      if ((assignee === undefined && r < 40) || r < 8) {
        const role = pick(ASSIGNABLE);
        assignee = pick(peopleOf(role));
        events.push({ type: 'assigned', at, assignee, role });
      } else if (r < 17) {
        const by = assignee !== undefined && chance(0.9) ? assignee : pick(peopleOf('support-agents'));
        events.push({ type: 'acknowledged', at, by });
      } else if (r < 37) {
        agentReply(at, true);
        if (events.length < count && chance(0.4)) setStatus(at, 'pending-customer');
      } else if (r < 43) agentReply(at, false);
      else if (r < 56) {
        customerReply(at);
        if (events.length < count && status === 'pending-customer' && chance(0.6))
          setStatus(at, 'in-progress');
      } else if (r < 72) setStatus(at, pick(NEXT_STATUS[status] ?? ['in-progress']));
      else if (r < 80)
        events.push({
          type: 'updateSent',
          at,
          audience: pick(['customer', 'customer', 'internal', 'executive']),
        });
      else if (r < 82) {
        const role = chance(0.8) ? pick(OVERRIDERS) : 'support-agents';
        events.push({
          type: 'severityOverridden',
          at,
          severity: pick(SEVERITIES),
          by: pick(peopleOf(role)),
          role,
          ...(chance(0.9) ? { reason: 'customer confirmed the impact on a call' } : {}),
        });
      } else if (ESCALATION_RULES.length > 0)
        events.push({ type: 'actionPerformed', at, key: `${id}:${pick(ESCALATION_RULES)}:0` });
      else customerReply(at);
    }
    return { events, status, assignee, last: t };
  }

  function generate(index: number): Case {
    const id = `ACME-${String(100_000 + index)}`;
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
    const tags = new Set<string>();
    for (let i = Math.floor(random() * 3); i > 0; i--)
      tags.add(chance(0.3) ? pick(vocab.tags) : pick(GENERIC_TAGS));
    const s = random();
    const { events, status, assignee, last } = history(id, createdAt);
    const now = last + Math.floor(random() ** 2 * 48 * HOUR) + MINUTE;
    const statusField = chance(0.97) ? status : chance(0.5) ? undefined : pick(Object.keys(NEXT_STATUS));
    const ticket: Record<string, unknown> = {
      id,
      createdAt: iso(createdAt),
      subject: text(0.08, 4 + Math.floor(random() * 6)),
      description: text(0.015, 20 + Math.floor(random() * 40)),
      service: pick(vocab.services),
      customer: chance(0.05)
        ? {}
        : { id: `cust-${String(Math.floor(random() * 400))}`, tier: pick(vocab.tiers) },
      impact: chance(0.1)
        ? {}
        : {
            usersAffected,
            ...(revenueAtRisk === undefined ? {} : { revenueAtRisk }),
            ...(chance(0.6) ? { statement: `${String(usersAffected)} users cannot work normally` } : {}),
          },
      tags: [...tags],
      fields:
        s < 0.15
          ? {}
          : {
              security: s < 0.18,
              urgency: pick(vocab.urgencies),
              ...(chance(0.1) ? { bridgeUrl: `https://meet.example.com/${id}` } : {}),
              ...(chance(0.3) ? { latestUpdate: 'A fix is being rolled out.' } : {}),
            },
      events,
    };
    if (statusField !== undefined) ticket.status = statusField;
    if (assignee !== undefined) ticket.assignee = assignee;
    if (chance(0.5)) ticket.severity = pick(SEVERITIES);
    if (chance(0.3)) ticket.businessRationale = 'A key customer workflow is blocked.';
    if (chance(0.2)) ticket.communicationPlan = 'Status page and hourly email updates.';
    if (chance(0.05)) ticket.relatedTicketIds = [`ACME-${String(100_000 + Math.floor(random() * idSpace))}`];
    return { ticket, now: iso(now), status };
  }
  return generate;
}
