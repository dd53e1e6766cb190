// Helpers of the runtime tests: the package's ESM build (tsup's own '.' config, or a built
// folder named by ESCALATION_BUNDLE_DIR), the same computation in Node as the reference, and
// the inputs every runtime evaluates.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';
import fc from 'fast-check';
import type { Options } from 'tsup';
import * as engine from '../../src/index.js';
import { ticketAndNowArbitrary } from '../../src/testing/index.js';
import { runCases, type RuntimeCase, type RuntimeInput, type RuntimeOutput } from './run-cases.js';

export const ROOT: string = new URL('../..', import.meta.url).pathname;
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as unknown;

/** The package's ESM build: a folder with `index.js` and the chunks it imports. */
export interface EsmBundle {
  /** The folder (absolute). */
  readonly dir: string;
  /** The `.js` files `index.js` loads, by path relative to `dir` (`index.js`, `chunk-….js`). */
  readonly files: ReadonlyMap<string, string>;
  /** The bare specifiers it imports (`zod/mini`): its dependencies, left external. */
  readonly dependencies: readonly string[];
  readonly remove: () => void;
}

function jsFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const path of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
    if (path.endsWith('.js')) files.set(path, readFileSync(join(dir, path), 'utf8'));
  return files;
}

/** Specifiers of the static imports and re-exports of ESM text. */
function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:^|[\s;}])(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g)].map(
    (match) => match[1] ?? '',
  );
}

/**
 * The files `index.js` loads (itself and the chunks it imports, not the testing entry) and the
 * bare specifiers they import: the package's dependencies.
 */
function entryGraph(all: ReadonlyMap<string, string>): {
  files: Map<string, string>;
  dependencies: string[];
} {
  const files = new Map<string, string>();
  const dependencies = new Set<string>();
  const visit = (path: string): void => {
    const text = all.get(path);
    if (text === undefined) throw new Error(`the ESM build imports ${path}, which is missing`);
    if (files.has(path)) return;
    files.set(path, text);
    for (const specifier of importsOf(text)) {
      if (!specifier.startsWith('.')) dependencies.add(specifier);
      else visit(posix.normalize(posix.join(posix.dirname(path), specifier)));
    }
  };
  visit('index.js');
  return { files, dependencies: [...dependencies].sort() };
}

/** Which build the tests load: ESCALATION_BUNDLE_DIR, else a fresh one (shown in the test names). */
export const BUNDLE_SOURCE: string = process.env['ESCALATION_BUNDLE_DIR'] || "tsup's '.' config";

/**
 * The ESM build the package ships. `npm test` runs before `npm run build` in CI, so by default
 * the build is made here, into `.tmp/`, with the '.' entry's own options from tsup.config.ts
 * (ESM only, no declarations): the same esbuild + tree-shaking pass, the same chunks. With
 * ESCALATION_BUNDLE_DIR=dist (after `npm run build`) the shipped files are tested as they are.
 */
export async function esmBundle(): Promise<EsmBundle> {
  const given = process.env['ESCALATION_BUNDLE_DIR'] ?? '';
  if (given !== '') {
    const dir = join(ROOT, given);
    return { dir, ...entryGraph(jsFiles(dir)), remove: () => undefined };
  }
  const { build: tsup } = await import('tsup');
  // A computed specifier keeps tsup.config.ts out of the test program (ESLint lints it on its own).
  const config = pathToFileURL(join(ROOT, 'tsup.config.ts')).href;
  const all = ((await import(config)) as { default: Options[] }).default;
  const main = all.find(
    (options) => (options.entry as Record<string, string> | undefined)?.['index'] === 'src/index.ts',
  );
  if (main === undefined) throw new Error("tsup.config.ts has no '.' entry (index: src/index.ts)");
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'runtime-esm-'));
  await tsup({
    ...main,
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: false,
    outDir: dir,
    config: false,
    silent: true,
  });
  return {
    dir,
    ...entryGraph(jsFiles(dir)),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One dependency (`zod/mini`) as a single ESM file, resolved from node_modules as a bundler would. */
export async function dependencyModule(specifier: string): Promise<string> {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** run-cases.ts as an ES module, for a browser (types stripped, nothing else changed). */
export async function runCasesModule(): Promise<string> {
  const source = readFileSync(join(ROOT, 'test', 'runtime', 'run-cases.ts'), 'utf8');
  const result = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' });
  return result.code;
}

/**
 * A classic script (no module loader: node:vm runs scripts) that defines one global,
 * `__runtimeCheck.run(inputText)`: the bundle's `index.js` with its dependencies inlined,
 * and run-cases.ts.
 */
export async function scriptBundle(bundle: EsmBundle): Promise<string> {
  const contents = [
    `import * as engine from ${JSON.stringify(join(bundle.dir, 'index.js'))};`,
    `import { runCases } from ${JSON.stringify(join(ROOT, 'test', 'runtime', 'run-cases.ts'))};`,
    'export const run = (text) => runCases(engine, text);',
  ].join('\n');
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__runtimeCheck',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** The fast-check seed: FC_SEED when set (CI prints it), else a fixed one. */
export const SEED: number = Number(process.env['FC_SEED'] ?? 20261126);
/** How many generated tickets every runtime evaluates. */
export const GENERATED = 300;

/** Instants every example ticket is evaluated at: around their lives, DST changes, as ms too. */
const NOWS: readonly (string | number)[] = [
  '2026-03-06T16:30:00-05:00',
  '2026-03-08T06:30:00Z',
  '2026-03-09T14:20:00Z',
  '2026-03-10T21:05:00+01:00',
  Date.parse('2026-11-01T05:30:00Z'),
];

type Json = Record<string, unknown>;

/** The inputs every runtime evaluates (plain JSON). */
export function runtimeInput(): RuntimeInput {
  const policy = readJson('examples/policies/acme-saas.json') as Json;
  const examples = readdirSync(join(ROOT, 'examples', 'tickets'))
    .filter((name) => name.endsWith('.json'))
    .sort();
  const cases: RuntimeCase[] = [];
  for (const name of examples) {
    const ticket = readJson(`examples/tickets/${name}`);
    for (const [index, now] of NOWS.entries())
      cases.push({ label: `examples/tickets/${name} at ${String(now)}`, ticket, now, explain: index === 2 });
  }
  const compiled = engine.compilePolicy(policy);
  const generated = fc.sample(ticketAndNowArbitrary(compiled), { seed: SEED, numRuns: GENERATED });
  for (const [index, { ticket, now }] of generated.entries())
    cases.push({
      label: `generated #${String(index)} (seed ${String(SEED)})`,
      ticket,
      now,
      explain: index % 5 === 0,
    });
  const invalidPolicy = structuredClone(policy);
  const targets = (invalidPolicy['sla'] as { targets: Json[] }).targets;
  if (targets[2] !== undefined) targets[2]['calendar'] = 'us-bizness';
  invalidPolicy['routnig'] = {};
  const input: RuntimeInput = {
    policy,
    invalidPolicy,
    cases,
    lintNow: '2026-11-26T12:00:00Z',
    drill: readJson('examples/drills/sev1-outage.json'),
    // A night shift and a 30-minute DST change (Lord Howe Island: April and October).
    calendar: {
      timezone: 'Australia/Lord_Howe',
      weekly: {
        sat: [['22:00', '24:00']],
        sun: [
          ['00:00', '06:00'],
          ['09:00', '17:00'],
        ],
        mon: [['09:00', '17:00']],
      },
      holidays: [{ annual: '12-25', name: 'Christmas Day' }],
    },
    additions: [
      ['2026-04-04T10:00:00Z', 3_600_000],
      ['2026-04-04T11:00:00Z', 8 * 3_600_000],
      ['2026-10-03T10:00:00Z', 3_600_000],
      ['2026-10-03T15:30:00Z', 12 * 3_600_000],
      ['2026-12-24T12:00:00Z', 40 * 3_600_000],
    ],
  };
  // Exactly what a runtime receives: JSON, so no value survives that JSON cannot carry.
  return JSON.parse(JSON.stringify(input)) as RuntimeInput;
}

/** The reference: the same computation in this Node process, on the sources. */
export function nodeOutput(inputText: string): RuntimeOutput {
  return JSON.parse(runCases(engine, inputText)) as RuntimeOutput;
}

/**
 * Compares a runtime's output with Node's, one decision at a time (a failure names the case),
 * then the other results.
 */
export function compareOutputs(
  expectEqual: (actual: unknown, expected: unknown, label: string) => void,
  input: RuntimeInput,
  actual: RuntimeOutput,
  expected: RuntimeOutput,
): void {
  expectEqual(actual.decisions.length, expected.decisions.length, 'number of decisions');
  for (const [index, decision] of expected.decisions.entries())
    expectEqual(actual.decisions[index], decision, input.cases[index]?.label ?? String(index));
  expectEqual(actual.lint, expected.lint, 'lintPolicy');
  expectEqual(actual.invalid, expected.invalid, 'safeCompilePolicy of a broken policy');
  expectEqual(actual.simulation, expected.simulation, 'simulate');
  expectEqual(actual.businessTime, expected.businessTime, 'addBusinessTime');
}
