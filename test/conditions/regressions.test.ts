import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/index.js';

/** An array nested `depth` levels deep around `leaf`. */
function nested(depth: number, leaf: unknown): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('conversions never run code from the data', () => {
  it('substr takes start and length holding objects with an own toString key', () => {
    const data = JSON.parse('{"s":{"toString":1},"t":[{"toString":1}]}') as unknown;
    expect(compileCondition({ substr: ['abcdef', { var: 's' }] })(data)).toBe('abcdef');
    expect(compileCondition({ substr: ['abcdef', 1, { var: 't' }] })(data)).toBe('');
  });

  it('substr takes a start nested 5,000 arrays deep', () => {
    expect(compileCondition({ substr: ['abc', { var: 'd' }] })({ d: nested(5000, 1) })).toBe('abc');
  });

  it('substr with an array end joins it as text, as json-logic-js does', () => {
    const expr = { substr: ['abcdef', 1, [-1]] };
    expect(compileCondition(expr)({})).toBe(jsonLogic.apply(expr as RulesLogic, {}));
  });
});

describe('large data', () => {
  it('merges an array of 300,000 items', () => {
    const x = Array.from({ length: 300_000 }, (_, i) => i);
    expect((compileCondition({ merge: [{ var: 'x' }] })({ x }) as unknown[]).length).toBe(300_000);
  });

  it('missing_some reads an own length key of an object, as json-logic-js does', () => {
    const expr = { missing_some: [1, { var: 'o' }] };
    const data = { o: { length: 2, x: 1 } };
    expect(compileCondition(expr)(data)).toEqual(jsonLogic.apply(expr as RulesLogic, data));
  });
});

describe('word matching', () => {
  const any = (text: unknown, terms: unknown[]): unknown =>
    compileCondition({ containsAny: [{ var: 't' }, terms] })({ t: text });

  it('ignores accents and other combining marks, however they are encoded', () => {
    expect(any('Café au lait', ['cafe'])).toBe(true);
    expect(any('Cafe\u0301 au lait', ['café'])).toBe(true);
    expect(any('İstanbul office', ['istanbul'])).toBe(true);
  });

  it('keeps a word with combining marks whole', () => {
    expect(any('हिन्दी', ['न'])).toBe(false);
    expect(any('हिन्दी भाषा', ['हिन्दी'])).toBe(true);
  });

  it('finds any of 32,000 phrases from the data in one pass over the text', () => {
    const n = 32_000;
    const body = `${'a b '.repeat(n)}c`;
    const terms = Array.from({ length: n }, () => 'a c');
    const started = performance.now();
    expect(compileCondition({ containsAny: [{ var: 'body' }, { var: 'terms' }] })({ body, terms })).toBe(
      false,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('finds all of many overlapping phrases', () => {
    const all = compileCondition({ containsAll: [{ var: 't' }, ['a b', 'b c', 'a b c d', 'c d', 'd']] });
    expect(all({ t: 'x a b c d y' })).toBe(true);
    expect(all({ t: 'x a b c y d' })).toBe(false);
    expect(all({ t: ['a b c', 'd'] })).toBe(false);
    expect(all({ t: ['a b c d'] })).toBe(true);
  });

  it('startsWith compares the lower-cased text', () => {
    expect(compileCondition({ startsWith: [{ var: 't' }, 'İs'] })({ t: 'İstanbul' })).toBe(true);
  });
});
