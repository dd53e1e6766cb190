import {
  MAX_INSTANT_MS,
  MIN_INSTANT_MS,
  quote,
  suggestion,
  toEpochMs,
  type Instant,
} from '../internal/index.js';
import { modelOf, type Policy } from '../policy/index.js';
import { onCallIn } from './on-call.js';

/**
 * Tells who is on call in a schedule of a policy at an instant: the members of the last
 * override that covers it, else the member whose turn it is in the last layer that has
 * someone on call (started, and inside its weekly restrictions), else nobody.
 *
 * @param policy - A policy from `compilePolicy`.
 * @param scheduleId - The id of one of the policy's `schedules`.
 * @param at - The instant: an ISO 8601 string with an offset, a `Date` or epoch milliseconds.
 * @returns The ids of the people on call, in the order the override lists them (one id for a
 *   layer's turn, none when nobody is on call); a new array on every call.
 * @throws `TypeError` when `policy` did not come from `compilePolicy` or `scheduleId` is not
 *   a string; `RangeError` for a schedule id the policy does not have (with a suggestion when
 *   one is close); `RangeError` or `TypeError` for an invalid `at` or one outside the years
 *   1000 to 9999.
 * @example
 * ```ts
 * // The policy's schedule `primary` (in `schedules`):
 * // { timezone: 'America/New_York',
 * //   layers: [{ start: '2026-03-02T09:00', turn: '1d', members: ['ana', 'ben', 'chen'] }] }
 * onCallAt(policy, 'primary', '2026-03-02T12:00:00-05:00') //=> ['ana']
 * onCallAt(policy, 'primary', '2026-03-03T09:00:00-05:00') //=> ['ben']
 * onCallAt(policy, 'primary', '2026-03-01T12:00:00-05:00') //=> [] (before the first turn)
 * ```
 */
export function onCallAt(policy: Policy, scheduleId: string, at: Instant): string[] {
  const model = modelOf(policy, 'onCallAt');
  const id: unknown = scheduleId;
  if (typeof id !== 'string') throw new TypeError('onCallAt: scheduleId must be a string');
  const schedule = model.schedules.get(id);
  if (schedule === undefined) {
    throw new RangeError(`onCallAt: unknown schedule ${quote(id)}${suggestion(id, model.schedules.keys())}`);
  }
  const ms = toEpochMs(at, 'onCallAt', 'at');
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) {
    throw new RangeError('onCallAt: at is outside the supported range (years 1000 to 9999)');
  }
  // A copy: the caller owns the result; the schedule's own lists stay untouched.
  return [...onCallIn(schedule, ms)];
}
