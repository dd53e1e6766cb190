import { daysFromCivil } from '../internal/index.js';

const HOUR = 3_600_000;
/** Offsets on Earth stay within ±15 h (local mean times included); margin for sampling. */
const OFFSET_MARGIN_MS = 26 * HOUR;
/** Offsets are sampled this far apart; two changes closer than this are not expected. */
const SAMPLE_STEP_MS = 6 * HOUR;

/** Reads a zone's UTC offset at any instant from `Intl`, the only source of zone data. */
export interface ZoneOffsets {
  /** The canonical IANA name reported by `Intl`. */
  readonly timeZone: string;
  /** The offset (local minus UTC, in ms) in force at an instant. */
  offsetAt(ms: number): number;
}

/** One offset change: from `at` on, `offset` is in force. */
export interface Transition {
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

/**
 * Creates an offset reader for an IANA zone, or returns `undefined` if `Intl`
 * does not know the zone.
 *
 * @internal
 */
export function createZoneOffsets(timeZone: string): ZoneOffsets | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return undefined;
  }
  const canonical = format.resolvedOptions().timeZone;
  return {
    timeZone: canonical,
    offsetAt(ms: number): number {
      const second = Math.floor(ms / 1000) * 1000;
      // "M/D/YYYY, HH:MM:SS" in the en-US locale with a 23-hour cycle.
      const text = format.format(second);
      const m = /^(\d+)\/(\d+)\/(\d+),?\s+(\d+):(\d+):(\d+)$/.exec(text);
      if (m === null) throw new Error(`unexpected Intl output \`${text}\``);
      const local =
        daysFromCivil(Number(m[3]), Number(m[1]), Number(m[2])) * 86_400_000 +
        Number(m[4]) * HOUR +
        Number(m[5]) * 60_000 +
        Number(m[6]) * 1000;
      return local - second;
    },
  };
}

/**
 * Finds every offset change in `[fromMs, toMs]` by sampling and bisecting to the
 * millisecond. Returns the offset in force at `fromMs` and the changes in order.
 *
 * @internal
 */
export function findTransitions(
  zone: ZoneOffsets,
  fromMs: number,
  toMs: number,
): { initial: number; transitions: Transition[] } {
  const initial = zone.offsetAt(fromMs);
  const transitions: Transition[] = [];
  let prevAt = fromMs;
  let prevOffset = initial;
  for (let at = fromMs + SAMPLE_STEP_MS; ; at += SAMPLE_STEP_MS) {
    const sampleAt = Math.min(at, toMs);
    const offset = zone.offsetAt(sampleAt);
    if (offset !== prevOffset) {
      // INVARIANT: offsetAt(lo) === prevOffset, offsetAt(hi) !== prevOffset.
      let lo = prevAt;
      let hi = sampleAt;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zone.offsetAt(mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      const after = zone.offsetAt(hi);
      transitions.push({ at: hi, before: prevOffset, after });
      prevOffset = after;
      prevAt = hi;
      if (after !== offset) {
        // A second change inside one sample step: continue the scan from here.
        at = hi;
        continue;
      }
    }
    prevAt = sampleAt;
    if (sampleAt >= toMs) break;
  }
  return { initial, transitions };
}

/**
 * Resolves local wall times to instants inside a window of time, like Temporal's
 * `disambiguation: "compatible"`: a wall time in a gap moves forward by the gap's
 * length; a wall time in an overlap takes the earlier instant.
 */
export interface WallClockResolver {
  /** The instant of a local wall time given as milliseconds of a UTC-labelled clock. */
  resolve(localMs: number): number;
}

/**
 * Creates a resolver valid for wall times whose instants fall inside
 * `[fromLocalMs - 26h, toLocalMs + 26h]`.
 *
 * @internal
 */
export function createWallClockResolver(
  zone: ZoneOffsets,
  fromLocalMs: number,
  toLocalMs: number,
): WallClockResolver {
  const { initial, transitions } = findTransitions(
    zone,
    fromLocalMs - OFFSET_MARGIN_MS,
    toLocalMs + OFFSET_MARGIN_MS,
  );
  if (transitions.length === 0) {
    return { resolve: (localMs) => localMs - initial };
  }
  return {
    resolve(localMs: number): number {
      // Segment i has offset offsets[i] on [starts[i], starts[i + 1]).
      let segmentStart = Number.NEGATIVE_INFINITY;
      let offset = initial;
      for (let i = 0; i <= transitions.length; i++) {
        const next = transitions[i];
        const segmentEnd = next === undefined ? Number.POSITIVE_INFINITY : next.at;
        const candidate = localMs - offset;
        if (candidate >= segmentStart && candidate < segmentEnd) return candidate; // earliest valid
        if (next !== undefined && candidate >= segmentEnd && localMs - next.after < next.at) {
          // In the gap this transition opens: keep the offset before it (moves forward).
          return candidate;
        }
        if (next === undefined) break;
        segmentStart = next.at;
        offset = next.after;
      }
      return localMs - offset;
    },
  };
}
