/**
 * Request headers that carry an API key by name, hidden whatever their value: Choreo's
 * (gateway facts §4: `apikey`, `testKey`, `Internal-Key`; docs/gateway-differences.md#cors-allow-lists)
 * and the usual others. Lower-case.
 */
export const apiKeyHeaderNames: readonly string[] = ['apikey', 'api-key', 'x-api-key', 'internal-key', 'testkey'];
