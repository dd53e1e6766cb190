// The CLI's dispatch, help, exit codes and colours, run in-process on a fake host.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from '../../src/cli/run.js';
import { POLICY, run } from './support.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[\d+m/;

describe('runCli', () => {
  it('prints the help on stderr and exits 2 without a command', async () => {
    const result = await run([]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('Commands:');
  });

  it('prints the help on stdout for --help, -h and help', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const result = await run(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: escalation <command>');
      for (const command of COMMANDS) expect(result.stdout).toContain(`  ${command.name}`);
    }
  });

  it('prints the help of a command for `help <command>` and `<command> --help`', async () => {
    for (const command of COMMANDS) {
      const help = await run(['help', command.name]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: escalation ${command.name}`);
      expect(help.stdout).toContain('Examples:');
      expect((await run([command.name, '-h'])).stdout).toBe(help.stdout);
    }
    const unknown = await run(['help', 'nope']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('unknown command `nope`');
  });

  it('prints the version', async () => {
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await run(['-V'])).code).toBe(0);
  });

  it('suggests the closest command or nothing', async () => {
    expect((await run(['simulte'])).stderr).toContain('unknown command `simulte` (did you mean `simulate`?)');
    expect((await run(['xyzzy'])).stderr).toContain('unknown command `xyzzy`\n');
    expect((await run(['--jsn'])).stderr).toContain('unknown option `--jsn`');
  });

  it('exits 2 for missing or extra arguments and misused options', async () => {
    const missing = await run(['check']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('check: missing arguments: escalation check [options] <policy>...');
    expect((await run(['schema', 'extra'])).stderr).toContain(
      'unexpected argument `extra`: `schema` takes none',
    );
    expect((await run(['simulate', 'a', 'b', 'c'])).stderr).toContain('unexpected argument `c`');
    expect((await run(['schema', '--json=yes'])).stderr).toContain('option `--json` takes no value');
    expect((await run(['lint', POLICY, '--now', '--json'])).stderr).toContain(
      'option `--now` needs a value <instant>',
    );
    expect((await run(['lint', POLICY, '-x'])).stderr).toContain('unknown option `-x`');
  });

  it('reports errors thrown for bad input (TypeError, RangeError) as input errors', async () => {
    let stderr = '';
    const code = await runCli(['lint', POLICY], {
      stdout: { write: () => undefined, isTTY: false },
      stderr: { write: (text) => void (stderr += text), isTTY: false },
      stdin: Readable.from([]),
      env: {},
      cwd: process.cwd(),
      now: () => {
        throw new RangeError('lintPolicy: `now` is out of range');
      },
    });
    expect(code).toBe(2);
    expect(stderr).toBe('escalation: lint: lintPolicy: `now` is out of range\n');
  });

  it('reports its own bugs with exit code 70', async () => {
    let stderr = '';
    const code = await runCli(['lint', POLICY], {
      stdout: { write: () => undefined, isTTY: false },
      stderr: { write: (text) => void (stderr += text), isTTY: false },
      stdin: Readable.from([]),
      env: {},
      cwd: process.cwd(),
      now: () => {
        throw new Error('the clock broke');
      },
    });
    expect(code).toBe(70);
    expect(stderr).toContain('internal error, please report it');
    expect(stderr).toContain('the clock broke');
  });

  it('colours a terminal unless NO_COLOR is set or TERM is dumb', async () => {
    const args = ['check', 'invalid.json'];
    const { fixtures, workspace } = await import('./support.js');
    const files = workspace(fixtures());
    try {
      const coloured = await run(args, { cwd: files.dir, tty: true });
      expect(coloured.code).toBe(1);
      expect(coloured.stdout).toMatch(ANSI);
      expect((await run(args, { cwd: files.dir, tty: true, env: { NO_COLOR: '' } })).stdout).toMatch(ANSI);
      for (const env of [{ NO_COLOR: '1' }, { TERM: 'dumb' }]) {
        const plain = await run(args, { cwd: files.dir, tty: true, env });
        expect(plain.stdout).not.toMatch(ANSI);
        expect(plain.stdout).toContain('invalid.json: sla.targets[2].calendar: unknown calendar');
      }
      expect((await run(args, { cwd: files.dir })).stdout).not.toMatch(ANSI);
      expect((await run(['--help'], { tty: true })).stdout).toMatch(ANSI);
      expect((await run(['nope'], { tty: true })).stderr).toMatch(ANSI);
    } finally {
      files.remove();
    }
  });
});
