import http from 'node:http';
import { Redactor } from '../../src/execute/redactor';
import { startRedactionServer, type RedactionServer } from '../../src/execute/redactionServer';
import { createRunRegistryLink } from '../../src/execute/runRegistryLink';
import { closeHttpAgents, sendRequest } from '../../src/execute/sendRequest';
import { sendSettings, startLoopback } from './loopback';

const tokenA = 'worker-a-token-6c1f0e9b2d';
const tokenB = 'worker-b-token-93aa7d40ce';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('one redaction registry for the whole run, shared by every worker over loopback', () => {
  let server: RedactionServer;
  beforeEach(async () => {
    server = await startRedactionServer();
  });
  afterEach(() => server.close());
  afterAll(() => closeHttpAgents());

  const worker = (): Redactor => {
    const redactor = new Redactor();
    redactor.attach(createRunRegistryLink(server.url, server.key));
    return redactor;
  };

  it('hides a token one worker was issued in what another worker records', async () => {
    const a = worker();
    const b = worker();
    a.add(tokenA, 'legacy.access_token');
    b.add(tokenB, 'candidate.access_token');
    await Promise.all([a.flush(), b.flush()]);
    expect(b.redactText(`echo ${tokenA}`)).toBe(`echo ${tokenA}`);
    await b.sync();
    await a.sync();
    expect(b.redactText(`echo ${tokenA}`)).toBe('echo «redacted:legacy.access_token»');
    expect(a.redactText(`echo ${tokenB}`)).toBe('echo «redacted:candidate.access_token»');
    // The parent holds everything, for the last pass over all parts before the reports.
    expect(server.redactor.redactText(`${tokenA} ${tokenB}`)).toBe('«redacted:legacy.access_token» «redacted:candidate.access_token»');
  });

  it('shares what a worker registered before it attached', async () => {
    const early = new Redactor();
    early.add(tokenA, 'legacy.access_token');
    early.attach(createRunRegistryLink(server.url, server.key));
    await early.flush();
    const other = worker();
    await other.sync();
    expect(other.labelFoundIn(tokenA)).toBe('legacy.access_token');
  });

  it('has the secret run-wide before the request that carries it is on the wire', async () => {
    const a = worker();
    const seenByRegistry: Array<string | undefined> = [];
    const gateway = await startLoopback((req, res) => {
      seenByRegistry.push(server.redactor.labelFoundIn(String(req.headers.authorization)));
      res.writeHead(200).end();
    });
    try {
      a.add(tokenA, 'legacy.access_token');
      await sendRequest({ target: 'legacy', method: 'GET', url: `${gateway.url}/x`, headers: { authorization: `Bearer ${tokenA}` }, idempotent: true }, sendSettings({ redactor: a }));
      expect(seenByRegistry).toEqual(['legacy.access_token']);
    } finally {
      await gateway.close();
    }
  });

  it('tells nothing to a caller without the run key, or with a wrong one', async () => {
    worker().add(tokenA, 'legacy.access_token');
    expect(await get(`${server.url}/secrets?since=0`)).toEqual({ status: 401, body: '' });
    expect(await get(`${server.url}/secrets?since=0`, { authorization: `Bearer ${'0'.repeat(64)}` })).toEqual({ status: 401, body: '' });
    expect(server.url.startsWith('http://127.0.0.1:')).toBe(true);
  });

  it('keeps a worker running when the registry is gone: sharing is lost, redaction of its own secrets is not', async () => {
    const a = worker();
    await server.close();
    a.add(tokenA, 'legacy.access_token');
    await a.flush();
    await a.sync();
    expect(a.redactText(tokenA)).toBe('«redacted:legacy.access_token»');
    server = await startRedactionServer();
  });
});
