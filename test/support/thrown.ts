/**
 * The error `fn` throws; fails the test when it throws nothing or a non-Error.
 *
 * @param fn - The call expected to throw.
 * @returns The thrown error, for exact comparisons with `toEqual`.
 */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected a throw');
}
