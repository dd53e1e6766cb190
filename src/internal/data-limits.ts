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
    return walk(root, limits, false);
  } catch {
    // A getter threw: walk again reading data properties only, running no getter.
    return walk(root, limits, true);
  }
}

/**
 * The walk of {@link findLimitBreach}, depth first in document order. Every decision reads the
 * whole ticket this way (a sixteenth of its time), so the walk allocates nothing per value or
 * container: the containers waiting to be read are triples on one flat stack (value, key,
 * level), pushed in reverse so that they are read in document order, and the path of the
 * container being read is `path[0 .. level - 2]`, each level's key written when its container
 * is read (depth first, the entries below it are then those of its ancestors).
 */
function walk(root: unknown, limits: DataLimits, dataOnly: boolean): LimitBreach | undefined {
  if (typeof root === 'string') {
    if (root.length > limits.stringLength)
      return { kind: 'string', path: [], limit: limits.stringLength, length: root.length };
    return root.length > limits.textLength ? { kind: 'text', path: [], limit: limits.textLength } : undefined;
  }
  if (root === null || typeof root !== 'object') return undefined;
  let values = 1;
  let text = 0;
  const plainPrototype = !hasEnumerableKey(Object.prototype);
  const path: (string | number)[] = [];
  const stack: unknown[] = [root, '', 1];
  while (stack.length > 0) {
    const level = stack.pop() as number;
    const at = stack.pop() as string | number;
    const node = stack.pop() as object;
    if (level > 1) path[level - 2] = at;
    const pushed = stack.length;
    if (Array.isArray(node)) {
      const items = node as readonly unknown[];
      const count = items.length;
      if (count > limits.arrayLength)
        return { kind: 'array', path: path.slice(0, level - 1), limit: limits.arrayLength, length: count };
      if (values + count > limits.values) return { kind: 'values', path: [], limit: limits.values };
      values += count;
      for (let i = 0; i < count; i++) {
        const value = dataOnly ? (Object.getOwnPropertyDescriptor(items, i)?.value as unknown) : items[i];
        if (typeof value === 'string') {
          if (value.length > limits.stringLength) {
            return {
              kind: 'string',
              path: [...path.slice(0, level - 1), i],
              limit: limits.stringLength,
              length: value.length,
            };
          }
          text += value.length;
          if (text > limits.textLength) return { kind: 'text', path: [], limit: limits.textLength };
        } else if (value !== null && typeof value === 'object') {
          if (level + 1 > limits.depth)
            return { kind: 'depth', path: [...path.slice(0, level - 1), i], limit: limits.depth };
          stack.push(value, i, level + 1);
        }
      }
    } else {
      // `for...in` reads each value by the position the object's shape gives it (no keyed
      // lookup, no array of keys); it lists own keys in the order of Object.keys, then inherited
      // ones, which an object whose prototype has no enumerable key (plain data) cannot have.
      const prototype: unknown = Object.getPrototypeOf(node);
      const plain = prototype === null || (prototype === Object.prototype && plainPrototype);
      const before = values;
      for (const key in node) {
        if (!plain && !Object.hasOwn(node, key)) continue;
        // The count of values is checked per key: Object.keys would tell it before the first
        // key, so a breach below is checked against it before it is reported (see overCount).
        if (++values > limits.values) return { kind: 'values', path: [], limit: limits.values };
        if (key.length > limits.stringLength) {
          return (
            overCount(node, before, limits) ?? {
              kind: 'key',
              path: path.slice(0, level - 1),
              limit: limits.stringLength,
              length: key.length,
            }
          );
        }
        text += key.length;
        const value = dataOnly
          ? (Object.getOwnPropertyDescriptor(node, key)?.value as unknown)
          : (node as Record<string, unknown>)[key];
        if (typeof value === 'string') {
          if (value.length > limits.stringLength) {
            return (
              overCount(node, before, limits) ?? {
                kind: 'string',
                path: [...path.slice(0, level - 1), key],
                limit: limits.stringLength,
                length: value.length,
              }
            );
          }
          text += value.length;
        } else if (value !== null && typeof value === 'object') {
          if (level + 1 > limits.depth) {
            return (
              overCount(node, before, limits) ?? {
                kind: 'depth',
                path: [...path.slice(0, level - 1), key],
                limit: limits.depth,
              }
            );
          }
          stack.push(value, key, level + 1);
        }
        if (text > limits.textLength)
          return overCount(node, before, limits) ?? { kind: 'text', path: [], limit: limits.textLength };
      }
    }
    // The containers just pushed, reversed (as triples), so that the first is read first.
    for (let low = pushed, high = stack.length - 3; low < high; low += 3, high -= 3) {
      for (let k = 0; k < 3; k++) {
        const swap = stack[low + k];
        stack[low + k] = stack[high + k];
        stack[high + k] = swap;
      }
    }
  }
  return undefined;
}

/** Whether `for...in` lists a key of this object (its own or an inherited one). */
function hasEnumerableKey(value: object): boolean {
  for (const _key in value) return true;
  return false;
}

/**
 * The breach of the values limit that an object whose values were counted from `before` on
 * makes, or `undefined`: the walk checks this count before the object's keys and values.
 */
function overCount(node: object, before: number, limits: DataLimits): LimitBreach | undefined {
  return before + Object.keys(node).length > limits.values
    ? { kind: 'values', path: [], limit: limits.values }
    : undefined;
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
