import {
  formatPath,
  runPolicyTests,
  type Policy,
  type PolicyCoverage,
  type PolicyTestReport,
  type PolicyTestResult,
} from '../api.js';
import { loadPolicy, plural, writeJson, type Command, type Printer } from '../command.js';
import { CliError, EXIT } from '../errors.js';
import { readDocument } from '../io.js';
import { createProgress, type Progress } from '../progress.js';
import { safeText } from '../style.js';

type Kind = keyof PolicyCoverage['rules'];
const KINDS: readonly Kind[] = ['classification', 'queues', 'targets', 'escalation', 'gates'];
const LABELS: Readonly<Record<Kind, string>> = {
  classification: 'classification rules',
  queues: 'queues',
  targets: 'SLA targets',
  escalation: 'escalation rules',
  gates: 'approval gates',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const explicitName = (value: unknown): string | undefined =>
  isRecord(value) && typeof value['name'] === 'string' && value['name'] !== '' ? value['name'] : undefined;

/**
 * Sums the coverage of reports over the same policy, as one run over all their cases would
 * count it.
 *
 * @param coverages - At least one coverage of the same policy.
 * @returns The summed coverage.
 * @internal
 */
export function mergeCoverage(coverages: readonly [PolicyCoverage, ...PolicyCoverage[]]): PolicyCoverage {
  const [first] = coverages;
  const rules = {} as Record<Kind, Record<string, number>>;
  const uncovered = {} as Record<Kind, string[]>;
  let covered = 0;
  let total = 0;
  for (const kind of KINDS) {
    const counts: Record<string, number> = {};
    for (const id of Object.keys(first.rules[kind]))
      counts[id] = coverages.reduce((n, coverage) => n + (coverage.rules[kind][id] ?? 0), 0);
    rules[kind] = counts;
    uncovered[kind] = Object.keys(counts).filter((id) => counts[id] === 0);
    total += Object.keys(counts).length;
    covered += Object.keys(counts).length - uncovered[kind].length;
  }
  return {
    rules,
    uncovered,
    covered,
    total,
    percent: total === 0 ? 100 : Math.round((covered / total) * 1000) / 10,
  };
}

/**
 * Splits cases into consecutive chunks, never separating two cases with the same name (the
 * runner reports a duplicate name only within one run); one chunk when a case is explicitly
 * named like an unnamed one (`#3`), whose name depends on its place in the run.
 */
function chunksOf(cases: readonly unknown[], size: number): [number, number][] {
  const names = cases.map((value, index) => explicitName(value) ?? `#${String(index)}`);
  if (cases.some((value) => explicitName(value)?.startsWith('#') === true)) return [[0, cases.length]];
  const last = new Map<string, number>();
  names.forEach((name, index) => last.set(name, index));
  const chunks: [number, number][] = [];
  let start = 0;
  let reach = 0;
  for (let index = 0; index < cases.length; index++) {
    reach = Math.max(reach, last.get(names[index] ?? '') ?? index);
    if (index + 1 - start >= size && reach === index) {
      chunks.push([start, index + 1]);
      start = index + 1;
    }
  }
  if (start < cases.length) chunks.push([start, cases.length]);
  return chunks;
}

/**
 * Runs the cases of one file with `runPolicyTests`, a chunk at a time so that progress can be
 * shown: the report is the one a single run gives (same results, names, duplicate-name
 * failures and coverage).
 *
 * @param policy - The compiled policy.
 * @param input - The parsed case file: a list of cases or `{ description?, cases }`.
 * @param size - Cases per chunk.
 * @param onProgress - Called with the number of cases run so far.
 * @returns The report.
 * @internal
 */
export function runCases(
  policy: Policy,
  input: unknown,
  size: number,
  onProgress: (done: number, total: number) => void = () => undefined,
): PolicyTestReport {
  let cases: readonly unknown[];
  const reports: PolicyTestReport[] = [];
  if (Array.isArray(input)) cases = input;
  else if (isRecord(input) && Array.isArray(input['cases'])) {
    cases = input['cases'] as unknown[];
    reports.push(runPolicyTests(policy, { ...input, cases: [] }));
  } else return runPolicyTests(policy, input);
  const results: PolicyTestResult[] = reports.flatMap((report) => report.results);
  onProgress(0, cases.length);
  for (const [start, end] of chunksOf(cases, size)) {
    const report = runPolicyTests(policy, cases.slice(start, end));
    reports.push(report);
    for (const result of report.results) {
      const index = result.index === null ? null : result.index + start;
      const unnamed = index !== null && explicitName(cases[index]) === undefined;
      results.push({ ...result, index, name: unnamed ? `#${String(index)}` : result.name });
    }
    onProgress(end, cases.length);
  }
  const [first, ...rest] = reports;
  const coverage =
    first === undefined
      ? runPolicyTests(policy, []).coverage
      : mergeCoverage([first.coverage, ...rest.map((r) => r.coverage)]);
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results, coverage };
}

function printCoverage(out: Printer, coverage: PolicyCoverage, verbose: boolean): void {
  const { style } = out;
  const percent = `${String(coverage.percent)}%`;
  out.line(
    `${style.bold('coverage')} ${coverage.percent === 100 ? style.green(percent) : style.yellow(percent)} ${style.dim(`(${String(coverage.covered)} of ${plural(coverage.total, 'rule')} exercised)`)}`,
  );
  for (const kind of KINDS) {
    const counts = Object.entries(coverage.rules[kind]);
    if (counts.length === 0) continue;
    const missing = coverage.uncovered[kind];
    out.line(`  ${LABELS[kind]}: ${String(counts.length - missing.length)} of ${String(counts.length)}`);
    if (verbose)
      for (const [id, n] of counts)
        out.line(`    ${n === 0 ? style.red('0'.padStart(4)) : String(n).padStart(4)}  ${safeText(id)}`);
    else if (missing.length > 0)
      out.line(`    ${style.red('not exercised:')} ${missing.map((id) => safeText(id)).join(', ')}`);
  }
}

/** `escalation test`: runs policy test cases and reports failures and coverage. */
export const testCommand: Command = {
  name: 'test',
  summary: 'run policy test cases (like `opa test`), with rule coverage',
  usage: 'test [options] <policy> <cases>...',
  description:
    'Runs the test cases of each file (JSON or YAML: a list of cases, or { description, cases };\n' +
    'see docs/policy-tests.md) as runPolicyTests() does: each ticket is evaluated at its `now`\n' +
    'and every expectation checked. Prints each failed case with the path and message of each\n' +
    'failure. --coverage lists which classification rules, queues, SLA targets, escalation\n' +
    'rules and gates no case exercised. A progress bar shows on stderr on a terminal.',
  arguments: [
    ['<policy>', 'the policy file (.json, .yaml or .yml)'],
    ['<cases>...', 'test case files (.json, .yaml or .yml)'],
  ],
  positionals: [2, Infinity],
  options: {
    coverage: {
      type: 'boolean',
      description: 'print rule coverage (with --verbose: the count of every rule)',
    },
    verbose: { type: 'boolean', description: 'list passing cases too' },
    'min-coverage': {
      type: 'string',
      value: '<percent>',
      description: 'exit with 1 when rule coverage is below this percentage',
    },
  },
  exitCodes: [
    [0, 'every case passed (and coverage is at least --min-coverage)'],
    [1, 'a case failed (or coverage is below --min-coverage)'],
    [2, 'usage or input error: unknown option, a file missing or not JSON/YAML, an invalid policy'],
  ],
  examples: [
    ['escalation test policy.json tests/acme-saas.cases.yaml', 'run the cases'],
    ['escalation test policy.json tests/*.yaml --coverage', 'and show the rules no case exercised'],
    ['escalation test policy.json cases.yaml --min-coverage 90', 'fail CI below 90% rule coverage'],
    [
      "escalation test policy.json cases.yaml --json | jq '.results[] | select(.passed | not)'",
      'failures as JSON',
    ],
  ],
  async run(context, args) {
    const minText = args.values.get('min-coverage');
    const minCoverage = minText === undefined ? undefined : Number(minText);
    if (
      minCoverage !== undefined &&
      !(Number.isFinite(minCoverage) && minCoverage >= 0 && minCoverage <= 100)
    )
      throw new CliError(
        'usage_error',
        `invalid \`--min-coverage\` \`${minText ?? ''}\`: expected a percentage from 0 to 100`,
      );
    const [policyFile = '', ...caseFiles] = args.positionals;
    const policy = await loadPolicy(context, policyFile);
    const inputs: { file: string; cases: unknown }[] = [];
    for (const file of caseFiles) inputs.push({ file, cases: await readDocument(context.host, file) });
    const total = inputs.reduce(
      (n, { cases }) =>
        n +
        (Array.isArray(cases)
          ? cases.length
          : isRecord(cases) && Array.isArray(cases['cases'])
            ? cases['cases'].length
            : 0),
      0,
    );
    const progress: Progress = createProgress(context.host.stderr, {
      label: 'test',
      total,
      items: 'cases',
      now: () => context.host.now().getTime(),
    });
    const reports: { file: string; report: PolicyTestReport }[] = [];
    let before = 0;
    try {
      for (const { file, cases } of inputs) {
        const report = runCases(policy, cases, 200, (done) => {
          progress.update(before + done, before + done);
        });
        before += report.results.filter((r) => r.index !== null).length;
        reports.push({ file, report });
      }
    } finally {
      progress.finish();
    }
    const [first, ...others] = reports;
    const coverage = mergeCoverage([
      (first?.report ?? runPolicyTests(policy, [])).coverage,
      ...others.map(({ report }) => report.coverage),
    ]);
    const passed = reports.reduce((n, { report }) => n + report.passed, 0);
    const failed = reports.reduce((n, { report }) => n + report.failed, 0);
    const lowCoverage = minCoverage !== undefined && coverage.percent < minCoverage;
    if (context.json) {
      writeJson(context, {
        passed,
        failed,
        results: reports.flatMap(({ file, report }) => report.results.map((result) => ({ file, ...result }))),
        coverage,
      });
    } else {
      const { out } = context;
      const { style } = out;
      const verbose = args.flags.has('verbose');
      for (const { file, report } of reports) {
        const shown = report.results.filter((r) => verbose || !r.passed);
        if (shown.length === 0) continue;
        out.line(style.bold(file));
        for (const result of shown) {
          out.line(`  ${result.passed ? style.green('✓') : style.red('✗')} ${safeText(result.name)}`);
          for (const failure of result.failures)
            out.line(`      ${style.dim(`${formatPath(failure.path)}:`)} ${safeText(failure.message)}`);
        }
      }
      const summary = `${plural(passed + failed, 'case')}: ${String(passed)} passed, ${String(failed)} failed`;
      out.line(failed > 0 ? style.red(summary) : style.green(summary));
      if (args.flags.has('coverage') || lowCoverage) printCoverage(out, coverage, verbose);
      if (lowCoverage)
        out.line(
          style.red(`coverage ${String(coverage.percent)}% is below --min-coverage ${String(minCoverage)}%`),
        );
    }
    return failed > 0 || lowCoverage ? EXIT.findings : EXIT.ok;
  },
};
