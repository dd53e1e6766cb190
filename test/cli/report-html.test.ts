// The HTML report of `simulate --html`: written by the built CLI, opened in headless Chromium.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../src/cli/api.js';
import { describeEntry, renderHtmlReport } from '../../src/cli/report-html.js';
import { buildCli, DRILL, POLICY, readJson, spawn, workspace } from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">';

let files: ReturnType<typeof workspace>;
beforeAll(async () => {
  await buildCli();
  const drill = readJson(DRILL) as { events: Record<string, unknown>[] };
  files = workspace({
    'hostile.json': JSON.stringify({
      ...drill,
      name: `drill ${hostile}`,
      events: [...drill.events, { at: '+2h20m', type: 'note', author: hostile }],
      expect: [{ description: `fails ${hostile}`, by: '+1m', severity: 'sev4' }],
    }),
  });
}, 120_000);
afterAll(() => {
  files.remove();
});

interface PageReport {
  readonly errors: string[];
  readonly requests: string[];
  readonly counts: Record<string, number>;
  readonly title: string;
  readonly ticks: string[];
}

async function openInChromium(path: string): Promise<PageReport> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${path}`, { waitUntil: 'load' });
    const counts: Record<string, number> = {};
    for (const selector of [
      'svg.timeline',
      'svg .clock-bar',
      'svg .clock-bar .segment',
      'svg .mark.warning',
      'svg .mark.breach',
      'svg .action-point',
      'svg .event-point',
      'svg .severity-span',
      'svg .axis .tick',
      'script',
      'img',
      'li.fail',
    ])
      counts[selector] = await page.locator(selector).count();
    // Rendered, not just present: the chart has a size and the bars have a width.
    const box = await page.locator('svg.timeline').boundingBox();
    counts['svg width'] = Math.round(box?.width ?? 0);
    counts['bar width'] = Math.round(
      (await page.locator('svg .clock-bar .segment').first().boundingBox())?.width ?? 0,
    );
    const title = await page.locator('h1').innerText();
    const ticks = await page.locator('svg .axis .tick-label').allTextContents();
    return { errors, requests, counts, title, ticks };
  } finally {
    await browser.close();
  }
}

describe('simulate --html', { timeout: 120_000 }, () => {
  it('writes a self-contained page without scripts or network', async () => {
    const out = files.path('report.html');
    const result = await spawn(['simulate', POLICY, DRILL, '--html', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`wrote ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain('<svg class="timeline"');
  });

  it.skipIf(!existsSync(CHROMIUM))(
    'renders clock bars with marks and action points in Chromium, with no console errors',
    async () => {
      const out = files.path('chromium.html');
      expect((await spawn(['simulate', POLICY, DRILL, '--html', out])).code).toBe(0);
      const page = await openInChromium(out);
      expect(page.errors).toEqual([]);
      expect(page.requests).toEqual([`file://${out}`]);
      expect(page.title).toContain('sev1-checkout-outage');
      expect(page.counts).toMatchObject({ 'svg.timeline': 1, 'svg .severity-span': 1, script: 0, img: 0 });
      expect(page.counts['svg .clock-bar']).toBeGreaterThanOrEqual(5);
      expect(page.counts['svg .mark.warning']).toBeGreaterThan(0);
      expect(page.counts['svg .action-point']).toBeGreaterThan(10);
      expect(page.counts['svg .event-point']).toBeGreaterThan(5);
      expect(page.counts['svg width']).toBeGreaterThan(800);
      expect(page.counts['bar width']).toBeGreaterThan(0);
      expect(page.ticks[0]).toBe('T0');
    },
  );

  it.skipIf(!existsSync(CHROMIUM))('shows ticket and scenario text as text, never as markup', async () => {
    const out = files.path('hostile.html');
    const result = await spawn(['simulate', POLICY, 'hostile.json', '--html', out], { cwd: files.dir });
    expect(result.code).toBe(1);
    const page = await openInChromium(out);
    expect(page.errors).toEqual([]);
    expect(page.counts).toMatchObject({ script: 0, img: 0, 'li.fail': 1 });
    expect(page.title).toContain(hostile);
  });
});

describe('renderHtmlReport', () => {
  it('escapes every text of the result', () => {
    const html = renderHtmlReport(
      {
        scenario: hostile,
        policy: { id: 'p', version: hostile },
        ticketId: hostile,
        start: '2026-03-09T14:00:00.000Z',
        until: '2026-03-09T15:00:00.000Z',
        end: '2026-03-09T15:00:00.000Z',
        stopReason: 'horizon',
        steps: 1,
        timeline: [
          {
            at: '2026-03-09T14:10:00.000Z',
            offset: '+10m',
            kind: 'event',
            source: 'scenario',
            event: { type: hostile, at: '2026-03-09T14:10:00.000Z', by: hostile },
          },
        ],
        severity: 'sev1',
        clocks: [],
        approvals: [],
        assertions: [],
        passed: true,
        issues: [{ code: 'step_limit', severity: 'error', at: '2026-03-09T15:00:00.000Z', message: hostile }],
      },
      { sources: [hostile] },
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;',
    );
  });
});

describe('describeEntry', () => {
  const base = { at: '2026-03-09T14:10:00.000Z', offset: '+10m' } as const;
  it.each<[TimelineEntry, string]>([
    [
      {
        ...base,
        kind: 'communication',
        cadence: 'c',
        audience: 'customer',
        dueAt: base.at,
        template: 't',
        blockedBy: 'g',
      },
      'customer update due (t), blocked by g',
    ],
    [
      {
        ...base,
        kind: 'issue',
        issue: { code: 'invalid_event', severity: 'warning', path: ['events', 0], message: 'event skipped' },
      },
      'issue invalid_event: event skipped',
    ],
    [
      {
        ...base,
        kind: 'routing',
        queue: 'q',
        owner: { role: 'r', members: [], shiftEndsAt: null },
        secondary: null,
      },
      'queue q, owner r (nobody)',
    ],
    [
      {
        ...base,
        kind: 'event',
        source: 'responder',
        event: { type: 'acknowledged', at: base.at, by: 'a', n: 1, ok: true, x: {} },
      },
      'acknowledged (by a, n 1, ok true) by the responder model',
    ],
  ])('describes %j', (entry, text) => {
    expect(describeEntry(entry)).toBe(text);
  });

  it('refuses a kind it does not know', () => {
    expect(() => describeEntry({ ...base, kind: 'mystery' } as unknown as TimelineEntry)).toThrow(TypeError);
  });

  it('draws issues and updates owed as points, and an hour when nothing happened', () => {
    const html = renderHtmlReport(
      {
        scenario: null,
        policy: { id: 'p', version: '1' },
        ticketId: 'T-1',
        start: base.at,
        until: base.at,
        end: base.at,
        stopReason: 'nothing_scheduled',
        steps: 1,
        timeline: [
          {
            ...base,
            kind: 'issue',
            issue: { code: 'invalid_event', severity: 'warning', path: [], message: 'm' },
          },
          {
            ...base,
            kind: 'communication',
            cadence: 'c',
            audience: 'internal',
            dueAt: base.at,
            template: 't',
          },
        ],
        severity: 'sev3',
        clocks: [],
        approvals: [],
        assertions: [],
        passed: true,
        issues: [],
      },
      { sources: ['p.json', 's.json'] },
    );
    expect(html).toContain('<title>Simulation: drill of ticket T-1</title>');
    expect(html).toContain('class="point issue"');
    expect(html).toContain('class="point communication"');
    expect(html).toContain('>+1h</text>');
  });
});
