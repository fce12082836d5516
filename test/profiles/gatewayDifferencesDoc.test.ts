import { readFileSync } from 'node:fs';
import path from 'node:path';
import { baseFact } from '../../src/compare/baseUrl';
import { signatureFact, volatileClaimsFact } from '../../src/compare/jwtRules';
import { tokenFact } from '../../src/compare/tokenMarkers';
import { envoyCorsRule } from '../../src/profiles/corsRules';
import { apiCloudChoreoFaultEquivalences, messageCaseRule, sameFaultFallback } from '../../src/profiles/faultEquivalences';
import { getProfile } from '../../src/profiles/getProfile';
import { tokenFormatReason, tokenLifetimeReason } from '../../src/profiles/tokenLifetimes';

const doc = readFileSync(path.resolve(__dirname, '../../docs/gateway-differences.md'), 'utf8');
const anchors = new Set([...doc.matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map((match) => match[1]));

const builtInReasons: Array<[string, string]> = [
  ...(['apicloud', 'choreo', 'generic'] as const).flatMap((name) => {
    const profile = getProfile(name);
    return [...profile.headerDrops, ...profile.headerCanonicalizers].map((rule): [string, string] => [`${name} ${rule.rule}`, rule.fact]);
  }),
  ...apiCloudChoreoFaultEquivalences.map((pair): [string, string] => [pair.name, pair.fact]),
  [sameFaultFallback.name, sameFaultFallback.fact],
  [messageCaseRule.name, messageCaseRule.fact],
  [envoyCorsRule.onlyOnCorsRequests.rule, envoyCorsRule.onlyOnCorsRequests.fact],
  [envoyCorsRule.allowLists.rule, envoyCorsRule.allowLists.fact],
  ['url.base-rewrite', baseFact],
  ['token.masked', tokenFact],
  ['jwt.signature', signatureFact],
  ['jwt.volatile-claims', volatileClaimsFact],
  ['backend jwt', getProfile('choreo').backendJwt!.fact],
  ['token.format', tokenFormatReason],
  ['token.lifetime', tokenLifetimeReason({ legacy: 'apicloud', candidate: 'choreo' }, 900, 300)],
];

describe('docs/gateway-differences.md', () => {
  it.each(builtInReasons)('is cited by the reason of %s, at an anchor the document has', (_rule, reason) => {
    const cited = /\(see docs\/gateway-differences\.md#([a-z0-9-]+)\)$/.exec(reason);
    expect(cited).not.toBeNull();
    expect(anchors.has(cited![1]!)).toBe(true);
    expect(reason).not.toMatch(/facts §/);
  });

  it('names every rule of the API Cloud → Choreo pair, and a public source for each', () => {
    for (const name of [...apiCloudChoreoFaultEquivalences.map((pair) => pair.name), envoyCorsRule.onlyOnCorsRequests.rule, envoyCorsRule.allowLists.rule]) {
      expect(doc).toContain(`### \`${name}\``);
    }
    expect(doc).toContain('https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/cors_filter');
    expect(doc).toContain('https://apim.docs.wso2.com/en/3.2.0/troubleshooting/error-handling/');
  });
});
