import { isCredentialName } from './isCredentialName';
import type { TemplateScope } from '../suite/template';
import type { Redactor } from './redactor';

/**
 * The smallest `{{env.*}}` value registered as a secret. Suites read API keys, refresh tokens
 * and CSRF tokens from the environment (the importers write every credential that way), but
 * also page sizes and flags: hiding every "10" in every report would make them unreadable, and
 * a credential of a few characters protects nothing. Variables with a credential-like name are
 * registered from `minCredentialNamedLength` on.
 */
export const templateSecretLengths = { minEnvValueLength: 6, minCredentialNamedLength: 3 } as const;

/**
 * A template scope whose `{{env.NAME}}` reads register the value with the run's redactor the
 * moment it is used — in a header, the query, the body or a bearer token — so that it is hidden
 * in every record and report, whatever the gateway does with it.
 */
export function registeringEnvScope(scope: TemplateScope, redactor: Redactor): TemplateScope {
  const env = scope.env;
  const watched = new Proxy(env, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof name === 'string' && typeof value === 'string') registerTemplateSecret(name, value, `env.${name}`, redactor);
      return value;
    },
  });
  return { ...scope, env: watched };
}

/** Registers `value` when it is long enough to be a credential (see `templateSecretLengths`). */
export function registerTemplateSecret(name: string, value: string, label: string, redactor: Redactor): void {
  const length = value.trim().length;
  const min = isCredentialName(name) ? templateSecretLengths.minCredentialNamedLength : templateSecretLengths.minEnvValueLength;
  if (length >= min) redactor.add(value, label);
}

/**
 * Captured values of credential-named captures (`sessionToken`, `csrf`, `apiKey`, …) become
 * secrets of the run: a later request carries them, and a gateway may echo them anywhere.
 */
export function registerCapturedSecrets(target: string, values: Record<string, string>, redactor: Redactor): void {
  for (const [name, value] of Object.entries(values)) {
    if (isCredentialName(name) && value.trim().length >= templateSecretLengths.minCredentialNamedLength) redactor.add(value, `${target}.capture.${name}`);
  }
}
