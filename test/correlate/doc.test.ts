// The example of docs/correlation.md, run: its tickets against the reference policy give the
// problem the page shows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/index.js';
import { correlate, reportIncidents } from '../../src/correlate/index.js';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const page = read('../../docs/correlation.md');
const acme = compilePolicy(JSON.parse(read('../../examples/policies/acme-saas.json')));
const [tickets, problem] = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map(
  (m) => JSON.parse(m[1] ?? '') as unknown,
);

describe('docs/correlation.md', () => {
  it('shows the problem its example tickets make under the reference policy', () => {
    const report = reportIncidents(acme, tickets as unknown[], { now: '2026-03-10T14:30:00Z' });
    expect(report.problems).toEqual([problem]);
    expect(report.status).toBe('ok');
    expect(report.issues.map((issue) => issue.path)).toEqual([[7, 'service']]);
    expect(correlate(acme, tickets as unknown[], { now: '2026-03-10T14:30:00Z' })).toEqual(report.groups);
  });

  it('documents every field of the key format it returns', () => {
    expect(page).toContain(
      '`problem/<rule id>/<crossedBy ticket id>/<action index>/<queue id, or * for named roles>`',
    );
    const keys = (problem as { actions: { key: string }[] }).actions.map((action) => action.key);
    expect(keys).toContain('problem/service-outage/ACME-106/0/mobile');
    expect(keys).toContain('problem/service-outage/ACME-106/1/*');
  });
});
