/**
 * `runParity` reads suite files as the run goes, with a bounded queue of cases ahead of the ones
 * running: memory does not grow with the size of the run. Checked by what the run reports after
 * each case (cases queued so far, and whether files remain to be read), never by timing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { queueAhead, runParity } from '../../src/engine/runParity';

const files = 3;
const concurrency = 4;
/** The bound runParity keeps to: cases queued or running, at most. */
const ahead = queueAhead(concurrency);
/**
 * Just enough that the files before the last hold more cases than may be queued or running (with
 * one to spare, for the case already done when the first is reported): the last file can only be
 * read as the run goes, and loading a whole file past the bound would show.
 */
const casesPerFile = Math.ceil((ahead + concurrency + 2) / (files - 1));

describe('runParity on a run larger than its loading queue', () => {
  let server: Server;
  let url: string;
  let root: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ path: req.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    root = mkdtempSync(path.join(os.tmpdir(), 'parity-bounded-'));
    mkdirSync(path.join(root, 'suites'));
    for (let f = 0; f < files; f += 1) {
      const lines = [`suite: part-${f}`, 'api: loop', 'cases:'];
      for (let c = 0; c < casesPerFile; c += 1) lines.push(`  - { name: "case ${f}-${c}", request: "GET /items/${f}/${c}" }`);
      writeFileSync(path.join(root, 'suites', `part-${f}.yaml`), `${lines.join('\n')}\n`);
    }
  });
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('never holds more than the bound of queued cases, reads later files as it goes, and runs every case', async () => {
    const seen: Array<{ done: number; total: number; more: boolean }> = [];
    const { run } = await runParity({
      root,
      reportsDir: false,
      retainCases: true,
      processEnv: {
        PARITY_SANDBOX: 'false',
        PARITY_NOISE_CALLS: '1',
        PARITY_CONCURRENCY: String(concurrency),
        LEGACY_PROFILE: 'generic',
        CANDIDATE_PROFILE: 'generic',
        LEGACY_GRANT: 'none',
        CANDIDATE_GRANT: 'none',
        LEGACY_API_LOOP_URL: url,
        CANDIDATE_API_LOOP_URL: url,
      },
      onCaseDone: (_result, done, total, more) => seen.push({ done, total, more }),
    });
    const all = files * casesPerFile;
    expect(all - casesPerFile).toBeGreaterThan(ahead + concurrency + 1);
    expect(run.summary.passed).toBe(all);
    expect(seen).toHaveLength(all);
    // Early on, later files were not yet read: the total was a lower bound, and said so.
    expect(seen[0]!.total).toBeLessThan(all);
    expect(seen[0]!.more).toBe(true);
    // Queued or running, never more than the bound plus the cases running.
    expect(Math.max(...seen.map((s) => s.total - s.done))).toBeLessThanOrEqual(ahead + concurrency);
    expect(seen.at(-1)).toEqual({ done: all, total: all, more: false });
  });
});
