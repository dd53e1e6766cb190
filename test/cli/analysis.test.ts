// The CLI's own logic around the analysis functions: policy tests run a chunk at a time, and
// diff changes in words.
import { describe, expect, it } from 'vitest';
import { compilePolicy, runPolicyTests, type Change } from '../../src/cli/api.js';
import { describeChange } from '../../src/cli/commands/diff.js';
import { mergeCoverage, runCases } from '../../src/cli/commands/test.js';
import { POLICY, readJson, SEV1_TICKET } from './support.js';

const policy = compilePolicy(readJson(POLICY));
const ticket = readJson(SEV1_TICKET);
const good = (name: string | undefined, severity = 'sev1') => ({
  ...(name === undefined ? {} : { name }),
  ticket,
  now: '2026-03-09T14:20:00Z',
  expect: { severity },
});

describe('runCases', () => {
  const tricky: unknown[] = [
    good('a'),
    good(undefined),
    good('b', 'sev2'),
    'not a case',
    good('a'),
    { name: 'c', ticket, expect: {} },
    good(undefined),
    good('d'),
    good('b'),
    good('e'),
    { ...good('f'), extra: true },
  ];

  it.each([1, 2, 3, 4, 100])('gives the report of one run, %i cases at a time', (size) => {
    expect(runCases(policy, tricky, size)).toEqual(runPolicyTests(policy, tricky));
    const file = { description: 'x', cases: tricky };
    expect(runCases(policy, file, size)).toEqual(runPolicyTests(policy, file));
  });

  it('runs cases named like unnamed ones in one chunk, to stay exact', () => {
    const cases = [good(undefined), good('#0'), good('x'), good('y')];
    const chunks: number[] = [];
    expect(runCases(policy, cases, 1, (done) => chunks.push(done))).toEqual(runPolicyTests(policy, cases));
    expect(chunks).toEqual([0, 4]);
  });

  it('reports progress after each chunk', () => {
    const seen: [number, number][] = [];
    runCases(policy, [good('a'), good('b'), good('c')], 2, (done, total) => seen.push([done, total]));
    expect(seen).toEqual([
      [0, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('hands files of another shape to the runner as they are', () => {
    for (const input of [{ description: 'x' }, 'cases', null, { cases: 'no' }])
      expect(runCases(policy, input, 2)).toEqual(runPolicyTests(policy, input));
    expect(runCases(policy, [], 2)).toEqual(runPolicyTests(policy, []));
  });

  it('sums coverage as one run counts it', () => {
    const a = [good('a')];
    const b = [
      {
        ...good('b'),
        ticket: { ...(ticket as object), service: 'billing', subject: 'invoice question', tags: [] },
      },
    ];
    expect(mergeCoverage([runPolicyTests(policy, a).coverage, runPolicyTests(policy, b).coverage])).toEqual(
      runPolicyTests(policy, [...a, ...b]).coverage,
    );
  });
});

describe('describeChange', () => {
  const t = <T>(from: T, to: T) => ({ from, to });
  const cases: [Change, string][] = [
    [{ kind: 'status', from: 'ok', to: 'degraded' }, 'status ok → degraded'],
    [{ kind: 'queue', from: 'payments', to: 'billing' }, 'queue payments → billing'],
    [
      { kind: 'nextEvaluationAt', from: null, to: '2026-03-09T15:00:00.000Z' },
      'nextEvaluationAt — → 2026-03-09T15:00:00.000Z',
    ],
    [
      { kind: 'severity', from: 'sev2', to: 'sev1', ruleId: t(null, 'outage') },
      'severity sev2 → sev1 (rule — → outage)',
    ],
    [{ kind: 'owner', role: t('a', 'b'), members: t(['x'], []) }, 'owner a (x) → b ((nobody))'],
    [
      { kind: 'secondary', role: t(null, 'lead'), members: t([], ['y', 'z']) },
      'secondary — ((nobody)) → lead (y, z)',
    ],
    [
      {
        kind: 'clock',
        metric: 'firstResponse',
        change: 'changed',
        targetId: t('a', 'b'),
        durationMs: t(900_000, 600_000),
        calendar: t('always-on', 'us-business'),
        state: t('running', 'breached'),
        deadline: t('2026-03-09T14:15:00.000Z', '2026-03-09T14:10:00.000Z'),
      },
      'clock firstResponse changed: target 900000ms → 600000ms, calendar always-on → us-business, state running → breached, deadline 2026-03-09T14:15:00.000Z → 2026-03-09T14:10:00.000Z',
    ],
    [
      {
        kind: 'action',
        key: 'k',
        ruleId: 'r',
        actionKind: 'page',
        change: 'added',
        dueAt: t(null, '2026-03-09T14:00:00.000Z'),
      },
      'due action page [r] added: due — → 2026-03-09T14:00:00.000Z',
    ],
    [
      {
        kind: 'upcoming',
        key: 'k',
        ruleId: 'r',
        actionKind: 'notify',
        change: 'removed',
        dueAt: t('2026-03-09T14:00:00.000Z', null),
      },
      'upcoming action notify [r] removed: due 2026-03-09T14:00:00.000Z → —',
    ],
    [
      {
        kind: 'approval',
        gate: 'g',
        change: 'changed',
        status: t('pending', 'granted'),
        dueAt: t('2026-03-09T15:00:00.000Z', null),
      },
      'gate g changed: pending → granted, due 2026-03-09T15:00:00.000Z → —',
    ],
    [
      { kind: 'approval', gate: 'g', change: 'added', status: t(null, 'pending'), dueAt: t(null, null) },
      'gate g added: — → pending',
    ],
    [
      {
        kind: 'communication',
        cadence: 'c',
        audience: t(null, 'customer'),
        change: 'added',
        dueAt: t(null, '2026-03-09T15:00:00.000Z'),
        template: t(null, 'update'),
        blockedBy: t(null, null),
      },
      'update c (customer) added: due — → 2026-03-09T15:00:00.000Z, template — → update',
    ],
    [
      {
        kind: 'communication',
        cadence: 'c',
        audience: t('internal', null),
        change: 'removed',
        dueAt: t('2026-03-09T15:00:00.000Z', null),
        template: t('x', 'x'),
        blockedBy: t(null, null),
      },
      'update c (internal) removed: due 2026-03-09T15:00:00.000Z → —',
    ],
    [
      { kind: 'validation', path: 'impact.statement', change: 'added' },
      'required field impact.statement now missing',
    ],
    [
      { kind: 'validation', path: 'impact.statement', change: 'removed' },
      'required field impact.statement no longer required',
    ],
  ];

  it.each(cases)('describes %j', (change, text) => {
    expect(describeChange(change)).toBe(text);
  });

  it('refuses a kind it does not know', () => {
    expect(() => describeChange({ kind: 'mystery' } as unknown as Change)).toThrow(TypeError);
  });
});
