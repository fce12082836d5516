import { isCredentialName } from './isCredentialName';
import { templateReferences, type TemplateReference, type TemplateScope } from '../suite/template';
import type { CaptureSpec, Suite } from '../suite/types';
import type { Redactor } from './redactor';

/**
 * The smallest `{{env.*}}` value registered as a secret. Suites read API keys, refresh tokens
 * and CSRF tokens from the environment (the importers write every credential that way), but
 * also page sizes and flags: hiding every "10" in every report would make them unreadable, and
 * a credential of a few characters protects nothing. Variables with a credential-like name are
 * registered from `minCredentialNamedLength` on.
 */
const templateSecretLengths = { minEnvValueLength: 6, minCredentialNamedLength: 3 } as const;

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
function registerTemplateSecret(name: string, value: string, label: string, redactor: Redactor): void {
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

/**
 * Registers, as soon as a suite is loaded, every `{{env.NAME}}` value its requests will send
 * (path, query, headers, body, bearer tokens): a gateway that echoes a key in one case must not
 * find it unregistered because the case that sends it has not run yet.
 */
export function registerSuiteEnvSecrets(suite: Suite, redactor: Redactor, env: Readonly<Record<string, string | undefined>> = process.env): void {
  for (const testCase of suite.cases) {
    for (const step of testCase.steps) {
      const strings: string[] = [];
      collectStrings(step.request, strings);
      if (step.auth.kind === 'bearer') strings.push(step.auth.token);
      for (const text of strings) {
        if (!text.includes('{{env.')) continue;
        for (const reference of safeReferences(text)) {
          const value = reference.kind === 'env' ? env[reference.name] : undefined;
          if (value !== undefined) registerTemplateSecret(reference.name, value, `env.${reference.name}`, redactor);
        }
      }
    }
  }
}

/**
 * Credential-named captures of a step (`sessionToken: $.sessionKey`): the request carries them
 * so that the value is registered from the raw answer before the exchange is recorded — the
 * record, and a baseline written from it, never hold it in clear.
 */
export function secretCaptures(capture: Readonly<Record<string, CaptureSpec>>): Record<string, CaptureSpec> | undefined {
  const named = Object.entries(capture).filter(([name, spec]) => isCredentialName(name) && spec.from !== 'status');
  return named.length === 0 ? undefined : Object.fromEntries(named);
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) collectStrings(item, out);
}

function safeReferences(text: string): TemplateReference[] {
  try {
    return templateReferences(text);
  } catch {
    // Checked when the suite loaded; a text that does not parse sends nothing.
    return [];
  }
}
