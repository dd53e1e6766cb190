// `escalation report`: the command run in-process on generated corpora. The figures of `--json`
// are those of computeMetrics and reportIncidents; bad lines are skipped, counted and listed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breachedOf, serviceOf, type DashboardData } from '../../src/cli/dashboard.js';
import { PALETTE, renderDashboard, weekBars } from '../../src/cli/report-dashboard.js';
import {
  compilePolicy,
  computeMetrics,
  reportIncidents,
  type MetricsGroup,
  type MetricsReport,
} from '../../src/index.js';
import {
  burst,
  generatedTickets,
  HOSTILE,
  hostileCorpus,
  hostilePolicy,
  jsonLines,
  NOW,
} from './report-dashboard-corpus.js';
import { POLICY, readJson, run, workspace } from './support.js';

const policy = compilePolicy(readJson(POLICY));
const tickets = [...generatedTickets(160), ...burst('SSO', 'sso', '2026-03-10T14:00:00Z', 6)];
/** Line 7 and line 60 are not JSON. */
const BAD = new Map([
  [7, '{"id": "ACME-X", }'],
  [60, 'not json'],
]);
const quiet = (id: string, service: unknown): Record<string, unknown> => ({
  id,
  createdAt: '2027-01-07T23:59:00Z',
  subject: 'How do I export invoices?',
  ...(service === undefined ? {} : { service }),
  customer: { id: 'initech', tier: 'starter' },
  status: 'open',
});
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

let files: ReturnType<typeof workspace>;
beforeAll(() => {
  files = workspace({
    'corpus.jsonl': jsonLines(tickets, BAD),
    'clean.jsonl': jsonLines(tickets),
    'many-bad.jsonl': jsonLines(
      tickets.slice(0, 3),
      new Map(Array.from({ length: 25 }, (_, i) => [i + 1, `{${String(i)}`])),
    ),
    'array.json': JSON.stringify([tickets[0], { subject: 'no id, no createdAt' }, tickets[1]]),
    'hostile.json': JSON.stringify(hostilePolicy()),
    'hostile.jsonl': jsonLines(hostileCorpus(40)),
    'empty.jsonl': '',
    // Measured a minute after creation: no breach anywhere. Services missing or not names.
    'quiet.jsonl': jsonLines([
      quiet('Q-1', 'zeta'),
      quiet('Q-2', undefined),
      quiet('Q-3', 'alpha'),
      quiet('Q-4', ''),
      quiet('Q-5', 42),
      42,
      quiet('Q-6', 'alpha'),
    ]),
  });
});
afterAll(() => {
  files.remove();
});
const inFiles = (): { cwd: string } => ({ cwd: files.dir });

async function reportJson(
  args: readonly string[],
): Promise<{ code: number; data: DashboardData; stderr: string }> {
  const result = await run(['report', ...args, '--now', NOW, '--json'], inFiles());
  return { code: result.code, data: JSON.parse(result.stdout) as DashboardData, stderr: result.stderr };
}

describe('escalation report --json', () => {
  it('gives, per dimension, the report computeMetrics gives for that grouping alone', async () => {
    const { code, data } = await reportJson([POLICY, 'corpus.jsonl']);
    expect(code).toBe(1); // two lines skipped
    expect(data.corpus).toEqual({ file: 'corpus.jsonl', tickets: tickets.length, badLines: 2 });
    expect(data.now).toBe('2027-01-08T00:00:00.000Z');
    for (const dimension of ['severity', 'queue', 'serviceLine', 'tier', 'week'] as const) {
      const expected = computeMetrics(policy, tickets, { now: NOW, groupBy: [dimension] });
      expect(data.metrics[dimension], dimension).toEqual(plain(expected));
    }
    // The generated corpus spreads over the year: every view has several groups.
    expect(data.metrics.week.groups.length).toBeGreaterThan(20);
    expect(data.metrics.queue.groups.length).toBeGreaterThan(5);
  });

  it('gives the incident report of reportIncidents over the tickets read, open problems included', async () => {
    const { data } = await reportJson([POLICY, 'corpus.jsonl']);
    expect(data.incidents).toEqual(plain(reportIncidents(policy, tickets, { now: NOW })));
    const open = data.incidents.problems.filter((problem) => problem.status === 'open');
    expect(open.map((problem) => [problem.groupId, problem.ruleId])).toContainEqual([
      'SSO-1',
      'service-outage',
    ]);
  });

  it('gives per service what computeMetrics gives for its tickets, the most breached first', async () => {
    const { data } = await reportJson([POLICY, 'corpus.jsonl']);
    const byService = new Map<string | null, unknown[]>();
    for (const ticket of tickets)
      byService.set(serviceOf(ticket), [...(byService.get(serviceOf(ticket)) ?? []), ticket]);
    expect(data.services.map((s) => s.service).sort()).toEqual([...byService.keys()].sort());
    for (const service of data.services) {
      const expected = computeMetrics(policy, byService.get(service.service) ?? [], { now: NOW }).total;
      expect(service.metrics, String(service.service)).toEqual(plain(expected));
      expect(service.breached).toBe(breachedOf(expected));
    }
    const breached = data.services.map((s) => s.breached);
    expect(breached).toEqual([...breached].sort((a, b) => b - a));
    expect(breached[0]).toBeGreaterThan(0);
  });

  it('orders services by breaches, then by name, tickets without a service name last', async () => {
    const { code, data } = await reportJson([POLICY, 'quiet.jsonl']);
    expect(code).toBe(0);
    expect(data.services.map((s) => [s.service, s.breached, s.metrics.tickets])).toEqual([
      ['alpha', 0, 2],
      ['zeta', 0, 1],
      [null, 0, 4],
    ]);
    // A line that is JSON but no ticket: measured as degraded, left out of correlation with its source.
    expect(data.metrics.severity.total.degraded).toBe(1);
    expect(data.ticketErrors.map((issue) => [issue.source, issue.code])).toEqual([
      ['quiet.jsonl:6', 'invalid_ticket'],
    ]);
    const page = await run(['report', POLICY, 'quiet.jsonl', '--now', NOW, '--out', 'quiet.html'], inFiles());
    expect(page.stdout).toContain('  degraded tickets 1\n');
    expect(page.stdout).not.toContain('top breaching services');
    const html = readFileSync(files.path('quiet.html'), 'utf8');
    expect(html).toContain('<code>quiet.jsonl:6</code> invalid_ticket: ');
    expect(html).toContain('No SLA clock has breached.');
  });

  it('measures ISO weeks in the zone of --week-zone', async () => {
    const { data } = await reportJson([POLICY, 'clean.jsonl', '--week-zone', 'Pacific/Auckland']);
    const expected = computeMetrics(policy, tickets, {
      now: NOW,
      groupBy: ['week'],
      weekTimeZone: 'Pacific/Auckland',
    });
    expect(data.metrics.week).toEqual(plain(expected));
    expect(data.metrics.week.weekTimeZone).toBe('Pacific/Auckland');
  });

  it('reads a JSON array too, and names the tickets correlation left out by their place', async () => {
    const { code, data } = await reportJson([POLICY, 'array.json']);
    expect(code).toBe(0);
    expect(data.corpus.tickets).toBe(3);
    expect(data.incidents.tickets.skipped).toBe(1);
    expect(data.ticketErrors.map((issue) => [issue.source, issue.code, issue.path])).toEqual([
      ['array.json[1]', 'missing_key', [1, 'id']],
    ]);
  });

  it('reports an empty corpus with zero tickets', async () => {
    const { code, data } = await reportJson([POLICY, 'empty.jsonl']);
    expect(code).toBe(0);
    expect(data.metrics.severity).toEqual(
      plain(computeMetrics(policy, [], { now: NOW, groupBy: ['severity'] })),
    );
    expect(data.services).toEqual([]);
    expect(data.incidents.problems).toEqual([]);
  });
});

describe('escalation report: lines that are not JSON', () => {
  it('skips them, lists each with its line and column on stderr and in the data, and exits 1', async () => {
    const { code, data, stderr } = await reportJson([POLICY, 'corpus.jsonl']);
    expect(code).toBe(1);
    expect(data.badLines.map((line) => [line.source, line.line])).toEqual([
      ['corpus.jsonl:7:18', 7],
      [expect.stringMatching(/^corpus\.jsonl:60:\d+$/), 60],
    ]);
    expect(data.badLines[0]?.message).toMatch(/^invalid JSON: /);
    expect(stderr).toContain('escalation: report: corpus.jsonl:7:18: invalid JSON:');
    expect(stderr).toMatch(/corpus\.jsonl:60:\d+: invalid JSON: .* \(skipped\)/);
    // The tickets around them are all read.
    expect(data.corpus.tickets).toBe(tickets.length);
  });

  it('prints the first twenty on stderr and counts the others; the data lists them all', async () => {
    const { code, data, stderr } = await reportJson([POLICY, 'many-bad.jsonl']);
    expect(code).toBe(1);
    expect(data.corpus).toMatchObject({ tickets: 3, badLines: 25 });
    expect(data.badLines.map((line) => line.line)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(stderr.match(/\(skipped\)$/gm)).toHaveLength(20);
    expect(stderr).toContain('… and 5 more lines skipped (the report lists them)');
  });

  it('lists them in the page, and exits 0 when every line was read', async () => {
    const page = await run(['report', POLICY, 'corpus.jsonl', '--now', NOW], inFiles());
    expect(page.code).toBe(1);
    expect(page.stdout).toContain('<code>corpus.jsonl:7:18</code> invalid JSON');
    expect(page.stdout).toContain('<code>corpus.jsonl:60:');
    const clean = await run(['report', POLICY, 'clean.jsonl', '--now', NOW], inFiles());
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('');
    expect(clean.stdout).not.toContain('Lines skipped');
  });
});

describe('escalation report: output', () => {
  it('writes the page to --out and prints the key figures', async () => {
    const result = await run(
      ['report', POLICY, 'clean.jsonl', '--now', NOW, '--out', 'report.html'],
      inFiles(),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('wrote report.html\n');
    expect(result.stdout).toMatch(
      /^report acme-saas 2026\.11\.1 {2}166 tickets from clean\.jsonl at 2027-01-08T00:00:00\.000Z\n/,
    );
    expect(result.stdout).toMatch(/ {2}within target {3}acknowledge \d+\.\d% · firstResponse \d+\.\d%/);
    expect(result.stdout).toMatch(/ {2}open problems {3}1 \(sev1 1\)/);
    const html = readFileSync(files.path('report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    // The page on stdout is the same page.
    const onStdout = await run(['report', POLICY, 'clean.jsonl', '--now', NOW], inFiles());
    expect(onStdout.stdout).toBe(html);
  });

  it('is a self-contained page: no script, nothing to load, only its own stylesheet by hash', async () => {
    const { stdout: html } = await run(['report', POLICY, 'clean.jsonl', '--now', NOW], inFiles());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'$/,
    );
    const { createHash } = await import('node:crypto');
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|style="|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    // Six charts, each an accessible image with a title and a description.
    const charts = html.match(
      /<svg class="chart [^"]*" id="[^"]+"[^>]*role="img" aria-labelledby="[^"]+-title [^"]+-desc">/g,
    );
    expect(charts).toHaveLength(6);
  });

  it('reads standard input', async () => {
    const result = await run(['report', POLICY, '-', '--now', NOW, '--json'], {
      stdin: jsonLines(tickets.slice(0, 10), new Map([[2, '{']])),
    });
    expect(result.code).toBe(1);
    const data = JSON.parse(result.stdout) as DashboardData;
    expect(data.corpus).toEqual({ file: '<stdin>', tickets: 10, badLines: 1 });
    expect(data.badLines[0]?.source).toBe('<stdin>:2:2');
  });

  it('never writes the page to a terminal', async () => {
    const result = await run(['report', POLICY, 'clean.jsonl', '--now', NOW], { ...inFiles(), tty: true });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('the HTML page would go to the terminal: give `--out <file>`');
    const json = await run(['report', POLICY, 'empty.jsonl', '--now', NOW, '--json'], {
      ...inFiles(),
      tty: true,
    });
    expect(json.code).toBe(0);
  });

  it.each([
    [['--now', '2026-03-09T14:00:00'], 'invalid `--now`'],
    [['--top', '0'], 'invalid `--top` `0`: expected a positive integer'],
    [['--top', '2.5'], 'invalid `--top`'],
    [['--week-zone', 'Mars/Olympus'], 'invalid `--week-zone` `Mars/Olympus`: unknown time zone'],
    [['--otu', 'x.html'], 'unknown option `--otu` (did you mean `--out`?)'],
  ])('exits 2 for %j, with nothing on stdout', async (extra, message) => {
    const result = await run(['report', POLICY, 'clean.jsonl', ...extra], inFiles());
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(message);
  });

  it('exits 2 for a missing corpus, an invalid policy, or an --out it cannot write', async () => {
    const missing = await run(['report', POLICY, 'none.jsonl', '--now', NOW], inFiles());
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('cannot read `none.jsonl`: no such file');
    const invalid = await run(['report', 'empty.jsonl', 'clean.jsonl', '--now', NOW], inFiles());
    expect(invalid.code).toBe(2);
    const unwritable = await run(
      ['report', POLICY, 'clean.jsonl', '--now', NOW, '--out', 'no-such-dir/r.html'],
      inFiles(),
    );
    expect(unwritable).toMatchObject({ code: 2, stdout: '' });
    expect(unwritable.stderr).toContain('cannot write `no-such-dir/r.html`');
    expect((await run(['report', POLICY], inFiles())).code).toBe(2);
  });

  it('has a help with its options, exit codes and examples', async () => {
    const help = await run(['report', '--help']);
    expect(help.code).toBe(0);
    for (const text of [
      'Usage: escalation report [options] <policy> <tickets>',
      '--out <file>',
      '--week-zone <zone>',
      '--top <n>',
      'Exit codes:',
    ])
      expect(help.stdout).toContain(text);
    expect((await run(['--help'])).stdout).toMatch(/^ {2}report {2,}/m);
  });
});

describe('the page', () => {
  it('shows ticket and policy text as text, never as markup', async () => {
    const result = await run(['report', 'hostile.json', 'hostile.jsonl', '--now', NOW], inFiles());
    expect(result.code).toBe(0);
    const html = result.stdout;
    expect(html).not.toMatch(/<script|<img|<svg onload/);
    for (const text of Object.values(HOSTILE))
      expect(html, text).toContain(
        text
          .replaceAll('&', '&amp;')
          .replaceAll('<', '&lt;')
          .replaceAll('>', '&gt;')
          .replaceAll('"', '&quot;')
          .replaceAll("'", '&#39;'),
      );
    // In the open problems (the reason), the services chart (a service) and the tiers (a tier).
    expect(html).toMatch(/<tr class="problem"[^]*&lt;\/td&gt;&lt;\/tr&gt;&lt;\/table&gt;&lt;script&gt;/);
    expect(html).toContain('data-service="&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('escapes what it clips: a long hostile label never cuts an entity in two', () => {
    const long = `${'x'.repeat(12)}<script>&amp;"`;
    const data = JSON.parse(
      JSON.stringify({
        policy: { id: 'p', version: '1' },
        now: '2027-01-08T00:00:00.000Z',
        corpus: { file: long, tickets: 0, badLines: 0 },
        badLines: [],
        metrics: Object.fromEntries(
          ['severity', 'queue', 'serviceLine', 'tier', 'week'].map((d) => [
            d,
            computeMetrics(policy, [], { now: NOW, groupBy: [d as 'week'] }),
          ]),
        ),
        services: [],
        incidents: reportIncidents(policy, [], { now: NOW }),
        ticketErrors: [],
      }),
    ) as DashboardData;
    const withTier = {
      ...data,
      metrics: {
        ...data.metrics,
        tier: { ...data.metrics.tier, groups: [{ ...data.metrics.tier.total, key: { tier: long } }] },
      },
    } as DashboardData;
    const html = renderDashboard(withTier, { sources: [long, long], top: 3 });
    expect(html).not.toContain('<script>');
    expect(html).toContain(
      `<title>tier ${'x'.repeat(12)}&lt;script&gt;&amp;amp;&quot;</title>${'x'.repeat(12)}&lt;sc…</text>`,
    );
    expect(html).toContain('No SLA clock has breached.');
    expect(html).toContain('No open problem.');
  });
});

describe('weekBars', () => {
  const group = (week: string | null): MetricsGroup => ({
    ...computeMetrics(policy, [], { now: NOW }).total,
    key: { week },
  });
  const report = (weeks: (string | null)[]): MetricsReport => ({
    ...computeMetrics(policy, [], { now: NOW, groupBy: ['week'] }),
    groups: weeks.map(group),
  });

  it('fills the weeks without tickets, across a year end, and puts tickets without a date last', () => {
    const bars = weekBars(report(['2026-W52', '2027-W02', null]));
    expect(bars.map((bar) => [bar.key, bar.group === undefined])).toEqual([
      ['2026-W52', false],
      ['2026-W53', true],
      ['2027-W01', true],
      ['2027-W02', false],
      [null, false],
    ]);
    expect(weekBars(report(['2020-W53', '2021-W01'])).map((bar) => bar.key)).toEqual([
      '2020-W53',
      '2021-W01',
    ]);
  });

  it('shows only the weeks with tickets when they span more than five years', () => {
    expect(weekBars(report(['2001-W01', '2026-W10'])).map((bar) => bar.key)).toEqual([
      '2001-W01',
      '2026-W10',
    ]);
  });
});

describe('the colours', () => {
  const luminance = (hex: string): number => {
    const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string): number => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
    return (x + 0.05) / (y + 0.05);
  };

  it.each(['light', 'dark'] as const)('have enough contrast in the %s scheme (WCAG 2.1)', (scheme) => {
    const colours = PALETTE[scheme];
    expect(contrast(colours.text, colours.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colours.muted, colours.background)).toBeGreaterThanOrEqual(4.5);
    for (const colour of [...colours.series, colours.breach])
      expect(contrast(colour, colours.background), colour).toBeGreaterThanOrEqual(3);
    expect(new Set(colours.series).size).toBe(5);
  });
});
