import { compareStep } from '../../src/compare/compareStep';
import { differenceListLimits, listDifferences } from '../../src/compare/listDifferences';
import { differenceCounts } from '../../src/model/differenceCounts';
import type { Difference } from '../../src/model/result';
import { toCompareInput, type ExchangeSpec } from './support/exchangePairs';

const regression = (i: number): Difference => ({ area: 'body', path: `$.items[${i}].price`, kind: 'changed', legacy: i, candidate: i + 1, disposition: 'regression' });
const noise = (path: string): Difference => ({ area: 'body', path, kind: 'changed', legacy: 1, candidate: 2, disposition: 'noise' });
const accepted: Difference = { area: 'header', path: 'header:server', kind: 'changed', legacy: 'a', candidate: 'b', disposition: 'accepted', rule: 'gateway-headers' };

/** Totals per `<disposition>:<rule>` over listed and unlisted differences alike. */
function totals(listed: readonly Difference[], unlisted: ReturnType<typeof listDifferences>['unlisted']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of differenceCounts({ differences: [...listed], unlisted })) out[`${c.disposition}:${c.rule ?? ''}`] = (out[`${c.disposition}:${c.rule ?? ''}`] ?? 0) + c.count;
  return out;
}

describe('listDifferences', () => {
  it('lists every difference, in order, when a step found no more than it lists', () => {
    const differences = [accepted, regression(0), noise('$.seq')];
    expect(listDifferences(differences)).toEqual({ listed: differences, unlisted: [] });
  });

  it('keeps 2 noise differences found after 3,000 regressions, and counts every disposition in full', () => {
    const differences = [...Array.from({ length: 3_000 }, (_, i) => regression(i)), noise('$.seq'), noise('$.requestId'), accepted];
    const { listed, unlisted } = listDifferences(differences);
    expect(listed).toHaveLength(differenceListLimits.maxListed);
    expect(listed.filter((d) => d.disposition === 'noise').map((d) => d.path)).toEqual(['$.seq', '$.requestId']);
    expect(listed).toContain(accepted);
    // In the order found: the regressions first, as the diff walked them.
    expect(listed[0]).toBe(differences[0]);
    expect(listed.slice(-3).map((d) => d.path)).toEqual(['$.seq', '$.requestId', 'header:server']);
    expect(unlisted).toEqual([{ disposition: 'regression', area: 'body', pattern: '$.items[*].price', kind: 'changed', count: 3_000 - (differenceListLimits.maxListed - 3) }]);
    expect(totals(listed, unlisted)).toEqual({ 'regression:': 3_000, 'noise:': 2, 'accepted:gateway-headers': 1 });
  });

  it('lists one of every rule even when there are more rules than room, and the first few of each before the rest', () => {
    const rules = Array.from({ length: 30 }, (_, r) => Array.from({ length: 50 }, (_, i): Difference => ({ area: 'body', path: `$.r${r}[${i}]`, kind: 'changed', disposition: 'accepted', rule: `rule-${r}` })));
    const { listed, unlisted } = listDifferences(rules.flat(), { maxListed: 100, firstOfEach: 3, maxGroups: 100 });
    expect(listed).toHaveLength(100);
    const perRule = new Map<string, number>();
    for (const d of listed) perRule.set(d.rule!, (perRule.get(d.rule!) ?? 0) + 1);
    expect(perRule.size).toBe(30);
    // 30 firsts and 60 seconds and thirds, then 10 more in order (rule-0's).
    expect(perRule.get('rule-0')).toBe(13);
    expect([...perRule.values()].filter((n) => n === 3)).toHaveLength(29);
    expect(totals(listed, unlisted)).toEqual(Object.fromEntries(rules.map((_, r) => [`accepted:rule-${r}`, 50])));
  });

  it('gathers further paths of a rule as "(other paths)" once a step holds the most groups, the counts still exact', () => {
    const differences = Array.from({ length: 40 }, (_, i): Difference => ({ area: 'body', path: `$.field${i}`, kind: 'missing', disposition: 'regression' }));
    const { listed, unlisted } = listDifferences(differences, { maxListed: 10, firstOfEach: 10, maxGroups: 5 });
    expect(listed.map((d) => d.path)).toEqual(differences.slice(0, 10).map((d) => d.path));
    expect(unlisted.map((g) => [g.pattern, g.count])).toEqual([['$.field10', 1], ['$.field11', 1], ['$.field12', 1], ['$.field13', 1], ['$.field14', 1], ['(other paths)', 25]]);
    expect(totals(listed, unlisted)).toEqual({ 'regression:': 40 });
  });
});

describe('compareStep on a body with more differences than a step lists', () => {
  const items = (prices: (i: number) => number) => Array.from({ length: 2_500 }, (_, i) => ({ id: `item-${i}`, price: prices(i) }));
  // `seq` and `requestId` come last, after every changed price, as the gateway sent them.
  const answer = (prices: (i: number) => number, seq: number): ExchangeSpec => ({
    request: { method: 'GET', path: '/items' },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: { json: { items: items(prices), seq, requestId: `req-${seq}` } } },
  });

  it('still tells the 2 noise differences apart from the 2,500 regressions, and lists both kinds', () => {
    const output = compareStep(toCompareInput({ legacy: answer((i) => i, 1), legacyRepeat: answer((i) => i, 2), candidate: answer((i) => i + 0.5, 3) }));
    const counts = totals(output.differences, output.unlisted ?? []);
    expect(counts).toEqual({ 'regression:': 2_500, 'noise:': 2 });
    expect(output.differences).toHaveLength(differenceListLimits.maxListed);
    expect(output.differences.filter((d) => d.disposition === 'noise').map((d) => d.path)).toEqual(['$.seq', '$.requestId']);
    expect(output.unlisted).toEqual([expect.objectContaining({ disposition: 'regression', pattern: '$.items[*].price', count: 2_500 - (differenceListLimits.maxListed - 2) })]);
  });
});
