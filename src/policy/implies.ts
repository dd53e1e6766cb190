// A small, sound (never wrong, often silent) implication check between JsonLogic
// conditions, for finding first-match rules that an earlier rule shadows. "a implies b"
// means: on any data where a is truthy, b is truthy too.

type Node = Readonly<Record<string, unknown>>;

function operator(expr: unknown): [string, readonly unknown[]] | undefined {
  if (expr === null || typeof expr !== 'object' || Array.isArray(expr)) return undefined;
  const keys = Object.keys(expr);
  if (keys.length !== 1) return undefined;
  const [op] = keys as [string];
  const args = (expr as Node)[op];
  return [op, Array.isArray(args) ? args : [args]];
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((key) => Object.hasOwn(b, key) && equal((a as Node)[key], (b as Node)[key]))
  );
}

/**
 * True for a condition that holds on every ticket: a truthy literal (`true`, `1`, `"x"`)
 * or an `or` with one.
 *
 * @internal
 */
export function isAlwaysTrue(expr: unknown): boolean {
  if (expr === true || (typeof expr === 'number' && expr !== 0 && !Number.isNaN(expr))) return true;
  if (typeof expr === 'string') return expr !== '';
  const node = operator(expr);
  if (node === undefined) return false;
  const [op, args] = node;
  if (op === 'or') return args.some(isAlwaysTrue);
  if (op === 'and') return args.length > 0 && args.every(isAlwaysTrue);
  return false;
}

const isLiteral = (value: unknown): boolean => value === null || typeof value !== 'object';

/** Literal words of a list, lowercased; `undefined` unless every element is a literal string. */
function words(value: unknown): Set<string> | undefined {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return undefined;
  return new Set(value.map((word: string) => word.toLowerCase()));
}

/** Literal values of a list; `undefined` unless every element is a literal. */
function literals(value: unknown): unknown[] | undefined {
  return Array.isArray(value) && value.every(isLiteral) ? value : undefined;
}

const subset = <T>(small: Iterable<T>, large: { has(value: T): boolean }): boolean => {
  for (const item of small) if (!large.has(item)) return false;
  return true;
};

/** A comparison of an expression with a number, normalised to `expr op n`. */
function bound(expr: unknown): { subject: unknown; op: '>' | '>=' | '<' | '<='; n: number } | undefined {
  const node = operator(expr);
  if (node === undefined) return undefined;
  const [op, args] = node;
  if ((op !== '>' && op !== '>=' && op !== '<' && op !== '<=') || args.length !== 2) return undefined;
  const [left, right] = args;
  const flip = { '>': '<', '>=': '<=', '<': '>', '<=': '>=' } as const;
  if (typeof right === 'number' && Number.isFinite(right) && !isLiteral(left))
    return { subject: left, op, n: right };
  if (typeof left === 'number' && Number.isFinite(left) && !isLiteral(right))
    return { subject: right, op: flip[op], n: left };
  return undefined;
}

/** `x a.op a.n` implies `x b.op b.n` (relational comparison with a number always compares numbers). */
function boundImplies(
  a: NonNullable<ReturnType<typeof bound>>,
  b: NonNullable<ReturnType<typeof bound>>,
): boolean {
  if (!equal(a.subject, b.subject)) return false;
  const above = (op: string): boolean => op === '>' || op === '>=';
  if (above(a.op) !== above(b.op)) return false;
  if (a.n === b.n) return a.op === b.op || a.op === '>' || a.op === '<';
  return above(a.op) ? a.n > b.n : a.n < b.n;
}

function leafImplies(a: unknown, b: unknown): boolean {
  const na = operator(a);
  const nb = operator(b);
  if (na === undefined || nb === undefined) return false;
  const [opA, argsA] = na;
  const [opB, argsB] = nb;
  // Same haystack, word lists: any of A ⊆ any of B; all of A ⊇ all of B; all of A meets any of B.
  if (argsA.length === 2 && argsB.length === 2 && equal(argsA[0], argsB[0])) {
    const listA = words(argsA[1]);
    const listB = words(argsB[1]);
    if (listA !== undefined && listB !== undefined && listA.size > 0 && listB.size > 0) {
      if (opA === 'containsAny' && opB === 'containsAny') return subset(listA, listB);
      if (opA === 'containsAll' && opB === 'containsAll') return subset(listB, listA);
      if (opA === 'containsAll' && opB === 'containsAny') return [...listA].some((word) => listB.has(word));
      if (opA === 'anyOf' && opB === 'anyOf') return subset(listA, listB);
    }
  }
  // `in` over literal lists with the same needle.
  if (opA === 'in' && opB === 'in' && argsA.length === 2 && argsB.length === 2 && equal(argsA[0], argsB[0])) {
    const listA = literals(argsA[1]);
    const listB = literals(argsB[1]);
    if (listA !== undefined && listB !== undefined && listA.length > 0) return subset(listA, new Set(listB));
  }
  const boundA = bound(a);
  const boundB = bound(b);
  return boundA !== undefined && boundB !== undefined && boundImplies(boundA, boundB);
}

/**
 * True when condition `a` provably implies condition `b` (so a rule with `a` after a
 * rule with `b` never matches first). Sound, not complete: `false` means "not shown".
 *
 * @internal
 */
export function implies(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > 16) return false;
  if (equal(a, b) || isAlwaysTrue(b)) return true;
  const na = operator(a);
  const nb = operator(b);
  if (na?.[0] === 'and' && na[1].some((x) => implies(x, b, depth + 1))) return true;
  if (na?.[0] === 'or' && na[1].length > 0 && na[1].every((x) => implies(x, b, depth + 1))) return true;
  if (nb?.[0] === 'or' && nb[1].some((y) => implies(a, y, depth + 1))) return true;
  if (nb?.[0] === 'and' && nb[1].length > 0 && nb[1].every((y) => implies(a, y, depth + 1))) return true;
  return leafImplies(a, b);
}
