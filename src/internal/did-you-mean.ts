import { quote } from './quote.js';

/** Values longer than this get no suggestion. */
const MAX_SUGGESTIBLE = 64;

/**
 * Edit distance between two strings (Levenshtein), case-insensitive.
 *
 * @internal
 */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // Two rows of the dynamic-programming table, as typed arrays (always in bounds).
  let previous = Uint32Array.from({ length: t.length + 1 }, (_, i) => i);
  let current = new Uint32Array(t.length + 1);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s.charCodeAt(i - 1) === t.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    [previous, current] = [current, previous];
  }
  return previous[t.length] as number;
}

/**
 * The closest candidate to `value`, if one is close enough to be a likely typo
 * (at most a third of its length in edits); ties go to the first in order.
 *
 * @internal
 */
export function didYouMean(value: string, candidates: Iterable<string>): string | undefined {
  // A long value is not a typo of a short name, and comparing it would cost time.
  if (value.length > MAX_SUGGESTIBLE) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(value.length / 3)) + 1;
  for (const candidate of candidates) {
    if (candidate === value) continue;
    const d = distance(value, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * ` (did you mean \`x\`?)` or an empty string.
 *
 * @internal
 */
export function suggestion(value: string, candidates: Iterable<string>): string {
  const match = didYouMean(value, candidates);
  return match === undefined ? '' : ` (did you mean ${quote(match)}?)`;
}
