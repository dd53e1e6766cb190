import { MAX_INSTANT_MS, MIN_INSTANT_MS, toEpochMs } from '../internal/index.js';

/**
 * Epoch ms of an instant argument inside the supported range, or the contract's programmer error.
 *
 * @internal
 */
export function instantArg(value: unknown, fn: string, what = 'instant'): number {
  const ms = toEpochMs(value, fn, what);
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) {
    throw new RangeError(`${fn}: ${what} is outside the supported range (years 1000 to 9999)`);
  }
  return ms;
}
