import { documented } from './gatewayDoc';
import type { CanonicalFault, FaultEquivalence, FaultSelector } from './types';

const throttleCodes = [900800, 900802, 900803, 900804, 900806];

/**
 * Known-equivalent fault pairs, legacy (API Cloud) ≙ candidate (Choreo), one per row of the
 * gateway facts §3 (docs/gateway-differences.md, "Gateway faults"). Used only for an
 * apicloud → choreo run (see migrationPairRules). A pair is reported as an accepted difference by
 * its name. Rows with the same code on both sides still exist: they name the fact that makes the
 * envelopes and descriptions differ, and they say whether the message must still match.
 */
export const apiCloudChoreoFaultEquivalences: readonly FaultEquivalence[] = [
  {
    name: 'fault.missing-credentials',
    legacy: { status: [401], codes: [900902] },
    candidate: { status: [401], codes: [900901] },
    messages: 'any',
    fact: documented('fault-missing-credentials', 'a request without credentials is 401/900902 "Missing Credentials" on API Cloud but 401/900901 "Invalid Credentials" on Choreo (no 900902).'),
  },
  {
    name: 'fault.invalid-credentials',
    legacy: { status: [401], codes: [900901] },
    candidate: { status: [401], codes: [900901] },
    messages: 'compare',
    fact: documented('fault-invalid-credentials', 'an invalid or expired token is 401/900901 "Invalid Credentials" on both, in different envelopes with different descriptions.'),
  },
  {
    name: 'fault.not-subscribed',
    legacy: { status: [403], codes: [900908] },
    candidate: { status: [403], codes: [900908] },
    messages: 'compare',
    fact: documented('fault-not-subscribed', 'not subscribed is 403/900908 on both; API Cloud\'s message is "Resource forbidden " with a trailing space.'),
  },
  {
    name: 'fault.scope-not-granted',
    legacy: { status: [403], codes: [900910] },
    candidate: { status: [403], codes: [900910] },
    // facts §3 gives Choreo's description ("User is NOT authorized … Scope validation failed.") but not its message.
    messages: 'any',
    fact: documented('fault-scope-not-granted', 'a scope not granted is 403/900910 on both; Choreo words it "User is NOT authorized to access the Resource: <path>. Scope validation failed."'),
  },
  {
    name: 'fault.no-matching-resource',
    legacy: { status: [403], codes: [900906] },
    candidate: { status: [404], codes: [404] },
    messages: 'any',
    fact: documented('fault-no-matching-resource', 'no matching resource is 403/900906 on API Cloud but a 404/"404" router reply on Choreo (no 900906).'),
  },
  {
    name: 'fault.no-matching-resource-runtime-error',
    legacy: { status: [404], codes: [404], message: 'runtime error' },
    candidate: { status: [404], codes: [404] },
    messages: 'any',
    fact: documented('fault-no-matching-resource-runtime-error', 'on other paths API Cloud reports a missing resource as 404 am:fault "Status report"/"Runtime Error"; Choreo\'s router answers 404 "Not Found".'),
  },
  {
    name: 'fault.unknown-context',
    legacy: { status: [404], codes: [404] },
    candidate: { status: [404], codes: [404] },
    messages: 'compare',
    fact: documented('fault-unknown-context', 'an unknown API context is 404 "Not Found" / "The requested resource is not available." on both gateways.'),
  },
  {
    name: 'fault.throttled-retry-hint',
    legacy: { status: [429], codes: throttleCodes },
    candidate: { status: [429], codes: throttleCodes },
    messages: 'compare',
    fact: documented('fault-throttled-retry-hint', 'throttled is 429 "Message throttled out" on both; API Cloud may add nextAccessTime and no Retry-After, Choreo sends Retry-After; Choreo had only API-level policies, so the throttle level code (900800–900806) may differ.'),
  },
];

/** The first known-equivalent pair of `table` the two faults form, if any. */
export function findFaultEquivalence(table: readonly FaultEquivalence[], legacy: CanonicalFault, candidate: CanonicalFault): FaultEquivalence | undefined {
  return table.find((pair) => selects(pair.legacy, legacy) && selects(pair.candidate, candidate));
}

function selects(selector: FaultSelector, fault: CanonicalFault): boolean {
  return (
    selector.status.includes(fault.status) &&
    selector.codes.includes(fault.code) &&
    (selector.message === undefined || selector.message === fault.message)
  );
}

/**
 * Faults with the same status and code but no row above (blocked 900907, 700700, hard limit
 * 900801, upstream 1025xx, …) are the same failure in another envelope (gateway facts
 * §3); their messages must still agree.
 */
export const sameFaultFallback = {
  name: 'fault.envelope',
  fact: documented('fault-envelope', 'the same gateway failure comes in a different envelope, media type, key set and code type on each side, and descriptions embed the API context and version on API Cloud; they are compared as one canonical fault {status, code, message}.'),
} as const;

/** A fault message that differs only in letter case or surrounding spaces (facts §3). */
export const messageCaseRule = {
  name: 'fault.message-case',
  fact: documented('fault-message-case', 'API Cloud sends "Resource forbidden " with a trailing space, and its own docs show "Message Throttled Out" for "Message throttled out"; messages are compared case-folded and trimmed.'),
} as const;
