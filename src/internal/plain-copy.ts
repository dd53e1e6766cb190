/** How deep a copy goes: deeper values are left out (tickets are shallow; this bounds recursion). */
const MAX_DEPTH = 256;

/**
 * A copy of a value as plain data: own enumerable data properties of objects and arrays,
 * `Date`s kept; accessors (getters), functions and symbols left out; a proxy or object whose
 * reading throws becomes `undefined`. Used to read host data that failed when read directly,
 * so that bad ticket data never makes the engine throw (DESIGN §1.3).
 *
 * @param value - Any value.
 * @returns The value as plain data (never sharing objects with it).
 * @example
 * ```ts
 * plainCopy({ a: 1, get b() { throw new Error('no'); } }); //=> { a: 1 }
 * ```
 * @internal
 */
export function plainCopy(value: unknown): unknown {
  return copy(value, 0);
}

function copy(value: unknown, depth: number): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return undefined;
  try {
    if (value instanceof Date) return new Date(value.getTime());
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const descriptor = Object.getOwnPropertyDescriptor(value, i);
        out.push(
          descriptor !== undefined && 'value' in descriptor ? copy(descriptor.value, depth + 1) : undefined,
        );
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined || !('value' in descriptor)) continue;
      // defineProperty: a key such as `__proto__` stays an own data property.
      Object.defineProperty(out, key, {
        value: copy(descriptor.value, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  } catch {
    return undefined;
  }
}
