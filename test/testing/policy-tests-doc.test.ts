// The examples of docs/policy-tests.md, run: its YAML cases pass against the reference policy,
// and its matcher assertions hold on the decision it describes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compilePolicy, evaluate } from '../../src/index.js';
import { escalationMatchers, runPolicyTests } from '../../src/testing/index.js';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const doc = read('../../docs/policy-tests.md');
const acme = compilePolicy(JSON.parse(read('../../examples/policies/acme-saas.json')));

function blocks(language: string): string[] {
  return [...doc.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');
}

describe('docs/policy-tests.md', () => {
  it('has case files that pass against the reference policy', () => {
    const yaml = blocks('yaml');
    expect(yaml.length).toBeGreaterThan(0);
    for (const text of yaml) {
      const report = runPolicyTests(acme, parseYaml(text));
      expect(report.results.flatMap((r) => r.failures)).toEqual([]);
      expect(report.passed).toBeGreaterThan(0);
    }
  });

  it('has matcher assertions that hold on the unacknowledged sev1 at 14:12', () => {
    expect.extend(escalationMatchers);
    const ticket = {
      id: 'ACME-2002',
      createdAt: '2026-03-10T14:00:00Z',
      subject: 'Checkout is down for all customers',
      service: 'payments',
      customer: { id: 'globex', tier: 'enterprise' },
      impact: { usersAffected: 12000, statement: 'No customer can pay.' },
    };
    const decision = evaluate(acme, ticket, { now: '2026-03-10T14:12:00Z' });
    const m = escalationMatchers;
    const passes = [
      m.toHaveSeverity(decision, 'sev1'),
      m.toRouteTo(decision, 'payments'),
      m.toRouteTo(decision, { queue: 'payments', owner: 'payments-oncall' }),
      m.toBreach(decision, 'acknowledge'),
      m.toBreach(decision, 'acknowledge', '2026-03-10T14:05:00Z'),
      m.toRequireApproval(decision, 'executive-comms'),
      m.toRequireApproval(decision, 'executive-comms', 'pending'),
      m.toEmitAction(decision, { kind: 'transferOwnership', ruleId: 'ownership-handoff' }),
    ];
    expect(passes.map((r) => r.pass)).toEqual(passes.map(() => true));
    expect(m.toBreach(decision, 'resolution').pass).toBe(false);
    expect(m.toEmitAction(decision, { kind: 'escalateTo' }).pass).toBe(false);
    // The failure messages the page quotes.
    const at1402 = evaluate(acme, ticket, { now: '2026-03-10T14:02:00Z' });
    for (const message of [
      m.toHaveSeverity(at1402, 'sev2').message(),
      m.toRouteTo(at1402, { queue: 'billing' }).message(),
      m.toBreach(at1402, 'firstResponse').message(),
      m.toRequireApproval(at1402, 'sla-credit').message(),
    ])
      expect(doc).toContain(message);
  });
});
