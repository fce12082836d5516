import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unexplainedRule } from '../../src/compare/accounting';
import { compareStep } from '../../src/compare/compareStep';
import type { Difference } from '../../src/model/result';
import { conformanceInput, loadConformancePairs, type ConformancePair } from './conformancePairs';

const pairs = loadConformancePairs();
const show = (d: Difference) => `${d.area} ${d.path} ${d.disposition}${d.rule ? ` ${d.rule}` : ''}`;
const failing = (d: Difference) => d.disposition === 'regression' || d.disposition === 'both-fail';

/** The rule families docs/gateway-differences.md documents for exchanges (token parity and the throttling advisory are checked elsewhere). */
const doc = readFileSync(path.resolve(__dirname, '../../docs/gateway-differences.md'), 'utf8');
const documentedRules = [...doc.matchAll(/^### `([a-z.-]+)(?::<name>)?`/gm)].map((match) => match[1]!).filter((rule) => !rule.startsWith('token.lifetime') && !rule.startsWith('token.format'));

function verdictOf(pair: ConformancePair): { ok: boolean; why: string[] } {
  const differences = compareStep(conformanceInput(pair)).differences;
  const why: string[] = [];
  for (const d of differences) {
    if (d.rule === unexplainedRule) why.push(`unexplained acceptance: ${show(d)}`);
    if (d.disposition === 'accepted' && !d.reason) why.push(`accepted without a reason: ${show(d)}`);
  }
  if (pair.label === 'benign') {
    for (const d of differences.filter(failing)) why.push(`false alarm: ${show(d)}`);
    for (const rule of pair.covers) {
      if (!differences.some((d) => d.disposition === 'accepted' && (d.rule === rule || d.rule?.startsWith(`${rule}:`)))) why.push(`rule ${rule} did not accept anything`);
    }
  } else {
    const wanted = pair.label === 'both-fail' ? 'both-fail' : 'regression';
    for (const flagged of pair.flag ?? []) {
      const found = differences.find((d) => d.path === flagged && d.disposition === wanted);
      if (!found) why.push(`missed: ${flagged} should be a ${wanted}; got ${differences.filter((d) => d.path === flagged).map(show).join(', ') || 'nothing there'}`);
      else if (pair.collective && found.collective?.kind !== pair.collective) why.push(`${flagged} should be one ${pair.collective} difference`);
    }
    if (pair.label === 'both-fail') for (const d of differences.filter((x) => x.disposition === 'regression')) why.push(`both-fail counted as a regression: ${show(d)}`);
  }
  return { ok: why.length === 0, why };
}

describe('conformance corpus (hand-written API Cloud ↔ Choreo exchanges)', () => {
  it('has at least 60 labelled pairs, each with a reason, and a flagged path for every failure', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    for (const pair of pairs) {
      expect({ file: pair.file, reason: pair.reason.length > 10 }).toEqual({ file: pair.file, reason: true });
      if (pair.label !== 'benign') expect({ file: pair.file, flagged: (pair.flag ?? []).length > 0 }).toEqual({ file: pair.file, flagged: true });
    }
  });

  it('exercises every rule of docs/gateway-differences.md in at least one pair', () => {
    const covered = new Set(pairs.flatMap((pair) => pair.covers));
    expect(documentedRules.filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it('gets every label right: every regression caught at its path, no false alarm', () => {
    const wrong = pairs.map((pair) => ({ file: pair.file, label: pair.label, ...verdictOf(pair) })).filter((result) => !result.ok);
    expect(wrong).toEqual([]);
  });
});
