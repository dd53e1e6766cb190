import { isoString, toEpochMs } from '../internal/index.js';
import { modelOf, type Policy } from '../policy/index.js';
import { findGroups } from './find-groups.js';
import { findProblem, type ProblemContext } from './find-problems.js';
import { readTickets, type TicketEntry } from './read-tickets.js';
import type {
  CorrelateOptions,
  IncidentGroup,
  IncidentReport,
  Problem,
  ReportIncidentsOptions,
} from './types.js';

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

function analyze(policy: Policy, tickets: unknown, options: unknown, fn: string): IncidentReport {
  const model = modelOf(policy, fn);
  if (options === null || typeof options !== 'object')
    throw new TypeError(`${fn}: options with \`now\` are required`);
  const { now: nowGiven, performed: performedGiven } = options as CorrelateOptions;
  const now = toEpochMs(nowGiven, fn, 'now');
  if (!isIterable(tickets))
    throw new TypeError(`${fn}: tickets must be an array or iterable of ticket snapshots`);
  const performed = new Set<string>();
  if (performedGiven !== undefined) {
    if (!isIterable(performedGiven))
      throw new TypeError(`${fn}: \`performed\` must be an array or iterable of action keys`);
    for (const key of performedGiven) if (typeof key === 'string') performed.add(key);
  }

  const read = readTickets(tickets, now);
  const { entries, issues } = read;
  const { groups: found } = findGroups(entries, model.problems);
  const ctx: ProblemContext = {
    model,
    entries,
    now,
    performed,
    issues,
    facts: new Map(),
    owners: new Map(),
    queueOrder: new Map(model.routing.queues.map((queue, index) => [queue.id, index])),
  };
  const smallest = Math.min(...model.problems.rules.map((rule) => rule.tickets));
  const iso = (i: number): string => isoString((entries[i] as TicketEntry).at);
  const groups: IncidentGroup[] = [];
  let grouped = 0;
  for (const group of found) {
    const { members } = group;
    grouped += members.length;
    const first = members[0] as number;
    const id = (entries[first] as TicketEntry).id;
    const services = new Set<string>();
    for (const i of members) {
      const service = (entries[i] as TicketEntry).service;
      if (service !== undefined) services.add(service);
    }
    groups.push({
      id,
      ticketIds: members.map((i) => (entries[i] as TicketEntry).id),
      services: [...services],
      keywords: group.keywords,
      relations: group.relations,
      firstAt: iso(first),
      lastAt: iso(members[members.length - 1] as number),
      problem: members.length >= smallest ? findProblem(ctx, id, members) : null,
    });
  }
  const rank = (severity: string): number => model.severityRank.get(severity) ?? Number.MAX_SAFE_INTEGER;
  const problems = groups
    .map((group) => group.problem)
    .filter((problem): problem is Problem => problem !== null)
    .sort(
      (a, b) =>
        rank(a.severity) - rank(b.severity) ||
        (a.detectedAt < b.detectedAt ? -1 : a.detectedAt > b.detectedAt ? 1 : 0) ||
        (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0),
    );
  // Issues by ticket, in input order (a stable sort keeps each ticket's own order).
  issues.sort((a, b) => (a.path[0] as number) - (b.path[0] as number));
  return {
    policy: { id: policy.id, version: policy.version },
    evaluatedAt: isoString(now),
    status: issues.some((issue) => issue.severity === 'error') ? 'degraded' : 'ok',
    groups,
    problems,
    issues,
    tickets: { read: read.read, skipped: read.skipped, grouped },
  };
}

/**
 * Groups related tickets into incidents, and turns the groups that cross a threshold of the
 * policy's `problems.rules` into systemic problems: their severity, the queues they affect
 * and the actions due for each affected team. Tickets are related by an explicit link
 * (`relatedTicketIds`), the same service within the policy's `problems.window`, or shared
 * keywords of their subject and description within the window (docs/correlation.md).
 * Near-linear in the number of tickets. Never throws on bad ticket data: such tickets are
 * left out (`reportIncidents` lists why).
 *
 * @param policy - A policy from `compilePolicy`.
 * @param tickets - Ticket snapshots (DESIGN §4), an array or any iterable; any values.
 * @param options - `now` (required), and the keys of problem actions already `performed`.
 * @returns Every group of two related tickets or more, by first ticket (creation, then id),
 *   each with its `problem` or `null`. Plain JSON.
 * @throws `TypeError` when `policy` did not come from `compilePolicy` or `tickets` is not
 *   iterable; `RangeError` or `TypeError` for an invalid `now`. Never for bad ticket data.
 * @example
 * ```ts
 * const groups = correlate(policy, tickets, { now: '2026-03-10T15:00:00Z' });
 * groups[0]?.ticketIds //=> ['T-1', 'T-2', 'T-3', 'T-4', 'T-5']
 * groups[0]?.problem?.severity //=> 'sev1'
 * groups[0]?.problem?.actions.map((action) => action.key)
 * //=> ['problem/service-outage/T-5/0/*', 'problem/service-outage/T-5/1/payments']
 * ```
 */
export function correlate(
  policy: Policy,
  tickets: Iterable<unknown>,
  options: CorrelateOptions,
): IncidentGroup[] {
  return [...analyze(policy, tickets, options, 'correlate').groups];
}

/**
 * Like {@link correlate}, with everything a dashboard shows: the problems alone (most severe
 * first), what was wrong with the tickets (issues whose path starts with the ticket's index
 * in the input), and how many tickets were read, left out and grouped.
 *
 * @param policy - A policy from `compilePolicy`.
 * @param tickets - Ticket snapshots, an array or any iterable; any values.
 * @param options - `now` (required), and the keys of problem actions already `performed`.
 * @returns The report: `groups`, `problems`, `issues`, `tickets` counts and `status`
 *   (`degraded` when a ticket was left out for bad data or a rule's condition failed on one).
 * @throws `TypeError` when `policy` did not come from `compilePolicy` or `tickets` is not
 *   iterable; `RangeError` or `TypeError` for an invalid `now`. Never for bad ticket data.
 * @example
 * ```ts
 * const report = reportIncidents(policy, tickets, { now: '2026-03-10T15:00:00Z' });
 * report.problems.filter((problem) => problem.status === 'open').length //=> 1
 * report.tickets //=> { read: 120, skipped: 1, grouped: 14 }
 * report.issues[0]?.message //=> 'missing `createdAt`: left out'
 * ```
 */
export function reportIncidents(
  policy: Policy,
  tickets: Iterable<unknown>,
  options: ReportIncidentsOptions,
): IncidentReport {
  return analyze(policy, tickets, options, 'reportIncidents');
}
