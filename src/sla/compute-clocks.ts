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
  /**
   * The history walked once for every metric of these inputs: filled by the clocks, kept in
   * the inputs (one evaluation's) rather than in the module, so that no ticket outlives its
   * evaluation. Callers leave it `undefined`.
   */
  walked?: Walked | undefined;
}

/** The counted and paused parts of a clock's cycle, built in one pass over its segments. */
interface Parts {
  /** `undefined` while empty (see {@link NONE}). */
  counted: [number, number][] | undefined;
  paused: [number, number][] | undefined;
  /** The business time of each counted part. */
  amounts: number[] | undefined;
  /** The sum of `amounts`, in their order. */
  elapsed: number;
}

/**
 * The empty list of intervals or amounts. Lists are made on their first entry, as literals:
 * most clocks count one interval and pause none, and an array grown from `[]` by `push`
 * reserves room for 17 entries.
 */
const NONE: readonly never[] = Object.freeze([]);

/** Counts `[from, to)` as one counted part. */
function countPart(parts: Parts, timeline: Timeline, from: number, to: number): void {
  const amount = timeline.between(from, to);
  if (parts.counted === undefined || parts.amounts === undefined) {
    parts.counted = [[from, to]];
    parts.amounts = [amount];
  } else {
    parts.counted.push([from, to]);
    parts.amounts.push(amount);
  }
  parts.elapsed += amount;
}

/**
 * Splits the running segment `[from, to)` into the intervals in which the status is in
 * `pauseOn` (paused; touching ones joined) and the rest (counted), appended to `parts`.
 * Streams over the status timeline: a clock is computed per metric and per decision, and
 * listing the paused intervals first and then subtracting them allocated two lists per
 * segment. Each paused interval is final once the next one does not touch it; it is then
 * subtracted from what remains of the segment, as `cursor` walks it.
 */
function splitSegment(
  parts: Parts,
  timeline: Timeline,
  statuses: readonly StatusChange[],
  pauseOn: ReadonlySet<string>,
  from: number,
  to: number,
): void {
  let cursor = from;
  if (pauseOn.size > 0) {
    let holeFrom = 0;
    let holeTo = 0;
    let hole = false;
    for (let i = 0; i < statuses.length; i++) {
      const change = statuses[i] as StatusChange;
      if (!pauseOn.has(change.status)) continue;
      const a = Math.max(change.at, from);
      const b = Math.min(statuses[i + 1]?.at ?? Number.POSITIVE_INFINITY, to);
      if (!(a < b)) continue;
      if (hole && holeTo === a) {
        holeTo = b;
        continue;
      }
      if (hole) cursor = subtractHole(parts, timeline, cursor, holeFrom, holeTo, to);
      holeFrom = a;
      holeTo = b;
      hole = true;
    }
    if (hole) cursor = subtractHole(parts, timeline, cursor, holeFrom, holeTo, to);
  }
  if (cursor < to) countPart(parts, timeline, cursor, to);
}

/** Records the paused interval `[a, b)` and counts the part of `[cursor, to)` before it; returns the new cursor. */
function subtractHole(
  parts: Parts,
  timeline: Timeline,
  cursor: number,
  a: number,
  b: number,
  to: number,
): number {
  if (parts.paused === undefined) parts.paused = [[a, b]];
  else parts.paused.push([a, b]);
  if (b <= cursor || a >= to) return cursor;
  if (a > cursor) countPart(parts, timeline, cursor, a);
  return Math.max(cursor, b);
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

/** One metric's cycles while the history is walked: the open one, and the latest that ended. */
interface Walk {
  open: number | undefined;
  /** The latest cycle that ended (`start` is `undefined` while none has). */
  start: number | undefined;
  stop: number;
  how: Cycle['how'];
  /** Every ended cycle, in order, for the metrics that need them all. */
  readonly all: Cycle[] | undefined;
}

function walkFrom(open: number | undefined, all: Cycle[] | undefined): Walk {
  return { open, start: undefined, stop: 0, how: undefined, all };
}

/** Ends the open cycle, if any, at `at`. */
function endCycle(walk: Walk, at: number, how: Cycle['how']): void {
  const open = walk.open;
  if (open === undefined) return;
  walk.start = open;
  walk.stop = at;
  walk.how = how;
  walk.open = undefined;
  walk.all?.push({ start: open, stop: at, how });
}

/** Starts a cycle at `at`; one already open ends there, neither met nor stopped. */
function beginCycle(walk: Walk, at: number): void {
  endCycle(walk, at, undefined);
  walk.open = at;
}

/**
 * The cycles of every metric but `resolution` for one clock inputs.
 *
 * @internal
 */
export interface Walked {
  /** Every acknowledge cycle, in order: escalations read them all. */
  readonly cycles: readonly Cycle[];
  readonly acknowledge: Walk;
  readonly firstResponse: Walk;
  readonly nextResponse: Walk;
  readonly periodicUpdate: Walk;
}

/**
 * The cycles of the metrics (all but `resolution`), from the history: a cycle opens on its
 * start event, closes on its stop event (`met`) or at a resolve (`stopped`); nothing starts
 * while the ticket is resolved. One walk serves the four metrics: the history is the same
 * for each and most of its events (actions performed, status changes) concern none.
 */
function walkHistory(inputs: ClockInputs, createdAt: number): Walked {
  const { events } = inputs.ticket;
  const counting = inputs.responses;
  const resolves = inputs.resolves;
  const cycles: Cycle[] = [];
  const acknowledge = walkFrom(createdAt, cycles);
  const firstResponse = walkFrom(createdAt, undefined);
  const nextResponse = walkFrom(undefined, undefined);
  const periodicUpdate = walkFrom(undefined, undefined);
  let resolved = false;
  let assignee: string | undefined;
  let r = 0;
  for (let e = 0; e <= events.length; e++) {
    const event = events[e];
    const at = event === undefined ? Number.POSITIVE_INFINITY : event.at;
    // Statuses and events together, in order: a resolve closes whatever is open, and a status
    // change at the same instant applies before the other events (docs/evaluation.md).
    for (; r < resolves.length; r++) {
      const change = resolves[r] as ClockInputs['resolves'][number];
      if (change.at > at) break;
      resolved = change.resolved;
      if (!resolved) continue;
      endCycle(acknowledge, change.at, 'stopped');
      endCycle(firstResponse, change.at, 'stopped');
      endCycle(nextResponse, change.at, 'stopped');
      endCycle(periodicUpdate, change.at, 'stopped');
    }
    if (event === undefined) break;
    // The kind is read once: events of different kinds have different shapes, and each read
    // of a field they share goes through a slow, many-shaped lookup.
    const { type } = event;
    const response = counting[e] === true;
    let customerReply = false;
    let customerUpdate = false;
    if (type === 'assigned') {
      // A new assignment starts a new cycle: the new owner must acknowledge.
      assignee = event.assignee;
      if (!resolved) beginCycle(acknowledge, at);
    } else if (type === 'acknowledged') {
      if (assignee === undefined || event.by === assignee) endCycle(acknowledge, at, 'met');
    } else if (type === 'replied') customerReply = event.author === 'customer';
    else if (type === 'updateSent') customerUpdate = event.audience === 'customer';
    if (response) endCycle(firstResponse, at, 'met');
    if (customerReply) {
      if (nextResponse.open === undefined && !resolved) nextResponse.open = at;
    } else if (response) endCycle(nextResponse, at, 'met');
    if (!resolved && (response || customerUpdate)) beginCycle(periodicUpdate, at);
  }
  if (acknowledge.open !== undefined)
    cycles.push({ start: acknowledge.open, stop: undefined, how: undefined });
  return { cycles, acknowledge, firstResponse, nextResponse, periodicUpdate };
}

/**
 * The walked history of `inputs`, walked on first use. Every clock of a decision and its
 * escalation planning ask for it (a WeakMap from inputs cost about 1 µs a decision, each
 * inputs being a new key; walking once per metric cost more).
 */
function walked(inputs: ClockInputs, createdAt: number): Walked {
  let found = inputs.walked;
  if (found === undefined) {
    found = walkHistory(inputs, createdAt);
    inputs.walked = found;
  }
  return found;
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

  // The latest cycle: its start and stop, and for `resolution` its running segments.
  let segments: readonly (readonly [number, number | undefined])[] | undefined;
  let startedAt: number;
  let stop: number | undefined;
  let how: 'met' | 'stopped' | undefined;
  if (metric.metric === 'resolution') {
    const resolution = resolutionSegments(inputs, createdAt);
    segments = resolution.segments;
    const first = segments[0];
    if (first === undefined) return undefined;
    startedAt = first[0];
    stop = resolution.stop;
    how = stop === undefined ? undefined : 'met';
  } else {
    const walk = walked(inputs, createdAt)[metric.metric];
    if (walk.open !== undefined) {
      startedAt = walk.open;
      stop = undefined;
      how = undefined;
    } else if (walk.start !== undefined) {
      startedAt = walk.start;
      stop = walk.stop;
      how = walk.how ?? 'stopped';
    } else return undefined;
  }
  const end = stop ?? now;

  // Counted = running segments up to the stop (or now), minus paused statuses, with the
  // business time of each counted interval, summed once and reused for every instant below.
  const parts: Parts = { counted: undefined, paused: undefined, amounts: undefined, elapsed: 0 };
  if (segments === undefined) {
    // The one segment of a cycle runs to its stop, or to `now` while open: to `end` either way.
    if (startedAt < end) splitSegment(parts, timeline, ticket.statuses, metric.pauseOn, startedAt, end);
  } else {
    for (const [from, to] of segments) {
      const until = Math.min(to ?? end, end);
      if (from < until) splitSegment(parts, timeline, ticket.statuses, metric.pauseOn, from, until);
    }
  }
  const { counted = NONE, paused = NONE, amounts = NONE, elapsed } = parts;

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
  return walked(inputs, createdAt).cycles;
}
