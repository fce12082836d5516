import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunResult } from '../../src/model/result';
import { reportFileNames } from '../../src/report/writeReports';
import { repoRoot } from '../e2e/helpers';
import { checkJunit, type XmlNode } from '../report/junitStructure';
import { checkSchema } from '../report/schemaCheck';

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schema', 'results.schema.json'), 'utf8')) as Record<string, unknown>;

export interface WrittenReports {
  results: RunResult;
  junit: XmlNode;
  html: string;
}

/**
 * Reads the four reports of a run and proves each one usable: results.json valid against the
 * published schema (every field declared), junit.xml valid against the xUnit junit-10.xsd rules
 * with counts that add up, the HTML complete with its verdict banner, the sign-off present.
 */
export function expectValidReports(dir: string): WrittenReports {
  const files = Object.values(reportFileNames).map((name) => path.join(dir, name));
  expect(files.filter((file) => !existsSync(file))).toEqual([]);

  const results = JSON.parse(readFileSync(path.join(dir, reportFileNames.results), 'utf8')) as RunResult;
  expect(checkSchema(schema, results, { strict: true }).errors).toEqual([]);

  const { errors, root } = checkJunit(readFileSync(path.join(dir, reportFileNames.junit), 'utf8'), { flavour: 'consumer' });
  expect(errors).toEqual([]);
  expect(checkJunit(readFileSync(path.join(dir, reportFileNames.junitStrict), 'utf8')).errors).toEqual([]);
  const testcases = root.children.flatMap((suite) => suite.children.filter((c) => c.name === 'testcase'));
  // One testcase per case (plus one for token parity when it ran).
  expect(testcases.length).toBe(results.cases.length + (results.tokenParity ? 1 : 0));

  const html = readFileSync(path.join(dir, reportFileNames.html), 'utf8');
  expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  expect(html).toMatch(/<header class="banner verdict-(pass|fail)" id="banner">/);
  expect(html.trimEnd().endsWith('</html>')).toBe(true);
  expect(readFileSync(path.join(dir, reportFileNames.signoff), 'utf8')).toMatch(/\*\*Verdict: (PASS|FAIL)\*\*/);
  return { results, junit: root, html };
}

/** The outcome element (`<error>`, `<failure>`, `<skipped>`) of the testcase named `name`, if any. */
export function junitOutcome(root: XmlNode, name: string): { element: string; type?: string; message?: string } | undefined {
  const testcase = root.children.flatMap((suite) => suite.children).find((c) => c.name === 'testcase' && c.attrs.name === name);
  if (!testcase) throw new Error(`junit.xml has no testcase named "${name}"`);
  const outcome = testcase.children.find((c) => c.name === 'error' || c.name === 'failure' || c.name === 'skipped');
  if (!outcome) return undefined;
  return { element: outcome.name, ...(outcome.attrs.type ? { type: outcome.attrs.type } : {}), ...(outcome.attrs.message ? { message: outcome.attrs.message } : {}) };
}

/** Statuses by case name, for comparing the written report with the run in memory. */
export function statusesOf(run: Pick<RunResult, 'cases'>): Record<string, string> {
  return Object.fromEntries(run.cases.map((c) => [c.name, c.status]));
}
