import type { Policy } from '../policy/index.js';
import { accumulatorFor } from './accumulator.js';
import type { ComputeMetricsAsyncOptions, ComputeMetricsOptions, MetricsReport } from './types.js';

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
 * Computes operational metrics over a stream of ticket snapshots (docs/metrics.md): per SLA
 * metric the policy uses, the clock states, breach counts and the percentage within target, with
 * the business and wall time of the cycles that ended (first response and resolution times
 * among them: median, p90, mean…); the escalation frequency and the on-time rate of the
 * escalation actions performed; the reopen rate; approvals pending, granted, rejected and
 * expired — for every ticket and per group of severity, queue, service line, tier or ISO week.
 *
 * Each ticket is measured as `evaluate` decides it at `now` (a leaner path that skips what
 * metrics do not read). The stream is read once, lazily: memory grows with the number of
 * groups, not of tickets. Deterministic: the same tickets give the same report, in any order.
 * To run over shards (worker threads, processes, a map-reduce engine), use
 * {@link createMetricsAccumulator}, {@link mergeMetricsAggregates} and {@link finalizeMetrics}:
 * the result is the same, bit for bit.
 *
 * @param policy - A policy from `compilePolicy` (compile policy files with `safeCompilePolicy`
 *   to get their issues instead of an exception).
 * @param tickets - Ticket snapshots, any iterable (an array, a generator). Bad ticket data
 *   never throws: such tickets are measured as `evaluate` decides them (the policy's fallback
 *   where it could not decide) and counted in `degraded` and `issues`.
 * @param options - `now` (required: one instant, or a function of the ticket), `groupBy`,
 *   `weekTimeZone`, `onTimeGraceMs`.
 * @returns The report: `total`, and `groups` when `groupBy` is given.
 * @throws `TypeError` when `policy` did not come from `compilePolicy`, `tickets` is not
 *   iterable, or an option has the wrong type; `RangeError` for an invalid `now` (also one
 *   outside the years 1000 to 9999, and when a `now` function returns such an instant for a
 *   ticket: `computeMetrics: now(ticket) is outside the supported range …`), `groupBy`
 *   dimension, `weekTimeZone` or `onTimeGraceMs`.
 *   Errors thrown by the iterable propagate.
 * @example
 * ```ts
 * const report = computeMetrics(policy, tickets, { now: '2026-12-01T00:00:00Z', groupBy: ['severity'] });
 * report.total.tickets //=> 1200
 * report.total.sla.firstResponse?.metPercent //=> 94.5
 * report.groups[0]?.key //=> { severity: 'sev1' }
 * report.groups[0]?.sla.resolution?.businessMs?.p50 //=> 7_200_000
 * ```
 */
export function computeMetrics(
  policy: Policy,
  tickets: Iterable<unknown>,
  options: ComputeMetricsOptions,
): MetricsReport {
  const accumulator = accumulatorFor('computeMetrics', policy, options);
  const given: unknown = tickets;
  if (typeof given === 'string' || !isIterable(given)) {
    throw new TypeError('computeMetrics: tickets must be an iterable of ticket snapshots');
  }
  for (const ticket of given) accumulator.add(ticket);
  return accumulator.report();
}

/**
 * {@link computeMetrics} over an async iterable (a database cursor, a file read line by line,
 * a Node stream) or a sync one: the same report, as a promise. Tickets are read one at a time.
 *
 * @param policy - A policy from `compilePolicy`.
 * @param tickets - Ticket snapshots: an async iterable or an iterable.
 * @param options - As for {@link computeMetrics}.
 * @returns A promise of the report.
 * @throws Synchronously, like {@link computeMetrics}, for an invalid policy, `tickets` or
 *   options (also a `now` outside the years 1000 to 9999); the promise rejects for an invalid
 *   instant returned by a `now` function (also one outside those years) and with errors of
 *   the iterable.
 * @example
 * ```ts
 * const report = await computeMetricsAsync(policy, readTickets('tickets.ndjson'), {
 *   now: '2026-12-01T00:00:00Z',
 *   groupBy: ['week'],
 * });
 * report.groups.map((group) => group.key.week) //=> ['2026-W44', '2026-W45', …]
 * ```
 */
export function computeMetricsAsync(
  policy: Policy,
  tickets: AsyncIterable<unknown> | Iterable<unknown>,
  options: ComputeMetricsAsyncOptions,
): Promise<MetricsReport> {
  const accumulator = accumulatorFor('computeMetricsAsync', policy, options);
  const given: unknown = tickets;
  if (typeof given === 'string' || !(isAsyncIterable(given) || isIterable(given))) {
    throw new TypeError(
      'computeMetricsAsync: tickets must be an async iterable or an iterable of ticket snapshots',
    );
  }
  const drain = async (): Promise<MetricsReport> => {
    for await (const ticket of given) accumulator.add(ticket);
    return accumulator.report();
  };
  return drain();
}
