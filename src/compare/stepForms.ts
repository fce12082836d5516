import type { RecordedResponse, TargetName } from '../model/result';
import { getProfile } from '../profiles/getProfile';
import { migrationPairRules, type MigrationPairRules } from '../profiles/migrationPairRules';
import { applyCorsRule } from './applyCorsRule';
import { sideAliases } from './aliases';
import { baseRewriter } from './baseUrl';
import type { ComparableResponse } from './comparable';
import { alignFaultMediaTypes } from './faultHeaders';
import { buildJwtRules } from './jwtRules';
import { normalizeResponse } from './normalizeResponse';
import { toRawForm } from './rawForm';
import type { NoteSink, SideRules } from './sideRules';
import type { CompareInput } from './types';
import { headerRuleMap, type CompiledRules } from './userRules';

/** Both sides of one step in raw and normalized form, with the notes normalization wrote. */
export interface StepForms {
  raw: Record<TargetName, ComparableResponse>;
  normalized: Record<TargetName, ComparableResponse>;
  /**
   * The legacy's normalized form before `alignFaultMediaTypes` (which looks at BOTH sides): what
   * the noise baseline compares with the legacy's repeat call, normalized the same way.
   */
  legacyOnItsOwn: ComparableResponse;
  sides: Record<TargetName, SideRules>;
  sinks: Record<TargetName, NoteSink>;
  /** Rule name → the fact it rests on, for every rule a note names. */
  facts: Map<string, string>;
  /** What the (legacy profile, candidate profile) pair accepts beyond each side's own profile. */
  pair: MigrationPairRules;
}

export function buildStepForms(input: CompareInput, rules: CompiledRules, responses: Record<TargetName, RecordedResponse>): StepForms {
  const facts = new Map<string, string>();
  const sinks: Record<TargetName, NoteSink> = { legacy: { target: 'legacy', notes: [], facts }, candidate: { target: 'candidate', notes: [], facts } };
  const sides = sideRulesFor(input, rules);
  const raw = { legacy: toRawForm(responses.legacy), candidate: toRawForm(responses.candidate) };
  const legacyOnItsOwn = normalizeResponse(raw.legacy, responses.legacy, sides.legacy, sinks.legacy);
  const pair = migrationPairRules(input.profiles.legacy, input.profiles.candidate);
  const cors = applyCorsRule(
    pair.cors,
    { legacy: input.legacy.request, candidate: input.candidate.request },
    { legacy: legacyOnItsOwn, candidate: normalizeResponse(raw.candidate, responses.candidate, sides.candidate, sinks.candidate) },
    sinks,
  );
  const normalized = alignFaultMediaTypes(cors.legacy, cors.candidate, sinks);
  return { raw, normalized, legacyOnItsOwn, sides, sinks, facts, pair };
}

/** Each side's profile, base URL and alias values; JWT claim rules merged from BOTH profiles. */
function sideRulesFor(input: CompareInput, rules: CompiledRules): Record<TargetName, SideRules> {
  const profiles = { legacy: getProfile(input.profiles.legacy), candidate: getProfile(input.profiles.candidate) };
  const jwt = buildJwtRules([profiles.legacy, profiles.candidate]);
  const headerRules = headerRuleMap(rules);
  const side = (target: TargetName): SideRules => ({
    target,
    profile: profiles[target],
    base: baseRewriter(input.baseUrls[target]),
    aliases: sideAliases(input.aliases, target),
    aliasKeys: new Map(input.aliases.filter((pair) => pair.legacy !== pair.candidate).map((pair) => [pair[target], pair.name])),
    jwt,
    headerRules,
  });
  return { legacy: side('legacy'), candidate: side('candidate') };
}
