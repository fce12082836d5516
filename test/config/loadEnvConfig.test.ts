import { inspect } from 'node:util';
import path from 'node:path';
import { ConfigError } from '../../src/errors';
import { ConfigErrorList } from '../../src/config/envReader';
import { loadEnvConfig } from '../../src/config/loadEnvConfig';
import { createProject, thrown } from '../suite/helpers';

const staging = `# a complete pair
LEGACY_TOKEN_URL=https://gateway.api.cloud.wso2.com/token
LEGACY_CLIENT_ID=legacy-key
LEGACY_CLIENT_SECRET=legacy-secret-value
LEGACY_SCOPE=order_pizza
LEGACY_API_PIZZASHACK_URL=https://gateway.api.cloud.wso2.com/t/acme/pizzashack/1.0.0/
LEGACY_API_ORDER_API_URL=https://gateway.api.cloud.wso2.com/t/acme/orders/1.0.0
CANDIDATE_TOKEN_URL=https://sts.choreo.dev/oauth2/token
CANDIDATE_CLIENT_ID=candidate-client
CANDIDATE_CLIENT_SECRET=candidate-secret-value
CANDIDATE_API_PIZZASHACK_URL=https://acme-prod.e1-us-east-azure.choreoapis.dev/shop/pizzashack/v1.0
CANDIDATE_JWKS_URL=https://sts.choreo.dev/oauth2/jwks
CANDIDATE_ISSUER=https://sts.choreo.dev/oauth2/token
PARITY_API_PIZZASHACK_OPENAPI=specs/pizzashack.yaml
PARITY_API_PIZZASHACK_LEGACY_TIER=Gold
PARITY_API_PIZZASHACK_CANDIDATE_POLICY=10K/min
`;

function withProject<T>(files: Record<string, string>, fn: (root: string) => T): T {
  const project = createProject({ 'specs/pizzashack.yaml': 'openapi: 3.0.0\n', ...files });
  try {
    return fn(project.root);
  } finally {
    project.cleanup();
  }
}

describe('loadEnvConfig', () => {
  it('reads env/<name>.env into fully defaulted targets, run settings and per-API settings', () => {
    withProject({ 'env/staging.env': staging }, (root) => {
      const config = loadEnvConfig({ root, envName: 'staging', processEnv: {} });
      expect(config).toMatchObject({
        name: 'staging',
        file: 'env/staging.env',
        expectedFile: 'env/staging.env',
        production: false,
        sandbox: false,
        sandboxPending: false,
        run: { concurrency: 8, requestTimeoutMs: 30_000, runTimeoutMs: 0, noiseCalls: 2, reportsDir: 'reports', allowWrites: false, strictContract: false, followRedirects: 'same-host' },
        tokenMinLifetimeSec: 300,
        tokenScopes: 'equal',
        apis: { pizzashack: { openapi: path.join(root, 'specs/pizzashack.yaml'), legacyTier: 'Gold', candidatePolicy: '10K/min' } },
      });
      expect(config.targets.legacy).toMatchObject({
        name: 'legacy',
        profile: 'apicloud',
        apis: { pizzashack: { baseUrl: 'https://gateway.api.cloud.wso2.com/t/acme/pizzashack/1.0.0' }, order_api: { baseUrl: 'https://gateway.api.cloud.wso2.com/t/acme/orders/1.0.0' } },
        auth: { kind: 'client_credentials', tokenUrl: 'https://gateway.api.cloud.wso2.com/token', clientId: 'legacy-key', scope: 'order_pizza' },
        tlsVerify: true,
        rateLimit: { perMinute: null, concurrency: 4 },
        retry: { throttled: 3, transient: 2, backoffMs: 200 },
      });
      expect(config.targets.candidate).toMatchObject({ profile: 'choreo', jwksUrl: 'https://sts.choreo.dev/oauth2/jwks', issuer: 'https://sts.choreo.dev/oauth2/token' });
      const auth = config.targets.legacy.auth;
      expect(auth.kind === 'client_credentials' && auth.clientSecret.reveal()).toBe('legacy-secret-value');
    });
  });

  it('applies CLI flag > process env > env/<name>.local.env > env/<name>.env > default, and nothing empty or undefined overrides', () => {
    withProject(
      {
        'env/staging.env': `${staging}PARITY_CONCURRENCY=2\nPARITY_TIMEOUT_MS=1000\nPARITY_NOISE_CALLS=3\nPARITY_REPORTS_DIR=out/file\nLEGACY_RETRY_THROTTLED=9\n`,
        'env/staging.local.env': 'PARITY_TIMEOUT_MS=2000\nPARITY_NOISE_CALLS=4\nLEGACY_RETRY_THROTTLED=\n',
      },
      (root) => {
        const config = loadEnvConfig({
          root,
          envName: 'staging',
          processEnv: { PARITY_CONCURRENCY: '5', PARITY_NOISE_CALLS: '6', PARITY_REPORTS_DIR: '' },
          flags: { concurrency: 7, timeoutMs: undefined },
        });
        expect(config.run.concurrency).toBe(7); // flag beats process env and file
        expect(config.run.noiseCalls).toBe(6); // process env beats both files
        expect(config.run.requestTimeoutMs).toBe(2000); // local file beats the main file; an undefined flag does not count
        expect(config.run.reportsDir).toBe('out/file'); // an empty process variable does not override
        expect(config.targets.legacy.retry.throttled).toBe(9); // nor does an empty one in the local file
        expect(config.localFile).toBe('env/staging.local.env');
      },
    );
  });

  it('uses PARITY_ENV when no name is given, and "sandbox" when neither is', () => {
    withProject({ 'env/staging.env': staging, 'env/sandbox.env': 'PARITY_SANDBOX=true\nLEGACY_GRANT=none\nCANDIDATE_GRANT=none\n' }, (root) => {
      expect(loadEnvConfig({ root, processEnv: { PARITY_ENV: 'staging' } }).name).toBe('staging');
      expect(loadEnvConfig({ root, processEnv: {} }).name).toBe('sandbox');
    });
  });

  it('loads the sandbox env before the sandbox runs (pending), and completely once its URLs are in the process env', () => {
    const root = path.resolve(__dirname, '../..');
    const before = loadEnvConfig({ root, envName: 'sandbox', processEnv: {} });
    expect(before).toMatchObject({ sandbox: true, sandboxPending: true, sandboxDrift: false, production: false });
    expect(before.targets.legacy.auth).toMatchObject({ kind: 'client_credentials', tokenUrl: '', clientId: 'sandbox-apicloud-key', scope: 'order_pizza' });

    const overlay = {
      LEGACY_TOKEN_URL: 'http://127.0.0.1:40001/token',
      LEGACY_REVOKE_URL: 'http://127.0.0.1:40001/revoke',
      LEGACY_API_PIZZASHACK_URL: 'http://127.0.0.1:40001/t/sandbox/pizzashack/1.0.0',
      CANDIDATE_TOKEN_URL: 'http://127.0.0.1:40002/oauth2/token',
      CANDIDATE_JWKS_URL: 'http://127.0.0.1:40002/oauth2/jwks',
      CANDIDATE_ISSUER: 'http://127.0.0.1:40002/oauth2/token',
      CANDIDATE_API_PIZZASHACK_URL: 'http://127.0.0.1:40002/pizzashack/v1.0',
    };
    const after = loadEnvConfig({ root, envName: 'sandbox', processEnv: { ...overlay, PARITY_SANDBOX_DRIFT: 'true' } });
    expect(after.sandboxPending).toBe(false);
    expect(after.sandboxDrift).toBe(true);
    expect(after.sandboxSettings).toEqual({ PARITY_SANDBOX_DRIFT: 'true' });
    expect(after.targets.candidate).toMatchObject({
      profile: 'choreo',
      apis: { pizzashack: { baseUrl: 'http://127.0.0.1:40002/pizzashack/v1.0' } },
      auth: { kind: 'client_credentials', tokenUrl: 'http://127.0.0.1:40002/oauth2/token', clientId: 'sandbox-choreo-client' },
      jwksUrl: 'http://127.0.0.1:40002/oauth2/jwks',
    });
    expect(after.targets.legacy.revokeUrl).toBe('http://127.0.0.1:40001/revoke');
    expect(after.targets.candidate.revokeUrl).toBeUndefined();
    const secret = after.targets.candidate.auth.kind === 'client_credentials' ? after.targets.candidate.auth.clientSecret : undefined;
    expect(secret?.reveal()).toBe('sandbox-choreo-secret-b81d2e');
  });

  it('treats environments named production or prod as production unless PARITY_PRODUCTION says otherwise', () => {
    withProject({ 'env/production.env': staging, 'env/prod.env': `${staging}PARITY_PRODUCTION=false\n` }, (root) => {
      expect(loadEnvConfig({ root, envName: 'production', processEnv: {} }).production).toBe(true);
      expect(loadEnvConfig({ root, envName: 'prod', processEnv: {} }).production).toBe(false);
    });
  });

  it('lists the available environments when the name matches no file, suggesting the nearest', () => {
    withProject({ 'env/staging.env': staging, 'env/sandbox.env': '', 'env/example.env': '', 'env/staging.local.env': '' }, (root) => {
      const error = thrown(() => loadEnvConfig({ root, envName: 'stagin', processEnv: {} }));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({
        message: 'unknown environment "stagin": env/stagin.env does not exist. Did you mean "staging"?',
        file: 'env/stagin.env',
        hint: 'Available environments: sandbox, staging. Select one with --env <name> or PARITY_ENV, or create env/stagin.env from env/example.env.',
      });
    });
  });

  it('runs from the process environment alone when it defines the targets and there is no env file', () => {
    withProject({}, (root) => {
      const processEnv = Object.fromEntries(
        staging
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
      );
      const config = loadEnvConfig({ root, envName: 'ci', processEnv });
      expect(config.file).toBeUndefined();
      expect(config.expectedFile).toBe('env/ci.env');
      expect(config.targets.candidate.apis.pizzashack?.baseUrl).toBe('https://acme-prod.e1-us-east-azure.choreoapis.dev/shop/pizzashack/v1.0');
    });
  });

  it('names a missing secret, the file it belongs in, and where to put it', () => {
    withProject({ 'env/staging.env': staging.replace(/^CANDIDATE_CLIENT_SECRET=.*\n/m, '') }, (root) => {
      const error = thrown(() => loadEnvConfig({ root, envName: 'staging', processEnv: {} }));
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({
        message:
          'CANDIDATE_CLIENT_SECRET is not set: the candidate grant is client_credentials (the default; set CANDIDATE_GRANT to change it) and needs it. Expected in env/staging.env or the process environment.',
        file: 'env/staging.env',
        path: 'CANDIDATE_CLIENT_SECRET',
        hint: "Add CANDIDATE_CLIENT_SECRET=<the application's OAuth2 client secret (API Cloud: consumer secret)> to env/staging.local.env (git-ignored) or env/staging.env, or export it before running.",
      });
    });
  });

  it('reports every problem at once, each on its own line', () => {
    withProject({ 'env/staging.env': `${staging}PARITY_CONCURRENCY=eight\nLEGACY_TLS_VERIFY=maybe\nCANDIDATE_GRANT=client_credential\n` }, (root) => {
      const error = thrown(() => loadEnvConfig({ root, envName: 'staging', processEnv: {} }));
      expect(error).toBeInstanceOf(ConfigErrorList);
      expect(error.message.split('\n')).toEqual([
        'env/staging.env:17 PARITY_CONCURRENCY: "eight" is not a whole number',
        'env/staging.env:18 LEGACY_TLS_VERIFY: "maybe" is not true or false',
        'env/staging.env:19 CANDIDATE_GRANT: unknown value "client_credential". Did you mean "client_credentials"?',
      ]);
    });
  });

  it('requires what each grant needs: password needs a user, static a token, none nothing', () => {
    withProject(
      {
        'env/a.env': `${staging}LEGACY_GRANT=password\nLEGACY_USERNAME=jane@acme\nLEGACY_PASSWORD=pw\nCANDIDATE_GRANT=static\nCANDIDATE_TOKEN=tok\n`,
        'env/b.env': `${staging}LEGACY_GRANT=none\nCANDIDATE_GRANT=password\n`,
      },
      (root) => {
        const a = loadEnvConfig({ root, envName: 'a', processEnv: {} });
        expect(a.targets.legacy.auth).toMatchObject({ kind: 'password', username: 'jane@acme' });
        expect(a.targets.candidate.auth.kind).toBe('static');
        const error = thrown(() => loadEnvConfig({ root, envName: 'b', processEnv: {} }));
        expect(error.message.split('\n')).toEqual([
          'CANDIDATE_USERNAME is not set: CANDIDATE_GRANT=password needs it. Expected in env/b.env or the process environment.',
          'CANDIDATE_PASSWORD is not set: CANDIDATE_GRANT=password needs it. Expected in env/b.env or the process environment.',
        ]);
      },
    );
  });

  it('needs no credentials for a side replayed from a baseline', () => {
    withProject({ 'env/replay.env': 'LEGACY_BASELINE=baselines/staging\nCANDIDATE_GRANT=none\n' }, (root) => {
      const config = loadEnvConfig({ root, envName: 'replay', processEnv: {} });
      expect(config.targets.legacy).toMatchObject({ baselineDir: path.join(root, 'baselines/staging'), auth: { kind: 'none' } });
      const flagged = loadEnvConfig({ root, envName: 'replay', processEnv: {}, flags: { legacyBaseline: 'baselines/other' } });
      expect(flagged.targets.legacy.baselineDir).toBe(path.join(root, 'baselines/other'));
    });
  });

  it('allows writes to production only from the flag or the process environment, never from a file', () => {
    withProject({ 'env/staging.env': staging, 'env/bad.env': `${staging}PARITY_ALLOW_WRITES=true\n` }, (root) => {
      expect(loadEnvConfig({ root, envName: 'staging', processEnv: {}, flags: { allowWrites: true } }).run.allowWrites).toBe(true);
      expect(loadEnvConfig({ root, envName: 'staging', processEnv: { PARITY_ALLOW_WRITES: 'true' } }).run.allowWrites).toBe(true);
      const error = thrown(() => loadEnvConfig({ root, envName: 'bad', processEnv: {} }));
      expect(error.message).toBe('env/bad.env:17 PARITY_ALLOW_WRITES: not allowed in an env file');
    });
  });

  it('says which flag was wrong when a flag value is bad', () => {
    withProject({ 'env/staging.env': staging }, (root) => {
      const error = thrown(() => loadEnvConfig({ root, envName: 'staging', processEnv: {}, flags: { concurrency: 0 } }));
      expect(error.message).toBe('--concurrency: 0 is too small: the minimum is 1');
      expect(error.hint).toBe('PARITY_CONCURRENCY is the number of cases run at once. For example PARITY_CONCURRENCY=8.');
    });
  });

  it('rejects unknown names in an env file with the nearest known one, but passes PARITY_SANDBOX_* to the sandbox', () => {
    withProject({ 'env/staging.env': `${staging}LEGACY_CLIENT_SECERT=x\n`, 'env/s.env': `${staging}PARITY_SANDBOX_CANDIDATE_DELAY_MS=200\n` }, (root) => {
      expect(thrown(() => loadEnvConfig({ root, envName: 'staging', processEnv: {} })).message).toBe(
        'env/staging.env:17 LEGACY_CLIENT_SECERT: unknown variable. Did you mean "LEGACY_CLIENT_SECRET"?',
      );
      expect(loadEnvConfig({ root, envName: 's', processEnv: {} }).sandboxSettings).toEqual({ PARITY_SANDBOX_CANDIDATE_DELAY_MS: '200' });
    });
  });

  it('ignores unrelated process variables but never prints a secret, whatever prints the config', () => {
    withProject({ 'env/staging.env': staging }, (root) => {
      const config = loadEnvConfig({ root, envName: 'staging', processEnv: { HOME: '/root', PARITY_ROOT: '/x' } });
      for (const text of [JSON.stringify(config), inspect(config, { depth: 10 }), String(config.targets.legacy.auth.kind === 'client_credentials' && config.targets.legacy.auth.clientSecret)]) {
        expect(text).not.toContain('legacy-secret-value');
        expect(text).not.toContain('candidate-secret-value');
      }
      expect(JSON.stringify(config.targets.legacy.auth)).toContain('«secret:LEGACY_CLIENT_SECRET»');
    });
  });
});
