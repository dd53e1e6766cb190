import { assertNever } from './assert-never.js';

/** The size limits of a JSON document (a policy or a ticket); see docs/security.md. */
export interface DataLimits {
  /** The most values in the document: objects, arrays, strings, numbers, booleans, `null`. */
  readonly values: number;
  /** The deepest nesting of objects and arrays: the document itself is level 1. */
  readonly depth: number;
  /** The longest string or key, in UTF-16 code units (what `length` counts). */
  readonly stringLength: number;
  /** The most characters in all strings and keys together. */
  readonly textLength: number;
  /** The longest array. */
  readonly arrayLength: number;
}

/** The first limit a document exceeds, where, and by how much. */
export type LimitBreach =
  | { readonly kind: 'values' | 'text'; readonly path: readonly (string | number)[]; readonly limit: number }
  | { readonly kind: 'depth'; readonly path: readonly (string | number)[]; readonly limit: number }
  | {
      readonly kind: 'string' | 'key' | 'array';
      readonly path: readonly (string | number)[];
      readonly limit: number;
      /** The length found. */
      readonly length: number;
    };

/** An object or array waiting to be read, with the way back to the root for its path. */
interface Frame {
  readonly value: object;
  readonly parent: Frame | undefined;
  readonly key: string | number;
  /** 1 for the root. */
  readonly level: number;
}

function pathOf(frame: Frame | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  for (let at = frame; at?.parent !== undefined; at = at.parent) out.push(at.key);
  return out.reverse();
}

/**
 * Walks a document (own enumerable keys of objects, every index of arrays) without recursion
 * and returns the first limit it finds exceeded (the values of an object or array before what
 * is inside them), or `undefined`. The walk stops at
 * the first breach, so it never reads more than `limits.values` values: its cost is bounded
 * by the limits, whatever the input (a cyclic object breaches the depth or values limit).
 * Values are read directly (plain data is the case that must be fast); when a getter throws,
 * the walk starts again reading data properties only (an accessor then counts as one value).
 * A proxy whose traps throw makes the walk throw; callers that read host data handle that as
 * any other read.
 *
 * @param root - Any value, usually parsed JSON.
 * @param limits - The limits to check.
 * @returns The first breach (with a path that exists in `root`), or `undefined`.
 * @example
 * ```ts
 * findLimitBreach({ tags: ['a', 'b', 'c'] }, { values: 100, depth: 8, stringLength: 10, textLength: 100, arrayLength: 2 });
 * //=> { kind: 'array', path: ['tags'], limit: 2, length: 3 }
 * ```
 * @internal
 */
export function findLimitBreach(root: unknown, limits: DataLimits): LimitBreach | undefined {
  try {
    return walk(root, limits, (node, key) => (node as Record<string | number, unknown>)[key]);
  } catch {
    // A getter threw: walk again reading data properties only, running no getter.
    return walk(root, limits, (node, key) => Object.getOwnPropertyDescriptor(node, key)?.value as unknown);
  }
}

function walk(
  root: unknown,
  limits: DataLimits,
  read: (node: object, key: string | number) => unknown,
): LimitBreach | undefined {
  let values = 1;
  let text = 0;
  if (typeof root === 'string') {
    if (root.length > limits.stringLength)
      return { kind: 'string', path: [], limit: limits.stringLength, length: root.length };
    return root.length > limits.textLength ? { kind: 'text', path: [], limit: limits.textLength } : undefined;
  }
  if (root === null || typeof root !== 'object') return undefined;
  const stack: Frame[] = [{ value: root, parent: undefined, key: '', level: 1 }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const node = frame.value;
    const list = Array.isArray(node);
    const keys: readonly string[] | undefined = list ? undefined : Object.keys(node);
    const count = list ? (node as readonly unknown[]).length : (keys as readonly string[]).length;
    if (list && count > limits.arrayLength)
      return { kind: 'array', path: pathOf(frame), limit: limits.arrayLength, length: count };
    if (values + count > limits.values) return { kind: 'values', path: [], limit: limits.values };
    values += count;
    // Children in reverse, so that they are read in document order.
    const containers: Frame[] = [];
    for (let i = 0; i < count; i++) {
      const key: string | number = list ? i : ((keys as readonly string[])[i] as string);
      if (!list) {
        const name = key as string;
        if (name.length > limits.stringLength)
          return { kind: 'key', path: pathOf(frame), limit: limits.stringLength, length: name.length };
        text += name.length;
      }
      const child: unknown = read(node, key);
      if (typeof child === 'string') {
        if (child.length > limits.stringLength) {
          return {
            kind: 'string',
            path: [...pathOf(frame), key],
            limit: limits.stringLength,
            length: child.length,
          };
        }
        text += child.length;
      } else if (child !== null && typeof child === 'object') {
        const childFrame: Frame = { value: child, parent: frame, key, level: frame.level + 1 };
        if (childFrame.level > limits.depth)
          return { kind: 'depth', path: pathOf(childFrame), limit: limits.depth };
        containers.push(childFrame);
      }
      if (text > limits.textLength) return { kind: 'text', path: [], limit: limits.textLength };
    }
    for (let i = containers.length - 1; i >= 0; i--) stack.push(containers[i] as Frame);
  }
  return undefined;
}

/**
 * A breach in words, for an issue's message: `the ticket holds more than 250000 values`,
 * `a list of 1001 items, more than the limit of 1000`.
 *
 * @param breach - What {@link findLimitBreach} found.
 * @param document - What was checked: `ticket` or `policy`.
 * @returns The message, without the consequence.
 * @example
 * ```ts
 * describeLimitBreach({ kind: 'array', path: ['tags'], limit: 2, length: 3 }, 'ticket');
 * //=> 'a list of 3 items, more than the limit of 2'
 * ```
 * @internal
 */
export function describeLimitBreach(breach: LimitBreach, document: 'ticket' | 'policy'): string {
  const limit = String(breach.limit);
  switch (breach.kind) {
    case 'values':
      return `the ${document} holds more than ${limit} values`;
    case 'text':
      return `the ${document} holds more than ${limit} characters of text`;
    case 'depth':
      return `data nested deeper than ${limit} levels`;
    case 'string':
      return `text of ${String(breach.length)} characters, longer than the limit of ${limit}`;
    case 'key':
      return `a key of ${String(breach.length)} characters, longer than the limit of ${limit}`;
    case 'array':
      return `a list of ${String(breach.length)} items, more than the limit of ${limit}`;
    default:
      return assertNever(breach);
  }
}
