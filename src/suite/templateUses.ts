import { TemplateError } from '../errors';
import { isRecord } from '../model/jsonPath';
import { hasTemplate, parseTemplate, templateReferences, unknownVariableHint, unknownVariableMessage } from './template';
import type { Cursor, YamlReader } from './yamlReader';

/**
 * Templates seen while parsing one case, kept with their position so that, once the whole case
 * is known, every `{{name}}` can be checked against the variables and earlier captures.
 */
export interface TemplateUse {
  cursor: Cursor;
  template: string;
  /** Expectations may also use `{{base}}` and their own step's captures; requests may not. */
  phase: 'request' | 'expect';
}

export type TemplateUses = TemplateUse[];

/** Reads a string that may hold templates, checks its syntax and records it for the variable check. */
export function readTemplate(
  reader: YamlReader,
  cursor: Cursor,
  phase: TemplateUse['phase'],
  uses: TemplateUses,
  options: { scalars?: boolean; nonEmpty?: boolean } = {},
): string | undefined {
  const text = reader.string(cursor, options);
  if (text === undefined) return undefined;
  return noteTemplate(reader, cursor, text, phase, uses) ? text : undefined;
}

/** Records every template inside a free-form value (a JSON body, an expected value). */
export function noteTemplatesIn(reader: YamlReader, cursor: Cursor, value: unknown, phase: TemplateUse['phase'], uses: TemplateUses): boolean {
  if (typeof value === 'string') return noteTemplate(reader, cursor, value, phase, uses);
  if (Array.isArray(value)) return value.map((item) => noteTemplatesIn(reader, cursor, item, phase, uses)).every(Boolean);
  if (isRecord(value)) return Object.values(value).map((item) => noteTemplatesIn(reader, cursor, item, phase, uses)).every(Boolean);
  return true;
}

/** Records one template string found at `cursor` (also part of a larger value, e.g. a shorthand's path). */
export function noteTemplate(reader: YamlReader, cursor: Cursor, text: string, phase: TemplateUse['phase'], uses: TemplateUses): boolean {
  if (!hasTemplate(text)) return true;
  try {
    parseTemplate(text);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    reader.fail(cursor, error.message, error.hint);
    return false;
  }
  uses.push({ cursor, template: text, phase });
  return true;
}

/** Variable names visible to a case, each with where it comes from (for hints). */
export type KnownVariables = Map<string, string>;

/**
 * Names only expectations can use: the compare stage supplies them per target.
 * `{{base}}` is that target's API base URL, e.g. `location: "{{base}}/order/{{orderId}}"`.
 */
const expectationVariables: ReadonlyMap<string, string> = new Map([['base', "the target's API base URL, expect: only"]]);

/**
 * Reports every `{{name}}` that nothing defines: not a var (global, suite, case, data row) and
 * not captured by an earlier step. Expectations also see their own step's captures (the engine
 * takes captures before it compares, so `location: "{{base}}/order/{{orderId}}"` works in the
 * step that captures `orderId`); a request cannot use what its own response will hold.
 * `{{env.X}}` is only known at run time and is not checked here.
 */
export function checkTemplateUses(reader: YamlReader, steps: ReadonlyArray<{ uses: TemplateUses; captures: readonly string[] }>, vars: KnownVariables): void {
  const captured = new Map<string, string>();
  steps.forEach((step, index) => {
    const own = new Map(step.captures.map((name) => [name, `captured in step ${index + 1}`] as const));
    for (const use of step.uses) {
      const visible = new Map([...vars, ...captured, ...(use.phase === 'expect' ? [...expectationVariables, ...own] : [])]);
      for (const reference of templateReferences(use.template)) {
        if (reference.kind !== 'variable' || visible.has(reference.root)) continue;
        const later = own.has(reference.root) ? ` ("${reference.root}" is captured from this step's response, so only its expect: and later steps can use it)` : '';
        reader.fail(
          use.cursor,
          `${unknownVariableMessage(reference.root, use.template, [...visible.keys()])}${later}`,
          unknownVariableHint([...visible].map(([name, label]) => `${name} (${label})`)),
        );
      }
    }
    for (const [name, label] of own) captured.set(name, label);
  });
}
