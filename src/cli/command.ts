import { COMMON_OPTIONS, type OptionSpecs, type ParsedArgs } from './args.js';
import { safeCompilePolicy, type Policy } from './api.js';
import { CliError } from './errors.js';
import type { CliHost, Output } from './host.js';
import { issueLines, readDocument } from './io.js';
import { createStyle, useColor, type Style } from './style.js';

/** Writes lines to one output, with the colours that output allows. */
export interface Printer {
  /** The colours of this output. */
  readonly style: Style;
  /** Writes a line (a newline is added). */
  line(text?: string): void;
}

/** What a command runs with. */
export interface CommandContext {
  /** The process. */
  readonly host: CliHost;
  /** Command output (stdout). */
  readonly out: Printer;
  /** Diagnostics (stderr). */
  readonly err: Printer;
  /** `--json` was given: stdout carries one JSON document. */
  readonly json: boolean;
}

/** A command of the CLI, with everything its help shows. */
export interface Command {
  /** The name (`check`). */
  readonly name: string;
  /** One line for the list of commands. */
  readonly summary: string;
  /** The synopsis after `escalation ` (`check [options] <policy>...`). */
  readonly usage: string;
  /** What it does, a few lines. */
  readonly description: string;
  /** The positional arguments and what they are. */
  readonly arguments: readonly (readonly [string, string])[];
  /** The fewest and most positional arguments (`Infinity` for any number). */
  readonly positionals: readonly [number, number];
  /** Its options (the common `--json` and `--help` are added). */
  readonly options: OptionSpecs;
  /** What each exit code means for it. */
  readonly exitCodes: readonly (readonly [number, string])[];
  /** Examples: the command line after `$ ` and what it does. */
  readonly examples: readonly (readonly [string, string])[];
  /** Runs it; returns the exit code. */
  run(context: CommandContext, args: ParsedArgs): Promise<number>;
}

/**
 * The options of a command, the common ones included.
 *
 * @internal
 */
export function optionsOf(command: Command): OptionSpecs {
  return { ...command.options, ...COMMON_OPTIONS };
}

function printer(output: Output, host: CliHost): Printer {
  return {
    style: createStyle(useColor(output, host.env)),
    line(text = '') {
      output.write(`${text}\n`);
    },
  };
}

/**
 * The context of a command run on a host.
 *
 * @internal
 */
export function createContext(host: CliHost, json: boolean): CommandContext {
  return { host, out: printer(host.stdout, host), err: printer(host.stderr, host), json };
}

/**
 * Writes a value as indented JSON on stdout.
 *
 * @internal
 */
export function writeJson(context: CommandContext, value: unknown): void {
  context.host.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/i;

/**
 * Parses the value of `--now` (or another instant option): an ISO 8601 date-time with an
 * offset (`2026-03-09T14:00:00Z`, `2026-03-09T09:00-05:00`). A time without an offset is
 * ambiguous and refused, as the library refuses it.
 *
 * @param text - The option's value.
 * @param option - The option's name, for the message.
 * @returns The instant.
 * @throws {@link CliError} `usage_error` for anything else.
 * @example
 * ```ts
 * parseInstant('2026-03-09T09:00-05:00', 'now').toISOString() //=> '2026-03-09T14:00:00.000Z'
 * ```
 */
export function parseInstant(text: string, option: string): Date {
  const match = ISO_WITH_OFFSET.exec(text);
  const invalid = (why: string): CliError =>
    new CliError('usage_error', `invalid \`--${option}\` \`${text}\`: ${why}`);
  if (match === null) {
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text))
      throw invalid('an instant needs an offset, such as `Z` or `+01:00`');
    throw invalid('expected an ISO 8601 date-time with an offset, such as `2026-03-09T14:00:00Z`');
  }
  const [, y, mo, d, h, mi, s = '0', frac = '', zulu, sign, oh = '0', om = '0'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) throw invalid('no such date');
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || Number(oh) > 23 || Number(om) > 59)
    throw invalid('no such time');
  const offsetMs = zulu === undefined ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000 : 0;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  return new Date(utc.getTime() - offsetMs);
}

/**
 * The instant of `--now`, or the current time.
 *
 * @internal
 */
export function nowOf(context: CommandContext, args: ParsedArgs): Date {
  const text = args.values.get('now');
  return text === undefined ? context.host.now() : parseInstant(text, 'now');
}

/**
 * Reads and compiles a policy file for a command that needs a valid one.
 *
 * @param context - The command's context.
 * @param file - The policy file.
 * @returns The compiled policy.
 * @throws {@link CliError} `input_error` when it cannot be read or parsed, or is invalid (one
 *   detail line per issue, `policy.json: sla.targets[2].calendar: …`).
 * @example
 * ```ts
 * const policy = await loadPolicy(context, 'policy.yaml')
 * ```
 */
export async function loadPolicy(context: CommandContext, file: string): Promise<Policy> {
  const result = safeCompilePolicy(await readDocument(context.host, file));
  if (!result.success) {
    const errors = result.issues.filter((issue) => issue.severity === 'error').length;
    throw new CliError(
      'input_error',
      `${file}: invalid policy (${plural(errors, 'error')}; \`escalation check ${file}\` lists them)`,
      issueLines(file, result.issues),
    );
  }
  return result.policy;
}

/**
 * `1 error`, `2 errors`.
 *
 * @internal
 */
export function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`;
}

const UNITS: readonly (readonly [string, number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/**
 * A duration for people, in its two largest units: `1h 30m`, `2d 4h`, `45s`, `-10m`.
 *
 * @param ms - The duration in milliseconds.
 * @returns The text.
 * @example
 * ```ts
 * formatDuration(5_400_000) //=> '1h 30m'
 * ```
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${String(Math.round(rest))}ms`;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (parts.length === 2) break;
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${String(count)}${unit}`);
  }
  return sign + parts.filter((part) => !/^0\D$/.test(part)).join(' ');
}
