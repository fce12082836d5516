import { formatJsonPath, type PathKey } from '../model/jsonPath';
import { targetNames, type Difference } from '../model/result';
import { headerDropFor } from '../profiles/profileRules';
import { aliasFact, aliasPairFor, aliasPairsInside, aliasRule, legacyKeyFor } from './aliases';
import { erasedByNormalization } from './accounting';
import { collectiveFindings } from './collectiveFindings';
import { defaultDiffOptions, diffJson } from './diff/diffJson';
import type { ComparableResponse } from './comparable';
import { diffResponses, type DiffPass, type DiffPassOptions } from './diffResponses';
import { dispose } from './dispose';
import { evaluateExpectations, expectationDifferences, expectationVars, improvedChecks } from './expectations';
import { listDifferences } from './listDifferences';
import { compareFaultResponses } from './faultCompare';
import type { Finding } from './findings';
import { mustExistChecks } from './mustExist';
import { buildNoiseBaseline, noiseFindings, noNoise, type NoiseBaseline } from './noise';
import { normalizeResponse } from './normalizeResponse';
import { toRawForm } from './rawForm';
import { addNote, type NoteSink } from './sideRules';
import { buildStepForms, type StepForms } from './stepForms';
import type { AliasPair, CompareInput, CompareStep, DiffOptions } from './types';
import { arrayOptions, userDiffOptions, userHeaderView } from './userDiffOptions';
import { erasedByUserRules } from './userRuleExplain';
import { compileRules, type CompiledRules } from './userRules';

/**
 * Compares one step's legacy and candidate exchanges. Expectations first (on both sides); then
 * three diff passes over status, headers and body — raw, normalized, and normalized seen through
 * the user's rules — so every difference gets exactly one disposition:
 * - a raw difference normalization erased → accepted by the rule whose note touched its path;
 * - a normalized difference a user ignore/match/header rule erased → accepted by that rule;
 * - gateway faults → the fault comparison (known-equivalent pairs accepted by name);
 * - what is left → user accept rule, improvement, noise (legacy vs its repeat), or regression.
 * A step lists at most `differenceListLimits.maxListed` of them (`listDifferences`: the first few
 * of every disposition and rule always among them) and counts the rest in `unlisted`.
 */
export const compareStep: CompareStep = (input) => {
  const expectations = targetNames.flatMap((target) =>
    evaluateExpectations(input.expect?.[target] ?? input.step.expect, input[target], expectationVars(input.baseUrls[target], input.aliases, target)),
  );
  const expectationDiffs = expectationDifferences(expectations);
  const legacy = input.legacy.response;
  const candidate = input.candidate.response;
  if (!legacy || !candidate) return { expectations, differences: expectationDiffs, notes: [] };

  const rules = compileRules(input.step.rules);
  const forms = buildStepForms(input, rules, { legacy, candidate });
  const faults = compareFaultResponses(forms.normalized.legacy, forms.normalized.candidate, forms.sinks.candidate, forms.pair.faultEquivalences);
  const { d0, d1, d2 } = diffPasses(input.aliases, rules, forms);
  const mustExist = mustExistChecks(forms.normalized.legacy.headers, forms.normalized.candidate.headers, rules);
  const notes = [...forms.sinks.legacy.notes, ...forms.sinks.candidate.notes];
  const context = {
    rules,
    noise: noiseBaseline(input, forms, rules),
    improved: [...improvedChecks(expectations), ...mustExist.improved],
  };
  const noisyPlace = (place: string) => context.noise.places.get(place)?.has('value') === true || context.noise.places.get(place)?.has('type') === true;
  // Every difference gets its disposition before any is left out of the list, so the counts are complete.
  const { listed, unlisted } = listDifferences(
    byArea([
      ...erasedByNormalization(complete(d0, d1), d1.findings, notes, forms.facts),
      ...erasedByUserRules(complete(d1, d2), d2.findings, rules),
      ...faults.accepted,
      ...[...collectiveFindings(d2.findings, forms.normalized.legacy.body, forms.normalized.candidate.body, strictArrays(rules), { keys: true, noisyPlace, elementDiff: elementDiff(rules, input.aliases) }), ...faults.findings].map((finding) =>
        dispose(finding, context),
      ),
      ...mustExist.differences,
    ]),
  );
  const differences = [...expectationDiffs, ...byArea([...listed, ...omittedDifferences(d2.omitted)])];
  return unlisted.length > 0 ? { expectations, differences, unlisted, notes } : { expectations, differences, notes };
};

/**
 * d0: raw forms (per-call header values such as Date compared by presence); d1: normalized forms
 * (alias pairs noted as they match); d2: normalized forms through the user's ignore/match/header rules. Array pairing is the user's in all three. Status
 * and body are left to the fault comparison when either side is a gateway fault.
 */
function diffPasses(aliases: readonly AliasPair[], rules: CompiledRules, forms: StepForms): Record<'d0' | 'd1' | 'd2', DiffPass> {
  const { raw, normalized } = forms;
  const statusAndBody = normalized.legacy.fault === undefined && normalized.candidate.fault === undefined;
  const noted = aliasHooks(aliases, forms.sinks.candidate);
  const silent = aliasHooks(aliases);
  const view = (response: ComparableResponse) => userView(response, rules);
  const perCall = (name: string) => (targetNames.some((target) => headerDropFor(forms.sides[target].profile, name)?.perCall) ? true : undefined);
  // Elements are paired through alias pairs on every pass (pairing is part of "equal" for by-key arrays).
  const d0 = diffResponses(raw.legacy, raw.candidate, { statusAndBody, body: arrayOptions(rules, undefined, silent.body?.keyAlias), headerEqual: perCall });
  const d1 = diffResponses(normalized.legacy, normalized.candidate, { statusAndBody, body: arrayOptions(rules, noted.body?.equal, noted.body?.keyAlias), headerEqual: noted.headerEqual });
  // Without ignore, match or header rules the user's view is the normalized form itself, diffed
  // with the same array pairing and alias equality (only silent): d2 would repeat d1 exactly.
  if (!changesTheView(rules)) return { d0, d1, d2: d1 };
  const d2 = diffResponses(view(normalized.legacy), view(normalized.candidate), {
    statusAndBody,
    body: userDiffOptions(rules, silent.body?.equal, silent.body?.keyAlias),
    headerEqual: silent.headerEqual,
  });
  return { d0, d1, d2 };
}

/**
 * One legacy element against the candidate element a reorder put in its place, through the
 * user's rules (ignore, match, aliases), reported at the legacy element's path.
 */
function elementDiff(rules: CompiledRules, aliases: readonly AliasPair[]) {
  const { skip, equal, arrayPolicy } = userDiffOptions(rules, aliasHooks(aliases).body?.equal);
  return (at: readonly PathKey[], index: number, legacy: unknown, candidate: unknown): Finding[] => {
    const prefix = [...at, index];
    const within = (path: readonly PathKey[]) => [...prefix, ...path];
    const scoped: DiffOptions = {
      skip: skip && ((path) => skip(within(path))),
      equal: equal && ((path, l, c) => equal(within(path), l, c)),
      arrayPolicy: arrayPolicy && ((path) => arrayPolicy(within(path))),
    };
    return diffJson(legacy, candidate, scoped).diffs.map((diff) => {
      const keys = within(diff.path);
      const finding: Finding = { area: 'body', path: formatJsonPath(keys), keys, kind: diff.kind };
      if ('legacy' in diff) finding.legacy = diff.legacy;
      if ('candidate' in diff) finding.candidate = diff.candidate;
      return finding;
    });
  };
}

/** Whether the array at a path is paired strictly by index (the only pairing under which a reorder shows). */
function strictArrays(rules: CompiledRules): (path: readonly PathKey[]) => boolean {
  const policy = arrayOptions(rules).arrayPolicy;
  return (path) => (policy?.(path) ?? { kind: 'strict' }).kind === 'strict';
}

/** Whether the user's rules make their view differ from the normalized form (see userView, userDiffOptions). */
function changesTheView(rules: CompiledRules): boolean {
  return rules.ignore.length > 0 || rules.match.length > 0 || rules.headers.size > 0;
}

function userView(response: ComparableResponse, rules: CompiledRules): ComparableResponse {
  // Without header rules the view is the response itself (forms are never changed once built).
  if (rules.headers.size === 0) return response;
  return { ...response, headers: userHeaderView(response.headers, rules) };
}

/**
 * Alias pairs as whole values (numbers, and ids too short to rewrite inside strings): equal when
 * the legacy holds the legacy value and the candidate the candidate value. With a sink, each match
 * is noted, so the raw difference it erases is accepted as `alias:<name>`.
 */
function aliasHooks(pairs: readonly AliasPair[], sink?: NoteSink): { body?: Pick<DiffOptions, 'equal' | 'keyAlias'>; headerEqual?: DiffPassOptions['headerEqual'] } {
  if (pairs.length === 0) return {};
  const matched = (legacy: unknown, candidate: unknown, path: string): boolean | undefined => {
    const whole = aliasPairFor(legacy, candidate, pairs);
    const inside = whole || typeof legacy !== 'string' || typeof candidate !== 'string' ? undefined : aliasPairsInside(legacy, candidate, pairs);
    const used = whole ? [whole] : inside;
    if (!used) return undefined;
    if (sink) {
      for (const pair of used) addNote(sink, aliasRule(pair.name), aliasFact(pair.name), path, `legacy ${pair.legacy} and candidate ${pair.candidate} are the pair "${pair.name}"`);
    }
    return true;
  };
  return {
    body: { equal: (path, legacy, candidate) => matched(legacy, candidate, formatJsonPath(path)), keyAlias: (value) => legacyKeyFor(value, pairs) },
    headerEqual: (name, legacy, candidate) => matched(legacy, candidate, `header:${name}`),
  };
}

/**
 * The legacy against its own repeat call, both normalized and seen through the user's rules. The
 * first call's normalized form is the one the step comparison built already (before fault media
 * types were aligned with the candidate): normalization depends only on the response and the
 * side's rules, so normalizing it again would give the same value.
 */
function noiseBaseline(input: CompareInput, forms: StepForms, rules: CompiledRules): NoiseBaseline {
  const repeats = [input.legacyRepeat, ...(input.legacyMoreRepeats ?? [])].flatMap((exchange) => (exchange?.response ? [exchange.response] : []));
  if (!input.legacy.response || repeats.length === 0) return noNoise;
  // The repeats' notes describe the same rules as the first call's; they are not reported twice.
  const scratch: NoteSink = { target: 'legacy', notes: [], facts: new Map() };
  const first = userView(forms.legacyOnItsOwn, rules);
  return buildNoiseBaseline(
    repeats.map((repeat) => {
      const normalizedRepeat = userView(normalizeResponse(toRawForm(repeat), repeat, forms.sides.legacy, scratch), rules);
      // Told as one the same way as the real comparison, so a reorder the legacy does itself is an `order` variation.
      // Keys stay single there: which keys the legacy varied is what excuses a candidate's keys.
      return collectiveFindings(noiseFindings(first, normalizedRepeat, { body: userDiffOptions(rules) }), first.body, normalizedRepeat.body, strictArrays(rules), { keys: false });
    }),
  );
}

/**
 * The earlier pass's findings whose erasure can be judged: all of them when the later pass listed
 * every difference, else only headers and status — a body difference missing from a truncated
 * later pass may simply not have been listed, and must not be called accepted.
 */
function complete(earlier: DiffPass, later: DiffPass): Finding[] {
  return later.omitted === 0 ? earlier.findings : earlier.findings.filter((finding) => finding.area !== 'body');
}

/** Differences past the diff engine's limit were never examined, so no disposition can be claimed for them: one regression says how many. */
function omittedDifferences(omitted: number): Difference[] {
  if (omitted === 0) return [];
  return [{ area: 'body', path: '$', kind: 'changed', disposition: 'regression', reason: `${omitted} more body differences beyond the diff limit (${defaultDiffOptions.maxDiffs} per pass) were not examined` }];
}

const areaOrder: Record<Difference['area'], number> = { expectation: 0, status: 1, header: 2, fault: 3, body: 4, contract: 5, latency: 6, token: 7 };

function byArea(differences: Difference[]): Difference[] {
  return differences
    .map((difference, index) => ({ difference, index }))
    .sort((a, b) => areaOrder[a.difference.area] - areaOrder[b.difference.area] || a.index - b.index)
    .map((entry) => entry.difference);
}
