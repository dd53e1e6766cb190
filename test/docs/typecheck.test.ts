// The runnable examples of the guides type-check as a reader's TypeScript project would
// (strict, exactOptionalPropertyTypes…: the repository's tsconfig.json), with
// `escalation-engine` resolved to the sources.
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PAGES, ROOT, groupSource, runnableGroups } from './doc-blocks.js';

/** The page line of a program's 0-based line, from the `// page.md:<fence line>` markers of groupSource. */
function pageLine(program: string, line: number): string {
  const lines = program.split('\n');
  for (let i = line; i >= 0; i--) {
    const marker = /^\/\/ (\S+\.md):(\d+)$/.exec(lines[i] ?? '');
    if (marker !== null) return `${marker[1] ?? ''}:${Number(marker[2]) + line - i}`;
  }
  return `line ${line + 1}`;
}

/** Type errors of each program, keyed by a virtual file name (`snippets/<page>--<group>.ts`). */
function typeErrors(programs: ReadonlyMap<string, string>): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error('tsconfig.json could not be read');
  const host = ts.createCompilerHost(config.options);
  const original = {
    getSourceFile: host.getSourceFile.bind(host),
    fileExists: host.fileExists.bind(host),
    readFile: host.readFile.bind(host),
  };
  host.fileExists = (file) => programs.has(file) || original.fileExists(file);
  host.readFile = (file) => programs.get(file) ?? original.readFile(file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = programs.get(file);
    return text === undefined
      ? original.getSourceFile(file, language, ...rest)
      : ts.createSourceFile(file, text, language, true, ts.ScriptKind.TS);
  };
  const program = ts.createProgram({ rootNames: [...programs.keys()], options: config.options, host });
  const errors = new Map<string, string[]>();
  for (const file of programs.keys()) {
    const source = program.getSourceFile(file);
    const diagnostics = source === undefined ? [] : ts.getPreEmitDiagnostics(program, source);
    errors.set(
      file,
      diagnostics.map((d) => {
        const at =
          d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : null;
        const where = at === null ? file : pageLine(programs.get(file) ?? '', at);
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
      }),
    );
  }
  return errors;
}

describe('the runnable examples of the guides', () => {
  it('type-check under the strict compiler options', () => {
    const programs = new Map<string, string>();
    // Virtual files next to this test: the repository's package.json makes them ES modules.
    const dir = join(ROOT, 'test', 'docs', 'snippets');
    for (const page of PAGES)
      for (const [group, blocks] of runnableGroups(page))
        programs.set(
          join(dir, `${page.replace(/^docs\/|\.md$/g, '')}--${group}.ts`),
          `${groupSource(blocks)}\nexport {};\n`,
        );
    expect(programs.size).toBeGreaterThan(0);
    const errors = typeErrors(programs);
    expect([...errors.values()].flat()).toEqual([]);
  }, 60_000);
});
