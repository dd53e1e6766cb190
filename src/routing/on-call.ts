import { createWallClockResolver, timelineOf } from '../calendar/index.js';
import type { ModelSchedule } from '../policy/index.js';

const DAY = 86_400_000;

type ScheduleTime = ModelSchedule['layers'][number]['start'];

/** The instant of a schedule time: local wall times resolve in the schedule's zone. */
function instantOf(schedule: ModelSchedule, time: ScheduleTime): number {
  if (time.kind === 'instant') return time.ms;
  const local = time.days * DAY + Math.round(time.minutes * 60_000);
  return createWallClockResolver(schedule.zone, local, local).resolve(local);
}

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
  const start = instantOf(schedule, layer.start);
  if (at < start) return undefined;
  if (layer.turn.kind === 'exact') return Math.floor((at - start) / layer.turn.ms);
  // Whole-day turns hand off at the same local wall time, whatever DST does in between.
  const length = layer.turn.days * DAY;
  const origin = localOf(schedule, layer.start);
  const localNow = at + schedule.zone.offsetAt(at);
  let k = Math.max(0, Math.floor((localNow - origin) / length));
  const handoff = (n: number): number => {
    const local = origin + n * length;
    return createWallClockResolver(schedule.zone, local, local).resolve(local);
  };
  while (k > 0 && handoff(k) > at) k--;
  while (handoff(k + 1) <= at) k++;
  return k;
}

/**
 * The people on call in a schedule at an instant: the last override that covers it, else
 * the last layer that has someone (started, and inside its restrictions), else nobody.
 *
 * @internal
 */
export function onCallIn(schedule: ModelSchedule, at: number): readonly string[] {
  for (let i = schedule.overrides.length - 1; i >= 0; i--) {
    const override = schedule.overrides[i];
    if (override === undefined) continue;
    if (instantOf(schedule, override.from) <= at && at < instantOf(schedule, override.to))
      return override.members;
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
