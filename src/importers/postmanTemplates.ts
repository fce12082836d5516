import { envNameFor, isSecretName } from './secretNames';
import { suiteVarName } from './suiteVarName';

/**
 * Postman and suites share the `{{name}}` syntax, but not the rules: Postman names may hold any
 * character, its dynamic variables (`{{$guid}}`) have other names, and its values live in the
 * collection, the environment or a script. This rewrites one template at a time and notes what
 * the case needs: suite vars, env variables (for secrets), and names nobody defines (TODOs).
 */
export interface TemplateUses {
  /** Suite var names (already valid) → Postman name. */
  vars: Map<string, string>;
  /** Suite var names that no collection or environment variable defines. */
  undefinedVars: Set<string>;
  /** `env.NAME` references made for secret-looking variables → Postman name. */
  envRefs: Map<string, string>;
  /** Postman dynamic variables with no suite builtin (`{{$randomInt}}`). */
  unsupported: Set<string>;
  /** Vars used unquoted in a JSON body (`"quantity": {{qty}}`): their values keep a JSON type. */
  bare: Set<string>;
}

export function emptyUses(): TemplateUses {
  return { vars: new Map(), undefinedVars: new Set(), envRefs: new Map(), unsupported: new Set(), bare: new Set() };
}

/** Postman's dynamic variables that have a suite builtin (generated once per case on both sides). */
const dynamicVariables: Record<string, string> = {
  $guid: '$uuid',
  $randomUUID: '$uuid',
  $timestamp: '$timestamp',
  $isoTimestamp: '$isoTimestamp',
};

const reference = /\{\{\s*([^{}]+?)\s*\}\}/g;

export function rewriteTemplates(text: string, defined: ReadonlyMap<string, string>, uses: TemplateUses): string {
  return text.replace(reference, (_all, raw: string) => {
    if (raw.startsWith('$')) {
      const builtin = dynamicVariables[raw];
      if (builtin) return `{{${builtin}}}`;
      uses.unsupported.add(raw);
      return `{{${raw}}}`;
    }
    if (isSecretName(raw)) {
      const envName = envNameFor(raw);
      uses.envRefs.set(envName, raw);
      return `{{env.${envName}}}`;
    }
    const name = suiteVarName(raw);
    uses.vars.set(name, raw);
    if (!defined.has(raw)) uses.undefinedVars.add(name);
    return `{{${name}}}`;
  });
}

/** Every string inside a JSON value rewritten (keys too: Postman expands them). */
export function rewriteTemplatesIn(value: unknown, defined: ReadonlyMap<string, string>, uses: TemplateUses): unknown {
  if (typeof value === 'string') return rewriteTemplates(value, defined, uses);
  if (Array.isArray(value)) return value.map((item) => rewriteTemplatesIn(item, defined, uses));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, rewriteTemplatesIn(item, defined, uses)]));
  }
  return value;
}

/**
 * Raw JSON with Postman's unquoted templates (`"quantity": {{qty}}`) is not JSON; quoting them
 * makes it parse, and a string that is exactly one template keeps the variable's type when sent.
 */
export function quoteBareTemplates(text: string, bare?: Set<string>): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (inString) {
      out += char;
      if (char === '\\') {
        out += text[i + 1] ?? '';
        i += 1;
      } else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      out += char;
      continue;
    }
    if (char === '{' && text[i + 1] === '{') {
      const end = text.indexOf('}}', i + 2);
      if (end > 0) {
        bare?.add(text.slice(i + 2, end).trim());
        out += JSON.stringify(text.slice(i, end + 2));
        i = end + 1;
        continue;
      }
    }
    out += char;
  }
  return out;
}
