// JSON.parse with positions: the value (exactly what JSON.parse returns), where every value and
// property name sits in the text, and syntax errors with their line and column. The playground
// uses it to put an issue's JSON path (`sla.targets[2].calendar`) back on a line of the editor.

/** A JSON path, as issues carry it: property names and array indexes. */
export type JsonPath = readonly (string | number)[];

/** A range of the text: UTF-16 offsets, `end` excluded. */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
}

/** Where a node of the document sits: its value, and its property name when it has one. */
export interface SourceNode {
  readonly value: SourceSpan;
  readonly key?: SourceSpan | undefined;
}

/** A line and column, both from 1 (columns count UTF-16 code units, as editors do). */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** A syntax error: one line of text, and where. */
export interface JsonSyntaxError extends LineColumn {
  readonly message: string;
  readonly offset: number;
}

/** A parsed document: the value, and the source of any path in it. */
export interface ParsedJson {
  readonly ok: true;
  readonly value: unknown;
  /**
   * The node at `path`, or at its longest prefix that exists (`depth` says how much of the path
   * was found: an issue about a missing key points at the object that misses it).
   */
  readonly locate: (path: JsonPath) => { readonly node: SourceNode; readonly depth: number };
}

/** The outcome of {@link parseJson}. */
export type JsonParseResult = ParsedJson | { readonly ok: false; readonly error: JsonSyntaxError };

/** The deepest nesting read before giving up (JSON.parse itself goes further; policies do not). */
const MAX_DEPTH = 1000;

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const LITERALS: readonly (readonly [string, boolean | null])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

/** The line and column of an offset of `text`. */
export function lineColumn(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** How a character is named in a message: visible characters in backticks, others by code. */
function describe(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the text';
  const c = text[offset] ?? '';
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f || (code >= 0xd800 && code < 0xe000))
    return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\`${c}\``;
}

/**
 * Parses JSON text like `JSON.parse` (same values, same errors accepted and refused) and
 * records where each value is.
 *
 * @param text - The JSON text.
 * @returns The value with a locator, or the first syntax error with its line and column.
 * @example
 * ```ts
 * const parsed = parseJson('{\n  "a": [1, 2]\n}');
 * parsed.ok && parsed.locate(['a', 1]).node.value //=> { start: 13, end: 14 }
 * parseJson('{"a": 1,}') //=> { ok: false, error: { line: 1, column: 9, … } }
 * ```
 */
export function parseJson(text: string): JsonParseResult {
  const nodes = new Map<string, SourceNode>();
  const keyOf = (path: JsonPath): string => JSON.stringify(path);
  let i = 0;

  const space = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else return;
    }
  };
  const unexpected = (expected: string): never => {
    throw new SyntaxProblem(`${expected}, found ${describe(text, i)}`, i);
  };

  const string = (): string => {
    const start = i;
    i++; // the opening quote
    let out = '';
    let run = i;
    for (;;) {
      if (i >= text.length) throw new SyntaxProblem('a string is not closed', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (c < 0x20) throw new SyntaxProblem(`${describe(text, i)} in a string: write it as an escape`, i);
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(run, i);
      const escape = text[i + 1] ?? '';
      if (escape === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex))
          throw new SyntaxProblem('`\\u` in a string needs four hexadecimal digits', i);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        const value = ESCAPES[escape];
        if (value === undefined) throw new SyntaxProblem(`unknown escape \`\\${escape}\` in a string`, i);
        out += value;
        i += 2;
      }
      run = i;
    }
  };

  const digits = (what: string): void => {
    const start = i;
    while (text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    if (i === start) unexpected(what);
  };

  const number = (): number => {
    const start = i;
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits('expected a digit');
    if (text[i] === '.') {
      i++;
      digits('expected a digit after `.`');
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits('expected a digit in the exponent');
    }
    return Number(text.slice(start, i));
  };

  const value = (path: (string | number)[], key: SourceSpan | undefined): unknown => {
    if (path.length > MAX_DEPTH) throw new SyntaxProblem(`nested deeper than ${String(MAX_DEPTH)} levels`, i);
    space();
    const start = i;
    let result: unknown;
    const c = text[i];
    if (c === '{') result = object(path);
    else if (c === '[') result = array(path);
    else if (c === '"') result = string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) result = number();
    else {
      const word = LITERALS.find(([name]) => text.startsWith(name, i));
      if (word === undefined)
        unexpected(i >= text.length ? 'unexpected end of the text' : 'expected a value');
      else {
        result = word[1];
        i += word[0].length;
      }
    }
    nodes.set(keyOf(path), { value: { start, end: i }, key });
    return result;
  };

  const object = (path: (string | number)[]): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    i++;
    space();
    if (text[i] === '}') {
      i++;
      return result;
    }
    for (;;) {
      space();
      if (text[i] !== '"')
        unexpected(
          text[i] === '}'
            ? 'expected a property name (JSON has no trailing commas)'
            : 'expected a property name in double quotes',
        );
      const keyStart = i;
      const name = string();
      const key = { start: keyStart, end: i };
      space();
      if (text[i] !== ':') unexpected('expected `:` after a property name');
      i++;
      // A data property, as JSON.parse makes it: `__proto__` is a key like any other.
      Object.defineProperty(result, name, {
        value: value([...path, name], key),
        writable: true,
        enumerable: true,
        configurable: true,
      });
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return result;
      }
      unexpected('expected `,` or `}` after a property');
    }
  };

  const array = (path: (string | number)[]): unknown[] => {
    const result: unknown[] = [];
    i++;
    space();
    if (text[i] === ']') {
      i++;
      return result;
    }
    for (;;) {
      space();
      if (text[i] === ']') unexpected('expected a value (JSON has no trailing commas)');
      result.push(value([...path, result.length], undefined));
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return result;
      }
      unexpected('expected `,` or `]` after an item');
    }
  };

  try {
    const result = value([], undefined);
    space();
    if (i < text.length) unexpected('expected the end of the text after the value');
    return {
      ok: true,
      value: result,
      locate: (path) => {
        for (let depth = path.length; depth >= 0; depth--) {
          const node = nodes.get(keyOf(path.slice(0, depth)));
          if (node !== undefined) return { node, depth };
        }
        // Unreachable: the root is always recorded.
        return { node: { value: { start: 0, end: text.length } }, depth: 0 };
      },
    };
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    return {
      ok: false,
      error: { message: error.message, offset: error.offset, ...lineColumn(text, error.offset) },
    };
  }
}

/**
 * Formats a JSON value for an editor: two-space indentation, with arrays and objects that fit
 * on one line (at most `width` characters with their indentation) kept on one line.
 *
 * @param value - A JSON value.
 * @param width - The longest line to aim for.
 * @returns The text, ending with a newline; `JSON.parse` of it equals `value`.
 * @example
 * ```ts
 * formatJson({ mon: [['09:00', '17:00']] }) //=> '{ "mon": [["09:00", "17:00"]] }\n'
 * ```
 */
export function formatJson(value: unknown, width = 100): string {
  const inline = (node: unknown): string => {
    if (Array.isArray(node)) return `[${node.map(inline).join(', ')}]`;
    if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      return entries.length === 0
        ? '{}'
        : `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${inline(item)}`).join(', ')} }`;
    }
    // undefined is not a JSON value (JSON.stringify gives no text): write null, as arrays do.
    return node === undefined ? 'null' : JSON.stringify(node);
  };
  const block = (node: unknown, indent: string, lead: number): string => {
    const flat = inline(node);
    if (node === null || typeof node !== 'object' || indent.length + lead + flat.length <= width) return flat;
    const inner = `${indent}  `;
    if (Array.isArray(node))
      return `[\n${node.map((item) => `${inner}${block(item, inner, 0)}`).join(',\n')}\n${indent}]`;
    const entries = Object.entries(node).map(([key, item]) => {
      const name = `${JSON.stringify(key)}: `;
      return `${inner}${name}${block(item, inner, name.length)}`;
    });
    return `{\n${entries.join(',\n')}\n${indent}}`;
  };
  return `${block(value, '', 0)}\n`;
}
