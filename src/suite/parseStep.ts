import { mergeRules } from './mergeRules';
import { parseAuth } from './parseAuth';
import { parseCaptures } from './parseCapture';
import { parseExpect } from './parseExpect';
import { parseRequest } from './parseRequest';
import { parseRules } from './parseRules';
import { mutatingMethods, stepDefaults, stepKeys } from './schema';
import type { TemplateUses } from './templateUses';
import type { ParityRules, Step, StepAuth } from './types';
import type { Cursor, Entries, YamlReader } from './yamlReader';

/** Settings a step takes from its case when it does not set them itself. */
export interface StepInherited {
  api?: string;
  auth?: StepAuth;
  noiseBaseline?: boolean;
  mutating?: boolean;
  /** global + suite + case rules, already merged. */
  rules: ParityRules;
}

/** A parsed step plus what the case needs to finish it (default name, API check, template check). */
export interface StepDraft {
  step: Omit<Step, 'api' | 'name'> & { name?: string };
  api?: string;
  nameAt?: Cursor;
  uses: TemplateUses;
  captures: string[];
}

/**
 * Builds one step from the keys that describe it. A single-request case passes its own entries
 * (only request/expect/capture are read from them); a scenario step passes the step's mapping.
 */
export function buildStep(reader: YamlReader, entries: Entries, inherited: StepInherited, file: string, own: boolean): StepDraft | undefined {
  const uses: TemplateUses = [];
  const requestAt = entries.get('request');
  if (!requestAt) return entries.misspelled('request') ? undefined : reader.fail(entries.cursor, 'a step needs "request"', 'e.g. request: { method: GET, path: /menu } or request: GET /menu.');
  const request = parseRequest(reader, requestAt, uses);
  const expect = parseExpect(reader, entries.get('expect'), uses);
  const capture = parseCaptures(reader, entries.get('capture'));

  // Step-level overrides exist only on scenario steps; a single-request case set them on itself.
  const at = (key: string): Cursor | undefined => (own ? entries.get(key) : undefined);
  const nameAt = at('name');
  const name = nameAt ? reader.string(nameAt, { nonEmpty: true, scalars: true }) : undefined;
  const apiAt = at('api');
  const api = apiAt ? reader.string(apiAt, { nonEmpty: true }) : inherited.api;
  const authAt = at('auth');
  const auth = authAt ? parseAuth(reader, authAt, uses) : (inherited.auth ?? stepDefaults.auth);
  const noiseAt = at('noiseBaseline');
  const noiseBaseline = noiseAt ? reader.boolean(noiseAt) : inherited.noiseBaseline;
  const mutatingAt = at('mutating');
  const mutatingFlag = mutatingAt ? reader.boolean(mutatingAt) : inherited.mutating;
  const rulesAt = at('rules');
  const rules = rulesAt ? mergeRules(inherited.rules, parseRules(reader, rulesAt, 'step', file)) : inherited.rules;

  if (!request || !expect || !capture || !auth || (nameAt && name === undefined)) return undefined;
  const mutating = mutatingFlag ?? mutatingMethods.includes(request.method);
  const line = reader.line(own ? entries.cursor : requestAt);
  return {
    step: {
      name,
      auth,
      request,
      expect,
      capture,
      rules,
      // A write must not be repeated just to measure noise, whatever its method.
      noiseBaseline: noiseBaseline ?? !mutating,
      mutating,
      line,
    },
    api,
    nameAt,
    uses,
    captures: Object.keys(capture),
  };
}

export function parseSteps(reader: YamlReader, cursor: Cursor, inherited: StepInherited, file: string): StepDraft[] | undefined {
  const items = reader.list(cursor, 'the steps of a scenario');
  if (!items) return undefined;
  if (items.length === 0) return reader.fail(cursor, 'steps: is empty', 'List at least one step, or use request: for a single call.');
  const drafts = items.map((item) => {
    const entries = reader.map(item, stepKeys, 'a step');
    return entries ? buildStep(reader, entries, inherited, file, true) : undefined;
  });
  return drafts.every((draft) => draft !== undefined) ? (drafts as StepDraft[]) : undefined;
}
