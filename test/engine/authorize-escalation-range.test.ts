import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizeEscalation, compilePolicy } from '../../src/index.js';
import { thrown } from '../support/thrown.js';

// `now` must lie in the years 1000 to 9999 (the decision data carries instants as ISO
// strings), as for `evaluate`; outside them it is a programmer error in the function's name.

const acme = compilePolicy(
  JSON.parse(readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8')),
);
/** 1000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z. */
const MIN = Date.UTC(1000, 0, 1);
const MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const MESSAGE = 'authorizeEscalation: now is outside the supported range (years 1000 to 9999)';

/** A business customer's ticket created `createdAt`: rule `stalled-ticket` allows tier 2 after 2h. */
const ticket = (createdAt: string): Record<string, unknown> => ({
  id: 'T-1',
  createdAt,
  subject: 'Invoice export is slow',
  customer: { id: 'initech', tier: 'business' },
});
const request = { role: 'support-agents', by: 'ana.silva@example.com', to: 'support-tier2' };

describe('authorizeEscalation: `now` outside the years 1000 to 9999', () => {
  it('throws a RangeError naming the function, for every form of instant', () => {
    const outside = [MAX + 1, MIN - 1, 8.64e15, -8.64e15, new Date(MAX + 1), new Date(MIN - 1)];
    for (const now of outside) {
      const error = thrown(() => authorizeEscalation(acme, ticket('2026-03-09T14:00:00Z'), request, { now }));
      expect(error, String(now)).toEqual(new RangeError(MESSAGE));
    }
  });

  it('answers at the first and last supported milliseconds', () => {
    const late = ticket('9999-12-31T21:00:00Z');
    expect(authorizeEscalation(acme, late, request, { now: MAX })).toMatchObject({
      allowed: true,
      ruleId: 'stalled-ticket',
    });
    const soon = authorizeEscalation(acme, late, request, { now: '9999-12-31T22:00:00Z' });
    expect(soon.allowed).toBe(false);
    expect(soon.considered).toContainEqual({
      ruleId: 'stalled-ticket',
      outcome: 'refused',
      detail: 'it allows a request 2h after creation; 1h have passed',
    });
    const early = authorizeEscalation(acme, ticket('1000-01-01T00:00:00Z'), request, { now: MIN });
    expect(early.allowed).toBe(false);
  });

  it('throws for exactly the instants outside the range (property)', () => {
    const subject = ticket('2026-03-09T14:00:00Z');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: MIN - 86_400_000, max: MIN + 86_400_000 }),
          fc.integer({ min: MAX - 86_400_000, max: MAX + 86_400_000 }),
        ),
        (now) => {
          const inside = now >= MIN && now <= MAX;
          const call = (): unknown => authorizeEscalation(acme, subject, request, { now });
          if (inside) expect(call).not.toThrow();
          else expect(thrown(call)).toEqual(new RangeError(MESSAGE));
        },
      ),
      { numRuns: 60 },
    );
  });
});
