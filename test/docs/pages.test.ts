// Every code example of the guides runs, and shows what it returns (docs/getting-started.md,
// concepts, integration, cookbook, business-time, evaluation). Conventions: doc-blocks.ts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import {
  PAGES,
  ROOT,
  cliExamples,
  docFiles,
  groupSource,
  readBlocks,
  runProgram,
  runnableGroups,
} from './doc-blocks.js';

const files = docFiles(PAGES);

/** Runs `escalation <args>` in-process in `cwd`; returns its exit code and what it printed. */
async function escalation(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text) => void (stdout += text), isTTY: false, columns: undefined },
    stderr: { write: (text) => void (stderr += text), isTTY: false, columns: undefined },
    stdin: Readable.from([]),
    env: {},
    cwd,
    now: () => new Date('2026-03-09T12:30:00Z'),
  });
  return { code, stdout, stderr };
}

for (const page of PAGES) {
  describe(page, () => {
    const blocks = readBlocks(page);

    it('marks every TypeScript example as runnable', () => {
      const unmarked = blocks.filter(
        (b) => ['ts', 'typescript', 'js'].includes(b.lang) && b.marker?.kind !== 'test',
      );
      expect(unmarked.map((b) => `${page}:${b.line}`)).toEqual([]);
    });

    const groups = runnableGroups(page);
    const cli = cliExamples(page);

    it('runs its command-line examples after a group of examples', () => {
      expect(
        cli.filter((example) => !groups.has(example.group)).map((example) => example.block.line),
      ).toEqual([]);
    });

    for (const [group, members] of groups) {
      it(`runs the \`${group}\` examples with the results they show`, async () => {
        const written = new Map(files);
        const { checks, printed } = await runProgram(groupSource(members), `${page} ${group}`, written);
        expect(checks).toBeGreaterThan(0);
        // What the group prints, when the page shows it (`<!-- printed: group -->` blocks, in order).
        const shown = blocks.filter((b) => b.marker?.kind === 'printed' && b.marker.arg === group);
        if (shown.length > 0)
          expect(printed.map((line) => `${line}\n`).join('')).toBe(shown.map((b) => b.code).join(''));

        // Then the command lines, in a directory holding the files the examples wrote.
        const examples = cli.filter((example) => example.group === group);
        if (examples.length === 0) return;
        const dir = mkdtempSync(join(tmpdir(), 'docs-cli-'));
        try {
          for (const [path, text] of written) {
            mkdirSync(dirname(join(dir, path)), { recursive: true });
            writeFileSync(join(dir, path), text);
          }
          for (const example of examples) {
            let printed = '';
            for (const args of example.commands) {
              const run = await escalation(args, dir);
              expect(run.stderr, `${page}:${example.block.line}`).toBe('');
              expect(run.code, `${page}:${example.block.line}`).toBe(0);
              printed += run.stdout;
            }
            if (example.output !== null)
              expect(printed, `${page}:${example.block.line}`).toBe(example.output);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}

/** The fixture cases a page cites: "Fixture [`test/fixtures/<file>`](…), case(s) “<description>” (and “…”)". */
function citations(page: string): { file: string; descriptions: string[] }[] {
  const text = readFileSync(join(ROOT, page), 'utf8').replace(/\s+/g, ' ');
  return [
    ...text.matchAll(
      /Fixture \[`test\/fixtures\/([\w.-]+\.json)`\]\([^)]*\), cases? ((?:“[^”]+”(?:,? and |, )?)+)/g,
    ),
  ].map((m) => ({
    file: m[1] ?? '',
    descriptions: [...(m[2] ?? '').matchAll(/“([^”]+)”/g)].map((d) => d[1] ?? ''),
  }));
}

describe('worked examples from the fixture corpus', () => {
  for (const page of ['docs/business-time.md', 'docs/evaluation.md']) {
    it(`${page} cites cases that exist, and replays each one it evaluates`, () => {
      const cited = citations(page);
      expect(cited.length).toBeGreaterThanOrEqual(6);
      const code = [...runnableGroups(page).values()]
        .flat()
        .map((b) => b.code.replace(/\s+/g, ' '))
        .join('\n');
      for (const { file, descriptions } of cited) {
        const fixture = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', file), 'utf8')) as {
          cases: { description: string }[];
        };
        const known = new Set(fixture.cases.map((c) => c.description));
        for (const description of descriptions) {
          expect(known.has(description), `${page}: ${file} has no case “${description}”`).toBe(true);
          // A page that replays cases (fixtureCase) replays every case it cites.
          if (code.includes('fixtureCase('))
            expect(code, `${page}: “${description}” is not replayed`).toContain(`'${description}'`);
          else expect(code, `${page}: ${file} is not read`).toContain(`'${file}'`);
        }
      }
    });
  }
});

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown page (headings outside code blocks, numbered when repeated). */
function anchors(path: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6} (.*)$/.exec(line);
    if (heading === null) continue;
    const base = slug(heading[1] ?? '');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.add(count === 0 ? base : `${base}-${String(count)}`);
  }
  return out;
}

describe('links of the guides', () => {
  for (const page of PAGES) {
    it(`${page} links to files and anchors that exist`, () => {
      const text = readFileSync(join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '');
      const broken: string[] = [];
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
        const [file = '', anchor] = target.split('#');
        const path = file === '' ? join(ROOT, page) : join(ROOT, dirname(page), file);
        if (!existsSync(path)) broken.push(target);
        else if (anchor !== undefined && path.endsWith('.md') && !anchors(path).has(anchor))
          broken.push(target);
      }
      expect(broken).toEqual([]);
    });
  }
});
