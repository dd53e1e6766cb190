import { evaluate, type Decision, type EvaluateOptions, type EvaluationContext } from '../engine/index.js';
import { toSupportedEpochMs } from '../internal/index.js';
import { modelOf, type Policy } from '../policy/index.js';
import { compareDecisions } from './compare-decisions.js';
import { createSummaryCounter, type SummaryCounter } from './summary.js';
import type {
  Change,
  DiffNow,
  DiffPoliciesAsyncOptions,
  DiffPoliciesOptions,
  PolicyDiff,
  TicketDiff,
} from './types.js';

/** How many changed tickets a diff keeps when `limit` is not given. */
const DEFAULT_LIMIT = 1000;

/** The state of one diff run: fed one ticket at a time, it keeps counters and at most `limit` entries. */
interface DiffRun {
  /** Compares one ticket; the ticket's diff when its decisions differ, else `undefined`. */
  readonly add: (ticket: unknown) => TicketDiff | undefined;
  /** The diff so far. */
  readonly result: () => PolicyDiff;
}

/** Checks the arguments shared by both variants (programmer errors, thrown at once). */
function startRun(
  fn: string,
  before: Policy,
  after: Policy,
  options: DiffPoliciesOptions | DiffPoliciesAsyncOptions,
): DiffRun {
  modelOf(before, fn);
  modelOf(after, fn);
  const given: unknown = options;
  if (given === null || typeof given !== 'object') {
    throw new TypeError(`${fn}: options with \`now\` are required`);
  }
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !(limit === Infinity || (Number.isSafeInteger(limit) && limit >= 0))) {
    throw new RangeError(`${fn}: limit must be a non-negative integer or Infinity`);
  }
  const onTicket: unknown = options.onTicket;
  if (onTicket !== undefined && typeof onTicket !== 'function') {
    throw new TypeError(`${fn}: onTicket must be a function`);
  }
  const nowOf = instantOf(fn, options.now);
  const context: EvaluationContext | undefined = options.context;
  // Both evaluations of a ticket share the instant and the context: only the policy differs.
  const evaluateOptions = (now: number): EvaluateOptions =>
    context === undefined ? { now } : { now, context };
  const counter: SummaryCounter = createSummaryCounter(before, after);
  const kept: TicketDiff[] = [];
  let index = 0;
  return {
    add(ticket) {
      const at = index++;
      const opts = evaluateOptions(nowOf(ticket, at));
      const from: Decision = evaluate(before, ticket, opts);
      // Evaluation is deterministic: the same policy gives the same decision.
      const to: Decision = before === after ? from : evaluate(after, ticket, opts);
      const changes: Change[] = before === after ? [] : compareDecisions(from, to);
      counter.add(from, to, changes);
      if (!isNonEmpty(changes)) return undefined;
      const diff: TicketDiff = { ticketId: to.ticketId, index: at, evaluatedAt: to.evaluatedAt, changes };
      if (kept.length < limit) kept.push(diff);
      return diff;
    },
    result() {
      const summary = counter.result();
      return {
        before: { id: before.id, version: before.version },
        after: { id: after.id, version: after.version },
        summary,
        tickets: [...kept],
        truncated: summary.changed > kept.length,
      };
    },
  };
}

function isNonEmpty<T>(list: T[]): list is [T, ...T[]] {
  return list.length > 0;
}

/**
 * The instant of each ticket, in epoch ms, checked (an invalid one is a programmer error):
 * within the years 1000 to 9999, as `evaluate` asks, but refused in `fn`'s name.
 */
function instantOf(fn: string, now: DiffNow | undefined): (ticket: unknown, index: number) => number {
  if (typeof now === 'function') {
    return (ticket, index) => toSupportedEpochMs(now(ticket, index), fn, `now(ticket ${String(index)})`);
  }
  if (now === undefined) throw new TypeError(`${fn}: options with \`now\` are required`);
  const ms = toSupportedEpochMs(now, fn, 'now');
  return () => ms;
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

/**
 * Compares two policies over a stream of ticket snapshots: evaluates both at the same instant
 * for each ticket and reports, per ticket, how the decisions differ (severity, queue, owners,
 * each clock's target, state and deadline, due, upcoming and withheld actions, approvals,
 * communication, required fields, status and `nextEvaluationAt`), and a summary over every
 * ticket (counts per change kind, severity and queue migration matrices, breaches and actions
 * gained and lost). See docs/policy-diff.md.
 *
 * The stream is read once, lazily, one ticket at a time: decisions are dropped once compared,
 * and at most `limit` changed tickets are kept, so a corpus of millions of snapshots runs in
 * memory bounded by `limit` and the policies' size. `onTicket` sees every changed ticket.
 * The result is deterministic: the same policies, tickets and instants give a deep-equal diff.
 *
 * @param before - The policy in force, from `compilePolicy`.
 * @param after - The candidate policy, from `compilePolicy`.
 * @param tickets - Ticket snapshots, any iterable (an array, a generator); like `evaluate`,
 *   bad ticket data never throws: it becomes a degraded decision under each policy.
 * @param options - `now` (required: one instant, or a function of the ticket and its index),
 *   `limit`, `onTicket`, `context`.
 * @returns The diff: `summary` over every ticket, `tickets` (the first `limit` changed ones).
 * @throws `TypeError` when `before` or `after` did not come from `compilePolicy`, `tickets` is
 *   not iterable, or an option has the wrong type; `RangeError` or `TypeError` for an invalid
 *   `now` (also one outside the years 1000 to 9999, and when a `now` function returns such an
 *   instant: `diffPolicies: now(ticket 3) is outside the supported range …`) or `limit`.
 *   Errors thrown by the iterable or by `onTicket` propagate.
 * @example
 * ```ts
 * const diff = diffPolicies(current, candidate, tickets, { now: '2026-03-09T14:00:00Z' });
 * diff.summary.tickets //=> 3
 * diff.summary.severityMigration.sev2 //=> { sev1: 1, sev2: 2 }
 * diff.tickets[0]?.changes[0] //=> { kind: 'severity', from: 'sev2', to: 'sev1', ruleId: { from: null, to: 'outage' } }
 * ```
 */
export function diffPolicies(
  before: Policy,
  after: Policy,
  tickets: Iterable<unknown>,
  options: DiffPoliciesOptions,
): PolicyDiff {
  const run = startRun('diffPolicies', before, after, options);
  const given: unknown = tickets;
  if (typeof given === 'string' || !isIterable(given)) {
    throw new TypeError('diffPolicies: tickets must be an iterable of ticket snapshots');
  }
  const onTicket = options.onTicket;
  for (const ticket of given) {
    const diff = run.add(ticket);
    if (diff !== undefined && onTicket !== undefined) onTicket(diff);
  }
  return run.result();
}

/**
 * {@link diffPolicies} over an async iterable (a database cursor, a file read line by line,
 * a Node stream) or a sync one: the same diff, as a promise. Tickets are read one at a time;
 * a promise returned by `onTicket` is awaited before the next ticket is read.
 *
 * @param before - The policy in force, from `compilePolicy`.
 * @param after - The candidate policy, from `compilePolicy`.
 * @param tickets - Ticket snapshots: an async iterable or an iterable.
 * @param options - As for {@link diffPolicies}; `onTicket` may return a promise.
 * @returns A promise of the diff.
 * @throws Synchronously, like {@link diffPolicies}, for invalid policies, `tickets` or options
 *   (also a `now` outside the years 1000 to 9999); the promise rejects for an invalid instant
 *   returned by a `now` function (also one outside those years, naming `diffPoliciesAsync`),
 *   and with errors of the iterable or of `onTicket`.
 * @example
 * ```ts
 * const diff = await diffPoliciesAsync(current, candidate, readTickets('corpus.ndjson'), {
 *   now: (ticket, index) => snapshotInstant(ticket),
 *   limit: 0,
 *   onTicket: (entry) => write(JSON.stringify(entry) + '\n'),
 * });
 * diff.summary.breaches //=> { before: 120, after: 134, gained: 15, lost: 1, byMetric: { … } }
 * ```
 */
export function diffPoliciesAsync(
  before: Policy,
  after: Policy,
  tickets: AsyncIterable<unknown> | Iterable<unknown>,
  options: DiffPoliciesAsyncOptions,
): Promise<PolicyDiff> {
  const run = startRun('diffPoliciesAsync', before, after, options);
  const given: unknown = tickets;
  if (typeof given === 'string' || !(isAsyncIterable(given) || isIterable(given))) {
    throw new TypeError(
      'diffPoliciesAsync: tickets must be an async iterable or an iterable of ticket snapshots',
    );
  }
  const onTicket = options.onTicket;
  const drain = async (): Promise<PolicyDiff> => {
    for await (const ticket of given) {
      const diff = run.add(ticket);
      if (diff !== undefined && onTicket !== undefined) await onTicket(diff);
    }
    return run.result();
  };
  return drain();
}
