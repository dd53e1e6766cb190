import { timelineOf } from '../calendar/index.js';
import type { ModelSchedule, ShiftMemo } from '../policy/index.js';

const DAY = 86_400_000;

type ScheduleTime = ModelSchedule['layers'][number]['start'];

/** The local wall-clock milliseconds (a UTC-labelled clock) of a schedule time. */
function localOf(schedule: ModelSchedule, time: ScheduleTime): number {
  if (time.kind === 'local') return time.days * DAY + Math.round(time.minutes * 60_000);
  return time.ms + schedule.zone.offsetAt(time.ms);
}

/** The index of the turn in force at `at`, or `undefined` before the layer starts. */
function turnAt(
  schedule: ModelSchedule,
  layer: ModelSchedule['layers'][number],
  at: number,
): number | undefined {
  const start = layer.startMs;
  if (at < start) return undefined;
  if (layer.turn.kind === 'exact') return Math.floor((at - start) / layer.turn.ms);
  // Whole-day turns hand off at the same local wall time, whatever DST does in between.
  const length = layer.turn.days * DAY;
  const origin = localOf(schedule, layer.start);
  const localNow = at + schedule.zone.offsetAt(at);
  let k = Math.max(0, Math.floor((localNow - origin) / length));
  const handoff = (n: number): number => {
    const local = origin + n * length;
    return schedule.zone.resolve(local);
  };
  while (k > 0 && handoff(k) > at) k--;
  while (handoff(k + 1) <= at) k++;
  return k;
}

/** Instants after `at` at which some part of the schedule may hand over. */
function candidates(schedule: ModelSchedule, at: number): number[] {
  const out: number[] = [];
  for (const override of schedule.overrides) {
    if (override.fromMs > at) out.push(override.fromMs);
    if (override.toMs > at) out.push(override.toMs);
  }
  // From the last layer back: a started layer without restrictions hides every earlier one
  // for good, so their turns are no edges (a fast rotation under it would use up the steps).
  for (let i = schedule.layers.length - 1; i >= 0; i--) {
    const layer = schedule.layers[i];
    if (layer === undefined) continue;
    const start = layer.startMs;
    if (start > at) out.push(start);
    // A single member stays on call from turn to turn: only the start is an edge.
    else if (layer.members.length > 1) {
      const turn = turnAt(schedule, layer, at) ?? 0;
      if (layer.turn.kind === 'exact') out.push(start + (turn + 1) * layer.turn.ms);
      else {
        const local = localOf(schedule, layer.start) + (turn + 1) * layer.turn.days * DAY;
        out.push(schedule.zone.resolve(local));
      }
    }
    if (layer.restrictions !== undefined) {
      const edge = timelineOf(layer.restrictions, 'evaluate').nextChange(at);
      if (edge !== null) out.push(edge);
    } else if (start <= at && layer.members.length > 0) break;
  }
  return out;
}

/** How far ahead a handoff is looked for: beyond it, the decision is re-evaluated anyway. */
const HORIZON = 400 * DAY;

/**
 * The first instant after `at` at which the people on call change, or `undefined` when
 * nobody hands over within 400 days. After 1000 edges without a change (turns of a layer
 * that a later one hides), the last edge looked at: nobody changes before it, and the
 * search goes on from there when it is asked again.
 *
 * @internal
 */
export function nextOnCallChange(schedule: ModelSchedule, at: number): number | undefined {
  const memo = schedule.memo;
  const known = spanAt(memo, at);
  if (known >= 0) return memo.next[known];
  const members = compute(schedule, at);
  const found = findNextChange(schedule, at, members);
  // An instant to look again (out of steps) depends on where the search started: remembered,
  // it would answer a later instant differently from a fresh search, and decisions must not
  // depend on what was asked before.
  if (found.exact) remember(memo, at, found.next ?? at + 1, members, found.next);
  return found.next;
}

/** Most spans a schedule remembers (a year of 12-hour turns); past it, the memo starts again. */
const MAX_SPANS = 1024;

/** The index of the first remembered span that starts after `at` (the count if none). */
function firstAfter(memo: ShiftMemo, at: number): number {
  const from = memo.from;
  let lo = 0;
  let hi = from.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((from[mid] as number) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the remembered span that holds `at`, or -1. */
function spanAt(memo: ShiftMemo, at: number): number {
  const i = firstAfter(memo, at) - 1;
  return i >= 0 && at < (memo.to[i] as number) ? i : -1;
}

/**
 * Remembers that from `at` until `to` the people on call are `members` and the next handoff
 * is `next`. `at` is in no remembered span. A span that starts later and ends at the same
 * handoff is the same shift seen from a later instant: it is stretched back to `at`.
 */
function remember(
  memo: ShiftMemo,
  at: number,
  to: number,
  members: readonly string[],
  next: number | undefined,
): void {
  if (memo.from.length >= MAX_SPANS) {
    memo.from.length = 0;
    memo.to.length = 0;
    memo.members.length = 0;
    memo.next.length = 0;
  }
  const i = firstAfter(memo, at);
  const following = memo.from[i];
  if (following !== undefined && memo.to[i] === to && memo.next[i] === next) {
    memo.from[i] = at;
    return;
  }
  // Spans never overlap: a later span starts where this one must end at the latest.
  memo.from.splice(i, 0, at);
  memo.to.splice(i, 0, following === undefined ? to : Math.min(to, following));
  memo.members.splice(i, 0, members);
  memo.next.splice(i, 0, next);
}

/**
 * The next handoff after `at` (`exact`), or, out of steps before the horizon, an instant to
 * look again before which nobody changes (not `exact`).
 */
function findNextChange(
  schedule: ModelSchedule,
  at: number,
  members: readonly string[],
): { next: number | undefined; exact: boolean } {
  const current = members.join('\u0000');
  let cursor = at;
  // Each step moves to the next edge of an override, a turn or a restriction window.
  for (let step = 0; step < 1000 && cursor < at + HORIZON; step++) {
    const next = Math.min(...candidates(schedule, cursor));
    if (!Number.isFinite(next)) return { next: undefined, exact: true };
    if (compute(schedule, next).join('\u0000') !== current) return { next, exact: true };
    cursor = next;
  }
  // Out of steps before the horizon: nobody changes up to `cursor`, so it is a safe instant to
  // look again (never later than the real handoff, which `undefined` would hide).
  if (cursor > at && cursor < at + HORIZON) return { next: cursor, exact: false };
  return { next: undefined, exact: true };
}

/**
 * The people on call in a schedule at an instant: the last override that covers it, else
 * the last layer that has someone (started, and inside its restrictions), else nobody.
 *
 * @internal
 */
export function onCallIn(schedule: ModelSchedule, at: number): readonly string[] {
  // Answers are remembered with the span in which they hold (a cache, invisible in results).
  const memo = schedule.memo;
  const known = spanAt(memo, at);
  return known >= 0 ? (memo.members[known] as readonly string[]) : compute(schedule, at);
}

function compute(schedule: ModelSchedule, at: number): readonly string[] {
  for (let i = schedule.overrides.length - 1; i >= 0; i--) {
    const override = schedule.overrides[i];
    if (override === undefined) continue;
    if (override.fromMs <= at && at < override.toMs) return override.members;
  }
  for (let i = schedule.layers.length - 1; i >= 0; i--) {
    const layer = schedule.layers[i];
    if (layer === undefined || layer.members.length === 0) continue;
    if (layer.restrictions !== undefined && !timelineOf(layer.restrictions, 'evaluate').isOpen(at)) continue;
    const turn = turnAt(schedule, layer, at);
    if (turn === undefined) continue;
    const member = layer.members[turn % layer.members.length];
    if (member !== undefined) return [member];
  }
  return [];
}
