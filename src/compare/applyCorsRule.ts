import type { RecordedRequest } from '../model/result';
import { corsListSet, isCorsRequest, type CorsPairRule } from '../profiles/corsRules';
import type { ComparableResponse } from './comparable';
import { addNote, brief, type NoteSink } from './sideRules';

/**
 * The migration pair's CORS rule on both normalized sides of one step (see profiles/corsRules):
 * without `Origin`, CORS headers only the legacy sent are set aside (noted, so the raw difference
 * is accepted by name). Where both sides sent a list, it is compared as a set, and an
 * allowed-headers superset on the candidate is accepted. Everything else about CORS is compared as it is, so a candidate
 * that drops `Access-Control-Allow-Origin` on a CORS request is a regression.
 */
export function applyCorsRule(
  rule: CorsPairRule | undefined,
  requests: { legacy: RecordedRequest; candidate: RecordedRequest },
  sides: { legacy: ComparableResponse; candidate: ComparableResponse },
  sinks: { legacy: NoteSink; candidate: NoteSink },
): { legacy: ComparableResponse; candidate: ComparableResponse } {
  if (!rule) return sides;
  const cors = isCorsRequest(requests.legacy.headers) || isCorsRequest(requests.candidate.headers);
  const legacyHeaders = { ...sides.legacy.headers };
  const candidateHeaders = { ...sides.candidate.headers };
  let changed = false;
  for (const name of rule.headers) {
    const ours = legacyHeaders[name];
    const theirs = candidateHeaders[name];
    if (!cors && ours !== undefined && theirs === undefined) {
      addNote(sinks.legacy, rule.onlyOnCorsRequests.rule, rule.onlyOnCorsRequests.fact, `header:${name}`, `legacy-only ${brief(ours)} not compared: no Origin in the request`);
      delete legacyHeaders[name];
      changed = true;
      continue;
    }
    if (cors && name === 'access-control-allow-origin' && ours === '*' && theirs !== undefined && theirs === requestOrigin(requests)) {
      // Envoy may echo the request's Origin where API Cloud says `*`: both allow this origin.
      addNote(sinks.candidate, rule.allowLists.rule, rule.allowLists.fact, `header:${name}`, `${brief(theirs)} (the request's Origin) allows what * allows`);
      candidateHeaders[name] = ours;
      changed = true;
      continue;
    }
    const mode = rule.lists[name];
    if (mode === undefined || typeof ours !== 'string' || typeof theirs !== 'string') continue;
    const l = corsListSet(ours);
    const c = corsListSet(theirs);
    const holds = [...l].every((item) => c.has(item)) && (mode === 'superset' || c.size === l.size);
    if (!holds || ours === theirs) continue;
    addNote(sinks.candidate, rule.allowLists.rule, rule.allowLists.fact, `header:${name}`, `${brief(theirs)} ${mode === 'superset' ? 'allows all of' : 'is the same set as'} ${brief(ours)}`);
    candidateHeaders[name] = ours;
    changed = true;
  }
  if (!changed) return sides;
  return { legacy: { ...sides.legacy, headers: legacyHeaders }, candidate: { ...sides.candidate, headers: candidateHeaders } };
}

function requestOrigin(requests: { legacy: RecordedRequest; candidate: RecordedRequest }): string | undefined {
  return requests.candidate.headers.origin ?? requests.legacy.headers.origin;
}
