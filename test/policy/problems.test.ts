// The `problems` section of a policy: shape, semantic checks (paths, did-you-mean), the
// compiled model with its defaults, and lint findings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePolicy, formatIssues, lintPolicy, safeCompilePolicy } from '../../src/index.js';
import { modelOf } from '../../src/policy/index.js';
import { MINIMAL } from '../support/policies.js';

// Drafts are invalid policies on purpose: tests reach into them freely.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Draft = Record<string, any>;

function withProblems(problems: unknown, edit?: (draft: Draft) => void): unknown {
  const draft = structuredClone(MINIMAL) as Draft;
  draft.problems = problems;
  edit?.(draft);
  return draft;
}

/** The issues formatted one per line (`path: message`) of a policy that must not compile. */
function lines(input: unknown): string[] {
  const result = safeCompilePolicy(input);
  if (result.success) throw new Error('expected the policy not to compile');
  return formatIssues(result.issues).split('\n');
}

const RULE = {
  id: 'spike',
  threshold: { tickets: 5, within: '30m' },
  severity: 'sev1',
  actions: [{ kind: 'page', role: 'owner' }],
};

describe('compilePolicy: problems', () => {
  it('applies the defaults when the policy has no `problems` section', () => {
    const problems = modelOf(compilePolicy(MINIMAL), 'test').problems;
    expect(problems.windowMs).toBe(30 * 60_000);
    expect([...problems.relations]).toEqual(['related', 'service', 'keywords']);
    expect(problems.keywords).toEqual({ minShared: 2, minLength: 3, maxShare: 0.1, stopWords: new Set() });
    expect(problems.rules).toEqual([]);
  });

  it('compiles the settings and rules, stop words in lower case and thresholds read', () => {
    const policy = compilePolicy(
      withProblems({
        window: '15m',
        relations: ['service', 'keywords'],
        keywords: { minShared: 3, minLength: 4, maxShare: '2.5%', stopWords: ['Acme', 'widget'] },
        rules: [
          RULE,
          {
            id: 'wave',
            when: { '==': [{ var: 'tier' }, 'enterprise'] },
            threshold: { tickets: 8, services: 2 },
            severity: 'sev2',
            reason: 'a wave',
          },
        ],
      }),
    );
    const problems = modelOf(policy, 'test').problems;
    expect(problems.windowMs).toBe(15 * 60_000);
    expect([...problems.relations]).toEqual(['service', 'keywords']);
    expect(problems.keywords).toEqual({
      minShared: 3,
      minLength: 4,
      maxShare: 0.025,
      stopWords: new Set(['acme', 'widget']),
    });
    expect(
      problems.rules.map(({ condition, ...rest }) => ({ ...rest, when: condition !== undefined })),
    ).toEqual([
      {
        id: 'spike',
        index: 0,
        when: false,
        tickets: 5,
        withinMs: 30 * 60_000,
        by: 'group',
        services: 1,
        severity: 'sev1',
        actions: [{ kind: 'page', role: 'owner' }],
        reason: undefined,
      },
      {
        id: 'wave',
        index: 1,
        when: true,
        tickets: 8,
        withinMs: undefined,
        by: 'group',
        services: 2,
        severity: 'sev2',
        actions: [],
        reason: 'a wave',
      },
    ]);
  });

  it('compiles the reference policy, whose problems section is realistic', () => {
    const doc: unknown = JSON.parse(
      readFileSync(new URL('../../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
    );
    const problems = modelOf(compilePolicy(doc), 'test').problems;
    expect(problems.rules.map((rule) => rule.id)).toEqual([
      'service-outage',
      'cross-service-wave',
      'enterprise-cluster',
    ]);
  });

  it('reports shape errors with their paths and a suggestion for misspelt keys', () => {
    expect(
      lines(
        withProblems({
          windw: '30m',
          relations: ['servce'],
          rules: [
            { id: 'a', treshold: { tickets: 5 }, severity: 'sev1' },
            {
              id: 'b',
              threshold: { tickets: '5', by: 'queue' },
              severity: 'sev1',
              actions: [{ kind: 'escalateTo', queue: 'general' }],
            },
          ],
        }),
      ),
    ).toMatchInlineSnapshot(`
      [
        "problems.windw: unknown key \`windw\` (did you mean \`window\`?)",
        "problems.relations[0]: expected \`related\` or \`service\` or \`keywords\`",
        "problems.rules[0].treshold: unknown key \`treshold\` (did you mean \`threshold\`?)",
        "problems.rules[0].threshold: missing required key \`threshold\`",
        "problems.rules[1].threshold.tickets: expected number, received string",
        "problems.rules[1].threshold.by: expected \`group\` or \`service\`",
        "problems.rules[1].actions[0].kind: expected a problem action whose \`kind\` is \`notify\` or \`page\`",
      ]
    `);
  });

  it('checks values, references and combinations, each at its path', () => {
    expect(
      lines(
        withProblems({
          window: '1d',
          relations: [],
          keywords: { minShared: 4, minLength: 1, maxShare: '0%', stopWords: ['sign in', 'ok'] },
          rules: [
            {
              id: 'Spike',
              when: { containsAnyy: [{ var: 'ticket.subject' }, ['down']] },
              threshold: { tickets: 1, within: '0m', services: 0 },
              severity: 'sev0',
              actions: [],
            },
            {
              id: 'per-service',
              threshold: { tickets: 5.5, by: 'service', services: 2 },
              severity: 'sev2',
              actions: [
                { kind: 'notify', to: ['support-agent', 'owner'] },
                { kind: 'page', role: 'secondry' },
              ],
              ignore: ['trigger_never_fire', 'shadowed_rule'],
            },
            { ...RULE, id: 'per-service' },
          ],
        }),
      ),
    ).toMatchInlineSnapshot(`
      [
        "problems.window: invalid duration \`1d\`: days, weeks, months and years are not accepted: a business day is ambiguous (8 h? 24 h? until the next opening?), write hours such as \`24h\` or \`8h\`",
        "problems.relations: expected at least one relation",
        "problems.keywords: \`keywords\` only apply when \`relations\` lists \`keywords\`",
        "problems.keywords.minShared: invalid keyword count \`4\`: expected a whole number from 1 to 3",
        "problems.keywords.minLength: invalid word length \`1\`: expected a whole number from 2 to 20",
        "problems.keywords.maxShare: invalid share \`0%\`: expected a percentage above \`0%\` and up to \`100%\`, such as \`10%\`",
        "problems.keywords.stopWords[0]: stop word \`sign in\` is not one word: keywords are letters and digits only",
        "problems.rules[0].id: invalid problem rule id \`Spike\`: expected kebab-case (lowercase letters and digits joined by \`-\`), such as \`us-business\`",
        "problems.rules[0].when.containsAnyy: unknown operator \`containsAnyy\` (did you mean \`containsAny\`?)",
        "problems.rules[0].threshold.tickets: invalid ticket count \`1\`: expected a whole number from 2 to 100000",
        "problems.rules[0].threshold.within: invalid duration \`0m\`: it must be longer than zero",
        "problems.rules[0].threshold.services: invalid service count \`0\`: expected a whole number from 1 to 100",
        "problems.rules[0].severity: unknown severity \`sev0\` (did you mean \`sev1\`?)",
        "problems.rules[0].actions: expected at least one action",
        "problems.rules[1].threshold.tickets: invalid ticket count \`5.5\`: expected a whole number from 2 to 100000",
        "problems.rules[1].threshold.services: \`services\` above 1 only applies with \`by: "group"\`: the tickets of one service span one service",
        "problems.rules[1].actions[0].to[0]: unknown role \`support-agent\` (did you mean \`support-agents\`?)",
        "problems.rules[1].actions[1].role: unknown role \`secondry\` (did you mean \`secondary\`?)",
        "problems.rules[1].ignore[0]: unknown issue code \`trigger_never_fire\` (did you mean \`trigger_never_fires\`?)",
        "problems.rules[1].ignore[1]: issue code \`shadowed_rule\` is never reported on a problem rule: it may ignore \`trigger_never_fires\`",
        "problems.rules[2].id: duplicate problem rule id \`per-service\`: already used by problem rule 1",
      ]
    `);
  });

  it('refuses ids and roles that lead to prototypes', () => {
    expect(
      lines(
        withProblems({
          rules: [
            { ...RULE, id: '__proto__', actions: [{ kind: 'notify', to: ['__proto__', 'constructor'] }] },
          ],
        }),
      ),
    ).toEqual([
      'problems.rules[0].id: invalid problem rule id `__proto__`: the name is reserved (it leads to prototypes in JavaScript)',
      'problems.rules[0].actions[0].to[0]: unknown role `__proto__`',
      'problems.rules[0].actions[0].to[1]: unknown role `constructor`',
    ]);
  });
});

describe('lintPolicy: problems', () => {
  const rule = { ...RULE, id: 'wave', threshold: { tickets: 8, within: '1h', services: 2 } };

  it('reports a rule that needs several services when groups hold one service only', () => {
    const policy = compilePolicy(withProblems({ relations: ['service'], rules: [RULE, rule] }));
    expect(lintPolicy(policy).filter((finding) => finding.path[0] === 'problems')).toEqual([
      {
        code: 'trigger_never_fires',
        severity: 'warning',
        path: ['problems', 'rules', 1, 'threshold', 'services'],
        message:
          'problem rule `wave` needs 2 services, but with `relations: ["service"]` every group has one',
        ruleId: 'wave',
      },
    ]);
  });

  it('says nothing when another relation can join services, or when the rule ignores the finding', () => {
    const joined = compilePolicy(withProblems({ relations: ['service', 'related'], rules: [rule] }));
    expect(lintPolicy(joined).filter((finding) => finding.path[0] === 'problems')).toEqual([]);
    const accepted = compilePolicy(
      withProblems({ relations: ['service'], rules: [{ ...rule, ignore: ['trigger_never_fires'] }] }),
    );
    expect(lintPolicy(accepted).filter((finding) => finding.path[0] === 'problems')).toEqual([]);
  });
});
