import { evaluateJsonPath, formatJsonPath, jsonPathMatches, jsonPathMatchesExactly, parseJsonPath } from '../src/model/jsonPath';

describe('JSON paths', () => {
  const doc = { items: [{ name: 'a', price: '1' }, { name: 'b', price: '2' }], 'odd key': { x: 1 } };

  it('evaluates keys, indexes, wildcards, quoted keys and deep scans', () => {
    expect(evaluateJsonPath('$.items[1].name', doc)).toEqual(['b']);
    expect(evaluateJsonPath('$.items[*].price', doc)).toEqual(['1', '2']);
    expect(evaluateJsonPath('$["odd key"].x', doc)).toEqual([1]);
    expect(evaluateJsonPath('$..price', doc)).toEqual(['1', '2']);
    expect(evaluateJsonPath('$.missing', doc)).toEqual([]);
  });

  it('matches concrete diff paths against patterns, including everything below a matched node', () => {
    expect(jsonPathMatches(parseJsonPath('$.items[*].price'), ['items', 3, 'price'])).toBe(true);
    expect(jsonPathMatches(parseJsonPath('$.items'), ['items', 0, 'name'])).toBe(true);
    expect(jsonPathMatches(parseJsonPath('$..price'), ['a', 'b', 'price'])).toBe(true);
    expect(jsonPathMatches(parseJsonPath('$.items[0]'), ['items', 1])).toBe(false);
    expect(jsonPathMatchesExactly(parseJsonPath('$.items'), ['items', 0])).toBe(false);
    expect(jsonPathMatchesExactly(parseJsonPath('$.items'), ['items'])).toBe(true);
  });

  it('prints concrete paths the way people write them and rejects malformed expressions', () => {
    expect(formatJsonPath(['items', 2, 'odd key'])).toBe('$.items[2]["odd key"]');
    expect(() => parseJsonPath('items.a')).toThrow('must start with "$"');
    expect(() => parseJsonPath('$.items[')).toThrow('never closed');
  });
});
