import { formatJsonPath } from '../model/jsonPath';
import { targetNames, type Difference, type RecordedResponse, type TargetName } from '../model/result';
import { getProfile } from '../profiles/getProfile';
import { aliasFact, aliasPairFor, aliasRule, sideAliases } from './aliases';
import { erasedByNormalization } from './accounting';
import { baseRewriter } from './baseUrl';
import type { ComparableResponse } from './comparable';
import { diffResponses, type DiffPass, type DiffPassOptions } from './diffResponses';
import { dispose } from './dispose';
import { evaluateExpectations, expectationDifferences, expectationVars, improvedChecks } from './expectations';
import { compareFaultResponses } from './faultCompare';
import { alignFaultMediaTypes } from './faultHeaders';
import type { Finding } from './findings';
import { buildJwtRules } from './jwtRules';
import { mustExistChecks } from './mustExist';
import { noiseFindings } from './noise';
import { normalizeResponse } from './normalizeResponse';
import { toRawForm } from './rawForm';
import { addNote, type NoteSink, type SideRules } from './sideRules';
import type { AliasPair, CompareInput, CompareStep, DiffOptions } from './types';
import { arrayOptions, userDiffOptions, userHeaderView } from './userDiffOptions';
import { erasedByUserRules } from './userRuleExplain';
import { compileRules, headerRuleMap, type CompiledRules } from './userRules';

/**
 * Compares one step's legacy and candidate exchanges. Expectations first (on both sides); then
 * three diff passes over status, headers and body — raw, normalized, and normalized seen through
 * the user's rules — so every difference gets exactly one disposition:
 * - a raw difference normalization erased → accepted by the rule whose note touched its path;
 * - a normalized difference a user ignore/match/array/header rule erased → accepted by that rule;
 * - gateway faults → the fault comparison (known-equivalent pairs accepted by name);
 * - what is left → user accept rule, improvement, noise (legacy vs its repeat), or regression.
 */
export const compareStep: CompareStep = (input) => {
  const expectations = targetNames.flatMap((target) =>
    evaluateExpectations(input.step.expect, input[target], expectationVars(input.baseUrls[target], input.aliases, target)),
  );
  const expectationDiffs = expectationDifferences(expectations);
  const legacy = input.legacy.response;
  const candidate = input.candidate.response;
  if (!legacy || !candidate) return { expectations, differences: expectationDiffs, notes: [] };

  const rules = compileRules(input.step.rules);
  const facts = new Map<string, string>();
  const sinks: Record<TargetName, NoteSink> = { legacy: { target: 'legacy', notes: [], facts }, candidate: { target: 'candidate', notes: [], facts } };
  const sides = sideRulesFor(input, rules);
  const raw = { legacy: toRawForm(legacy), candidate: toRawForm(candidate) };
  const normalized = alignFaultMediaTypes(
    normalizeResponse(raw.legacy, legacy, sides.legacy, sinks.legacy),
    normalizeResponse(raw.candidate, candidate, sides.candidate, sinks.candidate),
    sinks,
  );
  const statusAndBody = normalized.legacy.fault === undefined && normalized.candidate.fault === undefined;
  const faults = compareFaultResponses(normalized.legacy, normalized.candidate, sinks.candidate);

  const d0 = diffResponses(raw.legacy, raw.candidate, { statusAndBody, body: arrayOptions(rules) });
  const notedAliases = aliasHooks(input.aliases, sinks.candidate);
  const d1 = diffResponses(normalized.legacy, normalized.candidate, {
    statusAndBody,
    body: arrayOptions(rules, notedAliases.body?.equal),
    headerEqual: notedAliases.headerEqual,
  });
  const silentAliases = aliasHooks(input.aliases);
  const view = (response: ComparableResponse) => ({ ...response, headers: userHeaderView(response.headers, rules) });
  const d2 = diffResponses(view(normalized.legacy), view(normalized.candidate), {
    statusAndBody,
    body: userDiffOptions(rules, silentAliases.body?.equal),
    headerEqual: silentAliases.headerEqual,
  });
  const mustExist = mustExistChecks(normalized.legacy.headers, normalized.candidate.headers, rules);

  const notes = [...sinks.legacy.notes, ...sinks.candidate.notes];
  const context = {
    rules,
    noise: noiseBaseline(input, sides.legacy, userDiffOptions(rules), view),
    improved: [...improvedChecks(expectations), ...mustExist.improved],
  };
  const disposed = [...d2.findings, ...faults.findings].map((finding) => dispose(finding, context));
  const differences = [
    ...erasedByNormalization(complete(d0, d1), d1.findings, notes, facts),
    ...erasedByUserRules(complete(d1, d2), d2.findings, rules),
    ...faults.accepted,
    ...disposed,
    ...mustExist.differences,
    ...omittedDifferences(d2.omitted),
  ];
  return { expectations, differences: [...expectationDiffs, ...byArea(differences)], notes };
};

function sideRulesFor(input: CompareInput, rules: CompiledRules): Record<TargetName, SideRules> {
  const profiles = { legacy: getProfile(input.profiles.legacy), candidate: getProfile(input.profiles.candidate) };
  const jwt = buildJwtRules([profiles.legacy, profiles.candidate]);
  const headerRules = headerRuleMap(rules);
  const side = (target: TargetName): SideRules => ({
    target,
    profile: profiles[target],
    base: baseRewriter(input.baseUrls[target]),
    aliases: sideAliases(input.aliases, target),
    jwt,
    headerRules,
  });
  return { legacy: side('legacy'), candidate: side('candidate') };
}

/**
 * Alias pairs as whole values (numbers, and ids too short to rewrite inside strings): equal when
 * the legacy holds the legacy value and the candidate the candidate value. With a sink, each match
 * is noted, so the raw difference it erases is accepted as `alias:<name>`.
 */
function aliasHooks(pairs: readonly AliasPair[], sink?: NoteSink): Pick<DiffPassOptions, 'body' | 'headerEqual'> {
  if (pairs.length === 0) return {};
  const matched = (legacy: unknown, candidate: unknown, path: string): boolean | undefined => {
    const pair = aliasPairFor(legacy, candidate, pairs);
    if (!pair) return undefined;
    if (sink) addNote(sink, aliasRule(pair.name), aliasFact(pair.name), path, `legacy ${String(legacy)} and candidate ${String(candidate)} are the pair "${pair.name}"`);
    return true;
  };
  return {
    body: { equal: (path, legacy, candidate) => matched(legacy, candidate, formatJsonPath(path)) },
    headerEqual: (name, legacy, candidate) => matched(legacy, candidate, `header:${name}`),
  };
}

function noiseBaseline(input: CompareInput, legacySideRules: SideRules, body: DiffOptions, view: (response: ComparableResponse) => ComparableResponse): Finding[] {
  const first = input.legacy.response;
  const repeat = input.legacyRepeat?.response;
  if (!first || !repeat) return [];
  // The repeat's notes describe the same rules as the first call's; they are not reported twice.
  const scratch: NoteSink = { target: 'legacy', notes: [], facts: new Map() };
  const normalize = (response: RecordedResponse) => view(normalizeResponse(toRawForm(response), response, legacySideRules, scratch));
  return noiseFindings(normalize(first), normalize(repeat), { body });
}

/**
 * The earlier pass's findings whose erasure can be judged: all of them when the later pass listed
 * every difference, else only headers and status — a body difference missing from a truncated
 * later pass may simply not have been listed, and must not be called accepted.
 */
function complete(earlier: DiffPass, later: DiffPass): Finding[] {
  return later.omitted === 0 ? earlier.findings : earlier.findings.filter((finding) => finding.area !== 'body');
}

function omittedDifferences(omitted: number): Difference[] {
  if (omitted === 0) return [];
  return [{ area: 'body', path: '$', kind: 'changed', disposition: 'regression', reason: `${omitted} more body differences beyond the diff limit were not listed` }];
}

const areaOrder: Record<Difference['area'], number> = { expectation: 0, status: 1, header: 2, fault: 3, body: 4, contract: 5, latency: 6, token: 7 };

function byArea(differences: Difference[]): Difference[] {
  return differences
    .map((difference, index) => ({ difference, index }))
    .sort((a, b) => areaOrder[a.difference.area] - areaOrder[b.difference.area] || a.index - b.index)
    .map((entry) => entry.difference);
}
