import { queueOwners, roleMembers, ticketFacts, type Assignee, type TicketFacts } from '../engine/index.js';
import type { Issue } from '../errors/index.js';
import { isoString, quote } from '../internal/index.js';
import type { ModelProblemRule, PolicyModel } from '../policy/index.js';
import type { TicketEntry } from './read-tickets.js';
import type { AffectedQueue, Problem, ProblemAction, ProblemFiring } from './types.js';

/** What finding the problems of one analysis shares. */
export interface ProblemContext {
  readonly model: PolicyModel;
  readonly entries: readonly TicketEntry[];
  readonly now: number;
  readonly performed: ReadonlySet<string>;
  readonly issues: Issue[];
  /** Facts per entry index, decided on first use. */
  readonly facts: Map<number, TicketFacts>;
  /** Owners per queue and severity at `now`. */
  readonly owners: Map<string, { readonly owner: Assignee | null; readonly secondary: Assignee | null }>;
  /** Each queue's place in the policy's routing order. */
  readonly queueOrder: ReadonlyMap<string, number>;
}

/** The latest episode of a threshold over a stream of tickets (indices into the stream). */
interface Episode {
  /** The first ticket of the window that crossed the threshold. */
  readonly start: number;
  /** The ticket that crossed it. */
  readonly crossed: number;
  /** The last ticket at which the threshold still held. */
  end: number;
  /** How many tickets the window held when crossed. */
  readonly count: number;
}

/**
 * The latest episode in which a stream of tickets (creation instants ascending) meets a
 * threshold: at some ticket, the window of `withinMs` before it (inclusive) holds `tickets`
 * tickets of `services` distinct services. An episode lasts while later tickets still meet
 * it; a ticket that meets it more than `withinMs` after the last one that did starts a new
 * episode. `undefined` when the threshold is never met. Linear (a sliding window).
 */
function latestEpisode(
  ats: readonly number[],
  services: readonly (string | undefined)[],
  rule: ModelProblemRule,
): Episode | undefined {
  const within = rule.withinMs ?? Number.POSITIVE_INFINITY;
  const inWindow = new Map<string, number>();
  let j = 0;
  let latest: Episode | undefined;
  let lastMet = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ats.length; i++) {
    const t = ats[i] as number;
    const service = services[i];
    if (service !== undefined) inWindow.set(service, (inWindow.get(service) ?? 0) + 1);
    while (t - (ats[j] as number) > within) {
      const gone = services[j];
      if (gone !== undefined) {
        const left = (inWindow.get(gone) ?? 1) - 1;
        if (left === 0) inWindow.delete(gone);
        else inWindow.set(gone, left);
      }
      j++;
    }
    const count = i - j + 1;
    if (count < rule.tickets || (rule.services > 1 && inWindow.size < rule.services)) continue;
    if (latest === undefined || t - lastMet > within) latest = { start: j, crossed: i, end: i, count };
    else latest.end = i;
    lastMet = t;
  }
  return latest;
}

/** The streams a rule counts over: the whole list, or each service's tickets apart. */
function streams(
  members: readonly number[],
  entries: readonly TicketEntry[],
  rule: ModelProblemRule,
): { readonly service: string | null; readonly members: readonly number[] }[] {
  if (rule.by === 'group') return [{ service: null, members }];
  const byService = new Map<string, number[]>();
  for (const i of members) {
    const service = (entries[i] as TicketEntry).service;
    if (service === undefined) continue;
    const list = byService.get(service);
    if (list === undefined) byService.set(service, [i]);
    else list.push(i);
  }
  return [...byService].map(([service, list]) => ({ service, members: list }));
}

function episodeOf(
  members: readonly number[],
  entries: readonly TicketEntry[],
  rule: ModelProblemRule,
): Episode | undefined {
  const list = members.map((i) => entries[i] as TicketEntry);
  return latestEpisode(
    list.map((entry) => entry.at),
    list.map((entry) => entry.service),
    rule,
  );
}

/**
 * Whether a rule's threshold can be met by a group at all, counting every ticket (the tickets
 * a rule counts are among them): groups that cannot are never decided by the engine.
 */
function possible(
  members: readonly number[],
  entries: readonly TicketEntry[],
  rule: ModelProblemRule,
): boolean {
  if (members.length < rule.tickets) return false;
  return streams(members, entries, rule).some(
    (stream) =>
      stream.members.length >= rule.tickets && episodeOf(stream.members, entries, rule) !== undefined,
  );
}

function factsOf(ctx: ProblemContext, i: number): TicketFacts {
  let found = ctx.facts.get(i);
  if (found === undefined) {
    const entry = ctx.entries[i] as TicketEntry;
    const rules = ctx.model.problems.rules;
    found = ticketFacts(
      ctx.model,
      entry.raw,
      ctx.now,
      rules.map((rule) => rule.condition),
    );
    ctx.facts.set(i, found);
    for (const [r, holds] of found.holds.entries()) {
      if (holds !== undefined) continue;
      const rule = rules[r] as ModelProblemRule;
      ctx.issues.push({
        code: 'condition_failed',
        severity: 'error',
        path: [entry.index],
        message: `the condition of problem rule ${quote(rule.id)} failed on the ticket's data: the ticket does not count for it`,
        ruleId: rule.id,
      });
    }
  }
  return found;
}

/** `1h30m`, `45s`: a duration in words for reasons. */
function durationText(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (rest >= size) {
      parts.push(`${String(Math.floor(rest / size))}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${String(rest)}ms`);
  return parts.join('');
}

/** The rule's reason, or its threshold in words. */
function reasonOf(rule: ModelProblemRule): string {
  if (rule.reason !== undefined) return rule.reason;
  const scope =
    rule.by === 'service'
      ? ' of one service'
      : rule.services > 1
        ? ` across ${String(rule.services)} services`
        : '';
  const window = rule.withinMs === undefined ? ' in one group' : ` within ${durationText(rule.withinMs)}`;
  return `problem rule ${quote(rule.id)}: ${String(rule.tickets)} related tickets${scope}${window}`;
}

function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function ownersOf(
  ctx: ProblemContext,
  queue: string,
  severity: string,
): { readonly owner: Assignee | null; readonly secondary: Assignee | null } {
  const key = `${queue}\u0000${severity}`;
  let found = ctx.owners.get(key);
  if (found === undefined) {
    found = queueOwners(ctx.model, queue, severity, ctx.now);
    ctx.owners.set(key, found);
  }
  return found;
}

/**
 * A firing of a rule: its episode, and the group's counted tickets (every service) from its
 * window's start to `within` after the last ticket that met the threshold.
 */
interface Firing {
  readonly rule: ModelProblemRule;
  readonly service: string | null;
  readonly windowStart: TicketEntry;
  readonly crossed: TicketEntry;
  readonly count: number;
  /** Entry indices, in time order. */
  readonly tickets: readonly number[];
}

/** The queues of some tickets, in the policy's routing order, each with its tickets in time order. */
function queuesOf(
  ctx: ProblemContext,
  tickets: readonly number[],
): { queue: string; serviceLine: string; tickets: number[] }[] {
  const byQueue = new Map<string, { queue: string; serviceLine: string; tickets: number[] }>();
  for (const i of tickets) {
    const facts = factsOf(ctx, i);
    const found = byQueue.get(facts.queue);
    if (found === undefined)
      byQueue.set(facts.queue, { queue: facts.queue, serviceLine: facts.serviceLine, tickets: [i] });
    else found.tickets.push(i);
  }
  const order = (queue: string): number => ctx.queueOrder.get(queue) ?? Number.MAX_SAFE_INTEGER;
  return [...byQueue.values()].sort((a, b) => order(a.queue) - order(b.queue));
}

const OWNERS: ReadonlySet<string> = new Set(['owner', 'secondary']);

function actionsOf(ctx: ProblemContext, groupId: string, firing: Firing): ProblemAction[] {
  const { rule } = firing;
  const out: ProblemAction[] = [];
  const queues = queuesOf(ctx, firing.tickets);
  const common = {
    groupId,
    severity: rule.severity,
    tickets: firing.tickets.length,
    services: distinct(
      firing.tickets.map((i) => (ctx.entries[i] as TicketEntry).service).filter((s) => s !== undefined),
    ),
  };
  const reason = reasonOf(rule);
  const dueAt = isoString(firing.crossed.at);
  const prefix = `problem/${rule.id}/${firing.crossed.id}`;
  const push = (
    index: number,
    queue: string | null,
    kind: 'notify' | 'page',
    targets: readonly string[],
    payload: Readonly<Record<string, unknown>>,
  ): void => {
    const key = `${prefix}/${String(index)}/${queue ?? '*'}`;
    if (ctx.performed.has(key)) return;
    out.push({ key, kind, dueAt, ruleId: rule.id, queue, targets, reason, payload });
  };
  for (const [index, action] of rule.actions.entries()) {
    const roles = action.kind === 'notify' ? action.to : [action.role];
    const named = roles.filter((role) => !OWNERS.has(role));
    const owners = roles.filter((role) => OWNERS.has(role));
    const payloadRoles = action.kind === 'notify' ? { roles: named } : { role: named[0] };
    if (named.length > 0) {
      push(
        index,
        null,
        action.kind,
        distinct(named.flatMap((role) => roleMembers(ctx.model, role, ctx.now))),
        { ...payloadRoles, ...common },
      );
    }
    if (owners.length === 0) continue;
    for (const queue of queues) {
      const found = ownersOf(ctx, queue.queue, rule.severity);
      const targets = distinct(
        owners.flatMap((role) => (role === 'owner' ? found.owner : found.secondary)?.members ?? []),
      );
      push(index, queue.queue, action.kind, targets, {
        ...(action.kind === 'notify' ? { roles: owners } : { role: owners[0] }),
        queue: queue.queue,
        serviceLine: queue.serviceLine,
        ...common,
      });
    }
  }
  return out;
}

/**
 * The problem a group makes, or `null`: every rule whose threshold the group's counted
 * tickets meet fires (its latest episode, per service with `by: "service"`); the problem
 * takes the most severe firing's severity, the queues of the firings' tickets and their
 * actions. A group that cannot meet any threshold even counting all its tickets is never
 * decided by the engine.
 *
 * @internal
 */
export function findProblem(
  ctx: ProblemContext,
  groupId: string,
  members: readonly number[],
): Problem | null {
  const { model, entries } = ctx;
  const candidates = model.problems.rules.filter((rule) => possible(members, entries, rule));
  if (candidates.length === 0) return null;
  const firings: Firing[] = [];
  for (const rule of candidates) {
    // Without a condition every ticket counts: the engine decides only the tickets of firings.
    const counted =
      rule.condition === undefined
        ? members
        : members.filter((i) => factsOf(ctx, i).holds[rule.index] === true);
    for (const stream of streams(counted, entries, rule)) {
      const episode = episodeOf(stream.members, entries, rule);
      if (episode === undefined) continue;
      const from = (entries[stream.members[episode.start] as number] as TicketEntry).at;
      // The burst: from its window's start to a window after the last ticket that met the
      // threshold (related tickets of other services arrive around it).
      const to =
        (entries[stream.members[episode.end] as number] as TicketEntry).at +
        (rule.withinMs ?? Number.POSITIVE_INFINITY);
      firings.push({
        rule,
        service: stream.service,
        windowStart: entries[stream.members[episode.start] as number] as TicketEntry,
        crossed: entries[stream.members[episode.crossed] as number] as TicketEntry,
        count: episode.count,
        tickets: counted.filter((i) => {
          const t = (entries[i] as TicketEntry).at;
          return t >= from && t <= to;
        }),
      });
    }
  }
  if (firings.length === 0) return null;
  firings.sort(
    (a, b) =>
      a.crossed.at - b.crossed.at ||
      a.rule.index - b.rule.index ||
      ((a.service ?? '') < (b.service ?? '') ? -1 : (a.service ?? '') > (b.service ?? '') ? 1 : 0),
  );
  const rank = (severity: string): number => model.severityRank.get(severity) ?? Number.MAX_SAFE_INTEGER;
  let top = firings[0] as Firing;
  for (const firing of firings) {
    const d = rank(firing.rule.severity) - rank(top.rule.severity);
    if (d < 0 || (d === 0 && firing.rule.index < top.rule.index)) top = firing;
  }
  const position = new Map(members.map((i, p) => [i, p]));
  const tickets = distinct(firings.flatMap((firing) => firing.tickets)).sort(
    (a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0),
  );
  const open = tickets.some((i) => !factsOf(ctx, i).resolved);
  const severity = top.rule.severity;
  const queues: AffectedQueue[] = queuesOf(ctx, tickets).map((queue) => {
    const { owner, secondary } = ownersOf(ctx, queue.queue, severity);
    return {
      queue: queue.queue,
      serviceLine: queue.serviceLine,
      ticketIds: queue.tickets.map((i) => (entries[i] as TicketEntry).id),
      owner,
      secondary,
    };
  });
  const shown: ProblemFiring[] = firings.map((firing) => ({
    ruleId: firing.rule.id,
    severity: firing.rule.severity,
    service: firing.service,
    windowStartAt: isoString(firing.windowStart.at),
    crossedAt: isoString(firing.crossed.at),
    crossedBy: firing.crossed.id,
    tickets: firing.count,
    reason: reasonOf(firing.rule),
  }));
  return {
    groupId,
    status: open ? 'open' : 'resolved',
    severity,
    ruleId: top.rule.id,
    reason: reasonOf(top.rule),
    startedAt: isoString(Math.min(...firings.map((firing) => firing.windowStart.at))),
    detectedAt: isoString((firings[0] as Firing).crossed.at),
    ticketIds: tickets.map((i) => (entries[i] as TicketEntry).id),
    services: distinct(
      tickets.map((i) => (entries[i] as TicketEntry).service).filter((s) => s !== undefined),
    ),
    queues,
    firings: shown,
    actions: open ? firings.flatMap((firing) => actionsOf(ctx, groupId, firing)) : [],
  };
}
