import { expect } from 'vitest';
import type { Issue } from '../../src/index.js';

// Shared by the bad-input properties: seeds, well-formed issues, and one-node mutations.

/** The fast-check seed from FC_SEED (CI sets it and prints it). */
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
/** fast-check parameters: `numRuns`, and the seed when one is set. */
export const params = (numRuns: number): { numRuns: number; seed?: number } =>
  seed === undefined ? { numRuns } : { numRuns, seed };

/** Whether `path` leads to a value in `root` (the last key may be missing for `missing_key`). */
export function pathExists(root: unknown, issue: Issue): boolean {
  const path = issue.code === 'missing_key' ? issue.path.slice(0, -1) : issue.path;
  let current = root;
  for (const key of path) {
    if (
      current === null ||
      typeof current !== 'object' ||
      !Object.prototype.hasOwnProperty.call(current, key)
    ) {
      return issue.code === 'unknown_key' && key === issue.path[issue.path.length - 1];
    }
    current = (current as Record<string | number, unknown>)[key];
  }
  return true;
}

export function expectWellFormed(input: unknown, issues: readonly Issue[]): void {
  for (const issue of issues) {
    expect(issue.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(issue.message).not.toMatch(/\n/);
    expect(issue.message).toMatch(/^[a-z`(]/);
    expect(pathExists(input, issue), `${issue.code} at ${JSON.stringify(issue.path)}`).toBe(true);
  }
}

/** Replaces one node of a JSON value, chosen by `pick`, with `replacement`. */
export function mutate(value: unknown, pick: number, replacement: unknown): unknown {
  const nodes: { parent: Record<string | number, unknown>; key: string | number }[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      nodes.push({ parent: node as Record<string, unknown>, key: Array.isArray(node) ? Number(key) : key });
      walk(child);
    }
  };
  const copy = structuredClone(value);
  walk(copy);
  const target = nodes[pick % Math.max(1, nodes.length)];
  if (target === undefined) return replacement;
  target.parent[target.key] = replacement;
  return copy;
}
