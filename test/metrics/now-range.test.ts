import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/index.js';
import { computeMetrics, computeMetricsAsync, createMetricsAccumulator } from '../../src/metrics/index.js';
import { MINIMAL } from '../support/policies.js';
import { thrown } from '../support/thrown.js';

// Reports carry instants as ISO strings and measure tickets as `evaluate` decides them: `now`,
// and every instant a `now` function returns, must lie in the years 1000 to 9999. Outside them
// it is a programmer error, a RangeError naming the function called.

const policy = compilePolicy(MINIMAL);
/** 1000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z. */
const MIN = Date.UTC(1000, 0, 1);
const MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const OUTSIDE = [MAX + 1, MIN - 1, 8.64e15, -8.64e15, new Date(MAX + 1)] as const;
const ticket = { id: 'T-1', createdAt: '9999-12-31T20:00:00Z', subject: 'Checkout is down' };
const outside = (fn: string, what: string): RangeError =>
  new RangeError(`${fn}: ${what} is outside the supported range (years 1000 to 9999)`);

describe('metrics: a `now` outside the years 1000 to 9999', () => {
  it('is refused at once by each entry point, in its own name', () => {
    for (const now of OUTSIDE) {
      expect(thrown(() => computeMetrics(policy, [ticket], { now }))).toEqual(
        outside('computeMetrics', 'now'),
      );
      expect(thrown(() => computeMetricsAsync(policy, [ticket], { now }))).toEqual(
        outside('computeMetricsAsync', 'now'),
      );
      expect(thrown(() => createMetricsAccumulator(policy, { now }))).toEqual(
        outside('createMetricsAccumulator', 'now'),
      );
    }
  });

  it('is refused per ticket when a `now` function returns it', async () => {
    // The first ticket is measured; the second's instant is past the year 9999.
    const second = { ...ticket, id: 'T-2' };
    const now = (t: unknown): number => ((t as { id: string }).id === 'T-2' ? MAX + 1 : MAX);
    expect(thrown(() => computeMetrics(policy, [ticket, second], { now }))).toEqual(
      outside('computeMetrics', 'now(ticket)'),
    );
    await expect(computeMetricsAsync(policy, [ticket, second], { now })).rejects.toEqual(
      outside('computeMetricsAsync', 'now(ticket)'),
    );
    const accumulator = createMetricsAccumulator(policy, { now });
    accumulator.add(ticket);
    expect(
      thrown(() => {
        accumulator.add(second);
      }),
    ).toEqual(outside('createMetricsAccumulator', 'now(ticket)'));
    // The refused ticket was not counted.
    expect(accumulator.count()).toBe(1);
    for (const returned of [MIN - 1, -8.64e15, new Date(8.64e15)]) {
      expect(thrown(() => computeMetrics(policy, [ticket], { now: () => returned }))).toEqual(
        outside('computeMetrics', 'now(ticket)'),
      );
    }
  });

  it('is measured at the last supported millisecond, the report saying so', () => {
    const report = computeMetrics(policy, [ticket], { now: MAX });
    expect(report.now).toBe('9999-12-31T23:59:59.999Z');
    expect(report.total.tickets).toBe(1);
    expect(computeMetrics(policy, [ticket], { now: () => MAX }).total.tickets).toBe(1);
    const early = { ...ticket, createdAt: '1000-01-01T00:00:00Z' };
    expect(computeMetrics(policy, [early], { now: MIN }).now).toBe('1000-01-01T00:00:00.000Z');
  });
});
