import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/index.js';

// The safe extras beyond standard JsonLogic (DESIGN.md §8): containsAny, containsAll,
// startsWith, hasTag and anyOf. Word matching is by whole words (token equality), case
// insensitive, with punctuation and any whitespace as boundaries; a word may be a phrase.

const evaluate = (expr: unknown, data: unknown = {}): unknown => compileCondition(expr)(data);
const containsAny = (text: unknown, words: unknown): unknown =>
  evaluate({ containsAny: [{ var: 't' }, { var: 'w' }] }, { t: text, w: words });
const containsAll = (text: unknown, words: unknown): unknown =>
  evaluate({ containsAll: [{ var: 't' }, { var: 'w' }] }, { t: text, w: words });
const startsWith = (text: unknown, prefix: unknown): unknown =>
  evaluate({ startsWith: [{ var: 't' }, { var: 'p' }] }, { t: text, p: prefix });
const anyOf = (value: unknown, list: unknown): unknown =>
  evaluate({ anyOf: [{ var: 'v' }, { var: 'l' }] }, { v: value, l: list });

describe('containsAny', () => {
  it('evaluates a condition on the ticket subject', () => {
    const condition = compileCondition({ containsAny: [{ var: 'ticket.subject' }, ['outage']] });
    expect(condition({ ticket: { subject: 'Total outage in EU' } })).toBe(true);
    expect(condition({ ticket: { subject: 'All good in EU' } })).toBe(false);
    expect(condition({})).toBe(false);
  });

  it('accepts literal arguments', () => {
    expect(evaluate({ containsAny: ['Total outage in EU', ['outage', 'down']] })).toBe(true);
    expect(evaluate({ containsAny: ['Total outage in EU', ['down']] })).toBe(false);
  });

  it('is true when any word is present', () => {
    expect(containsAny('the api is down', ['outage', 'down'])).toBe(true);
    expect(containsAny('the api is slow', ['outage', 'down'])).toBe(false);
  });

  it('ignores case on both sides', () => {
    expect(containsAny('TOTAL OUTAGE', ['outage'])).toBe(true);
    expect(containsAny('total outage', ['OuTaGe'])).toBe(true);
    expect(containsAny('Die STÖRUNG hält an', ['störung'])).toBe(true);
  });

  it('matches whole words only', () => {
    expect(containsAny('outages in EU', ['outage'])).toBe(false);
    expect(containsAny('blackout', ['out'])).toBe(false);
    expect(containsAny('downtime', ['down'])).toBe(false);
    expect(containsAny('shutdown', ['down'])).toBe(false);
    expect(containsAny('p1', ['p'])).toBe(false);
  });

  it('treats letters outside ASCII as part of a word', () => {
    expect(containsAny('Störung', ['rung'])).toBe(false);
    expect(containsAny('Störung', ['st'])).toBe(false);
    expect(containsAny('café down', ['caf'])).toBe(false);
  });

  it('treats punctuation as a word boundary', () => {
    expect(containsAny('down!', ['down'])).toBe(true);
    expect(containsAny('(down)', ['down'])).toBe(true);
    expect(containsAny('is it down? yes', ['down'])).toBe(true);
    expect(containsAny('status:down,again', ['down'])).toBe(true);
    expect(containsAny('"outage".', ['outage'])).toBe(true);
  });

  it('matches words at the start and the end of the text', () => {
    expect(containsAny('outage', ['outage'])).toBe(true);
    expect(containsAny('outage now', ['outage'])).toBe(true);
    expect(containsAny('now outage', ['outage'])).toBe(true);
  });

  it('matches phrases across any whitespace, in any case', () => {
    expect(containsAny('there was possible DATA  loss overnight', ['data loss'])).toBe(true);
    expect(containsAny('possible data\tloss', ['data loss'])).toBe(true);
    expect(containsAny('possible data\nloss', ['data loss'])).toBe(true);
    expect(containsAny('data loss', ['Data   Loss'])).toBe(true);
    expect(containsAny('data lossy', ['data loss'])).toBe(false);
    expect(containsAny('bigdata loss', ['data loss'])).toBe(false);
    expect(containsAny('loss of data', ['data loss'])).toBe(false);
    expect(containsAny('data and loss', ['data loss'])).toBe(false);
  });

  it('accepts an array of strings as the text', () => {
    expect(containsAny(['all fine', 'total Outage'], ['outage'])).toBe(true);
    expect(containsAny(['all fine', 'outages'], ['outage'])).toBe(false);
    expect(containsAny([], ['outage'])).toBe(false);
  });

  it('is false for text that is neither a string nor an array of strings', () => {
    for (const text of [null, undefined, 42, true, { subject: 'outage' }, [['outage']]]) {
      expect(containsAny(text, ['outage']), JSON.stringify(text)).toBe(false);
    }
  });

  it('searches the strings of an array and ignores its other values', () => {
    // A stray number or null among the texts (e.g. tags) does not stop the search.
    expect(containsAny(['outage', 5], ['outage'])).toBe(true);
    expect(containsAny([5, null], ['outage'])).toBe(false);
  });

  it('is false without words', () => {
    expect(containsAny('outage', [])).toBe(false);
  });

  it('never throws on odd words', () => {
    for (const words of [null, 'outage', 42, [null], [42], [''], ['  '], [{}]]) {
      expect(() => containsAny('outage', words), JSON.stringify(words)).not.toThrow();
    }
  });

  it('takes words literally, not as patterns', () => {
    expect(containsAny('a.b', ['a.b'])).toBe(true);
    expect(containsAny('axb', ['a.b'])).toBe(false);
    expect(containsAny('anything', ['.*'])).toBe(false);
    expect(containsAny('anything', ['\\w+'])).toBe(false);
  });
});

describe('containsAll', () => {
  it('is true only when every word is present', () => {
    expect(containsAll('payment failed: card declined', ['payment', 'declined'])).toBe(true);
    expect(containsAll('payment failed', ['payment', 'declined'])).toBe(false);
  });

  it('ignores case and matches whole words and phrases', () => {
    expect(containsAll('PAYMENT Failed, DATA  loss', ['payment', 'data loss'])).toBe(true);
    expect(containsAll('payments failed', ['payment', 'failed'])).toBe(false);
  });

  it('looks across all strings of an array', () => {
    expect(containsAll(['payment failed', 'card declined'], ['payment', 'declined'])).toBe(true);
    expect(containsAll(['payment failed', 'card ok'], ['payment', 'declined'])).toBe(false);
  });

  it('is false for text that is neither a string nor an array of strings', () => {
    for (const text of [null, undefined, 42, false, { a: 'payment' }]) {
      expect(containsAll(text, ['payment']), JSON.stringify(text)).toBe(false);
    }
  });

  it('accepts literal arguments', () => {
    expect(evaluate({ containsAll: ['Total outage in EU', ['outage', 'eu']] })).toBe(true);
  });
});

describe('startsWith', () => {
  it('ignores case', () => {
    expect(startsWith('URGENT: database down', 'urgent')).toBe(true);
    expect(startsWith('urgent: database down', 'URGENT:')).toBe(true);
    expect(startsWith('not urgent', 'urgent')).toBe(false);
  });

  it('matches a prefix, not a word', () => {
    expect(startsWith('urgently', 'urgent')).toBe(true);
  });

  it('is false for non-strings', () => {
    expect(startsWith(12345, '12')).toBe(false);
    expect(startsWith('12345', 12)).toBe(false);
    expect(startsWith(null, 'a')).toBe(false);
    expect(startsWith(['abc'], 'a')).toBe(false);
    expect(startsWith('abc', null)).toBe(false);
    expect(startsWith({ a: 1 }, '[object')).toBe(false);
  });

  it('accepts literal and `var` arguments', () => {
    expect(
      evaluate({ startsWith: [{ var: 'ticket.subject' }, 're:'] }, { ticket: { subject: 'RE: invoice' } }),
    ).toBe(true);
  });
});

describe('hasTag', () => {
  const ticket = { ticket: { tags: ['VIP', 'billing', 'eu-west'] } };

  it('looks in ticket.tags with one argument, ignoring case', () => {
    expect(evaluate({ hasTag: ['vip'] }, ticket)).toBe(true);
    expect(evaluate({ hasTag: ['BILLING'] }, ticket)).toBe(true);
    expect(evaluate({ hasTag: ['EU-West'] }, ticket)).toBe(true);
    expect(evaluate({ hasTag: ['legal'] }, ticket)).toBe(false);
  });

  it('accepts the one-argument form without an array', () => {
    expect(evaluate({ hasTag: 'vip' }, ticket)).toBe(true);
  });

  it('compares whole tags', () => {
    expect(evaluate({ hasTag: ['bill'] }, ticket)).toBe(false);
    expect(evaluate({ hasTag: ['eu'] }, ticket)).toBe(false);
  });

  it('is false when the ticket has no tags', () => {
    expect(evaluate({ hasTag: ['vip'] }, {})).toBe(false);
    expect(evaluate({ hasTag: ['vip'] }, null)).toBe(false);
    expect(evaluate({ hasTag: ['vip'] }, { ticket: {} })).toBe(false);
    expect(evaluate({ hasTag: ['vip'] }, { ticket: { tags: 'vip' } })).toBe(false);
    expect(evaluate({ hasTag: ['vip'] }, { ticket: { tags: null } })).toBe(false);
  });

  it('takes the tags as the first of two arguments', () => {
    const data = { labels: ['Sev1', 'DB'] };
    expect(evaluate({ hasTag: [{ var: 'labels' }, 'sev1'] }, data)).toBe(true);
    expect(evaluate({ hasTag: [{ var: 'labels' }, 'sev2'] }, data)).toBe(false);
    expect(evaluate({ hasTag: [['a', 'B'], 'b'] })).toBe(true);
    expect(evaluate({ hasTag: [{ var: 'missing' }, 'sev1'] }, data)).toBe(false);
  });

  it('computes the tag', () => {
    expect(evaluate({ hasTag: [{ var: 'wanted' }] }, { ...ticket, wanted: 'Vip' })).toBe(true);
  });

  it('is false for a tag that is not a string', () => {
    expect(evaluate({ hasTag: [5] }, { ticket: { tags: ['5'] } })).toBe(false);
    expect(evaluate({ hasTag: [null] }, { ticket: { tags: ['null'] } })).toBe(false);
  });
});

describe('anyOf', () => {
  it('compares strings without case', () => {
    expect(anyOf('P1', ['p1', 'p2'])).toBe(true);
    expect(anyOf('p3', ['P1', 'P2'])).toBe(false);
  });

  it('compares whole strings', () => {
    expect(anyOf('p', ['p1'])).toBe(false);
    expect(anyOf('p1', ['p'])).toBe(false);
  });

  it('compares other values with ===', () => {
    expect(anyOf(1, [1, 2])).toBe(true);
    expect(anyOf(3, [1, 2])).toBe(false);
    expect(anyOf(1, ['1'])).toBe(false);
    expect(anyOf('1', [1])).toBe(false);
    expect(anyOf(true, [true])).toBe(true);
    expect(anyOf(true, [1])).toBe(false);
    expect(anyOf(null, [null])).toBe(true);
    expect(anyOf(null, [undefined, 0, ''])).toBe(false);
  });

  it('is false when the list is not an array', () => {
    expect(anyOf('a', 'abc')).toBe(false);
    expect(anyOf('a', null)).toBe(false);
    expect(anyOf('a', { a: true })).toBe(false);
    expect(anyOf('a', [])).toBe(false);
  });

  it('accepts literal lists and computed values', () => {
    expect(evaluate({ anyOf: [{ var: 'severity' }, ['sev1', 'sev2']] }, { severity: 'SEV1' })).toBe(true);
    expect(evaluate({ anyOf: [{ var: 'severity' }, ['sev1', 'sev2']] }, { severity: 'sev3' })).toBe(false);
  });
});

describe('extras inside standard logic', () => {
  it('combine with and, or and !', () => {
    const condition = compileCondition({
      and: [
        { containsAny: [{ var: 'ticket.subject' }, ['outage', 'data loss']] },
        { or: [{ hasTag: ['vip'] }, { anyOf: [{ var: 'tier' }, ['gold', 'platinum']] }] },
        { '!': { startsWith: [{ var: 'ticket.subject' }, 'test'] } },
      ],
    });
    expect(condition({ ticket: { subject: 'Data loss in EU', tags: [] }, tier: 'Gold' })).toBe(true);
    expect(condition({ ticket: { subject: 'TEST: data loss', tags: ['VIP'] }, tier: 'gold' })).toBe(false);
    expect(condition({ ticket: { subject: 'Slow page', tags: ['VIP'] }, tier: 'gold' })).toBe(false);
    expect(condition({ ticket: { subject: 'outage', tags: [] }, tier: 'bronze' })).toBe(false);
  });

  it('work in scoped logic', () => {
    const data = { ticket: { comments: [{ body: 'fine' }, { body: 'total OUTAGE here' }] } };
    expect(
      evaluate({ some: [{ var: 'ticket.comments' }, { containsAny: [{ var: 'body' }, ['outage']] }] }, data),
    ).toBe(true);
    expect(
      evaluate({ all: [{ var: 'ticket.comments' }, { containsAny: [{ var: 'body' }, ['outage']] }] }, data),
    ).toBe(false);
  });
});
