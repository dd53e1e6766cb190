// Size budget of the '.' entry (STYLE §8.8): our code alone (dependencies external) and
// what a bundler ships with its dependencies included, both minified and gzipped.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const BUDGETS = {
  'our code (deps external)': { external: ['zod'], limit: 13 * 1024 },
  'with dependencies': { external: [], limit: 19 * 1024 },
};
const MUST_NOT_CONTAIN = ['fast-check', 'calendarDefinitionArbitrary'];

let failed = false;
for (const [label, { external, limit }] of Object.entries(BUDGETS)) {
  const result = await build({
    entryPoints: ['dist/index.js'],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    external,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const size = gzipSync(code).length;
  const ok = size <= limit;
  failed ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} ${label}: ${(size / 1024).toFixed(1)} KB gzip (budget ${limit / 1024} KB)`,
  );
  for (const needle of MUST_NOT_CONTAIN) {
    if (code.includes(needle)) {
      failed = true;
      console.log(`FAIL ${label}: the bundle contains \`${needle}\``);
    }
  }
}
if (failed) process.exit(1);
