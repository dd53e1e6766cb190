import { MAX_INSTANT_MS, MIN_INSTANT_MS, civilFromDays, weekdayOfDays } from '../internal/index.js';
import { createWallClockResolver, type ZoneOffsets } from './time-zone.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Local days per block of precomputed open periods. */
const BLOCK_DAYS = 64;
/** Blocks kept per calendar (about 2 KB each); older ones are rebuilt on demand. */
const MAX_CACHED_BLOCKS = 4096;
const EMPTY = new Float64Array(0);

/** Results past the supported range are `null`: the calendar does not open again in it. */
function withinRange(at: number): number | null {
  return at > MAX_INSTANT_MS ? null : at;
}

/**
 * Sorts and merges inclusive day ranges, joining ranges that touch.
 *
 * @internal
 */
export function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** The merged range that contains `day`, by binary search. */
function rangeContaining(
  ranges: readonly (readonly [number, number])[],
  day: number,
): readonly [number, number] | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const range = ranges[mid] as readonly [number, number];
    if (day < range[0]) hi = mid - 1;
    else if (day > range[1]) lo = mid + 1;
    else return range;
  }
  return undefined;
}

/** A calendar's day-level rules, in local day numbers (days since 1970-01-01) and minutes. */
export interface DayRules {
  /** Per ISO weekday (0 = Monday), open windows as flat `[start, end, start, end…]` minutes. */
  readonly weekly: readonly (readonly number[])[];
  /** Single-date holidays. */
  readonly holidayDays: ReadonlySet<number>;
  /** Inclusive holiday ranges, sorted and merged (see {@link mergeRanges}). */
  readonly holidayRanges: readonly (readonly [number, number])[];
  /** Yearly holidays as `month * 100 + day`. */
  readonly annual: ReadonlySet<number>;
  /** Dated exceptions replacing a day's windows. */
  readonly exceptions: ReadonlyMap<number, readonly number[]>;
}

/**
 * Open periods of 64 local days resolved to instants: sorted, disjoint, with the
 * running total of open time so that every query is a binary search.
 */
interface Block {
  /** The instant of local midnight starting the block's first day. */
  readonly startAt: number;
  /** The instant of local midnight after the block's last day. */
  readonly endAt: number;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** `cumAfter[i]` = open milliseconds in this block up to `ends[i]`. */
  readonly cumAfter: Float64Array;
  readonly total: number;
  /** The lookup count when the block last moved to the recent end of the cache. */
  movedAt: number;
}

/** Where an instant falls in the open periods: its block, the first period ending after it, and the open time before it in the block. */
interface Position {
  at: number;
  index: number;
  block: Block | undefined;
  i: number;
  used: number;
}

/** The business-time engine behind a compiled calendar; all instants are epoch ms. */
export interface Timeline {
  /** True when the calendar has no open time at all. */
  readonly neverOpen: boolean;
  isOpen(at: number): boolean;
  nextOpening(at: number): number | null;
  /**
   * The first instant after `at` at which the calendar opens or closes; `null` if never. With
   * `limit`, any instant at or after `limit` may stand for "not before `limit`" (the search
   * stops there: an open period can run on for years).
   */
  nextChange(at: number, limit?: number): number | null;
  add(start: number, durationMs: number): number | null;
  between(from: number, to: number): number;
}

/** First index whose value is greater than `x` (`values.length` if none). */
function upperBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First index whose value is at least `x` (`values.length` if none). */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Whether a day number is closed by a holiday (single date, range or yearly).
 *
 * @internal
 */
export function isHoliday(rules: DayRules, day: number): boolean {
  if (rules.holidayDays.has(day)) return true;
  if (rangeContaining(rules.holidayRanges, day) !== undefined) return true;
  if (rules.annual.size > 0) {
    const { month, day: dayOfMonth } = civilFromDays(day);
    if (rules.annual.has(month * 100 + dayOfMonth)) return true;
  }
  return false;
}

function hasOpenWindows(rules: DayRules): boolean {
  return rules.weekly.some((windows) => windows.length > 0);
}

/**
 * Creates the timeline of a calendar. Blocks of open periods are built on first
 * use and kept (up to `maxCachedBlocks`, least recently used forgotten first);
 * building one reads the zone's offsets from `Intl` about 70 times, after which
 * every query in that block costs a binary search. Each block's total open time
 * is remembered apart, so long spans skip whole blocks without rebuilding them.
 *
 * @internal
 */
export function createTimeline(
  zone: ZoneOffsets,
  rules: DayRules,
  maxCachedBlocks: number = MAX_CACHED_BLOCKS,
): Timeline {
  const blocks = new Map<number, Block>();
  const totals = new Map<number, number>();
  const firstSupportedDay = Math.floor(MIN_INSTANT_MS / DAY);
  const lastSupportedDay = Math.floor(MAX_INSTANT_MS / DAY);
  const maxBlock = Math.floor((lastSupportedDay + 1) / BLOCK_DAYS);

  // Past the last day that can be open, every block is empty: searches stop there.
  const recurring = hasOpenWindows(rules) && rules.annual.size < 366;
  let lastOpenDay = Number.NEGATIVE_INFINITY;
  if (recurring) {
    // A holiday range running to the end of supported time closes everything after its start.
    const final = rules.holidayRanges[rules.holidayRanges.length - 1];
    lastOpenDay = final !== undefined && final[1] >= lastSupportedDay ? final[0] - 1 : lastSupportedDay + 1;
  }
  for (const [day, windows] of rules.exceptions) {
    if (windows.length > 0) lastOpenDay = Math.max(lastOpenDay, day);
  }
  const lastOpenBlock = Math.min(maxBlock, Math.floor(lastOpenDay / BLOCK_DAYS));
  // Open only on local dates that end by 1000-01-01T00:00Z (possible west of UTC) is never open.
  const neverOpen =
    lastOpenDay < firstSupportedDay - 1 ||
    (lastOpenDay === firstSupportedDay - 1 &&
      createWallClockResolver(zone, firstSupportedDay * DAY, firstSupportedDay * DAY).resolve(
        firstSupportedDay * DAY,
      ) <= MIN_INSTANT_MS);
  const alwaysOpen =
    rules.weekly.every((w) => w.length === 2 && w[0] === 0 && w[1] === 1440) &&
    rules.holidayDays.size === 0 &&
    rules.holidayRanges.length === 0 &&
    rules.annual.size === 0 &&
    rules.exceptions.size === 0;

  function windowsOf(day: number): readonly number[] {
    if (day > lastOpenDay) return [];
    const exception = rules.exceptions.get(day);
    if (exception !== undefined) return exception;
    if (isHoliday(rules, day)) return [];
    return rules.weekly[weekdayOfDays(day)] as readonly number[];
  }

  /** The first block at or after `index` that is not entirely inside one holiday range. */
  function skipClosedRanges(index: number): number {
    const firstDay = index * BLOCK_DAYS;
    const range = rangeContaining(rules.holidayRanges, firstDay);
    if (range === undefined || range[1] < firstDay + BLOCK_DAYS - 1) return index;
    return Math.floor((range[1] + 1) / BLOCK_DAYS);
  }

  function buildBlock(index: number): Block {
    const firstDay = index * BLOCK_DAYS;
    const endDay = firstDay + BLOCK_DAYS;
    let anyOpen = false;
    for (let day = firstDay; day < endDay && !anyOpen; day++) anyOpen = windowsOf(day).length > 0;
    if (!anyOpen) {
      // Nothing opens in these 64 days: resolve only the two midnights that bound the block.
      const startAt = createWallClockResolver(zone, firstDay * DAY, firstDay * DAY).resolve(firstDay * DAY);
      const endAt = createWallClockResolver(zone, endDay * DAY, endDay * DAY).resolve(endDay * DAY);
      return { startAt, endAt, starts: EMPTY, ends: EMPTY, cumAfter: EMPTY, total: 0, movedAt: 0 };
    }
    const resolver = createWallClockResolver(zone, firstDay * DAY, endDay * DAY);
    const starts: number[] = [];
    const ends: number[] = [];
    const startAt = resolver.resolve(firstDay * DAY);
    let dayLo = startAt;
    const pending: [number, number][] = [];
    for (let day = firstDay; day < endDay; day++) {
      const dayHi = resolver.resolve((day + 1) * DAY);
      const windows = windowsOf(day);
      pending.length = 0;
      for (let w = 0; w + 1 < windows.length; w += 2) {
        const local = day * DAY;
        // INVARIANT: a window never resolves outside its own local date.
        const open = Math.min(
          Math.max(resolver.resolve(local + (windows[w] as number) * MINUTE), dayLo),
          dayHi,
        );
        const close = Math.min(
          Math.max(resolver.resolve(local + (windows[w + 1] as number) * MINUTE), dayLo),
          dayHi,
        );
        if (close > open) pending.push([open, close]);
      }
      // Near a DST change, resolved windows may come out of order or overlap: take their union.
      if (pending.length > 1) pending.sort((a, b) => a[0] - b[0]);
      for (const [open, close] of pending) {
        const last = ends.length - 1;
        if (last >= 0 && open <= (ends[last] as number)) ends[last] = Math.max(ends[last] as number, close);
        else {
          starts.push(open);
          ends.push(close);
        }
      }
      dayLo = dayHi;
    }
    const cumAfter = new Float64Array(starts.length);
    let total = 0;
    for (let i = 0; i < starts.length; i++) {
      total += (ends[i] as number) - (starts[i] as number);
      cumAfter[i] = total;
    }
    return {
      startAt,
      endAt: dayLo,
      starts: Float64Array.from(starts),
      ends: Float64Array.from(ends),
      cumAfter,
      total,
      movedAt: 0,
    };
  }

  // The two blocks answered last: queries come in runs on the same block, or alternate
  // between two (a clock's start and `now`), which need no lookup.
  let lastIndex = Number.NaN;
  let lastBlock: Block | undefined;
  let previousIndex = Number.NaN;
  let previousBlock: Block | undefined;
  // Lookups in `blocks` so far.
  let lookups = 0;

  function blockAt(index: number): Block {
    if (index === lastIndex && lastBlock !== undefined) return lastBlock;
    let block: Block | undefined;
    if (index === previousIndex && previousBlock !== undefined) block = previousBlock;
    else {
      lookups++;
      block = blocks.get(index);
      if (block === undefined) {
        block = buildBlock(index);
        totals.set(index, block.total);
        // Keep memory bounded for queries that sweep centuries: forget the least recently used block.
        if (blocks.size >= maxCachedBlocks) blocks.delete(blocks.keys().next().value as number);
        blocks.set(index, block);
        block.movedAt = lookups;
      } else if (lookups - block.movedAt > maxCachedBlocks / 2) {
        // Moved to the recent end only once it may have aged past half the cache: a block is
        // still kept for about `maxCachedBlocks / 2` lookups after its last use, and most
        // lookups (tickets in the same few months) skip a delete and an insert.
        blocks.delete(index);
        blocks.set(index, block);
        block.movedAt = lookups;
      }
    }
    previousIndex = lastIndex;
    previousBlock = lastBlock;
    lastIndex = index;
    lastBlock = block;
    return block;
  }

  /** A block's open time, without keeping its periods when it was built before. */
  function totalOf(index: number): number {
    return totals.get(index) ?? blockAt(index).total;
  }

  /** The block index whose `[startAt, endAt)` holds `at`. */
  function locate(at: number): number {
    // Local and UTC day numbers differ by at most one day: the guess is off by at most one block.
    let index = Math.floor(Math.floor(at / DAY) / BLOCK_DAYS);
    for (;;) {
      const block = blockAt(index);
      if (at < block.startAt) index--;
      else if (at >= block.endAt) index++;
      else return index;
    }
  }

  /** The open time in `block` before `at`, where `i` is the first of its periods ending after `at`. */
  function cumulativeBefore(block: Block, i: number, at: number): number {
    const before = i > 0 ? (block.cumAfter[i - 1] as number) : 0;
    return i < block.starts.length ? before + Math.max(0, at - (block.starts[i] as number)) : before;
  }

  /** The instant at which `target` ms of this block's open time have been used. */
  function instantIn(block: Block, target: number): number {
    const j = lowerBound(block.cumAfter, target);
    return (block.ends[j] as number) - ((block.cumAfter[j] as number) - target);
  }

  function isOpenAt(at: number): boolean {
    if (alwaysOpen) return true;
    if (neverOpen) return false;
    const block = blockAt(locate(at));
    const i = upperBound(block.ends, at);
    return i < block.starts.length && (block.starts[i] as number) <= at;
  }

  function nextOpeningAt(at: number): number | null {
    if (alwaysOpen) return at;
    if (neverOpen) return null;
    let index = locate(at);
    const block = blockAt(index);
    const i = upperBound(block.ends, at);
    if (i < block.starts.length) return withinRange(Math.max(at, block.starts[i] as number));
    for (index = skipClosedRanges(index + 1); index <= lastOpenBlock; index = skipClosedRanges(index + 1)) {
      if (totalOf(index) > 0) return withinRange(blockAt(index).starts[0] as number);
    }
    return null;
  }

  function nextChangeAt(at: number, limit = Number.POSITIVE_INFINITY): number | null {
    if (alwaysOpen || neverOpen) return null;
    if (!isOpenAt(at)) return nextOpeningAt(at);
    // The end of the open period holding `at`; a period may run on into the next block.
    let index = locate(at);
    let block = blockAt(index);
    let end = block.ends[upperBound(block.ends, at)] as number;
    while (end === block.endAt && index < lastOpenBlock && end < limit) {
      block = blockAt(++index);
      if (block.starts.length === 0 || (block.starts[0] as number) !== end) break;
      end = block.ends[0] as number;
    }
    return withinRange(end);
  }

  // The positions of the last two instants `add` and `between` started or ended at. The
  // clocks of a decision count from each one's start to `now`, then add from them once per
  // deadline and warning: those instants repeat, and each needs locating (block, period, open
  // time before it) only once. Blocks never change: a position stays right after its block
  // leaves the cache.
  let recent: Position = { at: Number.NaN, index: 0, block: undefined, i: 0, used: 0 };
  let older: Position = { at: Number.NaN, index: 0, block: undefined, i: 0, used: 0 };

  function positionOf(at: number): Position {
    if (recent.at === at) return recent;
    const found = older;
    older = recent;
    recent = found;
    if (found.at === at) return found;
    const index = locate(at);
    const block = blockAt(index);
    const i = upperBound(block.ends, at);
    found.at = at;
    found.index = index;
    found.block = block;
    found.i = i;
    found.used = cumulativeBefore(block, i, at);
    return found;
  }

  function add(start: number, durationMs: number): number | null {
    if (alwaysOpen) return withinRange(start + durationMs);
    if (neverOpen) return null;
    const position = positionOf(start);
    let index = position.index;
    const block = position.block as Block;
    const i = position.i;
    const used = position.used;
    if (i < block.starts.length && used + durationMs <= block.total) {
      // INVARIANT: the interval i holds or follows `start`; d = 0 answers its opening.
      return withinRange(Math.max(instantIn(block, used + durationMs), block.starts[i] as number, start));
    }
    let remaining = durationMs - (block.total - used);
    for (index = skipClosedRanges(index + 1); index <= lastOpenBlock; index = skipClosedRanges(index + 1)) {
      const total = totalOf(index);
      if (total > 0 && remaining <= total) return withinRange(instantIn(blockAt(index), remaining));
      remaining -= total;
    }
    return null;
  }

  function between(from: number, to: number): number {
    if (from > to) return -between(to, from);
    if (alwaysOpen) return to - from;
    if (neverOpen) return 0;
    // `from`'s position is read out before the next lookup may reuse its slot.
    const head = positionOf(from);
    const first = head.index;
    const usedBefore = head.used;
    const headTotal = (head.block as Block).total;
    const tail = positionOf(to);
    const last = tail.index;
    if (first === last) return tail.used - usedBefore;
    let total = headTotal - usedBefore;
    const stop = Math.min(last, lastOpenBlock + 1);
    for (let index = skipClosedRanges(first + 1); index < stop; index = skipClosedRanges(index + 1)) {
      total += totalOf(index);
    }
    return total + tail.used;
  }

  return { neverOpen, isOpen: isOpenAt, nextOpening: nextOpeningAt, nextChange: nextChangeAt, add, between };
}
