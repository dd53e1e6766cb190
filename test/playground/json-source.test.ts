// The playground's JSON reader: the same values and the same refusals as JSON.parse, every
// value's place in the text, and syntax errors at their line and column.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson, lineColumn, parseJson } from '../../docs/playground/src/json-source.js';

/** FC_SEED when set (CI prints it), else a fixed seed. */
const params = { seed: Number(process.env['FC_SEED'] ?? 20261126), numRuns: 300 };

/** JSON texts: valid ones in several layouts, and mutants that are mostly invalid. */
const jsonText = fc.oneof(
  fc.json(),
  fc.jsonValue().map((value) => JSON.stringify(value, null, 2)),
  fc
    .tuple(
      fc.json(),
      fc.nat(),
      fc.constantFrom(',', '}', ']', '"', ':', '\\', ' ', '0', '-', '\n', 'e', '\u0001'),
      fc.boolean(),
    )
    .map(([text, at, char, remove]) => {
      const i = at % (text.length + 1);
      return remove ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + char + text.slice(i);
    }),
);

describe('parseJson', () => {
  it('accepts exactly what JSON.parse accepts, with the same value', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        let expected: { ok: true; value: unknown } | { ok: false };
        try {
          expected = { ok: true, value: JSON.parse(text) as unknown };
        } catch {
          expected = { ok: false };
        }
        const parsed = parseJson(text);
        expect(parsed.ok).toBe(expected.ok);
        if (parsed.ok && expected.ok) expect(parsed.value).toStrictEqual(expected.value);
      }),
      params,
    );
  });

  it('locates every value: its text parses to the value at that path', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().map((value) => JSON.stringify(value, null, 1)),
        (text) => {
          const parsed = parseJson(text);
          if (!parsed.ok) throw new Error('valid JSON refused');
          const visit = (value: unknown, path: (string | number)[]): void => {
            const { node, depth } = parsed.locate(path);
            expect(depth).toBe(path.length);
            expect(JSON.parse(text.slice(node.value.start, node.value.end))).toStrictEqual(value);
            if (typeof path.at(-1) === 'string' && node.key !== undefined)
              expect(JSON.parse(text.slice(node.key.start, node.key.end))).toBe(path.at(-1));
            if (Array.isArray(value))
              value.forEach((item, i) => {
                visit(item, [...path, i]);
              });
            else if (value !== null && typeof value === 'object')
              for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
          };
          visit(parsed.value, []);
        },
      ),
      params,
    );
  });

  it.each([
    '"\\ud83d\\ude00 \\u00E9 \\" \\\\ \\/ \\b\\f\\n\\r\\t"',
    '"\\ud800 lone surrogate"',
    ' \t\r\n[-0, 0.5e-3, 1E+2, -12.75, 1e400]\n',
    '{"": {"": []}}',
  ])('reads %s as JSON.parse does', (text) => {
    const parsed = parseJson(text);
    expect(parsed.ok && parsed.value).toStrictEqual(JSON.parse(text));
  });

  it('points a path that does not exist at its deepest existing part', () => {
    const text = '{\n  "sla": {\n    "targets": [{ "id": "a" }]\n  }\n}';
    const parsed = parseJson(text);
    if (!parsed.ok) throw new Error('valid JSON refused');
    const { node, depth } = parsed.locate(['sla', 'targets', 0, 'calendar']);
    expect(depth).toBe(3);
    expect(text.slice(node.value.start, node.value.end)).toBe('{ "id": "a" }');
    expect(text.slice(node.key?.start ?? 0, node.key?.end ?? 0)).toBe('');
    const sla = parsed.locate(['sla']).node;
    expect(text.slice(sla.key?.start ?? 0, sla.key?.end ?? 0)).toBe('"sla"');
  });

  it('keeps `__proto__` as a plain key, as JSON.parse does', () => {
    const parsed = parseJson('{"__proto__": {"polluted": true}, "a": 1, "a": 2}');
    expect(parsed.ok && parsed.value).toStrictEqual(
      JSON.parse('{"__proto__": {"polluted": true}, "a": 1, "a": 2}'),
    );
    expect(parsed.ok && Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1, 'expected a property name (JSON has no trailing commas), found `}`'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'expected `,` or `}` after a property, found `"`'],
    ['[1, 2,]', 1, 7, 'expected a value (JSON has no trailing commas), found `]`'],
    ["{'a': 1}", 1, 2, "expected a property name in double quotes, found `'`"],
    ['{"a" 1}', 1, 6, 'expected `:` after a property name, found `1`'],
    ['{"a": "x\\q"}', 1, 9, 'unknown escape `\\q` in a string'],
    ['{"a": "x\ty"}', 1, 9, 'character U+0009 in a string: write it as an escape'],
    ['{"a": "open', 1, 7, 'a string is not closed'],
    ['{"a": 01}', 1, 8, 'expected `,` or `}` after a property, found `1`'],
    ['{"a": 1.}', 1, 9, 'expected a digit after `.`, found `}`'],
    ['{"a": tru}', 1, 7, 'expected a value, found `t`'],
    ['', 1, 1, 'unexpected end of the text, found the end of the text'],
    ['{} {}', 1, 4, 'expected the end of the text after the value, found `{`'],
  ])('reports %j at line %i, column %i', (text, line, column, message) => {
    const parsed = parseJson(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ line, column, message });
  });

  it('refuses nesting deeper than 1000 levels with an error, not a stack overflow', () => {
    const parsed = parseJson(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.error).toMatchObject({
        message: 'nested deeper than 1000 levels',
        line: 1,
        column: 1002,
      });
  });
});

describe('lineColumn', () => {
  it('counts lines from 1 and columns in UTF-16 units from 1', () => {
    expect(lineColumn('ab\ncd\n\u00e9\u{1F600}x', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\n\u00e9\u{1F600}x', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\n\u00e9\u{1F600}x', 9)).toEqual({ line: 3, column: 4 });
  });
});

describe('formatJson', () => {
  it('round-trips every JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 20, max: 120 }), (value, width) => {
        expect(JSON.stringify(JSON.parse(formatJson(value, width)))).toBe(JSON.stringify(value));
      }),
      params,
    );
  });

  it('keeps what fits on one line and breaks the rest', () => {
    expect(formatJson({ weekly: { mon: [['09:00', '17:00']] }, holidays: [] }, 50)).toBe(
      '{\n  "weekly": { "mon": [["09:00", "17:00"]] },\n  "holidays": []\n}\n',
    );
  });
});
