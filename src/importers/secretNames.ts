/**
 * Names that carry credentials. Their values never go into a suite file (suites live in git):
 * they become `{{env.NAME}}`, read from the environment when the request is made.
 */
const secretPattern = /token|secret|passw|pwd|api[-_]?key|apikey|cookie|session|credential|private[-_]?key/i;
/**
 * `Authorization` (and `Proxy-Authorization`, `X-Authorization`) carries a credential, but a
 * name merely containing the word does not: a payment API's `authorization_id` or
 * `authorizationCode` reference is an id, and hiding it would make the case unrunnable.
 */
const authorizationHeader = /^(?:(?:proxy|x)[-_])?authorization$/i;

export function isSecretName(name: string): boolean {
  return secretPattern.test(name) || authorizationHeader.test(name);
}

/** The environment variable a secret suite value is read from: `apiKey` → `APIKEY`, `x-api-key` → `X_API_KEY`. */
export function envNameFor(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'SECRET';
}

/**
 * Replaces the value of every secret-named entry with `{{env.NAME}}`; `onSecret` hears each
 * variable the user now has to export.
 */
export function protectSecrets(map: Record<string, string>, onSecret: (envName: string, field: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(map)) {
    if (!isSecretName(name)) {
      out[name] = value;
      continue;
    }
    const envName = envNameFor(name);
    onSecret(envName, name);
    out[name] = `{{env.${envName}}}`;
  }
  return out;
}
