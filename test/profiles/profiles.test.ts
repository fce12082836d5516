import { ConfigError } from '../../src/errors';
import type { ProfileName } from '../../src/config/types';
import { apiCloudChoreoFaultEquivalences } from '../../src/profiles/faultEquivalences';
import { findFaultEquivalence as findIn } from '../../src/profiles/faultEquivalences';
import { migrationPairRules } from '../../src/profiles/migrationPairRules';
import { corsListSet } from '../../src/profiles/corsRules';
import { getProfile } from '../../src/profiles/getProfile';
import { headerDropFor } from '../../src/profiles/profileRules';
import type { CanonicalFault } from '../../src/profiles/types';

const fault = (status: number, code: number, message = 'x'): CanonicalFault => ({ status, code, message });
const findFaultEquivalence = (legacy: CanonicalFault, candidate: CanonicalFault) => findIn(migrationPairRules('apicloud', 'choreo').faultEquivalences, legacy, candidate);

describe('profiles', () => {
  it('finds each built-in profile by name and rejects an unknown one with the known names', () => {
    expect(getProfile('apicloud').name).toBe('apicloud');
    expect(getProfile('choreo').name).toBe('choreo');
    expect(getProfile('generic').name).toBe('generic');
    expect(() => getProfile('kong' as ProfileName)).toThrow(ConfigError);
    expect(() => getProfile('kong' as ProfileName)).toThrow('unknown profile "kong"');
  });

  it("drops each platform's own gateway headers, case-insensitively, naming the rule after the header", () => {
    expect(headerDropFor(getProfile('apicloud'), 'ActivityID')?.rule).toBe('header.gateway-only:activityid');
    expect(headerDropFor(getProfile('apicloud'), 'x-request-id')).toBeUndefined();
    expect(headerDropFor(getProfile('choreo'), 'x-request-id')?.rule).toBe('header.gateway-only:x-request-id');
    expect(headerDropFor(getProfile('choreo'), 'X-RateLimit-Remaining')?.rule).toBe('header.gateway-only:x-ratelimit-remaining');
    expect(headerDropFor(getProfile('choreo'), 'x-envoy-upstream-service-time')?.rule).toBe('header.gateway-only:x-envoy-upstream-service-time');
    expect(headerDropFor(getProfile('choreo'), 'retry-after')?.rule).toBe('header.gateway-only:retry-after');
    expect(headerDropFor(getProfile('apicloud'), 'retry-after')).toBeUndefined();
  });

  it('keeps only transport headers out under the generic profile', () => {
    const generic = getProfile('generic');
    expect(headerDropFor(generic, 'date')?.rule).toBe('header.transport:date');
    expect(headerDropFor(generic, 'server')).toBeUndefined();
    expect(headerDropFor(generic, 'activityid')).toBeUndefined();
    expect(headerDropFor(generic, 'content-type')).toBeUndefined();
  });

  it('compares CORS lists as case-insensitive sets', () => {
    expect([...corsListSet('SOAPAction, content-type,authorization')]).toEqual(['authorization', 'content-type', 'soapaction']);
  });

  it('chooses fault equivalences and the CORS rule by the (legacy, candidate) pair, never globally', () => {
    expect(migrationPairRules('apicloud', 'choreo').faultEquivalences.length).toBeGreaterThan(0);
    expect(migrationPairRules('apicloud', 'choreo').cors?.onlyOnCorsRequests.rule).toBe('cors.only-on-cors-requests');
    for (const [legacy, candidate] of [['choreo', 'choreo'], ['generic', 'generic'], ['apicloud', 'apicloud'], ['choreo', 'apicloud'], ['generic', 'choreo']] as const) {
      expect(migrationPairRules(legacy, candidate)).toEqual({ name: `${legacy}→${candidate}`, faultEquivalences: [] });
    }
  });

  it('gives every vendor rule a fact to cite', () => {
    for (const name of ['apicloud', 'choreo', 'generic'] as const) {
      const profile = getProfile(name);
      for (const rule of [...profile.headerDrops, ...profile.headerCanonicalizers]) expect(rule.fact).toMatch(/docs\/gateway-differences\.md#[a-z-]+|RFC \d+/);
    }
    for (const pair of apiCloudChoreoFaultEquivalences) expect(pair.fact).toMatch(/\(see docs\/gateway-differences\.md#fault-[a-z-]+\)$/);
  });
});

describe('known-equivalent fault pairs of an API Cloud → Choreo run', () => {
  it('treats a legacy 900902 and a Choreo 900901 as the same missing-credentials fault', () => {
    expect(findFaultEquivalence(fault(401, 900902), fault(401, 900901))?.name).toBe('fault.missing-credentials');
  });

  it('treats a legacy 403/900906 and a Choreo 404 as the same no-matching-resource fault', () => {
    expect(findFaultEquivalence(fault(403, 900906), fault(404, 404))?.name).toBe('fault.no-matching-resource');
  });

  it("tells API Cloud's 404 Runtime Error apart from its 404 Not Found", () => {
    expect(findFaultEquivalence(fault(404, 404, 'runtime error'), fault(404, 404, 'not found'))?.name).toBe('fault.no-matching-resource-runtime-error');
    expect(findFaultEquivalence(fault(404, 404, 'not found'), fault(404, 404, 'not found'))?.name).toBe('fault.unknown-context');
  });

  it('treats throttling at any level on either side as one throttled fault', () => {
    expect(findFaultEquivalence(fault(429, 900804), fault(429, 900800))?.name).toBe('fault.throttled-retry-hint');
  });

  it('has no pair for a direction the facts do not give, nor for an unknown code', () => {
    expect(findFaultEquivalence(fault(401, 900901), fault(401, 900902))).toBeUndefined();
    expect(findFaultEquivalence(fault(401, 900901), fault(401, 900900))).toBeUndefined();
    expect(findFaultEquivalence(fault(503, 900801), fault(429, 900800))).toBeUndefined();
  });
});
