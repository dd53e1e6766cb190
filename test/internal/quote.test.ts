import { describe, expect, it } from 'vitest';
import { quote } from '../../src/internal/quote.js';

describe('quote', () => {
  it('puts a value in backticks', () => {
    expect(quote('Europe/Berlin')).toBe('`Europe/Berlin`');
  });

  it('escapes backticks, backslashes and control characters so a message stays on one line', () => {
    expect(quote('1h`\nfoo\\')).toBe('`1h\\`\\u000afoo\\\\`');
    expect(quote('a\u2028b\u0000')).toBe('`a\\u2028b\\u0000`');
  });

  it('cuts long values to 60 characters with an ellipsis', () => {
    expect(quote('A'.repeat(200_000))).toBe(`\`${'A'.repeat(60)}…\``);
  });
});
