import { compareStep } from '../../src/compare/compareStep';
import type { ProfileName } from '../../src/config/types';
import type { Difference } from '../../src/model/result';
import { toCompareInput, type ExchangeSpec } from './support/exchangePairs';

const legacyCors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET,PUT,POST,DELETE,PATCH,OPTIONS',
  'access-control-allow-headers': 'authorization,Access-Control-Allow-Origin,Content-Type,SOAPAction',
};
const choreoCors = { ...legacyCors, 'access-control-allow-headers': `${legacyCors['access-control-allow-headers']},apikey,testKey,Internal-Key` };
const answer = (headers: Record<string, string>): ExchangeSpec => ({
  request: { method: 'GET', path: '/menu' },
  response: { status: 200, headers: { 'content-type': 'application/json', ...headers }, body: { json: [] } },
});
const run = (legacy: Record<string, string>, candidate: Record<string, string>, origin?: string, profiles?: Record<'legacy' | 'candidate', ProfileName>) => {
  const input = toCompareInput({ legacy: answer(legacy), candidate: answer(candidate), ...(profiles ? { profiles } : {}) });
  if (origin) for (const side of [input.legacy, input.candidate]) side.request.headers.origin = origin;
  return compareStep(input).differences.map((d: Difference) => `${d.path} ${d.disposition}${d.rule ? ` ${d.rule}` : ''}`);
};

describe('CORS as API Cloud and Choreo (Envoy) send it', () => {
  it('accepts CORS headers only the legacy sent when the request carried no Origin, citing the Envoy behaviour', () => {
    const input = toCompareInput({ legacy: answer(legacyCors), candidate: answer({}) });
    const differences = compareStep(input).differences;
    expect(differences.map((d) => `${d.path} ${d.rule}`)).toEqual([
      'header:access-control-allow-headers cors.only-on-cors-requests',
      'header:access-control-allow-methods cors.only-on-cors-requests',
      'header:access-control-allow-origin cors.only-on-cors-requests',
    ]);
    expect(differences[0]?.reason).toContain('docs/gateway-differences.md#cors-only-on-cors-requests');
  });

  it('compares CORS headers on a request with Origin: a missing Allow-Origin on the candidate is a regression', () => {
    expect(run(legacyCors, {}, 'https://shop.example.com')).toEqual([
      'header:access-control-allow-headers regression',
      'header:access-control-allow-methods regression',
      'header:access-control-allow-origin regression',
    ]);
  });

  it("accepts Choreo's larger allowed-headers list as a superset, and flags a list that allows fewer headers or other methods", () => {
    expect(run(legacyCors, choreoCors, 'https://shop.example.com')).toEqual(['header:access-control-allow-headers accepted cors.allow-lists']);
    const fewer = { ...choreoCors, 'access-control-allow-headers': 'authorization,Content-Type' };
    expect(run(legacyCors, fewer, 'https://shop.example.com')).toEqual(['header:access-control-allow-headers regression']);
    const methods = { ...choreoCors, 'access-control-allow-methods': 'GET,POST' };
    expect(run(legacyCors, methods, 'https://shop.example.com')).toEqual(['header:access-control-allow-headers accepted cors.allow-lists', 'header:access-control-allow-methods regression']);
  });

  it('applies the Envoy rule only to an API Cloud → Choreo run', () => {
    expect(run(legacyCors, {}, undefined, { legacy: 'choreo', candidate: 'choreo' })).toEqual([
      'header:access-control-allow-headers regression',
      'header:access-control-allow-methods regression',
      'header:access-control-allow-origin regression',
    ]);
  });
});
