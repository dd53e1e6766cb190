/**
 * Marks a branch the type checker proves unreachable (every `switch` ends with it).
 *
 * @internal
 */
export function assertNever(value: never): never {
  throw new TypeError(`unexpected value ${String(value)}`);
}
