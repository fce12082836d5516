import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { verdictOf } from '../../src/report/verdict';
import { failingCaseNames, makeProject, readTree, regressions, runInProject } from './helpers';

/** End-to-end runs of the engine (no Jest) against the built-in sandbox, in a throw-away project. */
describe('a parity run against the built-in sandbox', () => {
  let project: ReturnType<typeof makeProject>;
  beforeEach(() => {
    project = makeProject();
  });
  afterEach(() => project.cleanup());

  it('passes every sample case with the expected differences accepted by named rules', async () => {
    const run = await runInProject(project.root);
    expect(run.cases.length).toBeGreaterThanOrEqual(10);
    expect(run.cases.filter((c) => c.status !== 'passed').map((c) => `${c.name}: ${c.status}`)).toEqual([]);
    expect(verdictOf(run).gate).toBe('pass');
    const accepted = Object.keys(run.summary.byRule).filter((rule) => rule.startsWith('accepted:'));
    expect(accepted).toEqual(expect.arrayContaining(['accepted:fault.missing-credentials', 'accepted:alias:orderId']));
    expect(run.summary.noise).toBeGreaterThan(0);
  });

  it('fails exactly the cases whose candidate response carries a changed field, naming the path and both values', async () => {
    const run = await runInProject(project.root, { env: { PARITY_SANDBOX_CHANGE_FIELD: 'customerName=Mallory' } });
    expect(failingCaseNames(run)).toEqual([
      'look up an order',
      'order 1 × Margherita for Asha Perera',
      'order 2 × Hawaiian for Nimali Silva',
      'order 3 × Pepperoni for Ravi Fernando',
      'order lifecycle — create, read, update, delete',
      'place an order',
    ]);
    const found = regressions(run);
    expect(found.length).toBeGreaterThan(0);
    for (const regression of found) expect(regression).toMatchObject({ path: '$.customerName', candidate: 'Mallory' });
    expect(new Set(found.map((regression) => regression.legacy))).toEqual(new Set(['Jane Doe', 'Asha Perera', 'Ravi Fernando', 'Nimali Silva']));
    expect(run.cases.filter((c) => c.status === 'error')).toEqual([]);
  });

  it('reports a typo in one suite with its file, line and key, and still runs and reports the other suites', async () => {
    const file = path.join(project.root, 'suites', 'menu.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('      method: GET\n      path: /menu\n      headers:', '      methd: GET\n      path: /menu\n      headers:'));
    const run = await runInProject(project.root);
    const broken = run.suites.find((suite) => suite.file === 'suites/menu.yaml');
    expect(broken?.error?.message).toMatch(/suites\/menu\.yaml:\d+:\d+ .*unknown key "methd"\. Did you mean "method"\?/);
    expect(run.cases.some((c) => c.suiteFile === 'suites/orders.yaml' && c.status === 'passed')).toBe(true);
    expect(verdictOf(run).gate).toBe('error');
    const junit = readFileSync(path.join(project.root, 'reports', 'junit.xml'), 'utf8');
    expect(junit).toContain('unknown key &quot;methd&quot;');
    expect(junit).toContain('place an order');
  });

  it('turns a wrong candidate secret into an error on every case that names the candidate token endpoint, and never prints the secret', async () => {
    const wrongSecret = 'wrong-candidate-secret-3c9d81f2';
    const run = await runInProject(project.root, { env: { CANDIDATE_CLIENT_SECRET: wrongSecret } });
    const needingTokens = run.cases.filter((c) => c.name !== 'a call without a token is refused' && !c.name.includes('without an Accept header is still') && !c.name.includes('invalid token') && !c.name.includes('preflight'));
    for (const c of needingTokens) {
      expect(c.status).toBe('error');
      expect(c.error?.target).toBe('candidate');
      expect(c.error?.message).toMatch(/candidate.*token endpoint|token endpoint.*candidate/i);
      expect(c.error?.message).toMatch(/invalid_client/);
    }
    for (const { file, text } of readTree(path.join(project.root, 'reports'))) {
      expect({ file, leaked: text.includes(wrongSecret) }).toEqual({ file, leaked: false });
    }
  });

  it('names the target and the URL when a target cannot be reached', async () => {
    const run = await runInProject(project.root, {
      env: { PARITY_SANDBOX: 'false', LEGACY_TOKEN_URL: 'http://127.0.0.1:9/token', CANDIDATE_TOKEN_URL: 'http://127.0.0.1:9/oauth2/token', LEGACY_API_PIZZASHACK_URL: 'http://127.0.0.1:9/t/acme/pizzashack/1.0.0', CANDIDATE_API_PIZZASHACK_URL: 'http://127.0.0.1:9/p/c/e/1.0.0', LEGACY_RETRY_TRANSIENT: '0', CANDIDATE_RETRY_TRANSIENT: '0' },
      files: [path.join(project.root, 'suites', 'gateway-faults.yaml')],
    });
    const unreachable = run.cases.find((c) => c.name === 'a call without a token is refused');
    expect(unreachable?.status).toBe('error');
    expect(unreachable?.error?.message).toContain('127.0.0.1:9');
    expect(unreachable?.error?.target).toMatch(/legacy|candidate/);
    expect(verdictOf(run).gate).toBe('error');
  });

  it('refuses a writing case against an environment marked production and names the flag that allows it', async () => {
    const run = await runInProject(project.root, { env: { PARITY_PRODUCTION: 'true' }, files: [path.join(project.root, 'suites', 'orders.yaml')] });
    const place = run.cases.find((c) => c.name === 'place an order');
    expect(place?.status).toBe('error');
    expect(place?.error?.name).toBe('SafetyError');
    expect(`${place?.error?.message} ${place?.error?.hint}`).toContain('--allow-writes');
    expect(place?.steps).toEqual([]);
    const read = run.cases.find((c) => c.name === 'reading an order that does not exist answers 404');
    expect(read?.status).toBe('passed');
  });

  it('writes a JUnit whose counts match its testcases', async () => {
    await runInProject(project.root);
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(path.join(project.root, 'reports', 'junit.xml'), 'utf8'));
    const suites = [junit.testsuites.testsuite].flat();
    const testcases = suites.flatMap((suite: { testcase: unknown }) => [suite.testcase].flat());
    expect(Number(junit.testsuites.tests)).toBe(testcases.length);
    expect(testcases.length).toBeGreaterThanOrEqual(10);
  });

  it('ends the run at PARITY_RUN_TIMEOUT_MS: cases in flight or not started are interrupted, and the reports are still written', async () => {
    const run = await runInProject(project.root, {
      env: { PARITY_RUN_TIMEOUT_MS: '300', PARITY_SANDBOX_CANDIDATE_DELAY_MS: '1000', PARITY_CONCURRENCY: '1' },
      files: [path.join(project.root, 'suites', 'menu.yaml')],
    });
    expect(run.cases.map((c) => c.status)).toEqual(['interrupted', 'interrupted']);
    expect(run.interrupted).toBe(true);
    expect(verdictOf(run).gate).toBe('error');
    expect(readFileSync(path.join(project.root, 'reports', 'junit.xml'), 'utf8')).toContain('type="Interrupted"');
  });
});
