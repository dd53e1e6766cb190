import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parseDocument } from 'yaml';
import { formatIssues, type Issue } from './api.js';
import { CliError } from './errors.js';
import type { CliHost } from './host.js';

/** How a document is written. */
export type DocumentFormat = 'json' | 'yaml';

/**
 * The 1-based line and column of a character offset in a text.
 *
 * @param text - The text.
 * @param offset - A UTF-16 offset into it (clamped to its length).
 * @returns Line and column, both from 1.
 * @example
 * ```ts
 * lineColumn('{\n  "a": 1,\n}', 12) //=> { line: 3, column: 1 }
 * ```
 */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: end - start + 1 };
}

/** The format a file name says, or by a look at the text (`{` or `[` first: JSON). */
function formatOf(file: string, text: string): DocumentFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** Where JSON text is invalid, and why (the words of `JSON.parse`, placed by us). */
interface JsonFailure {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Parses JSON: the value, or where and why it is not JSON (the line counted from `firstLine`). */
function tryParseJson(text: string, firstLine: number): { value: unknown } | { failure: JsonFailure } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    // V8 says where as "at position N" (Node 20) or "(line L column C)" (Node 22+), and may
    // quote the text; we keep the words and say where ourselves.
    const position = /at position (\d+)/.exec(raw);
    const lineCol = /\(line (\d+) column (\d+)\)/.exec(raw);
    const message = lowerFirst(
      raw
        .replace(/, ".*" is not valid JSON$/s, '')
        .replace(/ in JSON at position \d+.*$/s, '')
        .replace(/ \(line \d+ column \d+\)/, '')
        .trim(),
    );
    let where: { line: number; column: number };
    if (position !== null) where = lineColumn(text, Number(position[1]));
    else if (lineCol !== null) where = { line: Number(lineCol[1]), column: Number(lineCol[2]) };
    else where = lineColumn(text, text.trimEnd().length);
    return { failure: { line: where.line + firstLine - 1, column: where.column, message } };
  }
}

/** Parses JSON; a failure says where as `line:column` (the line counted from `firstLine`). */
function parseJson(text: string, file: string, firstLine = 1): unknown {
  const parsed = tryParseJson(text, firstLine);
  if ('value' in parsed) return parsed.value;
  const { line, column, message } = parsed.failure;
  throw new CliError('input_error', `${file}:${String(line)}:${String(column)}: invalid JSON: ${message}`);
}

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const [first] = doc.errors;
  if (first !== undefined) {
    // An error at the end of the input points after the last character, not at an empty line.
    const { line, column } = lineColumn(text, Math.min(first.pos[0], text.trimEnd().length));
    throw new CliError(
      'input_error',
      `${file}:${String(line)}:${String(column)}: invalid YAML: ${lowerFirst(first.message)}`,
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw new CliError(
      'input_error',
      `${file}: invalid YAML: ${error instanceof Error ? lowerFirst(error.message) : String(error)}`,
    );
  }
}

/**
 * Parses a JSON or YAML document. `.yaml` and `.yml` files are YAML 1.2 (core schema: dates
 * stay strings, `on` is a key), `.json` files JSON, other names are judged by their text.
 *
 * @param text - The document.
 * @param file - Its name, for messages and the format.
 * @returns The value.
 * @throws {@link CliError} `input_error` as `file:line:column: invalid JSON: …`.
 * @example
 * ```ts
 * parseText('{ "a": 1, }', 'policy.json')
 * // throws `policy.json:1:11: invalid JSON: expected double-quoted property name`
 * ```
 */
export function parseText(text: string, file: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return formatOf(file, body) === 'yaml' ? parseYaml(body, file) : parseJson(body, file);
}

function readError(file: string, error: unknown): CliError {
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory'
        : error instanceof Error
          ? error.message
          : String(error);
  return new CliError('input_error', `cannot read \`${file}\`: ${reason}`);
}

async function readStdin(host: CliHost): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of host.stdin)
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

/**
 * Reads a file as UTF-8 text; `-` reads standard input.
 *
 * @param host - The process.
 * @param file - The file name, relative to the working directory.
 * @returns The text.
 * @throws {@link CliError} `input_error` when it cannot be read (`cannot read \`x.json\`: no such file`).
 * @example
 * ```ts
 * await readText(host, 'policy.json')
 * ```
 */
export async function readText(host: CliHost, file: string): Promise<string> {
  if (file === '-') return readStdin(host);
  try {
    return await readFile(resolve(host.cwd, file), 'utf8');
  } catch (error) {
    throw readError(file, error);
  }
}

/**
 * Reads and parses a JSON or YAML file (see {@link parseText}); `-` reads standard input.
 *
 * @param host - The process.
 * @param file - The file name.
 * @returns The parsed value.
 * @throws {@link CliError} `input_error` when it cannot be read or parsed.
 * @example
 * ```ts
 * const policy = await readDocument(host, 'policy.yaml')
 * ```
 */
export async function readDocument(host: CliHost, file: string): Promise<unknown> {
  return parseText(await readText(host, file), file === '-' ? '<stdin>' : file);
}

/**
 * Formats issues one per line as `file: path: message`, with the path as
 * `sla.targets[2].calendar` (`formatIssues` of the public API).
 *
 * @param file - The file the issues are about.
 * @param issues - Issues with paths into that file's document.
 * @returns One line per issue.
 * @example
 * ```ts
 * issueLines('policy.json', issues)
 * //=> ['policy.json: sla.targets[2].calendar: unknown calendar `us-bizness` (did you mean `us-business`?)']
 * ```
 */
export function issueLines(file: string, issues: readonly Issue[]): string[] {
  return issues.map((issue) => `${file}: ${formatIssues([issue])}`);
}

/** One ticket read from a corpus. */
export interface TicketEntry {
  /** The ticket as parsed. */
  readonly ticket: unknown;
  /** Where it comes from: `tickets.jsonl:12` or `tickets.json[3]`. */
  readonly source: string;
  /** Progress after it, in the unit of {@link TicketCorpus.total}. */
  readonly done: number;
}

/** A corpus of tickets, read as it is consumed. */
export interface TicketCorpus {
  /** The amount of work: tickets for an array, bytes for JSON Lines (`undefined` when unknown). */
  readonly total: number | undefined;
  /** The tickets, in file order. */
  readonly entries: AsyncIterable<TicketEntry>;
}

/** A line of a JSON Lines corpus that is not JSON: skipped when the reader tolerates it. */
export interface BadLine {
  /** Where: `tickets.jsonl:12:5`. */
  readonly source: string;
  /** The 1-based line number. */
  readonly line: number;
  /** The 1-based column where the JSON goes wrong. */
  readonly column: number;
  /** Why, as `invalid JSON: expected double-quoted property name`. */
  readonly message: string;
}

/** Options of {@link openTickets}. */
export interface OpenTicketsOptions {
  /**
   * Called with each line of a JSON Lines corpus that is not JSON; the line is then skipped
   * and reading goes on. Without it such a line stops the reading with a `CliError`.
   */
  readonly onBadLine?: ((line: BadLine) => void) | undefined;
}

async function* jsonLines(
  lines: AsyncIterable<string>,
  file: string,
  onBadLine: OpenTicketsOptions['onBadLine'],
): AsyncGenerator<TicketEntry, void, undefined> {
  let number = 0;
  let bytes = 0;
  for await (const raw of lines) {
    number++;
    bytes += Buffer.byteLength(raw) + 1;
    // A byte order mark starts the first line of some exports.
    const line = number === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    if (line.trim() === '') continue;
    if (onBadLine === undefined) {
      yield { ticket: parseJson(line, file, number), source: `${file}:${String(number)}`, done: bytes };
      continue;
    }
    const parsed = tryParseJson(line, number);
    if ('value' in parsed) {
      yield { ticket: parsed.value, source: `${file}:${String(number)}`, done: bytes };
      continue;
    }
    const { column, message } = parsed.failure;
    onBadLine({
      source: `${file}:${String(number)}:${String(column)}`,
      line: number,
      column,
      message: `invalid JSON: ${message}`,
    });
  }
}

/**
 * Opens a corpus of tickets: a `.jsonl` file (or `-`, standard input) is streamed a line at a
 * time, so memory stays bounded; any other file is a JSON or YAML array of tickets (or one ticket).
 *
 * @param host - The process.
 * @param file - The file name.
 * @param options - `onBadLine`: skip the lines of JSON Lines that are not JSON, reporting each.
 * @returns The total work and the tickets.
 * @throws {@link CliError} `input_error` when the file cannot be read or parsed (lines of
 *   JSON Lines fail when they are reached, as `tickets.jsonl:12:5: invalid JSON: …`, unless
 *   `onBadLine` is given).
 * @example
 * ```ts
 * const corpus = await openTickets(host, 'tickets.jsonl')
 * for await (const { ticket, source } of corpus.entries) …
 * ```
 */
export async function openTickets(
  host: CliHost,
  file: string,
  options: OpenTicketsOptions = {},
): Promise<TicketCorpus> {
  if (file === '-') {
    const input = createInterface({ input: Readable.from(host.stdin), crlfDelay: Infinity });
    return { total: undefined, entries: jsonLines(input, '<stdin>', options.onBadLine) };
  }
  if (extname(file).toLowerCase() === '.jsonl') {
    const path = resolve(host.cwd, file);
    let size: number;
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      size = info.size;
    } catch (error) {
      throw readError(file, error);
    }
    const input = createInterface({
      input: createReadStream(path, { encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    return { total: size, entries: jsonLines(input, file, options.onBadLine) };
  }
  const value = await readDocument(host, file);
  const tickets = Array.isArray(value) ? (value as unknown[]) : [value];
  const label = (i: number): string => (Array.isArray(value) ? `${file}[${String(i)}]` : file);
  return {
    total: tickets.length,
    entries: (async function* () {
      for (const [i, ticket] of tickets.entries()) {
        await Promise.resolve();
        yield { ticket, source: label(i), done: i + 1 };
      }
    })(),
  };
}
