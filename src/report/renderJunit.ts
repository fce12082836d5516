/**
 * JUnit XML in two flavours (see `junitFlavour.ts` and docs/junit.md): `consumer`, read well by
 * GitLab, GitHub annotation actions, Jenkins and Azure; and `strict`, valid against the Jenkins
 * xUnit plugin's `junit-10.xsd`. In both, `classname` names the suite and the API (GitLab shows it
 * as the Suite column; EnricoMi's action merges cases with the same classname and name), the
 * testsuite `hostname` is the machine that ran the harness (Azure shows it as the agent), and a
 * failure's message starts with how many regressions the case has.
 *
 * The XML is rendered from the streamed results as a sequence of chunks (one per testcase), so it
 * is written to disk as it is made. A passing case is rendered from its digest alone — one summary
 * line, no exchanges (its full exchanges are in results.json and cases.ndjson) — so it is never read
 * back from disk; a failing, errored, interrupted or skipped case is read and rendered in full.
 */
import { hostname as machineHostname } from 'node:os';
import { formatHarnessError } from '../errors';
import type { CaseResult, Difference, Disposition, HarnessErrorInfo, RunResult, SuiteInfo, TokenParityResult, UnlistedDifferences } from '../model/result';
import { targetNames } from '../model/result';
import { caseErrorOf, caseFacts, type CaseFacts } from './caseFacts';
import { describeDifference, describeUnlisted } from './describeDifference';
import { exchangeText } from './exchangeText';
import { defaultJunitFlavour, junitFlavourRules, type JunitFlavour, type JunitFlavourRules } from './junitFlavour';
import { xmlAttrs, xmlText } from './xml';
import { partialRunWarning } from '../engine/partialRun';
import type { CaseDigest } from './caseDigest';
import { reportInputFromRun } from './reportInput';
import type { Reporter, ReportInput } from './reporter';

/** The one testcase a suite that failed to load turns into. */
export const suiteLoadErrorCaseName = '(suite could not be loaded)';
export const tokenParitySuiteName = 'token parity';

export interface JunitOptions {
  flavour: JunitFlavour;
  /** The machine that ran the harness (testsuite `hostname`); never a gateway's host. */
  hostname: string;
}

export const defaultJunitOptions = (): JunitOptions => ({ flavour: defaultJunitFlavour, hostname: machineHostname() });

type Outcome = 'passed' | 'failure' | 'error' | 'skipped';

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  seconds: number;
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function element(name: string, attributes: Parameters<typeof xmlAttrs>[0], text: string): string {
  return `<${name}${xmlAttrs(attributes)}>${xmlText(text)}</${name}>`;
}

function propertiesXml(props: ReadonlyArray<readonly [string, string]>, indent: string): string {
  if (props.length === 0) return '';
  const rows = props.map(([name, value]) => `${indent}  <property${xmlAttrs([['name', name], ['value', value]])}/>`).join('\n');
  return `${indent}<properties>\n${rows}\n${indent}</properties>\n`;
}

/** `PizzaShack menu & orders (pizzashack)`: the suite first (GitLab's Suite column), then the API. */
function junitClassname(suiteName: string, api: string): string {
  return suiteName === api ? suiteName : `${suiteName} (${api})`;
}

/** The dispositions that fail a case (`facts.regressions` holds the listed ones). */
const failingDispositions: ReadonlySet<Disposition> = new Set(['regression', 'both-fail']);

/** How a failure message names failing differences that are not regressions. */
const failingLabels: Readonly<Record<string, readonly [one: string, many: string]>> = {
  'both-fail': ['expectation failing on both sides', 'expectations failing on both sides'],
};

/**
 * `3 regressions; first: body $.price changed: 19 → 19.5 [regression]` — the count first, so a
 * one-line view says how bad it is. Failing differences of another disposition (if a case fails
 * for one) are counted apart under their own name, never as regressions. `unlisted` are the
 * failing differences the steps counted but did not list: in the count, never shown one by one.
 */
export function failureMessage(failing: readonly Difference[], noun = 'regression', unlisted: readonly UnlistedDifferences[] = []): string {
  const first = failing[0];
  if (!first) return `The case failed but recorded no ${noun} difference.`;
  const byKind = new Map<string, number>();
  const count = (disposition: Difference['disposition'], n: number): void => {
    const kind = disposition === 'regression' || noun !== 'regression' ? noun : disposition;
    byKind.set(kind, (byKind.get(kind) ?? 0) + n);
  };
  for (const d of failing) count(d.disposition, 1);
  for (const group of unlisted) count(group.disposition, group.count);
  const counts = [...byKind].map(([kind, n]) => {
    const [one, many] = failingLabels[kind] ?? [kind, `${kind}s`];
    return plural(n, one, many);
  }).join(', ');
  return failing.length === 1 && unlisted.length === 0 ? `${counts}: ${describeDifference(first)}` : `${counts}; first: ${describeDifference(first)}`;
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

function caseOutcome(result: CaseResult, facts: CaseFacts): { xml: string; kind: Outcome } {
  switch (result.status) {
    case 'passed':
      return { xml: '', kind: 'passed' };
    case 'skipped':
      return { xml: '<skipped/>', kind: 'skipped' };
    case 'error':
      return { xml: errorElement(caseErrorOf(result)), kind: 'error' };
    case 'interrupted': {
      const info = caseErrorOf(result) ?? { name: 'Interrupted', message: 'The run was interrupted before this case finished.' };
      return { xml: errorElement(info, 'Interrupted'), kind: 'error' };
    }
    case 'failed': {
      const failing = facts.unlisted.filter((group) => failingDispositions.has(group.disposition));
      const list = [...facts.regressions.map((d) => describeDifference(d)), ...failing.map((group) => `step ${group.step}: ${describeUnlisted(group)}`)];
      const others = facts.differences.length - facts.regressions.length + facts.unlisted.reduce((n, group) => n + (failingDispositions.has(group.disposition) ? 0 : group.count), 0);
      const text = `${list.map((line) => `- ${line}`).join('\n')}${others > 0 ? `\n(${others} other difference(s) were accepted, noise or pre-existing; see system-out)` : ''}`;
      return { xml: element('failure', [['message', failureMessage(facts.regressions, 'regression', failing)], ['type', 'regression']], text), kind: 'failure' };
    }
    default: {
      const never: never = result.status;
      throw new Error(`unknown case status ${String(never)}`);
    }
  }
}

/** The outcome a status turns into, without rendering: suite counts are known before the first case is written. */
function outcomeOf(result: Pick<CaseResult, 'status'>): Outcome {
  if (result.status === 'failed') return 'failure';
  if (result.status === 'error' || result.status === 'interrupted') return 'error';
  return result.status === 'skipped' ? 'skipped' : 'passed';
}

function caseSystemOut(result: CaseResult, facts: CaseFacts, properties: Array<[string, string]>, run: RunResult): string {
  const where = `${result.suiteFile}${result.line === undefined ? '' : `:${result.line}`}`;
  const lines = [`Case: ${result.id}`, `Where: ${where}`, `API: ${result.api}`, `Status: ${result.status}`];
  for (const [name, value] of properties) lines.push(`${name}: ${value}`);
  const error = caseErrorOf(result);
  if (error) lines.push('', `Error: ${error.name}: ${formatHarnessError(error)}`);
  if (facts.differences.length > 0) {
    lines.push('', 'Differences:', ...facts.differences.map((d) => `  - ${describeDifference(d)}`));
  }
  if (facts.unlisted.length > 0) {
    lines.push('', 'Counted, not listed (beyond the differences a step lists):', ...facts.unlisted.map((group) => `  - step ${group.step}: ${describeUnlisted(group)}`));
  }
  for (const skipped of result.notRun ?? []) lines.push(`Step ${skipped.index + 1} (${skipped.name}) not run: ${skipped.reason}`);
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

interface CaseXml {
  name: string;
  classname: string;
  ms: number;
  file?: string;
  line?: number;
  properties: ReadonlyArray<readonly [string, string]>;
  /** `<failure>`, `<error>` or `<skipped/>`, already rendered; empty for a pass. */
  outcome: string;
  systemOut: string;
}

function testcaseXml(c: CaseXml, rules: JunitFlavourRules): string {
  const attrs: Array<[string, string | number | undefined]> = [['name', c.name], ['classname', c.classname], ['time', seconds(c.ms)]];
  if (rules.caseLocation) attrs.push(['file', c.file], ['line', c.line]);
  const props = rules.caseProperties && c.properties.length > 0 ? `\n${propertiesXml(c.properties, '      ')}      ` : '';
  return `    <testcase${xmlAttrs(attrs)}>${props}${c.outcome}${element('system-out', [], c.systemOut)}</testcase>\n`;
}

function renderCase(result: CaseResult, run: RunResult, rules: JunitFlavourRules): string {
  const facts = caseFacts(result, run);
  const properties = caseProperties(result, facts);
  return testcaseXml(
    {
      name: result.name,
      classname: junitClassname(result.suite, result.api),
      ms: result.durationMs,
      file: result.suiteFile,
      line: result.line,
      properties,
      outcome: caseOutcome(result, facts).xml,
      systemOut: caseSystemOut(result, facts, properties, run),
    },
    rules,
  );
}

function renderLoadError(suite: SuiteInfo, rules: JunitFlavourRules): string {
  const info = suite.error;
  return testcaseXml(
    {
      name: suiteLoadErrorCaseName,
      classname: suite.name,
      ms: 0,
      file: info?.file ?? suite.file,
      line: info?.line,
      properties: [],
      outcome: errorElement(info),
      systemOut: `Suite: ${suite.file}\n${info ? `${info.name}: ${formatHarnessError(info)}` : 'no detail recorded'}`,
    },
    rules,
  );
}

interface SuiteHead {
  name: string;
  id: number;
  timestamp: string;
  file?: string;
  properties: ReadonlyArray<readonly [string, string]>;
}

function suiteOpen(head: SuiteHead, counts: Counts, run: RunResult, options: JunitOptions): string {
  const open = `  <testsuite${xmlAttrs([
    ['name', head.name],
    ['tests', counts.tests],
    ['failures', counts.failures],
    ['errors', counts.errors],
    ['skipped', counts.skipped],
    ['time', counts.seconds.toFixed(3)],
    ['timestamp', head.timestamp],
    ['hostname', options.hostname],
    ['id', head.id],
    ['package', run.environment.name],
    ['file', head.file],
  ])}>\n`;
  return `${open}${propertiesXml(head.properties, '    ')}`;
}

function countCases(results: readonly CaseDigest[], loadError: boolean): Counts {
  const counts: Counts = { tests: results.length + (loadError ? 1 : 0), failures: 0, errors: loadError ? 1 : 0, skipped: 0, seconds: 0 };
  for (const result of results) {
    const kind = outcomeOf(result);
    if (kind === 'failure') counts.failures += 1;
    else if (kind === 'error') counts.errors += 1;
    else if (kind === 'skipped') counts.skipped += 1;
    counts.seconds += result.durationMs / 1000;
  }
  return counts;
}

/** The token check as its own suite, its case pointing at the env file whose token settings it used. */
function tokenParityChunks(parity: TokenParityResult, id: number, run: RunResult, options: JunitOptions, rules: JunitFlavourRules): string[] {
  const describe = (side: TokenParityResult['legacy'] | TokenParityResult['candidate']): string =>
    `format ${side.format}${side.tokenType ? `, type ${side.tokenType}` : ''}, scopes [${side.scopes.join(' ')}]${side.expiresIn === undefined ? '' : `, expires in ${side.expiresIn} s`}`;
  const envFile = `env/${run.environment.name}.env`;
  const lines = [`Where: ${envFile} (token endpoint settings)`, `legacy: ${describe(parity.legacy)}`, `candidate: ${describe(parity.candidate)}`];
  if (parity.candidate.issuer) lines.push(`candidate issuer: ${parity.candidate.issuer}`);
  if (parity.candidate.signature) lines.push(`candidate signature: ${parity.candidate.signature}`);
  if (parity.findings.length > 0) lines.push('Findings:', ...parity.findings.map((d) => `  - ${describeDifference(d)}`));
  let outcome = '';
  const counts: Counts = { tests: 1, failures: 0, errors: 0, skipped: 0, seconds: parity.durationMs / 1000 };
  if (parity.status === 'error') {
    outcome = errorElement(parity.error);
    counts.errors = 1;
  } else if (parity.status === 'failed') {
    const failing = parity.findings.filter((d) => d.disposition === 'regression');
    const shown = failing.length > 0 ? failing : parity.findings;
    outcome = element('failure', [['message', failureMessage(shown, 'token finding')], ['type', 'token-parity']], shown.map((d) => `- ${describeDifference(d)}`).join('\n'));
    counts.failures = 1;
  }
  // Line 1 of the env file: the check has no YAML line, and without one the annotation actions
  // guess a line from numbers in the message (a port, for example).
  const testcase = testcaseXml(
    { name: tokenParitySuiteName, classname: tokenParitySuiteName, ms: parity.durationMs, file: envFile, line: 1, properties: [], outcome, systemOut: lines.join('\n') },
    rules,
  );
  return [suiteOpen({ name: tokenParitySuiteName, id, timestamp: run.startedAt, file: envFile, properties: [] }, counts, run, options), testcase, '  </testsuite>\n'];
}

const ms = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v)} ms`);

/**
 * A passing case in one line, from its digest: where (strict flavour only: it has no `file`
 * attribute), steps, latency, then each disposition's count and the rules that accepted
 * differences. `passed · 2 steps · legacy 12 ms, candidate 15 ms · accepted: gateway-headers ×3 · noise ×2`.
 */
function passedSummary(digest: CaseDigest, rules: JunitFlavourRules): string {
  const parts = ['passed'];
  if (!rules.caseLocation) parts.push(`${digest.suiteFile}${digest.line === undefined ? '' : `:${digest.line}`}`);
  parts.push(plural(digest.stepCount, 'step', 'steps'), `legacy ${ms(digest.latency.legacyMs)}, candidate ${ms(digest.latency.candidateMs)}`);
  const accepted: string[] = [];
  const others = new Map<string, number>();
  for (const rule of digest.rules) {
    const colon = rule.key.indexOf(':');
    const disposition = rule.key.slice(0, colon);
    if (disposition === 'accepted') accepted.push(`${rule.key.slice(colon + 1)} ×${rule.count}`);
    else others.set(disposition, (others.get(disposition) ?? 0) + rule.count);
  }
  if (accepted.length > 0) parts.push(`accepted: ${accepted.join(', ')}`);
  for (const [disposition, n] of others) parts.push(`${disposition} ×${n}`);
  for (const target of targetNames) if (digest.retries[target] > 0) parts.push(`retries ${target} ${digest.retries[target]}`);
  if (digest.tags.length > 0) parts.push(`tags: ${digest.tags.join(', ')}`);
  return parts.join(' · ');
}

function renderPassed(digest: CaseDigest, rules: JunitFlavourRules): string {
  return testcaseXml(
    {
      name: digest.name,
      classname: junitClassname(digest.suite, digest.api),
      ms: digest.durationMs,
      file: digest.suiteFile,
      line: digest.line,
      properties: [],
      outcome: '',
      systemOut: passedSummary(digest, rules),
    },
    rules,
  );
}

/**
 * The JUnit report as chunks in document order: the header, then each suite's opening tag (its
 * counts come from the digests, so nothing is rendered twice), one chunk per testcase, and the
 * closing tags. Joining them gives the whole file. Only cases that did not pass are read from disk
 * (in the strict flavour twice: once for the suite's properties, once for the testcase), one at a
 * time, so memory holds one case whatever the size of the run.
 */
export async function* renderJunitChunks(input: ReportInput, options: JunitOptions = defaultJunitOptions()): AsyncGenerator<string> {
  const { run, groups } = input;
  const rules = junitFlavourRules[options.flavour];
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0, seconds: 0 };
  const suiteCounts = groups.map((g) => countCases(g.digests, g.suite.error !== undefined));
  if (run.tokenParity) suiteCounts.push({ tests: 1, failures: run.tokenParity.status === 'failed' ? 1 : 0, errors: run.tokenParity.status === 'error' ? 1 : 0, skipped: 0, seconds: 0 });
  for (const c of suiteCounts) {
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
  }
  const wall = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  const root = xmlAttrs([
    ['name', `contract parity: ${run.environment.name}`],
    ['tests', total.tests],
    ['failures', total.failures],
    ['errors', total.errors],
    ['time', seconds(Number.isFinite(wall) ? wall : 0)],
  ]);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${root}>\n`;
  for (const [id, group] of groups.entries()) {
    const properties: Array<[string, string]> = [
      ['environment', run.environment.name],
      ['suite.file', group.suite.file],
      ['suite.sha256', group.suite.sha256],
      // A narrowed or cut run is not a sign-off of the whole suite set; every report says so.
      ...(run.partial ? [['run.partial', partialRunWarning(run.partial)] as [string, string]] : []),
    ];
    if (!rules.caseProperties) {
      // junit-10.xsd allows properties only on the suite: each case that did not pass puts its
      // own there, named after it (a passing case's facts are in its summary line).
      for (const digest of group.digests) {
        if (digest.status === 'passed') continue;
        const result = await input.load(digest);
        for (const [name, value] of caseProperties(result, caseFacts(result, run))) properties.push([`${result.name} :: ${name}`, value]);
      }
    }
    let timestamp: string | undefined;
    for (const d of group.digests) if (timestamp === undefined || d.startedAt < timestamp) timestamp = d.startedAt;
    yield suiteOpen({ name: group.suite.name, id, timestamp: timestamp ?? run.startedAt, file: group.suite.file, properties }, suiteCounts[id]!, run, options);
    if (group.suite.error) yield renderLoadError(group.suite, rules);
    for (const digest of group.digests) yield digest.status === 'passed' ? renderPassed(digest, rules) : renderCase(await input.load(digest), run, rules);
    yield '  </testsuite>\n';
  }
  if (run.tokenParity) yield* tokenParityChunks(run.tokenParity, groups.length, run, options, rules);
  yield '</testsuites>\n';
}

/** The whole JUnit report of a run held in memory, as one string (small runs, tests); writers stream `renderJunitChunks`. */
export async function renderJunit(run: RunResult, options: JunitOptions = defaultJunitOptions()): Promise<string> {
  const input = reportInputFromRun(run);
  let xml = '';
  try {
    for await (const chunk of renderJunitChunks(input, options)) xml += chunk;
  } finally {
    await input.close();
  }
  return xml;
}

/** A JUnit reporter for `writeReports`, one per flavour (junit.xml and junit-strict.xml), written chunk by chunk. */
export function junitReporter(fileName: string, flavour: JunitOptions['flavour']): Reporter {
  return {
    fileName,
    async write(input, out) {
      for await (const chunk of renderJunitChunks(input, { ...defaultJunitOptions(), flavour })) await out.write(chunk);
    },
  };
}
