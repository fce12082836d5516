import type { Difference } from '../model/result';
import { findFaultEquivalence, messageCaseRule, sameFaultFallback } from '../profiles/faultEquivalences';
import type { FaultEquivalence, ParsedFault } from '../profiles/types';
import { jsonDeepEqual } from './diff/jsonDeepEqual';
import { bodyDisplay, type ComparableResponse } from './comparable';
import { toDifference, type Finding } from './findings';
import { addNote, type NoteSink } from './sideRules';

export interface FaultComparison {
  /** Differences still to be disposed of (regression unless noise, an accept rule, …). */
  findings: Finding[];
  /** Differences a fault rule explains, already accepted by name. */
  accepted: Difference[];
}

type Equivalence = Pick<FaultEquivalence, 'name' | 'fact'> & { messages: FaultEquivalence['messages'] };

/**
 * Status and body when at least one side is a gateway fault (gateway facts §3). Both faults: the migration pair's a known-
 * equivalent pair (or, failing one, the same status and code) accepts the envelope, code,
 * description and status differences by its name; a message that differs only in case or spaces is
 * accepted as `fault.message-case`; anything else is a finding. One side only: the status and the
 * whole body are findings.
 */
export function compareFaultResponses(legacy: ComparableResponse, candidate: ComparableResponse, candidateSink: NoteSink, table: readonly FaultEquivalence[]): FaultComparison {
  const l = legacy.fault;
  const c = candidate.fault;
  if (!l && !c) return { findings: [], accepted: [] };
  if (!l || !c) return { findings: oneSidedFault(legacy, candidate), accepted: [] };
  const pair = equivalenceOf(table, l, c);
  if (!pair) {
    // Not the same failure: status, code and message are findings; the envelope still differs by fact.
    const accepted = [messageCaseAcceptance(l, c), envelopeAcceptance(l, c, sameFaultFallback, { code: false, message: false })];
    return { findings: faultFieldFindings(legacy, candidate), accepted: accepted.filter(isDefined) };
  }
  addNote(candidateSink, pair.name, pair.fact, '$', `candidate ${describe(c)} ≙ legacy ${describe(l)}`);
  const accepted: Array<Difference | undefined> = [];
  if (l.fault.status !== c.fault.status) {
    addNote(candidateSink, pair.name, pair.fact, 'status', `candidate ${c.fault.status} ≙ legacy ${l.fault.status}`);
    accepted.push(toDifference({ area: 'status', path: 'status', kind: 'changed', legacy: l.fault.status, candidate: c.fault.status }, 'accepted', pair.name, pair.fact));
  }
  const compareMessages = pair.messages === 'compare';
  if (compareMessages) accepted.push(messageCaseAcceptance(l, c));
  accepted.push(envelopeAcceptance(l, c, pair, { code: true, message: !compareMessages }));
  return { findings: compareMessages ? messageFindings(l, c) : [], accepted: accepted.filter(isDefined) };
}

/** Status, code and message differences of two faults no equivalence explains (also the noise baseline's view). */
export function faultFieldFindings(legacy: ComparableResponse, candidate: ComparableResponse): Finding[] {
  const l = legacy.fault;
  const c = candidate.fault;
  if (!l || !c) return oneSidedFault(legacy, candidate);
  const findings: Finding[] = [];
  if (l.fault.status !== c.fault.status) findings.push({ area: 'status', path: 'status', kind: 'changed', legacy: l.fault.status, candidate: c.fault.status });
  if (l.fault.code !== c.fault.code) findings.push({ area: 'fault', path: '$.code', keys: ['code'], kind: 'changed', legacy: l.rawCode, candidate: c.rawCode });
  findings.push(...messageFindings(l, c));
  return findings;
}

function equivalenceOf(table: readonly FaultEquivalence[], l: ParsedFault, c: ParsedFault): Equivalence | undefined {
  const pair = findFaultEquivalence(table, l.fault, c.fault);
  if (pair) return pair;
  const same = l.fault.status === c.fault.status && l.fault.code === c.fault.code;
  return same ? { ...sameFaultFallback, messages: 'compare' } : undefined;
}

function messageFindings(l: ParsedFault, c: ParsedFault): Finding[] {
  if (l.fault.message === c.fault.message) return [];
  return [{ area: 'fault', path: '$.message', keys: ['message'], kind: 'changed', legacy: l.rawMessage, candidate: c.rawMessage }];
}

function messageCaseAcceptance(l: ParsedFault, c: ParsedFault): Difference | undefined {
  if (l.fault.message !== c.fault.message || l.rawMessage === c.rawMessage) return undefined;
  const finding: Finding = { area: 'fault', path: '$.message', kind: 'changed', legacy: l.rawMessage, candidate: c.rawMessage };
  return toDifference(finding, 'accepted', messageCaseRule.name, messageCaseRule.fact);
}

/**
 * What the rule accepts besides the status (reported on its own): the envelope, the code's type
 * (and, under a pair, its value), the description, extra fields such as `nextAccessTime`, and —
 * under a pair whose messages differ by design — the message.
 */
function envelopeAcceptance(l: ParsedFault, c: ParsedFault, rule: Pick<Equivalence, 'name' | 'fact'>, covers: { code: boolean; message: boolean }): Difference | undefined {
  const view = (fault: ParsedFault) => ({
    envelope: fault.envelope,
    code: covers.code ? fault.rawCode : typeof fault.rawCode,
    message: covers.message ? fault.rawMessage : undefined,
    description: fault.fault.description,
    extras: fault.extras,
  });
  if (jsonDeepEqual(view(l), view(c))) return undefined;
  const finding: Finding = { area: 'fault', path: '$', kind: 'changed', legacy: display(l), candidate: display(c) };
  return toDifference(finding, 'accepted', rule.name, rule.fact);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function oneSidedFault(legacy: ComparableResponse, candidate: ComparableResponse): Finding[] {
  const findings: Finding[] = [];
  if (legacy.status !== candidate.status) findings.push({ area: 'status', path: 'status', kind: 'changed', legacy: legacy.status, candidate: candidate.status });
  const ours = legacy.fault ? display(legacy.fault) : bodyDisplay(legacy.body);
  const theirs = candidate.fault ? display(candidate.fault) : bodyDisplay(candidate.body);
  const finding: Finding = { area: 'fault', path: '$', keys: [], kind: 'type' };
  if (ours !== undefined) finding.legacy = ours;
  if (theirs !== undefined) finding.candidate = theirs;
  findings.push(finding);
  return findings;
}

/** A fault as it was on the wire, for people: envelope, status, code and message as sent. */
function display(parsed: ParsedFault): Record<string, unknown> {
  const { fault } = parsed;
  return {
    fault: parsed.envelope,
    status: fault.status,
    code: parsed.rawCode,
    message: parsed.rawMessage,
    description: fault.description,
    ...parsed.extras,
  };
}

function describe(parsed: ParsedFault): string {
  return `${parsed.fault.status}/${parsed.fault.code} "${parsed.fault.message}"`;
}
