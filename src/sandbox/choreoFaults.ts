/**
 * Faults Choreo Connect generates itself (facts §3): JSON, the code is a **string**, and the
 * enforcer's keys (`code`, `error_message`, `error_description`) differ from the Envoy router's
 * (`code`, `message`, `description`).
 */
export interface ChoreoFault {
  status: number;
  body: Record<string, string>;
  headers?: Record<string, string>;
}

// facts §3: every 900901 carries this challenge, whatever made the token unusable.
const invalidTokenChallenge = {
  'www-authenticate': 'Bearer realm="Choreo Connect", error="invalid_token", error_description="The provided token is invalid"',
};

const enforcer = (status: number, code: string, message: string, description: string, headers?: Record<string, string>): ChoreoFault => ({
  status,
  body: { code, error_message: message, error_description: description },
  headers,
});

export const choreoFaults = {
  // Missing credentials are 900901 on Choreo, not API Manager's 900902 (facts §3).
  invalidCredentials: (): ChoreoFault =>
    enforcer(401, '900901', 'Invalid Credentials', 'Make sure you have provided the correct security credentials', invalidTokenChallenge),
  /** Drift mode's regression: an invalid token reported as an unclassified failure. */
  unclassifiedAuthFailure: (): ChoreoFault =>
    enforcer(401, '900900', 'Unclassified Authentication Failure', 'Error while authenticating the request', invalidTokenChallenge),
  scopeNotGranted: (resourceTemplate: string): ChoreoFault =>
    enforcer(403, '900910', 'The access token does not allow you to access the requested resource', `User is NOT authorized to access the Resource: ${resourceTemplate}. Scope validation failed.`),
  // Choreo has no 900906: an unmatched path never leaves Envoy's router (facts §3).
  routerNotFound: (): ChoreoFault => ({
    status: 404,
    body: { code: '404', message: 'Not Found', description: 'The requested resource is not available.' },
  }),
  // No nextAccessTime on Choreo; the caller adds Retry-After and x-ratelimit-* (facts §3, §4).
  throttled: (): ChoreoFault => enforcer(429, '900802', 'Message throttled out', 'You have exceeded your quota'),
};
