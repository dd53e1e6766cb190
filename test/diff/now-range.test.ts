import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/index.js';
import { diffPolicies, diffPoliciesAsync } from '../../src/diff/index.js';
import { MINIMAL } from '../support/policies.js';
import { thrown } from '../support/thrown.js';

// Both policies are evaluated at `now`, which `evaluate` takes in the years 1000 to 9999 only:
// the diff refuses an instant outside them itself, up front or per ticket, naming the function
// called (not `evaluate`).

const before = compilePolicy(MINIMAL);
const after = compilePolicy({ ...MINIMAL, version: '2' });
/** 1000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z. */
const MIN = Date.UTC(1000, 0, 1);
const MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const OUTSIDE = [MAX + 1, MIN - 1, 8.64e15, -8.64e15, new Date(MIN - 1)] as const;
const ticket = { id: 'T-1', createdAt: '9999-12-31T20:00:00Z', subject: 'Checkout is down' };
const outside = (fn: string, what: string): RangeError =>
  new RangeError(`${fn}: ${what} is outside the supported range (years 1000 to 9999)`);

describe('diff: a `now` outside the years 1000 to 9999', () => {
  it('is refused up front, before any ticket is read, in the function’s own name', () => {
    let read = 0;
    function* tickets(): Generator {
      read++;
      yield ticket;
    }
    for (const now of OUTSIDE) {
      expect(thrown(() => diffPolicies(before, after, tickets(), { now }))).toEqual(
        outside('diffPolicies', 'now'),
      );
      expect(thrown(() => diffPoliciesAsync(before, after, tickets(), { now }))).toEqual(
        outside('diffPoliciesAsync', 'now'),
      );
    }
    expect(read).toBe(0);
  });

  it('is refused per ticket when a `now` function returns it, naming the ticket’s index', async () => {
    const now = (_: unknown, index: number): number => (index === 1 ? MAX + 1 : MAX);
    expect(thrown(() => diffPolicies(before, after, [ticket, ticket], { now }))).toEqual(
      outside('diffPolicies', 'now(ticket 1)'),
    );
    await expect(diffPoliciesAsync(before, after, [ticket, ticket], { now })).rejects.toEqual(
      outside('diffPoliciesAsync', 'now(ticket 1)'),
    );
    for (const returned of [MIN - 1, 8.64e15, new Date(-8.64e15)]) {
      expect(thrown(() => diffPolicies(before, after, [ticket], { now: () => returned }))).toEqual(
        outside('diffPolicies', 'now(ticket 0)'),
      );
    }
  });

  it('is evaluated at the first and last supported milliseconds', () => {
    const last = diffPolicies(before, after, [ticket], { now: MAX });
    expect(last.summary.tickets).toBe(1);
    const early = { ...ticket, createdAt: '1000-01-01T00:00:00Z' };
    expect(diffPolicies(before, after, [early], { now: () => MIN }).summary.tickets).toBe(1);
  });
});
