import type { CaseResult, RunResult, SuiteInfo } from '../model/result';

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface SuiteGroup {
  suite: SuiteInfo;
  cases: CaseResult[];
}

/**
 * Suites ordered by file, each with its cases ordered by id — the order every report uses, so two
 * runs of the same suites produce reports that diff cleanly. A case whose suite is missing from
 * `run.suites` still gets a group rather than vanishing from the report.
 */
export function groupBySuite(run: RunResult): SuiteGroup[] {
  return groupCases(run.suites, run.cases);
}

/** `groupBySuite` for anything shaped like a case (full results or digests). */
export function groupCases<C extends Pick<CaseResult, 'id' | 'suite' | 'suiteFile'>>(suites: readonly SuiteInfo[], all: Iterable<C>): Array<{ suite: SuiteInfo; cases: C[] }> {
  const groups = new Map<string, { suite: SuiteInfo; cases: C[] }>();
  for (const suite of suites) groups.set(suite.file, { suite, cases: [] });
  for (const result of all) {
    let group = groups.get(result.suiteFile);
    if (!group) {
      group = { suite: { name: result.suite, file: result.suiteFile, sha256: '' }, cases: [] };
      groups.set(result.suiteFile, group);
    }
    group.cases.push(result);
  }
  const ordered = [...groups.values()].sort((a, b) => byText(a.suite.file, b.suite.file));
  for (const group of ordered) group.cases.sort((a, b) => byText(a.id, b.id));
  return ordered;
}
