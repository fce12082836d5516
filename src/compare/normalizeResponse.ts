import { formatJsonPath } from '../model/jsonPath';
import type { RecordedResponse } from '../model/result';
import { messageCaseRule, sameFaultFallback } from '../profiles/faultEquivalences';
import { parseGatewayFault } from '../profiles/profileRules';
import type { ParsedFault } from '../profiles/types';
import type { ComparableBody, ComparableResponse } from './comparable';
import { normalizeHeaders } from './normalizeHeaders';
import { normalizeString, normalizeValue } from './normalizeValue';
import { addNote, type NoteSink, type SideRules } from './sideRules';

/**
 * One side's response in normalized form: headers by profile and user rules, and a body that is
 * either the canonical gateway fault (when the side's profile recognises one) or the recorded
 * body with every string normalized. Every change is a note in `sink`.
 */
export function normalizeResponse(raw: ComparableResponse, recorded: RecordedResponse, side: SideRules, sink: NoteSink): ComparableResponse {
  const headers = normalizeHeaders(raw.headers, side, sink);
  const fault = parseGatewayFault(side.profile, recorded);
  if (fault) return { status: raw.status, headers, body: faultBody(fault, sink), fault };
  return { status: raw.status, headers, body: normalizeBody(raw.body, side, sink) };
}

function faultBody(parsed: ParsedFault, sink: NoteSink): ComparableBody {
  const { fault } = parsed;
  addNote(
    sink,
    sameFaultFallback.name,
    sameFaultFallback.fact,
    '$',
    `read ${parsed.envelope} as fault ${fault.status}/${fault.code} "${fault.message}"${fault.description ? '; description not compared' : ''}`,
  );
  if (parsed.rawMessage !== fault.message) {
    addNote(sink, messageCaseRule.name, messageCaseRule.fact, '$.message', `${JSON.stringify(parsed.rawMessage)} → ${JSON.stringify(fault.message)}`);
  }
  return { kind: 'fault', value: { code: fault.code, message: fault.message } };
}

function normalizeBody(body: ComparableBody, side: SideRules, sink: NoteSink): ComparableBody {
  switch (body.kind) {
    case 'json':
    case 'xml':
      return { kind: body.kind, value: normalizeValue(body.value, [], { side, sink, at: formatJsonPath, rewriteBase: true }) };
    case 'text':
      return { kind: 'text', value: normalizeString(body.value, [], { side, sink, at: () => '$', rewriteBase: true }) };
    case 'empty':
    case 'digest':
    case 'fault':
      return body;
    default: {
      const unknownBody: never = body;
      throw new Error(`unknown comparable body ${JSON.stringify(unknownBody)}`);
    }
  }
}
