/**
 * The scopes a token endpoint grants. No `scope` parameter asks for everything the application
 * may have; a `scope` parameter (even an empty one) asks for exactly those scopes, and only the
 * grantable ones are given. A token with no API scope carries WSO2's `default` scope, as both
 * API Manager and Choreo's WSO2-based STS do.
 */
export function grantScopes(requested: string | null, grantable: readonly string[], cap?: readonly string[]): string[] {
  const wanted = requested === null ? [...grantable] : requested.split(/\s+/).filter((s) => grantable.includes(s));
  const granted = [...new Set(cap === undefined ? wanted : wanted.filter((s) => cap.includes(s)))];
  return granted.length === 0 ? ['default'] : granted;
}
