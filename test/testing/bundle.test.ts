// fast-check is an optional peer dependency: only the './testing' entry may load it. The main
// entry and the test-case runner (which the CLI bundles) must not (scripts/check-size.mjs checks
// the built '.' bundle too).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function bundledInputs(entry: string): Promise<{ inputs: string[]; imports: string[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    external: ['zod'],
    logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs);
  return {
    inputs: Object.keys(result.metafile.inputs),
    imports: outputs.flatMap((output) => output.imports.map((i) => i.path)),
  };
}

const fastCheck = (path: string): boolean => path.includes('node_modules/fast-check');

describe('the fast-check boundary', () => {
  it('keeps fast-check and the testing code out of the main entry', async () => {
    const { inputs, imports } = await bundledInputs('src/index.ts');
    expect(inputs.filter(fastCheck)).toEqual([]);
    expect(inputs.filter((path) => path.startsWith('src/testing/'))).toEqual([]);
    expect(imports.filter((path) => path.includes('fast-check'))).toEqual([]);
  });

  it('keeps fast-check out of the test-case runner', async () => {
    const { inputs } = await bundledInputs('src/testing/run-policy-tests.ts');
    expect(inputs.filter(fastCheck)).toEqual([]);
    expect(inputs).not.toContain('src/testing/ticket-arbitrary.ts');
  });

  it('loads fast-check in the testing entry', async () => {
    const { inputs } = await bundledInputs('src/testing/index.ts');
    expect(inputs.some(fastCheck)).toBe(true);
  });
});
