import type { Output } from './host.js';

/** A progress bar on stderr. */
export interface Progress {
  /** Reports progress: `done` in the unit of the total, `count` items handled. */
  update(done: number, count: number): void;
  /** Clears the bar. */
  finish(): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** What is being done (`diff`). */
  readonly label: string;
  /** The amount of work, `undefined` when unknown (a counter is shown instead of a bar). */
  readonly total: number | undefined;
  /** The items counted (`tickets`). */
  readonly items: string;
  /** The current instant in milliseconds: the bar is redrawn at most every 100 ms. */
  readonly now: () => number;
}

const NOOP: Progress = { update: () => undefined, finish: () => undefined };

/**
 * Creates a progress bar, drawn on `output` only when it is a terminal (a pipe or a file
 * gets nothing). The bar rewrites one line with `\r` and needs no escape sequences.
 *
 * @param output - stderr.
 * @param options - Label, total, unit and clock.
 * @returns The bar (does nothing when `output` is not a terminal).
 * @example
 * ```ts
 * const progress = createProgress(process.stderr, { label: 'diff', total: 1000, items: 'tickets', now: Date.now })
 * progress.update(500, 500) // diff [##########----------]  50% 500 tickets
 * progress.finish()
 * ```
 */
export function createProgress(output: Output, options: ProgressOptions): Progress {
  if (!output.isTTY) return NOOP;
  let drawnAt = -Infinity;
  let width = 0;
  const draw = (line: string): void => {
    output.write(`\r${line.padEnd(width)}`);
    width = line.length;
  };
  return {
    update(done, count) {
      const at = options.now();
      if (at - drawnAt < 100) return;
      drawnAt = at;
      const counted = `${String(count)} ${options.items}`;
      if (options.total === undefined || options.total <= 0) {
        draw(`${options.label} ${counted}`);
        return;
      }
      const fraction = Math.min(1, Math.max(0, done / options.total));
      const columns = output.columns ?? 80;
      const size = Math.max(10, Math.min(40, columns - options.label.length - counted.length - 12));
      const filled = Math.round(fraction * size);
      const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
      draw(`${options.label} [${'#'.repeat(filled)}${'-'.repeat(size - filled)}] ${percent} ${counted}`);
    },
    finish() {
      if (width > 0) output.write(`\r${' '.repeat(width)}\r`);
      width = 0;
    },
  };
}
