// The API reference (typedoc.json, `npx typedoc`) documents every entry of the package, and
// its run fails on any warning: CI builds it (the run itself takes seconds; it is not repeated here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './doc-blocks.js';

const json = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const config = json('typedoc.json') as {
  entryPoints: string[];
  out: string;
  excludeInternal: boolean;
  treatWarningsAsErrors: boolean;
  validation: Record<string, boolean>;
  intentionallyNotExported?: string[];
};
const manifest = json('package.json') as {
  exports: Record<string, string | { import: { default: string } }>;
};

describe('typedoc.json', () => {
  it('documents the source of every code entry of package.json', () => {
    const entries = Object.values(manifest.exports)
      .filter((target) => typeof target !== 'string')
      .map((target) => target.import.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
    expect([...config.entryPoints].sort()).toEqual(entries.sort());
  });

  it('fails on warnings, validates links and leaves internal declarations out', () => {
    expect(config.treatWarningsAsErrors).toBe(true);
    expect(config.excludeInternal).toBe(true);
    expect(config.validation).toMatchObject({ invalidLink: true, notExported: true });
    expect(config.out).toBe('docs/api');
  });

  it('declares as intentionally not exported only declarations that exist and are not exported', () => {
    for (const entry of config.intentionallyNotExported ?? []) {
      const [file = '', name = ''] = entry.split(':');
      const source = readFileSync(join(ROOT, file), 'utf8');
      expect(source, entry).toMatch(new RegExp(`^(type|interface) ${name}\\b`, 'm'));
    }
  });
});
