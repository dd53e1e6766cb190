// The page of `escalation report`, written by the built CLI and opened in headless Debian
// Chromium (playwright-core, never a downloaded browser): every chart is drawn, with the bars
// and labels the figures say, no console error, no request, and hostile text stays text.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardData } from '../../src/cli/dashboard.js';
import { PALETTE, weekBars } from '../../src/cli/report-dashboard.js';
import { HOSTILE, hostileCorpus, hostilePolicy, jsonLines, NOW } from './report-dashboard-corpus.js';
import { buildCli, ROOT, run, spawn, workspace } from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(ROOT, '.tmp', 'report-dashboard.png');

let files: ReturnType<typeof workspace>;
let data: DashboardData;
beforeAll(async () => {
  files = workspace({
    'policy.json': JSON.stringify(hostilePolicy()),
    'tickets.jsonl': jsonLines(hostileCorpus(240), new Map([[3, '{"id": "broken", }']])),
  });
  const [json] = await Promise.all([
    run(['report', 'policy.json', 'tickets.jsonl', '--now', NOW, '--json'], { cwd: files.dir }),
    buildCli(),
  ]);
  data = JSON.parse(json.stdout) as DashboardData;
}, 120_000);
afterAll(() => {
  files.remove();
});

/** An attribute of every element a locator finds, in document order. */
async function attributes(locator: Locator, name: string): Promise<(string | null)[]> {
  return Promise.all((await locator.all()).map((element) => element.getAttribute(name)));
}

/** `#rrggbb` as the `rgb(r, g, b)` of computed styles. */
const rgb = (hex: string): string =>
  `rgb(${[1, 3, 5].map((i) => String(Number.parseInt(hex.slice(i, i + 2), 16))).join(', ')})`;

describe.skipIf(!existsSync(CHROMIUM))('the report page in Chromium', { timeout: 60_000 }, () => {
  it('draws every chart with its bars and labels, loads nothing, logs nothing, runs nothing', async () => {
    const out = files.path('report.html');
    const result = await spawn(['report', 'policy.json', 'tickets.jsonl', '--now', NOW, '--out', out], {
      cwd: files.dir,
    });
    expect(result.code).toBe(1); // line 3 is not JSON
    expect(result.stderr).toContain('tickets.jsonl:3:');
    expect(result.stdout).toContain('open problems');

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => problems.push(`${message.type()}: ${message.text()}`));
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`file://${out}`, { waitUntil: 'load' });

      // Six charts, each drawn with a size, inside the width of a 1366-pixel screen.
      const charts = await page.locator('svg.chart').all();
      const boxes = await Promise.all(
        charts.map(async (chart) => ({ id: await chart.getAttribute('id'), box: await chart.boundingBox() })),
      );
      expect(boxes.map((box) => box.id)).toEqual([
        'chart-severity',
        'chart-queue',
        'chart-tier',
        'chart-weeks',
        'chart-funnel',
        'chart-services',
      ]);
      for (const { id, box } of boxes) {
        expect(box?.width, String(id)).toBeGreaterThan(300);
        expect(box?.height, String(id)).toBeGreaterThan(60);
        expect((box?.x ?? 0) + (box?.width ?? 0), String(id)).toBeLessThanOrEqual(1366);
      }
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);

      // Compliance: a row per severity (after `all tickets`), a cell per metric, the numbers as text.
      const metrics = Object.keys(data.metrics.severity.total.sla);
      const severityRows = await attributes(page.locator('#chart-severity g.row'), 'data-row');
      expect(severityRows).toEqual([
        'all tickets',
        ...data.metrics.severity.groups.map((group) => group.key.severity),
      ]);
      expect(await page.locator('#chart-severity g.cell').count()).toBe(severityRows.length * metrics.length);
      expect(await page.locator('#chart-queue g.row').count()).toBe(data.metrics.queue.groups.length + 1);
      const tierRows = await attributes(page.locator('#chart-tier g.row'), 'data-row');
      expect(tierRows).toContain(HOSTILE.tier);
      const firstResponse = data.metrics.severity.total.sla.firstResponse?.metPercent ?? 0;
      const cell = page.locator('#chart-severity g.row.total g.cell[data-metric="firstResponse"]');
      expect(await cell.locator('text.value').textContent()).toBe(`${firstResponse.toFixed(1)}%`);
      const bar = await cell.locator('rect.bar').boundingBox();
      const track = await cell.locator('rect.track').boundingBox();
      // Drawn to scale (the bar's 1-unit outline aside).
      const scaled = ((track?.width ?? 0) * firstResponse) / 100;
      expect(Math.abs((bar?.width ?? 0) - scaled)).toBeLessThan(1.5);
      // The stylesheet applies (its hash is in the CSP): the bar has its metric's colour.
      const fill = `getComputedStyle(document.querySelector('#chart-severity g.row.total g.cell[data-metric="firstResponse"] rect.bar')).fill`;
      expect(await page.evaluate(fill)).toBe(rgb(PALETTE.light.series[1]));

      // Breaches per week: a slot per week, the totals above the bars.
      const bars = weekBars(data.metrics.week);
      expect(await page.locator('#chart-weeks g.week').count()).toBe(bars.length);
      const totals = await page.locator('#chart-weeks g.week text.value').allTextContents();
      expect(totals).toHaveLength(bars.filter((week) => week.group !== undefined).length);
      const busiest = Math.max(...totals.map((text) => Number(text.replaceAll(',', ''))));
      expect(busiest).toBeGreaterThan(0);
      const tallest = await page
        .locator(`#chart-weeks g.week[data-breached="${String(busiest)}"] rect.bar`)
        .first()
        .boundingBox();
      expect(tallest?.height ?? 0).toBeGreaterThan(10);

      // The funnel's five steps, and the most breaching services in order, hostile one included.
      expect(await page.locator('#chart-funnel g.step').count()).toBe(5);
      expect(await page.locator('#chart-funnel g.step[data-step="tickets"] text.value').textContent()).toBe(
        data.corpus.tickets.toLocaleString('en-US'),
      );
      const services = await attributes(page.locator('#chart-services g.service'), 'data-service');
      const expected = data.services.filter((service) => service.breached > 0).slice(0, 10);
      expect(services).toEqual(expected.map((service) => service.service ?? ''));

      // Open problems, hostile text shown as text.
      const open = data.incidents.problems.filter((problem) => problem.status === 'open');
      expect(open.length).toBeGreaterThanOrEqual(2);
      expect(await page.locator('table.problems tr.problem').count()).toBe(open.length);
      const table = await page.locator('table.problems').innerText();
      expect(table).toContain(HOSTILE.reason);
      expect(table).toContain(HOSTILE.service);
      expect(await page.locator('details.bad-lines li').innerText()).toContain('tickets.jsonl:3:');

      expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
      expect(problems).toEqual([]);
      expect(requests).toEqual([`file://${out}`]);

      mkdirSync(join(ROOT, '.tmp'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
