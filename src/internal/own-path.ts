/**
 * Reads a path of own properties of data (never inherited ones: `__proto__` or `constructor`
 * read nothing); `undefined` when a step is missing or not an object.
 *
 * @param root - Any value.
 * @param keys - The path, key by key.
 * @returns The value at the path, or `undefined`.
 * @example
 * ```ts
 * readOwnPath({ impact: { statement: 'down' } }, ['impact', 'statement']); //=> 'down'
 * readOwnPath({}, ['constructor', 'name']); //=> undefined
 * ```
 * @internal
 */
export function readOwnPath(root: unknown, keys: readonly string[]): unknown {
  let current = root;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
