import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { purity } from '../../scripts/eslint-purity.js';

const root = new URL('../..', import.meta.url).pathname;

async function ruleHits(code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: purity }],
  });
  const [result] = await eslint.lintText(code, { filePath: 'src/probe.ts' });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('the purity lint rules', () => {
  it.each([
    ['Date.now()', 'const t = Date.now();'],
    ['new Date() without an argument', 'const t = new Date();'],
    ['Math.random()', 'const r = Math.random();'],
    ['process.env', 'const home = process.env.HOME;'],
    ['console output', 'console.log("hi");'],
    ['timers', 'setTimeout(() => 1, 10);'],
    ['fetch', 'void fetch("https://example.com");'],
    ['performance.now()', 'const t = performance.now();'],
    ["the host's default time zone", 'const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;'],
  ])('reject %s in the core', async (_name, code) => {
    expect((await ruleHits(code)).length).toBeGreaterThan(0);
  });

  it('allow what the core does: dates from arguments, Intl with an explicit zone', async () => {
    expect(
      await ruleHits(
        'export const f = (ms: number) => [new Date(ms), new Intl.DateTimeFormat("en-US", { timeZone: "UTC" }).format(ms)];',
      ),
    ).toEqual([]);
  });

  it('apply to src/ but not to the CLI, tests or benchmarks', async () => {
    const eslint = new ESLint({ cwd: root });
    const rulesOf = async (file: string): Promise<string[]> => {
      const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> };
      return Object.keys(config.rules ?? {});
    };
    expect(await rulesOf('src/calendar/timeline.ts')).toContain('no-restricted-globals');
    expect(await rulesOf('src/cli/main.ts')).not.toContain('no-restricted-globals');
    expect(await rulesOf('bench/business-time.ts')).not.toContain('no-restricted-globals');
  });
});
