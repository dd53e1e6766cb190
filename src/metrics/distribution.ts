import type { DistributionAggregate, DurationStats } from './types.js';

// Durations (whole milliseconds, ≥ 0) of a group: count, min, max, an exact sum, and the values
// themselves while there are at most EXACT_LIMIT of them, then a log-bucket sketch (DDSketch's
// bucketing): value v ≥ 1 goes to bucket ⌈log_γ v⌉ with γ = (1 + α) / (1 − α), zeros to their
// own count. Bucket counts add exactly, so merging in any order gives the same state, and the
// state depends only on the multiset of values: sharded runs equal one pass bit for bit.
// A bucket's representative 2γ^i / (γ + 1) is within α of every value in the bucket.
// Internally the bucket counts are a dense array over the range of buckets seen (values span a
// few hundred buckets: an array is smaller than a map of them, and counting is an index).

/** The relative accuracy of percentiles taken from buckets. */
export const RELATIVE_ACCURACY = 0.01;
/** Up to this many values a distribution keeps them all, and its percentiles are exact. */
export const EXACT_LIMIT = 64;

const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** An exact sum is kept as high × 2^32 + low, each a safe integer. */
const LOW = 2 ** 32;

/** The percentiles a report gives, in percent. */
const PERCENTILES = [50, 75, 90, 95, 99] as const;

/** The bucket of a value ≥ 1. */
function bucketOf(value: number): number {
  return Math.ceil(Math.log(value) / LOG_GAMMA);
}

/**
 * Values are at most this many milliseconds (any two supported instants are far closer), so
 * that buckets are 0 to {@link BUCKETS} − 1.
 */
const MAX_VALUE = Number.MAX_SAFE_INTEGER;
/** How many buckets there are. */
const BUCKETS = bucketOf(MAX_VALUE) + 1;

/** The value standing for a bucket, in whole milliseconds. */
function representative(index: number): number {
  return Math.round((2 * GAMMA ** index) / (GAMMA + 1));
}

/** A distribution being accumulated (mutable, internal). */
export interface Distribution {
  count: number;
  min: number;
  max: number;
  sumHigh: number;
  sumLow: number;
  zeros: number;
  /** The values, while `count <= EXACT_LIMIT`. */
  values: number[] | undefined;
  /**
   * Bucket counts, once the values are dropped: `counts[i]` is the count of bucket
   * `first + i` (0 for a bucket without values).
   */
  counts: number[] | undefined;
  /** The bucket of `counts[0]`. */
  first: number;
}

/**
 * An empty distribution.
 *
 * @internal
 */
export function createDistribution(): Distribution {
  return {
    count: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    sumHigh: 0,
    sumLow: 0,
    zeros: 0,
    values: [],
    counts: undefined,
    first: 0,
  };
}

function addToSum(d: Distribution, value: number): void {
  let low = d.sumLow + value;
  if (low >= LOW) {
    const carry = Math.floor(low / LOW);
    d.sumHigh += carry;
    low -= carry * LOW;
  }
  d.sumLow = low;
}

/** Makes `counts` cover bucket `index` (0 to BUCKETS − 1), with some room below it. */
function cover(d: Distribution, counts: number[], index: number): number[] {
  if (counts.length === 0) {
    d.first = index;
    counts.push(0);
    return counts;
  }
  if (index >= d.first) {
    while (d.first + counts.length <= index) counts.push(0);
    return counts;
  }
  // Values below the range: 16 buckets more than needed (about 40% smaller values), so that
  // decreasing values copy the array a few times only.
  const first = Math.max(0, index - 16);
  const grown: number[] = [];
  for (let i = first; i < d.first; i++) grown.push(0);
  for (const n of counts) grown.push(n);
  d.counts = grown;
  d.first = first;
  return grown;
}

/** Adds `times` to the count of bucket `index`. */
function addToBucket(d: Distribution, counts: number[], index: number, times: number): void {
  let at = index - d.first;
  if (at < 0 || at >= counts.length) {
    counts = cover(d, counts, index);
    at = index - d.first;
  }
  counts[at] = (counts[at] as number) + times;
}

/** Drops the values for buckets, once there are too many to keep. */
function toBuckets(d: Distribution): number[] {
  if (d.counts === undefined) {
    d.counts = [];
    for (const value of d.values ?? []) if (value !== 0) addToBucket(d, d.counts, bucketOf(value), 1);
    d.values = undefined;
  }
  return d.counts;
}

/**
 * Adds a duration (rounded to whole milliseconds, negative ones as 0, at most 2^53 − 1).
 *
 * @internal
 */
export function addValue(d: Distribution, raw: number): void {
  const value = raw > 0 ? Math.min(Math.round(raw), MAX_VALUE) : 0;
  d.count++;
  if (value < d.min) d.min = value;
  if (value > d.max) d.max = value;
  addToSum(d, value);
  if (value === 0) d.zeros++;
  if (d.values !== undefined && d.count <= EXACT_LIMIT) d.values.push(value);
  else {
    const counts = toBuckets(d);
    if (value !== 0) addToBucket(d, counts, bucketOf(value), 1);
  }
}

/**
 * Adds `from` into `into` (both internal).
 *
 * @internal
 */
export function mergeInto(into: Distribution, from: Distribution): void {
  if (from.count === 0) return;
  into.count += from.count;
  if (from.min < into.min) into.min = from.min;
  if (from.max > into.max) into.max = from.max;
  addToSum(into, from.sumLow);
  into.sumHigh += from.sumHigh;
  into.zeros += from.zeros;
  if (into.values !== undefined && from.values !== undefined && into.count <= EXACT_LIMIT) {
    into.values.push(...from.values);
    return;
  }
  toBuckets(into);
  if (from.values !== undefined) {
    for (const value of from.values)
      if (value !== 0) addToBucket(into, into.counts as number[], bucketOf(value), 1);
  } else if (from.counts !== undefined) {
    const counts = from.counts;
    for (let i = 0; i < counts.length; i++) {
      const n = counts[i] as number;
      if (n !== 0) addToBucket(into, into.counts as number[], from.first + i, n);
    }
  }
}

/** The exact sum as a decimal string. */
function sumText(d: Distribution): string {
  return (BigInt(d.sumHigh) * BigInt(LOW) + BigInt(d.sumLow)).toString();
}

/**
 * The plain JSON form: values sorted, buckets sorted by index.
 *
 * @internal
 */
export function distributionToJson(d: Distribution): DistributionAggregate {
  if (d.count === 0) return { count: 0 };
  const base = { count: d.count, min: d.min, max: d.max, sumMs: sumText(d), zeros: d.zeros };
  if (d.values !== undefined) return { ...base, values: [...d.values].sort((a, b) => a - b) };
  const buckets: [number, number][] = [];
  const counts = d.counts ?? [];
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] as number;
    if (n !== 0) buckets.push([d.first + i, n]);
  }
  return { ...base, buckets };
}

/**
 * The internal form of a plain JSON distribution.
 *
 * @throws `TypeError` naming `fn` (the public function called) for buckets that
 *   `distributionToJson` cannot have made: an index that is not a whole number from 0 to
 *   BUCKETS − 1 or not above the one before, a count that is not a positive whole number.
 *
 * @internal
 */
export function distributionFromJson(json: DistributionAggregate, fn = 'distributionFromJson'): Distribution {
  const d = createDistribution();
  if (json.count === 0) return d;
  const sum = BigInt(json.sumMs ?? '0');
  d.count = json.count;
  d.min = json.min ?? 0;
  d.max = json.max ?? 0;
  d.sumHigh = Number(sum / BigInt(LOW));
  d.sumLow = Number(sum % BigInt(LOW));
  d.zeros = json.zeros ?? 0;
  if (json.values !== undefined) d.values = [...json.values];
  else {
    d.values = undefined;
    d.counts = [];
    let before = -1;
    for (const [index, n] of json.buckets ?? []) {
      if (
        !Number.isInteger(index) ||
        index <= before ||
        index >= BUCKETS ||
        !Number.isSafeInteger(n) ||
        n <= 0
      ) {
        throw new TypeError(
          `${fn}: a sketch bucket \`${JSON.stringify([index, n])}\` is not one an aggregate has (whole indexes from 0 to ${String(BUCKETS - 1)} in increasing order, positive counts): expected metrics aggregates from \`aggregate()\``,
        );
      }
      addToBucket(d, d.counts, index, n);
      before = index;
    }
  }
  return d;
}

/**
 * The value of nearest rank `rank` (1-based): exact from the values, else the representative
 * of the bucket holding it, kept within the exact min and max.
 */
function valueAtRank(d: DistributionAggregate, rank: number): number {
  if (d.values !== undefined) return d.values[rank - 1] as number;
  let seen = d.zeros ?? 0;
  if (rank <= seen) return 0;
  for (const [index, n] of d.buckets ?? []) {
    seen += n;
    if (rank <= seen) return Math.min(Math.max(representative(index), d.min ?? 0), d.max ?? 0);
  }
  return d.max ?? 0;
}

/**
 * Count, min, max, mean and percentiles of a plain JSON distribution; `null` when empty.
 *
 * @internal
 */
export function durationStats(d: DistributionAggregate): DurationStats | null {
  if (d.count === 0) return null;
  const count = d.count;
  const at = (percent: number): number => valueAtRank(d, Math.max(1, Math.ceil((percent * count) / 100)));
  const [p50, p75, p90, p95, p99] = PERCENTILES.map(at) as [number, number, number, number, number];
  return {
    count,
    min: d.min ?? 0,
    max: d.max ?? 0,
    mean: Number(BigInt(d.sumMs ?? '0')) / count,
    p50,
    p75,
    p90,
    p95,
    p99,
    exact: d.values !== undefined,
  };
}
