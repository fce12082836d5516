/**
 * Names (of variables, captures, headers, fields) that say their value is a credential. The
 * importers' `isSecretName` decides what never goes into a suite file; this list decides what
 * is registered with the redactor, so it also covers the anti-forgery tokens (`csrf`, `xsrf`)
 * that sessions carry in headers.
 */
const credentialNamePattern = /token|secret|passw|pwd|api[-_]?key|apikey|authorization|cookie|session|credential|private[-_]?key|csrf|xsrf|bearer|signature/i;

export function isCredentialName(name: string): boolean {
  return credentialNamePattern.test(name);
}
