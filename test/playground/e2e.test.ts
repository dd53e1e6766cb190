// The playground end to end: built by docs/playground/build.mjs, opened from disk in headless
// Chromium, edited by typing. The decision follows the edits, problems appear at their line and
// column, nothing is requested but the page's own files, and nothing is logged. A screenshot of
// the page is kept in .tmp/playground.png (a CI artifact).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, watchedPage, type WatchedPage } from '../runtime/chromium.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const SCREENSHOT: string = join(ROOT, '.tmp', 'playground.png');

function run(args: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? -1, output });
    });
  });
}

let outdir: string;
let build: { code: number; output: string };
let browser: Browser | undefined;

beforeAll(async () => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  outdir = mkdtempSync(join(ROOT, '.tmp', 'playground-'));
  [build, browser] = await Promise.all([
    run(['docs/playground/build.mjs', '--outdir', outdir]),
    hasChromium ? launchChromium() : Promise.resolve(undefined),
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(outdir, { recursive: true, force: true });
});

/** The status line's revision: it grows by one with every update of the page. */
async function revision(page: Page): Promise<number> {
  return Number(await page.locator('#status').getAttribute('data-revision'));
}

/**
 * Runs `action`, then waits until the page has updated after it and no update is pending (a
 * slow machine may update between two keystrokes: the last one still counts).
 */
async function updated(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await revision(page);
  await action();
  // A selector, not waitForFunction: the page's CSP forbids the eval that a predicate needs.
  await page
    .locator(`#status:not([data-revision="${String(before)}"]):not([data-pending])`)
    .waitFor({ state: 'attached' });
}

/** Selects the first `find` in a textarea and types `text` over it, key by key, as a person would. */
async function typeOver(page: Page, id: string, find: string, text: string): Promise<void> {
  const found = await page.evaluate(`(() => {
    const area = document.getElementById(${JSON.stringify(id)});
    const start = area.value.indexOf(${JSON.stringify(find)});
    if (start === -1) return false;
    area.focus();
    area.setSelectionRange(start, start + ${String(find.length)});
    return true;
  })()`);
  expect(found, `${find} in #${id}`).toBe(true);
  if (text === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(text);
}

const severity = (page: Page): Promise<string | null> =>
  page.locator('#summary').getAttribute('data-severity');
const problems = (page: Page, editor: string): Promise<string[]> =>
  page.locator(`#${editor}-problems li`).allInnerTexts();

describe('npm run playground (docs/playground/build.mjs)', () => {
  it('writes the page, its script and its stylesheet, with a CSP that allows nothing else', () => {
    expect(build.output).toMatch(/^playground built in .*\n {2}index\.html/);
    expect(build.code).toBe(0);
    const html = readFileSync(join(outdir, 'index.html'), 'utf8');
    expect(html).toContain(`content="default-src 'none'; script-src 'self'; style-src 'self';`);
    expect(html).not.toMatch(/<script>|<style|https?:\/\//);
    const script = readFileSync(join(outdir, 'app.js'), 'utf8');
    expect(script).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|localStorage|\beval\(/);
  });

  it('refuses an unknown option', async () => {
    const result = await run(['docs/playground/build.mjs', '--out', outdir]);
    expect(result.code).toBe(2);
    expect(result.output).toContain('unknown option --out');
  });
});

describe.skipIf(!hasChromium)('the playground in headless Chromium', { timeout: 60_000 }, () => {
  let watched: WatchedPage;

  beforeAll(async () => {
    if (browser === undefined) throw new Error('no browser');
    watched = await watchedPage(browser, {
      viewport: { width: 1400, height: 1000 },
      timezoneId: 'Europe/Dublin',
    });
    await watched.page.goto(`file://${join(outdir, 'index.html')}`);
    await watched.page.locator('#status:not([data-revision="0"])').waitFor({ state: 'attached' });
  }, 30_000);
  afterAll(async () => {
    await watched.context.close();
  });

  it('opens with the reference policy and the Sev1 sample decided, linted and simulated', async () => {
    const { page } = watched;
    expect(await page.locator('#status').getAttribute('data-state')).toBe('ok');
    expect(await severity(page)).toBe('sev1');
    expect(await page.locator('#summary [data-section="Due now"] li').count()).toBeGreaterThan(0);
    expect(await page.locator('#timeline-body tr').count()).toBeGreaterThan(10);
    expect(await page.locator('#decision-json').textContent()).toContain('"ticketId": "ACME-1042"');
    expect(await page.locator('#now-zone option').allTextContents()).toEqual([
      'UTC',
      'America/New_York',
      'Europe/Dublin (this browser)',
    ]);
  });

  it('follows a sample, a wall time in a zone and a typed edit of the ticket', async () => {
    const { page } = watched;
    await updated(page, () =>
      page.selectOption('#sample', 'enterprise-degradation.json').then(() => undefined),
    );
    await page.selectOption('#now-zone', 'America/New_York');
    await updated(page, () => page.fill('#now-local', '2026-03-10T10:20'));
    expect(await page.inputValue('#now')).toBe('2026-03-10T14:20:00.000Z');
    expect(await page.locator('#now-hint').textContent()).toContain(
      '2026-03-10 10:20 EDT (America/New_York)',
    );
    expect(await severity(page)).toBe('sev2');

    await updated(page, () => typeOver(page, 'ticket', '"usersAffected": 180', '"usersAffected": 20000'));
    expect(await severity(page)).toBe('sev1');
    expect(await page.locator('#summary [data-section="Severity"] li').first().textContent()).toMatch(
      /^sev1 \(rule massive-impact\): /,
    );
  });

  it('shows a syntax error at its line and column, and selects it on a click', async () => {
    const { page } = watched;
    await updated(page, () => typeOver(page, 'ticket', '"status": "open",', '"status": "open"'));
    const [problem] = await problems(page, 'ticket');
    expect(problem).toMatch(
      /^line \d+, column 3 expected `,` or `}` after a property, found `"` json_syntax$/,
    );
    expect(await severity(page)).toBe('sev1'); // kept from before, but hidden:
    expect(await page.locator('#summary').innerText()).toContain('No decision');
    expect(await page.locator('#ticket').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#ticket-problems button.where').first().click();
    const selection = await page.evaluate(`(() => {
      const area = document.getElementById('ticket');
      return area.value.slice(0, area.selectionStart).split('\\n').length + ':' + area.value.slice(area.selectionStart, area.selectionStart + 8);
    })()`);
    expect(selection).toBe(`${/^line (\d+)/.exec(problem ?? '')?.[1] ?? ''}:"events"`);

    await updated(page, () => typeOver(page, 'ticket', '"status": "open"', '"status": "open",'));
    // Warnings stay (a Sev1 needs an impact statement, …); the error is gone.
    expect(await page.locator('#ticket-problems li.error').count()).toBe(0);
    expect(await page.locator('#ticket-problems li.warning').first().innerText()).toMatch(
      /missing_required_field$/,
    );
    expect(await page.locator('#summary').getAttribute('data-status')).toBe('ok');
  });

  it('shows a policy error at its JSON path, then decides again once fixed', async () => {
    const { page } = watched;
    await updated(page, () =>
      typeOver(page, 'policy', '"calendar": "always-on"', '"calendar": "us-bizness"'),
    );
    const listed = await problems(page, 'policy');
    expect(listed).toEqual([
      expect.stringMatching(
        /^line \d+, column \d+ sla\.targets\[\d+\]\.calendar: unknown calendar `us-bizness`/,
      ),
    ]);
    expect(await page.locator('#status').getAttribute('data-state')).toBe('errors');
    expect(await page.locator('#lint li').allInnerTexts()).toEqual(['The policy does not compile.']);
    await page.locator('#policy-problems button.where').first().click();
    expect(
      await page.evaluate(`(() => {
        const area = document.getElementById('policy');
        return area.value.slice(area.selectionStart, area.selectionEnd);
      })()`),
    ).toBe('"us-bizness"');

    await updated(page, () => typeOver(page, 'policy', '"us-bizness"', '"always-on"'));
    expect(await problems(page, 'policy')).toEqual([]);
    expect(await severity(page)).toBe('sev1');
  });

  it('shows ticket text as text, never as markup', async () => {
    const { page } = watched;
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await updated(page, () => typeOver(page, 'ticket', 'Reports are very slow to load', hostile));
    expect(await page.locator('#decision-json').textContent()).toContain(hostile);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('body script').count()).toBe(0);
    await updated(page, () => typeOver(page, 'ticket', hostile, 'Reports are very slow to load'));
  });

  it('logged nothing, requested only its own files, and leaves a screenshot', async () => {
    const { page } = watched;
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: SCREENSHOT });
    expect(watched.problems).toEqual([]);
    expect(watched.requests.map((url) => url.replace(`file://${outdir}/`, ''))).toEqual([
      'index.html',
      'app.css',
      'app.js',
    ]);
  });
});
