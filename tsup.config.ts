import { defineConfig, type Options } from 'tsup';

/** The `escalation` bin: one ESM file for Node, the library bundled in, its dependencies external. */
export const cliConfig: Options = {
  entry: { cli: 'src/cli/main.ts' },
  format: ['esm'],
  dts: false,
  clean: false,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  treeshake: true,
  external: ['zod', 'yaml'],
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // The two builds run side by side: cleaning spares the CLI's output.
    clean: ['!cli.js', '!cli.js.map'],
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
    external: ['fast-check', 'zod'],
  },
  cliConfig,
]);
