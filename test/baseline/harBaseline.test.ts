import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readManifest } from '../../src/baseline/manifest';
import { recordHarBaseline } from '../../src/baseline/recordHarBaseline';
import { main, type CliIo } from '../../src/cli';
import { runParity } from '../../src/engine/runParity';
import { readHarEntries } from '../../src/importers/harFile';
import { importHar } from '../../src/importers/importHar';
import type { RunResult } from '../../src/model/result';

const secret = 'capture-token-5b1c9e';

/** A small items API; `drift` makes it the candidate that changed one answer. */
function itemsApi(drift: boolean): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'x-api': 'items' });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'GET' && req.url === '/v1/items') return send(200, [{ name: 'pen', price: drift ? '2.50' : 2.5 }]);
      if (req.method === 'POST' && req.url === '/v1/items') return send(201, { id: randomUUID(), name: (JSON.parse(body) as { name: string }).name });
      if (req.method === 'GET' && req.url === '/v1/items/none') return send(404, { error: 'no such item' });
      return send(404, { error: 'no route' });
    });
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** What a browser's "Save all as HAR" holds for these calls: made for real against the legacy. */
async function capture(base: string): Promise<unknown> {
  const calls = [
    { method: 'GET', path: '/v1/items' },
    { method: 'POST', path: '/v1/items', body: '{"name":"cup"}' },
    { method: 'GET', path: '/v1/items/none' },
  ];
  const entries = [];
  for (const call of calls) {
    const headers = { authorization: `Bearer ${secret}`, ...(call.body ? { 'content-type': 'application/json' } : {}) };
    const started = new Date();
    const response = await fetch(`${base}${call.path}`, { method: call.method, headers, ...(call.body ? { body: call.body } : {}) });
    const text = await response.text();
    entries.push({
      startedDateTime: started.toISOString(),
      time: 3,
      request: { method: call.method, url: `${base}${call.path}`, headers: Object.entries(headers).map(([name, value]) => ({ name, value })), ...(call.body ? { postData: { mimeType: 'application/json', text: call.body } } : {}) },
      response: { status: response.status, headers: [...response.headers].map(([name, value]) => ({ name, value })), content: { mimeType: response.headers.get('content-type') ?? '', size: text.length, text } },
    });
  }
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } };
}

/** The verdict of a run: per case, its status and where it regressed. */
function verdict(run: RunResult) {
  return run.cases.map((result) => ({
    name: result.name,
    status: result.status,
    error: result.error?.message,
    regressions: result.steps.flatMap((step) => step.differences.filter((d) => d.disposition === 'regression').map((d) => d.path)).sort(),
  }));
}

describe('a HAR capture as the recorded legacy side', () => {
  const legacyServer = itemsApi(false);
  const candidateServer = itemsApi(true);
  let legacy: string;
  let candidate: string;
  let root: string;
  beforeAll(async () => {
    [legacy, candidate] = await Promise.all([listen(legacyServer), listen(candidateServer)]);
    root = mkdtempSync(path.join(os.tmpdir(), 'parity-har-baseline-'));
    mkdirSync(path.join(root, 'suites'));
  });
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await Promise.all([legacyServer, candidateServer].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  });

  it('replays to the same verdict as a live run against the legacy it was captured from', async () => {
    const har = await capture(legacy);
    const imported = importHar(har, { baseUrl: `${legacy}/v1`, api: 'items' });
    const files = imported.files.map((file) => {
      const target = path.join(root, 'suites', file.path);
      writeFileSync(target, file.yaml);
      return target;
    });
    const { summary } = await recordHarBaseline({ root, files, entries: readHarEntries(har, 'capture.har'), baseUrl: `${legacy}/v1`, api: 'items', dir: 'baselines/apicloud' });
    expect(summary.notRecorded).toEqual([]);
    expect(summary.recordedCases).toHaveLength(3);

    const common = { PATH: process.env.PATH ?? '', LEGACY_GRANT: 'none', CANDIDATE_GRANT: 'none', LEGACY_PROFILE: 'apicloud', CANDIDATE_API_ITEMS_URL: `${candidate}/v1` };
    const { run: live } = await runParity({ root, envName: 'live', files, reportsDir: false, processEnv: { ...common, LEGACY_API_ITEMS_URL: `${legacy}/v1` } });
    const { run: replay } = await runParity({ root, envName: 'replay', files, reportsDir: false, processEnv: { ...common, LEGACY_BASELINE: 'baselines/apicloud' } });
    expect(verdict(replay)).toEqual(verdict(live));
    // The verdict is not trivially green: the candidate's price became a string.
    expect(verdict(live).find((result) => result.name === 'GET /items')).toMatchObject({ status: 'failed', regressions: [expect.stringContaining('$[0].price')] });
    expect(verdict(live).filter((result) => result.status === 'passed')).toHaveLength(2);
  });

  it('writes the manifest and sha256s parity record writes, and never the captured token', () => {
    const dir = path.join(root, 'baselines', 'apicloud');
    const manifest = readManifest(dir, 'baselines/apicloud')!;
    expect(manifest).toMatchObject({ format: 'parity-baseline/1', target: 'legacy', profile: 'apicloud', apis: { items: `${legacy}/v1` } });
    expect(Object.keys(manifest.files).length).toBeGreaterThanOrEqual(3);
    const all = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
    expect(all.join('\n')).not.toContain(secret);
  });

  it('parity import har --baseline reads a capture saved with a byte-order mark and writes the suite and the baseline', async () => {
    const har = await capture(legacy);
    const project = mkdtempSync(path.join(os.tmpdir(), 'parity-har-cli-'));
    try {
      writeFileSync(path.join(project, 'capture.har'), `\uFEFF${JSON.stringify(har)}`);
      const out = { text: '' };
      const err = { text: '' };
      const io: CliIo = {
        stdout: { write: (text: string) => (out.text += text) },
        stderr: { write: (text: string) => (err.text += text) },
        env: { PATH: process.env.PATH ?? '' },
        cwd: project,
        signal: new AbortController().signal,
      };
      const code = await main(['import', 'har', 'capture.har', '--base-url', `${legacy}/v1`, '--api', 'items', '--baseline', 'baselines/apicloud'], io);
      expect({ code, err: err.text }).toEqual({ code: 0, err: '' });
      expect(out.text).toContain('  baseline baselines/apicloud: 3 cases recorded from the capture');
      expect(readManifest(path.join(project, 'baselines', 'apicloud'), 'baselines/apicloud')?.cases).toHaveLength(3);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
