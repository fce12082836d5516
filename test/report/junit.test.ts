/**
 * The JUnit renderer, checked with the structural checker of junit-10.xsd's rules. The real xsd
 * (in ../shared, beside the clone in CI) is checked by xmllint in test/realworld/junitSchema.test.ts,
 * and what real consumers read is checked by an independent parser in junitConsumers.test.ts.
 */
import { hostname } from 'node:os';
import type { JunitOptions } from '../../src/report/renderJunit';
import { failureMessage, renderJunit, renderJunitChunks, suiteLoadErrorCaseName, tokenParitySuiteName } from '../../src/report/renderJunit';
import { buildPassingRun, buildRun, diff, tokenParity } from './fixtures';
import { checkJunit, type XmlNode } from './junitStructure';
import { reportInputFromRun } from '../../src/report/reportInput';

const strict: JunitOptions = { flavour: 'strict', hostname: 'ci-runner-7' };
const consumer: JunitOptions = { flavour: 'consumer', hostname: 'ci-runner-7' };

const suitesOf = (root: XmlNode): XmlNode[] => root.children.filter((c) => c.name === 'testsuite');
const casesOf = (suite: XmlNode): XmlNode[] => suite.children.filter((c) => c.name === 'testcase');
const child = (node: XmlNode, name: string): XmlNode | undefined => node.children.find((c) => c.name === name);
function testcase(root: XmlNode, name: string): XmlNode {
  const found = suitesOf(root).flatMap(casesOf).find((c) => c.attrs.name === name);
  if (!found) throw new Error(`no testcase "${name}"`);
  return found;
}

describe('JUnit report, strict flavour (junit-10.xsd)', () => {
  const run = buildRun();
  let xml: string;
  let errors: string[];
  let root: XmlNode;
  beforeAll(async () => {
    xml = await renderJunit(run, strict);
    ({ errors, root } = checkJunit(xml));
  });

  it('follows junit-10.xsd: nesting, required and allowed attributes, time format, counts', () => {
    expect(errors).toEqual([]);
    expect(root.attrs).toMatchObject({ tests: '10', failures: '2', errors: '3' });
  });

  it('is the same document whether taken whole or chunk by chunk, one chunk per testcase', async () => {
    const chunks: string[] = [];
    for await (const chunk of renderJunitChunks(reportInputFromRun(run), strict)) chunks.push(chunk);
    expect(chunks.join('')).toBe(xml);
    expect(chunks.filter((c) => c.trimStart().startsWith('<testcase')).length).toBe(10);
  });

  it('catches schema violations with its own checker, so the structural check can fail', () => {
    const broken = xml.replace('<testcase name="counts stock"', '<testcase file="x" name="counts stock"').replace(/<testsuite name="Inventory" tests="1"/, '<testsuite name="Inventory" tests="2"');
    expect(checkJunit(broken).errors).toEqual(
      expect.arrayContaining([expect.stringContaining('attribute "file" is not allowed on <testcase>'), expect.stringContaining('tests="2" but it holds 1')]),
    );
    expect(checkJunit(xml.replace('<properties>', '<testcase name="x"><properties>').replace('</properties>', '</properties></testcase>')).errors).toEqual(
      expect.arrayContaining([expect.stringContaining('<properties> may not appear inside <testcase>')]),
    );
  });

  it('orders suites by file and cases by id, with token parity last in its own suite', () => {
    expect(suitesOf(root).map((s) => [s.attrs.name, s.attrs.file])).toEqual([
      ['Inventory', 'suites/inventory.yaml'],
      ['orders-admin', 'suites/orders-admin.yaml'],
      ['PizzaShack menu & orders', 'suites/pizzashack.yaml'],
      [tokenParitySuiteName, 'env/staging.env'],
    ]);
    const menu = suitesOf(root)[2]!;
    expect(casesOf(menu).map((c) => c.attrs.name)).toEqual(['deletes an order', 'lists the menu', 'menu drift <b>&</b>', 'places an order', 'reads an order by id', 'rejects a missing token', 'updates an order']);
    expect(menu.attrs).toMatchObject({ name: 'PizzaShack menu & orders', tests: '7', failures: '2', errors: '2', skipped: '1', id: '2', package: 'staging', hostname: 'ci-runner-7' });
  });

  it('renders the same bytes whatever order the engine recorded cases and suites in', async () => {
    const shuffled = { ...run, cases: [...run.cases].reverse(), suites: [...run.suites].reverse() };
    expect(await renderJunit(shuffled, strict)).toBe(xml);
  });

  it('names each testcase after the case, classname after the suite and the API, time in real seconds', () => {
    expect(testcase(root, 'places an order').attrs).toEqual({ name: 'places an order', classname: 'PizzaShack menu & orders (pizzashack)', time: '0.612' });
  });

  it('gives two suites\' cases different classnames, so consumers that key on classname + name never merge them', () => {
    expect(testcase(root, 'counts stock').attrs.classname).toBe('Inventory (inventory)');
  });

  it('sets testsuite hostname to the machine that ran the harness, by default os.hostname()', async () => {
    const suites = suitesOf(checkJunit(await renderJunit(run, { flavour: 'strict', hostname: hostname() })).root);
    expect(new Set(suites.map((s) => s.attrs.hostname))).toEqual(new Set([hostname()]));
    expect(suitesOf(checkJunit(await renderJunit(run)).root)[0]!.attrs.hostname).toBe(hostname());
  });

  it('reports a regression as <failure> whose message starts with the count and names the first one, and whose text lists them all', () => {
    const failure = child(testcase(root, 'places an order'), 'failure')!;
    expect(failure.attrs.type).toBe('regression');
    expect(failure.attrs.message).toBe('4 regressions; first: status status changed: 201 → 200 [regression]');
    expect(failure.text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(4);
    expect(failure.text).toContain('body $.items[1] missing on candidate: {"name":"Cola"} [regression]');
    expect(failure.text).toContain('1 other difference(s) were accepted');
  });

  it('counts failing differences that are not regressions apart, under their own disposition', () => {
    const regression = diff({ path: '$.price', legacy: 1, candidate: 2, disposition: 'regression' });
    const preExisting = diff({ area: 'contract', path: '$.sku', kind: 'violation', disposition: 'pre-existing' });
    expect(failureMessage([regression, preExisting])).toBe('1 regression, 1 pre-existing; first: body $.price changed: 1 → 2 [regression]');
    expect(failureMessage([regression])).toBe('1 regression: body $.price changed: 1 → 2 [regression]');
    const both = diff({ area: 'expectation', path: 'status', legacy: 500, candidate: 500, disposition: 'both-fail' });
    expect(failureMessage([regression, both, both])).toBe('1 regression, 2 expectations failing on both sides; first: body $.price changed: 1 → 2 [regression]');
  });

  it('reports a harness error as <error> with the error class as type and its message', () => {
    const error = child(testcase(root, 'reads an order by id'), 'error')!;
    expect(error.attrs).toEqual({ type: 'TargetUnreachableError', message: 'candidate: connect ECONNREFUSED 10.0.0.7:443' });
    expect(error.text).toContain('→ Check CANDIDATE_BASE_URL');
    expect(child(testcase(root, 'reads an order by id'), 'failure')).toBeUndefined();
  });

  it('reports skipped cases as <skipped/> and interrupted ones as <error type="Interrupted">', () => {
    expect(child(testcase(root, 'deletes an order'), 'skipped')).toBeDefined();
    expect(child(testcase(root, 'updates an order'), 'error')!.attrs.type).toBe('Interrupted');
  });

  it('turns a suite that could not be loaded into one erroring testcase', () => {
    const suite = suitesOf(root).find((s) => s.attrs.file === 'suites/orders-admin.yaml')!;
    expect(casesOf(suite).map((c) => c.attrs.name)).toEqual([suiteLoadErrorCaseName]);
    const error = child(casesOf(suite)[0]!, 'error')!;
    expect(error.attrs.type).toBe('SuiteError');
    expect(error.text).toContain('suites/orders-admin.yaml:14 cases[3].request: unknown key "methd"');
  });

  it('puts per-case properties in the suite\'s <properties>, since the xsd allows none in <testcase>', () => {
    const suite = suitesOf(root).find((s) => s.attrs.file === 'suites/pizzashack.yaml')!;
    const props = Object.fromEntries(child(suite, 'properties')!.children.map((p) => [p.attrs.name, p.attrs.value]));
    expect(props).toMatchObject({
      'suite.sha256': 'a'.repeat(64),
      'places an order :: latency.legacy.ms': '140',
      'places an order :: latency.candidate.ms': '310',
      'places an order :: retries.candidate': '1',
      'places an order :: accepted.alias:orderId': '1',
      'deletes an order :: latency.legacy.ms': 'n/a',
    });
    // A passing case's facts are in its one summary line, not in the suite's properties.
    expect(Object.keys(props).filter((name) => name.startsWith('rejects a missing token ::'))).toEqual([]);
    expect(props['places an order :: targets']).toBe(
      'legacy=apicloud https://gateway.api.cloud.wso2.com (baseline baselines/staging); candidate=choreo https://2d9ec1f6-dev.e1-us-east-azure.choreoapis.dev',
    );
  });

  it('sums a passing case up in one line from its digest: where, steps, latency, accepted rules, other dispositions — no exchange', () => {
    const passed = testcase(root, 'rejects a missing token');
    expect(passed.children.map((c) => c.name)).toEqual(['system-out']);
    expect(child(passed, 'system-out')!.text).toBe('passed · suites/pizzashack.yaml · 1 step · legacy 30 ms, candidate 25 ms · accepted: fault-code-mapping ×2 · tags: auth');
    const menu = child(testcase(root, 'lists the menu'), 'system-out')!.text;
    expect(menu).toMatch(/^passed · suites\/pizzashack\.yaml(:\d+)? · 1 step · .* · noise ×1/);
    expect(menu).not.toContain('Margherita');
  });

  it('shows each step\'s redacted exchanges and a curl line per side in <system-out>, with token placeholders', () => {
    const out = child(testcase(root, 'places an order'), 'system-out')!.text;
    expect(out).toContain('── Step 1: POST /order ──');
    expect(out).toContain('[legacy] POST https://gateway.api.cloud.wso2.com/t/acme/pizzashack/1.0.0/order');
    expect(out).toContain('response: 201');
    expect(out).toContain('retry 1: throttled (429), waited 1000 ms');
    expect(out).toContain(`reproduce: curl -sS -i -X POST 'https://gateway.api.cloud.wso2.com/t/acme/pizzashack/1.0.0/order' -H 'accept: application/json' -H 'authorization: Bearer '"$LEGACY_TOKEN"`);
    expect(out).toContain(`-H 'authorization: Bearer '"$CANDIDATE_TOKEN" -H 'content-type: application/json' -H 'x-api-key: '"$CANDIDATE_X_API_KEY"`);
    expect(out).toContain('latency.candidate.ms: 310');
  });

  it('escapes markup and writes characters XML 1.0 forbids as visible \\u escapes', async () => {
    const drift = testcase(root, 'menu drift <b>&</b>');
    const out = child(drift, 'system-out')!.text;
    expect(out).toContain("<script>document.title='pwned'</script></textarea></script>");
    expect(out).toContain('\\u0001');
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toContain('<script>');
    const withCdataEnd = buildRun({ cases: [{ ...run.cases[0]!, name: 'a ]]> b \uD800 \uFFFF' }] });
    const checked = checkJunit(await renderJunit(withCdataEnd, strict));
    expect(checked.errors).toEqual([]);
    expect(suitesOf(checked.root).flatMap(casesOf).map((c) => c.attrs.name)).toContain('a ]]> b \\uD800 \\uFFFF');
  });

  it('gives token parity its own suite: passed, failed (<failure>) or errored (<error>)', async () => {
    const tokenCase = (xmlText: string): XmlNode => casesOf(suitesOf(checkJunit(xmlText).root).find((s) => s.attrs.name === tokenParitySuiteName)!)[0]!;
    const passed = tokenCase(xml);
    expect(passed.attrs).toMatchObject({ name: 'token parity', classname: 'token parity', time: '0.420' });
    expect(passed.children.map((c) => c.name)).toEqual(['system-out']);
    expect(child(passed, 'system-out')!.text).toContain('candidate: format jwt, type Bearer, scopes [read write], expires in 900 s');
    const failed = child(tokenCase(await renderJunit(buildRun({ tokenParity: tokenParity('failed') }), strict)), 'failure')!;
    expect(failed.attrs.message).toBe('1 token finding: token token.expiresIn exceeds the threshold (legacy 3600, candidate 900) [regression: token-lifetime — Above the configured minimum of 600 s.]');
    expect(child(tokenCase(await renderJunit(buildRun({ tokenParity: tokenParity('error') }), strict)), 'error')!.attrs).toEqual({ type: 'AuthError', message: 'token endpoint said invalid_client' });
  });

  it('has no failures or errors for a passing run', async () => {
    const passing = checkJunit(await renderJunit(buildPassingRun(), strict));
    expect(passing.errors).toEqual([]);
    expect(passing.root.attrs).toMatchObject({ failures: '0', errors: '0' });
  });
});

describe('JUnit report, consumer flavour (the default junit.xml)', () => {
  const run = buildRun();
  let xml: string;
  let errors: string[];
  let root: XmlNode;
  beforeAll(async () => {
    xml = await renderJunit(run, consumer);
    ({ errors, root } = checkJunit(xml, { flavour: 'consumer' }));
  });

  it('is junit-10.xsd plus file, line and per-case properties on <testcase>, nothing else', () => {
    expect(errors).toEqual([]);
    expect(checkJunit(xml).errors).toEqual(expect.arrayContaining([expect.stringContaining('attribute "file" is not allowed on <testcase>')]));
  });

  it('puts the suite file and the case\'s YAML line on each testcase', () => {
    expect(testcase(root, 'places an order').attrs).toEqual({ name: 'places an order', classname: 'PizzaShack menu & orders (pizzashack)', time: '0.612', file: 'suites/pizzashack.yaml', line: '21' });
    expect(testcase(root, 'counts stock').attrs.file).toBe('suites/inventory.yaml');
    expect(testcase(root, 'counts stock').attrs.line).toBeUndefined();
  });

  it('points a suite that could not be loaded at the file and line of its error', () => {
    expect(testcase(root, suiteLoadErrorCaseName).attrs).toMatchObject({ file: 'suites/orders-admin.yaml', line: '14' });
  });

  it('gives token parity its own classname and points it at line 1 of the env file, never a number from its message', () => {
    expect(testcase(root, 'token parity').attrs).toMatchObject({ classname: 'token parity', file: 'env/staging.env', line: '1' });
  });

  it('keeps each case\'s properties inside its own testcase and out of the suite\'s', () => {
    const props = Object.fromEntries(child(testcase(root, 'places an order'), 'properties')!.children.map((p) => [p.attrs.name, p.attrs.value]));
    expect(props).toMatchObject({ 'latency.candidate.ms': '310', 'retries.candidate': '1', 'accepted.alias:orderId': '1', tags: 'write' });
    const suite = suitesOf(root).find((s) => s.attrs.file === 'suites/pizzashack.yaml')!;
    expect(child(suite, 'properties')!.children.map((p) => p.attrs.name)).toEqual(['environment', 'suite.file', 'suite.sha256']);
  });
});
