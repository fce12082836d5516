/**
 * Figure (a), what users run: `parity run` on N cases with every report written.
 *
 *   node -r esbuild-register scripts/bench/cliScale.ts --cases 10000 [--concurrency 16] [--out result.json]
 *
 * Writes N GET cases as suite files in a throw-away project, starts the two stub gateways in a
 * separate process, and runs `node bin/parity.js run` there as its own process (configured only
 * through its environment: `benchProcessEnv.ts`, CI=true as in a pipeline), spawned and timed by
 * `measureProcess.ts` like the shells figure. The kernel's own account of that one process (peak
 * RSS, CPU) comes from `usageHook.cjs`, preloaded with `--require`. Then it
 * checks what the run wrote — every case passed, every report present, both JUnit files well-formed
 * XML with one testcase per case, the HTML's table with one row per case — and measures the
 * bytes per case of each report.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import type { RunResult } from '../../src/model/result';
import { benchProcessEnv } from './benchProcessEnv';
import { measureProcess } from './measureProcess';
import { startStubProcess } from './startStubProcess';
import { writeResult } from './writeResult';
import { defaultBenchSuitesOptions, writeSuites } from './writeSuites';

const cliScaleDefaults = { concurrency: 16, noiseCalls: 2 } as const;

const repoRoot = path.resolve(__dirname, '..', '..');
const parityBin = path.join(repoRoot, 'bin', 'parity.js');
const usageHook = path.join(__dirname, 'usageHook.cjs');
/** A run stuck, not slow (about 15× what it needs); shorter than bench.ts's bound on this script, so the run is ended here and not orphaned. */
const runTimeoutMs = (cases: number): number => Math.max(100_000, cases * 15);

export interface CliScaleResult {
  mode: 'cli';
  cases: number;
  concurrency: number;
  exitCode: number | null;
  /** Spawn → exit of `parity run`, ms: start-up, loading, every request, every report. */
  wallMs: number;
  /** Spawn → the first request at a stub, and the last request at a stub → exit, ms. */
  headMs: number;
  tailMs: number;
  casesPerSec: number;
  requests: number;
  expectedRequests: number;
  /** The kernel's peak RSS of the `parity run` process, MiB. */
  peakRssMiB: number;
  /** CPU time (user + system) of the `parity run` process per case, µs. */
  cpuPerCaseUs: number;
  /** Every file in the reports directory, bytes. */
  reportBytes: Record<string, number>;
  /** What the written reports say: the summary's counts, and the cases each report holds. */
  check: {
    total: number;
    passed: number;
    verdict: string;
    junitCases: number;
    junitStrictCases: number;
    junitValid: boolean;
    htmlRows: number;
    problems: string[];
  };
  /** The last lines `parity run` printed, when it did not exit 0. */
  output?: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string' }, concurrency: { type: 'string' }, out: { type: 'string' } } });
  const cases = Number(values.cases);
  const concurrency = Number(values.concurrency ?? cliScaleDefaults.concurrency);
  if (!(cases >= 1) || !(concurrency >= 1)) throw new Error('--cases and --concurrency must be positive numbers');
  writeResult(values.out, await measureCliScale(cases, concurrency));
}

async function measureCliScale(cases: number, concurrency: number): Promise<CliScaleResult> {
  const stubs = await startStubProcess({ latencyMs: 0, recordArrivals: true });
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-cli-'));
  try {
    writeSuites(root, { ...defaultBenchSuitesOptions, cases });
    const reports = path.join(root, 'reports');
    const usageFile = path.join(root, 'usage.jsonl');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      CI: 'true',
      BENCH_USAGE_FILE: usageFile,
      ...benchProcessEnv({ api: defaultBenchSuitesOptions.api, urls: stubs.urls, concurrency, noiseCalls: cliScaleDefaults.noiseCalls }),
    };
    const spawnedAt = performance.timeOrigin + performance.now();
    const measured = await measureProcess(process.execPath, ['--require', usageHook, parityBin, 'run', '--reports', reports], { cwd: root, env, timeoutMs: runTimeoutMs(cases) });
    const { exitCode, wallMs } = measured;
    const endedAt = spawnedAt + wallMs;
    const usage = JSON.parse(readFileSync(usageFile, 'utf8').trim().split('\n').pop()!) as { maxRssKiB: number; userUs: number; systemUs: number };
    const stats = await stubs.stats();
    const arrivals = [...stats.legacy.arrivals, ...stats.candidate.arrivals];
    return {
      mode: 'cli',
      cases,
      concurrency,
      exitCode,
      wallMs,
      headMs: Math.round(arrivals.reduce((a, b) => Math.min(a, b), Infinity) - spawnedAt),
      tailMs: Math.round(endedAt - arrivals.reduce((a, b) => Math.max(a, b), -Infinity)),
      casesPerSec: Math.round((cases / wallMs) * 1000),
      requests: stats.legacy.requests + stats.candidate.requests,
      expectedRequests: cases * (cliScaleDefaults.noiseCalls + 1),
      peakRssMiB: Math.round((usage.maxRssKiB / 1024) * 10) / 10,
      cpuPerCaseUs: Math.round((usage.userUs + usage.systemUs) / cases),
      reportBytes: Object.fromEntries(readdirSync(reports).filter((f) => !f.startsWith('.')).map((f) => [f, statSync(path.join(reports, f)).size])),
      check: checkReports(reports, cases),
      output: exitCode === 0 ? undefined : `${measured.timedOut ? 'killed: it ran past its time bound. ' : ''}${measured.outputTail}`,
    };
  } finally {
    await stubs.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Reads back what the run wrote, the way its readers would (without loading results.json's cases). */
function checkReports(dir: string, cases: number): CliScaleResult['check'] {
  const problems: string[] = [];
  const run = lastRecord(path.join(dir, 'cases.ndjson'));
  const summary = run?.summary;
  if (!summary) problems.push('cases.ndjson has no end record');
  const junitCount = (file: string): { cases: number; valid: boolean } => {
    const xml = readFileSync(path.join(dir, file), 'utf8');
    const validation = XMLValidator.validate(xml);
    if (validation !== true) problems.push(`${file}: ${validation.err.msg} at line ${validation.err.line}`);
    const all = xml.match(/<testcase /g)?.length ?? 0;
    const tokenParity = xml.match(/<testcase [^>]*classname="token parity"/g)?.length ?? 0;
    return { cases: all - tokenParity, valid: validation === true };
  };
  const junit = junitCount('junit.xml');
  const strict = junitCount('junit-strict.xml');
  const html = readFileSync(path.join(dir, 'parity-report.html'), 'utf8');
  const start = html.indexOf('id="parity-cases">') + 'id="parity-cases">'.length;
  let htmlRows = 0;
  try {
    htmlRows = (JSON.parse(html.slice(start, html.indexOf('</script>', start))) as { rows: unknown[] }).rows.length;
  } catch (error) {
    problems.push(`parity-report.html: its case table does not parse (${(error as Error).message})`);
  }
  for (const [what, count] of [
    ['junit.xml testcases', junit.cases],
    ['junit-strict.xml testcases', strict.cases],
    ['HTML rows', htmlRows],
    ['cases in the summary', summary?.total ?? 0],
  ] as const) {
    if (count !== cases) problems.push(`${what}: ${count}, expected ${cases}`);
  }
  for (const file of ['results.json', 'signoff.md']) if (!statSafe(path.join(dir, file))) problems.push(`${file} was not written`);
  return {
    total: summary?.total ?? 0,
    passed: summary?.passed ?? 0,
    verdict: summary?.verdict ?? 'none',
    junitCases: junit.cases,
    junitStrictCases: strict.cases,
    junitValid: junit.valid && strict.valid,
    htmlRows,
    problems,
  };
}

/** The `end` record of a cases.ndjson, read from its last 1 MiB (the file is hundreds of MB at scale). */
function lastRecord(file: string): RunResult | undefined {
  const size = statSafe(file);
  if (!size) return undefined;
  const length = Math.min(size, 1024 * 1024);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const line = buffer.toString('utf8').trimEnd().split('\n').pop() ?? '';
  try {
    const record = JSON.parse(line) as { record?: string; run?: RunResult };
    return record.record === 'end' ? record.run : undefined;
  } catch {
    return undefined;
  }
}

function statSafe(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
