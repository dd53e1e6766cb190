// The built CLI, spawned as a user runs it: `node dist/cli.js <command> …`.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCli,
  DRILL,
  fixtures,
  MALFORMED_TICKET,
  POLICY,
  SEV1_TICKET,
  spawn,
  workspace,
} from './support.js';

const NOW = '2026-03-09T14:40:00Z';
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;
let files: ReturnType<typeof workspace>;

beforeAll(async () => {
  await buildCli();
  files = workspace(fixtures());
}, 120_000);
afterAll(() => {
  files.remove();
});

describe.concurrent('the escalation bin', { timeout: 60_000 }, () => {
  it('prints its help and version, and exits 2 without a command', async () => {
    const help = await spawn(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: escalation <command>');
    for (const command of [
      'check',
      'lint',
      'eval',
      'simulate',
      'test',
      'diff',
      'metrics',
      'report',
      'schema',
    ])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect((await spawn(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await spawn(['help', 'check'])).stdout).toContain('Usage: escalation check');
    const bare = await spawn([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Usage: escalation');
  });

  it.each(['check', 'lint', 'eval', 'simulate', 'test', 'diff', 'metrics', 'report', 'schema'])(
    'prints the help of `%s` with options, exit codes and examples',
    async (command) => {
      const result = await spawn([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: escalation ${command}`);
      expect(result.stdout).toContain('--json');
      expect(result.stdout).toContain('Exit codes:');
      expect(result.stdout).toMatch(/Examples:\n[\s\S]*\$ escalation /);
    },
  );

  it('exits 2 for an unknown command or option, with a suggestion', async () => {
    const command = await spawn(['chek', POLICY]);
    expect(command).toMatchObject({ code: 2, stdout: '' });
    expect(command.stderr).toContain('unknown command `chek` (did you mean `check`?)');
    const option = await spawn(['check', POLICY, '--jsno']);
    expect(option).toMatchObject({ code: 2, stdout: '' });
    expect(option.stderr).toContain('unknown option `--jsno` (did you mean `--json`?)');
    expect(option.stderr).toContain('escalation check --help');
  });

  it('never colours output that is not a terminal, nor with NO_COLOR', async () => {
    const runs = await Promise.all(
      [{ TERM: 'xterm-256color' }, { NO_COLOR: '1', TERM: 'xterm-256color' }].map((env) =>
        spawn(['eval', POLICY, SEV1_TICKET, MALFORMED_TICKET, '--now', NOW], { env }),
      ),
    );
    for (const result of runs) {
      expect(result.code).toBe(1);
      expect(result.stdout).not.toMatch(ANSI);
      expect(result.stderr).not.toMatch(ANSI);
    }
  });
});

describe.concurrent('check', { timeout: 60_000 }, () => {
  it('exits 0 for a valid policy, JSON or YAML', async () => {
    const json = await spawn(['check', POLICY]);
    expect(json.code).toBe(0);
    expect(json.stdout).toContain('valid (acme-saas 2026.11.1)');
    expect((await spawn(['check', files.path('policy.yaml')])).code).toBe(0);
  });

  it('exits 1 with each error as `file: path: message`', async () => {
    const result = await spawn(['check', 'invalid.json'], { cwd: files.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'invalid.json: sla.targets[2].calendar: unknown calendar `us-bizness` (did you mean `us-business`?)',
    );
  });

  it('exits 2 for a file that is missing or not JSON/YAML, with line and column', async () => {
    expect(await spawn(['check', 'nope.json'], { cwd: files.dir })).toMatchObject({ code: 2, stdout: '' });
    expect((await spawn(['check', 'nope.json'], { cwd: files.dir })).stderr).toContain(
      'cannot read `nope.json`: no such file',
    );
    const json = await spawn(['check', 'broken.json'], { cwd: files.dir });
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('broken.json:4:1: invalid JSON: expected double-quoted property name');
    const yaml = await spawn(['check', 'broken.yaml'], { cwd: files.dir });
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/broken\.yaml:2:\d+: invalid YAML: /);
  });

  it('prints a JSON report with --json', async () => {
    const result = await spawn(['check', 'invalid.json', 'policy.yaml', '--json'], { cwd: files.dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      valid: boolean;
      files: { file: string; valid: boolean; issues: { where: string; code: string }[] }[];
    };
    expect(report.valid).toBe(false);
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      ['invalid.json', false],
      ['policy.yaml', true],
    ]);
    expect(report.files[0]?.issues[0]).toMatchObject({
      code: 'unknown_calendar',
      where: 'sla.targets[2].calendar',
    });
  });

  it('reads a policy from standard input', async () => {
    expect((await spawn(['check', '-'], { stdin: readFileSync(POLICY, 'utf8') })).code).toBe(0);
  });
});

describe.concurrent('lint', { timeout: 60_000 }, () => {
  it('exits 0 without findings and 1 with findings', async () => {
    expect((await spawn(['lint', POLICY, '--now', '2026-11-26T09:00:00Z'])).code).toBe(0);
    const late = await spawn(['lint', POLICY, '--now', '2031-01-01T00:00:00Z']);
    expect(late.code).toBe(1);
    expect(late.stdout).toContain('governance.reviewedAt: policy review overdue');
    const json = JSON.parse(
      (await spawn(['lint', POLICY, '--now', '2031-01-01T00:00:00Z', '--json'])).stdout,
    ) as {
      findings: number;
      files: { issues: { code: string }[] }[];
    };
    expect(json.findings).toBeGreaterThan(0);
    expect(json.files[0]?.issues.map((i) => i.code)).toContain('review_overdue');
  });

  it('exits 2 for an invalid --now', async () => {
    const local = await spawn(['lint', POLICY, '--now', '2026-03-09T14:00:00']);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('an instant needs an offset');
    expect((await spawn(['lint', POLICY, '--now', 'tomorrow'])).code).toBe(2);
    expect((await spawn(['lint', POLICY, '--now'])).stderr).toContain('option `--now` needs a value');
  });
});

describe.concurrent('eval', { timeout: 60_000 }, () => {
  it('prints the decision and exits 0 when it is ok', async () => {
    const result = await spawn(['eval', POLICY, SEV1_TICKET, '--now', NOW]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ACME-1042  ok');
    expect(result.stdout).toMatch(/severity\s+sev1 rule payments-outage/);
    expect(result.stdout).toContain('next evaluation 2026-03-09T15:00:00.000Z');
  });

  it('exits 1 for a degraded decision, naming the ticket path', async () => {
    const result = await spawn(['eval', files.path('policy.yaml'), MALFORMED_TICKET, '--now', NOW]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('malformed.json: createdAt: invalid `createdAt`');
    expect(result.stderr).toContain('degraded');
  });

  it('prints the decision as JSON with --json, the trace with --explain', async () => {
    const result = await spawn(['eval', POLICY, SEV1_TICKET, '--now', NOW, '--json', '--explain']);
    expect(result.code).toBe(0);
    const decision = JSON.parse(result.stdout) as {
      severity: { id: string };
      evaluatedAt: string;
      trace: unknown[];
    };
    expect(decision.severity.id).toBe('sev1');
    expect(decision.evaluatedAt).toBe('2026-03-09T14:40:00.000Z');
    expect(decision.trace.length).toBeGreaterThan(0);
    const many = JSON.parse(
      (await spawn(['eval', POLICY, 'tickets.json', '--now', NOW, '--json'], { cwd: files.dir })).stdout,
    ) as unknown[];
    expect(many).toHaveLength(3);
  });

  it('exits 2 for an invalid policy, listing its errors', async () => {
    const result = await spawn(['eval', 'invalid.json', SEV1_TICKET], { cwd: files.dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('invalid.json: sla.targets[2].calendar: unknown calendar `us-bizness`');
  });
});

describe.concurrent('simulate', { timeout: 60_000 }, () => {
  it('prints the timeline and exits 0 when every assertion holds', async () => {
    const result = await spawn(['simulate', POLICY, DRILL]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('timeline');
    expect(result.stdout).toMatch(/✓ the incident commander is paged/);
    const json = JSON.parse((await spawn(['simulate', POLICY, DRILL, '--json'])).stdout) as {
      passed: boolean;
      timeline: unknown[];
    };
    expect(json.passed).toBe(true);
    expect(json.timeline.length).toBeGreaterThan(10);
  });

  it('exits 1 when an assertion fails', async () => {
    const result = await spawn(['simulate', POLICY, 'failing-drill.json'], { cwd: files.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ the impossible');
  });

  it('exits 2 for an invalid scenario, with paths into it', async () => {
    const result = await spawn(['simulate', POLICY, 'bad-drill.json'], { cwd: files.dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('bad-drill.json: until:');
  });
});

describe.concurrent('test', { timeout: 60_000 }, () => {
  it('exits 0 when every case passes, 1 when one fails, and prints coverage', async () => {
    const examples = await spawn(['test', POLICY, 'examples/tests/acme-saas.cases.yaml']);
    expect(examples.code).toBe(0);
    expect(examples.stdout).toMatch(/^\d+ cases: \d+ passed, 0 failed\n$/);
    const result = await spawn(['test', POLICY, 'cases.yaml', '--coverage'], { cwd: files.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ wrong on purpose');
    expect(result.stdout).toContain('expect.severity: expected severity `sev1`');
    expect(result.stdout).toMatch(/coverage \d+(\.\d)?%/);
    const json = JSON.parse(
      (await spawn(['test', POLICY, 'cases.yaml', '--json'], { cwd: files.dir })).stdout,
    ) as {
      passed: number;
      failed: number;
    };
    expect(json).toMatchObject({ passed: 1, failed: 1 });
  });
});

describe.concurrent('diff', { timeout: 60_000 }, () => {
  it('summarises what changes over a JSON Lines corpus, without a progress bar off a terminal', async () => {
    const result = await spawn(['diff', POLICY, 'candidate.json', 'tickets.jsonl', '--now', NOW], {
      cwd: files.dir,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('acme-saas 2026.11.1 → acme-saas 2026.12.0');
    expect(result.stdout).toContain('2 tickets changed');
    expect(result.stdout).toContain('clock firstResponse changed');
    expect(result.stderr).toBe('');
  });

  it('exits 1 with --fail-on-change when something changed, 0 when nothing did', async () => {
    expect(
      (
        await spawn(['diff', POLICY, 'candidate.json', 'tickets.json', '--now', NOW, '--fail-on-change'], {
          cwd: files.dir,
        })
      ).code,
    ).toBe(1);
    expect(
      (
        await spawn(['diff', POLICY, POLICY, 'tickets.json', '--now', NOW, '--fail-on-change'], {
          cwd: files.dir,
        })
      ).code,
    ).toBe(0);
  });

  it('prints the diff as JSON', async () => {
    const result = await spawn(['diff', POLICY, 'candidate.json', 'tickets.jsonl', '--now', NOW, '--json'], {
      cwd: files.dir,
    });
    const diff = JSON.parse(result.stdout) as { summary: { tickets: number; changed: number } };
    expect(diff.summary).toMatchObject({ tickets: 3, changed: 2 });
  });

  it('exits 2 for a bad line, naming its line and column', async () => {
    const result = await spawn(['diff', POLICY, 'candidate.json', 'bad-line.jsonl', '--now', NOW], {
      cwd: files.dir,
    });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('bad-line.jsonl:2:13: invalid JSON');
  });
});

describe.concurrent('schema', { timeout: 60_000 }, () => {
  it('prints the JSON Schema of policies', async () => {
    const result = await spawn(['schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toContain('2020-12');
    expect(Object.keys(schema.properties)).toContain('sla');
    expect((await spawn(['schema', 'extra'])).code).toBe(2);
  });
});
