// Runs the code blocks of documentation pages, as a reader would copy them, and checks the
// results they show. The conventions (HTML comments are invisible once rendered):
//
//   <!-- test: <group> -->  before a ```ts block: the block runs. Blocks of one page with the
//                           same group run as one program, in page order (a later block sees
//                           the variables of the earlier ones, so it imports only new names).
//   <!-- file: <path> -->   before a ```json block: a file the runnable blocks of every page can
//                           read with `readFileSync('<path>')` (a relative path; other relative
//                           paths are read from the repository root). Snippets may write files
//                           too (relative paths): later blocks of the run and its CLI examples see them.
//   <!-- cli: <group> -->   before a ```sh block: its `escalation …` lines run after the group's
//                           program, in a directory holding the files; they must exit 0 and
//                           print nothing on stderr. An `<!-- output -->` block right after it
//                           is what they print, exactly.
//   <!-- printed: <group> --> before any block: what the group's program prints with `console`
//                           (one line per call), exactly; several such blocks are joined.
//
// Inside a runnable block, a result shown as `expression; //=> value` (or `//=> value` on the
// line after a one-line `expression;`) is asserted with `toEqual`. The value is a JavaScript
// literal; it may go on over the next comment lines (`//   …`) while its brackets are open,
// and it ends at the first space, `:` or `//` outside brackets and strings, so prose may
// follow it (`//=> null: nothing is scheduled`). A `…` in place of an object member or array
// element means "more fields here": the object is then matched with `toMatchObject`.
//
// Imports of `escalation-engine` and `escalation-engine/testing` resolve to the sources.
import * as fs from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { transform } from 'esbuild';
import { expect } from 'vitest';

/** The repository root (with a trailing slash). */
export const ROOT: string = new URL('../../', import.meta.url).pathname;

/** The guides whose examples are run and type-checked (test/docs/pages.test.ts, typecheck.test.ts). */
export const PAGES: readonly string[] = [
  'docs/getting-started.md',
  'docs/concepts.md',
  'docs/integration.md',
  'docs/cookbook.md',
  'docs/business-time.md',
  'docs/evaluation.md',
  'docs/metrics.md',
];

/** A fenced code block of a page. */
export interface DocBlock {
  /** The page, relative to the repository root (`docs/getting-started.md`). */
  readonly page: string;
  /** The 1-based line of the opening fence. */
  readonly line: number;
  /** The info string's language (`ts`, `json`, `sh`, or `''`). */
  readonly lang: string;
  /** The HTML comment right before the fence (blank lines allowed), if any. */
  readonly marker: { readonly kind: string; readonly arg: string } | null;
  /** The block's text, with a final newline. */
  readonly code: string;
}

/**
 * Reads every fenced code block of a page (fences of three backticks at the start of a line,
 * or indented in a list item).
 *
 * @param page - The page path, relative to the repository root.
 * @returns The blocks in page order.
 */
export function readBlocks(page: string): DocBlock[] {
  const lines = fs.readFileSync(join(ROOT, page), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const indent = open[1] ?? '';
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j] ?? ''); j++)
      body.push((lines[j] ?? '').slice(indent.length));
    let k = i - 1;
    while (k >= 0 && (lines[k] ?? '').trim() === '') k--;
    const comment = /^\s*<!--\s*([\w-]+)(?::\s*(.*?))?\s*-->\s*$/.exec(lines[k] ?? '');
    blocks.push({
      page,
      line: i + 1,
      lang: open[2] ?? '',
      marker: comment === null ? null : { kind: comment[1] ?? '', arg: comment[2] ?? '' },
      code: body.join('\n') + '\n',
    });
    i = j;
  }
  return blocks;
}

/**
 * The files declared by `<!-- file: path -->` JSON blocks of some pages.
 *
 * @param pages - The pages to read.
 * @returns Each file's text by normalised path; throws on a path declared twice or invalid JSON.
 */
export function docFiles(pages: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const page of pages)
    for (const block of readBlocks(page)) {
      if (block.marker?.kind !== 'file') continue;
      const path = normalize(block.marker.arg);
      if (files.has(path)) throw new Error(`${page}:${block.line}: file ${path} is declared twice`);
      JSON.parse(block.code); // a file block must be valid JSON
      files.set(path, block.code);
    }
  return files;
}

/** The runnable groups of a page: its `<!-- test: group -->` TypeScript blocks by group, in page order. */
export function runnableGroups(page: string): Map<string, DocBlock[]> {
  const groups = new Map<string, DocBlock[]>();
  for (const block of readBlocks(page)) {
    if (block.marker?.kind !== 'test' || block.lang !== 'ts') continue;
    groups.set(block.marker.arg, [...(groups.get(block.marker.arg) ?? []), block]);
  }
  return groups;
}

/** Where a result shown with `//=>` sits, for messages. */
interface ShownResult {
  readonly where: string;
  readonly expression: string;
  readonly value: string;
}

/** The program a group runs, and the results it shows. */
export interface Instrumented {
  /** TypeScript with every `//=>` turned into a `__check(id, () => actual, () => expected, partial)` call (awaited when `actual` awaits). */
  readonly code: string;
  /** The shown results, by check id. */
  readonly shown: readonly ShownResult[];
}

/**
 * Ends a shown value at the first space, `:` or `//` outside brackets and strings.
 *
 * @returns The value text, and whether its brackets are still open at the end of `text`.
 */
function cutValue(text: string): { value: string; open: boolean } {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && (/\s/.test(c) || c === ':' || text.startsWith('//', i)) && i > 0)
      return { value: text.slice(0, i), open: false };
  }
  return { value: text, open: depth > 0 };
}

/**
 * Turns the `//=>` results of a program into checks.
 *
 * @param source - The TypeScript program.
 * @param where - A prefix for messages (`docs/page.md group`).
 * @returns The instrumented program and the results it shows.
 */
export function instrument(source: string, where: string): Instrumented {
  const lines = source.split('\n');
  const out: string[] = [];
  const shown: ShownResult[] = [];
  // Lines are reported as page lines when the program carries `// page.md:<fence line>` markers.
  let base = { page: '', fence: 0, at: 0 };
  const lineOf = (i: number): string =>
    base.page === '' ? `line ${i + 1}` : `${base.page}:${base.fence + (i - base.at)}`;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const marker = /^\/\/ (\S+\.md):(\d+)$/.exec(line);
    if (marker !== null) base = { page: marker[1] ?? '', fence: Number(marker[2]), at: i };
    const inline = /^(\s*)(\S.*?);\s*\/\/=>\s?(.*)$/.exec(line);
    const alone = inline === null ? /^\s*\/\/=>\s?(.*)$/.exec(line) : null;
    if (inline === null && alone === null) {
      out.push(line);
      continue;
    }
    let indent: string;
    let expression: string;
    let rest: string;
    if (inline !== null) {
      indent = inline[1] ?? '';
      expression = inline[2] ?? '';
      rest = inline[3] ?? '';
    } else {
      let p = out.length - 1;
      while (p >= 0 && (out[p] ?? '').trim() === '') p--;
      const previous = /^(\s*)(\S.*?);\s*$/.exec(out[p] ?? '');
      if (previous === null)
        throw new Error(`${where}: \`//=>\` at ${lineOf(i)} follows no one-line expression`);
      out.splice(p);
      indent = previous[1] ?? '';
      expression = previous[2] ?? '';
      rest = alone?.[1] ?? '';
    }
    let { value, open } = cutValue(rest.trim());
    while (open && /^\s*\/\/ /.test(lines[i + 1] ?? '')) {
      i++;
      ({ value, open } = cutValue(`${value}\n${(lines[i] ?? '').replace(/^\s*\/\//, '')}`));
    }
    if (open) throw new Error(`${where}: the value shown at ${lineOf(i)} never closes its brackets`);
    if (value === '') throw new Error(`${where}: no value after \`//=>\` at ${lineOf(i)}`);
    const withoutEllipsis = value.replace(/,\s*…(?=\s*[}\]])/g, '').replace(/(?<=[{[])\s*…\s*,?/g, ' ');
    const partial = withoutEllipsis !== value;
    const id = shown.length;
    shown.push({ where: `${where} (${lineOf(i)})`, expression, value });
    // An expression that awaits is checked with an async thunk (a top-level `await` then waits for the check).
    const awaits = /\bawait\b/.test(expression);
    out.push(
      `${indent}${awaits ? 'await ' : ''}__check(${id}, ${awaits ? 'async ' : ''}() => (${expression}), () => (${withoutEllipsis}\n), ${partial});`,
    );
  }
  return { code: out.join('\n'), shown };
}

/** Turns the `import` declarations esbuild prints into `await __import(…)` (the program runs as a function body). */
function rewriteImports(js: string, where: string): string {
  return js.replace(
    /^import\s+(.*?)\s*from\s*("[^"]+");$|^import\s*("[^"]+");$/gm,
    (all, clause: string | undefined, from: string | undefined, bare: string | undefined) => {
      if (bare !== undefined) return `await __import(${bare});`;
      const spec = from ?? '';
      const parts: string[] = [];
      const named = /\{([^}]*)\}/.exec(clause ?? '');
      const namespace = /\*\s+as\s+(\w+)/.exec(clause ?? '');
      const fallback = /^(\w+)\s*(,|$)/.exec(clause ?? '');
      if (fallback !== null) parts.push(`const ${fallback[1] ?? ''} = (await __import(${spec})).default;`);
      if (namespace !== null) parts.push(`const ${namespace[1] ?? ''} = await __import(${spec});`);
      if (named !== null) {
        const bindings = (named[1] ?? '')
          .split(',')
          .map((b) => b.trim())
          .filter((b) => b !== '')
          .map((b) => b.replace(/\s+as\s+/, ': '));
        parts.push(`const { ${bindings.join(', ')} } = await __import(${spec});`);
      }
      if (parts.length === 0) throw new Error(`${where}: unsupported import: ${all}`);
      return parts.join(' ');
    },
  );
}

/** What a program did when it ran. */
export interface RunResult {
  /** How many results it showed with `//=>`. */
  readonly checks: number;
  /** What it printed with `console`, one entry per call. */
  readonly printed: readonly string[];
}

/** A `node:fs` whose reads of relative paths see the page files first, then the repository root; writes go to the page files. */
function fsWithFiles(files: Map<string, string>): typeof fs {
  const resolve = (path: fs.PathOrFileDescriptor): fs.PathOrFileDescriptor =>
    typeof path === 'string' && !isAbsolute(path) ? join(ROOT, path) : path;
  const readFileSync = ((path: fs.PathOrFileDescriptor, options?: unknown) => {
    if (typeof path === 'string' && !isAbsolute(path)) {
      const text = files.get(normalize(path));
      if (text !== undefined) return options === undefined ? Buffer.from(text) : text;
    }
    return fs.readFileSync(resolve(path), options as fs.ObjectEncodingOptions);
  }) as typeof fs.readFileSync;
  const existsSync = (path: fs.PathLike): boolean =>
    (typeof path === 'string' && files.has(normalize(path))) || fs.existsSync(resolve(path) as fs.PathLike);
  // Writes to relative paths go to the page files (the repository is never written to).
  const writeFileSync = ((path: fs.PathOrFileDescriptor, data: unknown) => {
    if (typeof path !== 'string' || isAbsolute(path))
      throw new Error(`a snippet may write relative paths only, not ${String(path)}`);
    files.set(normalize(path), String(data));
  }) as typeof fs.writeFileSync;
  const shim = { ...fs, readFileSync, existsSync, writeFileSync };
  return { ...shim, default: shim } as typeof fs;
}

/**
 * Runs a TypeScript program the way a reader runs a page's snippets, checking every result it
 * shows with `//=>`.
 *
 * @param source - The program (the blocks of one group, joined).
 * @param where - A prefix for messages.
 * @param files - Files the program may read by relative path; what it writes is added to them.
 * @returns How many results were checked and what was printed.
 */
export async function runProgram(
  source: string,
  where: string,
  files: Map<string, string> = new Map(),
): Promise<RunResult> {
  const { code, shown } = instrument(source, where);
  const js = (await transform(code, { loader: 'ts', format: 'esm', target: 'es2022' })).code;
  const body = rewriteImports(js, where);
  const leftover = /^(import|export)\b.*$/m.exec(body);
  if (leftover !== null) throw new Error(`${where}: unsupported statement: ${leftover[0]}`);
  const modules: Record<string, () => Promise<unknown>> = {
    'escalation-engine': () => import('../../src/index.js'),
    'escalation-engine/testing': () => import('../../src/testing/index.js'),
    'node:fs': () => Promise.resolve(fsWithFiles(files)),
    fs: () => Promise.resolve(fsWithFiles(files)),
  };
  const importer = (spec: string): Promise<unknown> => (modules[spec] ?? (() => import(spec)))();
  const ran = new Set<number>();
  const compare = (id: number, value: unknown, expected: unknown, partial: boolean): void => {
    const result = shown[id];
    const message = `${result?.where ?? where}: ${result?.expression ?? ''}`;
    ran.add(id);
    if (partial) expect(value, message).toMatchObject(expected as object);
    else expect(value, message).toEqual(expected);
  };
  const check = (id: number, actual: () => unknown, expected: () => unknown, partial: boolean): unknown => {
    const value = actual();
    if (value instanceof Promise)
      return value.then((v: unknown) => {
        compare(id, v, expected(), partial);
      });
    compare(id, value, expected(), partial);
    return undefined;
  };
  const printed: string[] = [];
  const print = (...args: unknown[]): void => void printed.push(args.map(String).join(' '));
  const console = { log: print, info: print, warn: print, error: print, debug: print };
  // The constructor of async functions: the program's body may use top-level `await`.
  const AsyncFunction = (Object.getPrototypeOf(async function () {}) as { constructor: unknown })
    .constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;
  await new AsyncFunction('__import', '__check', 'console', body)(importer, check, console);
  const missed = shown.filter((_, id) => !ran.has(id));
  if (missed.length > 0)
    throw new Error(`${where}: results shown but never reached: ${missed.map((m) => m.where).join('; ')}`);
  return { checks: shown.length, printed };
}

/** The program of one group of a page: its blocks joined, with a comment naming each block's line. */
export function groupSource(blocks: readonly DocBlock[]): string {
  return blocks.map((block) => `// ${block.page}:${block.line}\n${block.code}`).join('\n');
}

/** A `<!-- cli: group -->` shell block: its `escalation …` commands, and the output shown after it. */
export interface CliExample {
  /** The block. */
  readonly block: DocBlock;
  /** The group whose program runs first (it may write the files the commands read). */
  readonly group: string;
  /** Each command's arguments (after `escalation`), split on spaces. */
  readonly commands: readonly (readonly string[])[];
  /** The text of the next block when it is marked `<!-- output -->`: what the commands print. */
  readonly output: string | null;
}

/**
 * The command-line examples of a page.
 *
 * @param page - The page path, relative to the repository root.
 * @returns Each `<!-- cli: group -->` block with its commands and shown output.
 */
export function cliExamples(page: string): CliExample[] {
  const blocks = readBlocks(page);
  return blocks.flatMap((block, i) => {
    if (block.marker?.kind !== 'cli') return [];
    const next = blocks[i + 1];
    const commands = block.code
      .split('\n')
      .filter((line) => line.startsWith('escalation '))
      .map((line) =>
        line
          .split(/\s+/)
          .slice(1)
          .filter((arg) => arg !== ''),
      );
    return [
      {
        block,
        group: block.marker.arg,
        commands,
        output: next?.marker?.kind === 'output' ? next.code : null,
      },
    ];
  });
}
