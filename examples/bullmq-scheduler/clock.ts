/**
 * Where `now` comes from. Production reads the real clock; the check and the test run a
 * scaled simulated clock so that escalations due minutes or hours apart play out in seconds.
 * Every process of a run builds the same clock from the same three numbers, so they all agree
 * on the simulated instant (on one machine; across machines, as far as NTP keeps them).
 */

/** The clock every process of a deployment shares. */
export interface SchedulerClock {
  /** The current instant (simulated when `speed` is not 1). */
  now(): Date;
  /** The real epoch milliseconds at which the clock shows `atMs`: when a delayed job must fire. */
  realTimeOf(atMs: number): number;
}

/** A scaled clock: `simulated = epochMs + (real − startMs) × speed`. */
export interface ScaledClockOptions {
  /** The simulated instant shown at `startMs`. */
  readonly epochMs: number;
  /** The real instant (epoch ms) at which the clock shows `epochMs`. */
  readonly startMs: number;
  /** Simulated milliseconds per real millisecond (1 in production). */
  readonly speed: number;
}

/** The real clock: `now` is the time of day, and a delayed job fires at the instant it names. */
export const realClock: SchedulerClock = {
  now: () => new Date(),
  realTimeOf: (atMs) => atMs,
};

/**
 * A clock that runs `speed` times faster than real time from `epochMs`. With `speed: 1` and
 * `epochMs === startMs` it is the real clock.
 *
 * @param options - The simulated instant at the real start, and the speed.
 * @returns The clock.
 * @example
 * const clock = createScaledClock({ epochMs: Date.parse('2026-03-09T13:00:00Z'), startMs: Date.now(), speed: 600 });
 * // one real second later: 2026-03-09T13:10:00Z
 */
export function createScaledClock(options: ScaledClockOptions): SchedulerClock {
  const { epochMs, startMs, speed } = options;
  if (![epochMs, startMs, speed].every(Number.isFinite) || speed <= 0) {
    throw new RangeError('createScaledClock: epochMs and startMs must be finite, speed positive');
  }
  return {
    now: () => new Date(Math.floor(epochMs + (Date.now() - startMs) * speed)),
    // Rounded up: a job never fires before the clock shows its instant (now() rounds down).
    realTimeOf: (atMs) => startMs + Math.ceil((atMs - epochMs) / speed),
  };
}

/** The environment variable that carries a scaled clock to worker processes: `epochMs,startMs,speed`. */
export const CLOCK_ENV = 'ESCALATION_CLOCK';

/**
 * The clock of a worker process: the scaled clock named by `ESCALATION_CLOCK`, else the real one.
 *
 * @param value - The variable's value (`process.env[CLOCK_ENV]`).
 * @returns The clock.
 * @example
 * clockFromEnv(undefined) === realClock; //=> true
 * clockFromEnv(formatClockEnv({ epochMs: 0, startMs: Date.now(), speed: 600 })).now();
 */
export function clockFromEnv(value: string | undefined): SchedulerClock {
  if (value === undefined || value === '') return realClock;
  const [epochMs, startMs, speed] = value.split(',').map(Number);
  if (epochMs === undefined || startMs === undefined || speed === undefined) {
    throw new RangeError(`${CLOCK_ENV}: expected \`epochMs,startMs,speed\``);
  }
  return createScaledClock({ epochMs, startMs, speed });
}

/**
 * The value of `ESCALATION_CLOCK` for a scaled clock.
 *
 * @param options - The clock.
 * @returns `epochMs,startMs,speed`.
 * @example
 * formatClockEnv({ epochMs: 1, startMs: 2, speed: 600 }); //=> '1,2,600'
 */
export function formatClockEnv(options: ScaledClockOptions): string {
  return `${options.epochMs},${options.startMs},${options.speed}`;
}
