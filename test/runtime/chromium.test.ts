// The ESM build in headless Chromium: the files tsup writes, loaded as ES modules (zod through an
// import map, as a bundler would resolve it) on a page with a strict Content-Security-Policy,
// decide every ticket exactly as Node does — also under other time zones and locales, so the
// host's zone never leaks into a decision.
import { createHash } from 'node:crypto';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, watchedPage } from './chromium.js';
import type { RuntimeInput, RuntimeOutput } from './run-cases.js';
import {
  BUNDLE_SOURCE,
  compareOutputs,
  dependencyModule,
  esmBundle,
  nodeOutput,
  runCasesModule,
  runtimeInput,
  type EsmBundle,
} from './support.js';

const ORIGIN = 'http://escalation.test';

/** The files the test origin serves: path → [content type, body]. */
async function site(
  bundle: EsmBundle,
): Promise<{ files: Map<string, readonly [string, string]>; csp: string }> {
  const js = 'text/javascript';
  const files = new Map<string, readonly [string, string]>();
  for (const [path, text] of bundle.files) files.set(`/engine/${path}`, [js, text]);
  const imports: Record<string, string> = {};
  for (const specifier of bundle.dependencies) {
    imports[specifier] = `/deps/${specifier}.js`;
    files.set(`/deps/${specifier}.js`, [js, await dependencyModule(specifier)]);
  }
  files.set('/run-cases.js', [js, await runCasesModule()]);
  files.set('/main.js', [
    js,
    [
      "import * as engine from '/engine/index.js';",
      "import { runCases } from '/run-cases.js';",
      'globalThis.runtimeCheck = (text) => runCases(engine, text);',
      "document.body.dataset.ready = 'true';",
    ].join('\n'),
  ]);
  const importMap = JSON.stringify({ imports });
  const hash = createHash('sha256').update(importMap).digest('base64');
  files.set('/', [
    'text/html; charset=utf-8',
    `<!doctype html><html><head><meta charset="utf-8"><title>runtime check</title>` +
      `<script type="importmap">${importMap}</script>` +
      `<script type="module" src="/main.js"></script></head><body></body></html>`,
  ]);
  // No eval, no inline script but the import map, nothing from another origin.
  return { files, csp: `default-src 'none'; script-src 'self' 'sha256-${hash}'` };
}

/**
 * The browser contexts: the host's zone and locale, then two that differ in every way (those
 * two evaluate the example tickets and the first 100 generated ones, to keep the suite fast).
 */
const VARIANT_CASES = 125;

const CONTEXTS: readonly {
  readonly name: string;
  readonly options: BrowserContextOptions;
  readonly environment: Partial<RuntimeOutput['environment']>;
}[] = [
  { name: 'the default context', options: {}, environment: {} },
  {
    name: 'Pacific/Chatham (UTC+13:45) with Arabic digits',
    options: { timezoneId: 'Pacific/Chatham', locale: 'ar-EG' },
    environment: { timeZone: 'Pacific/Chatham', offsetMinutes: -825, numberingSystem: 'arab' },
  },
  {
    name: 'America/Santiago with the Buddhist calendar',
    options: { timezoneId: 'America/Santiago', locale: 'th-TH-u-ca-buddhist' },
    environment: { timeZone: 'America/Santiago', offsetMinutes: 180, calendar: 'buddhist' },
  },
];

let bundle: EsmBundle;
let served: Awaited<ReturnType<typeof site>>;
let browser: Browser | undefined;
let input: RuntimeInput;
let inputText: string;
let expected: RuntimeOutput;
/** Each context's run, started together in beforeAll (the page work runs in parallel). */
let runs: Promise<Run>[] = [];

beforeAll(async () => {
  const launching = hasChromium ? launchChromium() : Promise.resolve(undefined);
  bundle = await esmBundle();
  served = await site(bundle);
  input = runtimeInput();
  inputText = JSON.stringify(input);
  expected = nodeOutput(inputText);
  browser = await launching;
  if (browser === undefined) return;
  const variantText = JSON.stringify({ ...input, cases: input.cases.slice(0, VARIANT_CASES) });
  runs = CONTEXTS.map(({ options }, i) => runInChromium(options, i === 0 ? inputText : variantText));
  // Each test awaits its run and reports its failure; this only keeps a failure from being "unhandled".
  for (const run of runs) run.catch(() => undefined);
}, 60_000);
afterAll(async () => {
  await Promise.allSettled(runs);
  await browser?.close();
  bundle.remove();
});

interface Run {
  readonly output: RuntimeOutput;
  readonly problems: string[];
  readonly unexpected: string[];
}

/** Runs the cases on the test page in a new context; returns the output and what the page reported. */
async function runInChromium(options: BrowserContextOptions, text: string): Promise<Run> {
  if (browser === undefined) throw new Error('no browser');
  const watched = await watchedPage(browser, options);
  const unexpected: string[] = [];
  try {
    await watched.context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      const file = url.origin === ORIGIN ? served.files.get(url.pathname) : undefined;
      if (file === undefined) {
        unexpected.push(url.href);
        await route.abort();
        return;
      }
      await route.fulfill({
        status: 200,
        contentType: file[0],
        headers: { 'content-security-policy': served.csp },
        body: file[1],
      });
    });
    await watched.page.goto(`${ORIGIN}/`);
    await watched.page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 10_000 });
    const outputText = await watched.page.evaluate(
      (given) => (globalThis as unknown as { runtimeCheck: (t: string) => string }).runtimeCheck(given),
      text,
    );
    return { output: JSON.parse(outputText) as RuntimeOutput, problems: watched.problems, unexpected };
  } finally {
    await watched.context.close();
  }
}

/** Compares with Node's output, on the first `count` cases (all by default). */
const check = (actual: RuntimeOutput, count = input.cases.length): void => {
  compareOutputs(
    (a, e, label) => {
      expect(a, label).toEqual(e);
    },
    input,
    actual,
    {
      ...expected,
      decisions: expected.decisions.slice(0, count),
    },
  );
};

describe.skipIf(!hasChromium)(
  `the ESM build (${BUNDLE_SOURCE}) in headless Chromium`,
  { timeout: 60_000 },
  () => {
    it('loads under a strict CSP, with no request leaving the page, and decides every ticket exactly as Node does', async () => {
      const { output, problems, unexpected } = await (runs[0] as Promise<Run>);
      expect(problems).toEqual([]);
      expect(unexpected).toEqual([]);
      expect(bundle.dependencies).toEqual(['zod/mini']);
      check(output);
    });

    it.each(CONTEXTS.slice(1).map((context, i) => [context.name, i + 1] as const))(
      'decides the same in %s: the host zone and locale do not leak',
      async (_name, index) => {
        const { output, problems } = await (runs[index] as Promise<Run>);
        expect(problems).toEqual([]);
        // The premise: the page really runs in that zone and locale.
        expect(output.environment).toMatchObject(CONTEXTS[index]?.environment ?? {});
        check(output, VARIANT_CASES);
      },
    );
  },
);
