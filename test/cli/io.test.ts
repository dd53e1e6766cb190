// The CLI's building blocks: reading files, arguments, colours, the progress bar, instants.
import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closest, COMMON_OPTIONS, parseCommandArgs } from '../../src/cli/args.js';
import { formatDuration, parseInstant, plural } from '../../src/cli/command.js';
import type { CliHost } from '../../src/cli/host.js';
import { issueLines, lineColumn, openTickets, parseText, readDocument } from '../../src/cli/io.js';
import { createProgress } from '../../src/cli/progress.js';
import { createStyle, safeText, useColor } from '../../src/cli/style.js';
import { workspace } from './support.js';

let files: ReturnType<typeof workspace>;
beforeAll(() => {
  files = workspace({
    'one.json': '{ "id": "T-1" }',
    'list.yaml': '- id: T-1\n- id: T-2\n',
    'blank.jsonl': '{"id":"T-1"}\n\n   \n{"id":"T-2"}\r\n',
  });
});
afterAll(() => {
  files.remove();
});

function host(stdin = ''): CliHost {
  return {
    stdout: { write: () => undefined, isTTY: false },
    stderr: { write: () => undefined, isTTY: false },
    stdin: Readable.from([stdin]),
    env: {},
    cwd: files.dir,
    now: () => new Date(0),
  };
}

const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'no error';
};

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\n', 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn('ab', 99)).toEqual({ line: 1, column: 3 });
    expect(lineColumn('ab', -1)).toEqual({ line: 1, column: 1 });
  });
});

describe('parseText', () => {
  it('parses JSON and YAML by extension, and other names by their text', () => {
    expect(parseText('{"a": 1}', 'x.json')).toEqual({ a: 1 });
    expect(parseText('a: 1\non: 2026-03-09T14:00:00Z\n', 'x.yml')).toEqual({
      a: 1,
      on: '2026-03-09T14:00:00Z',
    });
    expect(parseText('[1]', 'x.txt')).toEqual([1]);
    expect(parseText('a: yes', 'x')).toEqual({ a: 'yes' });
    expect(parseText('\uFEFF{"a": 1}', 'bom.json')).toEqual({ a: 1 });
  });

  it('says where JSON is broken, as file:line:column', () => {
    expect(message(() => parseText('{\n  "a": 1,\n}', 'p.json'))).toBe(
      'p.json:3:1: invalid JSON: expected double-quoted property name',
    );
    expect(message(() => parseText('{"a": [1, 2}\n', 'p.json'))).toMatch(/^p\.json:1:12: invalid JSON: /);
    expect(message(() => parseText('{"a":\n\n', 'p.json'))).toBe(
      'p.json:1:6: invalid JSON: unexpected end of JSON input',
    );
    expect(message(() => parseText('', 'p.json'))).toBe(
      'p.json:1:1: invalid JSON: unexpected end of JSON input',
    );
  });

  it('says where YAML is broken, duplicate keys included', () => {
    expect(message(() => parseText('a: 1\na: 2\n', 'p.yaml'))).toBe(
      'p.yaml:2:1: invalid YAML: map keys must be unique',
    );
    expect(message(() => parseText('a:\n  b: 1\n c: 2\n', 'p.yaml'))).toMatch(
      /^p\.yaml:3:\d+: invalid YAML: /,
    );
  });

  it('refuses YAML alias bombs', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map(
        (k, i) =>
          `${k}: &${k} [${Array(10)
            .fill(`*${'abcdefgh'[i] ?? 'a'}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    expect(message(() => parseText(bomb, 'bomb.yaml'))).toMatch(/^bomb\.yaml: invalid YAML: /);
  });
});

describe('readDocument and openTickets', () => {
  it('reads files and standard input', async () => {
    expect(await readDocument(host(), 'one.json')).toEqual({ id: 'T-1' });
    expect(await readDocument(host('[1, 2]'), '-')).toEqual([1, 2]);
    await expect(readDocument(host(), '.')).rejects.toThrow('cannot read `.`: is a directory');
    mkdirSync(`${files.dir}/folder.jsonl`);
    await expect(openTickets(host(), 'folder.jsonl')).rejects.toThrow(
      'cannot read `folder.jsonl`: is a directory',
    );
  });

  it('reads a corpus from an array, one ticket, or JSON Lines (blank lines skipped)', async () => {
    const collect = async (file: string, stdin?: string) => {
      const corpus = await openTickets(host(stdin), file);
      const out: [string, number][] = [];
      for await (const entry of corpus.entries) out.push([entry.source, entry.done]);
      return { total: corpus.total, out };
    };
    expect(await collect('one.json')).toEqual({ total: 1, out: [['one.json', 1]] });
    expect(await collect('list.yaml')).toEqual({
      total: 2,
      out: [
        ['list.yaml[0]', 1],
        ['list.yaml[1]', 2],
      ],
    });
    expect(await collect('blank.jsonl')).toEqual({
      total: 32,
      out: [
        ['blank.jsonl:1', 13],
        ['blank.jsonl:4', 31],
      ],
    });
    expect(await collect('-', '{"id":"T-1"}\n{"id":"T-2"}')).toMatchObject({
      total: undefined,
      out: [
        ['<stdin>:1', 13],
        ['<stdin>:2', 26],
      ],
    });
  });

  it('formats issues as file: path: message', () => {
    expect(
      issueLines('p.json', [
        {
          code: 'unknown_calendar',
          severity: 'error',
          path: ['sla', 'targets', 2, 'calendar'],
          message: 'unknown calendar `x`',
        },
        { code: 'invalid_value', severity: 'warning', path: [], message: 'odd' },
      ]),
    ).toEqual(['p.json: sla.targets[2].calendar: unknown calendar `x`', 'p.json: odd (warning)']);
  });
});

describe('parseCommandArgs', () => {
  const specs = { ...COMMON_OPTIONS, now: { type: 'string', value: '<instant>', description: '' } } as const;

  it('reads flags, values and positionals', () => {
    const args = parseCommandArgs(
      ['a', '--json', '--now=2026', 'b', '-h', '--', '--not-an-option', '-'],
      specs,
    );
    expect([...args.flags]).toEqual(['json', 'help']);
    expect(args.values.get('now')).toBe('2026');
    expect(args.positionals).toEqual(['a', 'b', '--not-an-option', '-']);
    expect(parseCommandArgs(['--now', '-'], specs).values.get('now')).toBe('-');
    expect(parseCommandArgs(['--now', '-05:00'].slice(0, 1).concat('x'), specs).values.get('now')).toBe('x');
  });

  it('refuses unknown options, missing values and values of flags', () => {
    expect(message(() => parseCommandArgs(['--nwo', 'x'], specs))).toBe(
      'unknown option `--nwo` (did you mean `--now`?)',
    );
    expect(message(() => parseCommandArgs(['--everything'], specs))).toBe('unknown option `--everything`');
    expect(message(() => parseCommandArgs(['--now'], specs))).toBe('option `--now` needs a value <instant>');
    expect(message(() => parseCommandArgs(['--now', '--json'], specs))).toBe(
      'option `--now` needs a value <instant>',
    );
    expect(message(() => parseCommandArgs(['--help=1'], specs))).toBe('option `--help` takes no value');
  });

  it('suggests only close words', () => {
    expect(closest('chek', ['check', 'lint'])).toBe('check');
    expect(closest('zzz', ['check', 'lint'])).toBeUndefined();
    expect(closest('', ['ab'])).toBe('ab');
  });
});

describe('style', () => {
  it('colours only terminals without NO_COLOR', () => {
    const tty = { write: () => undefined, isTTY: true };
    expect(useColor(tty, {})).toBe(true);
    expect(useColor(tty, { NO_COLOR: '' })).toBe(true);
    expect(useColor(tty, { NO_COLOR: '0' })).toBe(false);
    expect(useColor(tty, { TERM: 'dumb' })).toBe(false);
    expect(useColor({ ...tty, isTTY: false }, {})).toBe(false);
  });

  it('wraps text in SGR codes when on, leaves it alone when off', () => {
    expect(createStyle(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(createStyle(true).bold('')).toBe('');
    expect(createStyle(false).dim('x')).toBe('x');
  });

  it('makes control characters visible', () => {
    expect(safeText('a\u001b[2Jb\tc\nd\u0007\u009b')).toBe('a\\u001b[2Jb\tc\nd\\u0007\\u009b');
  });
});

describe('createProgress', () => {
  const capture = (isTTY: boolean, columns?: number) => {
    const writes: string[] = [];
    return { writes, output: { write: (text: string) => void writes.push(text), isTTY, columns } };
  };

  it('draws nothing off a terminal', () => {
    const { writes, output } = capture(false);
    const progress = createProgress(output, { label: 'diff', total: 10, items: 'tickets', now: () => 0 });
    progress.update(5, 5);
    progress.finish();
    expect(writes).toEqual([]);
  });

  it('draws a bar at most every 100 ms and clears it', () => {
    const { writes, output } = capture(true, 50);
    let now = 0;
    const progress = createProgress(output, { label: 'diff', total: 4, items: 'tickets', now: () => now });
    progress.update(1, 1);
    progress.update(2, 2);
    now = 100;
    progress.update(4, 4);
    progress.finish();
    progress.finish();
    expect(writes).toEqual([
      `\rdiff [${'#'.repeat(6)}${'-'.repeat(19)}]  25% 1 tickets`,
      `\rdiff [${'#'.repeat(25)}] 100% 4 tickets`,
      `\r${' '.repeat(47)}\r`,
    ]);
  });

  it('counts when the total is unknown', () => {
    const { writes, output } = capture(true);
    const progress = createProgress(output, {
      label: 'diff',
      total: undefined,
      items: 'tickets',
      now: () => 0,
    });
    progress.update(10, 3);
    expect(writes).toEqual(['\rdiff 3 tickets']);
  });
});

describe('parseInstant', () => {
  it('reads ISO 8601 date-times with an offset', () => {
    expect(parseInstant('2026-03-09T14:00:00Z', 'now').toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(parseInstant('2026-03-09T09:00-05:00', 'now').toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(parseInstant('2026-03-09T14:00:00.1234+01:30', 'now').toISOString()).toBe(
      '2026-03-09T12:30:00.123Z',
    );
    expect(parseInstant('2024-02-29T00:00:00z', 'now').toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('refuses a time without offset, and dates and times that do not exist', () => {
    expect(message(() => parseInstant('2026-03-09T14:00:00', 'now'))).toBe(
      'invalid `--now` `2026-03-09T14:00:00`: an instant needs an offset, such as `Z` or `+01:00`',
    );
    expect(message(() => parseInstant('next monday', 'at'))).toContain(
      'invalid `--at` `next monday`: expected an ISO 8601',
    );
    expect(message(() => parseInstant('2026-02-29T00:00Z', 'now'))).toContain('no such date');
    expect(message(() => parseInstant('2026-13-01T00:00Z', 'now'))).toContain('no such date');
    expect(message(() => parseInstant('2026-03-09T24:00Z', 'now'))).toContain('no such time');
    expect(message(() => parseInstant('2026-03-09T10:00+24:00', 'now'))).toContain('no such time');
  });
});

describe('formatDuration and plural', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(0)).toBe('0ms');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(5_400_000)).toBe('1h 30m');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(90_061_000)).toBe('1d 1h');
    expect(formatDuration(-600_000)).toBe('-10m');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect([plural(1, 'case'), plural(2, 'case')]).toEqual(['1 case', '2 cases']);
  });
});
