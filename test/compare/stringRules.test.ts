import { aliasPairFor, replaceAliases, sideAliases } from '../../src/compare/aliases';
import { baseRewriter } from '../../src/compare/baseUrl';
import { openJwt } from '../../src/compare/jwtView';
import { maskTokenMarkers } from '../../src/compare/tokenMarkers';

const legacyBase = 'https://gateway.api.cloud.wso2.com/t/companyn3/pizzashack/1.0.0';

describe('base URL rewrite (facts §2)', () => {
  const rewriter = baseRewriter(`${legacyBase}/`);

  it('rewrites the base of absolute URLs wherever they appear, ignoring a trailing slash on the base', () => {
    expect(rewriter.rewrite(`${legacyBase}/order/1`)).toBe('{{base}}/order/1');
    expect(rewriter.rewrite(`see ${legacyBase}?page=2 and ${legacyBase}`)).toBe('see {{base}}?page=2 and {{base}}');
  });

  it('rewrites a path-only reference at the start of a value or inside a Link header', () => {
    expect(rewriter.rewrite('/t/companyn3/pizzashack/1.0.0/order/1')).toBe('{{base}}/order/1');
    expect(rewriter.rewrite('</t/companyn3/pizzashack/1.0.0/menu?page=2>; rel="next"')).toBe('<{{base}}/menu?page=2>; rel="next"');
  });

  it('leaves a longer path segment and an unrelated path alone', () => {
    expect(rewriter.rewrite(`${legacyBase}1/menu`)).toBe(`${legacyBase}1/menu`);
    expect(rewriter.rewrite('/images/t/companyn3/pizzashack/1.0.0')).toBe('/images/t/companyn3/pizzashack/1.0.0');
  });
});

describe('aliases', () => {
  const pairs = [
    { name: 'orderId', legacy: '1f7d3c8e-5a2b', candidate: 'c9b8a7d6-e5f4' },
    { name: 'table', legacy: '7', candidate: '9' },
  ];

  it('replaces a long alias value inside strings at word boundaries only', () => {
    const aliases = sideAliases(pairs, 'legacy');
    expect(replaceAliases('/order/1f7d3c8e-5a2b?x=1', aliases)).toEqual({ text: '/order/{{alias:orderId}}?x=1', names: ['orderId'] });
    expect(replaceAliases('/order/x1f7d3c8e-5a2b', aliases).names).toEqual([]);
  });

  it('never rewrites a short alias value inside other text', () => {
    expect(sideAliases(pairs, 'candidate').map((alias) => alias.name)).toEqual(['orderId']);
  });

  it('pairs whole values only in the legacy → candidate direction, numbers included', () => {
    expect(aliasPairFor(7, 9, pairs)?.name).toBe('table');
    expect(aliasPairFor('7', '9', pairs)?.name).toBe('table');
    expect(aliasPairFor(9, 7, pairs)).toBeUndefined();
    expect(aliasPairFor(7, 7, pairs)).toBeUndefined();
  });
});

describe('token markers', () => {
  it("masks the side's own markers and target-free markers, and leaves the other target's alone", () => {
    expect(maskTokenMarkers('Bearer «redacted:legacy.access_token»', 'legacy')).toBe('Bearer «access_token»');
    expect(maskTokenMarkers('«redacted:authorization»', 'candidate')).toBe('«authorization»');
    expect(maskTokenMarkers('«redacted:legacy.access_token»', 'candidate')).toBe('«redacted:legacy.access_token»');
  });
});

describe('JWT-shaped strings', () => {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('opens a JWT whose signature recording replaced by «sig»', () => {
    const view = openJwt(`${part({ alg: 'RS256' })}.${part({ sub: 'pat' })}.«sig»`);
    expect(view).toEqual({ '«jwt»': { header: { alg: 'RS256' }, claims: { sub: 'pat' }, signature: '«sig»' } });
  });

  it('leaves dotted identifiers and host names alone', () => {
    expect(openJwt('gateway.api.cloud')).toBeUndefined();
    expect(openJwt(`${part({ typ: 'x' })}.${part({ sub: 'pat' })}.abc`)).toBeUndefined();
  });
});
