/**
 * Policy compile benchmark: `compilePolicy` on the reference policy
 * (examples/policies/acme-saas.json), warm and cold, next to what a team would
 * otherwise run at load time: validating the file against its JSON Schema with ajv
 * (a compiled validator, shape only) and building every condition with
 * json-logic-engine. Also `lintPolicy` and a refused policy (the issues path).
 *
 * Run with `npm run bench:compile`. Target (issue 3): compilePolicy under 5 ms warm.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LogicEngine } from 'json-logic-engine';
import { Bench } from 'tinybench';
import { compilePolicy, lintPolicy, policyJsonSchema, safeCompilePolicy } from '../src/index.js';
import { registerJsonLogicEngine } from './extras.js';

const text = readFileSync(new URL('../examples/policies/acme-saas.json', import.meta.url), 'utf8');
const document = JSON.parse(text) as Record<string, unknown>;
const broken = JSON.parse(
  text.replaceAll(/"calendar": *"us-business"/g, '"calendar": "us-bizness"'),
) as unknown;

/** Every `when` / matrix `value` expression in a document, in order. */
function conditions(node: unknown, out: unknown[] = []): unknown[] {
  if (node === null || typeof node !== 'object') return out;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'when' || key === 'value') && !Array.isArray(node)) out.push(value);
    else conditions(value, out);
  }
  return out;
}
const expressions = conditions(document);

// Cold: the first compile in this process (zone data, schema and closures built once).
const coldStart = performance.now();
const policy = compilePolicy(document);
const coldMs = performance.now() - coldStart;
if (safeCompilePolicy(broken).success) throw new Error('the broken variant compiled');

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(policyJsonSchema());
if (!validate(document))
  throw new Error(`ajv refused the reference policy: ${ajv.errorsText(validate.errors)}`);

const bench = new Bench({ time: 1000, warmupTime: 300 });
bench.add('compilePolicy(acme-saas) warm', () => {
  compilePolicy(document);
});
bench.add('safeCompilePolicy(refused variant)', () => {
  safeCompilePolicy(broken);
});
bench.add('lintPolicy(acme-saas)', () => {
  lintPolicy(policy, { now: '2026-11-26T12:00:00Z' });
});
bench.add('ajv validate (shape only, compiled validator)', () => {
  validate(document);
});
bench.add('ajv validate + json-logic-engine build of every condition', () => {
  validate(document);
  const engine = new LogicEngine();
  registerJsonLogicEngine(engine);
  for (const expression of expressions) engine.build(expression);
});
await bench.run();

const ms = new Map<string, number>();
for (const task of bench.tasks) {
  const result = task.result as { latency?: { mean: number }; error?: unknown } | undefined;
  const mean = result?.latency?.mean;
  if (mean === undefined) throw new Error(`task ${task.name} did not run`, { cause: result?.error });
  ms.set(task.name, mean);
}
const fmt = (value: number): string => `${value.toFixed(3)} ms`.padStart(12);
process.stdout.write(
  `reference policy: ${String(Buffer.byteLength(text))} bytes, ${String(expressions.length)} conditions\n\n`,
);
process.stdout.write(`${'task'.padEnd(60)}${'mean'.padStart(12)}\n`);
process.stdout.write(
  `${'compilePolicy(acme-saas) cold (first call in the process)'.padEnd(60)}${fmt(coldMs)}\n`,
);
for (const [name, value] of ms) process.stdout.write(`${name.padEnd(60)}${fmt(value)}\n`);
const warm = ms.get('compilePolicy(acme-saas) warm') ?? Number.NaN;
const alternative = ms.get('ajv validate + json-logic-engine build of every condition') ?? Number.NaN;
process.stdout.write(
  `\ncompilePolicy warm: ${warm.toFixed(2)} ms (target < 5 ms: ${warm < 5 ? 'met' : 'NOT met'}); ` +
    `${(warm / alternative).toFixed(1)}× the time of ajv + json-logic-engine build, which check shape only\n`,
);
