// Helpers of the CLI tests: the CLI run in-process on a fake host (for coverage and
// terminals), the built CLI spawned as a user runs it, and fixture files.
import { spawn as spawnChild } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { Options } from 'tsup';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/run.js';

export const ROOT: string = new URL('../..', import.meta.url).pathname;
export const CLI: string = join(ROOT, 'dist', 'cli.js');
export const POLICY: string = join(ROOT, 'examples', 'policies', 'acme-saas.json');
export const DRILL: string = join(ROOT, 'examples', 'drills', 'sev1-outage.json');
export const SEV1_TICKET: string = join(ROOT, 'examples', 'tickets', 'sev1-outage.json');
export const MALFORMED_TICKET: string = join(ROOT, 'examples', 'tickets', 'malformed.json');

/** What a run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of a run. */
export interface RunOptions {
  readonly stdin?: string | undefined;
  readonly tty?: boolean | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly cwd?: string | undefined;
  /** The instants `now()` returns, one per call, the last repeated. */
  readonly now?: readonly number[] | undefined;
  readonly columns?: number | undefined;
}

/** Runs the CLI in this process on a fake host. */
export async function run(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const clock = [...(options.now ?? [Date.parse('2026-03-09T14:40:00Z')])];
  const tty = options.tty ?? false;
  const code = await runCli(args, {
    stdout: { write: (text) => void (stdout += text), isTTY: tty, columns: options.columns },
    stderr: { write: (text) => void (stderr += text), isTTY: tty, columns: options.columns },
    stdin: Readable.from([Buffer.from(options.stdin ?? '')]),
    env: options.env ?? {},
    cwd: options.cwd ?? ROOT,
    now: () => new Date(clock.length > 1 ? (clock.shift() ?? 0) : (clock[0] ?? 0)),
  });
  return { code, stdout, stderr };
}

/** Spawns the built CLI (`node dist/cli.js …`) without a terminal, as a user runs it. */
export function spawn(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawnChild(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env['PATH'], ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * Builds `dist/cli.js` with the CLI's tsup config (esbuild only, about a second). The output
 * is written elsewhere and renamed into place, so parallel test files never see half a file.
 */
export async function buildCli(): Promise<void> {
  const { build } = await import('tsup');
  // The CLI's own build options, from the one place they are written. A computed specifier
  // keeps tsup.config.ts out of the test program (ESLint lints it on its own).
  const config = pathToFileURL(join(ROOT, 'tsup.config.ts')).href;
  const { cliConfig } = (await import(config)) as { cliConfig: Options };
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const out = mkdtempSync(join(ROOT, '.tmp', 'cli-build-'));
  try {
    await build({ ...cliConfig, outDir: out, config: false, silent: true });
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    renameSync(join(out, 'cli.js.map'), join(ROOT, 'dist', 'cli.js.map'));
    renameSync(join(out, 'cli.js'), CLI);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A temporary folder with files, removed by the returned function. */
export function workspace(files: Readonly<Record<string, string>>): {
  dir: string;
  path: (name: string) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'escalation-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return {
    dir,
    path: (name) => join(dir, name),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;

type Json = Record<string, unknown>;

/** The reference policy with its edits: a deep copy changed by `edit`. */
export function policyWith(edit: (policy: Json) => void): Json {
  const policy = structuredClone(readJson(POLICY)) as Json;
  edit(policy);
  return policy;
}

const at = (value: unknown, ...keys: (string | number)[]): Json =>
  keys.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value) as Json;

/** The files most tests use. */
export function fixtures(): Record<string, string> {
  const invalid = policyWith((p) => {
    at(p, 'sla', 'targets', 2)['calendar'] = 'us-bizness';
  });
  // A candidate policy: enterprise Sev1 first responses in 10 minutes instead of 15.
  const candidate = policyWith((p) => {
    p['version'] = '2026.12.0';
    at(p, 'sla', 'targets', 1, 'metrics')['firstResponse'] = '10m';
  });
  const ticket = readJson(SEV1_TICKET);
  const malformed = readJson(MALFORMED_TICKET);
  const quiet = {
    id: 'ACME-2000',
    createdAt: '2026-03-09T14:00:00Z',
    subject: 'How do I export invoices?',
    service: 'billing',
    customer: { id: 'initech', tier: 'starter' },
    status: 'open',
    events: [{ type: 'created', at: '2026-03-09T14:00:00Z' }],
  };
  return {
    'policy.yaml': stringify(readJson(POLICY)),
    'invalid.json': JSON.stringify(invalid, null, 2),
    'candidate.json': JSON.stringify(candidate, null, 2),
    'broken.json': '{\n  "id": "acme",\n  "version": "1",\n}\n',
    'broken.yaml': 'id: acme\nversion: [1, 2\n',
    'tickets.json': JSON.stringify([ticket, malformed, quiet]),
    'tickets.jsonl': `${[ticket, quiet, ticket].map((t) => JSON.stringify(t)).join('\n')}\n`,
    'bad-line.jsonl': `${JSON.stringify(ticket)}\n{"id": "X", }\n`,
    'cases.yaml': stringify({
      description: 'smoke cases',
      cases: [
        {
          name: 'outage is sev1',
          ticket,
          now: '2026-03-09T14:20:00Z',
          expect: { severity: 'sev1', queue: 'payments' },
        },
        {
          name: 'wrong on purpose',
          ticket: quiet,
          now: '2026-03-09T14:20:00Z',
          expect: { severity: 'sev1' },
        },
      ],
    }),
    'passing.json': JSON.stringify([
      { name: 'outage is sev1', ticket, now: '2026-03-09T14:20:00Z', expect: { severity: 'sev1' } },
    ]),
    'failing-drill.json': JSON.stringify({
      ...(readJson(DRILL) as Json),
      expect: [{ description: 'the impossible', by: '+1m', severity: 'sev4' }],
    }),
    'bad-drill.json': JSON.stringify({ ticket, until: '+3x' }),
    // Nobody acts: every clock breaches.
    'breach-drill.json': JSON.stringify({
      name: 'nobody answers',
      ticket: (readJson(DRILL) as Json)['ticket'],
      responder: { performActions: false },
      until: '+6h',
    }),
    'downgrade.json': JSON.stringify(
      policyWith((p) => {
        p['version'] = '2026.12.1';
        const rules = at(p, 'classification')['rules'] as Json[];
        const rule = rules.find((r) => r['id'] === 'payments-outage');
        if (rule !== undefined) rule['severity'] = 'sev2';
      }),
    ),
    'context.json': JSON.stringify({ unavailable: ['hugo.laurent@example.com'] }),
    'bad-context.json': JSON.stringify({ away: ['x'] }),
  };
}
