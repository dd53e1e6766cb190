import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { safeSimulate, type SimulationResult } from '../api.js';
import { loadPolicy, plural, writeJson, type Command, type Printer } from '../command.js';
import { CliError, EXIT } from '../errors.js';
import { issueLines, readDocument } from '../io.js';
import { describeEntry, renderHtmlReport } from '../report-html.js';
import { safeText } from '../style.js';
import { printClocks } from './eval.js';

function colourOf(out: Printer, kind: string): (text: string) => string {
  if (kind === 'breach' || kind === 'issue') return out.style.red;
  if (kind === 'warning' || kind === 'approval') return out.style.yellow;
  if (kind === 'action') return out.style.cyan;
  if (kind === 'event') return out.style.bold;
  return out.style.dim;
}

/**
 * Prints a simulation for people: the timeline, the clocks as of the end, the assertions.
 *
 * @param out - stdout.
 * @param result - The result of `simulate`.
 * @internal
 */
export function printSimulation(out: Printer, result: SimulationResult): void {
  const { style } = out;
  const verdict = result.passed ? style.green('passed') : style.red('failed');
  out.line(
    `${style.bold(safeText(result.scenario ?? `drill of ${result.ticketId}`))}  ${verdict}  ${style.dim(`policy ${safeText(result.policy.id)} ${safeText(result.policy.version)} · ticket ${safeText(result.ticketId)} · ${result.start} → ${result.end} (${result.stopReason.replaceAll('_', ' ')}) · ${plural(result.steps, 'evaluation')}`)}`,
  );
  out.line(`  ${style.bold('timeline')}`);
  const width = Math.max(0, ...result.timeline.map((entry) => entry.offset.length));
  for (const entry of result.timeline)
    out.line(
      `    ${entry.offset.padEnd(width)}  ${colourOf(out, entry.kind)(entry.kind.padEnd(13))} ${safeText(describeEntry(entry))}`,
    );
  out.line(`  ${style.bold('clocks at the end')}`);
  printClocks(out, result.clocks, '    ');
  for (const issue of result.issues) out.line(`  ${style.red(`${issue.code}: ${safeText(issue.message)}`)}`);
  if (result.assertions.length > 0) {
    out.line(`  ${style.bold('assertions')}`);
    for (const a of result.assertions) {
      const description = a.assertion.description ?? JSON.stringify(a.assertion);
      out.line(
        `    ${a.passed ? style.green('✓') : style.red('✗')} ${safeText(description)} ${style.dim(`— ${safeText(a.detail)}`)}`,
      );
    }
  }
  const failed = result.assertions.filter((a) => !a.passed).length;
  out.line(
    result.passed
      ? style.green(`passed: ${plural(result.assertions.length, 'assertion')} held`)
      : style.red(
          `failed: ${String(failed)} of ${plural(result.assertions.length, 'assertion')} failed${result.issues.length > 0 ? ', the run stopped early' : ''}`,
        ),
  );
}

/** `escalation simulate`: runs a drill and reports its timeline and assertions. */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'run a drill: a ticket and scripted events through time, with assertions',
  usage: 'simulate [options] <policy> <scenario>',
  description:
    "Runs a scenario (a drill or tabletop exercise) as simulate() does: the scenario's ticket\n" +
    'and events play out through time, the policy is evaluated at every instant the answer\n' +
    'can change, and the responder model performs what is due. Prints the timeline, the\n' +
    'clocks at the end and each assertion. --html writes a self-contained timeline page.',
  arguments: [
    ['<policy>', 'the policy file (.json, .yaml or .yml)'],
    ['<scenario>', 'the scenario file (see docs/simulation.md; `-` reads standard input)'],
  ],
  positionals: [2, 2],
  options: {
    html: {
      type: 'string',
      value: '<file>',
      description: 'also write the timeline as a self-contained HTML page (inline SVG, no network)',
    },
    explain: { type: 'boolean', description: 'add every evaluation and why it happened (with --json)' },
    'max-steps': {
      type: 'string',
      value: '<n>',
      description: 'the most evaluations before the run stops (default 10000)',
    },
  },
  exitCodes: [
    [0, 'every assertion held'],
    [1, 'an assertion failed, or the run hit the step limit'],
    [
      2,
      'usage or input error: unknown option, a file missing or not JSON/YAML, an invalid policy or scenario',
    ],
  ],
  examples: [
    ['escalation simulate policy.json drills/sev1-outage.json', 'run a drill, print the timeline'],
    ['escalation simulate policy.json drill.yaml --html report.html', 'and write the timeline page'],
    [
      "escalation simulate policy.json drill.json --json | jq '.assertions[] | select(.passed | not)'",
      'failed assertions as JSON',
    ],
  ],
  async run(context, args) {
    const [policyFile = '', scenarioFile = ''] = args.positionals;
    const maxStepsText = args.values.get('max-steps');
    const maxSteps = maxStepsText === undefined ? undefined : Number(maxStepsText);
    if (maxSteps !== undefined && !(Number.isSafeInteger(maxSteps) && maxSteps > 0))
      throw new CliError(
        'usage_error',
        `invalid \`--max-steps\` \`${maxStepsText ?? ''}\`: expected a positive integer`,
      );
    const policy = await loadPolicy(context, policyFile);
    const scenario = await readDocument(context.host, scenarioFile);
    const outcome = safeSimulate(policy, scenario, {
      explain: args.flags.has('explain'),
      ...(maxSteps === undefined ? {} : { maxSteps }),
    });
    const label = scenarioFile === '-' ? '<stdin>' : scenarioFile;
    if (!outcome.success)
      throw new CliError('input_error', `${label}: invalid scenario`, issueLines(label, outcome.issues));
    const { result } = outcome;
    const html = args.values.get('html');
    if (html !== undefined) {
      try {
        await writeFile(
          resolve(context.host.cwd, html),
          renderHtmlReport(result, { sources: [policyFile, label] }),
        );
      } catch (error) {
        throw new CliError(
          'input_error',
          `cannot write \`${html}\`: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (context.json) writeJson(context, result);
    else printSimulation(context.out, result);
    if (html !== undefined) context.err.line(context.err.style.dim(`wrote ${html}`));
    return result.passed ? EXIT.ok : EXIT.findings;
  },
};
