import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { runParity } from '../../src/engine/runParity';
import type { CaseResult, Difference } from '../../src/model/result';
import { startPrism, type PrismServer } from '../support/startPrism';
import { realWorldFiles } from './sharedArtifacts';

/**
 * Kind-matched noise on a real public definition (the Swagger Petstore v3 document), served by
 * an independent mock server that invents every value on every call (Prism's dynamic mode) on
 * BOTH sides. With the documented noise setting for APIs that answer generated data
 * (PARITY_NOISE_CALLS raised, so the legacy shows what it varies by itself), nothing is a
 * regression; a candidate serving a copy of the document that drops `shipDate` and turns
 * `quantity` into a string is caught at each of those paths — random values never excuse a field
 * removed or retyped.
 */
const documentFile = realWorldFiles('openapi').find((file) => file.endsWith('petstore-v3-swagger-api.yaml'))!;

/** The documented setting for generated data: the legacy is called this often per idempotent step. */
const noiseCalls = '8';

const suite = `
suite: petstore on prism
api: petstore
cases:
  - name: read an order
    request: GET /store/order/5
    expect: { status: 200 }
  - name: read a pet
    request:
      method: GET
      path: /pet/10
      headers: { api_key: demo-key }   # the document secures /pet/{petId} with an api_key header
    expect: { status: 200 }
  - name: read a user
    request: GET /user/theUser
    expect: { status: 200 }
`;

let work: string;
const servers: PrismServer[] = [];

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'parity-realworld-noise-'));
  mkdirSync(path.join(work, 'suites'), { recursive: true });
  mkdirSync(path.join(work, 'env'), { recursive: true });
  writeFileSync(path.join(work, 'suites', 'petstore.yaml'), suite);
  writeFileSync(path.join(work, 'env', 'prism.env'), 'PARITY_SANDBOX=false\n');
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(work, { recursive: true, force: true });
});

/** A candidate copy of the document: Order without `shipDate`, and `quantity` a string. */
function driftedCopy(): string {
  const doc = parseDocument(readFileSync(documentFile, 'utf8'));
  const order = ['components', 'schemas', 'Order', 'properties'];
  expect(doc.hasIn([...order, 'shipDate'])).toBe(true);
  doc.deleteIn([...order, 'shipDate']);
  doc.setIn([...order, 'quantity'], doc.createNode({ type: 'string', example: '7' }));
  const file = path.join(work, 'petstore-candidate.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

async function serve(document: string): Promise<string> {
  const server = await startPrism(document, { dynamic: true, startTimeoutMs: 60_000 });
  servers.push(server);
  return server.url;
}

async function run(legacyUrl: string, candidateUrl: string): Promise<CaseResult[]> {
  const outcome = await runParity({
    root: work,
    envName: 'prism',
    reportsDir: false,
    tokenParity: false,
    processEnv: {
      PATH: process.env.PATH ?? '',
      LEGACY_PROFILE: 'generic',
      CANDIDATE_PROFILE: 'generic',
      LEGACY_GRANT: 'none',
      CANDIDATE_GRANT: 'none',
      LEGACY_API_PETSTORE_URL: legacyUrl,
      CANDIDATE_API_PETSTORE_URL: candidateUrl,
      PARITY_NOISE_CALLS: noiseCalls,
    },
  });
  return outcome.run.cases;
}

const regressions = (cases: CaseResult[]): Difference[] => cases.flatMap((c) => c.steps.flatMap((s) => s.differences.filter((d) => d.disposition === 'regression')));

describe('noise on a real definition served with random values on both sides', () => {
  it('finds no regression between two mocks of the same document, and tells each excused difference by the legacy variation behind it', async () => {
    const [legacy, candidate] = await Promise.all([serve(documentFile), serve(documentFile)]);
    const cases = await run(legacy, candidate);
    expect(regressions(cases).map((d) => `${d.path} ${d.kind} ${JSON.stringify(d.legacy)} ${JSON.stringify(d.candidate)} ${d.reason ?? ''}`)).toEqual([]);
    expect(cases.map((c) => c.status)).toEqual(['passed', 'passed', 'passed']);
    const noise = cases.flatMap((c) => c.steps.flatMap((s) => s.differences.filter((d) => d.disposition === 'noise')));
    expect(noise.length).toBeGreaterThan(0);
    for (const difference of noise) expect(difference.noise?.path).toEqual(expect.any(String));
  });

  it('catches a removed property and a changed type at their paths, however random the values around them', async () => {
    const [legacy, candidate] = await Promise.all([serve(documentFile), serve(driftedCopy())]);
    const cases = await run(legacy, candidate);
    const order = cases.find((c) => c.name === 'read an order')!;
    const found = regressions([order]).map((d) => `${d.path} ${d.kind}`);
    expect(found).toEqual(expect.arrayContaining(['$.shipDate missing', '$.quantity type']));
    expect(order.status).toBe('failed');
  });
});
