import { sideAliases } from '../../src/compare/aliases';
import { baseRewriter } from '../../src/compare/baseUrl';
import { compareStep } from '../../src/compare/compareStep';
import { buildJwtRules } from '../../src/compare/jwtRules';
import { normalizeValue } from '../../src/compare/normalizeValue';
import { toRawForm } from '../../src/compare/rawForm';
import type { NoteSink, SideRules } from '../../src/compare/sideRules';
import { formatJsonPath } from '../../src/model/jsonPath';
import { getProfile } from '../../src/profiles/getProfile';
import { defaultBaseUrls, toCompareInput, type ExchangeSpec } from './support/exchangePairs';

const base = 'https://gateway.api.cloud.wso2.com/t/acme/pizzashack/1.0.0';

function legacySide(): SideRules {
  const profile = getProfile('apicloud');
  return {
    target: 'legacy',
    profile,
    base: baseRewriter(base),
    aliases: sideAliases([{ name: 'orderId', legacy: 'L-1001', candidate: 'C-2002' }], 'legacy'),
    aliasKeys: new Map([['L-1001', 'orderId']]),
    jwt: buildJwtRules([profile, getProfile('choreo')]),
    headerRules: new Map(),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

describe('normalizeValue', () => {
  it('never changes its input, shares every subtree nothing changed in, and copies only the way down to a change', () => {
    const menu = [{ name: 'Margherita', price: 9.5, tags: ['veg'] }, { name: 'Diavola', price: 11 }];
    const value = deepFreeze({ menu, order: { self: `${base}/order/L-1001`, items: [1, 2] }, version: '1.0' });
    const sink: NoteSink = { target: 'legacy', notes: [], facts: new Map() };
    const out = normalizeValue(value, [], { side: legacySide(), sink, at: formatJsonPath, rewriteBase: true }) as typeof value;
    expect(out).toEqual({ menu, order: { self: '{{base}}/order/{{alias:orderId}}', items: [1, 2] }, version: '1.0' });
    expect(out).not.toBe(value);
    expect(out.menu).toBe(menu);
    expect(out.order).not.toBe(value.order);
    expect(out.order.items).toBe(value.order.items);
    expect(Object.keys(out)).toEqual(['menu', 'order', 'version']);
    expect(value.order.self).toBe(`${base}/order/L-1001`);
    expect(sink.notes.map((note) => `${note.rule} ${note.path}`)).toEqual(['url.base-rewrite $.order.self', 'alias:orderId $.order.self']);
  });

  it('returns an unchanged value itself, and names a change inside an array by its index', () => {
    const sink: NoteSink = { target: 'legacy', notes: [], facts: new Map() };
    const context = { side: legacySide(), sink, at: formatJsonPath, rewriteBase: true };
    const plain = deepFreeze({ a: [1, 'two', { three: null }] });
    expect(normalizeValue(plain, [], context)).toBe(plain);
    const links = deepFreeze({ links: ['/elsewhere', `${base}/menu`] });
    expect(normalizeValue(links, ['page'], context)).toEqual({ links: ['/elsewhere', '{{base}}/menu'] });
    expect(sink.notes.map((note) => note.path)).toEqual(['$.page.links[1]']);
  });
});

describe('raw forms and the comparison', () => {
  const get = (json: unknown): ExchangeSpec => ({
    request: { method: 'GET', path: '/menu' },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: { json } },
  });

  it('share a body without JWTs with the recorded exchange instead of copying it', () => {
    const input = toCompareInput({ legacy: get({ items: [{ id: 1 }] }), candidate: get({ items: [{ id: 1 }] }) });
    const raw = toRawForm(input.legacy.response!);
    expect(raw.body).toEqual({ kind: 'json', value: { items: [{ id: 1 }] } });
    expect((raw.body as { value: unknown }).value).toBe(input.legacy.response!.body.json);
  });

  it('never change a recorded exchange: the same verdicts from deep-frozen exchanges', () => {
    const spec = {
      legacy: get({ seq: 1, self: `${defaultBaseUrls.legacy}/order/1`, items: [{ name: 'Margherita' }] }),
      legacyRepeat: get({ seq: 2, self: `${defaultBaseUrls.legacy}/order/1`, items: [{ name: 'Margherita' }] }),
      candidate: get({ seq: 3, self: `${defaultBaseUrls.candidate}/order/1`, items: [{ name: 'Diavola' }] }),
    };
    const expected = compareStep(toCompareInput(spec));
    const frozen = toCompareInput(spec);
    deepFreeze(frozen.legacy);
    deepFreeze(frozen.legacyRepeat);
    deepFreeze(frozen.candidate);
    expect(compareStep(frozen)).toEqual(expected);
    expect(expected.differences.map((d) => `${d.path} ${d.disposition}${d.rule ? ` ${d.rule}` : ''}`)).toEqual([
      '$.self accepted url.base-rewrite',
      '$.seq noise',
      '$.items[0].name regression',
    ]);
  });
});

describe('baseRewriter', () => {
  it('is built once per base URL and shared', () => {
    expect(baseRewriter(`${base}/`)).toBe(baseRewriter(`${base}/`));
    expect(baseRewriter(`${base}/`).rewrite(`${base}/x and ${base}/y`)).toBe('{{base}}/x and {{base}}/y');
    expect(baseRewriter(`${base}/`).rewrite(`${base}/z`)).toBe('{{base}}/z');
  });
});
