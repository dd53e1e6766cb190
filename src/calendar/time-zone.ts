import { daysFromCivil } from '../internal/index.js';

const HOUR = 3_600_000;
/** Offsets on Earth stay within ±15 h (local mean times included); margin for sampling. */
const OFFSET_MARGIN_MS = 26 * HOUR;
/**
 * Offsets are sampled a day apart, then each change is found by bisection. Two
 * changes that cancel out within one day would go unseen; tzdata has none (the
 * closest changes in the 2026 data are about four days apart), and a test checks
 * the transitions of eight zones against an hourly scan.
 */
const SAMPLE_STEP_MS = 24 * HOUR;

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

type Fields = readonly [
  month: number,
  day: number,
  year: number,
  hour: number,
  minute: number,
  second: number,
];

/** Month, day, year, hour, minute and second from `formatToParts`, in that order. */
function fieldsFromParts(parts: readonly Intl.DateTimeFormatPart[]): Fields {
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  return [value('month'), value('day'), value('year'), value('hour'), value('minute'), value('second')];
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
      // en-US with a 23-hour cycle prints "M/D/YYYY, HH:MM:SS"; read the six numbers whatever
      // the separators, and fall back to formatToParts if a runtime prints something else.
      const fields = format.format(second).match(/\d+/g);
      const [month, day, year, hour, minute, sec] =
        fields?.length === 6
          ? (fields.map(Number) as unknown as Fields)
          : fieldsFromParts(format.formatToParts(second));
      const local = daysFromCivil(year, month, day) * 86_400_000 + hour * HOUR + minute * 60_000 + sec * 1000;
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
  return { resolve: (localMs) => resolveWith(initial, transitions, localMs) };
}

/** `compatible` resolution of a wall time, given the offset changes around it. */
function resolveWith(initial: number, transitions: readonly Transition[], localMs: number): number {
  // The offsets in force are `initial` before the first change, then each change's `after`.
  let offset = initial;
  for (const next of transitions) {
    const candidate = localMs - offset;
    // Valid before this change: the earliest instant showing this wall time (overlap → earlier).
    if (candidate < next.at) return candidate;
    // In the gap this change opens: keep the offset before it, which moves the time forward.
    if (localMs - next.after < next.at) return candidate;
    offset = next.after;
  }
  return localMs - offset;
}

/** A zone read at any instant and wall time, from offset changes remembered by 32-day blocks. */
export interface ZoneReader {
  /** The offset (local minus UTC, in ms) in force at an instant. */
  offsetAt(ms: number): number;
  /** The instant of a local wall time (ms of a UTC-labelled clock), `compatible` disambiguation. */
  resolve(localMs: number): number;
}

const READER_BLOCK_MS = 32 * 24 * HOUR;
/** Blocks remembered per reader: about 22 years of offsets; the oldest is forgotten first. */
const READER_BLOCKS = 256;

/**
 * Wraps a zone so that repeated reads cost a map lookup instead of `Intl` calls: the offset
 * changes of each 32-day block are found once (a cache inside the reader, invisible in results).
 *
 * @internal
 */
export function createZoneReader(zone: ZoneOffsets): ZoneReader {
  const blocks = new Map<number, { initial: number; transitions: Transition[] }>();
  const block = (index: number): { initial: number; transitions: Transition[] } => {
    let found = blocks.get(index);
    if (found === undefined) {
      found = findTransitions(zone, index * READER_BLOCK_MS, (index + 1) * READER_BLOCK_MS);
      if (blocks.size >= READER_BLOCKS) blocks.delete(blocks.keys().next().value as number);
      blocks.set(index, found);
    }
    return found;
  };
  const offsetAt = (ms: number): number => {
    const { initial, transitions } = block(Math.floor(ms / READER_BLOCK_MS));
    let offset = initial;
    for (const change of transitions) {
      if (ms < change.at) break;
      offset = change.after;
    }
    return offset;
  };
  return {
    offsetAt,
    resolve(localMs: number): number {
      const from = localMs - OFFSET_MARGIN_MS;
      const to = localMs + OFFSET_MARGIN_MS;
      const first = Math.floor(from / READER_BLOCK_MS);
      const last = Math.floor(to / READER_BLOCK_MS);
      const transitions: Transition[] = [];
      for (let i = first; i <= last; i++) {
        for (const change of block(i).transitions) {
          if (change.at > from && change.at <= to) transitions.push(change);
        }
      }
      return resolveWith(offsetAt(from), transitions, localMs);
    },
  };
}
