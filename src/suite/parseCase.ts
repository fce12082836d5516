import { TemplateError } from '../errors';
import { readDataRows, type DataRow } from './dataRows';
import { mergeRules } from './mergeRules';
import { parseAuth } from './parseAuth';
import { parseRules } from './parseRules';
import { buildStep, parseSteps, type StepDraft, type StepInherited } from './parseStep';
import { readVars } from './readVars';
import { caseKeys, latencyKeys } from './schema';
import { createTemplateScope, expandTemplate, templateReferences } from './template';
import { checkTemplateUses, type KnownVariables, type TemplateUses } from './templateUses';
import type { Case, LatencyThresholds, ParityRules, Step } from './types';
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
  const nameAt = entries.get('name');
  if (!nameAt) reader.fail(cursor, 'a case needs "name"', 'Names are unique within a suite; the case id is <suite file>#<name>.');
  const nameTemplate = nameAt ? reader.string(nameAt, { nonEmpty: true, scalars: true }) : undefined;
  const descriptionAt = entries.get('description');
  const description = descriptionAt ? reader.string(descriptionAt) : undefined;
  const tagsAt = entries.get('tags');
  const tags = tagsAt ? reader.stringList(tagsAt, 'tags') : [];
  const skip = readSkip(reader, entries.get('skip'));
  const onlyAt = entries.get('only');
  const only = onlyAt ? reader.boolean(onlyAt) : false;
  const apiAt = entries.get('api');
  const api = apiAt ? reader.string(apiAt, { nonEmpty: true }) : ctx.api;
  const latencyAt = entries.get('latency');
  const latency = latencyAt ? readLatency(reader, latencyAt) : {};
  const vars = readVars(reader, entries.get('vars'));
  const eachAt = entries.get('each');
  const rows = eachAt ? readDataRows(reader, eachAt, ctx.dir, ctx.root) : undefined;

  const caseUses: TemplateUses = [];
  const authAt = entries.get('auth');
  const noiseAt = entries.get('noiseBaseline');
  const mutatingAt = entries.get('mutating');
  const rulesAt = entries.get('rules');
  const inherited: StepInherited = {
    ...(api === undefined ? {} : { api }),
    ...(authAt ? { auth: parseAuth(reader, authAt, caseUses) } : {}),
    ...(noiseAt ? { noiseBaseline: reader.boolean(noiseAt) } : {}),
    ...(mutatingAt ? { mutating: reader.boolean(mutatingAt) } : {}),
    rules: rulesAt ? mergeRules(ctx.rules, parseRules(reader, rulesAt, 'case', ctx.file)) : ctx.rules,
  };
  const drafts = readStepDrafts(reader, entries, inherited, ctx.file);
  if (drafts && caseUses.length) drafts[0]?.uses.unshift(...caseUses);

  if (!drafts || !nameAt || nameTemplate === undefined || !tags || !skip || only === undefined || !latency || !vars || (eachAt && !rows)) return [];
  if (drafts.some((draft) => draft.api === undefined)) {
    reader.fail(cursor, 'no API for this case: set "api:" on the case (or its steps) or at the top of the suite', apiHint);
    return [];
  }
  const steps = finishSteps(reader, drafts);
  if (!steps) return [];

  const line = reader.line(cursor);
  const base = {
    ...(description === undefined ? {} : { description }),
    api: api ?? steps[0]!.api,
    tags: [...new Set([...ctx.tags, ...tags])],
    skip: skip.skip,
    ...(skip.reason === undefined ? {} : { skipReason: skip.reason }),
    only,
    latency,
    ...(line === undefined ? {} : { line }),
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
      ...(row ? { dataRow: { source: row.source, index: row.index, ...(row.line === undefined ? {} : { line: row.line }) } } : {}),
    };
    return [{ kase, nameAt }];
  });
}

/** `request:` (one call) and `steps:` (a scenario) are exclusive; exactly one is required. */
function readStepDrafts(reader: YamlReader, entries: Entries, inherited: StepInherited, file: string): StepDraft[] | undefined {
  const requestAt = entries.get('request');
  const stepsAt = entries.get('steps');
  if (requestAt && stepsAt) {
    return reader.failAtKey(entries.cursor, stepsAt.keyNode, 'a case has either request: (one call) or steps: (a scenario), not both', 'Move the request into the first step, or drop steps:.');
  }
  if (!requestAt && !stepsAt) {
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

function readSkip(reader: YamlReader, cursor: Cursor | undefined): { skip: boolean; reason?: string } | undefined {
  if (!cursor) return { skip: false };
  // `skip: "waiting for CHOREO-123"` skips with a reason; yes/no are still rejected as booleans.
  if (reader.kind(cursor) === 'string' && !/^(?:y|n|yes|no|on|off)$/i.test(reader.string(cursor)!)) {
    const reason = reader.string(cursor, { nonEmpty: true });
    return reason === undefined ? undefined : { skip: true, reason };
  }
  const skip = reader.boolean(cursor);
  return skip === undefined ? undefined : { skip };
}

function readLatency(reader: YamlReader, cursor: Cursor): LatencyThresholds | undefined {
  const entries = reader.map(cursor, latencyKeys, 'latency thresholds');
  if (!entries) return undefined;
  const ratioAt = entries.get('maxRatio');
  const addedAt = entries.get('maxAddedMs');
  const maxRatio = ratioAt ? reader.number(ratioAt, { min: 0, minExclusive: true }) : undefined;
  const maxAddedMs = addedAt ? reader.number(addedAt, { min: 0 }) : undefined;
  if ((ratioAt && maxRatio === undefined) || (addedAt && maxAddedMs === undefined)) return undefined;
  return { ...(maxRatio === undefined ? {} : { maxRatio }), ...(maxAddedMs === undefined ? {} : { maxAddedMs }) };
}
