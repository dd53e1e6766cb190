// What the playground shows for what is typed: pure functions from the editors' texts to the
// decision, its readable summary, the lint findings, the simulated timeline, and every problem
// at its JSON path with a line and column. No DOM here (main.ts draws), so Node tests it too.
import {
  evaluate,
  formatPath,
  lintPolicy,
  safeCompilePolicy,
  safeSimulate,
  type Decision,
  type Issue,
  type Policy,
  type SimulationResult,
} from '../../../src/index.js';
import { describeEntry } from '../../../src/cli/report-html.js';
import {
  lineColumn,
  parseJson,
  type JsonParseResult,
  type JsonPath,
  type SourceSpan,
} from './json-source.js';

/** The editor a problem belongs to. */
export type Editor = 'policy' | 'ticket' | 'now' | 'scenario';

/** A problem to show, with where it is in its editor's text. */
export interface Problem {
  readonly editor: Editor;
  readonly severity: 'error' | 'warning';
  /** The issue code (`unknown_calendar`), or `json_syntax` / `invalid_now`. */
  readonly code: string;
  /** The path as people read it (`sla.targets[2].calendar`); empty for syntax errors. */
  readonly path: string;
  readonly message: string;
  /** The text to select in the editor, `null` when the text cannot say (an empty editor). */
  readonly span: SourceSpan | null;
  /** 1-based line and column of `span`'s start. */
  readonly line: number | null;
  readonly column: number | null;
}

/** What the editors hold. */
export interface PlaygroundInput {
  readonly policy: string;
  readonly ticket: string;
  /** An instant: ISO 8601 with an offset, or epoch milliseconds. */
  readonly now: string;
  /** A scenario for `simulate`; blank: the ticket replayed from its creation. */
  readonly scenario: string;
}

/** A part of the readable summary: a title and lines of text. */
export interface SummarySection {
  readonly title: string;
  readonly lines: readonly string[];
}

/** One row of the simulated timeline. */
export interface TimelineRow {
  readonly offset: string;
  readonly at: string;
  readonly kind: string;
  readonly text: string;
}

/** Everything the page shows. */
export interface PlaygroundView {
  /** Problems per editor, errors first, each at its place. */
  readonly problems: readonly Problem[];
  /** The instant used, ISO; `null` when `now` is not valid. */
  readonly now: string | null;
  readonly decision: Decision | null;
  readonly summary: readonly SummarySection[];
  /** `lintPolicy` findings (with the compiler's warnings), `null` when the policy does not compile. */
  readonly lint: readonly Problem[] | null;
  readonly simulation: SimulationResult | null;
  readonly timeline: readonly TimelineRow[];
  /** Whether the scenario editor was used (else the ticket was replayed). */
  readonly customScenario: boolean;
  /** Time zones the policy names (calendars, schedules), for the `now` picker. */
  readonly zones: readonly string[];
}

/** The most evaluations a simulation runs in the page (the library's default is 10 000). */
export const SIMULATION_STEPS = 2000;

function problemAt(
  editor: Editor,
  text: string,
  parsed: JsonParseResult,
  issue: { readonly code: string } & Pick<Issue, 'severity' | 'path' | 'message'>,
): Problem {
  let span: SourceSpan | null = null;
  if (parsed.ok) {
    const { node, depth } = parsed.locate(issue.path);
    // An unknown key points at its name; a missing one at the object that lacks it.
    span =
      issue.code === 'unknown_key' && depth === issue.path.length ? (node.key ?? node.value) : node.value;
  }
  const where = span === null ? null : lineColumn(text, span.start);
  return {
    editor,
    severity: issue.severity,
    code: issue.code,
    path: issue.path.length === 0 ? '' : formatPath(issue.path),
    message: issue.message,
    span,
    line: where?.line ?? null,
    column: where?.column ?? null,
  };
}

function syntaxProblem(editor: Editor, parsed: JsonParseResult): Problem | null {
  if (parsed.ok) return null;
  const { error } = parsed;
  return {
    editor,
    severity: 'error',
    code: 'json_syntax',
    path: '',
    message: error.message,
    span: { start: error.offset, end: error.offset + 1 },
    line: error.line,
    column: error.column,
  };
}

/** `impact.statement`, `events[2].at` → a path. */
function readPath(text: string): JsonPath {
  const path: (string | number)[] = [];
  for (const match of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) path.push(Number(match[2]));
    else if (match[1] !== undefined) path.push(match[1]);
  }
  return path;
}

const OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** The instant of the `now` field: ISO with an offset, or epoch milliseconds. */
export function readNow(text: string): { ok: true; iso: string } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'give an instant, e.g. `2026-03-09T14:20:00Z`' };
  if (/^-?\d+$/.test(trimmed)) {
    const ms = Number(trimmed);
    const date = new Date(ms);
    return Number.isNaN(date.getTime())
      ? { ok: false, message: 'epoch milliseconds out of range' }
      : { ok: true, iso: date.toISOString() };
  }
  if (!OFFSET.test(trimmed))
    return { ok: false, message: 'add an offset (`Z` or `+01:00`): a time without one is ambiguous' };
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms)) return { ok: false, message: 'not an ISO 8601 date-time' };
  return { ok: true, iso: new Date(ms).toISOString() };
}

/** Time zones named anywhere in a policy document (`timezone` keys), UTC first. */
function zonesOf(document: unknown): string[] {
  const zones = new Set<string>(['UTC']);
  const walk = (node: unknown, depth: number): void => {
    if (depth > 20 || node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'timezone' && typeof value === 'string') zones.add(value);
      else walk(value, depth + 1);
    }
  };
  walk(document, 0);
  return [...zones];
}

/** A duration in words: `1d 2h`, `15m`, `40s`. */
export function formatDuration(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const units: [number, string][] = [
    [Math.floor(total / 86_400), 'd'],
    [Math.floor((total % 86_400) / 3600), 'h'],
    [Math.floor((total % 3600) / 60), 'm'],
    [total % 60, 's'],
  ];
  const parts = units.filter(([n]) => n > 0).map(([n, unit]) => `${String(n)}${unit}`);
  return parts.length === 0 ? '0s' : parts.slice(0, 2).join(' ');
}

/** An instant and how far from `now` it is: `2026-03-09T14:15:00.000Z (5m ago)`. */
export function formatInstant(iso: string | null, now: string): string {
  if (iso === null) return 'never';
  const delta = Date.parse(iso) - Date.parse(now);
  if (delta === 0) return `${iso} (now)`;
  return `${iso} (${delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`})`;
}

/** The decision in words, section by section. */
export function summarize(decision: Decision): SummarySection[] {
  const now = decision.evaluatedAt;
  const at = (iso: string | null): string => formatInstant(iso, now);
  const people = (members: readonly string[]): string =>
    members.length === 0 ? 'nobody' : members.join(', ');
  const { severity, routing } = decision;
  const sections: SummarySection[] = [
    {
      title: 'Status',
      lines: [
        decision.status === 'ok'
          ? `ok: ticket ${decision.ticketId ?? '(no id)'} at ${now}`
          : `degraded: ${String(decision.issues.filter((i) => i.severity === 'error').length)} error(s) in the ticket data, the policy's fallback decided what could not be`,
      ],
    },
    {
      title: 'Severity',
      lines: [
        `${severity.id} (${severity.source}${severity.ruleId === undefined ? '' : ` ${severity.ruleId}`}): ${severity.reason}`,
        ...(severity.suggested === severity.id ? [] : [`the policy suggests ${severity.suggested}`]),
      ],
    },
    {
      title: 'Routing',
      lines: [
        `queue ${routing.queue} (${routing.serviceLine}): ${routing.reason}`,
        `owner ${routing.owner.role}: ${people(routing.owner.members)}`,
        ...(routing.secondary === null
          ? []
          : [`secondary ${routing.secondary.role}: ${people(routing.secondary.members)}`]),
        ...routing.runbooks.map((runbook) => `runbook: ${runbook.title} ${runbook.url}`),
      ],
    },
    {
      title: 'SLA clocks',
      lines: decision.clocks.map(
        (clock) =>
          `${clock.metric}: ${clock.state}, ${formatDuration(clock.target.durationMs)} on ${clock.target.calendar}, ` +
          (clock.breachedAt === null ? `deadline ${at(clock.deadline)}` : `breached ${at(clock.breachedAt)}`),
      ),
    },
    {
      title: 'Due now',
      lines: [
        ...decision.actions.map(
          (action) =>
            `${action.kind} → ${action.targets.join(', ') || 'no one'} [${action.ruleId}]: ${action.reason}`,
        ),
        ...decision.withheld.map(
          (action) => `${action.kind} [${action.ruleId}] withheld until gate ${action.gate} is granted`,
        ),
      ],
    },
    {
      title: 'Scheduled',
      lines: decision.upcoming.map(
        (action) => `${at(action.dueAt)}: ${action.kind} [${action.ruleId}]: ${action.reason}`,
      ),
    },
    {
      title: 'Approvals',
      lines: decision.approvals
        .filter((gate) => gate.status !== 'not_required')
        .map(
          (gate) =>
            `${gate.gate}: ${gate.status}${gate.dueAt === undefined ? '' : `, due ${at(gate.dueAt)}`}: ${gate.reason}`,
        ),
    },
    {
      title: 'Updates owed',
      lines: decision.communication.map(
        (update) =>
          `${update.audience}: ${update.overdue ? 'overdue since' : 'due'} ${at(update.dueAt)} (${update.template})` +
          (update.blockedBy === undefined ? '' : `, blocked by ${update.blockedBy}`),
      ),
    },
    {
      title: 'Missing information',
      lines: decision.validation.map((finding) => `${finding.path}: ${finding.message}`),
    },
    { title: 'Next evaluation', lines: [at(decision.nextEvaluationAt)] },
  ];
  return sections;
}

const byPlace = (a: Problem, b: Problem): number =>
  (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
  (a.span?.start ?? 0) - (b.span?.start ?? 0);

/** Remembers the last compiled policy: typing in the ticket does not compile it again. */
export interface PolicyCache {
  readonly text: string | null;
  readonly parsed: JsonParseResult | null;
  readonly compiled: ReturnType<typeof safeCompilePolicy> | null;
  /** The instant the lint findings were computed at (governance review dates depend on it). */
  readonly lintNow: string | null;
  readonly lint: readonly Problem[] | null;
}

/** An empty cache. */
export const EMPTY_CACHE: PolicyCache = {
  text: null,
  parsed: null,
  compiled: null,
  lintNow: null,
  lint: null,
};

function compile(
  cache: PolicyCache,
  text: string,
  now: string | null,
): PolicyCache & { readonly parsed: JsonParseResult } {
  if (cache.text === text && cache.parsed !== null && cache.lintNow === now)
    return { ...cache, parsed: cache.parsed };
  const parsed = cache.text === text && cache.parsed !== null ? cache.parsed : parseJson(text);
  const compiled =
    cache.text === text && cache.parsed !== null
      ? cache.compiled
      : parsed.ok
        ? safeCompilePolicy(parsed.value)
        : null;
  let lint: readonly Problem[] | null = null;
  if (compiled?.success === true) {
    const findings = lintPolicy(compiled.policy, now === null ? {} : { now });
    lint = [...compiled.warnings, ...findings].map((issue) => problemAt('policy', text, parsed, issue));
  }
  return { text, parsed, compiled, lintNow: now, lint };
}

/**
 * Computes the page from the editors' texts. Problems of the texts are returned at their
 * places; only a bug of the library could throw (main.ts shows it as such).
 *
 * @param input - The texts of the editors.
 * @param cache - The previous policy cache (the policy is compiled again only when its text changed).
 * @returns The view and the cache to pass next time.
 */
export function computePlayground(
  input: PlaygroundInput,
  cache: PolicyCache = EMPTY_CACHE,
): { view: PlaygroundView; cache: PolicyCache } {
  const problems: Problem[] = [];
  const now = readNow(input.now);
  const nowIso = now.ok ? now.iso : null;
  if (!now.ok)
    problems.push({
      editor: 'now',
      severity: 'error',
      code: 'invalid_now',
      path: '',
      message: now.message,
      span: null,
      line: null,
      column: null,
    });

  // Lint findings that depend on the date (governance review) use `now`: recompile when it changes.
  const next = compile(cache, input.policy, nowIso);
  const policyText = input.policy;
  const policySyntax = syntaxProblem('policy', next.parsed);
  if (policySyntax !== null) problems.push(policySyntax);
  let policy: Policy | null = null;
  if (next.compiled !== null) {
    if (next.compiled.success) policy = next.compiled.policy;
    else
      for (const issue of next.compiled.issues)
        problems.push(problemAt('policy', policyText, next.parsed, issue));
  }

  const ticketParsed = parseJson(input.ticket);
  const ticketSyntax = syntaxProblem('ticket', ticketParsed);
  if (ticketSyntax !== null) problems.push(ticketSyntax);

  let decision: Decision | null = null;
  if (policy !== null && ticketParsed.ok && nowIso !== null) {
    decision = evaluate(policy, ticketParsed.value, { now: nowIso });
    for (const issue of decision.issues)
      problems.push(problemAt('ticket', input.ticket, ticketParsed, issue));
    for (const finding of decision.validation)
      problems.push(
        problemAt('ticket', input.ticket, ticketParsed, {
          code: finding.code,
          severity: 'warning',
          path: readPath(finding.path),
          message: finding.message,
        }),
      );
  }

  const customScenario = input.scenario.trim() !== '';
  let simulation: SimulationResult | null = null;
  if (policy !== null) {
    const scenarioParsed = customScenario ? parseJson(input.scenario) : null;
    const scenarioSyntax = scenarioParsed === null ? null : syntaxProblem('scenario', scenarioParsed);
    if (scenarioSyntax !== null) problems.push(scenarioSyntax);
    const scenario: unknown =
      scenarioParsed === null
        ? ticketParsed.ok
          ? { name: 'the ticket as given', ticket: ticketParsed.value }
          : undefined
        : scenarioParsed.ok
          ? scenarioParsed.value
          : undefined;
    if (scenario !== undefined) {
      const outcome = safeSimulate(policy, scenario, { maxSteps: SIMULATION_STEPS });
      if (outcome.success) simulation = outcome.result;
      else if (scenarioParsed?.ok === true)
        for (const issue of outcome.issues)
          problems.push(problemAt('scenario', input.scenario, scenarioParsed, issue));
      // The default scenario is the ticket: its problems are the ticket's, at the same paths.
      else if (ticketParsed.ok)
        for (const issue of outcome.issues) {
          const path = issue.path[0] === 'ticket' ? issue.path.slice(1) : issue.path;
          problems.push(problemAt('ticket', input.ticket, ticketParsed, { ...issue, path }));
        }
    }
  }

  const timeline: TimelineRow[] = (simulation?.timeline ?? []).map((entry) => ({
    offset: entry.offset,
    at: entry.at,
    kind: entry.kind,
    text: describeEntry(entry),
  }));
  return {
    view: {
      problems: problems.sort(byPlace),
      now: nowIso,
      decision,
      summary: decision === null ? [] : summarize(decision),
      lint: next.lint,
      simulation,
      timeline,
      customScenario,
      zones: next.parsed.ok ? zonesOf(next.parsed.value) : ['UTC'],
    },
    cache: next,
  };
}
