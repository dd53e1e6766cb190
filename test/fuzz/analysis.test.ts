import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compilePolicy,
  correlate,
  diffPolicies,
  reportIncidents,
  simulate,
  type PolicyDocument,
  computeMetrics,
} from '../../src/index.js';
import { ticketAndNowArbitrary } from '../../src/testing/index.js';
import { hostileValue, mutated, mutationOf } from './mutate.js';
import {
  call,
  expectIssuesResolve,
  expectPlainJson,
  expectPrototypesUntouched,
  fuzzParams,
  fuzzTimeout,
} from './support.js';

// Fuzzing of the functions over many tickets or many evaluations: simulate (a mutated drill),
// diffPolicies, correlate / reportIncidents and computeMetrics (mutated corpora: tickets of one
// busy hour, so that they group, with a few made hostile). None throws on ticket data; their
// outputs are plain JSON; the issues of reportIncidents point into the corpus.

const read = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const document = read('examples/policies/acme-saas.json') as PolicyDocument;
const policy = compilePolicy(document);
const DRILL = read('examples/drills/sev1-outage.json');
/** The next version of the reference policy: the rules in reverse order, another default. */
const next = compilePolicy({
  ...document,
  version: 'next',
  classification: {
    ...document.classification,
    rules: [...document.classification.rules].reverse(),
    default: 'sev4',
  },
});

afterAll(() => {
  expectPrototypesUntouched();
});

/** A corpus of tickets of one busy hour (they share services and words), some mutated, some anything. */
const corpus = fc.array(
  fc.oneof(
    {
      weight: 6,
      arbitrary: ticketAndNowArbitrary(policy, {
        createdFrom: '2026-03-10T14:00:00Z',
        createdTo: '2026-03-10T15:00:00Z',
        maxEvents: 5,
      }).map((generated) => generated.ticket as unknown),
    },
    {
      weight: 3,
      arbitrary: mutated(
        ticketAndNowArbitrary(policy, {
          createdFrom: '2026-03-10T14:00:00Z',
          createdTo: '2026-03-10T15:00:00Z',
          maxEvents: 5,
        }).map((generated) => generated.ticket),
        3,
      ),
    },
    { weight: 1, arbitrary: hostileValue },
  ),
  { maxLength: 12 },
);
const now = fc.oneof(
  fc.constant('2026-03-10T16:00:00Z'),
  fc.integer({ min: Date.UTC(2026, 2, 10, 13), max: Date.UTC(2026, 2, 12) }),
);

describe('simulate', () => {
  it(
    'runs mutated drills, or refuses them with a PolicyError whose paths resolve in the scenario',
    () => {
      fc.assert(
        fc.property(mutationOf(DRILL, 3), (scenario) => {
          const result = call(() => simulate(policy, scenario as never, { maxSteps: 200 }), {
            policyError: { root: scenario },
            // A horizon past the year 9999 throws evaluate's error (test/hostile/bugs.test.ts).
            rangeError: 'evaluate: now is outside the supported range',
          });
          if ('value' in result) {
            expectPlainJson(result.value, 'simulation');
            expect(result.value.steps).toBeLessThanOrEqual(200);
          }
          expectPrototypesUntouched();
        }),
        fuzzParams(40, 0.1),
      );
    },
    fuzzTimeout(20_000),
  );
});

describe('diffPolicies', () => {
  it(
    'compares two policies over a mutated corpus without throwing, in plain JSON',
    () => {
      fc.assert(
        fc.property(corpus, now, (tickets, at) => {
          const result = call(() => diffPolicies(policy, next, tickets, { now: at }));
          if (!('value' in result)) return;
          expectPlainJson(result.value, 'diff');
          expect(result.value.summary.tickets).toBe(tickets.length);
          expectPrototypesUntouched();
        }),
        fuzzParams(40, 0.1),
      );
    },
    fuzzTimeout(20_000),
  );
});

describe('correlate and reportIncidents', () => {
  it(
    'group a mutated corpus without throwing; issues point into the corpus; correlate is the report’s groups',
    () => {
      fc.assert(
        fc.property(corpus, now, fc.array(fc.string(), { maxLength: 3 }), (tickets, at, performed) => {
          const report = call(() => reportIncidents(policy, tickets, { now: at, performed }));
          if (!('value' in report)) return;
          expectPlainJson(report.value, 'report');
          expectIssuesResolve(tickets, report.value.issues);
          expect(report.value.status).toBe(
            report.value.issues.some((issue) => issue.severity === 'error') ? 'degraded' : 'ok',
          );
          expect(correlate(policy, tickets, { now: at, performed })).toEqual(report.value.groups);
          expectPrototypesUntouched();
        }),
        fuzzParams(40, 0.1),
      );
    },
    fuzzTimeout(20_000),
  );
});

describe('computeMetrics', () => {
  const groupBy = fc.subarray(['severity', 'queue', 'serviceLine', 'tier', 'week'] as const);

  it(
    'measures a mutated corpus without throwing, in plain JSON, counting every ticket',
    () => {
      fc.assert(
        fc.property(corpus, now, groupBy, (tickets, at, dimensions) => {
          const result = call(() => computeMetrics(policy, tickets, { now: at, groupBy: dimensions }));
          if (!('value' in result)) return;
          expectPlainJson(result.value, 'metrics');
          expect(result.value.total.tickets).toBe(tickets.length);
          expectPrototypesUntouched();
        }),
        fuzzParams(40, 0.1),
      );
    },
    fuzzTimeout(20_000),
  );
});
