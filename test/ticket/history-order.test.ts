import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_INSTANT_MS, MIN_INSTANT_MS } from '../../src/internal/index.js';
import { normalizeTicket } from '../../src/ticket/index.js';
import { params } from '../support/well-formed.js';

// normalizeTicket sorts the history by instant, then by kind (docs/evaluation.md), then as
// given: up to 64 events by merging the events after the sorted prefix into it, by
// Array.prototype.sort beyond, both on one number per event (instant and kind). They must give
// the order of a plain stable sort, whatever the input order.

const KINDS = [
  { type: 'statusChanged', status: 'in-progress' },
  { type: 'severityChanged', severity: 'sev2' },
  { type: 'assigned', assignee: 'ana' },
  { type: 'acknowledged', by: 'ana' },
  { type: 'replied', author: 'agent', public: true },
  { type: 'updateSent', audience: 'customer' },
  { type: 'approvalGranted', gate: 'g', by: 'bo' },
  { type: 'escalationRequested', by: 'ana' },
  { type: 'actionPerformed', key: 'k' },
] as const;
const RANK: Record<string, number> = {
  statusChanged: 1,
  severityChanged: 2,
  assigned: 3,
  acknowledged: 4,
  replied: 5,
  updateSent: 6,
  approvalGranted: 7,
  escalationRequested: 8,
  actionPerformed: 9,
};
const CREATED = Date.UTC(2026, 2, 9, 9);

const history = fc.array(
  fc.record({ kind: fc.integer({ min: 0, max: KINDS.length - 1 }), minute: fc.integer({ min: 0, max: 40 }) }),
  { maxLength: 150 },
);

describe('history order', () => {
  it('sorts by instant, then kind, then input position, for short and long histories', () => {
    fc.assert(
      fc.property(history, (drawn) => {
        const events = drawn.map(({ kind, minute }) => ({
          ...(KINDS[kind] as (typeof KINDS)[number]),
          at: new Date(CREATED + minute * 60_000).toISOString(),
        }));
        const ticket = { id: 'T-1', createdAt: new Date(CREATED).toISOString(), events };
        const normalized = normalizeTicket(ticket, CREATED + 3_600_000);
        const expected = events
          .map((event, index) => ({ index, at: Date.parse(event.at), rank: RANK[event.type] as number }))
          .sort((a, b) => a.at - b.at || a.rank - b.rank || a.index - b.index)
          .map((event) => event.index);
        expect(normalized.events.map((event) => event.index)).toEqual(expected);
      }),
      params(400),
    );
  });

  // Every kind (ranks shared by two kinds included), events the sort never sees (unknown types,
  // `created`, events missing a field), instants before creation (read as the creation
  // instant, so they tie), instants a millisecond apart and the extremes of the supported years (the sort key must stay exact).
  const ALL_KINDS = [
    ...KINDS,
    { type: 'severityOverridden', severity: 'sev1', by: 'ana', reason: 'r' },
    { type: 'approvalRejected', gate: 'g', by: 'bo' },
    { type: 'created' },
    { type: 'customNote' },
    { type: 'assigned' },
  ] as const;
  const ALL_RANKS: Record<string, number> = {
    ...RANK,
    severityOverridden: 2,
    approvalRejected: 7,
  };
  const unusable = (event: { readonly type: string }): boolean =>
    !(event.type in ALL_RANKS) || (event.type === 'assigned' && !('assignee' in event));
  const ORIGINS = [CREATED, MIN_INSTANT_MS + 3_600_000, MAX_INSTANT_MS - 86_400_000];
  const event = fc.record({
    kind: fc.nat(ALL_KINDS.length - 1),
    minute: fc.integer({ min: -3, max: 40 }),
    ms: fc.nat(2),
  });
  const mixed = fc.record({
    origin: fc.constantFrom(...ORIGINS),
    sorted: fc.array(event, { maxLength: 80 }),
    late: fc.array(event, { maxLength: 40 }),
  });

  it('sorts every kind of history, mostly ordered with a late run or not, as a stable sort', () => {
    fc.assert(
      fc.property(mixed, ({ origin, sorted, late }) => {
        // A history as hosts send it: in order, then events recorded late, in any order.
        const drawn = [...sorted.sort((a, b) => a.minute - b.minute), ...late];
        const events = drawn.map(({ kind, minute, ms }) => ({
          ...(ALL_KINDS[kind] as (typeof ALL_KINDS)[number]),
          at: new Date(origin + minute * 60_000 + ms).toISOString(),
        }));
        const ticket = { id: 'T-1', createdAt: new Date(origin).toISOString(), events };
        const normalized = normalizeTicket(ticket, origin + 3_600_000);
        const expected = events
          .map((event, index) => ({
            index,
            at: Math.max(Date.parse(event.at), origin),
            rank: ALL_RANKS[event.type] as number,
            skip: unusable(event),
          }))
          .filter((event) => !event.skip)
          .sort((a, b) => a.at - b.at || a.rank - b.rank || a.index - b.index);
        expect(normalized.events.map((event) => [event.index, event.at])).toEqual(
          expected.map((event) => [event.index, event.at]),
        );
      }),
      params(400),
    );
  });

  it('puts performed actions appended late with earlier instants back in place', () => {
    const at = (minute: number): string => new Date(CREATED + minute * 60_000).toISOString();
    const events = [
      { type: 'assigned', assignee: 'ana', at: at(1) },
      { type: 'acknowledged', by: 'ana', at: at(5) },
      { type: 'statusChanged', status: 'resolved', at: at(30) },
      { type: 'actionPerformed', key: 'a', at: at(0) },
      { type: 'actionPerformed', key: 'b', at: at(5) },
    ];
    const normalized = normalizeTicket({ id: 'T-2', createdAt: at(0), events }, CREATED + 3_600_000);
    expect(normalized.events.map((event) => event.index)).toEqual([3, 0, 1, 4, 2]);
  });
});
