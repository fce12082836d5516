import { TemplateError } from '../errors';
import type { DataRow } from './dataRows';
import { mergeRules } from './mergeRules';
import { parseAuth } from './parseAuth';
import { parseRules } from './parseRules';
import { buildStep, parseSteps, type StepDraft, type StepInherited } from './parseStep';
import { readCaseSettings } from './caseSettings';
import { caseKeys } from './schema';
import { createTemplateScope, expandTemplate, templateReferences } from './template';
import { checkTemplateUses, type KnownVariables, type TemplateUses } from './templateUses';
import type { Case, ParityRules, Step } from './types';
import type { Cursor, Entries, YamlReader } from './yamlReader';

/** What a case inherits from its suite. */
export interface SuiteContext {
  reader: YamlReader;
  /** Suite file relative to the project root (forward slashes). */
  file: string;
  /** Absolute folder of the suite file: `each:` CSV paths are relative to it. */
  dir: string;
  root: string;
  api?: string;
  tags: string[];
  vars: Record<string, unknown>;
  globalVars: Record<string, unknown>;
  /** global + suite rules, merged. */
  rules: ParityRules;
}

/** A finished case and where its name was written (for the duplicate-name check). */
export interface ParsedCase {
  kase: Case;
  nameAt: Cursor;
}

const apiHint = 'The API name picks the base URLs: api: pizzashack → LEGACY_API_PIZZASHACK_URL and CANDIDATE_API_PIZZASHACK_URL.';

/** One `cases[i]` entry → one case, or one per data row with `each:`. Empty when it had problems. */
export function parseCase(ctx: SuiteContext, cursor: Cursor): ParsedCase[] {
  const { reader } = ctx;
  const entries = reader.map(cursor, caseKeys, 'a case');
  if (!entries) return [];
  const settings = readCaseSettings(reader, entries, ctx);
  const caseUses: TemplateUses = [];
  const inherited = stepInheritance(ctx, entries, settings?.api ?? ctx.api, caseUses);
  const drafts = readStepDrafts(reader, entries, inherited, ctx.file);
  // The case's own templates (a bearer token) are used from the first step on.
  if (drafts && caseUses.length) drafts[0]?.uses.unshift(...caseUses);
  if (!drafts || !settings) return [];
  if (drafts.some((draft) => draft.api === undefined)) {
    reader.fail(cursor, 'no API for this case: set "api:" on the case (or its steps) or at the top of the suite', apiHint);
    return [];
  }
  const steps = finishSteps(reader, drafts);
  if (!steps) return [];

  const { nameAt, nameTemplate, vars, rows, api, tags, skipReason, ...rest } = settings;
  const line = reader.line(cursor);
  const base = {
    ...rest,
    api: api ?? steps[0]!.api,
    tags: [...new Set([...ctx.tags, ...tags])],
    skipReason,
    line,
  };
  return (rows ?? [undefined]).flatMap((row) => {
    const caseVars = { ...vars, ...row?.vars };
    checkTemplateUses(reader, drafts, knownVariables(ctx, vars, row));
    const name = expandName(reader, nameAt, nameTemplate, ctx, caseVars, row);
    if (name === undefined) return [];
    const kase: Case = {
      id: `${ctx.file}#${name}`,
      name,
      ...base,
      steps: rows ? structuredClone(steps) : steps,
      vars: caseVars,
      dataRow: row ? { source: row.source, index: row.index, line: row.line } : undefined,
    };
    return [{ kase, nameAt }];
  });
}

/** What the steps take from their case unless they say otherwise. */
function stepInheritance(ctx: SuiteContext, entries: Entries, api: string | undefined, uses: TemplateUses): StepInherited {
  const { reader } = ctx;
  const authAt = entries.get('auth');
  const noiseAt = entries.get('noiseBaseline');
  const mutatingAt = entries.get('mutating');
  const rulesAt = entries.get('rules');
  const auth = authAt ? parseAuth(reader, authAt, uses) : undefined;
  const noiseBaseline = noiseAt ? reader.boolean(noiseAt) : undefined;
  const mutating = mutatingAt ? reader.boolean(mutatingAt) : undefined;
  return {
    api,
    auth,
    noiseBaseline,
    mutating,
    rules: rulesAt ? mergeRules(ctx.rules, parseRules(reader, rulesAt, 'case', ctx.file)) : ctx.rules,
  };
}

/** `request:` (one call) and `steps:` (a scenario) are exclusive; exactly one is required. */
function readStepDrafts(reader: YamlReader, entries: Entries, inherited: StepInherited, file: string): StepDraft[] | undefined {
  const requestAt = entries.get('request');
  const stepsAt = entries.get('steps');
  if (requestAt && stepsAt) {
    return reader.failAtKey(entries.cursor, stepsAt.keyNode, 'a case has either request: (one call) or steps: (a scenario), not both', 'Move the request into the first step, or drop steps:.');
  }
  if (!requestAt && !stepsAt) {
    if (entries.misspelled('request') || entries.misspelled('steps')) return undefined;
    return reader.fail(entries.cursor, 'a case needs request: (one call) or steps: (a scenario)', 'e.g. request: { method: GET, path: /menu }.');
  }
  if (stepsAt) {
    for (const key of ['expect', 'capture'] as const) {
      const misplaced = entries.get(key);
      if (misplaced) reader.failAtKey(entries.cursor, misplaced.keyNode, `${key}: belongs to each step when the case has steps:`, `Move ${key}: into the step it is about.`);
    }
    const drafts = parseSteps(reader, stepsAt, inherited, file);
    return drafts && !entries.has('expect') && !entries.has('capture') ? drafts : undefined;
  }
  const draft = buildStep(reader, entries, inherited, file, false);
  return draft ? [draft] : undefined;
}

/** Default step names are `METHOD path`; a repeat gets its step number. Explicit names must differ. */
function finishSteps(reader: YamlReader, drafts: StepDraft[]): Step[] | undefined {
  const seen = new Map<string, number>();
  let ok = true;
  const steps = drafts.map((draft, index) => {
    let name = draft.step.name;
    if (name !== undefined && seen.has(name)) {
      ok = reader.fail(draft.nameAt!, `duplicate step name "${name}" (also step ${seen.get(name)! + 1})`, 'Step names are unique within a case; they label results.') ?? false;
    }
    if (name === undefined) {
      const base = `${draft.step.request.method} ${draft.step.request.path}`;
      name = seen.has(base) ? `${base} (step ${index + 1})` : base;
    }
    seen.set(name, index);
    return { ...draft.step, name, api: draft.api! };
  });
  return ok ? steps : undefined;
}

function knownVariables(ctx: SuiteContext, caseVars: Record<string, unknown>, row: DataRow | undefined): KnownVariables {
  const known: KnownVariables = new Map();
  const layers: Array<[Record<string, unknown>, string]> = [
    [row?.vars ?? {}, row ? `data row ${row.index}` : ''],
    [caseVars, 'case var'],
    [ctx.vars, 'suite var'],
    [ctx.globalVars, 'global var'],
  ];
  for (const [vars, label] of layers) for (const name of Object.keys(vars)) if (!known.has(name)) known.set(name, label);
  return known;
}

/** Case names may use vars (data rows!) but nothing that changes between runs: ids must be stable. */
function expandName(reader: YamlReader, nameAt: Cursor, template: string, ctx: SuiteContext, caseVars: Record<string, unknown>, row: DataRow | undefined): string | undefined {
  try {
    const unstable = templateReferences(template).find((reference) => reference.kind !== 'variable');
    if (unstable) {
      return reader.fail(nameAt, `case names cannot use {{${unstable.raw}}}`, 'The case id (<file>#<name>) must be the same on every run and machine; use vars or data columns in names.');
    }
    const scope = createTemplateScope({ suite: { vars: ctx.vars, globalVars: ctx.globalVars }, caseVars, builtins: { uuid: '', timestamp: '', isoTimestamp: '' }, env: {} });
    const name = expandTemplate(template, scope).trim();
    return name === '' ? reader.fail(nameAt, `the name expands to nothing${row ? ` for data row ${row.index}` : ''}`) : name;
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return reader.fail(nameAt, `${error.message}${row ? ` (data row ${row.index} of ${row.source})` : ''}`, error.hint);
  }
}
