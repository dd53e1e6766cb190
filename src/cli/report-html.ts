import type { AssertionResult, Clock, SimulationResult, TimelineEntry } from './api.js';
import { assertNever } from './errors.js';

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /** The files the run came from, shown in the header (`policy.json`, `drill.json`). */
  readonly sources: readonly string[];
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML and SVG, in element content and in quoted attributes alike. Every
 * string from the input (ticket subject, reasons, ids, file names) goes through it: ticket
 * data must never become markup.
 *
 * @param text - Any text.
 * @returns The text with `& < > " '` escaped.
 * @example
 * ```ts
 * escapeHtml('<img src=x onerror=alert(1)>') //=> '&lt;img src=x onerror=alert(1)&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  // Control characters other than tab and newline are not allowed in HTML text: drop them.
  return (
    text
      .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
  );
}

const e = escapeHtml;

/** Layout of the chart, in SVG user units. */
const LABEL = 190;
const PLOT = 900;
const RIGHT = 30;
const ROW = 28;
const AXIS = 44;

/** Nice tick steps, in minutes. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

function offsetLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes === 0) return 'T0';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return `+${days > 0 ? `${String(days)}d` : ''}${hours > 0 ? `${String(hours)}h` : ''}${rest > 0 ? `${String(rest)}m` : ''}`;
}

const clockTime = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
const readable = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
const round = (n: number): string => String(Math.round(n * 10) / 10);

/** A cycle of a clock: its bar. */
interface ClockCycle {
  readonly metric: string;
  readonly startedAt: number;
  /** The states it went through, in order, each from its instant. */
  readonly states: { at: number; state: Clock['state'] }[];
  stoppedAt: number | null;
  deadline: number | null;
  breachedAt: number | null;
  targetMs: number;
  calendar: string;
}

const ms = (iso: string): number => Date.parse(iso);

function clockCycles(result: SimulationResult): ClockCycle[] {
  const cycles = new Map<string, ClockCycle>();
  for (const entry of result.timeline) {
    if (entry.kind !== 'clock') continue;
    const key = `${entry.metric}\u0000${entry.startedAt}`;
    let cycle = cycles.get(key);
    if (cycle === undefined) {
      cycle = {
        metric: entry.metric,
        startedAt: ms(entry.startedAt),
        states: [],
        stoppedAt: null,
        deadline: null,
        breachedAt: null,
        targetMs: entry.targetMs,
        calendar: entry.calendar,
      };
      cycles.set(key, cycle);
    }
    cycle.states.push({ at: Math.max(ms(entry.at), cycle.startedAt), state: entry.state });
    cycle.stoppedAt = entry.stoppedAt === null ? null : ms(entry.stoppedAt);
    cycle.deadline = entry.deadline === null ? cycle.deadline : ms(entry.deadline);
    cycle.breachedAt = entry.breachedAt === null ? null : ms(entry.breachedAt);
    cycle.targetMs = entry.targetMs;
    cycle.calendar = entry.calendar;
  }
  // The clocks as of the end are the last word on each cycle.
  for (const clock of result.clocks) {
    const cycle = cycles.get(`${clock.metric}\u0000${clock.startedAt}`);
    if (cycle === undefined) continue;
    cycle.stoppedAt = clock.stoppedAt === null ? null : ms(clock.stoppedAt);
    cycle.breachedAt = clock.breachedAt === null ? cycle.breachedAt : ms(clock.breachedAt);
    if (clock.deadline !== null) cycle.deadline = ms(clock.deadline);
  }
  // A new cycle of a metric supersedes the one before (a new assignment, a new customer reply).
  const list = [...cycles.values()];
  for (const cycle of list) {
    if (cycle.stoppedAt !== null) continue;
    const next = list.find((other) => other.metric === cycle.metric && other.startedAt > cycle.startedAt);
    if (next !== undefined) cycle.stoppedAt = next.startedAt;
  }
  return list;
}

/**
 * What a timeline entry says, in words (plain text: escape before use).
 *
 * @internal
 */
export function describeEntry(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'event': {
      const { type } = entry.event;
      const detail = Object.entries(entry.event)
        .filter(([key]) => key !== 'type' && key !== 'at')
        .filter(
          ([, value]) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean',
        )
        .map(([key, value]) => `${key} ${String(value as string | number | boolean)}`)
        .join(', ');
      return `${type}${detail === '' ? '' : ` (${detail})`}${entry.source === 'responder' ? ' by the responder model' : ''}`;
    }
    case 'severity':
      return `severity ${entry.previous === null ? '' : `${entry.previous} → `}${entry.severity} (${entry.source}): ${entry.reason}`;
    case 'routing':
      return `queue ${entry.queue}, owner ${entry.owner.role} (${entry.owner.members.join(', ') || 'nobody'})`;
    case 'clock':
      return `${entry.metric} ${entry.previous === null ? 'started' : `${entry.previous} → ${entry.state}`}${entry.deadline === null ? '' : `, deadline ${readable(entry.deadline)}`}`;
    case 'warning':
      return `${entry.metric} reached ${entry.point}`;
    case 'breach':
      return `${entry.metric} breached (deadline ${readable(entry.breachedAt)})`;
    case 'action':
      return `${entry.action.kind} → ${entry.action.targets.join(', ') || 'no one'} [${entry.action.ruleId}]: ${entry.action.reason}${entry.performed ? '' : ' (not performed)'}`;
    case 'approval':
      return `gate ${entry.gate}: ${entry.previous} → ${entry.status}: ${entry.reason}`;
    case 'communication':
      return `${entry.audience} update due (${entry.template})${entry.blockedBy === undefined ? '' : `, blocked by ${entry.blockedBy}`}`;
    case 'issue':
      return `issue ${entry.issue.code}: ${entry.issue.message}`;
    default:
      return assertNever(entry);
  }
}

interface Scale {
  readonly start: number;
  readonly end: number;
  x(at: number): number;
}

function scaleOf(result: SimulationResult): Scale {
  const start = ms(result.start);
  const horizon = Math.max(ms(result.end), start);
  // The chart ends a little after the last thing that happened, unless a clock still runs at
  // the end: a quiet day after a resolve would only squeeze the drill into the left edge.
  let last = start;
  for (const entry of result.timeline) last = Math.max(last, ms(entry.at));
  const running = clockCycles(result).some((cycle) => cycle.stoppedAt === null);
  let end = running
    ? Math.max(horizon, last)
    : Math.min(horizon, last + Math.max(600_000, (last - start) * 0.05));
  if (!(end > start)) end = start + 3_600_000;
  return {
    start,
    end,
    x: (at) => LABEL + ((Math.min(Math.max(at, start), end) - start) / (end - start)) * PLOT,
  };
}

function axis(scale: Scale, top: number, bottom: number): string {
  const spanMinutes = (scale.end - scale.start) / 60_000;
  const step = STEPS.find((s) => spanMinutes / s <= 12) ?? STEPS.at(-1) ?? 10080;
  const parts: string[] = [`<g class="axis">`];
  for (let minute = 0; minute <= spanMinutes + 1e-9; minute += step) {
    const at = scale.start + minute * 60_000;
    const x = round(scale.x(at));
    parts.push(
      `<line class="tick" x1="${x}" x2="${x}" y1="${String(top)}" y2="${String(bottom)}"/>`,
      `<text class="tick-label" x="${x}" y="${String(top - 22)}" text-anchor="middle">${e(offsetLabel(at - scale.start))}</text>`,
      `<text class="tick-time" x="${x}" y="${String(top - 8)}" text-anchor="middle">${e(clockTime(at))}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

function rowLabel(y: number, text: string, title: string): string {
  return `<text class="row-label" x="${String(LABEL - 10)}" y="${String(y + ROW / 2 + 4)}" text-anchor="end"><title>${e(title)}</title>${e(text)}</text>`;
}

function clockRows(result: SimulationResult, scale: Scale, top: number): { svg: string; rows: number } {
  const cycles = clockCycles(result);
  const metrics = [...new Set(cycles.map((c) => c.metric))];
  const warnings = result.timeline.filter((t) => t.kind === 'warning');
  const parts: string[] = [];
  metrics.forEach((metric, row) => {
    const y = top + row * ROW;
    parts.push(
      `<g class="clock-row" data-metric="${e(metric)}">`,
      rowLabel(y, metric, `SLA clock ${metric}`),
    );
    for (const cycle of cycles.filter((c) => c.metric === metric)) {
      const stop = cycle.stoppedAt ?? scale.end;
      const barTop = y + 6;
      const height = ROW - 12;
      const final = cycle.states.at(-1)?.state ?? 'running';
      parts.push(
        `<g class="clock-bar state-${e(final)}" data-metric="${e(metric)}" data-started-at="${e(new Date(cycle.startedAt).toISOString())}">`,
        `<title>${e(`${metric}: ${final}, target ${offsetLabel(cycle.targetMs).replace('+', '')} on ${cycle.calendar}, from ${readable(new Date(cycle.startedAt).toISOString())}${cycle.stoppedAt === null ? '' : ` to ${readable(new Date(cycle.stoppedAt).toISOString())}`}`)}</title>`,
      );
      // One segment per state run: paused parts are hatched, the part after a breach red.
      cycle.states.forEach(({ at, state }, i) => {
        const from = i === 0 ? cycle.startedAt : at;
        const to = Math.min(cycle.states[i + 1]?.at ?? stop, stop);
        if (to < from) return;
        const x1 = scale.x(from);
        const width = Math.max(1, scale.x(to) - x1);
        const kind = state === 'paused' ? 'paused' : 'running';
        parts.push(
          `<rect class="segment ${kind}" x="${round(x1)}" y="${String(barTop)}" width="${round(width)}" height="${String(height)}"/>`,
        );
      });
      if (cycle.breachedAt !== null && cycle.breachedAt < stop) {
        const x1 = scale.x(cycle.breachedAt);
        parts.push(
          `<rect class="segment overdue" x="${round(x1)}" y="${String(barTop)}" width="${round(Math.max(1, scale.x(stop) - x1))}" height="${String(height)}"/>`,
        );
      }
      for (const warning of warnings) {
        const due = ms(warning.dueAt);
        if (warning.metric !== metric || due < cycle.startedAt || due > stop) continue;
        const x = round(scale.x(due));
        parts.push(
          `<line class="mark warning" x1="${x}" x2="${x}" y1="${String(y + 2)}" y2="${String(y + ROW - 2)}"><title>${e(`${metric} reached ${warning.point} at ${readable(warning.dueAt)}`)}</title></line>`,
        );
      }
      if (cycle.breachedAt !== null) {
        const x = scale.x(cycle.breachedAt);
        const cy = y + ROW / 2;
        parts.push(
          `<path class="mark breach" d="M${round(x)} ${round(cy - 8)} L${round(x + 6)} ${round(cy)} L${round(x)} ${round(cy + 8)} L${round(x - 6)} ${round(cy)} Z"><title>${e(`${metric} breached at ${readable(new Date(cycle.breachedAt).toISOString())}`)}</title></path>`,
        );
      } else if (cycle.deadline !== null && cycle.deadline <= scale.end) {
        const x = round(scale.x(cycle.deadline));
        parts.push(
          `<line class="mark deadline" x1="${x}" x2="${x}" y1="${String(y + 3)}" y2="${String(y + ROW - 3)}"><title>${e(`${metric} deadline ${readable(new Date(cycle.deadline).toISOString())}`)}</title></line>`,
        );
      }
      parts.push('</g>');
    }
    parts.push('</g>');
  });
  return { svg: parts.join(''), rows: metrics.length };
}

type PointEntry = Extract<
  TimelineEntry,
  { kind: 'action' | 'event' | 'approval' | 'communication' | 'issue' }
>;

function rowOf(entry: PointEntry): string {
  switch (entry.kind) {
    case 'action':
      return entry.action.kind;
    case 'event':
      return 'events';
    case 'approval':
      return 'approvals';
    case 'communication':
      return 'updates owed';
    case 'issue':
      return 'issues';
    default:
      return assertNever(entry);
  }
}

function pointRows(result: SimulationResult, scale: Scale, top: number): { svg: string; rows: number } {
  const entries = result.timeline.filter(
    (t): t is PointEntry =>
      t.kind === 'action' ||
      t.kind === 'event' ||
      t.kind === 'approval' ||
      t.kind === 'communication' ||
      t.kind === 'issue',
  );
  const actionRows = [...new Set(entries.filter((t) => t.kind === 'action').map(rowOf))];
  const otherRows = ['events', 'approvals', 'updates owed', 'issues'].filter((row) =>
    entries.some((t) => rowOf(t) === row),
  );
  const rows = [...actionRows, ...otherRows];
  const parts: string[] = [];
  rows.forEach((name, row) => {
    const y = top + row * ROW;
    const isAction = row < actionRows.length;
    parts.push(
      `<g class="${isAction ? 'action-row' : 'point-row'}" data-row="${e(name)}">`,
      rowLabel(y, name, isAction ? `actions of kind ${name}` : name),
    );
    const cy = round(y + ROW / 2);
    for (const entry of entries) {
      if (rowOf(entry) !== name) continue;
      const cx = round(scale.x(ms(entry.at)));
      const title = `<title>${e(`${entry.offset} · ${readable(entry.at)}\n${describeEntry(entry)}`)}</title>`;
      if (entry.kind === 'action')
        parts.push(
          `<circle class="action-point${entry.performed ? ' performed' : ''}" data-kind="${e(entry.action.kind)}" data-rule="${e(entry.action.ruleId)}" cx="${cx}" cy="${cy}" r="6">${title}</circle>`,
        );
      else if (entry.kind === 'event')
        parts.push(
          `<path class="event-point source-${e(entry.source)}" d="M${cx} ${round(y + 6)} L${round(Number(cx) + 6)} ${round(y + ROW - 6)} L${round(Number(cx) - 6)} ${round(y + ROW - 6)} Z">${title}</path>`,
        );
      else
        parts.push(
          `<rect class="point ${entry.kind}" x="${round(Number(cx) - 5)}" y="${round(y + ROW / 2 - 5)}" width="10" height="10">${title}</rect>`,
        );
    }
    parts.push('</g>');
  });
  return { svg: parts.join(''), rows: rows.length };
}

function severityBand(result: SimulationResult, scale: Scale, y: number): string {
  const changes = result.timeline.filter((t) => t.kind === 'severity');
  if (changes.length === 0) return '';
  const parts = [`<g class="severity-row">`, rowLabel(y, 'severity', 'the effective severity')];
  changes.forEach((change, i) => {
    const from = ms(change.at);
    const to = i + 1 < changes.length ? ms(changes[i + 1]?.at ?? change.at) : scale.end;
    const x1 = scale.x(from);
    const width = Math.max(1, scale.x(to) - x1);
    parts.push(
      `<g class="severity-span" data-severity="${e(change.severity)}"><title>${e(`${change.offset}: ${describeEntry(change)}`)}</title>`,
      `<rect x="${round(x1)}" y="${String(y + 5)}" width="${round(width)}" height="${String(ROW - 10)}"/>`,
      width > 30
        ? `<text x="${round(x1 + 6)}" y="${String(y + ROW / 2 + 4)}">${e(change.severity)}</text>`
        : '',
      '</g>',
    );
  });
  parts.push('</g>');
  return parts.join('');
}

function timelineSvg(result: SimulationResult): string {
  const scale = scaleOf(result);
  const top = AXIS;
  const severity = severityBand(result, scale, top);
  const severityRows = severity === '' ? 0 : 1;
  const clocks = clockRows(result, scale, top + severityRows * ROW);
  const points = pointRows(
    result,
    scale,
    top + (severityRows + clocks.rows) * ROW + (clocks.rows > 0 ? 8 : 0),
  );
  const bottom = top + (severityRows + clocks.rows + points.rows) * ROW + (clocks.rows > 0 ? 8 : 0);
  const height = bottom + 12;
  const width = LABEL + PLOT + RIGHT;
  const endX = round(scale.x(ms(result.end)));
  const endLine =
    ms(result.end) <= scale.end
      ? `<line class="end" x1="${endX}" x2="${endX}" y1="${String(top)}" y2="${String(bottom)}"><title>${e(`end: ${readable(result.end)} (${result.stopReason})`)}</title></line>`
      : '';
  return [
    `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${String(width)} ${String(height)}" width="${String(width)}" height="${String(height)}" role="img" aria-labelledby="timeline-title">`,
    `<title id="timeline-title">${e(`Timeline of ${result.scenario ?? 'the drill'}: clocks as bars, actions as points`)}</title>`,
    axis(scale, top, bottom),
    endLine,
    severity,
    clocks.svg,
    points.svg,
    '</svg>',
  ].join('\n');
}

function assertionList(assertions: readonly AssertionResult[]): string {
  if (assertions.length === 0) return '<p class="muted">The scenario has no assertions.</p>';
  const items = assertions.map((a) => {
    const description = a.assertion.description ?? JSON.stringify(a.assertion);
    return `<li class="${a.passed ? 'pass' : 'fail'}"><span class="verdict">${a.passed ? '✓ passed' : '✗ failed'}</span> ${e(description)}<br><span class="muted">${e(a.detail)}</span></li>`;
  });
  return `<ul class="assertions">${items.join('')}</ul>`;
}

function timelineTable(result: SimulationResult): string {
  const rows = result.timeline.map(
    (entry) =>
      `<tr class="kind-${e(entry.kind)}"><td>${e(entry.offset)}</td><td>${e(readable(entry.at))}</td><td>${e(entry.kind)}</td><td>${e(describeEntry(entry))}</td></tr>`,
  );
  return `<table><thead><tr><th>after T0</th><th>instant</th><th>kind</th><th>what happened</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #656d76; --bg: #ffffff; --grid: #d0d7de;
  --run: #2f81f7; --paused: #afb8c1; --over: #cf222e; --warn: #d4a72c; --ok: #1a7f37; --action: #8250df; --event: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #8d96a0; --bg: #0d1117; --grid: #30363d; } }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; }
.muted { color: var(--muted); } .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-weight: 600; }
.badge.pass { background: var(--ok); } .badge.fail { background: var(--over); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; } dt { color: var(--muted); } dd { margin: 0; }
.chart { overflow-x: auto; }
svg.timeline { font-size: 12px; fill: var(--fg); }
svg .tick { stroke: var(--grid); stroke-width: 1; } svg .tick-label, svg .tick-time { fill: var(--muted); font-size: 11px; }
svg .end { stroke: var(--muted); stroke-dasharray: 4 3; }
svg .row-label { fill: var(--fg); }
svg .segment { stroke: var(--bg); stroke-width: 1; } svg .segment.running { fill: var(--run); } svg .segment.paused { fill: var(--paused); } svg .segment.overdue { fill: var(--over); opacity: .75; }
svg .clock-bar.state-met .segment.running { fill: var(--ok); }
svg .mark.warning { stroke: var(--warn); stroke-width: 3; } svg .mark.deadline { stroke: var(--fg); stroke-width: 2; stroke-dasharray: 3 2; }
svg .mark.breach { fill: var(--over); stroke: var(--bg); stroke-width: 1.5; }
svg .action-point { fill: var(--action); stroke: var(--bg); stroke-width: 1.5; } svg .action-point:not(.performed) { fill: var(--bg); stroke: var(--action); stroke-width: 2; }
svg .event-point { fill: var(--event); } svg .event-point.source-responder { fill: var(--muted); }
svg .point.approval { fill: var(--warn); } svg .point.communication { fill: var(--ok); } svg .point.issue { fill: var(--over); }
svg .severity-span rect { fill: var(--over); opacity: .18; stroke: var(--over); } svg .severity-span text { fill: var(--fg); font-weight: 600; }
.legend span { margin-right: 16px; } .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; border-radius: 2px; }
ul.assertions { padding-left: 0; list-style: none; } ul.assertions li { margin: 6px 0; }
li.pass .verdict { color: var(--ok); font-weight: 600; } li.fail .verdict { color: var(--over); font-weight: 600; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--grid); vertical-align: top; }
td:nth-child(-n+3) { white-space: nowrap; }
`;

/**
 * Renders a simulation as one self-contained HTML page: a header with the verdict, the
 * assertions, an inline SVG timeline (the severity as a band; each SLA clock as a bar from
 * its start to its stop or the end, paused parts grey, warning marks, the deadline and a
 * breach mark; actions as points on a row per kind; events, approvals and updates owed as
 * points; an axis in time after T0 and UTC), and the full timeline as a table. No script,
 * no network: styles are inline, a Content-Security-Policy forbids everything else, and every
 * text from the input is escaped.
 *
 * @param result - The result of `simulate`.
 * @param options - The files it came from.
 * @returns The HTML document.
 * @example
 * ```ts
 * writeFileSync('report.html', renderHtmlReport(result, { sources: ['policy.json', 'drill.json'] }))
 * ```
 */
export function renderHtmlReport(result: SimulationResult, options: HtmlReportOptions): string {
  const title = result.scenario ?? `drill of ticket ${result.ticketId}`;
  const failed = result.assertions.filter((a) => !a.passed).length;
  const verdict = result.passed
    ? '<span class="badge pass">passed</span>'
    : `<span class="badge fail">failed</span>`;
  const issues = result.issues.map((issue) => `<li>${e(issue.message)}</li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(`Simulation: ${title}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${e(title)} ${verdict}</h1>
<p class="muted">${e(`${String(result.assertions.length - failed)} of ${String(result.assertions.length)} assertions passed · ${String(result.steps)} evaluations · stopped: ${result.stopReason.replaceAll('_', ' ')}`)}</p>
<dl>
<dt>policy</dt><dd>${e(`${result.policy.id} ${result.policy.version}`)}</dd>
<dt>ticket</dt><dd>${e(result.ticketId)}</dd>
<dt>from</dt><dd>${e(readable(result.start))} (T0)</dd>
<dt>to</dt><dd>${e(readable(result.end))}${result.end === result.until ? '' : e(` (horizon ${readable(result.until)})`)}</dd>
<dt>final severity</dt><dd>${e(result.severity)}</dd>
<dt>files</dt><dd>${e(options.sources.join(', '))}</dd>
</dl>
${issues === '' ? '' : `<ul class="issues">${issues}</ul>`}
</header>
<main>
<h2>Timeline</h2>
<p class="legend muted"><span><i style="background:#2f81f7"></i>clock running</span><span><i style="background:#1a7f37"></i>clock met</span><span><i style="background:#afb8c1"></i>paused</span><span><i style="background:#cf222e"></i>breached / overdue</span><span><i style="background:#d4a72c"></i>warning</span><span><i style="background:#8250df;border-radius:6px"></i>action (hollow: not performed)</span><span><i style="background:#0969da"></i>event</span></p>
<div class="chart">
${timelineSvg(result)}
</div>
<h2>Assertions</h2>
${assertionList(result.assertions)}
<h2>Everything that happened</h2>
${timelineTable(result)}
</main>
</body>
</html>
`;
}
