import type { Output } from './host.js';

/** Text colours; every function returns its argument unchanged when colours are off. */
export interface Style {
  /** Whether colours are on. */
  readonly enabled: boolean;
  /** Errors and failures. */
  readonly red: (text: string) => string;
  /** Success. */
  readonly green: (text: string) => string;
  /** Warnings. */
  readonly yellow: (text: string) => string;
  /** Ids and names. */
  readonly cyan: (text: string) => string;
  /** Secondary detail. */
  readonly dim: (text: string) => string;
  /** Headings. */
  readonly bold: (text: string) => string;
}

/**
 * Whether to colour what goes to an output: only on a terminal, never when `NO_COLOR` is
 * set to a non-empty value (https://no-color.org) or `TERM` is `dumb`.
 *
 * @param output - stdout or stderr: each is judged on its own.
 * @param env - The environment.
 * @returns `true` to colour.
 * @example
 * ```ts
 * useColor({ write() {}, isTTY: true }, { NO_COLOR: '1' }) //=> false
 * ```
 */
export function useColor(output: Output, env: Readonly<Record<string, string | undefined>>): boolean {
  return output.isTTY && (env['NO_COLOR'] ?? '') === '' && env['TERM'] !== 'dumb';
}

const sgr =
  (enabled: boolean, open: number, close: number) =>
  (text: string): string =>
    enabled && text !== '' ? `\u001b[${String(open)}m${text}\u001b[${String(close)}m` : text;

/**
 * Creates the colour functions for one output.
 *
 * @param enabled - From {@link useColor}.
 * @returns The functions, all identities when `enabled` is false.
 * @example
 * ```ts
 * createStyle(false).red('failed') //=> 'failed'
 * ```
 */
export function createStyle(enabled: boolean): Style {
  return {
    enabled,
    red: sgr(enabled, 31, 39),
    green: sgr(enabled, 32, 39),
    yellow: sgr(enabled, 33, 39),
    cyan: sgr(enabled, 36, 39),
    dim: sgr(enabled, 2, 22),
    bold: sgr(enabled, 1, 22),
  };
}

// C0 and C1 control characters but tab and newline, and DEL: what a terminal would act on.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Makes text from the input (ticket data, rendered templates, policy strings) safe to print
 * on a terminal: control characters, escape sequences included, become visible `\u001b`-style
 * escapes, so data cannot move the cursor, recolour or retitle the terminal.
 *
 * @param text - Text from the input.
 * @returns The text with control characters escaped.
 * @example
 * ```ts
 * safeText('ok\u001b[2J') //=> 'ok\\u001b[2J'
 * ```
 */
export function safeText(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
