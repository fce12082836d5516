import type { CaseResult } from '../../src/model/result';
import { percentile, ruleKey, summarize } from '../../src/report/summarize';
import { verdictOf } from '../../src/report/verdict';
import { brokenSuite, buildPassingRun, buildRun, caseResult, inventoryCases, inventorySuite, menuCases, menuSuite, tokenParity } from './fixtures';

describe('summarize', () => {
  it('counts cases by status and differences by disposition, token-parity findings included', () => {
    const run = buildRun();
    const s = run.summary;
    expect([s.total, s.passed, s.failed, s.errors, s.skipped, s.interrupted]).toEqual([8, 3, 2, 1, 1, 1]);
    // regressions: 4 in "places an order" + 4 in the drift case; accepted: 5 in cases + 2 token findings
    expect([s.regressions, s.accepted, s.noise, s.preExisting, s.improvements]).toEqual([8, 7, 1, 1, 1]);
    expect(s.suiteErrors).toBe(1);
  });

  it('counts each difference once in byRule under "<disposition>:<rule>", sorted by key', () => {
    const run = buildRun();
    const { byRule } = run.summary;
    expect(byRule['accepted:fault-code-mapping']).toBe(2);
    expect(byRule['accepted:token-format']).toBe(1);
    expect(byRule['noise:(no rule)']).toBe(1);
    expect(byRule['pre-existing:openapi:required']).toBe(1);
    expect(byRule['regression:(no rule)']).toBe(8);
    const all = [...run.cases.flatMap((c) => c.steps.flatMap((st) => st.differences)), ...(run.tokenParity?.findings ?? [])];
    expect(Object.values(byRule).reduce((a, b) => a + b, 0)).toBe(all.length);
    expect(Object.keys(byRule)).toEqual([...Object.keys(byRule)].sort());
    expect(ruleKey({ area: 'body', path: '$', kind: 'changed', disposition: 'accepted', rule: 'r' })).toBe('accepted:r');
  });

  it('takes nearest-rank p50 and p95 over case medians, ignoring cases without a measurement', () => {
    const medians = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const cases: CaseResult[] = medians.map((ms, i) => caseResult(menuSuite, 'a', `c${i}`, { latency: { legacyMs: ms, candidateMs: ms * 2 } }));
    cases.push(caseResult(menuSuite, 'a', 'unmeasured', { latency: { legacyMs: null, candidateMs: null }, status: 'skipped' }));
    const s = summarize(cases);
    expect(s.latency.legacy).toEqual({ p50: 50, p95: 100 });
    expect(s.latency.candidate).toEqual({ p50: 100, p95: 200 });
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('reports null percentiles when no case measured latency', () => {
    const s = summarize([caseResult(menuSuite, 'a', 'skipped', { status: 'skipped', latency: { legacyMs: null, candidateMs: null } })]);
    expect(s.latency).toEqual({ legacy: { p50: null, p95: null }, candidate: { p50: null, p95: null } });
  });

  it('passes a run whose cases all passed or were skipped, with token parity passed', () => {
    const run = buildPassingRun();
    expect(run.summary.verdict).toBe('pass');
    expect(run.summary.verdictReasons).toEqual([]);
  });

  it('fails a run when a suite could not be loaded, even if every case passed', () => {
    const cases = [menuCases()[0]!];
    const s = summarize(cases, { suites: [menuSuite, brokenSuite] });
    expect(s.verdict).toBe('fail');
    expect(s.verdictReasons).toEqual(['1 suite could not be loaded.']);
  });

  it('fails a run when token parity failed or could not be checked', () => {
    const cases = inventoryCases();
    expect(summarize(cases, { tokenParity: tokenParity('failed') }).verdictReasons).toEqual(['Token parity failed.']);
    expect(summarize(cases, { tokenParity: tokenParity('error') }).verdictReasons).toEqual(['Token parity could not be checked (harness error).']);
  });

  it('fails a run in which nothing ran, so an empty selection never turns a CI gate green', () => {
    expect(summarize([]).verdictReasons).toEqual(['No case ran.']);
    const skipped = [caseResult(menuSuite, 'a', 'x', { status: 'skipped' })];
    expect(summarize(skipped).verdictReasons).toEqual(['No case ran (all 1 skipped).']);
  });

  it('fails an interrupted run even when every case that finished passed', () => {
    expect(summarize(inventoryCases(), { interrupted: true }).verdictReasons).toEqual(['The run was interrupted before every case could run.']);
  });

  it('gives reporters the same verdict the summary stores', () => {
    for (const run of [buildRun(), buildPassingRun(), buildRun({ tokenParity: tokenParity('failed'), interrupted: false })]) {
      expect(verdictOf(run)).toMatchObject({ verdict: run.summary.verdict, reasons: run.summary.verdictReasons });
    }
  });

  it('grades the gate: error (nothing reliable) outranks fail (regressions) outranks pass', () => {
    expect(verdictOf(buildRun()).gate).toBe('error');
    expect(verdictOf(buildRun({ cases: menuCases().filter((c) => c.status !== 'error' && c.status !== 'interrupted'), suites: [menuSuite], interrupted: false })).gate).toBe('fail');
    expect(verdictOf(buildRun({ cases: inventoryCases(), suites: [inventorySuite], tokenParity: tokenParity('failed'), interrupted: false })).gate).toBe('fail');
    expect(verdictOf(buildPassingRun()).gate).toBe('pass');
    expect(verdictOf(buildRun({ cases: [], suites: [], interrupted: false })).gate).toBe('error');
  });

  it('decides again, from the recorded facts, only for a results.json written before the exit code was stored', () => {
    const run = buildRun({ cases: inventoryCases(), interrupted: false });
    const { exitCode, ...older } = summarize(run.cases);
    expect(exitCode).toBe(0);
    const stale = { ...run, summary: older };
    expect(stale.summary.verdict).toBe('pass');
    expect(verdictOf(stale)).toMatchObject({ verdict: 'fail', exitCode: 2 });
  });

  it('reads the verdict, reasons and exit code stored when the run finished, without deciding again', () => {
    const run = buildPassingRun();
    expect(run.summary.exitCode).toBe(0);
    const stored = { ...run, summary: { ...run.summary, verdict: 'fail' as const, verdictReasons: ['decided at finish'], exitCode: 1 as const } };
    expect(verdictOf(stored)).toEqual({ verdict: 'fail', reasons: ['decided at finish'], gate: 'fail', exitCode: 1 });
  });
});
