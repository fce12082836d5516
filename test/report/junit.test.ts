import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderJunit, suiteLoadErrorCaseName, tokenParitySuiteName } from '../../src/report/renderJunit';
import { buildPassingRun, buildRun, tokenParity } from './fixtures';
import { checkJunit, type XmlNode } from './junitStructure';
import { scratchDir } from './paths';

const xsd = '/work/shared/reference/junit-10.xsd';

function xmllintAvailable(): boolean {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const suitesOf = (root: XmlNode): XmlNode[] => root.children.filter((c) => c.name === 'testsuite');
const casesOf = (suite: XmlNode): XmlNode[] => suite.children.filter((c) => c.name === 'testcase');
const child = (node: XmlNode, name: string): XmlNode | undefined => node.children.find((c) => c.name === name);
function testcase(root: XmlNode, name: string): XmlNode {
  const found = suitesOf(root).flatMap(casesOf).find((c) => c.attrs.name === name);
  if (!found) throw new Error(`no testcase "${name}"`);
  return found;
}

describe('JUnit report', () => {
  const run = buildRun();
  const xml = renderJunit(run);
  const { errors, root } = checkJunit(xml);

  it('follows junit-10.xsd: nesting, required and allowed attributes, time format, counts (and xmllint agrees when installed)', () => {
    expect(errors).toEqual([]);
    expect(root.attrs).toMatchObject({ tests: '10', failures: '2', errors: '3' });
    const { dir, cleanup } = scratchDir('junit');
    try {
      const file = path.join(dir, 'junit.xml');
      writeFileSync(file, xml);
      if (xmllintAvailable() && existsSync(xsd)) {
        // Throws (failing the test) with xmllint's message when the file does not validate.
        execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: 'pipe' });
      }
    } finally {
      cleanup();
    }
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
    expect(suitesOf(root).map((s) => s.attrs.file ?? s.attrs.name)).toEqual(['suites/inventory.yaml', 'suites/orders-admin.yaml', 'suites/pizzashack.yaml', tokenParitySuiteName]);
    const menu = suitesOf(root)[2]!;
    expect(casesOf(menu).map((c) => c.attrs.name)).toEqual(['deletes an order', 'lists the menu', 'menu drift <b>&</b>', 'places an order', 'reads an order by id', 'rejects a missing token', 'updates an order']);
    expect(menu.attrs).toMatchObject({ name: 'PizzaShack menu & orders', tests: '7', failures: '2', errors: '2', skipped: '1', id: '2', package: 'staging', hostname: '2d9ec1f6-dev.e1-us-east-azure.choreoapis.dev' });
  });

  it('renders the same bytes whatever order the engine recorded cases and suites in', () => {
    const shuffled = { ...run, cases: [...run.cases].reverse(), suites: [...run.suites].reverse() };
    expect(renderJunit(shuffled)).toBe(xml);
  });

  it('names each testcase after the case, classname after the API, time in real seconds', () => {
    expect(testcase(root, 'places an order').attrs).toEqual({ name: 'places an order', classname: 'pizzashack', time: '0.612' });
  });

  it('reports a regression as <failure> whose message is the first regression and whose text lists them all', () => {
    const failure = child(testcase(root, 'places an order'), 'failure')!;
    expect(failure.attrs.type).toBe('regression');
    expect(failure.attrs.message).toBe('status status changed: 201 → 200 [regression]');
    expect(failure.text.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(4);
    expect(failure.text).toContain('body $.items[1] missing on candidate: {"name":"Cola"} [regression]');
    expect(failure.text).toContain('1 other difference(s) were accepted');
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
      'rejects a missing token :: accepted.fault-code-mapping': '2',
      'deletes an order :: latency.legacy.ms': 'n/a',
    });
    expect(props['places an order :: targets']).toBe(
      'legacy=apicloud https://gateway.api.cloud.wso2.com (baseline baselines/staging); candidate=choreo https://2d9ec1f6-dev.e1-us-east-azure.choreoapis.dev',
    );
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

  it('escapes markup and writes characters XML 1.0 forbids as visible \\u escapes', () => {
    const drift = testcase(root, 'menu drift <b>&</b>');
    const out = child(drift, 'system-out')!.text;
    expect(out).toContain("<script>document.title='pwned'</script></textarea></script>");
    expect(out).toContain('\\u0001');
    expect(xml).not.toContain('\u0001');
    expect(xml).not.toContain('<script>');
    const withCdataEnd = buildRun({ cases: [{ ...run.cases[0]!, name: 'a ]]> b \uD800 \uFFFF' }] });
    const checked = checkJunit(renderJunit(withCdataEnd));
    expect(checked.errors).toEqual([]);
    expect(suitesOf(checked.root).flatMap(casesOf).map((c) => c.attrs.name)).toContain('a ]]> b \\uD800 \\uFFFF');
  });

  it('gives token parity its own suite: passed, failed (<failure>) or errored (<error>)', () => {
    const tokenCase = (xmlText: string): XmlNode => casesOf(suitesOf(checkJunit(xmlText).root).find((s) => s.attrs.name === tokenParitySuiteName)!)[0]!;
    const passed = tokenCase(xml);
    expect(passed.attrs).toMatchObject({ name: 'token parity', classname: 'token', time: '0.420' });
    expect(passed.children.map((c) => c.name)).toEqual(['system-out']);
    expect(child(passed, 'system-out')!.text).toContain('candidate: format jwt, type Bearer, scopes [read write], expires in 900 s');
    const failed = child(tokenCase(renderJunit(buildRun({ tokenParity: tokenParity('failed') }))), 'failure')!;
    expect(failed.attrs.message).toContain('token token.expiresIn exceeds the threshold');
    expect(child(tokenCase(renderJunit(buildRun({ tokenParity: tokenParity('error') }))), 'error')!.attrs).toEqual({ type: 'AuthError', message: 'token endpoint said invalid_client' });
  });

  it('has no failures or errors for a passing run', () => {
    const passing = checkJunit(renderJunit(buildPassingRun()));
    expect(passing.errors).toEqual([]);
    expect(passing.root.attrs).toMatchObject({ failures: '0', errors: '0' });
  });
});
