// `escalation metrics`: computeMetrics over a corpus file. `--json` is the library's report;
// bad lines are skipped and listed; options are checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePolicy, computeMetrics } from '../../src/index.js';
import { burst, generatedTickets, jsonLines, NOW } from './report-dashboard-corpus.js';
import { POLICY, readJson, run, workspace } from './support.js';

const policy = compilePolicy(readJson(POLICY));
const tickets = [...generatedTickets(60, 11), ...burst('SSO', 'sso', '2026-03-10T14:00:00Z', 4)];

let files: ReturnType<typeof workspace>;
beforeAll(() => {
  files = workspace({
    'clean.jsonl': jsonLines(tickets),
    'bad.jsonl': jsonLines(
      tickets.slice(0, 5),
      new Map([
        [2, '{"id": "ACME-X", }'],
        [4, 'not json'],
      ]),
    ),
    'array.json': JSON.stringify(tickets.slice(0, 3)),
  });
});
afterAll(() => {
  files.remove();
});
const inFiles = (): { cwd: string } => ({ cwd: files.dir });

describe('escalation metrics', () => {
  it('prints with --json exactly what computeMetrics gives', async () => {
    const result = await run(
      [
        'metrics',
        POLICY,
        'clean.jsonl',
        '--now',
        NOW,
        '--group-by',
        'severity,week',
        '--week-zone',
        'Europe/Paris',
        '--json',
      ],
      inFiles(),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const expected = computeMetrics(policy, tickets, {
      now: NOW,
      groupBy: ['severity', 'week'],
      weekTimeZone: 'Europe/Paris',
    });
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected.total.tickets).toBe(tickets.length);
  });

  it('groups by severity by default, a total line then one line per group', async () => {
    const result = await run(['metrics', POLICY, 'clean.jsonl', '--now', NOW], inFiles());
    expect(result.code).toBe(0);
    const report = computeMetrics(policy, tickets, { now: NOW });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^metrics acme-saas \S+ {2}grouped by severity$/);
    expect(lines[1]).toContain(`total  ${String(tickets.length)} tickets · within target acknowledge `);
    expect(lines.slice(2, 2 + report.groups.length).map((line) => line.trim().split(/\s+/)[0])).toEqual(
      report.groups.map((group) => group.key.severity),
    );
  });

  it('reads a JSON array as well as JSON Lines', async () => {
    const result = await run(['metrics', POLICY, 'array.json', '--now', NOW, '--json'], inFiles());
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { total: { tickets: number } }).total.tickets).toBe(3);
  });

  it('skips lines that are not JSON, lists them on stderr and exits 1', async () => {
    const result = await run(['metrics', POLICY, 'bad.jsonl', '--now', NOW, '--json'], inFiles());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.jsonl:2:\d+: .*\(skipped\)/);
    expect(result.stderr).toMatch(/bad\.jsonl:4:\d+: .*\(skipped\)/);
    expect((JSON.parse(result.stdout) as { total: { tickets: number } }).total.tickets).toBe(5);
  });

  it('refuses unknown dimensions, zones and instants with exit 2', async () => {
    const dimension = await run(['metrics', POLICY, 'clean.jsonl', '--group-by', 'severity,team'], inFiles());
    expect(dimension.code).toBe(2);
    expect(dimension.stderr).toContain('invalid `--group-by` `team`');
    const zone = await run(['metrics', POLICY, 'clean.jsonl', '--week-zone', 'Mars/Olympus'], inFiles());
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('invalid `--week-zone` `Mars/Olympus`');
    const now = await run(['metrics', POLICY, 'clean.jsonl', '--now', 'yesterday'], inFiles());
    expect(now.code).toBe(2);
    const missing = await run(['metrics', POLICY, 'nowhere.jsonl'], inFiles());
    expect(missing.code).toBe(2);
  });
});
