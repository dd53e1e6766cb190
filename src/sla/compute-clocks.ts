import { timelineOf, type Timeline } from '../calendar/index.js';
import type { MetricName, ModelMetric, PolicyModel } from '../policy/index.js';
import type { HistoryEvent, NormalizedTicket, StatusChange } from '../ticket/index.js';

/** One cycle of a clock: when it started, and when and why it stopped. */
export interface Cycle {
  readonly start: number;
  /** `undefined` while the cycle is open. */
  readonly stop: number | undefined;
  /** `met`: its own event came; `stopped`: the ticket was resolved first. */
  readonly how: 'met' | 'stopped' | undefined;
}

/** A warning point on a clock, computed. */
export interface WarningResult {
  readonly label: string;
  readonly dueAt: number | undefined;
  readonly state: 'passed' | 'upcoming' | 'skipped';
}

/** A clock, computed in epoch ms (the engine turns it into the public `Clock`). */
export interface ClockResult {
  readonly metric: MetricName;
  readonly targetMs: number;
  readonly calendarId: string;
  readonly state: 'running' | 'paused' | 'met' | 'breached' | 'stopped';
  readonly startedAt: number;
  readonly deadline: number | undefined;
  readonly elapsedMs: number;
  readonly breachedAt: number | undefined;
  readonly stoppedAt: number | undefined;
  readonly warnings: readonly WarningResult[];
  /** The next instant this clock changes the decision (a warning or the breach), if any. */
  readonly nextChangeAt: number | undefined;
  /** `[from, to)` intervals counted and paused, for the trace. */
  readonly counted: readonly (readonly [number, number])[];
  readonly paused: readonly (readonly [number, number])[];
  /** The business time of each counted interval. */
  readonly amounts: readonly number[];
  /** The cycle has not stopped. */
  readonly open: boolean;
  /** The cycle is open and not paused at `now`. */
  readonly running: boolean;
}

/** What the clocks need from a policy and a ticket, beyond the target's metrics. */
export interface ClockInputs {
  readonly model: PolicyModel;
  readonly ticket: NormalizedTicket;
  readonly now: number;
  /** Since when the current target applies (warnings before it are `skipped`). */
  readonly targetSince: number;
  /** Per event of the ticket, whether it counts as a response (from {@link responses}), shared by its clocks. */
  readonly responses: readonly boolean[];
  /** The resolve and reopen instants of the ticket (from {@link resolutions}), shared by its clocks. */
  readonly resolves: readonly { readonly at: number; readonly resolved: boolean }[];
  /** Whether to compute the warnings (metrics read none); default true. */
  readonly warnings?: boolean | undefined;
}

/** Intervals `[from, to)` in which the status is in `set`, clipped to `[start, end)`. */
function statusIntervals(
  statuses: readonly StatusChange[],
  set: ReadonlySet<string>,
  start: number,
  end: number,
): [number, number][] {
  const out: [number, number][] = [];
  if (set.size === 0) return out;
  for (let i = 0; i < statuses.length; i++) {
    const change = statuses[i] as StatusChange;
    if (!set.has(change.status)) continue;
    const from = Math.max(change.at, start);
    const to = Math.min(statuses[i + 1]?.at ?? Number.POSITIVE_INFINITY, end);
    if (from < to) {
      const last = out[out.length - 1];
      if (last !== undefined && last[1] === from) last[1] = to;
      else out.push([from, to]);
    }
  }
  return out;
}

/** `[from, to)` minus sorted disjoint `holes`. */
function subtract(
  from: number,
  to: number,
  holes: readonly (readonly [number, number])[],
): [number, number][] {
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

/** True when the status in force at `at` is one of `set`. */
function statusAt(statuses: readonly StatusChange[], at: number): string | undefined {
  let current: string | undefined;
  for (const change of statuses) {
    if (change.at > at) break;
    current = change.status;
  }
  return current;
}

/**
 * Per event of the ticket, whether it is a reply that counts as a response.
 *
 * @internal
 */
export function responses(model: PolicyModel, events: readonly HistoryEvent[]): boolean[] {
  return events.map((event) => countsAsResponse(model, event));
}

function countsAsResponse(model: PolicyModel, event: HistoryEvent): boolean {
  if (event.type !== 'replied' || event.author !== 'agent') return false;
  if (!event.public && !model.sla.responders.internalNotes) return false;
  return event.by === undefined || !model.sla.responders.exclude.has(event.by);
}

/**
 * The resolve and reopen instants, from the status timeline.
 *
 * @internal
 */
export function resolutions(
  model: PolicyModel,
  statuses: readonly StatusChange[],
): { at: number; resolved: boolean }[] {
  const out: { at: number; resolved: boolean }[] = [];
  let resolved = false;
  for (const change of statuses) {
    const now = model.sla.resolvedOn.has(change.status);
    if (now !== resolved) out.push({ at: change.at, resolved: now });
    resolved = now;
  }
  return out;
}

/**
 * The cycles of a metric (all but `resolution`), from the history: a cycle opens on its
 * start event, closes on its stop event (`met`) or at a resolve (`stopped`); nothing
 * starts while the ticket is resolved.
 */
function cyclesOf(
  metric: Exclude<MetricName, 'resolution'>,
  inputs: ClockInputs,
  createdAt: number,
): Cycle[] {
  const { ticket } = inputs;
  const cycles: Cycle[] = [];
  let open: number | undefined;
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
  if (metric === 'acknowledge' || metric === 'firstResponse') open = createdAt;
  // Statuses and events together, in order: a resolve closes whatever is open.
  const resolves = inputs.resolves;
  let r = 0;
  const applyResolvesUpTo = (at: number, inclusive: boolean): void => {
    while (r < resolves.length) {
      const change = resolves[r] as { at: number; resolved: boolean };
      if (inclusive ? change.at > at : change.at >= at) break;
      resolved = change.resolved;
      if (resolved) close(change.at, 'stopped');
      r++;
    }
  };
  const counting = inputs.responses;
  for (let e = 0; e < ticket.events.length; e++) {
    const event = ticket.events[e] as HistoryEvent;
    const response = counting[e] === true;
    // A status change at the same instant applies before the other events (docs/evaluation.md).
    applyResolvesUpTo(event.at, true);
    switch (metric) {
      case 'acknowledge':
        if (event.type === 'assigned') {
          // A new assignment starts a new cycle: the new owner must acknowledge.
          assignee = event.assignee;
          begin(event.at);
        } else if (
          event.type === 'acknowledged' &&
          open !== undefined &&
          (assignee === undefined || event.by === assignee)
        ) {
          close(event.at, 'met');
        }
        break;
      case 'firstResponse':
        if (open !== undefined && response) close(event.at, 'met');
        break;
      case 'nextResponse':
        if (event.type === 'replied' && event.author === 'customer') {
          if (open === undefined) begin(event.at);
        } else if (open !== undefined && response) close(event.at, 'met');
        break;
      case 'periodicUpdate':
        if (response || (event.type === 'updateSent' && event.audience === 'customer')) begin(event.at);
        break;
    }
  }
  applyResolvesUpTo(Number.POSITIVE_INFINITY, true);
  if (open !== undefined) cycles.push({ start: open, stop: undefined, how: undefined });
  return cycles;
}

/** The running segments of `resolution`: from creation, cut at each resolve, resumed at each reopen. */
function resolutionSegments(
  inputs: ClockInputs,
  createdAt: number,
): { segments: [number, number | undefined][]; stop: number | undefined } {
  const segments: [number, number | undefined][] = [];
  let start: number | undefined = createdAt;
  let stop: number | undefined;
  for (const change of inputs.resolves) {
    if (change.resolved && start !== undefined) {
      segments.push([start, change.at]);
      start = undefined;
      stop = change.at;
    } else if (!change.resolved && start === undefined) {
      start = change.at;
      stop = undefined;
    }
  }
  if (start !== undefined) segments.push([start, undefined]);
  return { segments, stop };
}

/** The instant at which `amount` of business time is counted over `intervals` (whose business times are `amounts`), or `undefined` if not within them. */
function instantOf(
  timeline: Timeline,
  intervals: readonly (readonly [number, number])[],
  amounts: readonly number[],
  amount: number,
): number | undefined {
  let counted = 0;
  for (let i = 0; i < intervals.length; i++) {
    const here = amounts[i] as number;
    if (counted + here >= amount) {
      return timeline.add((intervals[i] as readonly [number, number])[0], amount - counted) ?? undefined;
    }
    counted += here;
  }
  return undefined;
}

/**
 * Computes one metric's clock for a ticket (DESIGN §7): the latest cycle, its counted and
 * paused intervals, deadline, state and warnings. `undefined` when no cycle has started.
 *
 * @internal
 */
export function computeClock(metric: ModelMetric, inputs: ClockInputs): ClockResult | undefined {
  const { ticket, now } = inputs;
  const createdAt = ticket.createdAt;
  if (createdAt === undefined) return undefined;
  const timeline = timelineOf(metric.calendar, 'evaluate');

  // The latest cycle as running segments [from, to) and its stop.
  let segments: [number, number | undefined][];
  let stop: number | undefined;
  let how: 'met' | 'stopped' | undefined;
  if (metric.metric === 'resolution') {
    const resolution = resolutionSegments(inputs, createdAt);
    segments = resolution.segments;
    stop = resolution.stop;
    how = stop === undefined ? undefined : 'met';
  } else {
    const cycles =
      metric.metric === 'acknowledge'
        ? acknowledgeCycles(inputs)
        : cyclesOf(metric.metric, inputs, createdAt);
    const last = cycles[cycles.length - 1];
    if (last === undefined) return undefined;
    segments = [[last.start, last.stop]];
    stop = last.stop;
    how = last.how ?? (last.stop === undefined ? undefined : 'stopped');
  }
  const first = segments[0];
  if (first === undefined) return undefined;
  const startedAt = first[0];
  const end = stop ?? now;

  // Counted = running segments up to the stop (or now), minus paused statuses.
  const paused: [number, number][] = [];
  const counted: [number, number][] = [];
  for (const [from, to] of segments) {
    const until = Math.min(to ?? end, end);
    if (from >= until) continue;
    const holes = statusIntervals(ticket.statuses, metric.pauseOn, from, until);
    for (const hole of holes) paused.push(hole);
    for (const part of subtract(from, until, holes)) counted.push(part);
  }
  let elapsed = 0;
  // Business time of each counted interval, summed once and reused for every instant below.
  const amounts: number[] = [];
  for (const [a, b] of counted) {
    const amount = timeline.between(a, b);
    amounts.push(amount);
    elapsed += amount;
  }

  // Running now: open, and not paused at `now`.
  const open = stop === undefined;
  const pausedNow = open && metric.pauseOn.has(statusAt(ticket.statuses, now) ?? '');
  const runningNow = open && !pausedNow;

  // The deadline: when the counted time reaches the target — within the counted time when
  // it did, else ahead of `now` while running, else as it stood when the cycle stopped.
  let deadline: number | undefined;
  if (elapsed >= metric.targetMs) deadline = instantOf(timeline, counted, amounts, metric.targetMs);
  else if (runningNow) deadline = timeline.add(now, metric.targetMs - elapsed) ?? undefined;
  else if (!open) {
    // As it stood when the cycle stopped: known unless the clock was paused then.
    const stoppedAt = stop as number;
    const before = statusAt(ticket.statuses, Math.max(startedAt, stoppedAt - 1)) ?? '';
    if (!metric.pauseOn.has(before))
      deadline = timeline.add(stoppedAt, metric.targetMs - elapsed) ?? undefined;
  }
  // Breached: the target was reached while running (at or before now), or before the stop.
  const isBreached =
    elapsed >= metric.targetMs && deadline !== undefined && (open || (stop as number) > deadline);

  let state: ClockResult['state'];
  if (isBreached) state = 'breached';
  else if (!open) state = how ?? 'stopped';
  else state = pausedNow ? 'paused' : 'running';

  // Warnings: exact instants on the same counted time.
  const labels = metric.warnLabels;
  const warnings: WarningResult[] = [];
  let nextChangeAt: number | undefined;
  const warnCount = inputs.warnings === false ? 0 : metric.warnAt.length;
  for (let i = 0; i < warnCount; i++) {
    const point = metric.warnAt[i] as (typeof metric.warnAt)[number];
    const label = labels[i] ?? '';
    const amount =
      point.kind === 'fraction' ? Math.round(point.fraction * metric.targetMs) : metric.targetMs + point.ms;
    // At or before the start, or at or after the target: lint's `warning_after_target`.
    if (amount <= 0 || amount >= metric.targetMs) continue;
    if (elapsed > amount || (open && elapsed >= amount)) {
      const dueAt = instantOf(timeline, counted, amounts, amount);
      if (dueAt !== undefined) {
        warnings.push({ label, dueAt, state: dueAt < inputs.targetSince ? 'skipped' : 'passed' });
      }
      continue;
    }
    if (!open) continue; // A stopped cycle never reaches it.
    const dueAt = runningNow ? (timeline.add(now, amount - elapsed) ?? undefined) : undefined;
    warnings.push({ label, dueAt, state: 'upcoming' });
    if (dueAt !== undefined && dueAt > now) nextChangeAt = Math.min(nextChangeAt ?? dueAt, dueAt);
  }
  if (runningNow && !isBreached && deadline !== undefined && deadline > now) {
    nextChangeAt = Math.min(nextChangeAt ?? deadline, deadline);
  }
  return {
    metric: metric.metric,
    targetMs: metric.targetMs,
    calendarId: metric.calendarId,
    state,
    startedAt,
    deadline: pausedNow && !isBreached ? undefined : deadline,
    elapsedMs: elapsed,
    breachedAt: isBreached ? deadline : undefined,
    stoppedAt: stop,
    warnings,
    nextChangeAt,
    counted,
    paused,
    amounts,
    open,
    running: runningNow,
  };
}

/** Where a clock stands with respect to a point on it. */
export type PointInstant =
  /** Reached at `at` (within the counted time). */
  | { readonly reached: true; readonly at: number }
  /** Not reached yet: at `at` if the clock keeps running, `undefined` while paused or never open. */
  | { readonly reached: false; readonly at: number | undefined };

/**
 * When a clock reaches `amount` of counted business time: reached (and when), ahead (and
 * when, if it keeps running), or `undefined` when its cycle stopped short of it.
 *
 * @internal
 */
export function pointInstant(
  metric: ModelMetric,
  clock: ClockResult,
  amount: number,
  now: number,
): PointInstant | undefined {
  const timeline = timelineOf(metric.calendar, 'evaluate');
  // A cycle that stopped exactly at the point did not reach it (met at the deadline, not breached).
  if (clock.elapsedMs > amount || (clock.open && clock.elapsedMs >= amount)) {
    const at = instantOf(timeline, clock.counted, clock.amounts, amount);
    return at === undefined ? undefined : { reached: true, at };
  }
  if (!clock.open) return undefined;
  return {
    reached: false,
    at: clock.running ? (timeline.add(now, amount - clock.elapsedMs) ?? undefined) : undefined,
  };
}

/**
 * The acknowledge cycles of a ticket: from creation and from each assignment, to the
 * acknowledgement by the owner (`met`), a resolve (`stopped`) or the next assignment.
 *
 * @internal
 */
export function acknowledgeCycles(inputs: ClockInputs): readonly Cycle[] {
  const createdAt = inputs.ticket.createdAt;
  if (createdAt === undefined) return [];
  // The acknowledge clock and escalation planning both need them: computed once per inputs.
  let cycles = ACKNOWLEDGE_CYCLES.get(inputs);
  if (cycles === undefined) {
    cycles = cyclesOf('acknowledge', inputs, createdAt);
    ACKNOWLEDGE_CYCLES.set(inputs, cycles);
  }
  return cycles;
}

/** The acknowledge cycles of each clock inputs (one evaluation's), while the inputs live. */
const ACKNOWLEDGE_CYCLES = new WeakMap<ClockInputs, readonly Cycle[]>();
