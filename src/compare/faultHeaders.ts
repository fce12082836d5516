import { sameFaultFallback } from '../profiles/faultEquivalences';
import type { ComparableResponse } from './comparable';
import { addNote, brief, type NoteSink } from './sideRules';

const mediaTypePlaceholder = '«fault envelope»';

/**
 * When BOTH sides answered with a gateway fault, their media types differ by construction: API
 * Cloud's faults are XML unless the client asked for JSON, Choreo's are JSON (facts §3). The
 * fault bodies themselves are compared in canonical form, so `Content-Type` is set aside for both.
 */
export function alignFaultMediaTypes(
  legacy: ComparableResponse,
  candidate: ComparableResponse,
  sinks: { legacy: NoteSink; candidate: NoteSink },
): { legacy: ComparableResponse; candidate: ComparableResponse } {
  if (!legacy.fault || !candidate.fault) return { legacy, candidate };
  return { legacy: withoutMediaType(legacy, sinks.legacy), candidate: withoutMediaType(candidate, sinks.candidate) };
}

function withoutMediaType(response: ComparableResponse, sink: NoteSink): ComparableResponse {
  const value = response.headers['content-type'];
  if (value === undefined) return response;
  addNote(sink, sameFaultFallback.name, sameFaultFallback.fact, 'header:content-type', `fault media type ${brief(value)} not compared`);
  return { ...response, headers: { ...response.headers, 'content-type': mediaTypePlaceholder } };
}
