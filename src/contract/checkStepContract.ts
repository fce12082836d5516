import { formatJsonPath } from '../model/jsonPath';
import type { Difference, Disposition, Exchange } from '../model/result';
import { checkResponse } from './checkResponse';
import { matchOperation } from './matchOperation';
import { normalizeOperationPath } from './operationPath';
import type { Contract, ContractCheck, ContractViolation } from './types';

export interface StepContractInput {
  contract: Contract;
  method: string;
  /** The step's path, relative to the API's base URL on each gateway (`/order/abc?x=1`). */
  requestPath: string;
  legacy: Exchange;
  candidate: Exchange;
  /** `RunSettings.strictContract`: violations both sides share fail too. */
  strict: boolean;
}

const checkOrder: Record<ContractCheck, number> = { operation: 0, status: 1, body: 2, 'content-type': 3, schema: 4 };

/**
 * Validates both responses of one step against the API's contract and classifies every
 * violation by who commits it:
 *
 * | legacy | candidate | disposition                                     |
 * |--------|-----------|-------------------------------------------------|
 * | no     | yes       | regression                                      |
 * | yes    | yes       | pre-existing (regression when `strict`)         |
 * | yes    | no        | improvement                                     |
 *
 * "The same violation" means the same check, body path with array indexes wildcarded, and
 * keyword: `icon` on item 0 of one menu and on item 3 of the other is one pre-existing defect.
 * Repeats on one side (every menu item has `icon`) make one finding, whose value lists where.
 * Status numbers are not part of that key: a status differing between the sides is the status
 * comparison's finding; this check only asks whether each side stayed within what is declared —
 * so the gateways' own 401/403/429 faults, undeclared in nearly every API's document, land as
 * pre-existing on both sides.
 *
 * A side without a response (the call failed) is not judged: that is a harness error, reported
 * as one, and half a pair cannot be classified.
 *
 * Throws `ContractError` when the schemas this operation needs cannot be compiled (a schema
 * `$ref` outside `#/components/`): the document is broken, not the gateways.
 */
export function checkStepContract(input: StepContractInput): Difference[] {
  const legacyResponse = input.legacy.response;
  const candidateResponse = input.candidate.response;
  if (!legacyResponse || !candidateResponse) return [];
  const match = matchOperation(input.contract, input.method, input.requestPath);
  const label = match.kind === 'matched' ? match.operation.key : `${input.method.toUpperCase()} ${normalizeOperationPath(input.requestPath)}`;
  const legacy = group(checkResponse({ contract: input.contract, match, method: input.method, response: legacyResponse }));
  const candidate = group(checkResponse({ contract: input.contract, match, method: input.method, response: candidateResponse }));

  // Candidate first: its findings are the ones that can fail the case.
  const keys = [...new Set([...candidate.keys(), ...legacy.keys()])];
  return keys
    .map((key, index) => ({ legacy: legacy.get(key), candidate: candidate.get(key), index }))
    .sort((a, b) => rank(a) - rank(b) || a.index - b.index)
    .map((entry) => toDifference(label, entry.legacy, entry.candidate, input));
}

function rank(entry: { legacy?: ContractViolation[]; candidate?: ContractViolation[] }): number {
  return checkOrder[(entry.candidate ?? entry.legacy)![0]!.check];
}

/** `schema|$[*].icon|additionalProperties`: what makes two violations "the same". */
function violationKey(violation: ContractViolation): string {
  const where = violation.path ? formatJsonPath(violation.path).replace(/\[\d+\]/g, '[*]') : '';
  return `${violation.check}|${where}|${violation.keyword}`;
}

function group(violations: ContractViolation[]): Map<string, ContractViolation[]> {
  const groups = new Map<string, ContractViolation[]>();
  for (const violation of violations) {
    const key = violationKey(violation);
    const list = groups.get(key);
    if (list) list.push(violation);
    else groups.set(key, [violation]);
  }
  return groups;
}

function toDifference(label: string, legacy: ContractViolation[] | undefined, candidate: ContractViolation[] | undefined, input: StepContractInput): Difference {
  const first = (candidate ?? legacy)![0]!;
  const statuses = [...new Set([...(candidate ?? []), ...(legacy ?? [])].map((violation) => violation.status))].join('/');
  const { disposition, reason } = classify(Boolean(legacy), Boolean(candidate), input.strict, input.contract.file);
  return {
    area: 'contract',
    path: `contract:${label} ${where(first, statuses)}`,
    kind: 'violation',
    ...(legacy ? { legacy: describe(legacy) } : {}),
    ...(candidate ? { candidate: describe(candidate) } : {}),
    disposition,
    rule: `contract.${first.check}`,
    reason,
  };
}

function where(violation: ContractViolation, statuses: string): string {
  switch (violation.check) {
    case 'operation':
      return 'operation';
    case 'status':
      return 'status';
    case 'body':
    case 'content-type':
      return `${statuses} ${violation.check}`;
    case 'schema':
      return `${statuses} ${formatJsonPath(violation.path ?? [])}`;
    default: {
      const never: never = violation.check;
      throw new Error(`unknown contract check ${String(never)}`);
    }
  }
}

/** The message, and where on this side it occurs (a list when every array item repeats it). */
function describe(violations: ContractViolation[]): string {
  const first = violations[0]!;
  if (first.check !== 'schema') return first.message;
  const places = violations.map((violation) => formatJsonPath(violation.path ?? []));
  if (places.length === 1 && places[0] === '$') return first.message;
  const shown = places.slice(0, 3).join(', ');
  return `${first.message} — at ${shown}${places.length > 3 ? ` and ${places.length - 3} more` : ''}`;
}

function classify(legacy: boolean, candidate: boolean, strict: boolean, file: string): { disposition: Disposition; reason: string } {
  if (legacy && candidate) {
    return strict
      ? { disposition: 'regression', reason: `Both gateways break ${file} the same way, and strictContract (PARITY_STRICT_CONTRACT=true) makes shared contract violations fail.` }
      : { disposition: 'pre-existing', reason: `Both gateways break ${file} the same way, so the defect predates the migration; set PARITY_STRICT_CONTRACT=true to fail on it.` };
  }
  if (candidate) return { disposition: 'regression', reason: `The candidate breaks ${file} here while the legacy keeps it.` };
  return { disposition: 'improvement', reason: `The legacy breaks ${file} here and the candidate keeps it.` };
}
