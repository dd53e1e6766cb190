import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One worker more than the cores: several files wait on child processes (Chromium, Redis,
    // the CLI), and an extra worker keeps both cores busy meanwhile (2m40s instead of 3m30s on
    // the 2-core CI machine).
    maxWorkers: availableParallelism() + 1,
    setupFiles: ['test/setup/fail-on-console.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/index.ts', 'src/testing/**', 'src/**/index.ts'],
      thresholds: {
        lines: 90,
        branches: 90,
        'src/errors/**': { lines: 100, branches: 100 },
        'src/calendar/**': { lines: 100, branches: 100 },
      },
    },
  },
});
