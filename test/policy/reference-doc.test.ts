import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safeCompilePolicy } from '../../src/index.js';

const page = readFileSync(new URL('../../docs/policy-reference.md', import.meta.url), 'utf8');
const blocks = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

describe('docs/policy-reference.md', () => {
  it('has JSON examples that all parse', () => {
    expect(blocks.length).toBeGreaterThan(20);
    for (const block of blocks) expect(() => JSON.parse(block) as unknown, block.slice(0, 80)).not.toThrow();
  });

  it('opens with a smallest policy that compiles without warnings', () => {
    const result = safeCompilePolicy(JSON.parse(blocks[0] ?? '') as unknown);
    expect(result.success && result.warnings).toEqual([]);
  });
});
