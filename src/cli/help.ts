import type { OptionSpecs } from './args.js';
import { optionsOf, type Command } from './command.js';
import type { Style } from './style.js';

function optionLines(options: OptionSpecs): string[][] {
  return Object.entries(options).map(([name, spec]) => [
    `${spec.short === undefined ? '    ' : `-${spec.short}, `}--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`,
    spec.description,
  ]);
}

function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const width = Math.max(0, ...rows.map((row) => (row[0] ?? '').length));
  return rows.map(([left = '', right = '']) => `${indent}${left.padEnd(width)}  ${right}`.trimEnd());
}

/**
 * The help of one command: synopsis, description, arguments, options, exit codes, examples.
 *
 * @param command - The command.
 * @param style - The colours of the output it goes to.
 * @returns The text, ending with a newline.
 * @example
 * ```ts
 * commandHelp(check, createStyle(false)).split('\n')[0] //=> 'Usage: escalation check [options] <policy>...'
 * ```
 */
export function commandHelp(command: Command, style: Style): string {
  const lines = [`${style.bold('Usage:')} escalation ${command.usage}`, '', command.description, ''];
  if (command.arguments.length > 0) lines.push(style.bold('Arguments:'), ...columns(command.arguments), '');
  lines.push(style.bold('Options:'), ...columns(optionLines(optionsOf(command))), '');
  lines.push(
    style.bold('Exit codes:'),
    ...columns(command.exitCodes.map(([code, meaning]) => [String(code), meaning])),
    '',
  );
  lines.push(style.bold('Examples:'));
  for (const [example, what] of command.examples) lines.push(`  ${style.dim(`# ${what}`)}`, `  $ ${example}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The help of the CLI: the commands, the common options, exit codes and examples.
 *
 * @param commands - Every command.
 * @param style - The colours of the output it goes to.
 * @returns The text, ending with a newline.
 * @example
 * ```ts
 * mainHelp(COMMANDS, createStyle(false)).startsWith('Usage: escalation <command>') //=> true
 * ```
 */
export function mainHelp(commands: readonly Command[], style: Style): string {
  return `${[
    `${style.bold('Usage:')} escalation <command> [options] <files>...`,
    '',
    'Check, lint, evaluate, simulate, test and compare escalation policies (JSON or YAML), and\nreport on a corpus of tickets.',
    '',
    style.bold('Commands:'),
    ...columns(commands.map((command) => [command.name, command.summary])),
    '',
    style.bold('Options:'),
    ...columns([
      ['-h, --help', 'show help; `escalation <command> --help` for a command'],
      ['    --version', 'print the version'],
      ['    --json', 'every command: machine-readable JSON on stdout'],
    ]),
    '',
    style.bold('Exit codes:'),
    ...columns([
      ['0', 'ok'],
      [
        '1',
        'findings: policy errors, lint findings, a degraded decision, a failed assertion or test case, a change (diff --fail-on-change), lines skipped (report)',
      ],
      [
        '2',
        'usage or input error: unknown command or option, a file missing or not JSON/YAML, an invalid --now',
      ],
    ]),
    '',
    'Colours only on a terminal, never when NO_COLOR is set.',
    '',
    style.bold('Examples:'),
    '  $ escalation check policy.yaml',
    '  $ escalation eval policy.json ticket.json --now 2026-03-09T14:20:00Z',
    '  $ escalation simulate policy.json drill.json --html report.html',
    '  $ escalation diff current.json candidate.json tickets.jsonl --now 2026-03-09T14:00:00Z',
    '  $ escalation report policy.json tickets.jsonl --out report.html',
  ].join('\n')}\n`;
}
