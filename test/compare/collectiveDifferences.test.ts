import { compareStep } from '../../src/compare/compareStep';
import { toCompareInput, type ExchangeSpec } from './support/exchangePairs';

const get = (json: unknown): ExchangeSpec => ({ request: { method: 'GET', path: '/menu' }, response: { status: 200, headers: { 'content-type': 'application/json' }, body: { json } } });
const menu = Array.from({ length: 7 }, (_, i) => ({ name: `pizza ${i}`, price: `${10 + i}.00` }));

describe('collective differences told as one', () => {
  it('reports a reordered array as one difference with the any-order / by-key hint', () => {
    const differences = compareStep(toCompareInput({ legacy: get({ menu }), candidate: get({ menu: [...menu].reverse() }) })).differences;
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatchObject({ path: '$.menu', disposition: 'regression', collective: { kind: 'reordered', count: 12 } });
    expect(differences[0]?.reason).toContain('same 7 elements, another order');
    expect(differences[0]?.collective?.hint).toMatch(/any-order.*by-key/);
  });

  it('keeps single differences when the elements themselves changed, not only their order', () => {
    const changed = [...menu].reverse().map((item, i) => (i === 0 ? { ...item, price: '99.00' } : item));
    const differences = compareStep(toCompareInput({ legacy: get({ menu }), candidate: get({ menu: changed }) })).differences;
    expect(differences.length).toBeGreaterThan(1);
    expect(differences.every((d) => d.collective === undefined)).toBe(true);
  });

  it('excuses a reorder as noise only when the legacy reordered the array itself', () => {
    const input = toCompareInput({ legacy: get({ menu }), legacyRepeat: get({ menu: [menu[1], menu[0], ...menu.slice(2)] }), candidate: get({ menu: [...menu].reverse() }) });
    const [difference] = compareStep(input).differences;
    expect(difference).toMatchObject({ path: '$.menu', disposition: 'noise', noise: { variation: 'order', path: '$.menu' } });
  });

  it('recognises a reorder of elements whose per-call values the legacy varies itself', () => {
    const priced = (p: number) => menu.map((item) => ({ ...item, price: `${p}.00` }));
    const input = toCompareInput({ legacy: get({ menu: priced(1) }), legacyRepeat: get({ menu: priced(2) }), candidate: get({ menu: [...priced(3)].reverse() }) });
    const differences = compareStep(input).differences;
    expect(differences.map((d) => `${d.path} ${d.disposition} ${d.collective?.kind}`)).toEqual(['$.menu regression reordered']);
  });

  it('shows a renamed key with an equal value as one rename', () => {
    const [difference, ...rest] = compareStep(toCompareInput({ legacy: get({ customerName: 'Ada' }), candidate: get({ customer_name: 'Ada' }) })).differences;
    expect(rest).toEqual([]);
    expect(difference).toMatchObject({ path: '$.customerName', kind: 'missing', disposition: 'regression', collective: { kind: 'renamed', paths: ['$.customerName', '$.customer_name'] } });
  });

  it('groups the varying keys of a map keyed by ids into one difference', () => {
    const legacy = { stock: { '1001': 3, '1002': 4 } };
    const candidate = { stock: { '2001': 5, '2002': 6 } };
    const [difference, ...rest] = compareStep(toCompareInput({ legacy: get(legacy), candidate: get(candidate) })).differences;
    expect(rest).toEqual([]);
    expect(difference).toMatchObject({ path: '$.stock', disposition: 'regression', collective: { kind: 'map-keys', count: 4 } });
  });
});
