/**
 * Names that carry credentials. Their values never go into a suite file (suites live in git):
 * they become `{{env.NAME}}`, read from the environment when the request is made.
 */
const secretPattern = /token|secret|passw|pwd|api[-_]?key|apikey|authorization|cookie|session|credential|private[-_]?key/i;

export function isSecretName(name: string): boolean {
  return secretPattern.test(name);
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
