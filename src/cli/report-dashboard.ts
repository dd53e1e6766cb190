// The HTML dashboard of `escalation report`: one self-contained page, charts as inline SVG,
// no script, no network. Every text that comes from the input is escaped.
import { createHash } from 'node:crypto';
import type {
  IncidentGroup,
  MetricName,
  MetricsGroup,
  MetricsReport,
  Problem,
  SlaMetricStats,
} from './api.js';
import { breachedOf, metricsOf, type DashboardData, type ServiceMetrics } from './dashboard.js';
import { escapeHtml } from './report-html.js';

const e = escapeHtml;

/** Options of {@link renderDashboard}. */
export interface DashboardHtmlOptions {
  /** The files the report comes from, shown in the header (`policy.json`, `corpus.jsonl`). */
  readonly sources: readonly string[];
  /** How many of the most breaching services to chart. */
  readonly top: number;
  /** The service line of each queue (from the policy), shown next to the queue. */
  readonly serviceLines?: ReadonlyMap<string, string> | undefined;
}

/**
 * The colours of the page, light and dark. Series (one per SLA metric) and marks have a
 * contrast of at least 3:1 with the background, text at least 4.5:1 (WCAG 2.1, 1.4.11 and 1.4.3):
 * a test checks it.
 *
 * @internal
 */
export const PALETTE = {
  light: {
    background: '#ffffff',
    text: '#1f2328',
    muted: '#59636e',
    grid: '#d0d7de',
    track: '#eaeef2',
    breach: '#cf222e',
    series: ['#0969da', '#8250df', '#bc4c00', '#1a7f37', '#bf3989'],
  },
  dark: {
    background: '#0d1117',
    text: '#e6edf3',
    muted: '#9198a1',
    grid: '#3d444d',
    track: '#262c36',
    breach: '#f85149',
    series: ['#4493f8', '#ab7df8', '#f0883e', '#3fb950', '#f778ba'],
  },
} as const;

/** The SLA metrics in their fixed colour order (DESIGN §7). */
const METRIC_ORDER: readonly MetricName[] = [
  'acknowledge',
  'firstResponse',
  'nextResponse',
  'periodicUpdate',
  'resolution',
];

const NO_VALUE = '–';
const count = (n: number): string => n.toLocaleString('en-US');
const counted = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
const round = (n: number): string => String(Math.round(n * 10) / 10);
const readable = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;

/** A percentage with one decimal, never rounded to 0% or 100% when it is not. */
function percentText(value: number | null): string {
  if (value === null) return NO_VALUE;
  let text = value.toFixed(1);
  if (text === '100.0' && value < 100) text = '99.9';
  if (text === '0.0' && value > 0) text = '0.1';
  return `${text}%`;
}

/** At most `max` characters (code points) of a text, with `…` when cut. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The opening of a chart: an accessible SVG with its title and description. */
function svgOpen(
  id: string,
  cls: string,
  width: number,
  height: number,
  title: string,
  desc: string,
): string {
  return (
    `<svg class="chart ${cls}" id="${id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${String(width)} ${String(height)}" width="${String(width)}" height="${String(height)}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${e(title)}</title><desc id="${id}-desc">${e(desc)}</desc>`
  );
}

/** A text of the chart, escaped, with the full text as a tooltip when it is clipped. */
function label(x: number, y: number, text: string, max: number, attrs = ''): string {
  const shown = clip(text, max);
  const title = shown === text ? '' : `<title>${e(text)}</title>`;
  return `<text x="${round(x)}" y="${round(y)}"${attrs === '' ? '' : ` ${attrs}`}>${title}${e(shown)}</text>`;
}

// ---------------------------------------------------------------------------------------------
// Compliance: a row per group, a column per SLA metric, each cell a bar of the percentage
// within target with its number.

const C_LABEL = 140;
const C_COLUMN = 100;
const C_BAR = 50;
const C_HEADER = 36;
const C_ROW = 26;

interface ComplianceRow {
  readonly name: string;
  readonly title: string;
  readonly group: MetricsGroup;
  readonly total?: boolean;
}

function cellTitle(row: string, metric: MetricName, stats: SlaMetricStats | undefined): string {
  if (stats === undefined || stats.tickets === 0) return `${row} · ${metric}: no clock`;
  const finished = stats.met + stats.stopped + stats.breached;
  const open = `${count(stats.running)} running, ${count(stats.paused)} paused`;
  if (finished === 0) return `${row} · ${metric}: no finished clock yet (${open})`;
  return `${row} · ${metric}: ${count(stats.met + stats.stopped)} of ${count(finished)} finished clocks within target (${percentText(stats.metPercent)}); ${count(stats.breached)} breached; ${open}`;
}

function complianceChart(
  id: string,
  what: string,
  rows: readonly ComplianceRow[],
  metrics: readonly MetricName[],
): string {
  const width = C_LABEL + metrics.length * C_COLUMN + 10;
  const height = C_HEADER + rows.length * C_ROW + 6;
  const parts = [
    svgOpen(
      id,
      'compliance',
      width,
      height,
      `Percentage within target per SLA metric, by ${what}`,
      `One row per ${what} (the first row: every ticket), one column per SLA metric; each bar is the share of finished clocks that met their target, with the percentage as text. A dash: no clock has finished yet.`,
    ),
    label(C_LABEL - 8, C_HEADER - 8, 'tickets', 12, 'class="head" text-anchor="end"'),
  ];
  metrics.forEach((metric, i) => {
    // `firstResponse` as `first` over `response`: the names fit their column.
    const [word = metric, ...rest] = metric.split(/(?=[A-Z])/).map((w) => w.toLowerCase());
    const x = String(C_LABEL + i * C_COLUMN);
    parts.push(
      rest.length === 0
        ? `<text class="head" x="${x}" y="${String(C_HEADER - 8)}"><title>${e(metric)}</title>${e(word)}</text>`
        : `<text class="head" x="${x}" y="${String(C_HEADER - 21)}"><title>${e(metric)}</title>${e(word)}<tspan x="${x}" dy="13">${e(rest.join(' '))}</tspan></text>`,
    );
  });
  rows.forEach((row, r) => {
    const y = C_HEADER + r * C_ROW;
    parts.push(
      `<g class="row${row.total === true ? ' total' : ''}" data-row="${e(row.name)}">`,
      `<line class="rule" x1="0" x2="${String(width)}" y1="${String(y)}" y2="${String(y)}"/>`,
      `<text class="row-label" x="0" y="${String(y + 17)}"><title>${e(row.title)}</title>${e(clip(row.name, 16))}</text>`,
      `<text class="count" x="${String(C_LABEL - 8)}" y="${String(y + 17)}" text-anchor="end">${count(row.group.tickets)}</text>`,
    );
    metrics.forEach((metric, i) => {
      const stats = row.group.sla[metric];
      const value = stats?.metPercent ?? null;
      const x = C_LABEL + i * C_COLUMN;
      parts.push(
        `<g class="cell" data-metric="${metric}" data-percent="${value === null ? '' : String(value)}"><title>${e(cellTitle(row.name, metric, stats))}</title>`,
        `<rect class="track" x="${String(x)}" y="${String(y + 7)}" width="${String(C_BAR)}" height="12" rx="2"/>`,
        value === null
          ? ''
          : `<rect class="bar s-${metric}" x="${String(x)}" y="${String(y + 7)}" width="${round((value / 100) * C_BAR)}" height="12" rx="2"/>`,
        `<text class="value${value === null ? ' none' : ''}" x="${String(x + C_BAR + 4)}" y="${String(y + 17)}">${percentText(value)}</text>`,
        '</g>',
      );
    });
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}

function complianceTable(
  what: string,
  rows: readonly ComplianceRow[],
  metrics: readonly MetricName[],
): string {
  const head = metrics.map((metric) => `<th scope="col">${e(metric)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = metrics
        .map((metric) => {
          const stats = row.group.sla[metric];
          const finished = stats === undefined ? 0 : stats.met + stats.stopped + stats.breached;
          return `<td>${percentText(stats?.metPercent ?? null)}<span class="muted"> (${count(stats === undefined ? 0 : stats.met + stats.stopped)}/${count(finished)})</span></td>`;
        })
        .join('');
      return `<tr><th scope="row">${e(row.title)}</th><td>${count(row.group.tickets)}</td>${cells}</tr>`;
    })
    .join('');
  return `<details><summary>The figures as a table</summary><table><thead><tr><th scope="col">${e(what)}</th><th scope="col">tickets</th>${head}</tr></thead><tbody>${body}</tbody></table></details>`;
}

function complianceRows(
  report: MetricsReport,
  name: (group: MetricsGroup) => { name: string; title: string },
): ComplianceRow[] {
  return [
    { name: 'all tickets', title: 'every ticket', group: report.total, total: true },
    ...report.groups.map((group) => ({ ...name(group), group })),
  ];
}

// ---------------------------------------------------------------------------------------------
// Breaches per ISO week of creation: stacked bars, one segment per SLA metric.

const DAY = 86_400_000;

/** The epoch day of the Monday of an ISO week key (`2026-W11`), if it is one. */
function mondayOf(key: string): number | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(key);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = (jan4.getUTCDay() + 6) % 7;
  return jan4.getTime() / DAY - weekday + (Number(match[2]) - 1) * 7;
}

/** The ISO week key of the Monday at an epoch day. */
function weekOfMonday(days: number): string {
  const thursday = days + 3;
  const year = new Date(thursday * DAY).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY) / 7) + 1;
  return `${String(year)}-W${String(week).padStart(2, '0')}`;
}

/** The most weeks a gap is filled over (five years); beyond, only weeks with tickets are shown. */
const MAX_FILLED_WEEKS = 261;

/** A week of the trend: its key (`null`: tickets without a creation instant) and its group. */
interface WeekBar {
  readonly key: string | null;
  readonly group: MetricsGroup | undefined;
}

/**
 * The weeks of the trend, in time order, weeks without tickets filled in between (empty), and
 * the tickets without a valid creation instant last.
 *
 * @internal
 */
export function weekBars(report: MetricsReport): WeekBar[] {
  const dated = report.groups.filter((group) => typeof group.key.week === 'string');
  const undated = report.groups.filter((group) => typeof group.key.week !== 'string');
  const mondays = dated.map((group) => mondayOf(group.key.week as string));
  const first = mondays[0];
  const last = mondays.at(-1);
  let bars: WeekBar[] = dated.map((group) => ({ key: group.key.week as string, group }));
  if (
    first !== undefined &&
    last !== undefined &&
    mondays.every((monday) => monday !== undefined) &&
    (last - first) / 7 < MAX_FILLED_WEEKS
  ) {
    const byKey = new Map(bars.map((bar) => [bar.key, bar.group]));
    bars = [];
    for (let monday = first; monday <= last; monday += 7) {
      const key = weekOfMonday(monday);
      bars.push({ key, group: byKey.get(key) });
    }
  }
  return [...bars, ...undated.map((group) => ({ key: null, group }))];
}

/** A round step for about `ticks` ticks up to `max` (whole numbers). */
function niceStep(max: number, ticks: number): number {
  const raw = Math.max(1, max) / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 5].find((m) => m * magnitude >= raw) ?? 10;
  return Math.max(1, multiple * magnitude);
}

const W_LEFT = 56;
const W_TOP = 26;
const W_PLOT = 200;
const W_BOTTOM = 40;

function weekChart(report: MetricsReport, metrics: readonly MetricName[]): string {
  const bars = weekBars(report);
  if (bars.length === 0) return '<p class="muted empty">No ticket.</p>';
  const slot = Math.max(22, Math.min(44, Math.floor(1180 / Math.max(1, bars.length))));
  const width = W_LEFT + bars.length * slot + 16;
  const height = W_TOP + W_PLOT + W_BOTTOM;
  const totals = bars.map((bar) => (bar.group === undefined ? 0 : breachedOf(bar.group)));
  const step = niceStep(Math.max(0, ...totals), 4);
  const top = Math.max(step, Math.ceil(Math.max(0, ...totals) / step) * step);
  const y = (value: number): number => W_TOP + W_PLOT - (value / top) * W_PLOT;
  const parts = [
    svgOpen(
      'chart-weeks',
      'weeks',
      width,
      height,
      'Breached SLA clocks per ISO week of ticket creation',
      `One bar per week (${String(bars.length)} weeks), stacked by SLA metric, the number of breached clocks above each bar. Weeks without tickets show no bar.`,
    ),
    '<g class="axis">',
  ];
  for (let value = 0; value <= top; value += step)
    parts.push(
      `<line class="grid" x1="${String(W_LEFT)}" x2="${String(width - 8)}" y1="${round(y(value))}" y2="${round(y(value))}"/>`,
      `<text class="tick" x="${String(W_LEFT - 6)}" y="${round(y(value) + 4)}" text-anchor="end">${count(value)}</text>`,
    );
  parts.push('</g>');
  const labelEvery = slot >= 26 ? 1 : 2;
  let previousYear = '';
  bars.forEach((bar, i) => {
    const x = W_LEFT + i * slot;
    const barWidth = Math.round(slot * 0.72);
    const barX = x + (slot - barWidth) / 2;
    const center = x + slot / 2;
    const total = totals[i] ?? 0;
    const name = bar.key ?? 'no creation date';
    const breakdown = metrics
      .map((metric) => [metric, bar.group?.sla[metric]?.breached ?? 0] as const)
      .filter(([, n]) => n > 0)
      .map(([metric, n]) => `${metric} ${count(n)}`)
      .join(', ');
    const title =
      bar.group === undefined
        ? `${name}: no ticket created`
        : `${name}: ${count(total)} breached SLA clocks${breakdown === '' ? '' : ` (${breakdown})`} · ${count(bar.group.tickets)} tickets created`;
    parts.push(
      `<g class="week" data-week="${e(bar.key ?? '')}" data-breached="${String(total)}"><title>${e(title)}</title>`,
      // The whole slot answers to the pointer, also for weeks without a bar.
      `<rect class="hit" x="${String(x)}" y="${String(W_TOP)}" width="${String(slot)}" height="${String(W_PLOT)}"/>`,
    );
    let stacked = 0;
    for (const metric of metrics) {
      const n = bar.group?.sla[metric]?.breached ?? 0;
      if (n === 0) continue;
      parts.push(
        `<rect class="bar s-${metric}" x="${round(barX)}" y="${round(y(stacked + n))}" width="${String(barWidth)}" height="${round(y(stacked) - y(stacked + n))}"/>`,
      );
      stacked += n;
    }
    if (bar.group !== undefined)
      parts.push(
        `<text class="value" x="${round(center)}" y="${round(y(total) - 4)}" text-anchor="middle">${count(total)}</text>`,
      );
    const year = bar.key?.slice(0, 4) ?? '';
    if (i % labelEvery === 0 || bar.key === null)
      parts.push(
        `<text class="tick" x="${round(center)}" y="${String(W_TOP + W_PLOT + 14)}" text-anchor="middle">${e(bar.key === null ? 'none' : bar.key.slice(5))}</text>`,
      );
    if (year !== previousYear && year !== '')
      parts.push(
        `<text class="tick year" x="${round(x + 2)}" y="${String(W_TOP + W_PLOT + 30)}">${e(year)}</text>`,
      );
    previousYear = year;
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}

function weekTable(report: MetricsReport, metrics: readonly MetricName[]): string {
  const rows = weekBars(report)
    .filter((bar) => bar.group !== undefined)
    .map((bar) => {
      const group = bar.group as MetricsGroup;
      const cells = metrics.map((metric) => `<td>${count(group.sla[metric]?.breached ?? 0)}</td>`).join('');
      return `<tr><th scope="row">${e(bar.key ?? 'no creation date')}</th><td>${count(group.tickets)}</td><td>${count(breachedOf(group))}</td>${cells}</tr>`;
    })
    .join('');
  const head = metrics.map((metric) => `<th scope="col">${e(metric)}</th>`).join('');
  return `<details><summary>The figures as a table</summary><table><thead><tr><th scope="col">week</th><th scope="col">tickets</th><th scope="col">breached</th>${head}</tr></thead><tbody>${rows}</tbody></table></details>`;
}

// ---------------------------------------------------------------------------------------------
// The escalation funnel: tickets → escalated tickets; escalation actions due → performed → on time.

const F_LABEL = 170;
const F_PLOT = 240;
const F_ROW = 34;

function funnelChart(total: MetricsGroup): string {
  const { escalations } = total;
  const steps = [
    { name: 'tickets', value: total.tickets, of: total.tickets, base: 'tickets', cls: 'tickets' },
    {
      name: 'escalated tickets',
      value: escalations.tickets,
      of: total.tickets,
      base: 'tickets',
      cls: 'tickets',
    },
    {
      name: 'escalation actions due',
      value: escalations.actions,
      of: escalations.actions,
      base: 'actions due',
      cls: 'actions',
    },
    {
      name: 'performed',
      value: escalations.performed,
      of: escalations.actions,
      base: 'actions due',
      cls: 'actions',
    },
    {
      name: 'performed on time',
      value: escalations.onTime,
      of: escalations.actions,
      base: 'actions due',
      cls: 'actions',
    },
  ];
  const width = 640;
  const height = steps.length * F_ROW + 14;
  const parts = [
    svgOpen(
      'chart-funnel',
      'funnel',
      width,
      height,
      'Escalation funnel',
      'Tickets and the tickets with an escalation action due; then the escalation actions due, those performed and those performed on time. Bars of tickets share one scale, bars of actions another; each shows its number and its share of the first bar of its kind.',
    ),
  ];
  steps.forEach((step, i) => {
    const yTop = 6 + i * F_ROW + (i >= 2 ? 8 : 0);
    const share = step.of === 0 ? null : (step.value / step.of) * 100;
    const barWidth = step.of === 0 ? 0 : (step.value / step.of) * F_PLOT;
    const first = i === 0 || i === 2;
    const text = first ? count(step.value) : `${count(step.value)} · ${percentText(share)} of ${step.base}`;
    parts.push(
      `<g class="step ${step.cls}" data-step="${e(step.name)}" data-value="${String(step.value)}"><title>${e(`${step.name}: ${text}`)}</title>`,
      `<text class="row-label" x="0" y="${String(yTop + 17)}">${e(step.name)}</text>`,
      `<rect class="track" x="${String(F_LABEL)}" y="${String(yTop + 5)}" width="${String(F_PLOT)}" height="16" rx="2"/>`,
      `<rect class="bar" x="${String(F_LABEL)}" y="${String(yTop + 5)}" width="${round(barWidth)}" height="16" rx="2"/>`,
      `<text class="value" x="${String(F_LABEL + F_PLOT + 8)}" y="${String(yTop + 17)}">${e(text)}</text>`,
      '</g>',
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// The services with the most breached SLA clocks: horizontal stacked bars.

const S_LABEL = 170;
const S_PLOT = 330;
const S_ROW = 26;

function servicesChart(
  services: readonly ServiceMetrics[],
  metrics: readonly MetricName[],
  top: number,
): string {
  const shown = services.filter((service) => service.breached > 0).slice(0, top);
  if (shown.length === 0) return '<p class="muted empty">No SLA clock has breached.</p>';
  const max = Math.max(...shown.map((service) => service.breached));
  const width = 640;
  const height = shown.length * S_ROW + 8;
  const parts = [
    svgOpen(
      'chart-services',
      'services',
      width,
      height,
      `The ${String(shown.length)} services with the most breached SLA clocks`,
      'One bar per service (the ticket field `service`), stacked by SLA metric, with the number of breached clocks and of tickets as text.',
    ),
  ];
  shown.forEach((service, i) => {
    const y = 4 + i * S_ROW;
    const name = service.service ?? '(no service)';
    const breakdown = metrics
      .map((metric) => [metric, service.metrics.sla[metric]?.breached ?? 0] as const)
      .filter(([, n]) => n > 0)
      .map(([metric, n]) => `${metric} ${count(n)}`)
      .join(', ');
    parts.push(
      `<g class="service" data-service="${e(service.service ?? '')}" data-breached="${String(service.breached)}"><title>${e(`${name}: ${count(service.breached)} breached SLA clocks (${breakdown}) over ${count(service.metrics.tickets)} tickets`)}</title>`,
      label(0, y + 17, name, 24, 'class="row-label"'),
    );
    let x = S_LABEL;
    for (const metric of metrics) {
      const n = service.metrics.sla[metric]?.breached ?? 0;
      if (n === 0) continue;
      const w = (n / max) * S_PLOT;
      parts.push(
        `<rect class="bar s-${metric}" x="${round(x)}" y="${String(y + 5)}" width="${round(w)}" height="16"/>`,
      );
      x += w;
    }
    parts.push(
      `<text class="value" x="${round(x + 6)}" y="${String(y + 17)}">${count(service.breached)}<tspan class="muted"> · ${count(service.metrics.tickets)} tickets</tspan></text>`,
      '</g>',
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Open problems, as a table.

function problemsTable(data: DashboardData): string {
  const open = data.incidents.problems.filter((problem) => problem.status === 'open');
  const resolved = data.incidents.problems.length - open.length;
  const note = `<p class="muted">${e(`${count(open.length)} open, ${count(resolved)} resolved · ${count(data.incidents.groups.length)} incident groups · ${count(data.incidents.tickets.grouped)} of ${count(data.incidents.tickets.read)} tickets in a group`)}</p>`;
  if (open.length === 0) return `${note}<p class="empty">No open problem.</p>`;
  const groups = new Map<string, IncidentGroup>(data.incidents.groups.map((group) => [group.id, group]));
  const rows = open.map((problem: Problem) => {
    const group = groups.get(problem.groupId);
    const ids = problem.ticketIds;
    const shownIds =
      ids.slice(0, 5).join(', ') + (ids.length > 5 ? `, … (${count(ids.length - 5)} more)` : '');
    const queues = problem.queues.map((q) => `${q.queue} (${count(q.ticketIds.length)})`).join(', ');
    return (
      `<tr class="problem" data-group="${e(problem.groupId)}">` +
      `<td><span class="sev">${e(problem.severity)}</span></td>` +
      `<td>${e(problem.ruleId)}<br><span class="muted">${e(problem.reason)}</span></td>` +
      `<td>${e(problem.services.join(', ') || NO_VALUE)}</td>` +
      `<td>${e(queues || NO_VALUE)}</td>` +
      `<td>${count(ids.length)}<br><span class="muted">${e(shownIds)}</span></td>` +
      `<td>${e(readable(group?.firstAt ?? problem.startedAt))}</td>` +
      `<td>${e(readable(problem.detectedAt))}</td>` +
      `<td>${e(readable(group?.lastAt ?? problem.detectedAt))}</td>` +
      '</tr>'
    );
  });
  return `${note}<div class="scroll"><table class="problems"><thead><tr><th scope="col">severity</th><th scope="col">rule</th><th scope="col">services</th><th scope="col">affected queues (tickets)</th><th scope="col">tickets</th><th scope="col">first seen</th><th scope="col">detected</th><th scope="col">last seen</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

// ---------------------------------------------------------------------------------------------
// Data quality: lines skipped, tickets left out or degraded.

function dataQuality(data: DashboardData): string {
  const { total } = data.metrics.severity;
  const codes = Object.entries(total.issues)
    .map(([code, n]) => `${code} ${count(n)}`)
    .join(', ');
  const parts = [
    '<ul class="facts">',
    `<li>${e(`${counted(data.corpus.badLines, 'line')} skipped: not JSON`)}</li>`,
    `<li>${e(`${counted(total.degraded, 'ticket')} measured as degraded (bad data: the policy's fallback where it could not decide)`)}</li>`,
    `<li>${e(`${counted(data.incidents.tickets.skipped, 'ticket')} left out of correlation (no id, a duplicate id, no valid creation instant, or created after the report's instant)`)}</li>`,
    codes === '' ? '' : `<li>${e(`tickets with an issue, per code: ${codes}`)}</li>`,
    '</ul>',
  ];
  if (data.badLines.length > 0) {
    const items = data.badLines.map((line) => `<li><code>${e(line.source)}</code> ${e(line.message)}</li>`);
    parts.push(
      `<details class="bad-lines" open><summary>${e(`Lines skipped (${count(data.corpus.badLines)}${data.corpus.badLines > data.badLines.length ? `, the first ${count(data.badLines.length)} listed` : ''})`)}</summary><ul>${items.join('')}</ul></details>`,
    );
  }
  if (data.ticketErrors.length > 0) {
    const items = data.ticketErrors.map(
      (issue) => `<li><code>${e(issue.source)}</code> ${e(`${issue.code}: ${issue.message}`)}</li>`,
    );
    parts.push(
      `<details class="ticket-errors"><summary>${e(`Ticket errors in correlation (${count(data.ticketErrors.length)})`)}</summary><ul>${items.join('')}</ul></details>`,
    );
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// The page.

function seriesCss(): string {
  const rules: string[] = [];
  METRIC_ORDER.forEach((metric, i) => {
    rules.push(
      `svg .s-${metric} { fill: var(--s${String(i)}); } .swatch.s-${metric} { background: var(--s${String(i)}); }`,
    );
  });
  return rules.join('\n');
}

function variables(scheme: (typeof PALETTE)['light' | 'dark']): string {
  return [
    `--bg: ${scheme.background}; --fg: ${scheme.text}; --muted: ${scheme.muted}; --grid: ${scheme.grid};`,
    `--track: ${scheme.track}; --breach: ${scheme.breach};`,
    scheme.series.map((colour, i) => `--s${String(i)}: ${colour};`).join(' '),
  ].join(' ');
}

const CSS = `
:root { color-scheme: light dark; ${variables(PALETTE.light)} }
@media (prefers-color-scheme: dark) { :root { ${variables(PALETTE.dark)} } }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 24px; }
header, main { max-width: 1320px; margin: 0 auto; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 10px; } h3 { font-size: 15px; margin: 0; }
.muted { color: var(--muted); } code { font-size: 13px; }
.tiles { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0 0; padding: 0; list-style: none; }
.tiles li { border: 1px solid var(--grid); border-radius: 6px; padding: 8px 14px; min-width: 150px; }
.tiles strong { display: block; font-size: 22px; font-variant-numeric: tabular-nums; }
.tiles .alert strong { color: var(--breach); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(600px, 1fr)); gap: 18px 24px; }
figure { margin: 0; border: 1px solid var(--grid); border-radius: 6px; padding: 12px 14px; min-width: 0; }
figcaption { margin-bottom: 8px; } figcaption p { margin: 2px 0 0; }
.wide { grid-column: 1 / -1; } .tall { grid-row: span 2; }
.scroll { overflow-x: auto; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; fill: var(--fg); font-variant-numeric: tabular-nums; }
svg .head { font-weight: 600; } svg .row-label { fill: var(--fg); } svg .total .row-label { font-weight: 700; }
svg .count, svg .tick, svg .value.none, svg .muted { fill: var(--muted); } svg .tick { font-size: 11px; } svg .year { font-weight: 600; }
svg .rule { stroke: var(--grid); stroke-width: 1; } svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .track { fill: var(--track); } svg .value { fill: var(--fg); }
svg .bar { stroke: var(--bg); stroke-width: 1; } svg .hit { fill: transparent; }
svg .week:hover .hit, svg .cell:hover .track { fill: var(--track); }
svg .step.tickets .bar { fill: var(--s0); } svg .step.actions .bar { fill: var(--s1); }
${seriesCss()}
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; margin: 8px 0 0; list-style: none; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
details { margin-top: 8px; } summary { cursor: pointer; color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid var(--grid); vertical-align: top; }
thead th { white-space: nowrap; }
table.problems td:nth-child(n+6) { white-space: nowrap; }
.sev { font-weight: 700; color: var(--breach); }
.empty { margin: 8px 0; }
ul.facts { margin: 0; padding-left: 20px; }
footer { max-width: 1320px; margin: 32px auto 0; }
`;

function tiles(data: DashboardData): string {
  const { total } = data.metrics.severity;
  const breached = breachedOf(total);
  const openProblems = data.incidents.problems.filter((problem) => problem.status === 'open').length;
  const tile = (value: string, what: string, alert = false): string =>
    `<li${alert ? ' class="alert"' : ''}><strong>${e(value)}</strong><span class="muted">${e(what)}</span></li>`;
  return [
    '<ul class="tiles">',
    tile(count(total.tickets), 'tickets'),
    tile(count(breached), 'breached SLA clocks', breached > 0),
    tile(percentText(total.escalations.ticketsPercent), 'of tickets escalated'),
    tile(percentText(total.escalations.onTimePercent), 'of escalation actions on time'),
    tile(count(openProblems), 'open problems', openProblems > 0),
    tile(count(total.degraded), 'degraded tickets', total.degraded > 0),
    tile(count(data.corpus.badLines), 'lines skipped', data.corpus.badLines > 0),
    '</ul>',
  ].join('');
}

function figure(id: string, title: string, note: string, body: string, layout = ''): string {
  return `<figure${layout === '' ? '' : ` class="${layout}"`} aria-labelledby="${id}-caption"><figcaption><h3 id="${id}-caption">${e(title)}</h3><p class="muted">${e(note)}</p></figcaption>${body}</figure>`;
}

/**
 * The Content-Security-Policy of a page whose only inline content is `css`: nothing may load,
 * and only that exact stylesheet applies (by its SHA-256).
 *
 * @internal
 */
export function contentSecurityPolicy(css: string): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`;
}

/**
 * Renders the dashboard of `escalation report` as one self-contained HTML page: key figures,
 * the percentage within target per SLA metric by severity, queue and tier, breached clocks per
 * ISO week, the escalation funnel, the services with the most breaches, the open problems and
 * what was wrong with the data. Charts are inline SVG with titles, descriptions, tooltips and
 * every number as text; no script, and a Content-Security-Policy that lets nothing load and
 * no style apply but the page's own (by hash). Every text from the input is escaped.
 *
 * @param data - The figures (what `escalation report --json` prints).
 * @param options - The files, how many services to chart, the queues' service lines.
 * @returns The HTML document.
 * @example
 * ```ts
 * await writeFile('report.html', renderDashboard(data, { sources: ['policy.json', 'corpus.jsonl'], top: 10 }))
 * ```
 */
export function renderDashboard(data: DashboardData, options: DashboardHtmlOptions): string {
  const metrics = metricsOf(data);
  const bySeverity = complianceRows(data.metrics.severity, (group) => ({
    name: group.key.severity ?? NO_VALUE,
    title: `severity ${group.key.severity ?? NO_VALUE}`,
  }));
  const byQueue = complianceRows(data.metrics.queue, (group) => {
    const queue = group.key.queue ?? NO_VALUE;
    const line = options.serviceLines?.get(queue);
    return { name: queue, title: `queue ${queue}${line === undefined ? '' : ` (service line ${line})`}` };
  });
  const byTier = complianceRows(data.metrics.tier, (group) => ({
    name: group.key.tier ?? '(no tier)',
    title:
      group.key.tier === null || group.key.tier === undefined
        ? 'tickets without a tier'
        : `tier ${group.key.tier}`,
  }));
  const legend = `<ul class="legend" aria-label="SLA metrics">${metrics.map((metric) => `<li><span class="swatch s-${metric}"></span>${e(metric)}</li>`).join('')}</ul>`;
  const zone = data.metrics.week.weekTimeZone;
  const title = `Escalation report: ${data.policy.id} ${data.policy.version}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(CSS)}">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(title)}</h1>
<p class="muted">${e(`as of ${readable(data.now)} · ${count(data.corpus.tickets)} tickets from ${data.corpus.file} · policy ${options.sources[0] ?? ''} · ISO weeks in ${zone}`)}</p>
${tiles(data)}
${legend}
</header>
<main>
<section aria-labelledby="compliance-heading">
<h2 id="compliance-heading">Within target, per SLA metric</h2>
<div class="grid">
${figure('by-severity', 'By severity', 'The share of finished clocks that met their target; the second column counts tickets.', complianceChart('chart-severity', 'severity', bySeverity, metrics) + complianceTable('severity', bySeverity, metrics))}
${figure('by-team', 'By team (queue)', 'The queue each ticket is routed to, as evaluate routes it; its service line in the tooltip and the table.', complianceChart('chart-queue', 'queue', byQueue, metrics) + complianceTable('queue', byQueue, metrics), 'tall')}
${figure('by-tier', 'By customer tier', 'As given on the ticket; tickets without a tier last.', complianceChart('chart-tier', 'tier', byTier, metrics) + complianceTable('tier', byTier, metrics))}
</div>
</section>
<section aria-labelledby="weeks-heading">
<h2 id="weeks-heading">Breaches per week</h2>
${figure('weeks', 'Breached SLA clocks, by ISO week of ticket creation', `Clocks past their deadline at the report's instant, of the tickets created each week (in ${zone}).`, `<div class="scroll">${weekChart(data.metrics.week, metrics)}</div>${weekTable(data.metrics.week, metrics)}`, 'wide')}
</section>
<section aria-labelledby="escalations-heading">
<h2 id="escalations-heading">Escalations and services</h2>
<div class="grid">
${figure('funnel', 'Escalation funnel', 'Escalation actions come due from the policy’s escalation rules; performed means an actionPerformed event carries the key, on time by its due instant.', funnelChart(data.metrics.severity.total))}
${figure('services', `Top ${String(options.top)} breaching services`, 'Breached SLA clocks of the tickets of each service (the ticket’s service field).', servicesChart(data.services, metrics, options.top))}
</div>
</section>
<section aria-labelledby="problems-heading">
<h2 id="problems-heading">Open problems</h2>
${problemsTable(data)}
</section>
<section aria-labelledby="quality-heading">
<h2 id="quality-heading">Data quality</h2>
${dataQuality(data)}
</section>
</main>
<footer class="muted">${e(`Generated by escalation report from ${options.sources.join(' and ')}. Self-contained: no script, nothing loaded from the network.`)}</footer>
</body>
</html>
`;
}
