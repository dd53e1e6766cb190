import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as limits from '../../src/index.js';

// docs/security.md states every limit with its value: the tables cannot drift from the code.

const page = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');

const LIMITS: Readonly<Record<string, number>> = {
  MAX_TICKET_EVENTS: limits.MAX_TICKET_EVENTS,
  MAX_TICKET_ARRAY_LENGTH: limits.MAX_TICKET_ARRAY_LENGTH,
  MAX_TICKET_STRING_LENGTH: limits.MAX_TICKET_STRING_LENGTH,
  MAX_TICKET_TEXT_LENGTH: limits.MAX_TICKET_TEXT_LENGTH,
  MAX_TICKET_DEPTH: limits.MAX_TICKET_DEPTH,
  MAX_TICKET_VALUES: limits.MAX_TICKET_VALUES,
  MAX_POLICY_VALUES: limits.MAX_POLICY_VALUES,
  MAX_POLICY_ARRAY_LENGTH: limits.MAX_POLICY_ARRAY_LENGTH,
  MAX_POLICY_STRING_LENGTH: limits.MAX_POLICY_STRING_LENGTH,
  MAX_POLICY_TEXT_LENGTH: limits.MAX_POLICY_TEXT_LENGTH,
  MAX_CONDITION_DEPTH: limits.MAX_CONDITION_DEPTH,
  MAX_CONDITION_NODES: limits.MAX_CONDITION_NODES,
};

describe('docs/security.md', () => {
  it('lists every limit with its value', () => {
    const rows = new Map(
      [...page.matchAll(/^\| `(MAX_[A-Z_]+)` \| ([\d,]+) \|/gm)].map((match) => [
        match[1] ?? '',
        Number((match[2] ?? '').replaceAll(',', '')),
      ]),
    );
    expect(Object.fromEntries(rows)).toEqual(LIMITS);
  });

  it('links to pages that exist', () => {
    for (const [, target = ''] of page.matchAll(/\]\(([\w-]+\.md)(?:#[\w-]+)?\)/g))
      expect(() => readFileSync(new URL(`../../docs/${target}`, import.meta.url)), target).not.toThrow();
  });
});
