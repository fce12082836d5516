import path from 'node:path';
import { mergeRules, emptyRules } from './mergeRules';
import { parseCase, type ParsedCase, type SuiteContext } from './parseCase';
import { parseRules } from './parseRules';
import { readVars } from './readVars';
import { readYamlFile } from './readYamlFile';
import { suiteKeys } from './schema';
import type { ParityRules, Suite } from './types';
import type { YamlReader } from './yamlReader';

export interface LoadSuiteOptions {
  /** Project root: `Suite.file` and case ids are relative to it. */
  root: string;
  /** Rules from `suites/_global.yaml` (see `loadGlobalConfig`); merged before the suite's own. */
  globalRules?: ParityRules;
  /** Vars from `suites/_global.yaml`; templates look them up after the suite's vars. */
  globalVars?: Record<string, unknown>;
  /** Where the global rules came from (informational; set when spreading a `GlobalConfig`). */
  globalFile?: string;
}

const minimalSuite = 'A suite needs at least: api: <name> and cases: [{ name: <name>, request: GET /path }]. See docs/suite-format.md.';

/**
 * Loads one suite file into a fully defaulted, validated `Suite`. Every problem in the file is
 * reported at once: one `SuiteError`, or a `SuiteErrorList` (also a `SuiteError`) for several.
 */
export function loadSuiteFile(file: string, options: LoadSuiteOptions): Suite {
  const { reader, issues, file: relative, absolute, sha256 } = readYamlFile(file, options.root);
  const rootCursor = reader.root();
  const kind = reader.kind(rootCursor);
  if (kind === 'null') reader.fail(rootCursor, 'the file is empty', minimalSuite);
  else if (kind !== 'mapping') reader.fail(rootCursor, `the top level must be a mapping (suite, api, cases, …), found ${reader.describe(rootCursor)}`, minimalSuite);
  issues.throwIfAny();

  const entries = reader.map(rootCursor, suiteKeys, 'a suite');
  const at = (key: string) => entries?.get(key);
  const nameAt = at('suite');
  const name = nameAt ? reader.string(nameAt, { nonEmpty: true, scalars: true }) : path.basename(relative).replace(/\.ya?ml$/i, '');
  const descriptionAt = at('description');
  const description = descriptionAt ? reader.string(descriptionAt) : undefined;
  const apiAt = at('api');
  const api = apiAt ? reader.string(apiAt, { nonEmpty: true }) : undefined;
  const tagsAt = at('tags');
  const tags = (tagsAt ? reader.stringList(tagsAt, 'tags') : []) ?? [];
  const vars = readVars(reader, at('vars')) ?? {};
  const globalVars = options.globalVars ?? {};
  const rulesAt = at('rules');
  const rules = mergeRules(options.globalRules ?? emptyRules(), rulesAt ? parseRules(reader, rulesAt, 'suite', relative) : emptyRules());

  const casesAt = at('cases');
  if (entries && !casesAt && !entries.misspelled('cases')) reader.fail(rootCursor, 'a suite needs "cases"', minimalSuite);
  const items = casesAt ? (reader.list(casesAt, 'the cases') ?? []) : [];
  if (casesAt && reader.kind(casesAt) === 'list' && items.length === 0) reader.fail(casesAt, 'cases: is empty', minimalSuite);

  const context: SuiteContext = {
    reader,
    file: relative,
    dir: path.dirname(absolute),
    root: options.root,
    api,
    tags,
    vars,
    globalVars,
    rules,
  };
  const parsed = items.flatMap((item) => parseCase(context, item));
  checkUniqueNames(reader, parsed);
  issues.throwIfAny();

  return {
    name: name ?? '',
    description,
    file: relative,
    sha256,
    api: api ?? parsed[0]?.kase.api ?? '',
    tags,
    vars,
    globalVars,
    cases: parsed.map(({ kase }) => kase),
  };
}

function checkUniqueNames(reader: YamlReader, parsed: ParsedCase[]): void {
  const first = new Map<string, ParsedCase>();
  for (const entry of parsed) {
    const earlier = first.get(entry.kase.name);
    if (!earlier) {
      first.set(entry.kase.name, entry);
      continue;
    }
    const sameCase = earlier.nameAt === entry.nameAt;
    reader.fail(
      entry.nameAt,
      sameCase
        ? `data rows ${earlier.kase.dataRow?.index} and ${entry.kase.dataRow?.index} both produce the case name "${entry.kase.name}"`
        : `duplicate case name "${entry.kase.name}" (first used at line ${earlier.kase.line})`,
      sameCase
        ? 'Put a {{column}} that differs between rows into the name, e.g. name: "order {{pizza}} x{{quantity}}".'
        : 'Case names are unique within a suite: the case id <suite file>#<name> identifies results, baselines and sign-offs.',
    );
  }
}
