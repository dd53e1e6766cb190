import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timelineOf } from '../../src/calendar/index.js';
import { compilePolicy } from '../../src/index.js';
import { modelOf, type MetricName, type ModelMetric } from '../../src/policy/index.js';
import {
  acknowledgeCycles,
  computeClock,
  pointInstant,
  resolutions,
  responses,
  type ClockInputs,
  type Cycle,
} from '../../src/sla/index.js';
import { ticketAndNowArbitrary } from '../../src/testing/index.js';
import { normalizeTicket, type NormalizedTicket, type StatusChange } from '../../src/ticket/index.js';

// The clocks walk the history once for all metrics, split segments without intermediate
// lists and keep the latest inputs' walk: they must agree with the plain algorithm below
// (one walk per metric, paused intervals listed and then subtracted) on every clock.
// Set FC_SEED to replay a run; fast-check reports the seed in the thrown error.

const seedText = process.env['FC_SEED'];
const seed = seedText === undefined || seedText === '' ? undefined : Number(seedText);
if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer: ${seedText}`);
const params = (numRuns: number): { numRuns: number; seed?: number } =>
  seed === undefined ? { numRuns } : { numRuns, seed };

const policy = compilePolicy(
  JSON.parse(readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8')),
);
const model = modelOf(policy, 'test');
/** Every metric of every target: the three calendars (always on, follow the sun, US business hours). */
const METRICS: readonly ModelMetric[] = model.sla.targets.flatMap((target) => target.metrics);

function inputsOf(ticket: unknown, nowIso: string): ClockInputs {
  const now = Date.parse(nowIso);
  const normalized = normalizeTicket(ticket, now);
  return {
    resolves: normalized.createdAt === undefined ? [] : resolutions(model, normalized.statuses),
    responses: responses(model, normalized.events),
    model,
    ticket: normalized,
    now,
    targetSince: normalized.createdAt ?? now,
  };
}

// ------------------------------------------------------------ the plain algorithm

/** Every cycle of a metric, one walk each, with a closure per step (as the clocks once did). */
function referenceCycles(
  metric: Exclude<MetricName, 'resolution'>,
  inputs: ClockInputs,
  createdAt: number,
): Cycle[] {
  const cycles: Cycle[] = [];
  let open: number | undefined =
    metric === 'acknowledge' || metric === 'firstResponse' ? createdAt : undefined;
  let resolved = false;
  let assignee: string | undefined;
  const close = (at: number, how: 'met' | 'stopped'): void => {
    if (open !== undefined) cycles.push({ start: open, stop: at, how });
    open = undefined;
  };
  const begin = (at: number): void => {
    if (resolved) return;
    if (open !== undefined) cycles.push({ start: open, stop: at, how: undefined });
    open = at;
  };
  let r = 0;
  const resolveUpTo = (at: number): void => {
    for (const change of inputs.resolves.slice(r)) {
      if (change.at > at) break;
      resolved = change.resolved;
      if (resolved) close(change.at, 'stopped');
      r++;
    }
  };
  inputs.ticket.events.forEach((event, e) => {
    const response = inputs.responses[e] === true;
    resolveUpTo(event.at);
    if (metric === 'acknowledge') {
      if (event.type === 'assigned') {
        assignee = event.assignee;
        begin(event.at);
      } else if (event.type === 'acknowledged' && (assignee === undefined || event.by === assignee)) {
        close(event.at, 'met');
      }
    } else if (metric === 'firstResponse') {
      if (response) close(event.at, 'met');
    } else if (metric === 'nextResponse') {
      if (event.type === 'replied' && event.author === 'customer') {
        if (open === undefined) begin(event.at);
      } else if (response) close(event.at, 'met');
    } else if (response || (event.type === 'updateSent' && event.audience === 'customer')) begin(event.at);
  });
  resolveUpTo(Number.POSITIVE_INFINITY);
  if (open !== undefined) cycles.push({ start: open, stop: undefined, how: undefined });
  return cycles;
}

function pausedIntervals(
  statuses: readonly StatusChange[],
  set: ReadonlySet<string>,
  start: number,
  end: number,
) {
  const out: [number, number][] = [];
  statuses.forEach((change, i) => {
    if (!set.has(change.status)) return;
    const from = Math.max(change.at, start);
    const to = Math.min(statuses[i + 1]?.at ?? Number.POSITIVE_INFINITY, end);
    if (from >= to) return;
    const last = out.at(-1);
    if (last !== undefined && last[1] === from) last[1] = to;
    else out.push([from, to]);
  });
  return out;
}

function subtract(from: number, to: number, holes: readonly (readonly [number, number])[]) {
  const out: [number, number][] = [];
  let cursor = from;
  for (const [a, b] of holes) {
    if (b <= cursor || a >= to) continue;
    if (a > cursor) out.push([cursor, a]);
    cursor = Math.max(cursor, b);
  }
  if (cursor < to) out.push([cursor, to]);
  return out;
}

/** The latest cycle's segments, counted and paused intervals and their business times. */
function referenceIntervals(
  metric: ModelMetric,
  inputs: ClockInputs,
  ticket: NormalizedTicket,
  createdAt: number,
) {
  let segments: [number, number | undefined][] = [];
  let stop: number | undefined;
  let how: Cycle['how'] | undefined;
  if (metric.metric === 'resolution') {
    let start: number | undefined = createdAt;
    for (const change of inputs.resolves) {
      if (change.resolved && start !== undefined) {
        segments.push([start, change.at]);
        [start, stop] = [undefined, change.at];
      } else if (!change.resolved && start === undefined) [start, stop] = [change.at, undefined];
    }
    if (start !== undefined) segments.push([start, undefined]);
    how = stop === undefined ? undefined : 'met';
  } else {
    const last = referenceCycles(metric.metric, inputs, createdAt).at(-1);
    if (last === undefined) return undefined;
    segments = [[last.start, last.stop]];
    stop = last.stop;
    how = last.how ?? (last.stop === undefined ? undefined : 'stopped');
  }
  const first = segments[0];
  if (first === undefined) return undefined;
  const end = stop ?? inputs.now;
  const counted: [number, number][] = [];
  const paused: [number, number][] = [];
  for (const [from, to] of segments) {
    const until = Math.min(to ?? end, end);
    if (from >= until) continue;
    const holes = pausedIntervals(ticket.statuses, metric.pauseOn, from, until);
    paused.push(...holes);
    counted.push(...subtract(from, until, holes));
  }
  const timeline = timelineOf(metric.calendar, 'test');
  const amounts = counted.map(([a, b]) => timeline.between(a, b));
  return {
    startedAt: first[0],
    stoppedAt: stop,
    how,
    counted,
    paused,
    amounts,
    elapsedMs: amounts.reduce((sum, amount) => sum + amount, 0),
  };
}

// ------------------------------------------------------------------------ laws

const tickets = ticketAndNowArbitrary(policy, { maxEvents: 24 });

describe('computeClock', () => {
  it('finds the cycle, counted and paused intervals of the plain algorithm, for every metric', () => {
    fc.assert(
      fc.property(tickets, ({ ticket, now }) => {
        const inputs = inputsOf(ticket, now);
        const createdAt = inputs.ticket.createdAt;
        for (const metric of METRICS) {
          const clock = computeClock(metric, inputs);
          const expected =
            createdAt === undefined
              ? undefined
              : referenceIntervals(metric, inputs, inputs.ticket, createdAt);
          expect(clock === undefined).toBe(expected === undefined);
          if (clock === undefined || expected === undefined) continue;
          const { startedAt, stoppedAt, counted, paused, amounts, elapsedMs, state } = clock;
          expect({ startedAt, stoppedAt, counted, paused, amounts, elapsedMs }).toEqual({
            startedAt: expected.startedAt,
            stoppedAt: expected.stoppedAt,
            counted: expected.counted,
            paused: expected.paused,
            amounts: expected.amounts,
            elapsedMs: expected.elapsedMs,
          });
          if (!clock.open && state !== 'breached') expect(state).toBe(expected.how ?? 'stopped');
        }
      }),
      params(150),
    );
  });

  it('gives every acknowledge cycle of the plain algorithm, the same list when asked again', () => {
    fc.assert(
      fc.property(tickets, ({ ticket, now }) => {
        const inputs = inputsOf(ticket, now);
        const createdAt = inputs.ticket.createdAt;
        const cycles = acknowledgeCycles(inputs);
        expect(cycles).toEqual(
          createdAt === undefined ? [] : referenceCycles('acknowledge', inputs, createdAt),
        );
        // Escalation planning asks after the clocks: the same walk, not a stale one.
        expect(acknowledgeCycles(inputs)).toBe(cycles);
        const other = inputsOf(ticket, now);
        expect(acknowledgeCycles(other)).not.toBe(cycles);
        expect(acknowledgeCycles(other)).toEqual(cycles);
      }),
      params(100),
    );
  });

  it('answers for each inputs its own clocks when two evaluations interleave', () => {
    fc.assert(
      fc.property(tickets, tickets, (one, two) => {
        const a = inputsOf(one.ticket, one.now);
        const b = inputsOf(two.ticket, two.now);
        for (const metric of METRICS) {
          const alone = computeClock(metric, inputsOf(one.ticket, one.now));
          computeClock(metric, b);
          expect(computeClock(metric, a)).toEqual(alone);
        }
      }),
      params(40),
    );
  });

  it('places points on the counted time where the clock reaches them', () => {
    fc.assert(
      fc.property(tickets, fc.double({ min: 0, max: 1.5, noNaN: true }), ({ ticket, now }, fraction) => {
        const inputs = inputsOf(ticket, now);
        for (const metric of METRICS) {
          const clock = computeClock(metric, inputs);
          if (clock === undefined) continue;
          const amount = Math.round(fraction * metric.targetMs);
          const point = pointInstant(metric, clock, amount, inputs.now);
          if (point?.reached !== true) continue;
          // Reached at `at`: the counted time up to `at` is the amount.
          const timeline = timelineOf(metric.calendar, 'test');
          let counted = 0;
          for (const [from, to] of clock.counted)
            counted += timeline.between(from, Math.min(to, Math.max(from, point.at)));
          expect(counted).toBe(amount);
        }
      }),
      params(60),
    );
  });
});
