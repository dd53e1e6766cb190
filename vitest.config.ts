import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
