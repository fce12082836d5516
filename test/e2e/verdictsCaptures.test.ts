import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeProject, readTree, runInProject } from './helpers';

/**
 * Captures read the answer as the gateway sent it, not the redacted record: a `token` field is
 * sent onward as itself (the old behaviour sent the text «redacted:…» to both gateways and
 * passed), while no report ever shows it. Two tiny real HTTP servers on loopback play the two
 * sides (generic profiles); each remembers the session header it received.
 */
interface Side {
  url: string;
  issued: string[];
  received: string[];
  close(): Promise<void>;
}

async function startSide(): Promise<Side> {
  const issued: string[] = [];
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/api/session') {
      const token = `tok-${randomUUID()}`;
      issued.push(token);
      res.writeHead(201, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ token, user: 'ops' }));
    }
    if (req.url === '/api/whoami') {
      received.push(String(req.headers['x-session'] ?? ''));
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ user: 'ops' }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api`, issued, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const suite = `
suite: sessions
api: sessions
cases:
  - name: a session token is sent onward as issued
    steps:
      - name: open
        request: { method: POST, path: /session }
        capture: { token: $.token }
      - name: use
        request:
          method: GET
          path: /whoami
          headers: { x-session: "{{token}}" }
        expect: { status: 200 }
`;

describe('captures from the raw answer', () => {
  let legacy: Side;
  let candidate: Side;
  let project: ReturnType<typeof makeProject>;

  beforeAll(async () => {
    [legacy, candidate] = await Promise.all([startSide(), startSide()]);
    project = makeProject({ suites: false });
    mkdirSync(path.join(project.root, 'suites'), { recursive: true });
    writeFileSync(path.join(project.root, 'suites', 'sessions.yaml'), suite);
  });
  afterAll(async () => {
    await Promise.all([legacy.close(), candidate.close()]);
    project.cleanup();
  });

  it('sends each side its own captured token unredacted, and keeps it out of every report', async () => {
    const run = await runInProject(project.root, {
      tokenParity: false,
      env: {
        PARITY_SANDBOX: 'false',
        LEGACY_PROFILE: 'generic',
        CANDIDATE_PROFILE: 'generic',
        LEGACY_GRANT: 'none',
        CANDIDATE_GRANT: 'none',
        LEGACY_API_SESSIONS_URL: legacy.url,
        CANDIDATE_API_SESSIONS_URL: candidate.url,
      },
    });
    expect(run.cases.map((c) => c.status)).toEqual(['passed']);
    // The legacy is called twice for the read (the noise baseline), each time with its own token.
    expect(legacy.issued).toHaveLength(1);
    expect(new Set(legacy.received)).toEqual(new Set(legacy.issued));
    expect(candidate.received).toEqual(candidate.issued);
    expect(legacy.received[0]).toMatch(/^tok-/);
    expect(legacy.received[0]).not.toBe(candidate.received[0]);
    const secrets = [...legacy.issued, ...candidate.issued];
    for (const { file, text } of readTree(path.join(project.root, 'reports'))) {
      expect({ file, leaked: secrets.filter((secret) => text.includes(secret)) }).toEqual({ file, leaked: [] });
    }
  });
});
