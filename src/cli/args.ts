import { parseArgs } from 'node:util';
import { CliError } from './errors.js';

/** One option of a command. */
export interface OptionSpec {
  /** `boolean` for a flag, `string` for an option with a value. */
  readonly type: 'boolean' | 'string';
  /** A one-letter alias. */
  readonly short?: string | undefined;
  /** The value's placeholder in the help (`<instant>`). */
  readonly value?: string | undefined;
  /** What it does, for the help. */
  readonly description: string;
}

/** The options of a command, by long name. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** Parsed arguments of a command. */
export interface ParsedArgs {
  /** The flags that were given. */
  readonly flags: ReadonlySet<string>;
  /** The values of the string options that were given (the last one wins). */
  readonly values: ReadonlyMap<string, string>;
  /** The positional arguments, in order. */
  readonly positionals: readonly string[];
}

/** The options every command has. */
export const COMMON_OPTIONS: OptionSpecs = {
  json: { type: 'boolean', description: 'print machine-readable JSON on stdout' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/**
 * The closest of `candidates` to `word`, when it is close enough to be a likely typo.
 *
 * @internal
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Parses a command's arguments with `node:util` `parseArgs`, with messages of our own:
 * unknown options (with a suggestion), options without their value, flags given a value.
 *
 * @param argv - The arguments after the command name.
 * @param specs - The command's options (with {@link COMMON_OPTIONS}).
 * @returns Flags, option values and positionals.
 * @throws {@link CliError} `usage_error` for any of the problems above.
 * @example
 * ```ts
 * parseCommandArgs(['policy.json', '--json'], COMMON_OPTIONS).flags.has('json') //=> true
 * ```
 */
export function parseCommandArgs(argv: readonly string[], specs: OptionSpecs): ParsedArgs {
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(specs).map(([name, spec]) => [
        name,
        spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positionals: string[] = [];
  const names = Object.keys(specs).map((name) => `--${name}`);
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const spec = specs[token.name];
    if (spec === undefined) {
      const suggestion = closest(token.rawName, names);
      throw new CliError(
        'usage_error',
        `unknown option \`${token.rawName}\`${suggestion === undefined ? '' : ` (did you mean \`${suggestion}\`?)`}`,
      );
    }
    if (spec.type === 'boolean') {
      if (token.value !== undefined)
        throw new CliError('usage_error', `option \`--${token.name}\` takes no value`);
      flags.add(token.name);
    } else {
      // Without strict mode parseArgs takes the next argument as the value even when it is
      // an option: `--now --json` is a forgotten value, not the instant `--json`.
      if (
        token.value === undefined ||
        (!token.inlineValue && token.value.startsWith('-') && token.value !== '-')
      )
        throw new CliError(
          'usage_error',
          `option \`--${token.name}\` needs a value ${spec.value ?? ''}`.trimEnd(),
        );
      values.set(token.name, token.value);
    }
  }
  return { flags, values, positionals };
}
