import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findSecrets } from '../../src/execute/findSecrets';
import { sandboxCredentials } from '../../src/sandbox/credentials';
import { startSandbox } from '../../src/sandbox/startSandbox';
import type { DeepPartial, Sandbox, SandboxOptions } from '../../src/sandbox/types';
import { cleanEnv, makeProject, readTree, repoRoot, runProcess, type ProcessOutcome } from '../e2e/helpers';
import { startTokenRecorder, type IssuedToken, type TokenRecorder } from './tokenRecorder';

/**
 * The redaction proof: a whole sandbox session through the CLI — a default run, a drift run, a
 * run with a wrong client secret, a password-grant run whose short-lived tokens get refreshed, a
 * `parity record` and a replay of that recording — with every secret known: the sandbox apps'
 * client secrets and passwords, the wrong secret, and every token any token endpoint issued
 * (read off the wire by a recording proxy in front of the token endpoints). Not one of them may
 * appear, in any encoding the scanner knows, in any stdout, stderr, report or baseline file.
 */
const bin = path.join(repoRoot, 'bin', 'parity.js');
const wrongSecret = 'wrong-candidate-secret-9e27c4d1';
/** The project's inputs (env files hold the sandbox's client secrets by design); everything else was written by the session. */
const inputs = new Set(['env', 'specs', 'suites']);

interface Gateways {
  sandbox: Sandbox;
  recorder: TokenRecorder;
  /** The process environment for the CLI: this sandbox's URLs, its token endpoints behind the recorder. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
}

async function startGateways(options: DeepPartial<SandboxOptions>, closers: Array<() => Promise<void>>): Promise<Gateways> {
  const sandbox = await startSandbox(options);
  closers.push(() => sandbox.close());
  const recorder = await startTokenRecorder({ legacy: sandbox.env.LEGACY_TOKEN_URL!, candidate: sandbox.env.CANDIDATE_TOKEN_URL! });
  closers.push(() => recorder.close());
  const env = (extra: Record<string, string> = {}) =>
    cleanEnv({ ...sandbox.env, PARITY_SANDBOX: 'false', LEGACY_TOKEN_URL: recorder.urls.legacy, CANDIDATE_TOKEN_URL: recorder.urls.candidate, ...extra });
  return { sandbox, recorder, env };
}

interface Secret {
  label: string;
  value: string;
}

interface Output {
  where: string;
  text: string;
}

/** `where: label` for every secret found in any output; never the secret itself. */
function leaks(outputs: Output[], secrets: Secret[]): string[] {
  const labels = new Map<string, string[]>();
  for (const { label, value } of secrets) labels.set(value, [...(labels.get(value) ?? []), label]);
  const values = [...labels.keys()];
  return outputs.flatMap(({ where, text }) => findSecrets(text, values).flatMap((value) => labels.get(value)!.map((label) => `${where}: ${label}`)));
}

describe('secrets across a whole sandbox session', () => {
  const closers: Array<() => Promise<void>> = [];
  let project: ReturnType<typeof makeProject>;
  const runs = new Map<string, ProcessOutcome>();
  const recorders: TokenRecorder[] = [];

  const cli = async (name: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> => {
    runs.set(name, await runProcess(process.execPath, [bin, ...args], { cwd: project.root, env, timeoutMs: 60_000 }));
  };

  beforeAll(async () => {
    project = makeProject();
    const plain = await startGateways({}, closers);
    const drifting = await startGateways({ drift: true }, closers);
    // Tokens that live two seconds, and a candidate that takes 300 ms per call with two cases at a
    // time: the run lasts several seconds, so both sides renew their tokens with refresh tokens.
    const shortLived = await startGateways({ legacy: { tokenLifetimeSec: 1 }, candidate: { tokenLifetimeSec: 1, delayMs: 300 } }, closers);
    recorders.push(plain.recorder, drifting.recorder, shortLived.recorder);

    const legacy = sandboxCredentials.legacy;
    const candidate = sandboxCredentials.candidate;
    const passwordGrant = {
      LEGACY_GRANT: 'password', LEGACY_USERNAME: legacy.username, LEGACY_PASSWORD: legacy.password,
      CANDIDATE_GRANT: 'password', CANDIDATE_USERNAME: candidate.username, CANDIDATE_PASSWORD: candidate.password,
    };
    // The commands share no files (each run its own reports folder, record the baseline) and no
    // sandbox state a case depends on, so they run at once; only the replay waits for its recording.
    await Promise.all([
      cli('run (default)', ['run', '--reports', 'reports/default'], plain.env()),
      cli('run (drift)', ['run', '--reports', 'reports/drift'], drifting.env()),
      cli('run (wrong secret)', ['run', '--reports', 'reports/wrong-secret'], plain.env({ CANDIDATE_CLIENT_SECRET: wrongSecret })),
      cli('run (password grant)', ['run', '--reports', 'reports/password'], shortLived.env({ ...passwordGrant, PARITY_CONCURRENCY: '2' })),
      (async () => {
        await cli('record', ['record'], plain.env());
        await cli('run (replay)', ['run', '--reports', 'reports/replay'], plain.env({ LEGACY_BASELINE: 'baselines/sandbox' }));
      })(),
    ]);
  }, 240_000);

  afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    project?.cleanup();
  });

  const issued = (): IssuedToken[] => recorders.flatMap((recorder) => recorder.issued);
  const secrets = (): Secret[] => [
    { label: 'legacy client secret', value: sandboxCredentials.legacy.clientSecret },
    { label: 'legacy password', value: sandboxCredentials.legacy.password },
    { label: 'candidate client secret', value: sandboxCredentials.candidate.clientSecret },
    { label: 'candidate password', value: sandboxCredentials.candidate.password },
    { label: 'wrong candidate client secret', value: wrongSecret },
    ...issued(),
  ];
  const outputs = (): Output[] => [
    ...[...runs].flatMap(([name, outcome]) => [
      { where: `stdout of parity ${name}`, text: outcome.stdout },
      { where: `stderr of parity ${name}`, text: outcome.stderr },
    ]),
    ...readTree(project.root)
      .filter(({ file }) => !inputs.has(path.relative(project.root, file).split(path.sep)[0]!))
      .map(({ file, text }) => ({ where: path.relative(project.root, file), text })),
  ];

  it('ran every command of the session to the end, with the exit code its outcome calls for', () => {
    const codes = Object.fromEntries([...runs].map(([name, outcome]) => [name, outcome.code]));
    expect(codes).toEqual({
      'run (default)': 0,
      'run (drift)': 1,
      'run (wrong secret)': 2,
      'run (password grant)': expect.any(Number),
      record: 0,
      'run (replay)': expect.any(Number),
    });
    for (const [name, outcome] of runs) expect({ name, unexpected: outcome.stderr.includes('unexpected failure') }).toEqual({ name, unexpected: false });
    const expected = ['default', 'drift', 'wrong-secret', 'password', 'replay'].flatMap((dir) =>
      ['results.json', 'junit.xml', 'parity-report.html', 'signoff.md'].map((file) => path.join('reports', dir, file)),
    );
    expect([...expected, path.join('baselines', 'sandbox', 'manifest.json')].filter((file) => !existsSync(path.join(project.root, file)))).toEqual([]);
  });

  it('knows every token the session was issued: opaque and JWT access tokens, refresh tokens, and renewals', () => {
    const labels = issued().map((token) => token.label);
    expect(labels).toEqual(expect.arrayContaining(['legacy access_token #1', 'candidate access_token #1', 'legacy refresh_token #1', 'candidate refresh_token #1']));
    expect(issued().some((token) => token.value.startsWith('eyJ'))).toBe(true);
    const grants = recorders.flatMap((recorder) => recorder.grants.map((g) => g.grantType));
    expect(new Set(grants)).toEqual(new Set(['client_credentials', 'password', 'refresh_token']));
  });

  it('finds none of the secrets, in any encoding, in any stdout, stderr, report or baseline file', () => {
    const all = outputs();
    // The scan covered what the session wrote: every report set, the baseline, every stream.
    expect(all.filter((o) => o.where.startsWith('baselines')).length).toBeGreaterThan(1);
    expect(all.filter((o) => o.where.startsWith(`reports${path.sep}`)).length).toBeGreaterThanOrEqual(5 * 4);
    expect(leaks(all, secrets())).toEqual([]);
  });

  it('does find a secret planted in a file, as the reports could carry it: plain, Basic-encoded, URL-encoded, JSON-escaped', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-planted-'));
    try {
      const tokens = issued();
      const legacyToken = tokens.find((t) => t.label === 'legacy access_token #1')!;
      const jwt = tokens.find((t) => t.value.startsWith('eyJ'))!;
      const { clientId, clientSecret } = sandboxCredentials.candidate;
      const planted = path.join(dir, 'planted.txt');
      writeFileSync(
        planted,
        [
          `authorization: Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          `GET /menu?access_token=${encodeURIComponent(legacyToken.value)}`,
          JSON.stringify({ note: `bearer "${jwt.value}"` }),
          `password=${encodeURIComponent(sandboxCredentials.legacy.password)}`,
        ].join('\n'),
      );
      const found = leaks(readTree(dir).map(({ file, text }) => ({ where: path.basename(file), text })), secrets());
      expect(found).toEqual(
        expect.arrayContaining([
          'planted.txt: candidate client secret',
          `planted.txt: ${legacyToken.label}`,
          `planted.txt: ${jwt.label}`,
          'planted.txt: legacy password',
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
