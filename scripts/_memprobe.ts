import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { benchProcessEnv } from './bench/benchProcessEnv';
import { startStubProcess } from './bench/startStubProcess';
import { defaultBenchSuitesOptions, writeSuites } from './bench/writeSuites';
async function main() {
  const cases = Number(process.argv[2] ?? 2000);
  const stubs = await startStubProcess({ latencyMs: 0, recordArrivals: false });
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-mem-'));
  writeSuites(root, { ...defaultBenchSuitesOptions, cases });
  const { runParity } = require('../src/engine/runParity') as typeof import('../src/engine/runParity');
  const processEnv = benchProcessEnv({ api: 'bench', urls: stubs.urls, concurrency: 16, noiseCalls: 2 });
  (global as any).gc(); const before = process.memoryUsage().heapUsed;
  const { run } = await runParity({ root, processEnv, reportsDir: false });
  (global as any).gc(); const after = process.memoryUsage().heapUsed;
  console.log(cases, 'cases: retained', ((after - before) / cases / 1024).toFixed(2), 'KB/case', run.cases.length);
  const one = run.cases[5]!;
  console.log(JSON.stringify(one).length, "chars"); if (process.env.SHOW) console.log(JSON.stringify({ ...one, steps: one.steps.map((s) => ({ ...s, legacy: { ...s.legacy, response: { ...s.legacy.response, body: "…" } }, legacyRepeat: "…", candidate: "…" })) }, null, 1));
  if (process.argv[3]) { v8.writeHeapSnapshot(process.argv[3]); }
  await stubs.stop(); rmSync(root, { recursive: true, force: true });
}
main();
