import type { Case, Suite } from '../suite/types';

export interface CaseSelection {
  /** Keep cases whose name (or `suite › name`) matches this regular expression, like `jest -t`. */
  grep?: string;
  /** Keep cases carrying at least one of these tags (suite tags count). */
  tags?: string[];
}

/**
 * Plans which cases run, with Jest's semantics so both runners agree: `only` narrows its own
 * suite file to the `only` cases; `skip` cases stay in the plan and are reported as skipped.
 */
export function selectCases(suites: readonly Suite[], selection: CaseSelection): Array<{ suite: Suite; testCase: Case }> {
  const grep = selection.grep ? new RegExp(selection.grep, 'i') : undefined;
  const tags = selection.tags && selection.tags.length > 0 ? new Set(selection.tags) : undefined;
  const planned: Array<{ suite: Suite; testCase: Case }> = [];
  for (const suite of suites) {
    const hasOnly = suite.cases.some((testCase) => testCase.only);
    for (const testCase of suite.cases) {
      if (hasOnly && !testCase.only) continue;
      if (grep && !grep.test(`${suite.name} ${testCase.name}`)) continue;
      if (tags && ![...suite.tags, ...testCase.tags].some((tag) => tags.has(tag))) continue;
      planned.push({ suite, testCase });
    }
  }
  return planned;
}
