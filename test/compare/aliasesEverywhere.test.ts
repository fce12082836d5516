import { compareStep } from '../../src/compare/compareStep';
import type { Difference } from '../../src/model/result';
import { defaultBaseUrls, toCompareInput, type ExchangeSpec, type StepSpec } from './support/exchangePairs';

const L = defaultBaseUrls.legacy;
const C = defaultBaseUrls.candidate;
const answer = (json: unknown, headers: Record<string, string> = {}): ExchangeSpec => ({
  request: { method: 'POST', path: '/invoices' },
  response: { status: 201, headers: { 'content-type': 'application/json', ...headers }, body: { json } },
});
const aliases = [{ name: 'invoiceId', legacy: '100', candidate: '102' }];
const run = (legacy: ExchangeSpec, candidate: ExchangeSpec, step?: StepSpec) =>
  compareStep(toCompareInput({ legacy, candidate, aliases, ...(step ? { step } : {}) })).differences.map((d: Difference) => `${d.path} ${d.disposition}${d.rule ? ` ${d.rule}` : ''}`);

describe('aliases wherever the captured value appears', () => {
  it('accepts a short id in Location, Content-Location and Link', () => {
    const headers = (id: string, base: string) => ({ location: `${base}/invoices/${id}`, 'content-location': `${base}/invoices/${id}`, link: `<${base}/invoices/${id}/lines>; rel="lines"` });
    const differences = run(answer({ id: 100 }, headers('100', L)), answer({ id: 102 }, headers('102', C)));
    expect(differences.filter((d) => d.includes('regression'))).toEqual([]);
    expect(differences).toEqual(expect.arrayContaining(['header:location accepted url.base-rewrite', '$.id accepted alias:invoiceId']));
  });

  it('accepts the id inside a message, and still flags the message when anything else changed', () => {
    expect(run(answer({ message: 'invoice 100 created' }), answer({ message: 'invoice 102 created' }))).toEqual(['$.message accepted alias:invoiceId']);
    expect(run(answer({ message: 'invoice 100 created' }), answer({ message: 'invoice 102 stored' }))).toEqual(['$.message regression']);
    expect(run(answer({ message: 'quantity 102' }), answer({ message: 'quantity 100' }))).toEqual(['$.message regression']);
  });

  it('lines up object keys that are the ids each side created', () => {
    expect(run(answer({ byId: { '100': { total: 5 } } }), answer({ byId: { '102': { total: 5 } } }))).toEqual(['$.byId["100"] accepted alias:invoiceId', '$.byId["102"] accepted alias:invoiceId']);
    expect(run(answer({ byId: { '100': { total: 5 } } }), answer({ byId: { '102': { total: 6 } } }))).toEqual(
      expect.arrayContaining(['$.byId["{{alias:invoiceId}}"].total regression']),
    );
  });

  it('pairs array elements by key through the alias', () => {
    const step: StepSpec = { rules: { arrays: [{ path: '$.items', policy: { kind: 'by-key', key: 'id' } }] } };
    const differences = run(answer({ items: [{ id: 7, n: 'x' }, { id: 100, n: 'mine' }] }), answer({ items: [{ id: 102, n: 'mine' }, { id: 7, n: 'x' }] }), step);
    expect(differences.filter((d) => d.includes('regression'))).toEqual([]);
    expect(differences.some((d) => d.includes('alias:invoiceId'))).toBe(true);
  });
});
