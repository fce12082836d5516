import { randomUUID } from 'node:crypto';
import { TemplateError } from '../errors';
import { isRecord } from '../model/jsonPath';
import { didYouMean } from '../shared/didYouMean';

/**
 * `{{name}}` templates. A reference is one of
 *   {{name}} / {{name.field}}   a capture, case var (data row), suite var or global var — in that order
 *   {{env.NAME}}                the process environment, read when the template is expanded
 *   {{$uuid}} {{$timestamp}} {{$isoTimestamp}}   builtins, generated once per case
 * `\{{` writes a literal `{{`. Values that are not strings are written as JSON (numbers and
 * booleans as their plain text); `expandValue` keeps the type when a string is exactly one
 * reference, so `quantity: "{{qty}}"` with `qty: 2` sends the number 2.
 */

/** Builtin values, created once per case and shared by both targets, so both see the same id. */
export interface TemplateBuiltins {
  /** `{{$uuid}}`: a random v4 UUID. */
  uuid: string;
  /** `{{$timestamp}}`: Unix time in seconds (Postman's convention). */
  timestamp: string;
  /** `{{$isoTimestamp}}`: the same instant as ISO 8601. */
  isoTimestamp: string;
}

const builtinNames = ['$uuid', '$timestamp', '$isoTimestamp'] as const;

/** What a template can see while one target runs one case. */
export interface TemplateScope {
  /** Values captured earlier in this case, on this target only. */
  captures: Readonly<Record<string, string>>;
  /** The case's own vars, data row included. */
  caseVars: Readonly<Record<string, unknown>>;
  suiteVars: Readonly<Record<string, unknown>>;
  globalVars: Readonly<Record<string, unknown>>;
  builtins: TemplateBuiltins;
  env: Readonly<Record<string, string | undefined>>;
}

export type TemplateReference =
  | { kind: 'variable'; name: string; /** the first segment: what scopes are searched for */ root: string; raw: string }
  | { kind: 'env'; name: string; raw: string }
  | { kind: 'builtin'; name: (typeof builtinNames)[number]; raw: string };

type Part = { text: string } | { reference: TemplateReference };

const referencePattern = /^(?:env\.([A-Za-z_][A-Za-z0-9_]*)|(\$[A-Za-z]+)|([A-Za-z_][\w-]*(?:\.[\w-]+)*))$/;

export function createBuiltins(now: Date = new Date()): TemplateBuiltins {
  return { uuid: randomUUID(), timestamp: String(Math.floor(now.getTime() / 1000)), isoTimestamp: now.toISOString() };
}

/** A scope for one target in one case; `captures` start empty and grow as steps capture. */
export function createTemplateScope(parts: {
  suite: { vars: Record<string, unknown>; globalVars: Record<string, unknown> };
  caseVars: Record<string, unknown>;
  builtins: TemplateBuiltins;
  captures?: Record<string, string>;
  env?: Readonly<Record<string, string | undefined>>;
}): TemplateScope {
  return {
    captures: parts.captures ?? {},
    caseVars: parts.caseVars,
    suiteVars: parts.suite.vars,
    globalVars: parts.suite.globalVars,
    builtins: parts.builtins,
    env: parts.env ?? process.env,
  };
}

export function hasTemplate(text: string): boolean {
  return text.includes('{{');
}

/** Splits a template into text and references; throws `TemplateError` on bad syntax. */
export function parseTemplate(template: string, where?: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('\\{{', i)) {
      text += '{{';
      i += 3;
      continue;
    }
    if (!template.startsWith('{{', i)) {
      text += template[i];
      i += 1;
      continue;
    }
    const close = template.indexOf('}}', i + 2);
    if (close < 0) throw syntaxError(template, `"{{" at position ${i} is never closed with "}}"`, where);
    const raw = template.slice(i + 2, close).trim();
    const match = referencePattern.exec(raw);
    if (!match) throw syntaxError(template, raw === '' ? 'empty "{{}}"' : `"{{${raw}}}" is not a variable name`, where);
    if (text) parts.push({ text });
    text = '';
    if (match[1] !== undefined) parts.push({ reference: { kind: 'env', name: match[1], raw } });
    else if (match[2] !== undefined) parts.push({ reference: builtinReference(match[2], template, where) });
    else parts.push({ reference: { kind: 'variable', name: match[3]!, root: match[3]!.split('.')[0]!, raw } });
    i = close + 2;
  }
  if (text) parts.push({ text });
  return parts;
}

function builtinReference(name: string, template: string, where?: string): TemplateReference {
  const known = builtinNames.find((builtin) => builtin === name);
  if (known) return { kind: 'builtin', name: known, raw: name };
  const suggestion = didYouMean(name, builtinNames);
  throw new TemplateError(`${prefix(where)}unknown builtin "{{${name}}}" in "${template}".${suggestion ? ` Did you mean "{{${suggestion}}}"?` : ''}`, {
    hint: `Builtins: ${builtinNames.map((builtin) => `{{${builtin}}}`).join(', ')}.`,
    path: where,
  });
}

function syntaxError(template: string, problem: string, where?: string): TemplateError {
  return new TemplateError(`${prefix(where)}bad template "${template}": ${problem}`, {
    hint: 'Write variables as {{name}}, {{env.NAME}} or {{$uuid}}; write a literal "{{" as "\\{{".',
    path: where,
  });
}

function prefix(where?: string): string {
  return where ? `${where}: ` : '';
}

/** The references a template uses, in order (for load-time checks). */
export function templateReferences(template: string): TemplateReference[] {
  return parseTemplate(template).flatMap((part) => ('reference' in part ? [part.reference] : []));
}

/** The variable names (first segments) a template uses; env and builtins excluded. */
export function templateVariables(template: string): string[] {
  const names = templateReferences(template).flatMap((reference) => (reference.kind === 'variable' ? [reference.root] : []));
  return [...new Set(names)];
}

/** Expands every reference to text. `where` (e.g. `cases[2].request.path`) goes into errors. */
export function expandTemplate(template: string, scope: TemplateScope, where?: string): string {
  if (!hasTemplate(template)) return template;
  return parseTemplate(template, where)
    .map((part) => ('text' in part ? part.text : toText(resolveReference(part.reference, template, scope, where))))
    .join('');
}

/**
 * Expands templates in every string inside a JSON-like value (request bodies, expected values).
 * A string that is exactly one reference takes the variable's own value and type.
 */
export function expandValue(value: unknown, scope: TemplateScope, where?: string): unknown {
  if (typeof value === 'string') {
    if (!hasTemplate(value)) return value;
    const parts = parseTemplate(value, where);
    if (parts.length === 1 && 'reference' in parts[0]!) return resolveReference(parts[0].reference, value, scope, where);
    return expandTemplate(value, scope, where);
  }
  if (Array.isArray(value)) return value.map((item) => expandValue(item, scope, where));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandValue(item, scope, where)]));
  return value;
}

function resolveReference(reference: TemplateReference, template: string, scope: TemplateScope, where?: string): unknown {
  switch (reference.kind) {
    case 'builtin':
      return scope.builtins[reference.name.slice(1) as keyof TemplateBuiltins];
    case 'env': {
      const value = scope.env[reference.name];
      if (value === undefined) {
        throw new TemplateError(`${prefix(where)}environment variable ${reference.name} is not set (used in "${template}")`, {
          hint: `Set ${reference.name} in the environment or in env/<name>.env before running.`,
          path: where,
        });
      }
      return value;
    }
    case 'variable':
      return lookupVariable(reference, template, scope, where);
    default: {
      const never: never = reference;
      throw new Error(`unknown template reference ${JSON.stringify(never)}`);
    }
  }
}

function lookupVariable(reference: Extract<TemplateReference, { kind: 'variable' }>, template: string, scope: TemplateScope, where?: string): unknown {
  const layers = [scope.captures, scope.caseVars, scope.suiteVars, scope.globalVars];
  const layer = layers.find((candidate) => Object.prototype.hasOwnProperty.call(candidate, reference.root));
  if (!layer) throw unknownVariable(reference.root, template, scope, where);
  let value: unknown = layer[reference.root];
  const fields = reference.name.split('.').slice(1);
  for (const [index, field] of fields.entries()) {
    if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, field)) {
      const so = [reference.root, ...fields.slice(0, index)].join('.');
      const available = isRecord(value) ? Object.keys(value) : [];
      const suggestion = didYouMean(field, available);
      throw new TemplateError(`${prefix(where)}variable "${so}" has no field "${field}" (in "${template}").${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, {
        hint: available.length ? `Fields of "${so}": ${available.join(', ')}.` : `"${so}" is ${JSON.stringify(value)}, not a mapping.`,
        path: where,
      });
    }
    value = value[field];
  }
  return value;
}

/** Names visible in a scope, labelled by where they come from (for "did you mean" hints). */
function describeScope(scope: Pick<TemplateScope, 'captures' | 'caseVars' | 'suiteVars' | 'globalVars'>): string[] {
  const labelled: Array<[Record<string, unknown>, string]> = [
    [scope.captures, 'captured'],
    [scope.caseVars, 'case var'],
    [scope.suiteVars, 'suite var'],
    [scope.globalVars, 'global var'],
  ];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [layer, label] of labelled) {
    for (const name of Object.keys(layer)) {
      if (seen.has(name)) continue;
      seen.add(name);
      out.push(`${name} (${label})`);
    }
  }
  return out;
}

function unknownVariable(name: string, template: string, scope: TemplateScope, where?: string): TemplateError {
  const known = [scope.captures, scope.caseVars, scope.suiteVars, scope.globalVars].flatMap((layer) => Object.keys(layer));
  return unknownVariableError(name, template, known, describeScope(scope), where);
}

/** The one wording for "no such variable", used at run time and by the load-time check. */
export function unknownVariableMessage(name: string, template: string, known: readonly string[]): string {
  const suggestion = didYouMean(name, known);
  return `unknown variable "${name}" in "${template}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`;
}

export function unknownVariableHint(described: readonly string[]): string {
  const available = described.length ? `Variables here: ${described.join(', ')}.` : 'No variables are defined here.';
  return `${available} Define it under vars:, capture it in an earlier step, or use {{env.NAME}} for the environment.`;
}

function unknownVariableError(name: string, template: string, known: readonly string[], described: readonly string[], where?: string): TemplateError {
  return new TemplateError(`${prefix(where)}${unknownVariableMessage(name, template, known)}`, {
    hint: unknownVariableHint(described),
    path: where,
  });
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
