// Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
// (never a downloaded browser; .ci/run installs the package). Pages get no network: every
// request is answered by the test or recorded as unexpected and aborted.
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Whether the browser tests can run here (they are skipped, not failed, without Chromium). */
export const hasChromium: boolean = existsSync(CHROMIUM);

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

/** A page, and what it reported: console errors and warnings, uncaught errors, requests. */
export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and warnings, uncaught exceptions, dialogs, CSP violations. */
  readonly problems: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
}

/** Opens a page in a new context and records its problems and requests. */
export async function watchedPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<WatchedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => requests.push(request.url()));
  return { context, page, problems, requests };
}
