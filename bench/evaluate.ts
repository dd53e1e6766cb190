/**
 * `evaluate` benchmark on the reference policy (examples/policies/acme-saas.json): the full
 * decision (severity, routing, SLA clocks on business-hours calendars, escalations, approvals,
 * communication, required fields) of 10,000 generated tickets, each with a history of 5–30
 * events, at an instant after its last event.
 *
 * Side by side in one process, on the same tickets:
 * - escalation-engine `evaluate(policy, ticket, { now })`: the whole decision, in the steady
 *   state of an integration (the snapshot records, as `actionPerformed` events, every action
 *   that came due by its last event: the host performed each when it became due), and cold
 *   (nothing ever performed: every action of the ticket's whole history is due at once, each
 *   with its targets and rendered templates). The targets are checked against the steady state;
 * - json-rules-engine 7, doing ONLY the severity classification: one rule per classification
 *   rule of the policy, translated from its JsonLogic (`and` → `all`, `or` → `any`, `!` → `not`,
 *   comparisons → the built-in operators, the extras `containsAny` / `anyOf` / `hasTag`… as
 *   custom operators from bench/extras.ts), with decreasing priorities and `engine.stop()` on
 *   the first success so that the first matching rule wins; `await engine.run({ ticket })` per
 *   ticket. Run twice: with its default JSONPath path resolver, and with a plain property-walk
 *   `pathResolver` (its fastest configuration; the target is checked against that one). The
 *   impact × urgency matrix cannot be written as json-rules-engine rules (its axes compute
 *   values), so when no rule matched the matrix and the default are computed in plain JS after
 *   the run;
 * - json-logic-js `apply`, doing ONLY the classification: the rules in order, first match,
 *   then the matrix axes (also applied by json-logic-js), then the default; extras registered
 *   with `registerJsonLogicJs()`.
 *
 * Correctness first: both baselines must give, on every ticket, the severity and rule that
 * `evaluate` suggests (`decision.severity.suggested` and `ruleId`). Then the timings, the
 * ratios, and the memory a retained decision takes (run node with `--expose-gc`).
 *
 * escalation-engine is measured as users run it: the built package (dist/, built by
 * `npm run bench:evaluate` first). Run from the sources, tsx's transform wraps every closure
 * created in a hot function with a naming helper (about 15% slower); the baselines are
 * plain JavaScript from node_modules either way.
 *
 * Run with `npm run bench:evaluate`. Exits non-zero if a baseline disagrees on any ticket.
 */
import { readFileSync } from 'node:fs';
import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { Bench } from 'tinybench';
import type { Clock, Decision, PolicyDocument } from '../src/index.js';
import * as extras from './extras.js';
import { createTicketGenerator, type Case, type Event } from './ticket-generator.js';

// The built package, typed by the sources (dist/ does not exist before the build).
const built = new URL('../dist/index.js', import.meta.url).href;
const { compilePolicy, evaluate } = (await import(built)) as typeof import('../src/index.js');

const TICKETS = 10_000;
const document = JSON.parse(
  readFileSync(new URL('../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as PolicyDocument;
const policy = compilePolicy(document);

const classification = document.classification;
const rules = classification.rules;
const queues = document.routing.queues.map((queue) => queue.when ?? true);
const matrix = classification.matrix;
const axes = matrix === undefined ? [] : [matrix.impact.value, matrix.urgency.value];

// ---------------------------------------------------------------- tickets
const generate = createTicketGenerator(document, { seed: 20261127, idSpace: TICKETS });
const cases = Array.from({ length: TICKETS }, (_, i) => generate(i));

// ---------------------------------------------------------------- classification baselines
interface Classified {
  readonly severity: string;
  readonly ruleId: string | undefined;
}
const DEFAULT: Classified = { severity: classification.default, ruleId: undefined };
const RULE_RESULTS: readonly Classified[] = rules.map((rule) => ({
  severity: rule.severity,
  ruleId: rule.id,
}));

/** The matrix cell of two axis values, or the default when either is not one of its levels. */
function cell(impact: unknown, urgency: unknown): Classified {
  if (matrix === undefined) return DEFAULT;
  const row = typeof impact === 'string' ? matrix.impact.levels.indexOf(impact) : -1;
  const column = typeof urgency === 'string' ? matrix.urgency.levels.indexOf(urgency) : -1;
  const severity = row === -1 || column === -1 ? undefined : matrix.cells[row]?.[column];
  return severity === undefined ? DEFAULT : { severity, ruleId: undefined };
}

// json-logic-js: the rules in order, then the matrix axes, all by `apply`.
extras.registerJsonLogicJs();
function classifyJsonLogicJs(data: unknown): Classified {
  for (let i = 0; i < rules.length; i++) {
    if (jsonLogic.truthy(jsonLogic.apply((rules[i] as (typeof rules)[number]).when as RulesLogic, data)))
      return RULE_RESULTS[i] as Classified;
  }
  if (matrix === undefined) return DEFAULT;
  return cell(
    jsonLogic.apply(matrix.impact.value as RulesLogic, data),
    jsonLogic.apply(matrix.urgency.value as RulesLogic, data),
  );
}

// json-rules-engine: one rule per classification rule.
type Nested = Extract<TopLevelCondition, { all: unknown }>['all'][number];
interface Leaf {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
}
/** Facts computed from other facts (a list of texts): id → the JsonLogic variables it reads. */
const derivedFacts = new Map<string, string[]>();

/** A JsonLogic `var` as a json-rules-engine fact and path (`ticket.customer.tier` → `ticket`, `$.customer.tier`). */
function factOf(node: unknown): { fact: string; path?: string } {
  if (node !== null && typeof node === 'object' && !Array.isArray(node) && 'var' in node) {
    const name = node.var;
    if (typeof name !== 'string') throw new Error(`json-rules-engine: var ${JSON.stringify(name)}`);
    const [fact = '', ...rest] = name.split('.');
    return rest.length === 0 ? { fact } : { fact, path: `$.${rest.join('.')}` };
  }
  if (Array.isArray(node) && node.every((item) => factOf(item).path !== undefined)) {
    // A list of texts ([subject, description]): a derived fact, computed once per run.
    const names = node.map((item) => String((item as { var: unknown }).var));
    const id = `texts(${names.join(',')})`;
    derivedFacts.set(id, names);
    return { fact: id };
  }
  throw new Error(`json-rules-engine: cannot read ${JSON.stringify(node)} as a fact`);
}

const COMPARISONS: Readonly<Record<string, string>> = {
  '>=': 'greaterThanInclusive',
  '>': 'greaterThan',
  '<=': 'lessThanInclusive',
  '<': 'lessThan',
  '===': 'equal',
  '!==': 'notEqual',
  // JsonLogic's == is JavaScript's loose equality: custom operators below.
  '==': 'looseEqual',
  '!=': 'looseNotEqual',
};
const CUSTOM = new Set(['containsAny', 'containsAll', 'anyOf', 'startsWith']);

/** Translates the JsonLogic subset of the classification rules into json-rules-engine conditions. */
function toJre(node: unknown): Nested {
  if (node === null || typeof node !== 'object' || Array.isArray(node))
    throw new Error(`json-rules-engine: literal condition ${JSON.stringify(node)}`);
  const [[op, raw]] = Object.entries(node) as [[string, unknown]];
  const args = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  if (op === 'and') return { all: args.map(toJre) };
  if (op === 'or') return { any: args.map(toJre) };
  if (op === '!') return { not: toJre(args[0]) };
  const leaf = (operator: string, subject: unknown, value: unknown): Leaf => ({
    ...factOf(subject),
    operator,
    value,
  });
  const comparison = COMPARISONS[op];
  if (comparison !== undefined && args.length === 2) return leaf(comparison, args[0], args[1]);
  if (CUSTOM.has(op) && args.length === 2) return leaf(op, args[0], args[1]);
  if (op === 'hasTag')
    return args.length === 1
      ? leaf('hasTag', { var: 'ticket.tags' }, args[0])
      : leaf('hasTag', args[0], args[1]);
  throw new Error(`json-rules-engine: operator ${op} is not translated`);
}
const jreRules: RuleProperties[] = rules.map((rule, index) => {
  const condition = toJre(rule.when);
  return {
    name: rule.id,
    // Higher runs first: the first rule of the policy has the highest priority.
    priority: rules.length - index,
    conditions:
      'all' in condition || 'any' in condition || 'not' in condition ? condition : { all: [condition] },
    event: { type: 'classified', params: { index } },
  };
});

/** A json-rules-engine with the classification rules, first match wins. */
function ruleEngine(pathResolver?: (value: object, path: string) => unknown): Engine {
  const engine = new Engine(jreRules, pathResolver === undefined ? {} : { pathResolver });
  engine.addOperator<unknown, unknown>('containsAny', extras.containsAny);
  engine.addOperator<unknown, unknown>('containsAll', extras.containsAll);
  engine.addOperator<unknown, unknown>('startsWith', extras.startsWith);
  engine.addOperator<unknown, unknown>('anyOf', extras.anyOf);
  engine.addOperator<unknown, unknown>('hasTag', extras.hasTagIn);
  // JsonLogic's == and != are JavaScript's loose equality.
  engine.addOperator<unknown, unknown>('looseEqual', (a, b) => a == b);
  engine.addOperator<unknown, unknown>('looseNotEqual', (a, b) => a != b);
  for (const [id, names] of derivedFacts) {
    engine.addFact(id, (_params, almanac) =>
      Promise.all(
        names.map((name) => {
          const { fact, path } = factOf({ var: name });
          return almanac.factValue(fact, {}, path);
        }),
      ),
    );
  }
  // First match wins: stop before the next priority (every rule has its own priority).
  engine.on('success', () => {
    engine.stop();
  });
  return engine;
}
/** A plain property walk for `$.a.b` paths (json-rules-engine's default is JSONPath). */
function walkPath(value: object, path: string): unknown {
  let current: unknown = value;
  for (const key of path.slice(2).split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
const jreDefault = ruleEngine();
const jrePlain = ruleEngine(walkPath);

// The matrix in plain JS for json-rules-engine (its axes compute values, which rules cannot):
// the reference policy's axes, written by hand; the correctness check below holds them to it.
const usersAffectedOf = (ticket: unknown): unknown =>
  walkPath({ ticket }, '$.ticket.impact.usersAffected') ?? null;
function plainMatrix(ticket: unknown): Classified {
  const users = usersAffectedOf(ticket);
  const impact =
    users === null || users === ''
      ? null
      : (users as number) >= 100
        ? 'significant'
        : (users as number) >= 10
          ? 'moderate'
          : 'minimal';
  const urgencyValue = walkPath({ ticket }, '$.ticket.fields.urgency');
  const urgency = ['high', 'medium', 'low'].includes(urgencyValue as string) ? urgencyValue : 'medium';
  return cell(impact, urgency);
}

async function classifyJre(engine: Engine, ticket: unknown): Promise<Classified> {
  const { events } = await engine.run({ ticket });
  const index = (events[0]?.params as { index?: number } | undefined)?.index;
  return index === undefined ? plainMatrix(ticket) : (RULE_RESULTS[index] as Classified);
}

// ---------------------------------------------------------------- correctness and workload
const run = (c: Case): Decision => evaluate(policy, c.ticket, { now: c.now });

// Steady state: a host performs each action when it becomes due (it evaluates on every event
// and at every nextEvaluationAt) and records `actionPerformed`, so a snapshot carries the keys
// of every action due by its last event; what is due at `now` is what came due since. The
// cold variant (nothing ever performed: every action of the whole history is due at once) is
// timed too.
const steady: Case[] = cases.map((c) => {
  const events = c.ticket.events as readonly Event[];
  const last = Math.max(...events.map((event) => Date.parse(event.at)));
  const performed = run(c)
    .actions.filter((action) => Date.parse(action.dueAt) <= last)
    .map((action) => ({ type: 'actionPerformed', at: action.dueAt, key: action.key }));
  return performed.length === 0 ? c : { ...c, ticket: { ...c.ticket, events: [...events, ...performed] } };
});
const decisions = steady.map(run);
const coldActions = cases.reduce((n, c) => n + run(c).actions.length, 0);

const JRE_DEFAULT = 'json-rules-engine, classification only (JSONPath paths, its default)';
const JRE_PLAIN = 'json-rules-engine, classification only (plain pathResolver)';
const JLJ = 'json-logic-js apply, classification only';
const OURS = 'escalation-engine evaluate (full decision, steady state)';
const OURS_COLD = 'escalation-engine evaluate (full decision, cold: nothing performed)';

let disagreements = 0;
const key = (c: Classified): string => `${c.severity}/${c.ruleId ?? '-'}`;
for (const [index, c] of cases.entries()) {
  const decision = decisions[index] as Decision;
  const expected =
    decision.severity.source === 'fallback'
      ? `fallback:${decision.severity.suggested}`
      : key({ severity: decision.severity.suggested, ruleId: decision.severity.ruleId });
  const results: [string, string][] = [
    [JRE_DEFAULT, key(await classifyJre(jreDefault, c.ticket))],
    [JRE_PLAIN, key(await classifyJre(jrePlain, c.ticket))],
    [JLJ, key(classifyJsonLogicJs({ ticket: c.ticket }))],
  ];
  if (results.some(([, result]) => result !== expected)) {
    disagreements++;
    if (disagreements <= 5) {
      process.stdout.write(
        `disagreement on ${String(c.ticket.id)}: evaluate=${expected} ${results.map(([name, result]) => `${name}=${result}`).join(' ')}\n`,
      );
    }
  }
}

const count = <T>(items: readonly T[], by: (item: T) => string): string => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(by(item), (counts.get(by(item)) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name}:${String(n)}`)
    .join(' ');
};
const clocks = decisions.flatMap((d) => d.clocks);
const eventCounts = cases.map((c) => (c.ticket.events as unknown[]).length);
process.stdout.write(
  `reference policy ${document.id}@${document.version}: ${String(rules.length)} classification rules, ` +
    `${String(axes.length)} matrix axes, ${String(queues.length)} queues, ${String(document.sla.targets.length)} SLA targets\n` +
    `tickets: ${String(cases.length)}, ${String(eventCounts.reduce((a, b) => a + b, 0))} events ` +
    `(${String(Math.min(...eventCounts))}–${String(Math.max(...eventCounts))} per ticket)\n` +
    `correctness: ${String(cases.length - disagreements)}/${String(cases.length)} tickets classified alike ` +
    `(evaluate's suggested severity and rule = json-rules-engine ×2 = json-logic-js)\n` +
    `  json-rules-engine: first match by priority and engine.stop(); when no rule matched, the matrix ` +
    `and the default in plain JS after the run\n` +
    `severity (effective): ${count(decisions, (d) => d.severity.id)}\n` +
    `severity (suggested): ${count(decisions, (d) => d.severity.suggested)}\n` +
    `severity source: ${count(decisions, (d) => d.severity.source)}\n` +
    `queue: ${count(decisions, (d) => d.routing.queue)}\n` +
    `status: ${count(decisions, (d) => d.status)}; ticket status after history: ${count(cases, (c) => c.status)}\n` +
    `issues: ${count(
      decisions.flatMap((d) => d.issues),
      (i) => `${i.severity}/${i.code}`,
    )}\n` +
    `clocks: ${String(clocks.length)} (${(clocks.length / decisions.length).toFixed(2)} per ticket)\n` +
    `clock states: ${count(clocks, (k) => k.state)}\n` +
    [...new Set(clocks.map((k) => k.metric))]
      .map(
        (metric) =>
          `  ${metric.padEnd(15)} ${count(
            clocks.filter((k) => k.metric === metric),
            (k) => k.state,
          )}\n`,
      )
      .join('') +
    `actions due: ${String(decisions.reduce((n, d) => n + d.actions.length, 0))} (cold: ${String(coldActions)}), ` +
    `withheld: ${String(decisions.reduce((n, d) => n + d.withheld.length, 0))}, upcoming: ` +
    `${String(decisions.reduce((n, d) => n + d.upcoming.length, 0))}, approvals: ${count(
      decisions.flatMap((d) => d.approvals),
      (a) => a.status,
    )}\n` +
    `communication owed: ${count(
      decisions.flatMap((d) => d.communication),
      (c) => `${c.audience}${c.overdue ? '/overdue' : ''}`,
    )}\n` +
    `nextEvaluationAt set: ${String(decisions.filter((d) => d.nextEvaluationAt !== null).length)}/${String(decisions.length)}\n`,
);

// Clock sanity (reported, not enforced): invariants docs/evaluation.md implies.
const at = (s: string | null): number => (s === null ? Number.NaN : Date.parse(s));
const insane = new Map<string, number>();
const flag = (what: string): void => {
  insane.set(what, (insane.get(what) ?? 0) + 1);
};
const pauseOn = document.sla.pauseOn;
/** The statuses that pause a metric (the reference policy has no per-target `pauseOn`). */
const pausesFor = (metric: Clock['metric']): ReadonlySet<string> => {
  if (pauseOn === undefined) return new Set();
  if ('default' in pauseOn || metric in pauseOn) {
    const perMetric = pauseOn as Readonly<Partial<Record<'default' | Clock['metric'], readonly string[]>>>;
    return new Set(perMetric[metric] ?? perMetric.default ?? []);
  }
  return new Set(pauseOn as readonly string[]);
};
const RESOLVED = new Set(document.sla.resolvedOn ?? ['resolved']);
for (const [index, c] of cases.entries()) {
  const decision = decisions[index] as Decision;
  const now = at(c.now);
  // The status now: the snapshot's when it has one (it wins over the history), else the history's.
  const status = typeof c.ticket.status === 'string' ? c.ticket.status : c.status;
  const created = at(c.ticket.createdAt as string);
  for (const clock of decision.clocks) {
    const id = `${clock.metric} ${clock.state}`;
    if (clock.elapsedMs + clock.remainingMs !== clock.target.durationMs)
      flag(`${id}: elapsed + remaining ≠ target`);
    if (Math.abs(clock.fraction - clock.elapsedMs / clock.target.durationMs) > 1e-9)
      flag(`${id}: fraction ≠ elapsed/target`);
    const end = clock.stoppedAt === null ? now : at(clock.stoppedAt);
    if (at(clock.startedAt) < created || at(clock.startedAt) > now)
      flag(`${id}: startedAt outside [createdAt, now]`);
    if (clock.elapsedMs > end - at(clock.startedAt)) flag(`${id}: elapsed > wall time since start`);
    if ((clock.state === 'breached') !== (clock.breachedAt !== null)) flag(`${id}: breachedAt vs state`);
    if (clock.state === 'breached' && at(clock.breachedAt) > now) flag(`${id}: breachedAt after now`);
    if (clock.state === 'breached' && clock.remainingMs > 0) flag(`${id}: breached with time remaining`);
    if (clock.state !== 'breached' && clock.remainingMs < 0) flag(`${id}: negative remaining, not breached`);
    if (clock.state === 'running' && (clock.deadline === null || at(clock.deadline) <= now))
      flag(`${id}: running without a future deadline`);
    if ((clock.state === 'running' || clock.state === 'paused') && clock.stoppedAt !== null)
      flag(`${id}: stoppedAt on an open cycle`);
    if ((clock.state === 'met' || clock.state === 'stopped') && clock.stoppedAt === null)
      flag(`${id}: finished without stoppedAt`);
    if (clock.state === 'paused' && clock.deadline !== null) flag(`${id}: paused with a deadline`);
    if (clock.state === 'paused' && !pausesFor(clock.metric).has(status))
      flag(`${id}: paused while the status (${status}) does not pause`);
    if ((clock.state === 'running' || clock.state === 'paused') && RESOLVED.has(status))
      flag(`${id}: open cycle on a resolved ticket`);
    if (clock.state === 'running' && pausesFor(clock.metric).has(status))
      flag(`${id}: running while the status (${status}) pauses`);
    for (const warning of clock.warnings) {
      if (warning.state === 'passed' && at(warning.dueAt) > now) flag(`${id}: warning passed in the future`);
      if (warning.state === 'upcoming' && at(warning.dueAt) <= now)
        flag(`${id}: warning upcoming in the past`);
    }
  }
  const next = decision.nextEvaluationAt;
  if (next !== null && at(next) <= now) flag('nextEvaluationAt not after now');
  if (next === null && decision.clocks.some((k) => k.state === 'running' && k.deadline !== null))
    flag('nextEvaluationAt null with a running clock');
  if (decision.clocks.length === 0) flag('decision without clocks');
}
process.stdout.write(
  insane.size === 0
    ? 'clock sanity: no invariant violated\n'
    : `clock sanity (reported, not enforced):\n${[...insane.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([what, n]) => `  ${what}: ${String(n)}\n`)
        .join('')}`,
);

// ---------------------------------------------------------------- timing
// The checks above hold 10,000 decisions (about 70 MB): released before the timing, so that no
// task pays for scanning a heap the timed work did not make.
decisions.length = 0;
clocks.length = 0;

const bench = new Bench({ time: 1500, warmupTime: 500, warmupIterations: 1, iterations: 4 });
bench.add(OURS, () => {
  let sink = 0;
  for (const c of steady) sink += evaluate(policy, c.ticket, { now: c.now }).clocks.length;
  if (sink === 0.5) throw new Error('unreachable');
});
bench.add(OURS_COLD, () => {
  let sink = 0;
  for (const c of cases) sink += evaluate(policy, c.ticket, { now: c.now }).clocks.length;
  if (sink === 0.5) throw new Error('unreachable');
});
for (const [name, engine] of [
  [JRE_DEFAULT, jreDefault],
  [JRE_PLAIN, jrePlain],
] as const) {
  bench.add(name, async () => {
    let sink = 0;
    for (const c of cases) sink += (await classifyJre(engine, c.ticket)).severity.length;
    if (sink === 0.5) throw new Error('unreachable');
  });
}
bench.add(JLJ, () => {
  let sink = 0;
  for (const c of cases) sink += classifyJsonLogicJs({ ticket: c.ticket }).severity.length;
  if (sink === 0.5) throw new Error('unreachable');
});
await bench.run();

const tps = new Map<string, number>();
for (const task of bench.tasks) {
  const mean = task.result?.latency.mean;
  if (mean === undefined) throw new Error(`task ${task.name} did not run`);
  tps.set(task.name, (cases.length / mean) * 1000);
}
const get = (name: string): number => tps.get(name) ?? Number.NaN;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(12);
process.stdout.write(`\n${`task (${String(cases.length)} tickets)`.padEnd(72)}${'tickets/s'.padStart(12)}\n`);
for (const [name, value] of tps) process.stdout.write(`${name.padEnd(72)}${fmt(value)}\n`);
const ratio = (a: string, b: string): number => get(a) / get(b);
const verdict = (value: number, target: number): string =>
  `${value.toFixed(2)}× (target ≥ ${String(target)}×: ${value >= target ? 'met' : 'NOT met'})`;
process.stdout.write(
  `\nratios (same process, same tickets; evaluate computes the whole decision, the baselines only the severity):\n` +
    `  evaluate vs json-rules-engine classification, plain resolver: ${verdict(ratio(OURS, JRE_PLAIN), 25)}\n` +
    `  evaluate vs json-rules-engine classification, JSONPath:       ${ratio(OURS, JRE_DEFAULT).toFixed(2)}×\n` +
    `  evaluate vs json-logic-js classification:                     ${verdict(ratio(OURS, JLJ), 1.5)}\n` +
    `  cold evaluate (every action of the history due) vs json-logic-js: ${ratio(OURS_COLD, JLJ).toFixed(2)}×\n`,
);

// ---------------------------------------------------------------- memory
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  process.stdout.write('\nmemory: not measured (run node with --expose-gc: npm run bench:evaluate)\n');
} else {
  const settle = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const before = settle();
  const kept: Decision[] = [];
  for (const c of steady) kept.push(run(c));
  const after = settle();
  const json = kept.reduce((n, d) => n + Buffer.byteLength(JSON.stringify(d)), 0);
  process.stdout.write(
    `\nmemory: ${Math.round((after - before) / kept.length).toLocaleString('en-US')} bytes of heap per retained decision ` +
      `(${String(kept.length)} decisions kept); JSON of an average decision: ` +
      `${Math.round(json / kept.length).toLocaleString('en-US')} bytes\n`,
  );
}

if (disagreements > 0) process.exitCode = 1;
