import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findSecrets } from '../../src/execute/findSecrets';
import type { RunResult } from '../../src/model/result';
import { cleanEnv, makeProject, readTree, repoRoot, runProcess, type ProcessOutcome } from '../e2e/helpers';
import { startHostileGateway, type HostileGateway, type HostileSecrets } from './hostileGateway';

/**
 * The leak corpus: a hostile gateway on loopback that hands every credential back in every way
 * it can — in bodies, header values and header NAMES, Location and Link, cookies, hex, base64
 * at any offset and line-wrapped, gzip, JWT claims and JWT parts, a trimmed form of a padded
 * token, `{{env.*}}` values echoed from headers, query and body, a captured session token, a
 * body cut in the middle of a token, a redirect to another origin — one suite case per vector,
 * on both targets. The session runs `parity run`, `parity record`, a run whose token endpoint
 * refuses with the secret and control sequences in its error, and `npm test` with two suite files
 * in separate Jest workers. Every output is scanned for every secret and every issued token in
 * every form the scanner knows: 0 hits.
 */
const bin = path.join(repoRoot, 'bin', 'parity.js');
const jestBin = path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
const secrets: HostileSecrets = {
  legacyClientSecret: 'lgcy-S3cret_value-91b7c2e0',
  candidateClientSecret: 'Cnd=S3cr3t+/value&x-5d2a9f',
  apiKey: 'ak-live-7f3e9b1c04d2a6e8',
  csrf: 'csrf-4b9d2e7a1c6f0835',
  refresh: 'rt-0c8f5a2d9e7b4163-refresh',
};
const ESC = '\u001b';

function suiteFor(vectors: string[], name = 'leak corpus'): string {
  const cases = vectors.flatMap((vector): Array<Record<string, unknown>> => {
    switch (vector) {
      case 'env-header-echo':
        return [{ name: vector, request: { method: 'GET', path: `/v/${vector}`, headers: { 'x-api-key': '{{env.LEAK_API_KEY}}' } } }];
      case 'env-query-echo':
        return [{ name: vector, request: { method: 'GET', path: `/v/${vector}`, query: { csrf: '{{env.LEAK_CSRF}}' } } }];
      case 'env-body-echo':
        return [{ name: vector, request: { method: 'POST', path: `/v/${vector}`, json: { hint: '{{env.LEAK_REFRESH}}' } } }];
      case 'capture-session':
        return [
          {
            name: vector,
            steps: [
              { name: 'login', request: { method: 'GET', path: '/v/capture-session' }, capture: { sessionToken: '$.sessionKey' } },
              { name: 'use', request: { method: 'GET', path: '/v/capture-echo', headers: { 'x-session': '{{sessionToken}}' } } },
            ],
          },
        ];
      case 'cross-origin-redirect':
        return [{ name: vector, request: { method: 'GET', path: `/v/${vector}`, headers: { 'api-key': '{{env.LEAK_API_KEY}}', 'x-csrf-token': '{{env.LEAK_CSRF}}' } } }];
      case 'control-chars':
        return [{ name: `control chars ${ESC}[2J${ESC}[32mverdict: PASS${ESC}[0m`, request: { method: 'GET', path: `/v/${vector}` } }];
      default:
        return [{ name: vector, request: { method: 'GET', path: `/v/${vector}` } }];
    }
  });
  // JSON is YAML: the suite is written without a YAML emitter.
  return JSON.stringify({ suite: name, api: 'leaks', cases }, null, 2);
}

interface Output {
  where: string;
  text: string;
}

describe('the leak corpus: a hostile gateway against every output', () => {
  let gateway: HostileGateway;
  let project: ReturnType<typeof makeProject>;
  const runs = new Map<string, ProcessOutcome>();

  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
    cleanEnv({
      PARITY_ENV: 'leaks',
      PARITY_SANDBOX: 'false',
      LEGACY_TOKEN_URL: `${gateway.url}/legacy/token`,
      LEGACY_CLIENT_ID: 'legacy-app',
      LEGACY_CLIENT_SECRET: secrets.legacyClientSecret,
      LEGACY_API_LEAKS_URL: gateway.url,
      LEGACY_RETRY_TRANSIENT: '0',
      CANDIDATE_TOKEN_URL: `${gateway.url}/candidate/token`,
      CANDIDATE_CLIENT_ID: 'candidate-app',
      CANDIDATE_CLIENT_SECRET: secrets.candidateClientSecret,
      CANDIDATE_API_LEAKS_URL: gateway.url,
      CANDIDATE_RETRY_TRANSIENT: '0',
      PARITY_FOLLOW_REDIRECTS: 'any',
      PARITY_NOISE_CALLS: '1',
      LEAK_API_KEY: secrets.apiKey,
      LEAK_CSRF: secrets.csrf,
      LEAK_REFRESH: secrets.refresh,
      ...extra,
    });

  beforeAll(async () => {
    gateway = await startHostileGateway(secrets);
    project = makeProject({ suites: false });
    mkdirSync(path.join(project.root, 'suites'), { recursive: true });
    writeFileSync(path.join(project.root, 'suites', 'leaks.yaml'), suiteFor(gateway.vectors));
    writeFileSync(path.join(project.root, 'env', 'leaks.env'), '# the leak corpus: everything comes from the process environment\n');
    const cli = async (name: string, args: string[], extra: Record<string, string> = {}) => {
      runs.set(name, await runProcess(process.execPath, [bin, ...args], { cwd: project.root, env: env(extra), timeoutMs: 90_000 }));
    };
    // Terminal mode (CI unset) prints a line for every case, so the control-character case name reaches stdout either way.
    await cli('run', ['run', '--reports', 'reports/run'], { CI: 'false' });
    await cli('record', ['record']);
    await cli('run (refused)', ['run', '--reports', 'reports/refused'], { CANDIDATE_TOKEN_URL: `${gateway.url}/candidate/refuse` });
    await npmTest();
  }, 300_000);

  afterAll(async () => {
    await gateway?.close();
    project?.cleanup();
  });

  /** `npm test` with the project's suites split over two files, each in its own Jest worker. */
  async function npmTest(): Promise<void> {
    gateway.forgetSeen();
    const half = Math.ceil(gateway.vectors.length / 2);
    const jestDir = path.join(project.root, 'jest-project');
    mkdirSync(path.join(jestDir, 'suites'), { recursive: true });
    mkdirSync(path.join(jestDir, 'env'), { recursive: true });
    writeFileSync(path.join(jestDir, 'env', 'leaks.env'), '# leak corpus\n');
    writeFileSync(path.join(jestDir, 'suites', 'a.yaml'), suiteFor([...gateway.vectors.slice(0, half), 'cross-worker-seen'], 'worker a'));
    writeFileSync(path.join(jestDir, 'suites', 'b.yaml'), suiteFor([...gateway.vectors.slice(half), 'cross-worker-seen'], 'worker b'));
    const swc = (syntax: string) => [require.resolve('@swc/jest'), { jsc: { parser: { syntax }, target: 'es2022' }, module: { type: 'commonjs' } }];
    const config = {
      rootDir: jestDir,
      // The entries the README gives for a Jest config of one's own.
      testEnvironment: path.join(repoRoot, 'src/jest/environment.cjs'),
      testMatch: ['<rootDir>/suites/*.yaml'],
      moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'yaml'],
      transform: { '^.+\\.ts$': swc('typescript'), '^.+\\.m?js$': swc('ecmascript'), '\\.ya?ml$': path.join(repoRoot, 'src/jest/suiteTransform.cjs') },
      transformIgnorePatterns: ['/node_modules/(?!(p-limit|yocto-queue|jose)/)'],
      globalSetup: path.join(repoRoot, 'src/jest/setup.cjs'),
      globalTeardown: path.join(repoRoot, 'src/jest/teardown.cjs'),
      testTimeout: 120_000,
    };
    writeFileSync(path.join(jestDir, 'jest.config.json'), JSON.stringify(config));
    runs.set('npm test', await runProcess(process.execPath, [jestBin, '--ci', '-c', 'jest.config.json', '--maxWorkers=2'], { cwd: jestDir, env: env({ PARITY_REPORTS_DIR: 'reports' }), timeoutMs: 180_000 }));
  }

  const allSecrets = (): Array<{ label: string; value: string }> => [
    ...Object.entries(secrets).map(([label, value]) => ({ label, value })),
    ...gateway.issued.map((value, index) => ({ label: `issued token #${index + 1}`, value })),
    ...gateway.sessions.map((value, index) => ({ label: `captured session #${index + 1}`, value })),
  ];
  const outputs = (): Output[] => [
    ...[...runs].flatMap(([name, outcome]) => [
      { where: `stdout of ${name}`, text: outcome.stdout },
      { where: `stderr of ${name}`, text: outcome.stderr },
    ]),
    ...readTree(project.root)
      .filter(({ file }) => !/[\\/](suites|env|specs)[\\/]/.test(path.relative(project.root, file)) && !file.endsWith('jest.config.json'))
      .map(({ file, text }) => ({ where: path.relative(project.root, file), text })),
  ];

  it('runs at least 30 vectors, each a case on both targets, in every command of the session', () => {
    expect(gateway.vectors.length).toBeGreaterThanOrEqual(30);
    for (const [name, outcome] of runs) expect({ name, crashed: /unexpected failure/.test(outcome.stderr) }).toEqual({ name, crashed: false });
    // Exit 2: some vectors (a body cut mid-token, a 500) are harness errors by design.
    expect(runs.get('run')?.code).toBe(2);
    expect(runs.get('record')?.code).not.toBeNull();
    expect(runs.get('run (refused)')?.code).toBe(2);
    expect(runs.get('npm test')?.stdout).toMatch(/Parity run on environment "leaks": \d+ cases/);
    const run = JSON.parse(readFileSync(path.join(project.root, 'reports', 'run', 'results.json'), 'utf8')) as RunResult;
    expect(run.cases).toHaveLength(gateway.vectors.length);
    // The vectors reached the gateway: (nearly) every case has both answers recorded.
    const answered = run.cases.filter((c) => c.steps[0]?.legacy?.response && c.steps[0]?.candidate?.response);
    expect(answered.length).toBeGreaterThanOrEqual(gateway.vectors.length - 2);
    // Every issued token was used: both sides got tokens in every command.
    expect(gateway.issued.length).toBeGreaterThanOrEqual(2 * 2 * 4);
    expect(gateway.sessions.length).toBeGreaterThanOrEqual(2);
  });

  it('finds none of the secrets or issued tokens, in any form, in any stdout, stderr, report or baseline', () => {
    const all = outputs();
    expect(all.filter((o) => o.where.startsWith('baselines')).length).toBeGreaterThan(1);
    expect(all.filter((o) => /^reports|jest-project[\\/]reports/.test(o.where)).length).toBeGreaterThanOrEqual(3 * 4);
    const known = allSecrets();
    const values = [...new Set(known.map((s) => s.value))];
    const hits = all.flatMap(({ where, text }) => findSecrets(text, values).map((value) => `${where}: ${known.find((s) => s.value === value)!.label}`));
    expect(hits).toEqual([]);
  });

  it('hides the tokens one Jest worker was issued in the other worker\'s records (one registry for the run)', () => {
    const run = JSON.parse(readFileSync(path.join(project.root, 'jest-project', 'reports', 'results.json'), 'utf8')) as RunResult;
    const seen = run.cases.filter((c) => c.name === 'cross-worker-seen').map((c) => c.steps[0]?.candidate?.response?.body.json as { seen?: string[] } | undefined);
    expect(seen).toHaveLength(2);
    // The later of the two saw the other worker's tokens as well as its own: more than its own two, all hidden.
    const longest = Math.max(...seen.map((body) => body?.seen?.length ?? 0));
    expect(longest).toBeGreaterThan(2);
    for (const body of seen) for (const value of body?.seen ?? []) expect(value).toMatch(/^«redacted:(legacy|candidate)\.access_token»$/);
  });

  it('writes no raw control sequence to any terminal stream or sign-off, from a case name or a token endpoint', () => {
    const streams = outputs().filter((o) => o.where.startsWith('stdout') || o.where.startsWith('stderr') || o.where.endsWith('signoff.md'));
    expect(streams.filter((o) => o.text.includes(ESC)).map((o) => o.where)).toEqual([]);
    expect(runs.get('run')?.stdout).toContain('\\x1b[2J');
  });

  it('sends no credential, API key or header carrying a secret to the other origin of a cross-origin redirect', () => {
    expect(gateway.strangerSaw.length).toBeGreaterThanOrEqual(2);
    const sent = JSON.stringify(gateway.strangerSaw);
    expect(findSecrets(sent, allSecrets().map((s) => s.value))).toEqual([]);
    expect(gateway.strangerSaw.every((headers) => headers['api-key'] === undefined && headers.authorization === undefined && headers['x-csrf-token'] === undefined)).toBe(true);
  });

  it('does find the planted forms, so that the scan itself can fail', () => {
    const token = gateway.issued.find((t) => t.startsWith(' '))!.trim();
    const planted = [`x-session-${token}: 1`, Buffer.from(token).toString('hex').toUpperCase(), Buffer.from(`ab${token}`).toString('base64').replace(/(.{20})/g, '$1\n')].join('\n');
    expect(findSecrets(planted, [token])).toEqual([token]);
  });
});
