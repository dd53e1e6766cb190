import { EscalationError } from './api.js';

/**
 * A problem with how the CLI was called or with what it was given to read: an unknown
 * command or option, a missing or unparseable file, an invalid `--now`. Exits with 2.
 *
 * @example
 * ```ts
 * throw new CliError('usage_error', 'unknown option `--jsno` (did you mean `--json`?)')
 * ```
 */
export class CliError extends EscalationError {
  /** Lines printed after the message (e.g. one per issue of an invalid policy). */
  readonly details: readonly string[];

  /**
   * Creates an error of the CLI.
   *
   * @param code - `usage_error` (how the CLI was called) or `input_error` (what it read).
   * @param message - One line, printed after `escalation <command>: `.
   * @param details - Lines printed after the message.
   */
  constructor(code: 'usage_error' | 'input_error', message: string, details: readonly string[] = []) {
    super(code, message);
    this.name = 'CliError';
    this.details = details;
  }
}

/** The exit codes of every command. */
export const EXIT = {
  /** Nothing to report. */
  ok: 0,
  /** Findings: policy errors, lint findings, a degraded decision, a failed assertion or case, a change. */
  findings: 1,
  /** How the CLI was called, or what it was given to read, is wrong. */
  usage: 2,
  /** A bug of the CLI or the library (EX_SOFTWARE): please report it. */
  internal: 70,
} as const;

/**
 * Marks a place the types prove unreachable (the end of an exhaustive `switch`).
 *
 * @param value - The value no case matched.
 * @returns Never: it throws.
 * @throws `TypeError` naming the value, if the types were wrong at run time.
 * @example
 * ```ts
 * default: return assertNever(entry)
 * ```
 */
export function assertNever(value: never): never {
  throw new TypeError(`unexpected value ${JSON.stringify(value)}`);
}
