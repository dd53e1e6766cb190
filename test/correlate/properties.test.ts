// Laws of correlation, checked with fast-check against brute-force oracles on small inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CorrelationRelation, ProblemPolicy, ProblemThreshold } from '../../src/policy/index.js';
import { correlate, reportIncidents, type IncidentGroup } from '../../src/correlate/index.js';
import { deepFreeze } from '../../src/internal/index.js';
import { T0, policyWith } from './support.js';

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
const SERVICES = ['payments', 'identity', 'web'];
const MINUTE = 60_000;

interface Spec {
  readonly id: string;
  readonly minute: number;
  readonly service: string | undefined;
  readonly words: readonly string[];
  readonly related: readonly number[];
}

const specArbitrary = (count: fc.Arbitrary<number>): fc.Arbitrary<Spec[]> =>
  count.chain((n) =>
    fc
      .array(
        fc.record({
          minute: fc.integer({ min: 0, max: 120 }),
          service: fc.option(fc.constantFrom(...SERVICES), { nil: undefined, freq: 6 }),
          words: fc.uniqueArray(fc.constantFrom(...WORDS), { maxLength: 4 }),
          related: fc.array(fc.nat({ max: n - 1 }), { maxLength: 1 }),
        }),
        { minLength: n, maxLength: n },
      )
      .map((list) => list.map((spec, i) => ({ ...spec, id: `T-${String(i)}` }))),
  );

function toTicket(spec: Spec, all: readonly Spec[]): Record<string, unknown> {
  return {
    id: spec.id,
    createdAt: new Date(T0 + spec.minute * MINUTE).toISOString(),
    ...(spec.service === undefined ? {} : { service: spec.service }),
    subject: spec.words.join(' '),
    status: 'open',
    relatedTicketIds: spec.related.map((i) => all[i]?.id ?? ''),
  };
}

const settingsArbitrary = fc.record({
  window: fc.constantFrom('5m', '15m', '30m'),
  relations: fc.subarray(['related', 'service', 'keywords'] as CorrelationRelation[], { minLength: 1 }),
  minShared: fc.integer({ min: 1, max: 3 }),
});

/** Connected components of the pairwise relation, as sorted id lists of two or more. */
function oracleGroups(
  specs: readonly Spec[],
  settings: { window: string; relations: readonly CorrelationRelation[]; minShared: number },
): string[][] {
  const windowMs = Number.parseInt(settings.window, 10) * MINUTE;
  const parent = specs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : find(parent[i] as number));
  const join = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  for (const [i, a] of specs.entries()) {
    for (const [j, b] of specs.entries()) {
      if (j <= i) continue;
      const near = Math.abs(a.minute - b.minute) * MINUTE <= windowMs;
      const shared = a.words.filter((word) => b.words.includes(word)).length;
      if (
        (settings.relations.includes('related') && (a.related.includes(j) || b.related.includes(i))) ||
        (settings.relations.includes('service') &&
          near &&
          a.service !== undefined &&
          a.service === b.service) ||
        (settings.relations.includes('keywords') && near && shared >= settings.minShared)
      )
        join(i, j);
    }
  }
  const byRoot = new Map<number, string[]>();
  for (const [i, spec] of specs.entries()) byRoot.set(find(i), [...(byRoot.get(find(i)) ?? []), spec.id]);
  return [...byRoot.values()]
    .filter((ids) => ids.length >= 2)
    .map((ids) => ids.sort())
    .sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
}

const sortedIds = (groups: readonly IncidentGroup[]): string[][] =>
  groups.map((group) => [...group.ticketIds].sort()).sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));

const NOW = new Date(T0 + 200 * MINUTE).toISOString();

describe('correlate: laws', () => {
  it('groups exactly as the pairwise relation does (explicit links, service and keywords within the window)', () => {
    fc.assert(
      fc.property(specArbitrary(fc.integer({ min: 1, max: 14 })), settingsArbitrary, (specs, settings) => {
        const policy = policyWith({
          window: settings.window,
          relations: settings.relations,
          ...(settings.relations.includes('keywords') ? { keywords: { minShared: settings.minShared } } : {}),
          rules: [],
        });
        const tickets = specs.map((spec) => toTicket(spec, specs));
        expect(sortedIds(correlate(policy, tickets, { now: NOW }))).toEqual(oracleGroups(specs, settings));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same groups and problems whatever the order of the tickets', () => {
    const policy = policyWith({
      rules: [
        {
          id: 'spike',
          threshold: { tickets: 3, within: '20m' },
          severity: 'sev1',
          actions: [{ kind: 'page', role: 'owner' }],
        },
      ],
    });
    fc.assert(
      fc.property(
        specArbitrary(fc.integer({ min: 2, max: 14 })).chain((specs) =>
          fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length })),
        ),
        ([specs, shuffled]) => {
          const a = correlate(
            policy,
            specs.map((spec) => toTicket(spec, specs)),
            { now: NOW },
          );
          const b = correlate(
            policy,
            shuffled.map((spec) => toTicket(spec, specs)),
            { now: NOW },
          );
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('makes a problem of a group exactly when some window of `within` holds `tickets` of its tickets (of one service with `by: "service"`)', () => {
    const thresholdArbitrary: fc.Arbitrary<ProblemThreshold> = fc.oneof(
      fc.record(
        {
          tickets: fc.integer({ min: 2, max: 4 }),
          within: fc.constantFrom('5m', '12m', '40m'),
          by: fc.constant('service' as const),
        },
        { requiredKeys: ['tickets', 'by'] },
      ),
      fc.record(
        {
          tickets: fc.integer({ min: 2, max: 4 }),
          within: fc.constantFrom('5m', '12m', '40m'),
          by: fc.constant('group' as const),
          services: fc.integer({ min: 1, max: 3 }),
        },
        { requiredKeys: ['tickets'] },
      ),
    );
    fc.assert(
      fc.property(specArbitrary(fc.integer({ min: 2, max: 14 })), thresholdArbitrary, (specs, threshold) => {
        const policy = policyWith({ rules: [{ id: 'rule', threshold, severity: 'sev2' }] });
        const within = threshold.within === undefined ? Infinity : Number.parseInt(threshold.within, 10);
        const byId = new Map(specs.map((spec) => [spec.id, spec]));
        for (const group of correlate(
          policy,
          specs.map((spec) => toTicket(spec, specs)),
          { now: NOW },
        )) {
          const members = group.ticketIds.map((id) => byId.get(id) as Spec);
          const streams =
            threshold.by === 'service'
              ? SERVICES.map((service) => members.filter((m) => m.service === service))
              : [members];
          const met = streams.some((stream) =>
            stream.some((end) => {
              const window = stream.filter((m) => m.minute <= end.minute && end.minute - m.minute <= within);
              const services = new Set(window.map((m) => m.service).filter((s) => s !== undefined));
              // `services: 1` (the default) asks nothing of services: tickets without one count.
              const spread = (threshold.services ?? 1) <= 1 || services.size >= (threshold.services ?? 1);
              return window.length >= threshold.tickets && spread;
            }),
          );
          expect(group.problem !== null).toBe(met);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every firing and its action keys as newer tickets arrive, unless a later burst supersedes it', () => {
    const problems: ProblemPolicy = {
      relations: ['service'],
      rules: [
        {
          id: 'burst',
          threshold: { tickets: 3, within: '10m', by: 'service' },
          severity: 'sev1',
          actions: [
            { kind: 'page', role: 'owner' },
            { kind: 'notify', to: ['support-leads'] },
          ],
        },
      ],
    };
    const policy = policyWith(problems);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom(...SERVICES)), {
          minLength: 3,
          maxLength: 25,
        }),
        (steps) => {
          let minute = 0;
          const tickets = steps.map(([gap, service], i) => {
            minute += gap;
            return {
              id: `T-${String(i)}`,
              createdAt: new Date(T0 + minute * MINUTE).toISOString(),
              service,
              subject: '',
              status: 'open',
            };
          });
          let previous: IncidentGroup[] = [];
          for (let k = 1; k <= tickets.length; k++) {
            const now = tickets[k - 1]?.createdAt as string;
            const current = correlate(policy, tickets.slice(0, k), { now });
            const byId = new Map(current.map((group) => [group.id, group]));
            for (const group of previous) {
              const later = byId.get(group.id)?.problem;
              for (const firing of group.problem?.firings ?? []) {
                const same = later?.firings.find(
                  (f) => f.ruleId === firing.ruleId && f.service === firing.service,
                );
                expect(same).toBeDefined();
                if (same?.crossedBy === firing.crossedBy) {
                  const keys = new Set(later?.actions.map((action) => action.key));
                  for (const action of group.problem?.actions ?? [])
                    if (action.key.includes(`/${firing.crossedBy}/`)) expect(keys.has(action.key)).toBe(true);
                } else expect(same && same.crossedAt > firing.crossedAt).toBe(true);
              }
            }
            previous = current;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never throws on any values in the stream, changes none of them, and answers in plain JSON', () => {
    const policy = policyWith({
      rules: [
        {
          id: 'any',
          threshold: { tickets: 2 },
          severity: 'sev2',
          actions: [{ kind: 'notify', to: ['owner'] }],
        },
      ],
    });
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.anything(),
            fc.record(
              {
                id: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'A', 'B'), fc.anything()),
                createdAt: fc.oneof(
                  fc.constant(new Date(T0).toISOString()),
                  fc.integer({ min: T0, max: T0 + 9 * MINUTE }),
                  fc.anything(),
                ),
                service: fc.oneof(fc.constantFrom(...SERVICES), fc.anything()),
                subject: fc.oneof(fc.constantFrom('alpha bravo', 'bravo alpha charlie'), fc.anything()),
                relatedTicketIds: fc.oneof(fc.constant(['A', '__proto__']), fc.anything()),
                status: fc.anything(),
                events: fc.anything(),
              },
              { requiredKeys: [] },
            ),
          ),
          { maxLength: 12 },
        ),
        (values) => {
          // Frozen: a change to any input throws.
          const report = reportIncidents(policy, deepFreeze(values), { now: NOW });
          expect(JSON.parse(JSON.stringify(report))).toEqual(report);
          expect(report.tickets.read).toBe(values.length);
          expect(
            report.tickets.skipped + new Set(report.groups.flatMap((g) => g.ticketIds)).size,
          ).toBeLessThanOrEqual(values.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
