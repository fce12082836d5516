import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { isSyntaxError, parseApiDocument } from '../../src/contract/parseApiDocument';
import { importOpenApi } from '../../src/importers/importOpenApi';
import type { Difference, RunResult } from '../../src/model/result';
import { loadGenerated } from '../importers/loadGenerated';
import { notGreen, runImportedOnLoopback } from '../importers/loopbackProject';
import { startPrism, type PrismServer } from '../support/startPrism';
import { realWorldFiles } from './sharedArtifacts';

/** Prism checks that a secured operation carries credentials; any value passes. */
const demoCredential = 'prism-accepts-any-value';

function documentValue(file: string): unknown {
  const parsed = parseApiDocument(readFileSync(file, 'utf8'));
  if (isSyntaxError(parsed)) throw new Error(`${file}:${parsed.line}: ${parsed.message}`);
  return parsed.value;
}

/** What the candidate copy changes: one body property removed, one retyped, one status. */
interface Mutation {
  /** `METHOD /path` of the request (as sent) whose body is changed. */
  body?: { request: string; remove: string; retype: string };
  status?: { request: string; from: number; to: number };
}

/** A loopback proxy in front of Prism that answers as Prism does, except for the mutation. */
async function mutatingProxy(upstream: string, mutation: Mutation): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', upstream);
    const forward = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const key = `${req.method} ${target.pathname}${target.search}`;
        let body = Buffer.concat(chunks);
        let status = answer.statusCode ?? 502;
        if (mutation.body && key === mutation.body.request) {
          const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
          delete json[mutation.body.remove];
          const value = json[mutation.body.retype];
          json[mutation.body.retype] = typeof value === 'string' ? 12345 : String(value);
          body = Buffer.from(JSON.stringify(json));
        }
        if (mutation.status && key === mutation.status.request) status = mutation.status.to;
        const headers = { ...answer.headers, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        res.writeHead(status, headers).end(body);
      });
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const requestKey = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

/** A passed single-step case whose JSON object answer has two top-level properties to change. */
function bodyTarget(run: RunResult): Mutation['body'] | undefined {
  for (const result of run.cases) {
    if (result.status !== 'passed' || result.steps.length !== 1) continue;
    const legacy = result.steps[0]!.legacy;
    const json = legacy.response?.body.json;
    if (typeof json !== 'object' || json === null || Array.isArray(json)) continue;
    const keys = Object.entries(json).filter(([, value]) => value !== null && typeof value !== 'object').map(([key]) => key);
    if (keys.length < 2) continue;
    return { request: `${legacy.request.method} ${requestKey(legacy.request.url)}`, remove: keys[0]!, retype: keys[1]! };
  }
  return undefined;
}

function statusTarget(run: RunResult, not: string | undefined): Mutation['status'] | undefined {
  for (const result of run.cases) {
    if (result.status !== 'passed' || result.steps.length !== 1) continue;
    const legacy = result.steps[0]!.legacy;
    const key = `${legacy.request.method} ${requestKey(legacy.request.url)}`;
    if (key === not || legacy.response === undefined) continue;
    return { request: key, from: legacy.response.status, to: legacy.response.status === 200 ? 202 : 200 };
  }
  return undefined;
}

const regressionPaths = (differences: Difference[]) => differences.filter((d) => d.disposition === 'regression').map((d) => d.path);

const documents = realWorldFiles('openapi')
  .concat(realWorldFiles('wso2'))
  .filter((file) => {
    const value = documentValue(file) as { paths?: Record<string, unknown> };
    return value.paths !== undefined && Object.keys(value.paths).length > 0;
  });

describe.each(documents.map((file) => [path.basename(file), file]))('the suite imported from %s, on Prism serving the document', (_name, file) => {
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startPrism(file);
  });
  afterAll(async () => {
    await prism?.close();
  });

  it('runs green on both sides, and a candidate copy with a removed property, a changed type and a changed status is caught at each path', async () => {
    const imported = importOpenApi(documentValue(file), { api: 'doc', allMethods: true, sourceFile: path.basename(file) });
    const credentials = Object.fromEntries((imported.credentials ?? []).map((name) => [name, demoCredential]));
    const grants = { LEGACY_GRANT: 'static', LEGACY_TOKEN: demoCredential, CANDIDATE_GRANT: 'static', CANDIDATE_TOKEN: demoCredential };
    const unchanged = await runImportedOnLoopback(imported, { api: 'doc', legacy: prism.url, candidate: prism.url, openapi: file }, grants, credentials);
    expect(notGreen(unchanged)).toEqual([]);
    // What does not run is a TODO the importer wrote (a value the document does not give), never silently dropped.
    const skipReasons = Object.values(loadGenerated(imported)).flatMap((suite) => suite.cases.filter((testCase) => testCase.skip).map((testCase) => testCase.skipReason ?? ''));
    for (const reason of skipReasons) expect(reason).toMatch(/^TODO: /);
    expect(unchanged.cases.every((result) => result.status === 'passed' || result.status === 'skipped')).toBe(true);
    if (unchanged.cases.every((result) => result.status === 'skipped')) return;

    const body = bodyTarget(unchanged);
    const status = statusTarget(unchanged, body?.request);
    const proxy = await mutatingProxy(prism.url, { ...(body ? { body } : {}), ...(status ? { status } : {}) });
    try {
      const changed = await runImportedOnLoopback(imported, { api: 'doc', legacy: prism.url, candidate: proxy.url, openapi: file }, grants, credentials);
      const stepOf = (key: string) => changed.cases.flatMap((result) => result.steps).find((step) => `${step.candidate.request.method} ${requestKey(step.candidate.request.url)}` === key)!;
      if (body) {
        const found = regressionPaths(stepOf(body.request).differences);
        expect(found).toEqual(expect.arrayContaining([`$.${body.remove}`, `$.${body.retype}`]));
      }
      if (status) expect(regressionPaths(stepOf(status.request).differences)).toContain('status');
      // Every document offers at least one of the two changes to check.
      expect(body ?? status).toBeDefined();
    } finally {
      await proxy.close();
    }
  });
});
