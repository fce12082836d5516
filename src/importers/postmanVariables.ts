import { activeEntries, type PostmanKeyValue } from './postmanCollection';
import { isSecretName } from './secretNames';

/** How deep one variable's value may refer to another (`{{url}}` = `{{host}}/v1`) before we stop. */
const maxNesting = 10;

/**
 * The variables a Postman run sees, lowest precedence first as Postman applies them: globals,
 * then the collection's, then the environment's. A value that refers to other variables
 * (`{{host}}/v1`) is expanded here, as Postman expands it when it sends, because suite var values
 * are never expanded themselves. Credential-like names and dynamic variables (`{{$guid}}`) stay
 * references: secrets are read from the environment, dynamic values are made per case.
 */
export function postmanVariables(scopes: ReadonlyArray<PostmanKeyValue[] | undefined>): Map<string, string> {
  const raw = new Map<string, string>();
  for (const scope of scopes) for (const entry of activeEntries(scope)) raw.set(entry.key, entry.value);
  const resolved = new Map<string, string>();
  for (const [key, value] of raw) resolved.set(key, expand(value, raw, 0));
  return resolved;
}

function expand(value: string, raw: ReadonlyMap<string, string>, depth: number): string {
  if (depth >= maxNesting || !value.includes('{{')) return value;
  return value.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (all, name: string) => {
    if (name.startsWith('$') || isSecretName(name) || !raw.has(name)) return all;
    return expand(raw.get(name)!, raw, depth + 1);
  });
}

/** Postman substitutes text: `"quantity": {{qty}}` with qty = 2 sends the number 2, so the suite var is one. */
export function jsonTyped(value: string): unknown {
  if (/^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}
