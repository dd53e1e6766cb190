import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeTicket } from '../../src/ticket/index.js';
import { params } from '../support/well-formed.js';

// normalizeTicket sorts the history by instant, then by kind (docs/evaluation.md), then as
// given: by insertion up to 64 events, by Array.prototype.sort beyond. Both must give the
// order of a plain stable sort, whatever the input order.

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
