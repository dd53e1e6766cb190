import type { MetricName, MetricPauseOn, PolicyDocument } from '../index.js';

/** What a policy's conditions and sections talk about: the values tickets are drawn from. */
export interface Vocabulary {
  readonly services: readonly string[];
  readonly tags: readonly string[];
  readonly tiers: readonly string[];
  readonly customers: readonly string[];
  /** Words and phrases matched in texts (subject, description, statements). */
  readonly words: readonly string[];
  readonly statuses: readonly string[];
  readonly severities: readonly string[];
  readonly queues: readonly string[];
  readonly roles: readonly string[];
  /** Roles whose severity overrides the policy accepts (every role when it does not say). */
  readonly overrideRoles: readonly string[];
  readonly people: readonly string[];
  readonly gates: readonly string[];
  /** Escalation rule ids (for `actionPerformed` keys). */
  readonly ruleIds: readonly string[];
  /** Impact figures around the thresholds the conditions compare against. */
  readonly usersAffected: readonly number[];
  readonly revenueAtRisk: readonly number[];
  /** Custom fields the conditions read (`ticket.fields.…`), with the values they compare. */
  readonly fields: readonly { readonly path: readonly string[]; readonly values: readonly unknown[] }[];
  /** Event types that `event` triggers listen to and the ticket model does not define. */
  readonly otherEventTypes: readonly string[];
}

/** Operators whose arguments relate a `var` path to literal values. */
const RELATING = new Set([
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  'in',
  'anyOf',
  'containsAny',
  'containsAll',
  'startsWith',
]);
const TEXT_PATHS = new Set([
  'ticket.subject',
  'ticket.description',
  'ticket.impact.statement',
  'ticket.businessRationale',
  'ticket.communicationPlan',
]);
const KNOWN_EVENT_TYPES = new Set([
  'created',
  'statusChanged',
  'severityChanged',
  'severityOverridden',
  'assigned',
  'acknowledged',
  'replied',
  'updateSent',
  'approvalGranted',
  'approvalRejected',
  'escalationRequested',
  'actionPerformed',
]);
const METRICS: readonly MetricName[] = [
  'acknowledge',
  'firstResponse',
  'nextResponse',
  'periodicUpdate',
  'resolution',
];
/** Statuses most helpdesks use, added to those the policy names. */
const COMMON_STATUSES = ['open', 'in-progress', 'pending', 'on-hold', 'resolved', 'closed'];

type Literal = string | number | boolean;

interface Collector {
  readonly strings: Set<string>;
  readonly tags: Set<string>;
  readonly byPath: Map<string, Literal[]>;
}

const isLiteral = (value: unknown): value is Literal =>
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

function varPath(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1 || keys[0] !== 'var') return undefined;
  const raw: unknown = (node as { var: unknown }).var;
  const path: unknown = Array.isArray(raw) ? raw[0] : raw;
  if (typeof path === 'number') return String(path);
  return typeof path === 'string' && path !== '' ? path : undefined;
}

function pathsOf(arg: unknown): string[] {
  if (Array.isArray(arg)) return arg.map(varPath).filter((p): p is string => p !== undefined);
  const path = varPath(arg);
  return path === undefined ? [] : [path];
}

function literalsOf(arg: unknown): Literal[] {
  if (isLiteral(arg)) return [arg];
  return Array.isArray(arg) ? arg.filter(isLiteral) : [];
}

function visit(node: unknown, out: Collector, depth: number): void {
  if (depth > 64) return;
  if (typeof node === 'string') {
    out.strings.add(node);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) visit(item, out, depth + 1);
    return;
  }
  const keys = Object.keys(node);
  const record = node as Record<string, unknown>;
  const op = keys.length === 1 ? keys[0] : undefined;
  if (op === undefined) {
    for (const key of keys) visit(record[key], out, depth + 1);
    return;
  }
  const raw = record[op];
  if (op === 'var' || op === 'missing' || op === 'missing_some') return;
  const args: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (op === 'hasTag') {
    for (const arg of args) for (const tag of literalsOf(arg)) if (typeof tag === 'string') out.tags.add(tag);
  } else if (RELATING.has(op)) {
    const paths = args.flatMap(pathsOf);
    const literals = args.flatMap(literalsOf);
    for (const path of paths) out.byPath.set(path, [...(out.byPath.get(path) ?? []), ...literals]);
  }
  for (const arg of args) visit(arg, out, depth + 1);
}

/** `pauseOn` as one list (`Array.isArray` does not narrow readonly arrays). */
function isStatusList(value: readonly string[] | MetricPauseOn): value is readonly string[] {
  return Array.isArray(value);
}

function unique<T>(...lists: readonly (readonly T[])[]): T[] {
  return [...new Set(lists.flat())];
}

const strings = (values: readonly Literal[] | undefined): string[] =>
  (values ?? []).filter((v): v is string => typeof v === 'string' && v.trim() !== '');

function around(values: readonly Literal[] | undefined): number[] {
  const out: number[] = [];
  for (const value of values ?? []) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) continue;
    out.push(...[value - 1, value, value + 1].filter((n) => n >= 0));
  }
  return unique(out).sort((a, b) => a - b);
}

/** Every condition of a document, in document order. */
function conditions(doc: PolicyDocument): unknown[] {
  return [
    ...doc.classification.rules.map((rule) => rule.when),
    doc.classification.matrix?.impact.value,
    doc.classification.matrix?.urgency.value,
    ...doc.routing.queues.map((queue) => queue.when),
    ...(doc.escalation?.rules ?? []).map((rule) => rule.when),
    ...(doc.escalation?.initiation ?? []).map((rule) => rule.when),
    ...(doc.approvals?.gates ?? []).map((gate) => gate.when),
    ...(doc.problems?.rules ?? []).map((rule) => rule.when),
  ].filter((when) => when !== undefined);
}

/**
 * The vocabulary of a policy: the values its conditions compare ticket paths with, its tags,
 * tiers, statuses, people and ids.
 *
 * @internal
 */
export function policyVocabulary(doc: PolicyDocument): Vocabulary {
  const out: Collector = { strings: new Set(), tags: new Set(), byPath: new Map() };
  for (const when of conditions(doc)) visit(when, out, 0);
  const at = (...paths: string[]): Literal[] => paths.flatMap((path) => out.byPath.get(path) ?? []);

  const pauseOn = doc.sla.pauseOn;
  const pauseStatuses =
    pauseOn === undefined ? [] : isStatusList(pauseOn) ? pauseOn : Object.values(pauseOn).flat();
  const metricPauses = doc.sla.targets.flatMap((target) =>
    METRICS.flatMap((name) => {
      const metric = target.metrics[name];
      return typeof metric === 'object' ? (metric.pauseOn ?? []) : [];
    }),
  );
  const schedulePeople = Object.values(doc.schedules ?? {}).flatMap((schedule) => [
    ...schedule.layers.flatMap((layer) => layer.members),
    ...(schedule.overrides ?? []).flatMap((override) => override.members),
  ]);
  const rolePeople = Object.values(doc.roles).flatMap((role) => ('members' in role ? role.members : []));
  const fields: { path: string[]; values: Literal[] }[] = [];
  for (const [path, values] of out.byPath) {
    if (!path.startsWith('ticket.fields.')) continue;
    const keys = path.slice('ticket.fields.'.length).split('.');
    if (keys.some((key) => key === '' || key === '__proto__' || key === 'constructor' || key === 'prototype'))
      continue;
    fields.push({ path: keys, values: unique(values) });
  }
  const textWords = strings(at(...TEXT_PATHS));
  const mapped = new Set([
    ...textWords,
    ...strings(at('ticket.service', 'ticket.tags', 'ticket.customer.tier', 'tier', 'ticket.customer.id')),
  ]);
  const otherStrings = [...out.strings].filter((s) => !mapped.has(s) && s.trim() !== '' && s.length <= 60);
  const words = unique(textWords, otherStrings);
  const roles = Object.keys(doc.roles);

  return {
    services: unique(strings(at('ticket.service'))),
    tags: unique([...out.tags], strings(at('ticket.tags'))),
    tiers: unique(
      (doc.tiers ?? []).map((tier) => tier.id),
      strings(at('ticket.customer.tier', 'tier')),
    ),
    customers: unique(strings(at('ticket.customer.id'))),
    words,
    statuses: unique(
      pauseStatuses,
      metricPauses,
      doc.sla.resolvedOn ?? ['resolved', 'closed'],
      strings(at('ticket.status', 'derived.status')),
      COMMON_STATUSES,
    ),
    severities: doc.severities.map((level) => level.id),
    queues: doc.routing.queues.map((queue) => queue.id),
    roles,
    overrideRoles: doc.classification.overrides?.roles ?? roles,
    people: unique(rolePeople, schedulePeople, doc.sla.responders?.exclude ?? []),
    gates: (doc.approvals?.gates ?? []).map((gate) => gate.id),
    ruleIds: (doc.escalation?.rules ?? []).map((rule) => rule.id),
    usersAffected: around(at('ticket.impact.usersAffected')),
    revenueAtRisk: around(at('ticket.impact.revenueAtRisk')),
    fields,
    otherEventTypes: unique(
      (doc.escalation?.rules ?? []).flatMap((rule) =>
        'event' in rule.on && !KNOWN_EVENT_TYPES.has(rule.on.event) ? [rule.on.event] : [],
      ),
    ),
  };
}
