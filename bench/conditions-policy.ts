/**
 * Conditions benchmark on the reference policy (examples/policies/acme-saas.json): its
 * classification rules (first match), then — when no rule matched — its impact × urgency
 * matrix values, and its routing queues (first match), over 10,000 generated tickets.
 *
 * Side by side in one process, on the same expressions and the same tickets:
 * - escalation-engine: the compiled policy's own conditions, sharing one scope, the way
 *   `evaluate` runs them (closures, no `eval` / `new Function`);
 * - json-logic-engine, compiled mode (`build`, which generates code with `eval`);
 * - json-logic-js `apply` (interpreted);
 * - plain JavaScript: each rule as one straight-line JS expression (direct property access,
 *   `&&`, `===`), generated from the rules by a small translator below so that it is the
 *   same rules exactly — the floor any engine is measured against.
 * The extras (`containsAny`, `anyOf`, `hasTag`…) are registered in the two JsonLogic engines
 * and used by the floor from bench/extras.ts: plain word-splitting implementations.
 *
 * Run with `npm run bench:conditions`. Exits non-zero if the engines disagree on any ticket.
 */
import { readFileSync } from 'node:fs';
import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { Bench } from 'tinybench';
import { compilePolicy, type PolicyDocument } from '../src/index.js';
import { modelOf } from '../src/policy/index.js';
import * as extras from './extras.js';
import { FILLER, conditionVocabulary, lcg } from './workload.js';

const TICKETS = 10_000;
const document = JSON.parse(
  readFileSync(new URL('../examples/policies/acme-saas.json', import.meta.url), 'utf8'),
) as PolicyDocument;
const policy = compilePolicy(document);
const model = modelOf(policy, 'bench');

const rules = document.classification.rules.map((rule) => rule.when);
const queues = document.routing.queues.map((queue) => queue.when ?? true);
const matrix = document.classification.matrix;
const axes = matrix === undefined ? [] : [matrix.impact.value, matrix.urgency.value];

// ---------------------------------------------------------------- tickets
const random = lcg(20261126);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const found = conditionVocabulary([rules, queues, axes]);
const vocab = {
  ...found,
  services: [...found.services, 'reporting', 'internal'],
  tags: [...found.tags, 'needs-info', 'duplicate', 'docs'],
  tiers: [...(document.tiers ?? []).map((t) => t.id), ...found.tiers],
  urgencies: [...found.urgencies, 'low'],
};

function text(keywordChance: number, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(random() < keywordChance ? pick(vocab.words) : pick(FILLER));
  return out.join(' ');
}

function generate(): unknown {
  const r = random();
  const usersAffected =
    r < 0.5
      ? Math.floor(random() * 5)
      : r < 0.8
        ? 5 + Math.floor(random() * 45)
        : r < 0.95
          ? 50 + Math.floor(random() * 950)
          : 1000 + Math.floor(random() * 19_000);
  const tags = new Set<string>();
  for (let i = Math.floor(random() * 4); i > 0; i--) tags.add(pick(vocab.tags));
  const s = random();
  return {
    ticket: {
      subject: text(0.12, 4 + Math.floor(random() * 6)),
      description: text(0.04, 20 + Math.floor(random() * 40)),
      service: pick(vocab.services),
      customer: random() < 0.05 ? {} : { tier: pick(vocab.tiers) },
      impact: random() < 0.1 ? {} : { usersAffected, revenueAtRisk: Math.floor(random() * 200_000) },
      tags: [...tags],
      fields: s < 0.15 ? {} : { security: s < 0.22, urgency: pick(vocab.urgencies) },
    },
  };
}
const tickets = Array.from({ length: TICKETS }, generate);

// ---------------------------------------------------------------- the plain-JS floor
/** Translates the JsonLogic subset the policy uses into one JS expression of `d`. */
function toJs(node: unknown, asBool: boolean): string {
  const lit = (value: unknown): string => JSON.stringify(value);
  if (node === null || typeof node !== 'object') return asBool ? String(Boolean(node)) : lit(node);
  if (Array.isArray(node)) return `[${node.map((n) => toJs(n, false)).join(', ')}]`;
  const [[op, raw]] = Object.entries(node) as [[string, unknown]];
  const args = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  const value = (n: unknown): string => toJs(n, false);
  const bool = (n: unknown): string => toJs(n, true);
  switch (op) {
    case 'var': {
      const keys = String(args[0]).split('.');
      const read = `(d${keys.map((k) => `?.[${lit(k)}]`).join('')} ?? null)`;
      return asBool ? `t(${read})` : read;
    }
    case 'and':
      return `(${args.map(bool).join(' && ')})`;
    case 'or':
      return `(${args.map(bool).join(' || ')})`;
    case '!':
      return `!${bool(args[0])}`;
    case '==':
      return `(${value(args[0])} == ${value(args[1])})`;
    case '===':
      return `(${value(args[0])} === ${value(args[1])})`;
    case '!=':
      return `(${value(args[0])} != ${value(args[1])})`;
    case '>=':
    case '>':
    case '<':
    case '<=':
      if (args.length !== 2) throw new Error(`floor: ${op} with ${String(args.length)} arguments`);
      return `(${value(args[0])} ${op} ${value(args[1])})`;
    case 'in':
      return `x.inList(${value(args[0])}, ${value(args[1])})`;
    case 'missing':
      return asBool ? `x.missing(d, ${lit(args)}).length > 0` : `x.missing(d, ${lit(args)})`;
    case 'if': {
      let out = value(args[args.length % 2 === 1 ? args.length - 1 : 0] ?? null);
      if (args.length % 2 === 0) out = 'null';
      for (let i = args.length - (args.length % 2 === 1 ? 3 : 2); i >= 0; i -= 2)
        out = `(${bool(args[i])} ? ${value(args[i + 1])} : ${out})`;
      return asBool ? `t(${out})` : out;
    }
    case 'containsAny':
    case 'containsAll': {
      // As a careful hand-writer would: the word lists split once, each text split once per ticket.
      const list = args[1];
      if (!Array.isArray(list) || !list.every((w) => typeof w === 'string'))
        return `x.${op}(${value(args[0])}, ${value(args[1])})`;
      terms.push(list.map((w) => extras.words(w)).filter((t) => t.length > 0));
      return `x.${op === 'containsAny' ? 'anyTerm' : 'allTerms'}(${value(args[0])}, T[${String(terms.length - 1)}])`;
    }
    case 'anyOf':
    case 'startsWith':
      return `x.${op}(${value(args[0])}, ${value(args[1])})`;
    case 'hasTag':
      return args.length === 1
        ? `x.hasTagIn(x.tagsOf(d), ${value(args[0])})`
        : `x.hasTagIn(${value(args[0])}, ${value(args[1])})`;
    default:
      throw new Error(`floor: operator ${op} is not translated`);
  }
}
/** The word lists of the rules, split once (indexed by the generated code as `T[i]`). */
const terms: string[][][] = [];
/** Words of each text of the current ticket: split once per ticket, cleared by `begin`. */
const split = new Map<string, string[]>();
const wordsOnce = (text: string): string[] => {
  let found = split.get(text);
  if (found === undefined) {
    found = extras.words(text);
    split.set(text, found);
  }
  return found;
};
const occurs = (haystack: readonly string[], term: readonly string[]): boolean => {
  outer: for (let i = 0; i + term.length <= haystack.length; i++) {
    for (let j = 0; j < term.length; j++) if (haystack[i + j] !== term[j]) continue outer;
    return true;
  }
  return false;
};
const haystacks = (text: unknown): string[][] | undefined =>
  typeof text === 'string'
    ? [wordsOnce(text)]
    : Array.isArray(text)
      ? text.filter((t): t is string => typeof t === 'string').map(wordsOnce)
      : undefined;
const floorHelpers = {
  ...extras,
  anyTerm: (text: unknown, list: string[][]) => {
    const hs = haystacks(text);
    return hs !== undefined && list.some((term) => hs.some((h) => occurs(h, term)));
  },
  allTerms: (text: unknown, list: string[][]) => {
    const hs = haystacks(text);
    return (
      hs !== undefined &&
      hs.length > 0 &&
      list.length > 0 &&
      list.every((term) => hs.some((h) => occurs(h, term)))
    );
  },
  inList: (a: unknown, b: unknown) =>
    Array.isArray(b) ? b.includes(a) : typeof b === 'string' && b.includes(String(a)),
  missing: (d: unknown, keys: string[]) =>
    keys.filter((key) => {
      let v: unknown = d;
      for (const k of key.split('.'))
        v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[k];
      return v === null || v === undefined || v === '';
    }),
};
type Fn = (d: unknown) => unknown;
const truthySource = '(v) => (Array.isArray(v) ? v.length > 0 : Boolean(v))';
type Factory = (x: typeof floorHelpers, t: typeof terms) => Fn;
const build = (expr: unknown, asBool: boolean): Fn => {
  // The floor is plain JS generated from the rules, in this benchmark only (never in src/).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function(
    'x',
    'T',
    `const t = ${truthySource}; return (d) => ${toJs(expr, asBool)};`,
  ) as Factory;
  return factory(floorHelpers, terms);
};
const floorRules = rules.map((r) => build(r, true));
const floorQueues = queues.map((q) => build(q, true));
const floorAxes = axes.map((a) => build(a, false));

// ---------------------------------------------------------------- the engines
extras.registerJsonLogicJs();
const engine = new LogicEngine();
extras.registerJsonLogicEngine(engine);

const truthy = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));
const first = (list: readonly Fn[], data: unknown): number => {
  for (let i = 0; i < list.length; i++) if (truthy((list[i] as Fn)(data))) return i;
  return -1;
};

interface Engine {
  readonly rules: readonly Fn[];
  readonly queues: readonly Fn[];
  readonly axes: readonly Fn[];
  readonly begin?: (data: unknown) => void;
}
/** One ticket: classification rule, then matrix levels if no rule matched, then queue; as one number. */
function decide(e: Engine, data: unknown): string {
  e.begin?.(data);
  const rule = first(e.rules, data);
  const levels = rule === -1 ? e.axes.map((axis) => String(axis(data))).join('/') : '';
  return `${String(rule)}:${levels}:${String(first(e.queues, data))}`;
}

const ours: Engine = {
  rules: model.classification.rules.map((r) => r.condition),
  queues: model.routing.queues.map((q) => q.condition ?? (() => true)),
  axes:
    model.classification.matrix === undefined
      ? []
      : [model.classification.matrix.impact, model.classification.matrix.urgency],
  begin: (data) => {
    model.scope.begin(data);
  },
};
const jle: Engine = {
  rules: rules.map((r) => engine.build(r as never) as Fn),
  queues: queues.map((q) => engine.build(q as never) as Fn),
  axes: axes.map((a) => engine.build(a as never) as Fn),
};
const interpret =
  (expr: unknown): Fn =>
  (data) =>
    jsonLogic.apply(expr as RulesLogic, data) as unknown;
const jlj: Engine = { rules: rules.map(interpret), queues: queues.map(interpret), axes: axes.map(interpret) };
const floor: Engine = {
  rules: floorRules,
  queues: floorQueues,
  axes: floorAxes,
  begin: () => {
    split.clear();
  },
};

const OURS = 'escalation-engine (compiled policy, one scope)';
const JLE = 'json-logic-engine build (compiled, eval)';
const JLJ = 'json-logic-js apply (interpreted)';
const FLOOR = 'plain JavaScript (floor)';
const engines: readonly [string, Engine][] = [
  [OURS, ours],
  [JLE, jle],
  [JLJ, jlj],
  [FLOOR, floor],
];

// Correctness first: all four decide every ticket the same way.
let disagreements = 0;
const byRule = new Map<string, number>();
for (const [index, data] of tickets.entries()) {
  const results = engines.map(([, e]) => decide(e, data));
  const expected = results[results.length - 1] as string;
  const rule = expected.split(':')[0] ?? '';
  byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  if (results.some((r) => r !== expected)) {
    disagreements++;
    if (disagreements <= 5) {
      process.stdout.write(
        `disagreement ticket #${String(index)} ${JSON.stringify(data)}: ${engines.map(([name], i) => `${name}=${results[i] ?? '?'}`).join(' ')}\n`,
      );
    }
  }
}
process.stdout.write(
  `reference policy: ${String(rules.length)} classification rules, ${String(axes.length)} matrix axes, ${String(queues.length)} queues\n` +
    `correctness: ${String(tickets.length - disagreements)}/${String(tickets.length)} tickets decided alike by all four\n` +
    `tickets by classification rule (-1 = none, matrix or default): ${[...byRule.entries()]
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([rule, n]) => `${rule}:${String(n)}`)
      .join(' ')}\n`,
);

const bench = new Bench({ time: 1000, warmupTime: 300, iterations: 12 });
for (const [name, e] of engines) {
  bench.add(name, () => {
    let sink = 0;
    for (const data of tickets) sink += decide(e, data).length;
    if (sink === 0.5) throw new Error('unreachable');
  });
}
await bench.run();

const tps = new Map<string, number>();
for (const task of bench.tasks) {
  const mean = task.result?.latency.mean;
  if (mean === undefined) throw new Error(`task ${task.name} did not run`);
  tps.set(task.name, (tickets.length / mean) * 1000);
}
const get = (name: string): number => tps.get(name) ?? Number.NaN;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(14);
process.stdout.write(
  `\n${`task (${String(tickets.length)} tickets)`.padEnd(52)}${'tickets/s'.padStart(14)}\n`,
);
for (const [name, value] of tps) process.stdout.write(`${name.padEnd(52)}${fmt(value)}\n`);
const ratio = (a: string, b: string): string => `${(get(a) / get(b)).toFixed(2)}×`;
process.stdout.write(
  `\nratios (same process, same expressions, same tickets):\n` +
    `  escalation-engine vs json-logic-engine compiled: ${ratio(OURS, JLE)}\n` +
    `  escalation-engine vs json-logic-js:              ${ratio(OURS, JLJ)}\n` +
    `  plain JavaScript vs escalation-engine:           ${ratio(FLOOR, OURS)}\n` +
    `target: ≥ 1.5× json-logic-engine compiled, without new Function or eval\n`,
);
if (disagreements > 0) process.exitCode = 1;
