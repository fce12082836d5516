import { capRecordedBody } from '../execute/capRecordedBody';
import type { Difference, Exchange, ExpectationResult, StepResult } from '../model/result';
import { jsonHead } from '../shared/jsonHead';

/**
 * A compared step as its case result keeps it: every body (requests and responses, the noise
 * baseline's repeat too) through `capRecordedBody`, and every value shown in a difference or an
 * expectation cut to its head when its JSON would be longer than `maxBytes` characters — a
 * difference at `$`, a removed subtree or a reordered array can hold a whole body. Applied once per
 * step, right after the comparison, so the reports, the results stream and a Jest worker's part
 * each carry at most a few times `maxBytes` per step, whatever the APIs answer; the counts,
 * dispositions and paths are never touched.
 */
export function capStepRecord(step: StepResult, maxBytes: number): StepResult {
  const value = (v: unknown): unknown => capValue(v, maxBytes);
  const capped: StepResult = {
    ...step,
    legacy: capExchange(step.legacy, maxBytes),
    candidate: capExchange(step.candidate, maxBytes),
    expectations: step.expectations.map((e): ExpectationResult => ({ ...e, expected: value(e.expected), actual: value(e.actual) })),
    differences: step.differences.map((d) => capDifference(d, value)),
  };
  if (step.legacyRepeat) capped.legacyRepeat = capExchange(step.legacyRepeat, maxBytes);
  return capped;
}

function capExchange(exchange: Exchange, maxBytes: number): Exchange {
  const request = exchange.request.body ? { ...exchange.request, body: capRecordedBody(exchange.request.body, maxBytes) } : exchange.request;
  const response = exchange.response ? { ...exchange.response, body: capRecordedBody(exchange.response.body, maxBytes) } : undefined;
  return response ? { ...exchange, request, response } : { ...exchange, request };
}

function capDifference(d: Difference, value: (v: unknown) => unknown): Difference {
  const capped: Difference = { ...d };
  if ('legacy' in d) capped.legacy = value(d.legacy);
  if ('candidate' in d) capped.candidate = value(d.candidate);
  if (d.noise) {
    capped.noise = { ...d.noise };
    if ('first' in d.noise) capped.noise.first = value(d.noise.first);
    if ('repeat' in d.noise) capped.noise.repeat = value(d.noise.repeat);
  }
  return capped;
}

/**
 * The value itself when its JSON fits in `maxChars` characters; otherwise a string holding the head
 * of that JSON and saying it was cut (a long string: its head and length).
 */
function capValue(value: unknown, maxChars: number): unknown {
  if (typeof value === 'string') return value.length > maxChars ? `${value.slice(0, maxChars)}… (cut when recorded: ${value.length} characters)` : value;
  if (value === null || typeof value !== 'object') return value;
  const head = jsonHead(value, maxChars + 1) ?? '';
  return head.length <= maxChars ? value : `${head.slice(0, maxChars)}… (cut when recorded: its JSON is longer than ${maxChars} characters)`;
}
