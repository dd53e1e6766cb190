import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/index.js';

// The matcher remembers the terms found in the last eight texts and reuses the marks of the
// texts it forgets. A list of texts searched with containsAll holds the marks of each text
// while it scans the next ones: reusing them then would mix the texts up.

describe('text cache', () => {
  it('containsAll over more texts than the cache holds sees each text as it is', () => {
    const words = [
      'alpha',
      'bravo',
      'charlie',
      'delta',
      'echo',
      'foxtrot',
      'golf',
      'hotel',
      'india',
      'juliet',
    ];
    const all = compileCondition({ containsAll: [{ var: 'texts' }, words] });
    const texts = words.map((word) => `a note about ${word} only`);
    // Fill the cache with other texts first, so that the list's scans evict and reuse marks.
    const warm = compileCondition({ containsAny: [{ var: 'texts' }, words] });
    expect(warm({ texts: Array.from({ length: 9 }, (_, i) => `filler ${String(i)}`) })).toBe(false);
    expect(all({ texts })).toBe(true);
    expect(all({ texts: texts.slice(1) })).toBe(false);
    expect(all({ texts: [...texts.slice(0, 5), 'nothing here', ...texts.slice(5)] })).toBe(true);
  });

  it('answers the same for a text seen again after many others', () => {
    const any = compileCondition({ containsAny: [{ var: 'subject' }, ['outage']] });
    expect(any({ subject: 'EU outage' })).toBe(true);
    for (let i = 0; i < 20; i++) expect(any({ subject: `calm day ${String(i)}` })).toBe(false);
    expect(any({ subject: 'EU outage' })).toBe(true);
  });
});
