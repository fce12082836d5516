import type { ParsedFault } from '../types';

/**
 * Messages are compared case-folded and trimmed: API Cloud sends `Resource forbidden ` with a
 * trailing space and its own screenshot shows `Message Throttled Out` where the product sends
 * `Message throttled out` (facts §3). Inner runs of whitespace count as one space.
 */
function foldMessage(message: string): string {
  return message.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A code as sent (`900901`, `"900901"`, `" 404 "`) as a number, or undefined when it is not one. */
export function numericCode(code: unknown): number | undefined {
  if (typeof code === 'number') return Number.isInteger(code) ? code : undefined;
  if (typeof code === 'string' && /^\s*\d{1,9}\s*$/.test(code)) return Number(code);
  return undefined;
}

/**
 * Codes only a gateway generates (facts §3): API Manager / Choreo Connect security and throttling
 * codes 9008xx–9009xx, Choreo's blocked-API 700700, Choreo router upstream failures 102503–102516.
 * The ranges are a little wider than the documented codes so an undocumented neighbour (900900,
 * "unclassified authentication failure") is still read as a gateway fault and compared as one.
 */
export function isGatewayCode(code: number): boolean {
  return (code >= 900000 && code <= 909999) || (code >= 700000 && code <= 700999) || (code >= 102000 && code <= 102999);
}

export interface FaultFields {
  envelope: string;
  status: number;
  code: string | number;
  message: string;
  description?: string;
  extras?: Record<string, string>;
}

/** Builds the canonical fault from the fields an envelope parser found; undefined when the code is not numeric. */
export function toParsedFault(fields: FaultFields): ParsedFault | undefined {
  const code = numericCode(fields.code);
  if (code === undefined) return undefined;
  const description = fields.description?.trim();
  return {
    fault: { status: fields.status, code, message: foldMessage(fields.message), description: description || undefined },
    envelope: fields.envelope,
    rawCode: fields.code,
    rawMessage: fields.message,
    extras: fields.extras ?? {},
  };
}

/** Only error statuses carry gateway faults; a 200 with a `code` field is a backend payload. */
export function isErrorStatus(status: number): boolean {
  return status >= 400;
}
