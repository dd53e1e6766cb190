import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXACT_LIMIT,
  RELATIVE_ACCURACY,
  addValue,
  createDistribution,
  distributionFromJson,
  distributionToJson,
  durationStats,
  mergeInto,
  type Distribution,
} from '../../src/metrics/distribution.js';
import { params } from '../support/well-formed.js';

// The durations behind every percentile of a report: exact up to EXACT_LIMIT values, then a
// log-bucket sketch within RELATIVE_ACCURACY, mergeable exactly.

function of(values: readonly number[]): Distribution {
  const d = createDistribution();
  for (const value of values) addValue(d, value);
  return d;
}

/** The exact nearest-rank percentile of a list. */
function nearestRank(values: readonly number[], percent: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((percent * sorted.length) / 100)) - 1] as number;
}

/** Durations from 0 to about 10 years, with many zeros and repeats (as business times are). */
const duration = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 3_600_000 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 315_360_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(60_000, 900_000, 14_400_000) },
);

describe('durationStats', () => {
  it('is exact (nearest rank) up to the limit, and says so', () => {
    const stats = durationStats(distributionToJson(of([5, 1, 4, 2, 3, 0, 10, 7, 8, 9])));
    expect(stats).toEqual({
      count: 10,
      min: 0,
      max: 10,
      mean: 4.9,
      p50: 4,
      p75: 8,
      p90: 9,
      p95: 10,
      p99: 10,
      exact: true,
    });
    expect(durationStats(distributionToJson(createDistribution()))).toBeNull();
  });

  it('keeps the exact percentiles of up to 64 values, and within 1% of them beyond', () => {
    fc.assert(
      fc.property(fc.array(duration, { minLength: 1, maxLength: 400, size: 'max' }), (values) => {
        const stats = durationStats(distributionToJson(of(values)));
        expect(stats?.exact).toBe(values.length <= EXACT_LIMIT);
        expect(stats?.count).toBe(values.length);
        expect(stats?.min).toBe(Math.min(...values));
        expect(stats?.max).toBe(Math.max(...values));
        const sum = values.reduce((a, b) => a + b, 0);
        expect(stats?.mean).toBeCloseTo(sum / values.length, 3);
        for (const [percent, got] of [
          [50, stats?.p50],
          [75, stats?.p75],
          [90, stats?.p90],
          [95, stats?.p95],
          [99, stats?.p99],
        ] as const) {
          const exact = nearestRank(values, percent);
          if (values.length <= EXACT_LIMIT) expect(got).toBe(exact);
          // Within the relative accuracy, give or take the rounding to whole milliseconds.
          else expect(Math.abs((got as number) - exact)).toBeLessThanOrEqual(exact * RELATIVE_ACCURACY + 0.5);
        }
      }),
      params(300),
    );
  });

  it('rounds to whole milliseconds and counts negative durations as 0', () => {
    const stats = durationStats(distributionToJson(of([-5, 1.4, 1.6])));
    expect(stats).toMatchObject({ min: 0, max: 2, p50: 1 });
  });
});

describe('mergeInto', () => {
  it('gives the state of one pass over all values, whatever the split (exact and sketched)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(duration, { maxLength: 90, size: 'max' }), { minLength: 1, maxLength: 5 }),
        (parts) => {
          const all = of(parts.flat());
          const merged = createDistribution();
          for (const part of parts) mergeInto(merged, of(part));
          expect(distributionToJson(merged)).toEqual(distributionToJson(all));
          // The same through plain JSON (as aggregates cross worker boundaries).
          const viaJson = createDistribution();
          for (const part of parts)
            mergeInto(
              viaJson,
              distributionFromJson(
                JSON.parse(JSON.stringify(distributionToJson(of(part)))) as ReturnType<
                  typeof distributionToJson
                >,
              ),
            );
          expect(distributionToJson(viaJson)).toEqual(distributionToJson(all));
        },
      ),
      params(200),
    );
  });

  it('keeps the sum exact beyond 2^53 ms', () => {
    const huge = 2 ** 52 + 1; // odd: a float sum of three would lose the last unit
    const d = of([huge, huge, huge]);
    expect(distributionToJson(d).sumMs).toBe((3n * BigInt(huge)).toString());
    const merged = of([huge]);
    mergeInto(merged, of([huge, huge]));
    expect(distributionToJson(merged).sumMs).toBe((3n * BigInt(huge)).toString());
  });
});
