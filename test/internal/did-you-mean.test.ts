import { describe, expect, it } from 'vitest';
import { didYouMean, suggestion } from '../../src/internal/did-you-mean.js';

describe('didYouMean', () => {
  it('suggests the closest candidate for a likely typo', () => {
    expect(didYouMean('us-bizness', ['eu-business', 'us-business', 'apac'])).toBe('us-business');
    expect(didYouMean('america/new_york', ['America/New_York'])).toBe('America/New_York');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(didYouMean('Mars/Olympus', ['Europe/Berlin', 'Asia/Tokyo'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });

  it('suggests nothing for a value far longer than any name', () => {
    expect(didYouMean('A'.repeat(200_000), ['America/New_York'])).toBeUndefined();
  });

  it('formats the suggestion for a message', () => {
    expect(suggestion('sev', ['sev1'])).toBe(' (did you mean `sev1`?)');
    expect(suggestion('zzzz', ['sev1'])).toBe('');
  });
});
