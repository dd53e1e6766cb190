import pkg from '../../package.json' with { type: 'json' };
import { closest, parseCommandArgs } from './args.js';
import { EscalationError } from './api.js';
import { createContext, optionsOf, type Command } from './command.js';
import { check } from './commands/check.js';
import { diffCommand } from './commands/diff.js';
import { evalCommand } from './commands/eval.js';
import { lint } from './commands/lint.js';
import { metricsCommand } from './commands/metrics.js';
import { reportCommand } from './commands/report.js';
import { schema } from './commands/schema.js';
import { simulateCommand } from './commands/simulate.js';
import { testCommand } from './commands/test.js';
import { CliError, EXIT } from './errors.js';
import { commandHelp, mainHelp } from './help.js';
import type { CliHost } from './host.js';
import { createStyle, useColor } from './style.js';

/** Every command, in the order of the help. */
export const COMMANDS: readonly Command[] = [
  check,
  lint,
  evalCommand,
  simulateCommand,
  testCommand,
  diffCommand,
  metricsCommand,
  reportCommand,
  schema,
];

/**
 * Runs the CLI: parses `argv`, runs the command, prints to the host's outputs.
 *
 * @param argv - The arguments after `escalation`.
 * @param host - Streams, environment, working directory and clock.
 * @returns The exit code: 0 ok, 1 findings, 2 usage or input error.
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), nodeHost())
 * ```
 */
export async function runCli(argv: readonly string[], host: CliHost): Promise<number> {
  const [name, ...rest] = argv;
  const errStyle = createStyle(useColor(host.stderr, host.env));
  const outStyle = createStyle(useColor(host.stdout, host.env));
  const usage = (message: string, hint: string): number => {
    host.stderr.write(`${errStyle.red('escalation:')} ${message}\n${errStyle.dim(hint)}\n`);
    return EXIT.usage;
  };
  if (name === undefined) {
    host.stderr.write(mainHelp(COMMANDS, errStyle));
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = COMMANDS.find((c) => c.name === topic);
    if (topic !== undefined && command === undefined)
      return usage(`unknown command \`${topic}\``, 'Run `escalation --help` for the commands.');
    host.stdout.write(command === undefined ? mainHelp(COMMANDS, outStyle) : commandHelp(command, outStyle));
    return EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    host.stdout.write(`${pkg.version}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    const suggestion = closest(
      name,
      COMMANDS.map((c) => c.name),
    );
    const what = name.startsWith('-') ? 'option' : 'command';
    return usage(
      `unknown ${what} \`${name}\`${suggestion === undefined ? '' : ` (did you mean \`${suggestion}\`?)`}`,
      'Run `escalation --help` for the commands.',
    );
  }
  const hint = `Run \`escalation ${command.name} --help\` for usage.`;
  const context = createContext(host, false);
  try {
    const args = parseCommandArgs(rest, optionsOf(command));
    if (args.flags.has('help')) {
      host.stdout.write(commandHelp(command, outStyle));
      return EXIT.ok;
    }
    const [min, max] = command.positionals;
    if (args.positionals.length < min)
      throw new CliError('usage_error', `missing arguments: escalation ${command.usage}`);
    if (args.positionals.length > max)
      throw new CliError(
        'usage_error',
        `unexpected argument \`${args.positionals[max] ?? ''}\`${max === 0 ? `: \`${command.name}\` takes none` : ''}`,
      );
    return await command.run(createContext(host, args.flags.has('json')), args);
  } catch (error) {
    if (error instanceof CliError) {
      if (error.code === 'usage_error') return usage(`${command.name}: ${error.message}`, hint);
      context.err.line(`${errStyle.red('escalation:')} ${command.name}: ${error.message}`);
      for (const line of error.details) context.err.line(`  ${line}`);
      return EXIT.usage;
    }
    // The library throws only for programmer errors (an invalid instant in a scenario, …):
    // for the CLI these are input errors too.
    if (error instanceof EscalationError || error instanceof TypeError || error instanceof RangeError) {
      context.err.line(`${errStyle.red('escalation:')} ${command.name}: ${error.message}`);
      return EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    context.err.line(
      `${errStyle.red('escalation:')} ${command.name}: internal error, please report it:\n${detail}`,
    );
    return EXIT.internal;
  }
}
