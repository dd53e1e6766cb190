// The documentation harness itself: a page whose shown results are wrong must fail.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  docFiles,
  groupSource,
  instrument,
  readBlocks,
  runProgram,
  runnableGroups,
} from './doc-blocks.js';

describe('instrument', () => {
  it('turns `expression; //=> value` into a check and keeps the prose after the value', () => {
    const { code, shown } = instrument('const a = 1;\na + 1; //=> 2: two\nnull; //=> null (nothing)\n', 'x');
    expect(shown.map((s) => [s.expression, s.value])).toEqual([
      ['a + 1', '2'],
      ['null', 'null'],
    ]);
    expect(code).toContain('__check(0, () => (a + 1), () => (2\n), false);');
  });

  it('attaches a `//=>` line to the one-line expression before it', () => {
    const { code, shown } = instrument('const list = [1, 2];\nlist.length;\n//=> 2\n', 'x');
    expect(shown[0]?.expression).toBe('list.length');
    expect(code).not.toContain('list.length;\n');
  });

  it('reads a value over continuation comment lines while its brackets are open', () => {
    const { shown } = instrument("f(); //=> { a: 1,\n//     b: 'x y' }\nnext();\n", 'x');
    expect(shown[0]?.value).toBe("{ a: 1,\n     b: 'x y' }");
  });

  it('matches partially when an object shows `…`', () => {
    const { code } = instrument('o; //=> { a: 1, … }\np; //=> { … }\n', 'x');
    expect(code).toContain('() => ({ a: 1 }\n), true)');
    expect(code).toContain('() => ({ }\n), true)');
  });

  it('refuses a `//=>` that follows no expression, and a value that never closes', () => {
    expect(() => instrument('if (x) {\n//=> 1\n', 'x')).toThrow('follows no one-line expression');
    expect(() => instrument('f(); //=> { a: 1,\n', 'x')).toThrow('never closes');
  });

  it('reports page lines when the program carries page markers', () => {
    const { shown } = instrument('// docs/p.md:10\nconst a = 1;\na; //=> 1\n', 'x');
    expect(shown[0]?.where).toBe('x (docs/p.md:12)');
  });
});

describe('runProgram', () => {
  it('runs imports of the package, checks the results shown and captures what is printed', async () => {
    const result = await runProgram(
      [
        "import { parseDuration as duration } from 'escalation-engine';",
        "import * as path from 'node:path';",
        "duration('1h30m'); //=> 5_400_000",
        "path.posix.join('a', 'b'); //=> 'a/b'",
        "console.log('hello', 1);",
        "const decision: { id: string; extra: number } = { id: 'sev1', extra: 2 };",
        "decision; //=> { id: 'sev1', … }",
      ].join('\n'),
      'x',
    );
    expect(result).toEqual({ checks: 3, printed: ['hello 1'] });
  });

  it('fails when a shown result is wrong', async () => {
    await expect(
      runProgram(
        "import { parseDuration } from 'escalation-engine';\nparseDuration('1h'); //=> 60_000\n",
        'x',
      ),
    ).rejects.toThrow("parseDuration('1h')");
  });

  it('fails when a shown object has more fields than it says, without `…`', async () => {
    await expect(runProgram('({ a: 1, b: 2 }); //=> { a: 1 }\n', 'x')).rejects.toThrow();
  });

  it('fails when a shown result is never reached', async () => {
    await expect(runProgram('if (Math.max(0, 1) === 0) {\n  1; //=> 1\n}\n', 'x')).rejects.toThrow(
      'never reached',
    );
  });

  it('reads page files first, then files of the repository, by relative path', async () => {
    const files = new Map([['policy.json', '{ "id": "p" }\n']]);
    const result = await runProgram(
      [
        "import { readFileSync, existsSync } from 'node:fs';",
        "JSON.parse(readFileSync('policy.json', 'utf8')).id; //=> 'p'",
        "JSON.parse(readFileSync('package.json', 'utf8')).name; //=> 'escalation-engine'",
        "existsSync('policy.json'); //=> true",
      ].join('\n'),
      'x',
      files,
    );
    expect(result.checks).toBe(3);
  });

  it('supports top-level await', async () => {
    const result = await runProgram('const v = await Promise.resolve(3);\nv; //=> 3\n', 'x');
    expect(result.checks).toBe(1);
  });
});

describe('readBlocks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'doc-blocks-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads fences with their marker, indented ones included, and groups runnable blocks', () => {
    const file = join(dir, 'page.md');
    writeFileSync(
      file,
      [
        '# Page',
        '<!-- test: one -->',
        '```ts',
        'const a = 1;',
        '```',
        '- a list item:',
        '',
        '  <!-- file: data/x.json -->',
        '',
        '  ```json',
        '  { "x": 1 }',
        '  ```',
        '```sh',
        'echo hi',
        '```',
        '<!-- test: one -->',
        '```ts',
        'a; //=> 1',
        '```',
      ].join('\n'),
    );
    const page = relative(ROOT, file);
    const blocks = readBlocks(page);
    expect(blocks.map((b) => [b.line, b.lang, b.marker?.kind ?? null, b.code])).toEqual([
      [3, 'ts', 'test', 'const a = 1;\n'],
      [10, 'json', 'file', '{ "x": 1 }\n'],
      [13, 'sh', null, 'echo hi\n'],
      [17, 'ts', 'test', 'a; //=> 1\n'],
    ]);
    expect([...docFiles([page]).keys()]).toEqual(['data/x.json']);
    const group = runnableGroups(page).get('one') ?? [];
    expect(group).toHaveLength(2);
    expect(groupSource(group)).toBe(`// ${page}:3\nconst a = 1;\n\n// ${page}:17\na; //=> 1\n`);
  });
});
