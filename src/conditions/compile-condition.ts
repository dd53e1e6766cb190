import { PolicyError, type Issue } from '../errors/index.js';
import { assertNever, deepFreeze, quote, suggestion } from '../internal/index.js';
import {
  createTermSet,
  createTextMatcher,
  toTerms,
  unitMask,
  type TermSet,
  type TextMatcher,
} from './text-match.js';

/** A compiled condition: evaluates against data, never reads the clock or anything else. */
export type Condition = (data: unknown) => unknown;

/** Deepest nesting of operators a condition may have. */
export const MAX_CONDITION_DEPTH = 64;
/** Most nodes (operators, arguments and literals) a condition may have. */
export const MAX_CONDITION_NODES = 10_000;

type Fn = (data: unknown) => unknown;

const STANDARD = [
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!',
  '!!',
  'or',
  'and',
  '?:',
  'if',
  'in',
  'cat',
  'substr',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'merge',
  'var',
  'missing',
  'missing_some',
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
] as const;
const EXTRAS = ['containsAny', 'containsAll', 'startsWith', 'hasTag', 'anyOf'] as const;
const SCOPED: ReadonlySet<string> = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);
const KNOWN: ReadonlySet<string> = new Set<string>([...STANDARD, ...EXTRAS]);
const REFUSED: Readonly<Record<string, string>> = {
  method: 'calls a method of the data, which could reach code',
  log: 'prints to the console, and the engine never prints (use `explain: true`)',
};
/** Names `var` never reads, even as own properties: they lead to prototypes. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JsonLogic truthiness: like JavaScript, except that an empty array is falsy. Whether a
 * condition holds is decided by this everywhere (classification, routing, gates…).
 *
 * @internal
 */
export function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** One step of `var`: an own data property, or `undefined`. */
function step(data: unknown, key: string): unknown {
  if (data === null || data === undefined || FORBIDDEN_KEYS.has(key)) return undefined;
  if (!Object.hasOwn(data, key)) return undefined;
  return (data as Record<string, unknown>)[key];
}

/** `var` with json-logic-js semantics, reading own data properties only. */
function readVar(data: unknown, path: unknown, fallback: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (path === undefined || path === '' || path === null) return data;
  let current = data;
  // ToString of any JSON value, objects included, as json-logic-js does (`String(a)`).
  for (const key of toText(path).split('.')) {
    if (current === null || current === undefined) return notFound;
    current = step(current, key);
    if (current === undefined) return notFound;
  }
  return current;
}

/** Reads one own data property of a value that may be anything; `undefined` when absent. */
function own(data: unknown, key: string): unknown {
  return data !== null && data !== undefined && Object.hasOwn(data, key)
    ? (data as Record<string, unknown>)[key]
    : undefined;
}

/** Reads a path of own data properties; `undefined` when not found (a `null` on the way stops it). */
function rawReader(keys: readonly string[]): Fn {
  const [k0 = '', k1 = '', k2 = ''] = keys;
  switch (keys.length) {
    case 1:
      return (data) => own(data, k0);
    case 2:
      return (data) => {
        const x = own(data, k0);
        return x === undefined || x === null ? undefined : own(x, k1);
      };
    case 3:
      return (data) => {
        const x = own(data, k0);
        if (x === undefined || x === null) return undefined;
        const y = own(x, k1);
        return y === undefined || y === null ? undefined : own(y, k2);
      };
    default:
      return (data) => {
        let current = data;
        for (const key of keys) {
          if (current === null || current === undefined) return undefined;
          current = own(current, key);
        }
        return current;
      };
  }
}

/**
 * Shared by the conditions of one policy: the word index of texts, and the values of
 * paths read from the root data during one evaluation, so that twenty rules reading
 * `ticket.service` check its ownership once. Call {@link ConditionScope.begin} with the
 * data before evaluating its conditions on new (or changed) data.
 *
 * @internal
 */
export interface ConditionScope {
  readonly text: TextMatcher;
  /** Starts an evaluation on `data`: values read before are forgotten. */
  begin(data: unknown): void;
  /**
   * Wraps a reader of a root path so that, during one evaluation, the path is read
   * once and shared by every condition of the scope (`undefined` = not found).
   */
  remember(path: string, read: Fn): Fn;
}

/** One remembered path: its value, valid while `stamp` is the scope's epoch. */
interface Cell {
  stamp: number;
  value: unknown;
}

/**
 * Creates a scope for conditions that are evaluated together.
 *
 * @internal
 */
export function createConditionScope(): ConditionScope {
  const cells = new Map<string, Cell>();
  let current: unknown;
  let epoch = 0;
  return {
    text: createTextMatcher(),
    begin(data) {
      current = data;
      epoch++;
    },
    remember(path, read) {
      let found = cells.get(path);
      if (found === undefined) {
        found = { stamp: -1, value: undefined };
        cells.set(path, found);
      }
      // INVARIANT: cell.value is the path's value in `current` when cell.stamp === epoch.
      const cell = found;
      return (data) => {
        if (cell.stamp === epoch && data === current) return cell.value;
        const value = read(data);
        if (data === current) {
          cell.value = value;
          cell.stamp = epoch;
        }
        return value;
      };
    },
  };
}

/**
 * The reader of a literal path (`undefined` when not found). Read from the root data
 * in a scope, the value is kept for the rest of the evaluation (see {@link ConditionScope}).
 */
function pathReader(keys: readonly string[], scope: ConditionScope | undefined): Fn {
  if (keys.some((key) => FORBIDDEN_KEYS.has(key))) return () => undefined;
  return scope === undefined ? rawReader(keys) : scope.remember(keys.join('.'), rawReader(keys));
}

/**
 * `var` with a path known at compile time: the forbidden names are decided once, and
 * paths of one to three keys get a reader without a loop. Read from the root data, the
 * value is kept for the rest of the evaluation (see {@link ConditionScope}).
 */
function compileReadPath(ctx: Context, keys: readonly string[], notFound: unknown): Fn {
  if (keys.some((key) => FORBIDDEN_KEYS.has(key))) return constantIn(ctx, notFound);
  const read = pathReader(keys, rootScope(ctx));
  const fn: Fn = (data) => {
    const value = read(data);
    return value === undefined ? notFound : value;
  };
  ctx.meta.set(fn, { kind: 'path', read, notFound });
  return fn;
}

function missing(data: unknown, args: readonly unknown[]): unknown[] {
  const keys: readonly unknown[] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const out: unknown[] = [];
  for (const key of keys) {
    // Each key is read as `{"var": key}`: an array key is a path and a default.
    const value = Array.isArray(key) ? readVar(data, key[0], key[1]) : readVar(data, key, undefined);
    if (value === null || value === '') out.push(key);
  }
  return out;
}

/** ECMAScript ToIntegerOrInfinity, as `String.prototype.substr` applies it. */
function toInteger(value: unknown): number {
  const n = Number(primitive(value));
  if (Number.isNaN(n)) return 0;
  return Number.isFinite(n) ? Math.trunc(n) : n;
}

/** `String.prototype.substr`, without the deprecated built-in. */
function substr(text: string, start: unknown, length?: unknown): string {
  const size = text.length;
  let from = toInteger(start);
  if (from === Number.NEGATIVE_INFINITY) from = 0;
  else if (from < 0) from = Math.max(size + from, 0);
  else from = Math.min(from, size);
  const count = length === undefined ? size - from : Math.min(Math.max(toInteger(length), 0), size - from);
  return count <= 0 ? '' : text.slice(from, from + count);
}

/** Arrays nested deeper than this convert to the empty string (JavaScript would overflow its stack). */
const MAX_STRING_DEPTH = 1000;

/**
 * JavaScript's ToPrimitive for JSON values, without running code from the data: a
 * JSON object whose own `toString` or `valueOf` key is data (`{"toString": 1}`) would
 * make `==`, `<`, `+` or `cat` throw; a very deep array would overflow the stack.
 * Plain objects convert as Object.prototype.toString does, arrays as `join(',')` does.
 */
function primitive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Array.isArray(value) ? arrayToString(value, 0) : '[object Object]';
}

function arrayToString(list: readonly unknown[], depth: number): string {
  if (depth > MAX_STRING_DEPTH) return '';
  let out = '';
  for (let i = 0; i < list.length; i++) {
    if (i > 0) out += ',';
    const item = list[i];
    if (item === null || item === undefined) continue;
    if (Array.isArray(item)) out += arrayToString(item, depth + 1);
    else if (typeof item === 'object') out += '[object Object]';
    else if (typeof item === 'string') out += item;
    else if (typeof item === 'number' || typeof item === 'boolean' || typeof item === 'bigint')
      out += String(item);
    // Functions and symbols are not JSON: they add nothing.
  }
  return out;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** JavaScript's `==` (JsonLogic's `==`, on purpose), with safe conversions of objects. */
function looseEqual(a: unknown, b: unknown): boolean {
  const ao = isObject(a);
  const bo = isObject(b);
  if (ao && bo) return a === b;
  // JsonLogic's == is JavaScript's loose equality.
  return (ao ? primitive(a) : a) == (bo ? primitive(b) : b);
}
const looseNotEqual = (a: unknown, b: unknown): boolean => !looseEqual(a, b);
// Relational operators on arbitrary JSON values, as JavaScript compares them.
const lt = (a: unknown, b: unknown): boolean => (primitive(a) as number) < (primitive(b) as number);
const le = (a: unknown, b: unknown): boolean => (primitive(a) as number) <= (primitive(b) as number);
const gt = (a: unknown, b: unknown): boolean => (primitive(a) as number) > (primitive(b) as number);
const ge = (a: unknown, b: unknown): boolean => (primitive(a) as number) >= (primitive(b) as number);
const toNumber = (value: unknown): number => primitive(value) as number;
const toFloat = (value: unknown): number => Number.parseFloat(primitive(value) as string);
const toText = (value: unknown): string => {
  const converted = primitive(value);
  return typeof converted === 'string' ? converted : String(converted);
};

/** One part of `cat`: `Array#join` turns null and undefined into nothing. */
function catPart(value: unknown): unknown {
  return value === null || value === undefined ? '' : primitive(value);
}

function lowerIfString(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** What the compiler knows about a compiled node, to fuse it into its parent. */
type Meta =
  | { readonly kind: 'constant'; readonly value: unknown }
  /** `{"var": literal path}`: `read` gives the raw value, `undefined` when not found. */
  | { readonly kind: 'path'; readonly read: Fn; readonly notFound: unknown }
  /** `{"in": [constant, haystack]}`: `key` identifies the haystack expression. */
  | { readonly kind: 'in'; readonly needle: unknown; readonly haystack: Fn; readonly key: string }
  /** `{"missing": [literal keys]}`: `readers` give the raw values of the keys. */
  | { readonly kind: 'missing'; readonly readers: readonly Fn[] };

interface Context {
  readonly issues: Issue[];
  readonly text: TextMatcher;
  /** Where paths read from the root data are remembered; none for a condition compiled alone. */
  readonly scope: ConditionScope | undefined;
  /** How many `map`/`filter`/`reduce`/`all`/`none`/`some` bodies enclose the node being compiled. */
  bodies: number;
  /** Compile-time facts about compiled nodes (constants, path reads), for specialisation. */
  readonly meta: Map<Fn, Meta>;
  /** Compiled nodes that always return a boolean, so their truthiness is their value. */
  readonly booleans: Set<Fn>;
  nodes: number;
}

function isLogic(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length === 1;
}

const constant =
  (value: unknown): Fn =>
  () =>
    value;

/** A constant node, remembered as such so that its parent can inline the value. */
function constantIn(ctx: Context, value: unknown): Fn {
  const fn = constant(value);
  ctx.meta.set(fn, { kind: 'constant', value });
  return fn;
}

/** The value of a node known at compile time, if it is a constant. */
function constantOf(ctx: Context, fn: Fn): { value: unknown } | undefined {
  const meta = ctx.meta.get(fn);
  return meta?.kind === 'constant' ? meta : undefined;
}

/** The scope that remembers paths read at the node being compiled: none inside a body, which reads items. */
function rootScope(ctx: Context): ConditionScope | undefined {
  return ctx.bodies === 0 ? ctx.scope : undefined;
}

/** The raw reader of a node that is a `var` of a literal path, if it is one. */
function pathOf(ctx: Context, fn: Fn): { read: Fn; notFound: unknown } | undefined {
  const meta = ctx.meta.get(fn);
  return meta?.kind === 'path' ? meta : undefined;
}

/** Marks a compiled node as always returning a boolean. */
function boolean(ctx: Context, fn: Fn): Fn {
  ctx.booleans.add(fn);
  return fn;
}

function compileNode(node: unknown, path: readonly (string | number)[], depth: number, ctx: Context): Fn {
  ctx.nodes++;
  if (ctx.nodes > MAX_CONDITION_NODES) return constant(null);
  if (depth > MAX_CONDITION_DEPTH) {
    tooDeep(ctx, path);
    return constant(null);
  }
  if (Array.isArray(node)) {
    const items = node.map((item, i) => compileNode(item, [...path, i], depth + 1, ctx));
    // A list of constants (a policy's list of services, tiers, words) is a constant itself:
    // made once, frozen, instead of a new array on every evaluation.
    const values: unknown[] = [];
    for (const item of items) {
      const known = constantOf(ctx, item);
      if (known === undefined) return (data) => items.map((each) => each(data));
      values.push(known.value);
    }
    return constantIn(ctx, Object.freeze(values));
  }
  if (!isLogic(node)) return constantIn(ctx, deepFreeze(copyLiteral(node, path, depth, ctx)));
  const [op] = Object.keys(node) as [string];
  const raw = node[op];
  const argsPath = (i: number): (string | number)[] =>
    Array.isArray(raw) ? [...path, op, i] : [...path, op];
  const rawArgs: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
  const refused = REFUSED[op];
  if (refused !== undefined && Object.hasOwn(REFUSED, op)) {
    ctx.issues.push({
      code: 'operator_not_allowed',
      severity: 'error',
      path: [...path, op],
      message: `operator ${quote(op)} is not allowed: it ${refused}`,
    });
    return constant(null);
  }
  if (!KNOWN.has(op)) {
    ctx.issues.push({
      code: 'unknown_operator',
      severity: 'error',
      path: [...path, op],
      message: `unknown operator ${quote(op)}${suggestion(op, KNOWN)}`,
    });
    return constant(null);
  }
  const args = rawArgs.map((arg, i) => {
    // The body of a scoped operator sees each item as its data, not the root.
    const body = i === 1 && SCOPED.has(op);
    if (body) ctx.bodies++;
    const fn = compileNode(arg, argsPath(i), depth + 1, ctx);
    if (body) ctx.bodies--;
    return fn;
  });
  return compileOperator(op as (typeof STANDARD)[number] | (typeof EXTRAS)[number], args, rawArgs, path, ctx);
}

/**
 * A JSON literal copied (so a compiled condition never shares objects with its input),
 * counted against the same depth and size limits as operators.
 */
function copyLiteral(
  value: unknown,
  path: readonly (string | number)[],
  depth: number,
  ctx: Context,
): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_CONDITION_DEPTH) {
    tooDeep(ctx, path);
    return null;
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown, i) => {
      ctx.nodes++;
      return ctx.nodes > MAX_CONDITION_NODES ? null : copyLiteral(item, [...path, i], depth + 1, ctx);
    });
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    ctx.nodes++;
    if (ctx.nodes > MAX_CONDITION_NODES) break;
    // defineProperty: a key named `__proto__` stays a plain own property.
    Object.defineProperty(out, key, {
      value: copyLiteral((value as Record<string, unknown>)[key], [...path, key], depth + 1, ctx),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function tooDeep(ctx: Context, path: readonly (string | number)[]): void {
  if (ctx.issues.some((issue) => issue.code === 'condition_too_deep')) return;
  ctx.issues.push({
    code: 'condition_too_deep',
    severity: 'error',
    path,
    message: `condition nests deeper than ${String(MAX_CONDITION_DEPTH)} levels`,
  });
}

function arityIssue(ctx: Context, path: readonly (string | number)[], op: string, expected: string): Fn {
  ctx.issues.push({
    code: 'invalid_arguments',
    severity: 'error',
    path: [...path, op],
    message: `operator ${quote(op)} takes ${expected}`,
  });
  return constant(null);
}

function compileOperator(
  op: (typeof STANDARD)[number] | (typeof EXTRAS)[number],
  args: readonly Fn[],
  rawArgs: readonly unknown[],
  path: readonly (string | number)[],
  ctx: Context,
): Fn {
  const none: Fn = () => undefined;
  const [a = none, b = none, c] = args;
  switch (op) {
    case '==':
    case '===':
    case '!=':
    case '!==':
    case '>':
    case '>=':
      return boolean(ctx, compileComparison(op, a, b, ctx));
    case '<':
    case '<=':
      if (c === undefined) return boolean(ctx, compileComparison(op, a, b, ctx));
      return boolean(ctx, compileBetween(op, a, b, c, ctx));
    case '!':
      return boolean(ctx, compileNot(a, false, ctx));
    case '!!':
      return boolean(ctx, compileNot(a, true, ctx));
    case 'and':
      return compileAndOr('and', args, ctx);
    case 'or':
      return compileAndOr('or', args, ctx);
    case 'if':
    case '?:':
      return (d) => {
        let i = 0;
        for (; i < args.length - 1; i += 2) {
          if (truthy((args[i] as Fn)(d))) return (args[i + 1] as Fn)(d);
        }
        return i === args.length - 1 ? (args[i] as Fn)(d) : null;
      };
    case 'in':
      return boolean(ctx, compileIn(a, b, rawArgs, ctx));
    case 'cat':
      return (d) => evalAll(args, d).map(catPart).join('');
    case 'substr':
      return (d) => {
        const [source, start, end] = evalAll(args, d);
        if (toNumber(end) < 0) {
          const rest = substr(toText(source), start);
          // `rest.length + end`, with JavaScript's `+` (an array end joins as text, as in json-logic-js).
          return substr(rest, 0, rest.length + (primitive(end) as number));
        }
        return substr(toText(source), start, end);
      };
    case '+':
      return (d) => {
        let sum = 0;
        for (const arg of args) sum = toFloat(sum) + toFloat(arg(d));
        return sum;
      };
    case '*':
      if (args.length === 0) return arityIssue(ctx, path, op, 'at least one argument');
      return (d) => {
        const values = evalAll(args, d);
        let product: unknown = values[0];
        for (let i = 1; i < values.length; i++) product = toFloat(product) * toFloat(values[i]);
        return product;
      };
    case '-':
      return (d) => {
        const x = a(d);
        const y = b(d);
        return y === undefined ? -toNumber(x) : toNumber(x) - toNumber(y);
      };
    case '/':
      return (d) => toNumber(a(d)) / toNumber(b(d));
    case '%':
      return (d) => toNumber(a(d)) % toNumber(b(d));
    case 'min':
      return (d) => Math.min(...evalAll(args, d).map(toNumber));
    case 'max':
      return (d) => Math.max(...evalAll(args, d).map(toNumber));
    case 'merge':
      return (d) => {
        const out: unknown[] = [];
        for (const arg of args) {
          const value = arg(d);
          // A loop, not push(...value): an array of 300,000 items would overflow the stack.
          if (Array.isArray(value)) for (const item of value as unknown[]) out.push(item);
          else out.push(value);
        }
        return out;
      };
    case 'var': {
      const [pathArg, fallbackArg] = rawArgs;
      const literalPath = typeof pathArg === 'string' || typeof pathArg === 'number';
      const literalFallback = fallbackArg === undefined || !isLogicOrArray(fallbackArg);
      if (literalPath && pathArg !== '' && literalFallback && args.length <= 2) {
        const notFound = fallbackArg === undefined ? null : b(undefined);
        return compileReadPath(ctx, String(pathArg).split('.'), notFound);
      }
      return (d) => readVar(d, a(d), args.length > 1 ? b(d) : undefined);
    }
    case 'missing': {
      // Literal keys (the usual `{ "missing": ["a.b", "c"] }`) get compiled, shared readers.
      const keys: readonly unknown[] = Array.isArray(rawArgs[0]) ? rawArgs[0] : rawArgs;
      const literal =
        keys.every((key) => typeof key === 'string' && key !== '') &&
        (Array.isArray(rawArgs[0]) ? rawArgs.length === 1 : true);
      if (literal) {
        const names = keys as readonly string[];
        const scope = rootScope(ctx);
        const readers = names.map((key) => pathReader(key.split('.'), scope));
        const fn: Fn = (d) => {
          const out: string[] = [];
          for (let i = 0; i < readers.length; i++) {
            if (absent((readers[i] as Fn)(d))) out.push(names[i] as string);
          }
          return out;
        };
        ctx.meta.set(fn, { kind: 'missing', readers });
        return fn;
      }
      return (d) => missing(d, evalAll(args, d));
    }
    case 'missing_some':
      return (d) => {
        const need = a(d);
        const options = b(d);
        const absent = missing(d, Array.isArray(options) ? (options as unknown[]) : [options]);
        // json-logic-js compares `options.length` (an object's own `length` key included).
        const length =
          typeof options === 'string' || Array.isArray(options)
            ? options.length
            : toNumber(own(options, 'length'));
        return length - absent.length >= toNumber(need) ? [] : absent;
      };
    case 'map':
    case 'filter':
    case 'all':
    case 'none':
    case 'some': {
      return compileScoped(op, a, b);
    }
    case 'reduce':
      return (d) => {
        const list = a(d);
        const initial = c === undefined ? null : c(d);
        if (!Array.isArray(list)) return initial;
        let accumulator = initial;
        for (const current of list as unknown[]) accumulator = b({ current, accumulator });
        return accumulator;
      };
    case 'containsAny':
    case 'containsAll': {
      if (args.length !== 2) return arityIssue(ctx, path, op, 'two arguments: a text and a list of words');
      const mode = op === 'containsAny' ? 'any' : 'all';
      const literal = Array.isArray(rawArgs[1]) && !rawArgs[1].some(isLogicOrArray);
      if (literal) {
        // A policy's own word list: its automaton is built once, here.
        const terms: TermSet = ctx.text.register(toTerms(rawArgs[1] as unknown[]));
        return (d) => ctx.text.contains(a(d), terms, mode);
      }
      return (d) => {
        const list = b(d);
        return Array.isArray(list) && ctx.text.contains(a(d), createTermSet(toTerms(list)), mode);
      };
    }
    case 'startsWith':
      if (args.length !== 2) return arityIssue(ctx, path, op, 'two arguments: a text and a prefix');
      return (d) => {
        const text = a(d);
        const prefix = b(d);
        if (typeof text !== 'string' || typeof prefix !== 'string') return false;
        return text.toLowerCase().startsWith(prefix.toLowerCase());
      };
    case 'hasTag': {
      if (args.length !== 1 && args.length !== 2) {
        return arityIssue(ctx, path, op, 'a tag, or a list of tags and a tag');
      }
      const tagsOf: Fn = args.length === 1 ? pathReader(['ticket', 'tags'], rootScope(ctx)) : a;
      const tagOf = args.length === 1 ? a : b;
      return (d) => {
        const tags = tagsOf(d);
        const tag = tagOf(d);
        if (!Array.isArray(tags) || typeof tag !== 'string') return false;
        const wanted = tag.toLowerCase();
        return tags.some((t) => typeof t === 'string' && t.toLowerCase() === wanted);
      };
    }
    case 'anyOf': {
      if (args.length !== 2) return arityIssue(ctx, path, op, 'two arguments: a value and a list');
      const known = constantOf(ctx, b)?.value;
      if (Array.isArray(known)) {
        // A literal list: its strings lower-cased once, into a set. A string value can only
        // equal a string item, any other value only an item that is not a string.
        const strings = new Set<string>();
        const others: unknown[] = [];
        for (const item of known as readonly unknown[]) {
          if (typeof item === 'string') strings.add(item.toLowerCase());
          else others.push(item);
        }
        return (d) => {
          const value = a(d);
          return typeof value === 'string'
            ? strings.has(value.toLowerCase())
            : others.some((item) => item === value);
        };
      }
      return (d) => {
        const value = lowerIfString(a(d));
        const list = b(d);
        return Array.isArray(list) && list.some((item) => lowerIfString(item) === value);
      };
    }
    default:
      return assertNever(op);
  }
}

type CompareOp = '==' | '===' | '!=' | '!==' | '>' | '>=' | '<' | '<=';

const COMPARE: Readonly<Record<CompareOp, (x: unknown, y: unknown) => boolean>> = {
  '==': looseEqual,
  '===': (x, y) => x === y,
  '!=': looseNotEqual,
  '!==': (x, y) => x !== y,
  '>': gt,
  '>=': ge,
  '<': lt,
  '<=': le,
};

/** A binary comparison, with a constant right side inlined (the common `{ "===": [{ "var": … }, "x"] }`). */
function compileComparison(op: CompareOp, a: Fn, b: Fn, ctx: Context): Fn {
  const right = constantOf(ctx, b);
  if (right === undefined) {
    const compare = COMPARE[op];
    return (d) => compare(a(d), b(d));
  }
  const k = right.value;
  const path = pathOf(ctx, a);
  if (path !== undefined) return comparePath(op, path.read, path.notFound, k);
  // Relational operators convert the constant the same way every time: once, here.
  const pk = primitive(k) as number;
  switch (op) {
    case '===':
      return (d) => a(d) === k;
    case '!==':
      return (d) => a(d) !== k;
    case '==':
      return (d) => looseEqual(a(d), k);
    case '!=':
      return (d) => !looseEqual(a(d), k);
    case '>':
      return (d) => (primitive(a(d)) as number) > pk;
    case '>=':
      return (d) => (primitive(a(d)) as number) >= pk;
    case '<':
      return (d) => (primitive(a(d)) as number) < pk;
    case '<=':
      return (d) => (primitive(a(d)) as number) <= pk;
    default:
      return assertNever(op);
  }
}

/**
 * A literal path compared with a constant, in one closure: `read` gives the raw value
 * (`undefined` when not found, which the `var` turns into `notFound`).
 */
function comparePath(op: CompareOp, read: Fn, notFound: unknown, k: unknown): Fn {
  // When the constant is neither `undefined` nor the not-found value, "not found" compares
  // as unequal to it either way, so the raw value can be compared directly.
  const direct = k !== undefined && k !== notFound;
  const pk = primitive(k) as number;
  switch (op) {
    case '===':
      if (direct) return (d) => read(d) === k;
      return (d) => {
        const v = read(d);
        return (v === undefined ? notFound : v) === k;
      };
    case '!==':
      if (direct) return (d) => read(d) !== k;
      return (d) => {
        const v = read(d);
        return (v === undefined ? notFound : v) !== k;
      };
    case '==':
    case '!=': {
      const equal = op === '==';
      if (isObject(k)) {
        return (d) => {
          const v = read(d);
          return looseEqual(v === undefined ? notFound : v, k) === equal;
        };
      }
      // A primitive constant: JavaScript's `==` after converting an object value safely.
      return (d) => {
        const v = read(d);
        const x = v === undefined ? notFound : v;
        return (isObject(x) ? primitive(x) == k : x == k) === equal;
      };
    }
    case '>':
      return (d) => {
        const v = read(d);
        return (primitive(v === undefined ? notFound : v) as number) > pk;
      };
    case '>=':
      return (d) => {
        const v = read(d);
        return (primitive(v === undefined ? notFound : v) as number) >= pk;
      };
    case '<':
      return (d) => {
        const v = read(d);
        return (primitive(v === undefined ? notFound : v) as number) < pk;
      };
    case '<=':
      return (d) => {
        const v = read(d);
        return (primitive(v === undefined ? notFound : v) as number) <= pk;
      };
    default:
      return assertNever(op);
  }
}

/** `<` and `<=` with three arguments: between, as json-logic-js (a third argument `undefined` is ignored). */
function compileBetween(op: '<' | '<=', a: Fn, b: Fn, c: Fn, ctx: Context): Fn {
  const low = constantOf(ctx, a);
  const high = constantOf(ctx, c);
  const path = pathOf(ctx, b);
  if (low !== undefined && high !== undefined && high.value !== undefined && path !== undefined) {
    // `{ "<=": [10, { "var": "n" }, 100] }`: both bounds converted once, the path read once.
    const lo = primitive(low.value) as number;
    const hi = primitive(high.value) as number;
    const { read, notFound } = path;
    if (op === '<') {
      return (d) => {
        const v = read(d);
        const x = primitive(v === undefined ? notFound : v) as number;
        return lo < x && x < hi;
      };
    }
    return (d) => {
      const v = read(d);
      const x = primitive(v === undefined ? notFound : v) as number;
      return lo <= x && x <= hi;
    };
  }
  const compare = op === '<' ? lt : le;
  return (d) => {
    const x = a(d);
    const y = b(d);
    const z = c(d);
    return z === undefined ? compare(x, y) : compare(x, y) && compare(y, z);
  };
}

/** What `missing` counts as missing: not found, `null` or the empty string. */
function absent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** `!` (or `!!` when `keep`): truthiness, without `Array.isArray` when the operand is a boolean. */
function compileNot(a: Fn, keep: boolean, ctx: Context): Fn {
  const meta = ctx.meta.get(a);
  if (meta?.kind === 'missing') {
    // `{ "!": { "missing": [...] } }`: whether every key is present, without building the list.
    const readers = meta.readers;
    return (d) => {
      for (let i = 0; i < readers.length; i++) if (absent((readers[i] as Fn)(d))) return keep;
      return !keep;
    };
  }
  if (ctx.booleans.has(a)) return keep ? (d) => a(d) : (d) => !(a(d) as boolean);
  return keep ? (d) => truthy(a(d)) : (d) => !truthy(a(d));
}

/**
 * `and` / `or`, which return the deciding value, not a boolean. Short lists are unrolled;
 * when every operand but the last always returns a boolean, its truthiness is its value,
 * so JavaScript's `&&` / `||` give exactly the deciding value.
 */
function compileAndOr(op: 'and' | 'or', args: readonly Fn[], ctx: Context): Fn {
  if (op === 'or') {
    const list = keywordList(args, ctx);
    if (list !== undefined) return boolean(ctx, list);
  }
  const bools = args.slice(0, -1).every((arg) => ctx.booleans.has(arg));
  const result = op === 'and' ? compileAnd(args, bools) : compileOr(args, bools);
  // Every operand a boolean (and at least one operand): so is the result.
  const last = args[args.length - 1];
  return last !== undefined && bools && ctx.booleans.has(last) ? boolean(ctx, result) : result;
}

/** Stands for the operands an unrolled form does not have (it is never called). */
const absentOperand: Fn = () => undefined;

function compileAnd(args: readonly Fn[], bools: boolean): Fn {
  const n = args.length;
  const [a = absentOperand, b = absentOperand, c = absentOperand, e = absentOperand] = args;
  if (bools && n === 2) return (d) => a(d) && b(d);
  if (bools && n === 3) return (d) => a(d) && b(d) && c(d);
  if (bools && n === 4) return (d) => a(d) && b(d) && c(d) && e(d);
  if (n === 2) {
    return (d) => {
      const x = a(d);
      return truthy(x) ? b(d) : x;
    };
  }
  if (n === 3) {
    return (d) => {
      const x = a(d);
      if (!truthy(x)) return x;
      const y = b(d);
      return truthy(y) ? c(d) : y;
    };
  }
  return (d) => {
    let current: unknown;
    for (let i = 0; i < n; i++) {
      current = (args[i] as Fn)(d);
      if (!truthy(current)) return current;
    }
    return current;
  };
}

function compileOr(args: readonly Fn[], bools: boolean): Fn {
  const n = args.length;
  const [a = absentOperand, b = absentOperand, c = absentOperand, e = absentOperand] = args;
  if (bools && n === 2) return (d) => a(d) || b(d);
  if (bools && n === 3) return (d) => a(d) || b(d) || c(d);
  if (bools && n === 4) return (d) => a(d) || b(d) || c(d) || e(d);
  if (n === 2) {
    return (d) => {
      const x = a(d);
      return truthy(x) ? x : b(d);
    };
  }
  if (n === 3) {
    return (d) => {
      const x = a(d);
      if (truthy(x)) return x;
      const y = b(d);
      return truthy(y) ? y : c(d);
    };
  }
  return (d) => {
    let current: unknown;
    for (let i = 0; i < n; i++) {
      current = (args[i] as Fn)(d);
      if (truthy(current)) return current;
    }
    return current;
  };
}

/**
 * A keyword list, `{"or": [{"in": ["a", X]}, {"in": ["b", X]}, …]}` with the same plain
 * `{"var": "path"}` X: read X once, and search a text for each needle's text, converted once.
 */
function keywordList(args: readonly Fn[], ctx: Context): Fn | undefined {
  const tests = args.map((arg) => ctx.meta.get(arg));
  const first = tests[0];
  if (args.length < 2 || first?.kind !== 'in') return undefined;
  if (!tests.every((t) => t?.kind === 'in' && t.key === first.key)) return undefined;
  const needles = tests.map((t) => (t?.kind === 'in' ? t.needle : undefined));
  const texts = needles.map(toText);
  const masks = texts.map((text) => maskOf(text, ctx));
  const masked = masks.some((mask) => mask !== 0);
  // A plain `{"var": "path"}` turns "not found" into null, which, like `undefined`, holds no
  // needle: its raw reader does as well, one call sooner.
  const haystackOf = pathOf(ctx, first.haystack)?.read ?? first.haystack;
  const matcher = ctx.text;
  return (d) => {
    const haystack = haystackOf(d);
    if (typeof haystack === 'string') {
      if (haystack === '') return false;
      // The mask test only skips searches that cannot succeed (see unitMask); a mask 0 skips none.
      const units = masked ? matcher.units(haystack) : 0;
      for (let i = 0; i < texts.length; i++) {
        const mask = masks[i] as number;
        if ((units & mask) === mask && haystack.includes(texts[i] as string)) return true;
      }
      return false;
    }
    if (!Array.isArray(haystack)) return false;
    for (let i = 0; i < needles.length; i++) if (haystack.indexOf(needles[i]) !== -1) return true;
    return false;
  };
}

/**
 * The {@link unitMask} of a needle's text, to skip searches in texts shared by the rules
 * of a scope (whose masks are computed once per text); 0, which skips nothing, for a
 * condition compiled alone, as masking each text it sees would cost more than it saves.
 */
function maskOf(text: string, ctx: Context): number {
  return ctx.scope === undefined ? 0 : unitMask(text);
}

/** Literal haystacks at least this long are searched through a `Set`. */
const SET_MIN = 8;

/** `in`, with a constant needle or a constant haystack inlined. */
function compileIn(a: Fn, b: Fn, rawArgs: readonly unknown[], ctx: Context): Fn {
  const needle = constantOf(ctx, a);
  if (needle !== undefined) {
    const k = needle.value;
    // The needle's text, for a text haystack: the same every time, so converted once.
    const text = toText(k);
    const mask = maskOf(text, ctx);
    const matcher = ctx.text;
    const path = pathOf(ctx, b);
    let fn: Fn;
    if (path === undefined) fn = (d) => insideWith(k, text, mask, b(d), matcher);
    else {
      const { read, notFound } = path;
      fn = (d) => {
        const v = read(d);
        return insideWith(k, text, mask, v === undefined ? notFound : v, matcher);
      };
    }
    // Only a plain `{"var": "path"}` haystack is recognised as shared (no deep comparison).
    const hay = rawArgs[1];
    const key = isLogic(hay) && Object.keys(hay)[0] === 'var' ? hay.var : undefined;
    if (typeof key === 'string') ctx.meta.set(fn, { kind: 'in', needle: k, haystack: b, key });
    return fn;
  }
  const hay = rawArgs[1];
  if (Array.isArray(hay) && hay.every((item) => item === null || typeof item !== 'object')) {
    // A literal list of scalars, `{"in": [{"var": "tier"}, ["gold", "silver"]]}`: searched in
    // place rather than rebuilt on every evaluation (the list never leaves `in`).
    const list: readonly unknown[] = (hay as unknown[]).slice();
    const path = pathOf(ctx, a);
    if (list.length < SET_MIN) {
      if (path === undefined) return (d) => list.indexOf(a(d)) !== -1;
      const { read, notFound } = path;
      return (d) => {
        const v = read(d);
        return list.indexOf(v === undefined ? notFound : v) !== -1;
      };
    }
    // A Set finds what indexOf (`===`) finds, except NaN, which indexOf never finds: left out.
    const set = new Set(list.filter((item) => !Number.isNaN(item)));
    if (path === undefined) return (d) => set.has(a(d));
    const { read, notFound } = path;
    return (d) => {
      const v = read(d);
      return set.has(v === undefined ? notFound : v);
    };
  }
  return (d) => inside(a(d), b(d));
}

/** {@link inside}, with the needle's text and its {@link unitMask} computed once. */
function insideWith(
  needle: unknown,
  text: string,
  mask: number,
  haystack: unknown,
  matcher: TextMatcher,
): boolean {
  if (typeof haystack === 'string') {
    // The mask test only skips searches that cannot succeed (see unitMask).
    return (
      haystack !== '' && (mask === 0 || (matcher.units(haystack) & mask) === mask) && haystack.includes(text)
    );
  }
  return Array.isArray(haystack) && haystack.indexOf(needle) !== -1;
}

/** json-logic-js `in`: `!b || typeof b.indexOf === 'undefined'` is false, else `b.indexOf(a) !== -1`. */
function inside(needle: unknown, haystack: unknown): boolean {
  if (typeof haystack === 'string') return haystack !== '' && haystack.includes(toText(needle));
  // indexOf: strict equality, so NaN is never found (unlike includes).
  return Array.isArray(haystack) && haystack.indexOf(needle) !== -1;
}

function isLogicOrArray(node: unknown): boolean {
  return Array.isArray(node) || isLogic(node);
}

function evalAll(args: readonly Fn[], data: unknown): unknown[] {
  const out = new Array<unknown>(args.length);
  for (let i = 0; i < args.length; i++) out[i] = (args[i] as Fn)(data);
  return out;
}

function compileScoped(op: 'map' | 'filter' | 'all' | 'none' | 'some', listOf: Fn, body: Fn): Fn {
  switch (op) {
    case 'map':
      return (d) => {
        const list = listOf(d);
        return Array.isArray(list) ? list.map((item) => body(item)) : [];
      };
    case 'filter':
      return (d) => {
        const list = listOf(d);
        return Array.isArray(list) ? (list as unknown[]).filter((item) => truthy(body(item))) : [];
      };
    case 'all':
      return (d) => {
        const list = listOf(d);
        if (!Array.isArray(list) || list.length === 0) return false;
        return list.every((item) => truthy(body(item)));
      };
    case 'none':
      return (d) => {
        const list = listOf(d);
        if (!Array.isArray(list) || list.length === 0) return true;
        return !list.some((item) => truthy(body(item)));
      };
    case 'some':
      return (d) => {
        const list = listOf(d);
        if (!Array.isArray(list) || list.length === 0) return false;
        return list.some((item) => truthy(body(item)));
      };
    default:
      return assertNever(op);
  }
}

/**
 * Compiles a condition without throwing: the closure, or the issues (paths into
 * the expression, prefixed with `path`). Conditions compiled in one `scope` share
 * what they read from one evaluation's data; call `scope.begin(data)` first.
 *
 * @internal
 */
export function checkCondition(
  expr: unknown,
  path: readonly (string | number)[] = [],
  scope: ConditionScope = createConditionScope(),
): { condition: Condition | undefined; issues: Issue[] } {
  return compile(expr, path, scope.text, scope);
}

function compile(
  expr: unknown,
  path: readonly (string | number)[],
  text: TextMatcher,
  scope: ConditionScope | undefined,
): { condition: Condition | undefined; issues: Issue[] } {
  const ctx: Context = {
    issues: [],
    text,
    scope,
    bodies: 0,
    meta: new Map(),
    booleans: new Set(),
    nodes: 0,
  };
  const fn = compileNode(expr, path, 0, ctx);
  if (ctx.nodes > MAX_CONDITION_NODES) {
    ctx.issues.unshift({
      code: 'condition_too_large',
      severity: 'error',
      path,
      message: `condition has more than ${String(MAX_CONDITION_NODES)} nodes`,
    });
  }
  return ctx.issues.length > 0 ? { condition: undefined, issues: ctx.issues } : { condition: fn, issues: [] };
}

/**
 * Compiles a JsonLogic expression into a function of the data. Standard operators
 * behave exactly as in json-logic-js; extras `containsAny`, `containsAll`,
 * `startsWith`, `hasTag` and `anyOf` match text case-insensitively by whole words.
 * `var` reads own data properties only; `method` and `log` are refused.
 *
 * @param expr - The expression, as written in a policy's `when`.
 * @returns A function that evaluates the expression against data, in linear time
 *   for the text extras. On JSON data it never throws (objects convert without running
 *   code from the data); getters, proxies, symbols and bigints are outside that promise.
 * @throws {@link PolicyError} listing every unknown or refused operator, bad arity,
 *   or a condition deeper than 64 levels or larger than 10,000 nodes, each with its path.
 * @example
 * ```ts
 * const sev1 = compileCondition({ and: [
 *   { containsAny: [{ var: 'ticket.subject' }, ['outage', 'down']] },
 *   { '>=': [{ var: 'ticket.impact.usersAffected' }, 1000] },
 * ] });
 * sev1({ ticket: { subject: 'EU outage', impact: { usersAffected: 5000 } } }) //=> true
 * ```
 */
export function compileCondition(expr: unknown): Condition {
  // Alone, a condition has no other rule to share its reads with: no scope to keep them in.
  const { condition, issues } = compile(expr, [], createTextMatcher(), undefined);
  if (condition === undefined) throw new PolicyError(issues, 'condition');
  return condition;
}
