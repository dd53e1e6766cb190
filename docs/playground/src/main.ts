// The playground page: reads the editors, computes with playground.ts (debounced), and draws the
// result. Every text from the inputs reaches the page through textContent, never as markup.
import drill from '../../../examples/drills/sev1-outage.json' with { type: 'json' };
import policyDocument from '../../../examples/policies/acme-saas.json' with { type: 'json' };
import enterpriseDegradation from '../../../examples/tickets/enterprise-degradation.json' with { type: 'json' };
import malformed from '../../../examples/tickets/malformed.json' with { type: 'json' };
import paused from '../../../examples/tickets/paused.json' with { type: 'json' };
import reopened from '../../../examples/tickets/reopened.json' with { type: 'json' };
import sev1Outage from '../../../examples/tickets/sev1-outage.json' with { type: 'json' };
import {
  computePlayground,
  EMPTY_CACHE,
  type Editor,
  type PlaygroundView,
  type PolicyCache,
  type Problem,
} from './playground.js';
import { formatJson } from './json-source.js';
import { instantOfWallTime, wallTimeOf } from './wall-time.js';

/** The sample tickets (examples/tickets/), the first one shown first. */
const SAMPLES: readonly (readonly [string, unknown])[] = [
  ['sev1-outage.json', sev1Outage],
  ['enterprise-degradation.json', enterpriseDegradation],
  ['paused.json', paused],
  ['reopened.json', reopened],
  ['malformed.json', malformed],
];
/** The instant the samples are evaluated at first: 20 minutes into the Sev1 outage. */
const DEFAULT_NOW = '2026-03-09T14:20:00Z';
const DEBOUNCE_MS = 200;
/** The most problems listed under an editor (a broken bracket can make hundreds). */
const MAX_PROBLEMS = 50;

const pretty = (value: unknown): string => formatJson(value);

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new TypeError(`playground: #${id} is missing`);
  return found;
}

const editors: Readonly<Record<Exclude<Editor, 'now'>, HTMLTextAreaElement>> = {
  policy: element('policy', HTMLTextAreaElement),
  ticket: element('ticket', HTMLTextAreaElement),
  scenario: element('scenario', HTMLTextAreaElement),
};
const nowText = element('now', HTMLInputElement);
const nowLocal = element('now-local', HTMLInputElement);
const nowZone = element('now-zone', HTMLSelectElement);
const nowHint = element('now-hint', HTMLElement);
const sample = element('sample', HTMLSelectElement);
const status = element('status', HTMLElement);
const summary = element('summary', HTMLElement);
const decisionJson = element('decision-json', HTMLElement);
const lintList = element('lint', HTMLUListElement);
const simulationSummary = element('simulation-summary', HTMLElement);
const timelineBody = element('timeline-body', HTMLElement);
const problemLists: Readonly<Record<Editor, HTMLUListElement>> = {
  policy: element('policy-problems', HTMLUListElement),
  ticket: element('ticket-problems', HTMLUListElement),
  now: element('now-problems', HTMLUListElement),
  scenario: element('scenario-problems', HTMLUListElement),
};

/** An element with text and children; text only ever goes in as text. */
function h(tag: string, className: string, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  if (className !== '') node.className = className;
  node.append(...children);
  return node;
}

/** Selects a problem's text in its editor and scrolls it into view. */
function reveal(problem: Problem): void {
  if (problem.editor === 'now') {
    nowText.focus();
    return;
  }
  const area = editors[problem.editor];
  area.focus();
  if (problem.span === null || problem.line === null) return;
  area.setSelectionRange(problem.span.start, Math.max(problem.span.end, problem.span.start + 1));
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
  area.scrollTop = Math.max(0, (problem.line - 3) * lineHeight);
}

function problemItem(problem: Problem): HTMLElement {
  const item = h('li', `problem ${problem.severity}`);
  if (problem.line !== null) {
    const where = h('button', 'where', `line ${String(problem.line)}, column ${String(problem.column ?? 1)}`);
    where.setAttribute('type', 'button');
    where.title = 'Select it in the editor';
    where.addEventListener('click', () => {
      reveal(problem);
    });
    item.append(where, ' ');
  }
  if (problem.path !== '') item.append(h('code', 'path', problem.path), ': ');
  item.append(h('span', 'message', problem.message), ' ', h('span', 'code', problem.code));
  return item;
}

function drawProblems(view: PlaygroundView): void {
  for (const [editor, list] of Object.entries(problemLists) as [Editor, HTMLUListElement][]) {
    const mine = view.problems.filter((problem) => problem.editor === editor);
    const more = mine.length - MAX_PROBLEMS;
    list.replaceChildren(
      ...mine.slice(0, MAX_PROBLEMS).map(problemItem),
      ...(more > 0 ? [h('li', 'empty', `… and ${String(more)} more`)] : []),
    );
    const hasError = mine.some((problem) => problem.severity === 'error');
    const field = editor === 'now' ? nowText : editors[editor];
    field.setAttribute('aria-invalid', String(hasError));
  }
}

function drawDecision(view: PlaygroundView): void {
  if (view.decision === null) {
    summary.replaceChildren(h('p', 'empty', 'No decision: fix the errors shown under the editors.'));
    decisionJson.textContent = '';
    return;
  }
  summary.replaceChildren(
    ...view.summary.map((section) => {
      const block = h('section', 'summary-section', h('h3', '', section.title));
      block.dataset['section'] = section.title;
      block.append(
        section.lines.length === 0
          ? h('p', 'empty', 'none')
          : h('ul', '', ...section.lines.map((line) => h('li', '', line))),
      );
      return block;
    }),
  );
  summary.dataset['severity'] = view.decision.severity.id;
  summary.dataset['status'] = view.decision.status;
  decisionJson.textContent = JSON.stringify(view.decision, null, 2);
}

function drawLint(view: PlaygroundView): void {
  if (view.lint === null) lintList.replaceChildren(h('li', 'empty', 'The policy does not compile.'));
  else if (view.lint.length === 0) lintList.replaceChildren(h('li', 'empty', 'No findings.'));
  else lintList.replaceChildren(...view.lint.map(problemItem));
}

function drawSimulation(view: PlaygroundView): void {
  const result = view.simulation;
  if (result === null) {
    simulationSummary.textContent = 'No simulation: fix the errors above.';
    timelineBody.replaceChildren();
    return;
  }
  const source = view.customScenario
    ? `scenario ${result.scenario ?? '(unnamed)'}`
    : 'the ticket replayed from its creation';
  const failed = result.assertions.filter((assertion) => !assertion.passed).length;
  simulationSummary.textContent =
    `${source}: ${String(result.steps)} evaluations from ${result.start} to ${result.end} (${result.stopReason}), ` +
    `final severity ${result.severity}` +
    (result.assertions.length === 0
      ? ''
      : `, ${String(result.assertions.length - failed)} of ${String(result.assertions.length)} expectations met`) +
    (result.issues.length === 0 ? '' : ` — ${result.issues.map((issue) => issue.message).join('; ')}`);
  timelineBody.replaceChildren(
    ...view.timeline.map((row) => {
      const tr = h(
        'tr',
        `kind-${row.kind}`,
        h('td', 'offset', row.offset),
        h('td', 'kind', row.kind),
        h('td', '', row.text),
      );
      tr.title = row.at;
      return tr;
    }),
  );
}

/** The zone picker lists UTC, the browser's zone and the policy's zones; the choice is kept. */
function drawZones(view: PlaygroundView): void {
  const host = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = [...new Set([...view.zones, host])];
  const current = nowZone.value === '' ? 'UTC' : nowZone.value;
  const shown = [...nowZone.options].map((option) => option.value);
  if (shown.join('\n') !== zones.join('\n')) {
    nowZone.replaceChildren(
      ...zones.map((zone) => {
        const option = document.createElement('option');
        option.value = zone;
        option.textContent = zone === host ? `${zone} (this browser)` : zone;
        return option;
      }),
    );
  }
  nowZone.value = zones.includes(current) ? current : 'UTC';
}

/** Shows the instant of `now` as a wall time in the chosen zone. */
function drawNow(view: PlaygroundView): void {
  if (view.now === null) {
    nowHint.textContent = '';
    return;
  }
  const wall = wallTimeOf(nowZone.value, Date.parse(view.now));
  if (wall === null) return;
  if (document.activeElement !== nowLocal) nowLocal.value = wall.wall;
  nowHint.textContent = `${view.now} = ${wall.wall.replace('T', ' ')} ${wall.zoneName} (${nowZone.value})`;
}

let cache: PolicyCache = EMPTY_CACHE;
let revision = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function update(): void {
  timer = undefined;
  delete status.dataset['pending'];
  const started = performance.now();
  try {
    const result = computePlayground(
      {
        policy: editors.policy.value,
        ticket: editors.ticket.value,
        now: nowText.value,
        scenario: editors.scenario.value,
      },
      cache,
    );
    cache = result.cache;
    const { view } = result;
    drawZones(view);
    drawProblems(view);
    drawDecision(view);
    drawLint(view);
    drawSimulation(view);
    drawNow(view);
    const errors = view.problems.filter((problem) => problem.severity === 'error').length;
    status.dataset['state'] = errors === 0 ? 'ok' : 'errors';
    status.textContent = `${errors === 0 ? 'up to date' : `${String(errors)} error(s)`} · computed in ${String(Math.round(performance.now() - started))} ms`;
  } catch (error) {
    // Only a bug of the library gets here: say so, loudly.
    status.dataset['state'] = 'crashed';
    status.textContent = `the playground failed: ${error instanceof Error ? error.message : String(error)}`;
    console.error(error);
  }
  revision++;
  status.dataset['revision'] = String(revision);
}

/** Updates once typing pauses; `data-pending` on the status line says an update is due. */
function schedule(): void {
  status.dataset['pending'] = 'true';
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(update, DEBOUNCE_MS);
}

function loadSample(name: string): void {
  const found = SAMPLES.find(([file]) => file === name);
  if (found !== undefined) editors.ticket.value = pretty(found[1]);
}

function start(): void {
  editors.policy.value = pretty(policyDocument);
  sample.replaceChildren(
    ...SAMPLES.map(([file]) => {
      const option = document.createElement('option');
      option.value = file;
      option.textContent = file;
      return option;
    }),
  );
  loadSample(SAMPLES[0]?.[0] ?? '');
  nowText.value = DEFAULT_NOW;

  for (const area of Object.values(editors)) area.addEventListener('input', schedule);
  nowText.addEventListener('input', schedule);
  sample.addEventListener('change', () => {
    loadSample(sample.value);
    schedule();
  });
  element('load-drill', HTMLButtonElement).addEventListener('click', () => {
    editors.scenario.value = pretty(drill);
    schedule();
  });
  element('use-clock', HTMLButtonElement).addEventListener('click', () => {
    nowText.value = new Date().toISOString();
    schedule();
  });
  // A wall time in a zone sets `now`; changing the zone keeps the wall time.
  const fromWallTime = (): void => {
    const iso = instantOfWallTime(nowZone.value, nowLocal.value);
    if (iso === null) return;
    nowText.value = iso;
    schedule();
  };
  nowLocal.addEventListener('change', fromWallTime);
  nowZone.addEventListener('change', fromWallTime);
  update();
}

start();
