/**
 * Small value functions the profiles' header canonicalizers share. Header field names are
 * case-insensitive (RFC 9110 §5.1), so a list of them is compared as a case-folded set.
 */

/** `authorization, Content-Type ,SOAPAction` → `authorization,content-type,soapaction` (sorted, without `remove`). */
export function headerNameSet(value: string, remove: readonly string[] = []): string {
  const dropped = new Set(remove.map((name) => name.toLowerCase()));
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && !dropped.has(name));
  return [...new Set(names)].sort().join(',');
}

/**
 * A `WWW-Authenticate` challenge compared by presence only. API Cloud answers
 * `OAuth2 realm="WSO2 API Manager"`, Choreo `Bearer realm="Choreo Connect", error="invalid_token", …`
 * (facts §3): scheme, realm and parameters all differ by construction, but a 401 without any
 * challenge on one side is still a difference.
 */
export const challengePresent = '«challenge»';
