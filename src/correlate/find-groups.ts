import type { CorrelationRelation, ModelProblems } from '../policy/index.js';
import { forEachKeywordKey, keywordsOf, selectKeywords } from './keywords.js';
import type { TicketEntry } from './read-tickets.js';

/** The bit of each relation in a group's mask, in the order groups list them. */
const RELATION_BITS: readonly (readonly [CorrelationRelation, number])[] = [
  ['related', 1],
  ['service', 2],
  ['keywords', 4],
];
/** How often (in tickets) stale keys are dropped from the keyword index. */
const SWEEP_EVERY = 4096;

/** A group of related tickets, before problems: entry indices in time order. */
export interface FoundGroup {
  /** Entry indices, earliest first (same instant: by id). */
  readonly members: readonly number[];
  readonly relations: readonly CorrelationRelation[];
  /** The group's most shared keywords (at most 5, each shared by two tickets or more). */
  readonly keywords: readonly string[];
}

/** Disjoint sets over `n` items: union by size, path halving, and a mask of the relations used. */
function disjointSets(n: number): {
  find: (i: number) => number;
  union: (a: number, b: number, bit: number) => void;
  mask: Uint8Array;
} {
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    let x = i;
    while (parent[x] !== x) {
      const up = parent[parent[x] as number] as number;
      parent[x] = up;
      x = up;
    }
    return x;
  };
  const union = (a: number, b: number, bit: number): void => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) {
      mask[ra] = (mask[ra] as number) | bit;
      return;
    }
    if ((size[ra] as number) < (size[rb] as number)) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra] = (size[ra] as number) + (size[rb] as number);
    mask[ra] = (mask[ra] as number) | (mask[rb] as number) | bit;
  };
  return { find, union, mask };
}

/** Code-unit order (never the host's locale). */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Groups tickets by the policy's relations in near-linear time: explicit links; the same
 * service with each ticket within the window of the previous one; the same set of
 * `minShared` keywords, likewise within the window. Every relation is a chain through time
 * order, so no pair of tickets is ever compared: sorting dominates (n log n).
 *
 * @internal
 */
export function findGroups(
  entries: readonly TicketEntry[],
  settings: ModelProblems,
): { readonly groups: readonly FoundGroup[]; readonly order: readonly number[] } {
  const n = entries.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    const x = entries[a] as TicketEntry;
    const y = entries[b] as TicketEntry;
    return x.at - y.at || compareText(x.id, y.id);
  });
  const sets = disjointSets(n);
  const { windowMs, relations } = settings;
  const at = (i: number): number => (entries[i] as TicketEntry).at;

  if (relations.has('related')) {
    const byId = new Map<string, number>();
    for (const [i, entry] of entries.entries()) byId.set(entry.id, i);
    for (const [i, entry] of entries.entries()) {
      for (const other of entry.related) {
        const j = byId.get(other);
        if (j !== undefined && j !== i) sets.union(i, j, 1);
      }
    }
  }

  if (relations.has('service')) {
    const last = new Map<string, number>();
    for (const i of order) {
      const service = (entries[i] as TicketEntry).service;
      if (service === undefined) continue;
      const previous = last.get(service);
      if (previous !== undefined && at(i) - at(previous) <= windowMs) sets.union(i, previous, 2);
      last.set(service, i);
    }
  }

  let kept: readonly Int32Array[] = [];
  let vocabulary: readonly string[] = [];
  if (relations.has('keywords')) {
    const { minLength, stopWords, maxShare, minShared } = settings.keywords;
    const words = entries.map((entry) => keywordsOf(entry.text, minLength, stopWords));
    ({ kept, vocabulary } = selectKeywords(words, maxShare));
    const last = new Map<number | string, number>();
    let processed = 0;
    let i = 0;
    const visit = (key: number | string): void => {
      const previous = last.get(key);
      if (previous !== undefined && at(i) - at(previous) <= windowMs) sets.union(i, previous, 4);
      last.set(key, i);
    };
    for (i of order) {
      forEachKeywordKey(kept[i] as Int32Array, minShared, vocabulary.length, visit);
      // Keys last seen more than a window ago relate nothing any more: the index stays small.
      if (++processed % SWEEP_EVERY === 0) {
        const horizon = at(i) - windowMs;
        for (const [key, j] of last) if (at(j) < horizon) last.delete(key);
      }
    }
  }

  // Members by root, in time order; a root's first member fixes the group's place.
  const byRoot = new Map<number, number[]>();
  for (const i of order) {
    const root = sets.find(i);
    const members = byRoot.get(root);
    if (members === undefined) byRoot.set(root, [i]);
    else members.push(i);
  }
  const groups: FoundGroup[] = [];
  for (const [root, members] of byRoot) {
    if (members.length < 2) continue;
    const mask = sets.mask[root] as number;
    groups.push({
      members,
      relations: RELATION_BITS.filter(([, bit]) => (mask & bit) !== 0).map(([name]) => name),
      keywords: sharedKeywords(members, kept, vocabulary),
    });
  }
  return { groups, order };
}

/** The keywords most shared among members (two tickets at least), at most 5, ties in code-unit order. */
function sharedKeywords(
  members: readonly number[],
  kept: readonly Int32Array[],
  vocabulary: readonly string[],
): string[] {
  if (kept.length === 0) return [];
  const counts = new Map<number, number>();
  for (const i of members) for (const id of kept[i] ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count >= 2)
    .map(([id, count]) => ({ word: vocabulary[id] ?? '', count }))
    .sort((a, b) => b.count - a.count || compareText(a.word, b.word))
    .slice(0, 5)
    .map(({ word }) => word);
}
