import { isRecord } from '../../model/jsonPath';
import type { RecordedResponse } from '../../model/result';
import type { FaultParser, ParsedFault } from '../types';
import { isErrorStatus, isGatewayCode, numericCode, toParsedFault } from './canonicalFault';

/**
 * The JSON fault envelopes of facts §3. Each parser is strict about its key set, so that a
 * backend's own error body (PizzaShack's `Error{code, message, description, moreInfo, error[]}`,
 * facts §6) is compared as a payload and never mistaken for a gateway fault.
 */

/** API Manager's XML fault converted to JSON when the client accepts JSON: `{"fault":{code (number), message, description}}`. */
export const apimJsonFault: FaultParser = {
  name: 'API Manager JSON fault',
  parse(response: RecordedResponse): ParsedFault | undefined {
    const body = errorJson(response);
    if (!body || Object.keys(body).length !== 1 || !isRecord(body.fault)) return undefined;
    const { code, message, description, ...rest } = body.fault;
    if (typeof message !== 'string' || !isCode(code)) return undefined;
    return toParsedFault({
      envelope: 'API Manager JSON ({"fault":{…}})',
      status: response.status,
      code,
      message,
      description: typeof description === 'string' ? description : undefined,
      extras: stringFields(rest),
    });
  },
};

/** Choreo Connect enforcer faults: `{"code":"900901","error_message":…,"error_description":…}`, code a string, key order not fixed. */
export const choreoConnectFault: FaultParser = {
  name: 'Choreo Connect JSON fault',
  parse(response: RecordedResponse): ParsedFault | undefined {
    const body = errorJson(response);
    if (!body || !onlyKeys(body, ['code', 'error_message', 'error_description'])) return undefined;
    const { code, error_message: message, error_description: description } = body;
    if (typeof message !== 'string' || !isCode(code)) return undefined;
    return toParsedFault({
      envelope: 'Choreo Connect JSON ({code, error_message, error_description})',
      status: response.status,
      code,
      message,
      description: typeof description === 'string' ? description : undefined,
    });
  },
};

/**
 * `{code, message, description}`: API Manager 4 gateway faults, and Choreo's router replies such as
 * `{"code":"404","message":"Not Found","description":"The requested resource is not available."}`.
 * PizzaShack's backend errors share these keys (with an integer code), so the code must be a
 * gateway code, or — for router replies — a string equal to the HTTP status.
 */
export const codeMessageFault: FaultParser = {
  name: 'code/message/description JSON fault',
  parse(response: RecordedResponse): ParsedFault | undefined {
    const body = errorJson(response);
    if (!body || !onlyKeys(body, ['code', 'message', 'description'])) return undefined;
    const { code, message, description } = body;
    if (typeof message !== 'string' || !isCode(code)) return undefined;
    const routerReply = typeof code === 'string' && numericCode(code) === response.status;
    if (!routerReply && !isGatewayCode(numericCode(code)!)) return undefined;
    return toParsedFault({
      envelope: 'JSON ({code, message, description})',
      status: response.status,
      code,
      message,
      description: typeof description === 'string' ? description : undefined,
    });
  },
};

function errorJson(response: RecordedResponse): Record<string, unknown> | undefined {
  if (!isErrorStatus(response.status) || response.body.kind !== 'json') return undefined;
  return isRecord(response.body.json) ? response.body.json : undefined;
}

function isCode(code: unknown): code is string | number {
  return numericCode(code) !== undefined;
}

function onlyKeys(body: Record<string, unknown>, allowed: readonly string[]): boolean {
  const keys = Object.keys(body);
  return keys.includes('code') && keys.every((key) => allowed.includes(key));
}

function stringFields(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = String(value);
  }
  return out;
}
