/**
 * JUnit XML valid against the Jenkins xUnit plugin's `junit-10.xsd`. That schema allows neither
 * `file` nor `<properties>` on `<testcase>`, so the suite file goes on `<testsuite file>` and each
 * case's properties go into its suite's `<properties>` as `<case name> :: <property>`, and are
 * repeated at the top of the case's `<system-out>`.
 */
import { formatHarnessError } from '../errors';
import type { CaseResult, HarnessErrorInfo, RunResult, SuiteInfo, TokenParityResult } from '../model/result';
import { targetNames } from '../model/result';
import { caseErrorOf, caseFacts, type CaseFacts } from './caseFacts';
import { describeDifference } from './describeDifference';
import { exchangeText } from './exchangeText';
import { groupBySuite } from './groupBySuite';
import { xmlAttrs, xmlText } from './xml';
import { collectRun } from './collectRun';
import type { Reporter } from './reporter';

/** The one testcase a suite that failed to load turns into. */
export const suiteLoadErrorCaseName = '(suite could not be loaded)';
export const tokenParitySuiteName = 'token parity';

interface Rendered {
  xml: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  seconds: number;
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

function element(name: string, attributes: Parameters<typeof xmlAttrs>[0], text: string): string {
  return `<${name}${xmlAttrs(attributes)}>${xmlText(text)}</${name}>`;
}

function hostnameOf(run: RunResult): string {
  for (const host of run.environment.targets.candidate.hosts) {
    try {
      return new URL(host).hostname;
    } catch {
      if (host) return host;
    }
  }
  return 'localhost';
}

function caseProperties(result: CaseResult, facts: CaseFacts): Array<[string, string]> {
  const props: Array<[string, string]> = [
    ['targets', targetNames.map((t) => `${t}=${facts.targets[t]}`).join('; ')],
    ...targetNames.map((t): [string, string] => [`latency.${t}.ms`, facts.latencyMs[t] === null ? 'n/a' : String(facts.latencyMs[t])]),
    ...targetNames.map((t): [string, string] => [`retries.${t}`, String(facts.retries[t])]),
    ...facts.acceptedByRule.map(([rule, count]): [string, string] => [`accepted.${rule}`, String(count)]),
  ];
  if (result.tags.length > 0) props.push(['tags', result.tags.join(', ')]);
  return props;
}

function errorElement(info: HarnessErrorInfo | undefined, type?: string): string {
  const message = info?.message ?? 'harness error (no detail recorded)';
  const detail = info ? `${info.name}: ${formatHarnessError(info)}` : message;
  return element('error', [['message', message], ['type', type ?? info?.name ?? 'Error']], detail);
}

function caseOutcome(result: CaseResult, facts: CaseFacts): { xml: string; kind?: 'failure' | 'error' | 'skipped' } {
  switch (result.status) {
    case 'passed':
      return { xml: '' };
    case 'skipped':
      return { xml: '<skipped/>', kind: 'skipped' };
    case 'error':
      return { xml: errorElement(caseErrorOf(result)), kind: 'error' };
    case 'interrupted': {
      const info = caseErrorOf(result) ?? { name: 'Interrupted', message: 'The run was interrupted before this case finished.' };
      return { xml: errorElement(info, 'Interrupted'), kind: 'error' };
    }
    case 'failed': {
      const list = facts.regressions.map((d) => describeDifference(d));
      const message = list[0] ?? 'The case failed but recorded no regression difference.';
      const others = facts.differences.length - facts.regressions.length;
      const text = `${list.map((line) => `- ${line}`).join('\n')}${others > 0 ? `\n(${others} other difference(s) were accepted, noise or pre-existing; see system-out)` : ''}`;
      return { xml: element('failure', [['message', message], ['type', 'regression']], text), kind: 'failure' };
    }
    default: {
      const never: never = result.status;
      throw new Error(`unknown case status ${String(never)}`);
    }
  }
}

function caseSystemOut(result: CaseResult, facts: CaseFacts, properties: Array<[string, string]>, run: RunResult): string {
  const lines = [`Case: ${result.id}`, `API: ${result.api}`, `Status: ${result.status}`];
  for (const [name, value] of properties) lines.push(`${name}: ${value}`);
  const error = caseErrorOf(result);
  if (error) lines.push('', `Error: ${error.name}: ${formatHarnessError(error)}`);
  if (facts.differences.length > 0) {
    lines.push('', 'Differences:', ...facts.differences.map((d) => `  - ${describeDifference(d)}`));
  }
  for (const step of result.steps) {
    lines.push('', `── Step ${step.index + 1}: ${step.name} ──`);
    lines.push(exchangeText(step.legacy, run.environment.targets.legacy));
    if (step.legacyRepeat) lines.push(`(noise baseline) ${exchangeText(step.legacyRepeat, run.environment.targets.legacy)}`);
    lines.push(exchangeText(step.candidate, run.environment.targets.candidate));
    for (const e of step.expectations.filter((x) => !x.ok)) {
      lines.push(`  expectation ${e.check} failed on ${e.target}: expected ${JSON.stringify(e.expected)}, got ${JSON.stringify(e.actual)}`);
    }
  }
  return lines.join('\n');
}

function renderCase(result: CaseResult, run: RunResult, suiteProps: Array<[string, string]>): Rendered {
  const facts = caseFacts(result, run);
  const properties = caseProperties(result, facts);
  for (const [name, value] of properties) suiteProps.push([`${result.name} :: ${name}`, value]);
  const outcome = caseOutcome(result, facts);
  const out = element('system-out', [], caseSystemOut(result, facts, properties, run));
  const xml = `    <testcase${xmlAttrs([['name', result.name], ['classname', result.api], ['time', seconds(result.durationMs)]])}>${outcome.xml}${out}</testcase>`;
  return {
    xml,
    tests: 1,
    failures: outcome.kind === 'failure' ? 1 : 0,
    errors: outcome.kind === 'error' ? 1 : 0,
    skipped: outcome.kind === 'skipped' ? 1 : 0,
    seconds: result.durationMs / 1000,
  };
}

function renderLoadError(suite: SuiteInfo): Rendered {
  const xml = `    <testcase${xmlAttrs([['name', suiteLoadErrorCaseName], ['classname', suite.file], ['time', '0.000']])}>${errorElement(suite.error)}</testcase>`;
  return { xml, tests: 1, failures: 0, errors: 1, skipped: 0, seconds: 0 };
}

interface SuiteAttributes {
  name: string;
  id: number;
  timestamp: string;
  file?: string;
  properties: Array<[string, string]>;
}

function renderSuite(attrs: SuiteAttributes, cases: Rendered[], run: RunResult): Rendered {
  const total = cases.reduce(
    (sum, c) => ({ failures: sum.failures + c.failures, errors: sum.errors + c.errors, skipped: sum.skipped + c.skipped, seconds: sum.seconds + c.seconds }),
    { failures: 0, errors: 0, skipped: 0, seconds: 0 },
  );
  const head = `  <testsuite${xmlAttrs([
    ['name', attrs.name],
    ['tests', cases.length],
    ['failures', total.failures],
    ['errors', total.errors],
    ['skipped', total.skipped],
    ['time', total.seconds.toFixed(3)],
    ['timestamp', attrs.timestamp],
    ['hostname', hostnameOf(run)],
    ['id', attrs.id],
    ['package', run.environment.name],
    ['file', attrs.file],
  ])}>`;
  const props =
    attrs.properties.length === 0
      ? ''
      : `    <properties>\n${attrs.properties.map(([name, value]) => `      <property${xmlAttrs([['name', name], ['value', value]])}/>`).join('\n')}\n    </properties>\n`;
  return { xml: `${head}\n${props}${cases.map((c) => `${c.xml}\n`).join('')}  </testsuite>`, tests: cases.length, ...total };
}

function renderTokenParity(parity: TokenParityResult, id: number, run: RunResult): Rendered {
  const describe = (side: TokenParityResult['legacy'] | TokenParityResult['candidate']): string =>
    `format ${side.format}${side.tokenType ? `, type ${side.tokenType}` : ''}, scopes [${side.scopes.join(' ')}]${side.expiresIn === undefined ? '' : `, expires in ${side.expiresIn} s`}`;
  const lines = [`legacy: ${describe(parity.legacy)}`, `candidate: ${describe(parity.candidate)}`];
  if (parity.candidate.issuer) lines.push(`candidate issuer: ${parity.candidate.issuer}`);
  if (parity.candidate.signature) lines.push(`candidate signature: ${parity.candidate.signature}`);
  if (parity.findings.length > 0) lines.push('Findings:', ...parity.findings.map((d) => `  - ${describeDifference(d)}`));
  let outcome = '';
  let kind: 'failure' | 'error' | undefined;
  if (parity.status === 'error') {
    outcome = errorElement(parity.error);
    kind = 'error';
  } else if (parity.status === 'failed') {
    const failing = parity.findings.filter((d) => d.disposition === 'regression');
    const list = (failing.length > 0 ? failing : parity.findings).map((d) => describeDifference(d));
    outcome = element('failure', [['message', list[0] ?? 'Token parity failed.'], ['type', 'token-parity']], list.map((l) => `- ${l}`).join('\n'));
    kind = 'failure';
  }
  const testcase: Rendered = {
    tests: 1,
    xml: `    <testcase${xmlAttrs([['name', 'token parity'], ['classname', 'token'], ['time', seconds(parity.durationMs)]])}>${outcome}${element('system-out', [], lines.join('\n'))}</testcase>`,
    failures: kind === 'failure' ? 1 : 0,
    errors: kind === 'error' ? 1 : 0,
    skipped: 0,
    seconds: parity.durationMs / 1000,
  };
  return renderSuite({ name: tokenParitySuiteName, id, timestamp: run.startedAt, properties: [] }, [testcase], run);
}

export function renderJunit(run: RunResult): string {
  const suites: Rendered[] = [];
  for (const group of groupBySuite(run)) {
    const properties: Array<[string, string]> = [
      ['environment', run.environment.name],
      ['suite.file', group.suite.file],
      ['suite.sha256', group.suite.sha256],
    ];
    const cases = [
      ...(group.suite.error ? [renderLoadError(group.suite)] : []),
      ...group.cases.map((c) => renderCase(c, run, properties)),
    ];
    const timestamp = group.cases.map((c) => c.startedAt).sort()[0] ?? run.startedAt;
    suites.push(renderSuite({ name: group.suite.name, id: suites.length, timestamp, file: group.suite.file, properties }, cases, run));
  }
  if (run.tokenParity) suites.push(renderTokenParity(run.tokenParity, suites.length, run));

  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const wall = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  const root = xmlAttrs([
    ['name', `contract parity: ${run.environment.name}`],
    ['tests', tests],
    ['failures', suites.reduce((n, s) => n + s.failures, 0)],
    ['errors', suites.reduce((n, s) => n + s.errors, 0)],
    ['time', seconds(Number.isFinite(wall) ? wall : 0)],
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${root}>\n${suites.map((s) => `${s.xml}\n`).join('')}</testsuites>\n`;
}

/** The JUnit reporter for `writeReports` (it still renders from the collected run). */
export const junitReporter: Reporter = {
  fileName: 'junit.xml',
  async write(input, out) {
    await out.write(renderJunit(await collectRun(input)));
  },
};
