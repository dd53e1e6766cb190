/**
 * Conditions benchmark: escalation-engine's JsonLogic compiler side by side with
 * (a) json-logic-engine's compiled mode, (b) json-logic-js (interpreted) and
 * (c) a hand-written function implementing the same rules, on the same rules and
 * the same tickets in the same process run.
 *
 * The workload is a 25-rule first-match classification and routing policy written
 * with standard JsonLogic operators only, so every engine runs the same expressions.
 * Evaluating one ticket = run the rules in order and stop at the first truthy one.
 *
 * Run with `npm run bench:conditions`. Prints tickets/s and ratios; exits non-zero
 * if the four disagree on any ticket.
 */
import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { Bench } from 'tinybench';
import { checkCondition, createConditionScope } from '../src/conditions/index.js';
import { compileCondition } from '../src/index.js';
import { lcg } from './workload.js';

const TICKETS = 10_000;

interface Ticket {
  readonly subject: string;
  readonly service: string;
  readonly customer: { readonly tier?: string };
  readonly impact: { readonly usersAffected: number };
  readonly tags: readonly string[];
  readonly fields: { readonly security?: boolean };
}

interface TicketData {
  readonly ticket: Ticket;
  readonly derived: { readonly subjectLower: string };
}

interface Rule {
  readonly name: string;
  readonly logic: unknown;
}

// Shorthands for writing the policy: plain JsonLogic objects, nothing engine-specific.
const v = (path: string, fallback?: unknown): unknown =>
  fallback === undefined ? { var: path } : { var: [path, fallback] };
const SUBJECT = v('derived.subjectLower');
const SERVICE = v('ticket.service');
const TIER = v('ticket.customer.tier');
const USERS = v('ticket.impact.usersAffected');
const TAGS = v('ticket.tags');
const SECURITY = v('ticket.fields.security');
const says = (...words: string[]): unknown =>
  words.length === 1 ? { in: [words[0], SUBJECT] } : { or: words.map((w) => ({ in: [w, SUBJECT] })) };
const tagged = (tag: string): unknown => ({ in: [tag, TAGS] });
const is = (value: unknown, expected: unknown): unknown => ({ '===': [value, expected] });

/** The policy, in priority order: the first rule that holds classifies and routes the ticket. */
const RULES: readonly Rule[] = [
  {
    name: 'security incident',
    logic: { and: [is(SECURITY, true), says('breach', 'leak', 'exposed')] },
  },
  { name: 'security, enterprise', logic: { and: [is(SECURITY, true), is(TIER, 'enterprise')] } },
  { name: 'major outage', logic: { and: [says('outage', 'is down'), { '>=': [USERS, 1000] }] } },
  {
    name: 'outage, paying tier',
    logic: { and: [tagged('outage'), { in: [TIER, ['enterprise', 'business']] }] },
  },
  {
    name: 'auth failures at scale',
    logic: { and: [is(SERVICE, 'auth'), says('login', 'password', 'sso'), { '>': [USERS, 100] }] },
  },
  {
    name: 'legal / privacy',
    logic: { or: [tagged('gdpr'), tagged('legal'), says('gdpr'), says('subpoena')] },
  },
  {
    name: 'data loss',
    logic: { and: [says('data loss', 'corrupt'), { '!': [tagged('beta')] }] },
  },
  { name: 'security, other', logic: is(SECURITY, true) },
  { name: 'vip regression', logic: { and: [tagged('vip'), tagged('regression')] } },
  {
    name: 'billing error',
    logic: {
      and: [
        is(SERVICE, 'billing'),
        says('charged twice', 'double charge', 'refund'),
        { '!==': [v('ticket.customer.tier', 'standard'), 'free'] },
      ],
    },
  },
  { name: 'enterprise, high impact', logic: { and: [is(TIER, 'enterprise'), { '>=': [USERS, 50] }] } },
  { name: 'churn risk', logic: { and: [tagged('churn-risk'), says('cancel', 'competitor')] } },
  {
    name: 'api errors',
    logic: { and: [is(SERVICE, 'api'), says('500', 'timeout', 'rate limit')] },
  },
  {
    name: 'unknown customer, impact',
    logic: { and: [{ missing: ['ticket.customer.tier'] }, { '>': [USERS, 10] }] },
  },
  {
    name: 'mobile crash',
    logic: { and: [is(SERVICE, 'mobile'), says('crash', 'freez'), { '<=': [10, USERS, 10_000] }] },
  },
  { name: 'vip', logic: tagged('vip') },
  { name: 'beta, paying', logic: { and: [tagged('beta'), { '!': [is(TIER, 'free')] }] } },
  {
    name: 'email deliverability',
    logic: { and: [is(SERVICE, 'email'), says('bounce', 'spam', 'deliver')] },
  },
  {
    name: 'web performance',
    logic: { and: [is(SERVICE, 'web'), says('slow'), { '>': [USERS, 20] }] },
  },
  { name: 'business, medium impact', logic: { and: [is(TIER, 'business'), { '>=': [USERS, 20] }] } },
  { name: 'password reset', logic: says('password reset', 'reset my password') },
  { name: 'billing question', logic: { or: [is(SERVICE, 'billing'), says('invoice'), tagged('billing')] } },
  { name: 'feature request', logic: says('feature request', 'would be nice', 'suggestion') },
  {
    name: 'free, low impact',
    logic: { and: [is(v('ticket.customer.tier', 'standard'), 'free'), { '<': [USERS, 5] }] },
  },
  {
    name: 'known customer, triage',
    logic: {
      and: [
        { '!': [{ missing: ['ticket.customer.tier', 'ticket.fields.security'] }] },
        { '!=': [SERVICE, 'internal'] },
      ],
    },
  },
];

/** The same 25 rules written by hand: the floor any engine is measured against. */
function handWritten(data: TicketData): number {
  const t = data.ticket;
  const s = data.derived.subjectLower;
  const tier = t.customer.tier;
  const users = t.impact.usersAffected;
  const tags = t.tags;
  const security = t.fields.security === true;
  if (security && (s.includes('breach') || s.includes('leak') || s.includes('exposed'))) return 0;
  if (security && tier === 'enterprise') return 1;
  if ((s.includes('outage') || s.includes('is down')) && users >= 1000) return 2;
  if (tags.includes('outage') && (tier === 'enterprise' || tier === 'business')) return 3;
  if (
    t.service === 'auth' &&
    (s.includes('login') || s.includes('password') || s.includes('sso')) &&
    users > 100
  )
    return 4;
  if (tags.includes('gdpr') || tags.includes('legal') || s.includes('gdpr') || s.includes('subpoena'))
    return 5;
  if ((s.includes('data loss') || s.includes('corrupt')) && !tags.includes('beta')) return 6;
  if (security) return 7;
  if (tags.includes('vip') && tags.includes('regression')) return 8;
  if (
    t.service === 'billing' &&
    (s.includes('charged twice') || s.includes('double charge') || s.includes('refund')) &&
    tier !== 'free'
  )
    return 9;
  if (tier === 'enterprise' && users >= 50) return 10;
  if (tags.includes('churn-risk') && (s.includes('cancel') || s.includes('competitor'))) return 11;
  if (t.service === 'api' && (s.includes('500') || s.includes('timeout') || s.includes('rate limit')))
    return 12;
  if (tier === undefined && users > 10) return 13;
  if (
    t.service === 'mobile' &&
    (s.includes('crash') || s.includes('freez')) &&
    users >= 10 &&
    users <= 10_000
  )
    return 14;
  if (tags.includes('vip')) return 15;
  if (tags.includes('beta') && tier !== 'free') return 16;
  if (t.service === 'email' && (s.includes('bounce') || s.includes('spam') || s.includes('deliver')))
    return 17;
  if (t.service === 'web' && s.includes('slow') && users > 20) return 18;
  if (tier === 'business' && users >= 20) return 19;
  if (s.includes('password reset') || s.includes('reset my password')) return 20;
  if (t.service === 'billing' || s.includes('invoice') || tags.includes('billing')) return 21;
  if (s.includes('feature request') || s.includes('would be nice') || s.includes('suggestion')) return 22;
  if ((tier ?? 'standard') === 'free' && users < 5) return 23;
  if (tier !== undefined && t.fields.security !== undefined && t.service !== 'internal') return 24;
  return -1;
}

const random = lcg(20260214);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const PHRASES = [
  'Outage in EU region',
  'Site is down',
  'Cannot login',
  'Password reset not arriving',
  'Please reset my password',
  'SSO broken after update',
  'Charged twice this month',
  'Refund request',
  'Invoice question',
  'Possible data breach',
  'API keys exposed in logs',
  'Credentials leak?',
  '500 errors on /orders',
  'Timeout when exporting',
  'Hit the rate limit',
  'App crash on launch',
  'App freezes on checkout',
  'Emails bounce',
  'Marked as spam',
  'Cannot deliver notifications',
  'Slow dashboard',
  'Feature request: dark mode',
  'Would be nice to have CSV',
  'Suggestion for reports',
  'We will cancel the subscription',
  'Moving to a competitor',
  'GDPR deletion request',
  'Subpoena received',
  'Data loss after migration',
  'Corrupt export file',
  'General question',
  'How do I add a user',
  'Thanks for the help',
  'Weird behaviour in settings',
];
const PREFIXES = ['', '', '', 'Re: ', 'URGENT: ', 'Fwd: '];
const SERVICES = ['auth', 'billing', 'api', 'web', 'mobile', 'email', 'data-warehouse', 'internal'];
const TIERS = ['enterprise', 'business', 'standard', 'free'];
// Weighted by repetition: routine tags are common, legal and privacy ones rare.
const TAG_POOL = [
  ...['needs-info', 'duplicate', 'docs', 'mobile', 'billing', 'beta'].flatMap((tag) => [tag, tag, tag]),
  ...['vip', 'regression', 'outage', 'churn-risk'].flatMap((tag) => [tag, tag]),
  'legal',
  'gdpr',
];

function generate(): TicketData {
  const phrase = pick(PHRASES);
  const subject = pick(PREFIXES) + (random() < 0.3 ? `${phrase} and ${pick(PHRASES).toLowerCase()}` : phrase);
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
  const tagCount = Math.floor(random() * 4);
  for (let i = 0; i < tagCount; i++) tags.add(pick(TAG_POOL));
  const s = random();
  return {
    ticket: {
      subject,
      service: pick(SERVICES),
      // Some tickets come from unknown customers or have no security answer yet: `missing` sees them.
      customer: random() < 0.1 ? {} : { tier: pick(TIERS) },
      impact: { usersAffected },
      tags: [...tags],
      fields: s < 0.15 ? {} : { security: s < 0.25 },
    },
    derived: { subjectLower: subject.toLowerCase() },
  };
}

const tickets: TicketData[] = Array.from({ length: TICKETS }, generate);

/** JsonLogic truthiness (an empty array is false), applied to every engine's results alike. */
const truthy = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));

type Evaluator = (data: unknown) => unknown;
const firstMatch = (rules: readonly Evaluator[], data: unknown): number => {
  for (let i = 0; i < rules.length; i++) if (truthy((rules[i] as Evaluator)(data))) return i;
  return -1;
};

// Compile once, up front, for the engines that compile.
const ours: Evaluator[] = RULES.map((rule) => compileCondition(rule.logic));
// How a compiled policy evaluates its rules: compiled together in one scope, so a path
// read (and its own-property checks) is done once per ticket, not once per rule.
const scope = createConditionScope();
const scoped: Evaluator[] = RULES.map((rule, i) => {
  const { condition } = checkCondition(rule.logic, ['rules', i], scope);
  if (condition === undefined) throw new Error(`rule ${String(i)} does not compile`);
  return condition;
});
const logicEngine = new LogicEngine();
const jle: Evaluator[] = RULES.map((rule) => logicEngine.build(rule.logic) as Evaluator);
const jlj: Evaluator[] = RULES.map(
  (rule) =>
    (data: unknown): unknown =>
      jsonLogic.apply(rule.logic as RulesLogic, data),
);

const OURS = 'escalation-engine compileCondition';
const POLICY = 'escalation-engine, rules sharing one scope';
const JLE = 'json-logic-engine build (compiled)';
const JLJ = 'json-logic-js apply (interpreted)';
const HAND = 'hand-written JS (floor)';

const implementations: readonly [string, (data: TicketData) => number][] = [
  [OURS, (data) => firstMatch(ours, data)],
  [
    POLICY,
    (data) => {
      scope.begin(data);
      return firstMatch(scoped, data);
    },
  ],
  [JLE, (data) => firstMatch(jle, data)],
  [JLJ, (data) => firstMatch(jlj, data)],
  [HAND, handWritten],
];

// Correctness first: all four must pick the same rule for every ticket.
let disagreements = 0;
const histogram = new Map<number, number>();
for (const [index, data] of tickets.entries()) {
  const results = implementations.map(([, fn]) => fn(data));
  const expected = results[results.length - 1] as number;
  histogram.set(expected, (histogram.get(expected) ?? 0) + 1);
  if (results.some((r) => r !== expected)) {
    disagreements++;
    if (disagreements <= 5) {
      process.stdout.write(
        `disagreement ticket #${index} ${JSON.stringify(data)}: ${implementations.map(([name], i) => `${name}=${results[i] ?? '?'}`).join(' ')}\n`,
      );
    }
  }
}
process.stdout.write(
  `correctness: ${tickets.length - disagreements}/${tickets.length} tickets agree (escalation-engine, json-logic-engine, json-logic-js, hand-written)\n`,
);
const ranks = [...histogram.entries()].sort(([a], [b]) => a - b);
process.stdout.write(
  `first match by rule (${RULES.length} rules, -1 = none): ${ranks.map(([rule, n]) => `${rule}:${n}`).join(' ')}\n`,
);
process.stdout.write(
  `note: json-logic-engine's compiled mode generates JavaScript source at build time and evaluates it with global eval (the same runtime code generation as new Function); escalation-engine compiles to closures, without eval or new Function.\n`,
);

const bench = new Bench({ time: 800, warmupTime: 200, iterations: 16 });
for (const [name, fn] of implementations) {
  bench.add(name, () => {
    let sink = 0;
    for (const data of tickets) sink += fn(data);
    if (sink === 0.5) throw new Error('unreachable');
  });
}

await bench.run();

const ticketsPerSecond = new Map<string, number>();
for (const task of bench.tasks) {
  const mean = task.result?.latency.mean;
  if (mean === undefined) throw new Error(`task ${task.name} did not run`);
  ticketsPerSecond.set(task.name, (tickets.length / mean) * 1000);
}
const tps = (name: string): number => ticketsPerSecond.get(name) ?? Number.NaN;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(14);
process.stdout.write(
  `\n${`task (${tickets.length} tickets × ${RULES.length} rules, first match)`.padEnd(52)}${'tickets/s'.padStart(14)}\n`,
);
for (const [name, value] of ticketsPerSecond) process.stdout.write(`${name.padEnd(52)}${fmt(value)}\n`);
const ratio = (a: string, b: string): string => `${(tps(a) / tps(b)).toFixed(2)}×`;
process.stdout.write(
  `\nratios (same process, same rules, same tickets):\n` +
    `  ours vs json-logic-engine compiled: ${ratio(OURS, JLE)}\n` +
    `  ours, one scope, vs json-logic-engine compiled: ${ratio(POLICY, JLE)}\n` +
    `  ours vs json-logic-js:              ${ratio(OURS, JLJ)}\n` +
    `  hand-written vs ours:               ${ratio(HAND, OURS)}\n` +
    `  hand-written vs ours, one scope:    ${ratio(HAND, POLICY)}\n` +
    `target: ≥ 1.5× json-logic-engine compiled, without new Function\n`,
);
if (disagreements > 0) process.exitCode = 1;
