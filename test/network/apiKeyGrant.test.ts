import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeHttpAgents } from '../../src/execute/httpAgents';
import { findSecrets } from '../../src/execute/findSecrets';
import { runInProject } from '../e2e/helpers';
import { startGateway, type Gateway } from './gatewayStub';

const legacyKey = 'legacy-api-key-0a9f77c3d1';
const candidateKey = 'candidate-api-key-e51b2c90aa';

describe('the api_key grant', () => {
  let root: string;
  const gateways: Gateway[] = [];
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'parity-apikey-'));
    mkdirSync(path.join(root, 'suites'));
    writeFileSync(path.join(root, 'suites', 'keys.yaml'), ['suite: keys', 'api: pizzashack', 'cases:', '  - name: menu with an API key', '    request: GET /menu', '    expect:', '      status: 200', ''].join('\n'));
  });
  afterAll(async () => {
    for (const gw of gateways) await gw.close();
    await closeHttpAgents();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends each side its key in the configured header (default apikey), never Authorization, and no report shows a key', async () => {
    const legacy = await startGateway({ apiKeyHeader: 'apikey', apiKey: legacyKey });
    const candidate = await startGateway({ apiKeyHeader: 'x-choreo-key', apiKey: candidateKey });
    gateways.push(legacy, candidate);
    const run = await runInProject(root, {
      env: {
        LEGACY_GRANT: 'api_key',
        LEGACY_API_KEY: legacyKey,
        LEGACY_API_PIZZASHACK_URL: legacy.url,
        CANDIDATE_GRANT: 'api_key',
        CANDIDATE_API_KEY: candidateKey,
        CANDIDATE_API_KEY_HEADER: 'X-Choreo-Key',
        CANDIDATE_API_PIZZASHACK_URL: candidate.url,
        PARITY_NOISE_CALLS: '1',
      },
    });
    expect(run.cases.map((c) => `${c.name}: ${c.status}`)).toEqual(['menu with an API key: passed']);
    expect(legacy.hits.map((hit) => [hit.path, hit.apiKey, hit.authorization])).toEqual([['/menu', legacyKey, undefined]]);
    expect(candidate.hits.map((hit) => [hit.path, hit.apiKey, hit.authorization])).toEqual([['/menu', candidateKey, undefined]]);
    const step = run.cases[0]!.steps[0]!;
    expect(step.candidate?.request.headers['x-choreo-key']).toBe('«redacted:candidate.api_key»');
    expect(findSecrets(JSON.stringify(run), [legacyKey, candidateKey])).toEqual([]);
  });
});
