/**
 * Plain implementations of escalation-engine's condition extras (DESIGN §8), written the
 * obvious way (split into words, compare), for the engines that do not have them:
 * registered in json-logic-js and json-logic-engine by the benchmarks so that every
 * engine runs the same expressions, and used by the generated plain-JS floor.
 * They agree with the library on every benchmark ticket (the benchmarks check).
 */
import jsonLogic from 'json-logic-js';
import type { LogicEngine } from 'json-logic-engine';

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;

/** Words of a text: NFKD, combining marks removed, lower-cased, runs of letters and digits. */
export function words(text: string): string[] {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().match(WORD) ?? [];
}

function hasTerm(haystack: readonly string[], term: readonly string[]): boolean {
  outer: for (let i = 0; i + term.length <= haystack.length; i++) {
    for (let j = 0; j < term.length; j++) if (haystack[i + j] !== term[j]) continue outer;
    return true;
  }
  return false;
}

function texts(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((t): t is string => typeof t === 'string');
  return undefined;
}

function terms(list: unknown): string[][] {
  return Array.isArray(list)
    ? list.flatMap((item) => (typeof item === 'string' && words(item).length > 0 ? [words(item)] : []))
    : [];
}

/** Any of the words or phrases occurs, as whole words, in the text (or one of the texts). */
export function containsAny(text: unknown, list: unknown): boolean {
  const haystacks = texts(text)?.map(words);
  if (haystacks === undefined) return false;
  return terms(list).some((term) => haystacks.some((h) => hasTerm(h, term)));
}

/** Every word or phrase occurs in the text (or in one of the texts). */
export function containsAll(text: unknown, list: unknown): boolean {
  const haystacks = texts(text)?.map(words);
  const wanted = terms(list);
  if (haystacks === undefined || haystacks.length === 0 || wanted.length === 0) return false;
  return wanted.every((term) => haystacks.some((h) => hasTerm(h, term)));
}

export function startsWith(text: unknown, prefix: unknown): boolean {
  return (
    typeof text === 'string' &&
    typeof prefix === 'string' &&
    text.toLowerCase().startsWith(prefix.toLowerCase())
  );
}

export function hasTagIn(tags: unknown, tag: unknown): boolean {
  if (!Array.isArray(tags) || typeof tag !== 'string') return false;
  const wanted = tag.toLowerCase();
  return tags.some((t) => typeof t === 'string' && t.toLowerCase() === wanted);
}

/** `hasTag` with one argument reads `ticket.tags` of the data. */
export function tagsOf(data: unknown): unknown {
  const ticket = (data as { ticket?: { tags?: unknown } } | null)?.ticket;
  return ticket?.tags;
}

const lower = (value: unknown): unknown => (typeof value === 'string' ? value.toLowerCase() : value);

export function anyOf(value: unknown, list: unknown): boolean {
  const wanted = lower(value);
  return Array.isArray(list) && list.some((item) => lower(item) === wanted);
}

/** Registers the extras in json-logic-js's global registry (benchmarks only). */
export function registerJsonLogicJs(): void {
  jsonLogic.add_operation('containsAny', containsAny);
  jsonLogic.add_operation('containsAll', containsAll);
  jsonLogic.add_operation('startsWith', startsWith);
  jsonLogic.add_operation('anyOf', anyOf);
  // json-logic-js calls an operation with the data as `this`.
  jsonLogic.add_operation('hasTag', function (this: unknown, ...args: unknown[]) {
    return args.length === 1 ? hasTagIn(tagsOf(this), args[0]) : hasTagIn(args[0], args[1]);
  });
}

/** Registers the extras in a json-logic-engine instance. */
export function registerJsonLogicEngine(engine: LogicEngine): void {
  const two = (fn: (a: unknown, b: unknown) => boolean) => (args: unknown) => {
    const [a, b] = args as [unknown, unknown];
    return fn(a, b);
  };
  engine.addMethod('containsAny', two(containsAny), { deterministic: true });
  engine.addMethod('containsAll', two(containsAll), { deterministic: true });
  engine.addMethod('startsWith', two(startsWith), { deterministic: true });
  engine.addMethod('anyOf', two(anyOf), { deterministic: true });
  engine.addMethod(
    'hasTag',
    (args: unknown, context: unknown) => {
      const list = args as unknown[];
      return list.length === 1 ? hasTagIn(tagsOf(context), list[0]) : hasTagIn(list[0], list[1]);
    },
    { deterministic: false },
  );
}
