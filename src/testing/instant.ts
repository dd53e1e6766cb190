/** An ISO string ends with `Z` or an offset (a string without one is ambiguous: DESIGN §1.2). */
const WITH_OFFSET = /(?:z|[+-]\d{2}(?::?\d{2})?)$/i;
/** The largest distance from the epoch a `Date` can hold. */
const MAX_MS = 8.64e15;

/**
 * Epoch milliseconds of an instant written in a test case or passed to a matcher: an ISO
 * string with an offset, epoch milliseconds or a `Date`; `undefined` for anything else.
 *
 * @internal
 */
export function instantMs(value: unknown): number | undefined {
  let ms: number | undefined;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && WITH_OFFSET.test(value.trim())) ms = Date.parse(value);
  return ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= MAX_MS ? ms : undefined;
}

/**
 * The ISO 8601 UTC form decisions use (`2026-03-09T14:00:00.000Z`).
 *
 * @internal
 */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * An instant as decisions write it, or `undefined` when the value is not an instant.
 *
 * @internal
 */
export function toIso(value: unknown): string | undefined {
  const ms = instantMs(value);
  return ms === undefined ? undefined : isoOf(ms);
}
