/**
 * What the benchmarks share to build their workloads: a deterministic random generator (every
 * run measures the same data) and the vocabulary of a policy's conditions (generated tickets
 * use the policy's own words, services, tags and tiers, so that rules do match).
 */

/** A small linear congruential generator: the same seed gives the same sequence in [0, 1). */
export function lcg(seed: number): () => number {
  // The state is kept as a signed 32-bit integer (the same bits as the unsigned one): V8 holds
  // those as small integers, where an unsigned one of 2³¹ or more would be a new heap number
  // at every draw.
  let state = seed | 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) | 0;
    return (state >>> 0) / 2 ** 32;
  };
}

/** String literals of conditions, by the operator and the variable they are compared with. */
export interface Vocabulary {
  readonly words: string[];
  readonly services: string[];
  readonly tags: string[];
  readonly tiers: string[];
  readonly urgencies: string[];
}

/** The literals of JsonLogic expressions: words searched for, services, tags, tiers and urgencies compared with. */
export function conditionVocabulary(expressions: readonly unknown[]): Vocabulary {
  const found = {
    words: new Set<string>(),
    services: new Set<string>(),
    tags: new Set<string>(),
    tiers: new Set<string>(),
    urgencies: new Set<string>(),
  };
  const strings = (value: unknown): string[] =>
    (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    for (const [op, args] of Object.entries(node)) {
      const list = Array.isArray(args) ? (args as unknown[]) : [args];
      const subject = JSON.stringify(list[0]);
      if (op === 'containsAny' || op === 'containsAll') strings(list[1]).forEach((w) => found.words.add(w));
      if (op === 'hasTag') strings(list[list.length - 1]).forEach((t) => found.tags.add(t));
      if (op === 'anyOf' || op === '==' || op === 'in') {
        const values = strings(list[1]);
        if (subject.includes('service')) values.forEach((v) => found.services.add(v));
        if (subject.includes('tier')) values.forEach((v) => found.tiers.add(v));
        if (subject.includes('urgency')) values.forEach((v) => found.urgencies.add(v));
      }
      walk(args);
    }
  };
  walk(expressions);
  return {
    words: [...found.words],
    services: [...found.services],
    tags: [...found.tags],
    tiers: [...found.tiers],
    urgencies: [...found.urgencies],
  };
}

/** Words that match no rule, to pad generated subjects and descriptions. */
export const FILLER: readonly string[] = [
  'please',
  'help',
  'our',
  'team',
  'sees',
  'issue',
  'with',
  'the',
  'since',
  'this',
  'morning',
  'customers',
  'report',
  'Re:',
  'URGENT',
];
