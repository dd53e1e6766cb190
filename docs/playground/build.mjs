// Builds the playground (docs/playground/README.md): the library from src/ and the page's small
// UI bundled by esbuild into one script, the stylesheet, and the page, into docs/playground/dist/
// (or --outdir <dir>). The page needs no server: open dist/index.html from disk.
//
//   node docs/playground/build.mjs [--outdir <dir>]
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Reads `--outdir <dir>` from the arguments.
 *
 * @param {readonly string[]} args - The command-line arguments after the script.
 * @returns {string} The output folder, absolute.
 */
function outdirOf(args) {
  const index = args.indexOf('--outdir');
  if (index === -1) return join(here, 'dist');
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error('--outdir needs a folder');
  return resolve(value);
}

const args = process.argv.slice(2);
const unknown = args.filter(
  (arg, i) => arg.startsWith('--') && arg !== '--outdir' && args[i - 1] !== '--outdir',
);
if (unknown.length > 0) {
  process.stderr.write(
    `build.mjs: unknown option ${unknown.join(' ')} (usage: node docs/playground/build.mjs [--outdir <dir>])\n`,
  );
  process.exit(2);
}
const outdir = outdirOf(args);
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

const result = await build({
  entryPoints: [
    { in: join(here, 'src', 'main.ts'), out: 'app' },
    { in: join(here, 'style.css'), out: 'app' },
  ],
  outdir,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  tsconfig: join(here, 'tsconfig.json'),
  metafile: true,
  logLevel: 'warning',
});
await copyFile(join(here, 'index.html'), join(outdir, 'index.html'));

// What went into the page: the library, zod, the UI. Nothing for Node, no test code.
const output = Object.values(result.metafile.outputs).find((entry) => entry.entryPoint?.endsWith('main.ts'));
const inputs = Object.entries(output?.inputs ?? {})
  .filter(([, use]) => use.bytesInOutput > 0)
  .map(([input]) => input);
const forbidden = inputs.filter((input) =>
  /node_modules\/(fast-check|yaml)\/|(^|\/)src\/testing\/|^node:/.test(input),
);
if (forbidden.length > 0) {
  process.stderr.write(`build.mjs: the page bundles what it must not: ${forbidden.join(', ')}\n`);
  process.exit(1);
}
const lines = [];
for (const name of ['index.html', 'app.js', 'app.css']) {
  const bytes = await readFile(join(outdir, name));
  lines.push(
    `  ${name.padEnd(10)} ${String(bytes.length).padStart(8)} B  ${String(gzipSync(bytes).length).padStart(7)} B gzip`,
  );
}
process.stdout.write(
  `playground built in ${relative(process.cwd(), outdir) || '.'}/ (${String(inputs.length)} inputs)\n${lines.join('\n')}\n`,
);
