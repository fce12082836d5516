/**
 * Bodies over the recording cap and steps with more differences than they list, through a whole
 * `runParity` with reports on, against a real loopback API: the comparison sees every byte and
 * counts every difference, while the record and every report stay bounded.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { differenceListLimits } from '../../src/compare/listDifferences';
import { runParity } from '../../src/engine/runParity';
import type { CaseResult, RunResult } from '../../src/model/result';
import type { CaseDigest } from '../../src/report/caseDigest';
import { reportFileNames } from '../../src/report/writeReports';
import { expectValidReports } from './reportChecks';

const cap = 8 * 1024;
const items = 3_000;
const manyCases = 20;
/** Deep inside the body: far past the head the record keeps. */
const deepIndex = items - 10;

/** `{ items, catalog?, seq, requestId }`: `seq` and `requestId` change on every call (noise), after everything else. */
function body(side: 'legacy' | 'candidate', kind: string, seq: number): string {
  const price = (i: number): number => {
    if (side === 'legacy') return i;
    if (kind === 'many') return i + 0.5;
    return kind === 'deep' && i === deepIndex ? i + 0.5 : i;
  };
  const list = Array.from({ length: items }, (_, i) => ({ id: `item-${String(i).padStart(5, '0')}`, price: price(i) }));
  // The legacy's catalog is a large subtree the candidate dropped: one difference holding it all.
  const catalog = kind === 'subtree' && side === 'legacy' ? { catalog: Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`entry${i}`, `description of entry ${i}`])) } : {};
  return JSON.stringify({ items: list, ...catalog, seq, requestId: `req-${seq.toString(36)}` });
}

describe('runParity on bodies over the recording cap', () => {
  let server: Server;
  let root: string;
  let run: RunResult;
  let reports: string;
  let cases: Array<{ digest: CaseDigest; result: CaseResult }>;
  const sent = new Map<string, string>();
  const byName = (name: string) => cases.find((c) => c.result.name === name)!;

  beforeAll(async () => {
    let seq = 0;
    server = createServer((req, res) => {
      const [, side, kind, n] = (req.url ?? '').split('/');
      const text = body(side as 'legacy' | 'candidate', kind ?? '', (seq += 1));
      sent.set(`${side}/${kind}/${n}`, text);
      res.setHeader('content-type', 'application/json');
      res.end(text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    root = mkdtempSync(path.join(os.tmpdir(), 'parity-large-bodies-'));
    mkdirSync(path.join(root, 'suites'));
    const lines = ['suite: large', 'api: big', 'cases:', '  - { name: deep, request: "GET /deep/0" }', '  - { name: subtree, request: "GET /subtree/0" }'];
    for (let c = 0; c < manyCases; c += 1) lines.push(`  - { name: "many ${c}", request: "GET /many/${c}" }`);
    writeFileSync(path.join(root, 'suites', 'large.yaml'), `${lines.join('\n')}\n`);
    reports = path.join(root, 'reports');
    ({ run } = await runParity({
      root,
      reportsDir: reports,
      retainCases: false,
      processEnv: {
        PARITY_SANDBOX: 'false',
        PARITY_CONCURRENCY: '4',
        PARITY_MAX_RECORDED_BODY_BYTES: String(cap),
        LEGACY_PROFILE: 'generic',
        CANDIDATE_PROFILE: 'generic',
        LEGACY_GRANT: 'none',
        CANDIDATE_GRANT: 'none',
        LEGACY_API_BIG_URL: `${url}/legacy`,
        CANDIDATE_API_BIG_URL: `${url}/candidate`,
      },
    }));
    cases = readFileSync(path.join(reports, 'cases.ndjson'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{"record":"case"'))
      .map((line) => JSON.parse(line) as { digest: CaseDigest; result: CaseResult });
  }, 120_000);
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('finds the regression deep inside a body over the cap, and records only the head with the size and sha256 of all of it', () => {
    const { result } = byName('deep');
    expect(result.status).toBe('failed');
    const step = result.steps[0]!;
    expect(step.differences.filter((d) => d.disposition === 'regression').map((d) => [d.path, d.legacy, d.candidate])).toEqual([[`$.items[${deepIndex}].price`, deepIndex, deepIndex + 0.5]]);
    const sentText = sent.get('candidate/deep/0')!;
    const recorded = step.candidate.response!.body;
    expect(recorded).toMatchObject({ kind: 'text', contentType: 'application/json', bytes: Buffer.byteLength(sentText), truncated: true, sha256: createHash('sha256').update(sentText).digest('hex') });
    expect(recorded.json).toBeUndefined();
    expect(recorded.text!.length).toBeLessThanOrEqual(cap + 64);
    expect(sentText.startsWith(recorded.text!.slice(0, cap / 2))).toBe(true);
    // What the record dropped is where the regression was.
    expect(recorded.text).not.toContain(`item-${String(deepIndex).padStart(5, '0')}`);
    // Each side's record is cut the same way, the noise baseline's repeat too.
    for (const exchange of [step.legacy, step.legacyRepeat!]) expect(exchange.response!.body).toMatchObject({ kind: 'text', truncated: true });
  });

  it('cuts a difference value longer than the cap to its head, and says so', () => {
    const { result } = byName('subtree');
    const missing = result.steps[0]!.differences.find((d) => d.path === '$.catalog')!;
    expect(missing).toMatchObject({ kind: 'missing', disposition: 'regression' });
    expect(typeof missing.legacy).toBe('string');
    expect(missing.legacy as string).toMatch(/^\{"entry0":"description of entry 0",.*… \(cut when recorded: its JSON is longer than 8192 characters\)$/s);
    expect((missing.legacy as string).length).toBeLessThan(cap + 200);
  });

  it('counts every disposition of a step with more regressions than it lists: 2 noise per case in the digest, the summary and the sign-off', () => {
    const { digest, result } = byName('many 0');
    const step = result.steps[0]!;
    expect(step.differences).toHaveLength(differenceListLimits.maxListed);
    expect(step.differences.filter((d) => d.disposition === 'noise').map((d) => d.path)).toEqual(['$.seq', '$.requestId']);
    const listedRegressions = step.differences.filter((d) => d.disposition === 'regression').length;
    expect(listedRegressions).toBeGreaterThan(differenceListLimits.maxListed - 10);
    expect(step.unlisted).toEqual([{ disposition: 'regression', area: 'body', pattern: '$.items[*].price', kind: 'changed', count: items - listedRegressions }]);
    const count = (key: string) => digest.rules.find((r) => r.key === key)?.count;
    expect([count('regression:(no rule)'), count('noise:(no rule)')]).toEqual([items, 2]);

    // Every case has seq and requestId as noise; the regressions are every price of the many cases, the deep one and the catalog.
    const regressions = manyCases * items + 2;
    expect(run.summary).toMatchObject({ total: manyCases + 2, failed: manyCases + 2, noise: 2 * (manyCases + 2), regressions });
    const signoff = readFileSync(path.join(reports, reportFileNames.signoff), 'utf8');
    const totals = /\| Regressions \| Accepted \| Noise \|.*\n\|.*\n\| (\d+) \| (\d+) \| (\d+) \|/.exec(signoff);
    expect([Number(totals?.[1]), Number(totals?.[3])]).toEqual([regressions, 2 * (manyCases + 2)]);
    expect(signoff).toContain(`## Regressions (${regressions.toLocaleString('en-US')})`);
    expect(signoff).toContain(`| body | \`$.items[*].price\` | changed | ${(manyCases * items + 1).toLocaleString('en-US')} | ${manyCases + 1} |`);
  });

  it('keeps every report of a run with 60,000 regressions bounded and valid', () => {
    const written = expectValidReports(reports);
    expect(written.results.summary).toEqual(run.summary);
    const sizes = Object.fromEntries(Object.values(reportFileNames).map((file) => [file, statSync(path.join(reports, file)).size]));
    expect(sizes[reportFileNames.signoff]).toBeLessThan(32 * 1024);
    // Per case: three heads of at most the cap, and at most 1,000 listed differences.
    expect(sizes[reportFileNames.results]).toBeLessThan((manyCases + 2) * (3 * cap + 200 * 1024));
  });
});
