/** Where the CLI writes: stdout or stderr (or a test's buffer). */
export interface Output {
  /** Writes text as is. */
  write(text: string): void;
  /** Whether a terminal is attached (colours and the progress bar need one). */
  readonly isTTY: boolean;
  /** The terminal width, when known. */
  readonly columns?: number | undefined;
}

/**
 * Everything the CLI takes from the process: streams, environment, working directory
 * and the clock. `main.ts` passes the real ones; tests pass their own.
 */
export interface CliHost {
  /** Command output. */
  readonly stdout: Output;
  /** Errors, usage and the progress bar. */
  readonly stderr: Output;
  /** Standard input, read for the file name `-`. */
  readonly stdin: AsyncIterable<string | Uint8Array>;
  /** The environment (`NO_COLOR`, `TERM`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory relative file names are resolved against. */
  readonly cwd: string;
  /** The current instant: the default of `--now` and the pace of the progress bar. */
  now(): Date;
}
