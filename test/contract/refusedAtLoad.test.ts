import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runImportedOnLoopback } from '../importers/loopbackProject';

describe('a contract the check cannot use', () => {
  let server: Server;
  let url: string;
  let requests = 0;
  let dir: string;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(path.join(os.tmpdir(), 'parity-refused-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('is refused when the suites load, before either gateway is called', async () => {
    const document = path.join(dir, 'draft4.yaml');
    writeFileSync(document, 'openapi: 3.1.0\njsonSchemaDialect: http://json-schema.org/draft-04/schema#\ninfo: { title: x, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200": { description: ok }\n');
    const suite = { path: 'a.yaml', yaml: 'suite: a\napi: a\ncases:\n  - name: call a\n    request: GET /a\n    expect: { status: 200 }\n', cases: 1 };
    const run = await runImportedOnLoopback({ files: [suite], skipped: [], notes: [] }, { api: 'a', legacy: url, candidate: url, openapi: document });
    expect(run.suites.map((info) => info.error?.message)).toEqual([expect.stringMatching(/jsonSchemaDialect .* is not supported/)]);
    expect(run.cases).toEqual([]);
    expect(requests).toBe(0);
  });
});
