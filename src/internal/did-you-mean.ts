/**
 * Edit distance between two strings (Levenshtein), case-insensitive.
 *
 * @internal
 */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/**
 * The closest candidate to `value`, if one is close enough to be a likely typo
 * (at most a third of its length in edits); ties go to the first in order.
 *
 * @internal
 */
export function didYouMean(value: string, candidates: Iterable<string>): string | undefined {
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
  return match === undefined ? '' : ` (did you mean \`${match}\`?)`;
}
