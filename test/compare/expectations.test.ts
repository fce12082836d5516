import { evaluateExpectations, expectationDifferences, expectationVars, improvedChecks } from '../../src/compare/expectations';
import type { Expectation } from '../../src/suite/types';
import { defaultBaseUrls, makeExchange } from './support/exchangePairs';

const expectation = (partial: Partial<Expectation>): Expectation => ({ status: [], headers: {}, json: {}, ...partial });
const aliases = [{ name: 'orderId', legacy: 'L-1001', candidate: 'C-2002' }];

describe('expectations', () => {
  it("expands {{base}} and captured values with each side's own values", () => {
    const expect_ = expectation({ headers: { location: { equals: '{{base}}/order/{{orderId}}' } }, json: { '$.orderId': '{{orderId}}' } });
    for (const target of ['legacy', 'candidate'] as const) {
      const base = defaultBaseUrls[target];
      const id = aliases[0]![target];
      const exchange = makeExchange(target, { request: { method: 'POST', path: '/order' }, response: { status: 201, headers: { Location: `${base}/order/${id}` }, body: { json: { orderId: id } } } }, base);
      const results = evaluateExpectations(expect_, exchange, expectationVars(base, aliases, target));
      expect(results.map((result) => [result.check, result.ok])).toEqual([
        ['header:location', true],
        ['$.orderId', true],
      ]);
    }
  });

  it('checks status lists, header presence and JSON values, and reports what it saw', () => {
    const exchange = makeExchange('candidate', { request: { method: 'GET', path: '/' }, response: { status: 500, body: { json: { items: [1, 2] } } } }, 'https://c');
    const results = evaluateExpectations(expectation({ status: [200, 204], headers: { etag: { present: true } }, json: { '$.items[0]': 1, '$.missing': 1 } }), exchange, {});
    expect(results).toEqual([
      { target: 'candidate', check: 'status', ok: false, expected: [200, 204], actual: 500 },
      { target: 'candidate', check: 'header:etag', ok: false, expected: 'present', actual: undefined },
      { target: 'candidate', check: '$.items[0]', ok: true, expected: 1, actual: 1 },
      { target: 'candidate', check: '$.missing', ok: false, expected: 1, actual: [] },
    ]);
  });

  it('makes a candidate failure a regression and a legacy-only failure an improvement', () => {
    const results = [
      { target: 'legacy' as const, check: 'status', ok: true, expected: [200], actual: 200 },
      { target: 'candidate' as const, check: 'status', ok: false, expected: [200], actual: 500 },
      { target: 'legacy' as const, check: 'header:etag', ok: false, expected: 'present', actual: undefined },
      { target: 'candidate' as const, check: 'header:etag', ok: true, expected: 'present', actual: '"a"' },
    ];
    expect(expectationDifferences(results).map((d) => [d.path, d.disposition])).toEqual([
      ['status', 'regression'],
      ['header:etag', 'improvement'],
    ]);
    expect(improvedChecks(results)).toEqual(['header:etag']);
  });

  it('calls an expectation both sides break a both-fail, not a candidate regression', () => {
    const results = [
      { target: 'legacy' as const, check: 'status', ok: false, expected: [200], actual: 401 },
      { target: 'candidate' as const, check: 'status', ok: false, expected: [200], actual: 401 },
    ];
    const [difference] = expectationDifferences(results);
    expect(difference?.disposition).toBe('both-fail');
    expect(difference?.reason).toContain('fails on the legacy too: check the suite or the credentials');
  });

  it('keeps a candidate failure a regression when the legacy has no answer to check it on', () => {
    const [difference] = expectationDifferences([{ target: 'candidate' as const, check: 'status', ok: false, expected: [200], actual: 500 }]);
    expect(difference?.disposition).toBe('regression');
  });
});
