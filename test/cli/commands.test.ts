// Every command in-process on a fake host: outputs, exit codes and the paths between.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DRILL,
  fixtures,
  MALFORMED_TICKET,
  POLICY,
  readJson,
  run,
  SEV1_TICKET,
  workspace,
} from './support.js';

const NOW = '2026-03-09T14:40:00Z';
let files: ReturnType<typeof workspace>;
beforeAll(() => {
  const base = fixtures();
  const policy = readJson(POLICY) as Record<string, unknown>;
  files = workspace({
    ...base,
    'warning.json': JSON.stringify({
      ...policy,
      calendars: { ...(policy['calendars'] as object), never: { timezone: 'UTC', weekly: {} } },
    }),
    'empty.json': '[]',
    'one.yaml': readFileSync(SEV1_TICKET, 'utf8'),
    'ticket.txt': readFileSync(SEV1_TICKET, 'utf8'),
    'no-cases.json': JSON.stringify({ description: 'no list', tests: [] }),
  });
});
afterAll(() => {
  files.remove();
});
const inFiles = {
  get cwd(): string {
    return files.dir;
  },
};

describe('check', () => {
  it('lists warnings without failing', async () => {
    const result = await run(['check', 'warning.json'], inFiles);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'warning.json: calendars.never.weekly: calendar has no open time at all: every deadline on it is `null` (warning) [calendar_never_open]',
    );
    expect(result.stdout).toContain('1 policy file: 0 errors, 1 warning');
  });

  it('goes on past an unreadable file and exits 2', async () => {
    const result = await run(['check', 'missing.json', 'invalid.json', 'policy.yaml'], inFiles);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read `missing.json`: no such file');
    expect(result.stdout).toContain('unknown calendar `us-bizness`');
    expect(result.stdout).toContain('ok policy.yaml: valid');
    expect(result.stdout).toContain('3 policy files: 1 error, 0 warnings');
    const json = JSON.parse((await run(['check', 'missing.json', '--json'], inFiles)).stdout) as {
      valid: boolean;
      files: { error?: string }[];
    };
    expect(json.valid).toBe(false);
    expect(json.files[0]?.error).toContain('no such file');
  });

  it('reads standard input for `-`', async () => {
    const result = await run(['check', '-'], { stdin: readFileSync(POLICY, 'utf8') });
    expect(result.stdout).toContain('ok -: valid (acme-saas 2026.11.1)');
    const broken = await run(['check', '-'], { stdin: '{"id": ' });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('<stdin>:1:7: invalid JSON: unexpected end of JSON input');
  });
});

describe('lint', () => {
  it('reports findings as warnings and exits 1', async () => {
    const result = await run(['lint', POLICY, 'policy.yaml', '--now', '2031-01-01T00:00:00Z'], {
      cwd: files.dir,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /governance\.reviewedAt: policy review overdue .* \(warning\) \[review_overdue\]/,
    );
    expect(result.stdout).toMatch(/2 policy files: \d+ findings/);
  });

  it('reports a policy that does not compile, and unreadable files', async () => {
    const result = await run(['lint', 'invalid.json', 'broken.json'], inFiles);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('unknown calendar `us-bizness`');
    expect(result.stderr).toContain('broken.json:4:1: invalid JSON');
    const invalid = await run(['lint', 'invalid.json', '--json'], inFiles);
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toMatchObject({
      findings: 1,
      files: [{ file: 'invalid.json', valid: false }],
    });
  });

  it('lints against the current time without --now', async () => {
    const result = await run(['lint', POLICY], { now: [Date.parse('2026-11-26T09:00:00Z')] });
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('no findings') as unknown });
    expect(JSON.parse((await run(['lint', POLICY, '--json'])).stdout)).toMatchObject({
      now: '2026-03-09T14:40:00.000Z',
    });
  });
});

describe('eval', () => {
  it('prints every part of a decision', async () => {
    const result = await run(['eval', POLICY, SEV1_TICKET, '--now', NOW]);
    expect(result.code).toBe(0);
    for (const part of [
      'severity   sev1 rule payments-outage',
      'owner      payments-oncall: hugo.laurent@example.com (until 2026-03-16T13:00:00.000Z)',
      'runbook    Payments outage',
      'periodicUpdate  breached  breached at 2026-03-09T14:39:00.000Z',
      '3h 20m left of 4h (16%)',
      'actions due (10)',
      'key ACME-1042/sev1-declared/sev1/0/0',
      'upcoming',
      'approvals',
      'sla-credit       pending  due 2026-03-09T22:00:00.000Z',
      'customer   overdue since 2026-03-09T14:39:00.000Z',
      'missing required fields',
      'next evaluation 2026-03-09T15:00:00.000Z',
    ])
      expect(result.stdout).toContain(part);
  });

  it('prints the trace with --explain', async () => {
    const result = await run(['eval', POLICY, SEV1_TICKET, '--now', NOW, '--explain']);
    expect(result.stdout).toMatch(/trace\n\s+classification\s+security-data-exposure\s+not_matched/);
  });

  it('evaluates arrays of tickets, YAML and other file names', async () => {
    const result = await run(
      ['eval', POLICY, 'tickets.json', 'one.yaml', 'ticket.txt', '--now', NOW],
      inFiles,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('tickets.json[1] · policy');
    expect(result.stdout).toContain('one.yaml · policy');
    expect(result.stdout).toContain('tickets.json[1]: createdAt: invalid `createdAt`');
    expect(result.stderr).toBe('degraded tickets.json[1]: createdAt\n');
    const json = JSON.parse(
      (await run(['eval', POLICY, 'tickets.json', '--now', NOW, '--json'], inFiles)).stdout,
    ) as {
      status: string;
    }[];
    expect(json.map((d) => d.status)).toEqual(['ok', 'degraded', 'ok']);
  });

  it('says so when there is no ticket', async () => {
    const result = await run(['eval', POLICY, 'empty.json', '--now', NOW], inFiles);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain('no tickets');
  });

  it('reads a ticket from standard input, and the evaluation context from a file', async () => {
    const ticket = readFileSync(SEV1_TICKET, 'utf8');
    const plain = await run(['eval', POLICY, '-', '--now', NOW], { stdin: ticket });
    expect(plain.stdout).toContain('ACME-1042  ok  <stdin>');
    const away = await run(['eval', POLICY, '-', '--now', NOW, '--context', 'context.json'], {
      stdin: ticket,
      cwd: files.dir,
    });
    expect(away.code).toBe(0);
    expect(away.stdout).not.toContain('owner      payments-oncall: hugo.laurent@example.com');
    const bad = await run(['eval', POLICY, SEV1_TICKET, '--context', 'bad-context.json'], inFiles);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'bad-context.json: expected `{ "unavailable": [...], "overloaded": [...] }`',
    );
  });

  it('shows paused clocks and degraded decisions', async () => {
    const paused = await run([
      'eval',
      POLICY,
      'examples/tickets/paused.json',
      '--now',
      '2026-03-10T14:40:00Z',
    ]);
    expect(paused.stdout).toMatch(/resolution\s+paused\s+no deadline while paused/);
    const malformed = await run(['eval', POLICY, MALFORMED_TICKET, '--now', NOW, '--json']);
    expect(malformed.code).toBe(1);
    expect(JSON.parse(malformed.stdout)).toMatchObject({ status: 'degraded' });
  });

  it('exits 2 for an invalid policy with every issue', async () => {
    const result = await run(['eval', 'invalid.json', SEV1_TICKET], inFiles);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'escalation: eval: invalid.json: invalid policy (1 error; `escalation check invalid.json` lists them)\n' +
        '  invalid.json: sla.targets[2].calendar: unknown calendar `us-bizness` (did you mean `us-business`?)\n',
    );
  });
});

describe('simulate', () => {
  it('prints the timeline, the clocks at the end and the assertions', async () => {
    const result = await run(['simulate', POLICY, DRILL]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sev1-checkout-outage {2}passed {2}policy acme-saas 2026\.11\.1/);
    expect(result.stdout).toMatch(/\+4m\s+event\s+acknowledged \(by hugo\.laurent@example\.com\)/);
    expect(result.stdout).toContain('clocks at the end');
    expect(result.stdout).toContain('passed: 11 assertions held');
  });

  it('shows breaches, and the run as JSON with every evaluation', async () => {
    const result = await run(['simulate', POLICY, 'breach-drill.json'], inFiles);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/breach\s+firstResponse breached/);
    const json = JSON.parse(
      (await run(['simulate', POLICY, 'breach-drill.json', '--json', '--explain'], inFiles)).stdout,
    ) as {
      evaluations: unknown[];
    };
    expect(json.evaluations.length).toBeGreaterThan(1);
  });

  it('fails on a failed assertion, and when the step limit stops the run', async () => {
    const failed = await run(['simulate', POLICY, 'failing-drill.json'], inFiles);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('✗ the impossible');
    expect(failed.stdout).toContain('failed: 1 of 1 assertion failed');
    const cut = await run(['simulate', POLICY, DRILL, '--max-steps', '3']);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain('step_limit: ');
    expect(cut.stdout).toContain('the run stopped early');
  });

  it('writes the HTML report, and says when it cannot', async () => {
    const ok = await run(['simulate', POLICY, 'breach-drill.json', '--html', 'breach.html'], inFiles);
    expect(ok.stderr).toBe('wrote breach.html\n');
    const html = readFileSync(`${files.dir}/breach.html`, 'utf8');
    expect(html).toContain('class="mark breach"');
    expect(html).toContain('The scenario has no assertions.');
    const bad = await run(['simulate', POLICY, DRILL, '--html', 'no/such/dir/report.html'], inFiles);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot write `no/such/dir/report.html`');
  });

  it('exits 2 for an invalid scenario or --max-steps', async () => {
    const scenario = await run(['simulate', POLICY, 'bad-drill.json'], inFiles);
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).toMatch(
      /escalation: simulate: bad-drill\.json: invalid scenario\n {2}bad-drill\.json: until: /,
    );
    for (const value of ['0', 'x', '1e300']) {
      const result = await run(['simulate', POLICY, DRILL, '--max-steps', value]);
      expect(result.stderr).toContain(`invalid \`--max-steps\` \`${value}\``);
    }
  });
});

describe('test', () => {
  it('lists failed cases, then a summary', async () => {
    const result = await run(['test', POLICY, 'cases.yaml', 'passing.json'], inFiles);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'cases.yaml\n  ✗ wrong on purpose\n      expect.severity: expected severity `sev1`, found `sev4` (rule `how-to-question`: a how-to or documentation question)\n3 cases: 2 passed, 1 failed\n',
    );
  });

  it('lists passing cases with --verbose, and coverage with --coverage', async () => {
    const result = await run(['test', POLICY, 'passing.json', '--verbose', '--coverage'], inFiles);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ outage is sev1');
    expect(result.stdout).toMatch(/coverage \d+(\.\d)?% \(\d+ of \d+ rules exercised\)/);
    expect(result.stdout).toMatch(/ {4}0 {2}security-data-exposure/);
    const short = await run(['test', POLICY, 'passing.json', '--coverage'], inFiles);
    expect(short.stdout).toContain('not exercised: security-data-exposure');
  });

  it('fails below --min-coverage', async () => {
    const low = await run(['test', POLICY, 'passing.json', '--min-coverage', '90'], inFiles);
    expect(low.code).toBe(1);
    expect(low.stdout).toMatch(/coverage \d+(\.\d)?% is below --min-coverage 90%/);
    expect((await run(['test', POLICY, 'passing.json', '--min-coverage', '1'], inFiles)).code).toBe(0);
    expect((await run(['test', POLICY, 'passing.json', '--min-coverage', '101'], inFiles)).code).toBe(2);
  });

  it('fails a case file of the wrong shape, and prints JSON', async () => {
    const result = await run(['test', POLICY, 'no-cases.json'], inFiles);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ (cases)');
    const json = JSON.parse((await run(['test', POLICY, 'cases.yaml', '--json'], inFiles)).stdout) as {
      results: { file: string; name: string; passed: boolean }[];
      coverage: { percent: number };
    };
    expect(json.results.map((r) => [r.file, r.name, r.passed])).toEqual([
      ['cases.yaml', 'outage is sev1', true],
      ['cases.yaml', 'wrong on purpose', false],
    ]);
  });

  it('shows a progress bar on a terminal only', async () => {
    const clock = Array.from({ length: 20 }, (_, i) => i * 1000);
    const tty = await run(['test', POLICY, 'cases.yaml'], { cwd: files.dir, tty: true, now: clock });
    expect(tty.stderr).toMatch(/\rtest \[#+-*\] +\d+% \d+ cases/);
    expect(tty.stderr.endsWith('\r')).toBe(true);
    expect((await run(['test', POLICY, 'cases.yaml'], inFiles)).stderr).toBe('');
  });
});

describe('diff', () => {
  it('summarises the changes, with severity migration and every ticket', async () => {
    const result = await run(['diff', POLICY, 'downgrade.json', 'tickets.json', '--now', NOW], inFiles);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('diff acme-saas 2026.11.1 → acme-saas 2026.12.1');
    expect(result.stdout).toContain('severity (rows: before, columns: after)');
    expect(result.stdout).toMatch(/sev1 +0 +1/);
    expect(result.stdout).toContain('severity sev1 → sev2 (rule payments-outage → payments-outage)');
    expect(result.stdout).toContain('ACME-1042 tickets.json[0]');
  });

  it('limits the tickets listed, and validates --limit', async () => {
    const result = await run(
      ['diff', POLICY, 'candidate.json', 'tickets.jsonl', '--now', NOW, '--limit', '1'],
      inFiles,
    );
    expect(result.stdout).toContain('(the first 1 of 2; --limit shows more)');
    expect((await run(['diff', POLICY, POLICY, 'tickets.json', '--limit', '-1'], inFiles)).code).toBe(2);
    expect((await run(['diff', POLICY, POLICY, 'tickets.json', '--limit=1.5'], inFiles)).code).toBe(2);
  });

  it('exits 1 on change only with --fail-on-change', async () => {
    const args = ['diff', POLICY, 'candidate.json', 'tickets.json', '--now', NOW];
    expect((await run(args, inFiles)).code).toBe(0);
    expect((await run([...args, '--fail-on-change'], inFiles)).code).toBe(1);
    const same = await run(
      ['diff', POLICY, POLICY, 'tickets.json', '--now', NOW, '--fail-on-change'],
      inFiles,
    );
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('0 tickets changed (0.0%)');
  });

  it('reads JSON Lines from standard input, with a context', async () => {
    const stdin = readFileSync(`${files.dir}/tickets.jsonl`, 'utf8');
    const result = await run(
      ['diff', POLICY, 'candidate.json', '-', '--now', NOW, '--context', 'context.json', '--json'],
      {
        cwd: files.dir,
        stdin: `\n${stdin}`,
      },
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ summary: { tickets: 3 } });
  });

  it('exits 2 for a bad line or a missing corpus', async () => {
    const bad = await run(['diff', POLICY, POLICY, 'bad-line.jsonl', '--now', NOW], inFiles);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad-line.jsonl:2:13: invalid JSON: expected double-quoted property name');
    expect((await run(['diff', POLICY, POLICY, 'none.jsonl'], inFiles)).stderr).toContain(
      'cannot read `none.jsonl`: no such file',
    );
    expect((await run(['diff', POLICY, POLICY, '.'], inFiles)).stderr).toContain(
      'cannot read `.`: is a directory',
    );
  });

  it('shows a progress bar on a terminal: a bar for a known size, a count for standard input', async () => {
    const clock = Array.from({ length: 50 }, (_, i) => i * 1000);
    const sized = await run(['diff', POLICY, 'candidate.json', 'tickets.jsonl', '--now', NOW], {
      cwd: files.dir,
      tty: true,
      now: clock,
      columns: 60,
    });
    expect(sized.stderr).toMatch(/\rdiff \[#+-*\] +\d+% 1 tickets/);
    const counted = await run(['diff', POLICY, 'candidate.json', '-', '--now', NOW], {
      cwd: files.dir,
      tty: true,
      now: clock,
      stdin: readFileSync(`${files.dir}/tickets.jsonl`, 'utf8'),
    });
    expect(counted.stderr).toContain('\rdiff 1 tickets');
  });
});

describe('schema', () => {
  it('prints the JSON Schema, with or without --json', async () => {
    const plain = await run(['schema']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toMatchObject({ type: 'object' });
    expect((await run(['schema', '--json'])).stdout).toBe(plain.stdout);
  });
});
