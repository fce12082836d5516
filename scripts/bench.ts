/**
 * `npm run bench`: the harness's speed and memory, each figure as a ratio against a baseline
 * measured in the same run (never as a timed assertion in a test). Every measurement runs in a
 * fresh child process; all traffic stays on 127.0.0.1. Prints a table and writes
 * reports/bench.json. Method and recorded numbers: docs/benchmarks.md.
 *
 *   (a) what users run: `parity run` on 1,000 / 10,000 / 50,000 cases with every report written,
 *       against a raw undici loop sending the same requests; peak RSS; report bytes per case
 *   (b) pacing efficiency under a rate limit, and the quota never exceeded at the stubs
 *   (c) diffJson vs jsondiffpatch on the generated 5 MB by-key pair: time and extra memory
 *   (d) `npx jest` → the first request the sandbox receives (median of 3)
 *   (e) the two shells on the same cases: `npm test`'s Jest against `parity run` on 5,000 and
 *       10,000 generated cases, and `parity run` against `npm test` on the sample suites
 *   (f) large bodies: a by-key pair with 1 % of its leaves changed, 1 MB × 40 and 10 MB × 6
 *       cases, reports on, against a raw loop fetching the same bodies
 *
 *   npm run bench                         the default sizes
 *   npm run bench -- --huge               also 200,000 cases (several minutes more)
 *   npm run bench -- --sizes 1000,10000   other sizes for (a)
 *
 * A MISS is printed, never hidden; the exit code is non-zero only when a measurement itself failed.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildNotes } from './bench/buildNotes';
import { buildRows, type BenchResults, type ScaleMeasurement } from './bench/buildRows';
import type { CliScaleResult } from './bench/cliScale';
import type { DiffBenchResult } from './bench/diff';
import { describeMachine, machineLine } from './bench/describeMachine';
import type { JestStartupResult } from './bench/jestStartup';
import type { LargeBodiesResult } from './bench/largeBodies';
import type { PacingResult } from './bench/pacing';
import type { ShellsResult } from './bench/shells';
import { renderTable } from './bench/renderTable';
import { runChild } from './bench/runChild';
import type { ThroughputResult } from './bench/throughput';
import { writeLargePair } from './bench/writeLargePair';

export const benchPlan = {
  scaleSizes: [1_000, 10_000, 50_000],
  /** `--huge`: the size a large customer's whole suite set reaches. */
  hugeSize: 200_000,
  jestRuns: 3,
  /** (e): generated cases each shell runs (5,000: the size the issue measured the Jest path at, 2.3× then). */
  shellsSizes: [5_000, 10_000],
  diffWarmRuns: 5,
  timeouts: { diffMs: 60_000, jsondiffpatchMs: 90_000, pacingMs: 60_000, jestMs: 240_000, shellsMs: 900_000, largeBodiesMs: 900_000 },
} as const;

const here = path.join(__dirname, 'bench');
const reportFile = path.resolve(__dirname, '..', 'reports', 'bench.json');

const step = (text: string): void => {
  process.stderr.write(`bench: ${text}\n`);
};

/** Generous: a child that takes longer than this is stuck, not slow (about 20× the time it needs). */
const timeoutFor = (cases: number): number => Math.max(120_000, cases * 20);

async function scaleFigures(sizes: readonly number[]): Promise<ScaleMeasurement[]> {
  const measurements: ScaleMeasurement[] = [];
  for (const cases of sizes) {
    const label = cases.toLocaleString('en-US');
    step(`(a) raw undici loop, ${label} cases …`);
    const raw = await runChild<ThroughputResult>(path.join(here, 'throughput.ts'), ['--cases', String(cases)], { timeoutMs: timeoutFor(cases) });
    step(`    ${raw.ok ? `${raw.result.casesPerSec} cases/s, peak RSS ${raw.result.maxRssMiB} MiB` : `failed: ${raw.reason}`}`);
    step(`(a) parity run, ${label} cases, reports on …`);
    const cli = await runChild<CliScaleResult>(path.join(here, 'cliScale.ts'), ['--cases', String(cases)], { timeoutMs: timeoutFor(cases) });
    step(`    ${cli.ok ? `${cli.result.casesPerSec} cases/s, peak RSS ${cli.result.peakRssMiB} MiB${cli.result.check.problems.length ? `, ${cli.result.check.problems.join('; ')}` : ''}` : `failed: ${cli.reason}`}`);
    measurements.push({ cases, raw, cli });
  }
  return measurements;
}

async function diffFigures(): Promise<BenchResults['diff']> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-pair-'));
  try {
    step('(c) generating the 5 MB pair …');
    const pair = writeLargePair(dir);
    const args = ['--legacy', pair.legacyFile, '--candidate', pair.candidateFile];
    const script = path.join(here, 'diff.ts');
    step('(c) diffJson …');
    const ours = await runChild<DiffBenchResult>(script, ['--engine', 'ours', '--warm', String(benchPlan.diffWarmRuns), ...args], {
      nodeFlags: ['--expose-gc'],
      timeoutMs: benchPlan.timeouts.diffMs,
    });
    step('(c) jsondiffpatch (its array LCS is quadratic: expect tens of seconds) …');
    const jsondiffpatch = await runChild<DiffBenchResult>(script, ['--engine', 'jsondiffpatch', '--warm', '0', ...args], {
      nodeFlags: ['--expose-gc', '--max-old-space-size=4096'],
      timeoutMs: benchPlan.timeouts.jsondiffpatchMs,
    });
    return {
      ours,
      jsondiffpatch,
      pair: `${(pair.legacyBytes / 1e6).toFixed(2)} MB legacy / ${(pair.candidateBytes / 1e6).toFixed(2)} MB candidate, ${pair.items} items, ${pair.expectedChanges} planted changes`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { huge: { type: 'boolean' }, sizes: { type: 'string' } } });
  const sizes = values.sizes ? values.sizes.split(',').map((size) => Number(size.trim())) : [...benchPlan.scaleSizes];
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes takes whole numbers separated by commas, got "${values.sizes}"`);
  if (values.huge) sizes.push(benchPlan.hugeSize);
  const started = Date.now();
  const machine = describeMachine();
  step(machineLine(machine));
  const scale = await scaleFigures(sizes);
  step('(b) pacing …');
  const pacing = await runChild<PacingResult>(path.join(here, 'pacing.ts'), [], { timeoutMs: benchPlan.timeouts.pacingMs });
  const diff = await diffFigures();
  step(`(d) npx jest × ${benchPlan.jestRuns} …`);
  const jest = await runChild<JestStartupResult>(path.join(here, 'jestStartup.ts'), ['--runs', String(benchPlan.jestRuns)], {
    timeoutMs: benchPlan.timeouts.jestMs,
  });

  step(`(e) npm test and parity run on the same ${benchPlan.shellsSizes.map((n) => n.toLocaleString('en-US')).join(' and ')} cases, and on the sample suites …`);
  const shells = await runChild<ShellsResult>(path.join(here, 'shells.ts'), ['--sizes', benchPlan.shellsSizes.join(',')], { timeoutMs: benchPlan.timeouts.shellsMs });

  step('(f) large bodies, 1 MB × 40 and 10 MB × 6 cases …');
  const largeBodies = await runChild<LargeBodiesResult[]>(path.join(here, 'largeBodies.ts'), [], { timeoutMs: benchPlan.timeouts.largeBodiesMs });

  const results: BenchResults = { scale, pacing, diff, jest, shells, largeBodies };
  const rows = buildRows(results);
  const durationMs = Date.now() - started;
  const loadAverageEnd = Math.round(os.loadavg()[0]! * 100) / 100;
  process.stdout.write(`\n${machineLine(machine)}; ${loadAverageEnd} at end; bench took ${(durationMs / 1000).toFixed(0)} s\n`);
  if (machine.loadAverage1m > machine.cores || loadAverageEnd > machine.cores) {
    process.stdout.write(`Note: the load average exceeded the ${machine.cores} cores: other processes competed with the bench; ratios are fairer than absolute numbers.\n`);
  }
  process.stdout.write(`\n${renderTable(rows)}\n\n${buildNotes(results).join('\n')}\n`);

  mkdirSync(path.dirname(reportFile), { recursive: true });
  // Temp file + rename, like the harness's own reports: an interrupted bench never leaves half a file.
  const temp = `${reportFile}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ startedAt: new Date(started).toISOString(), durationMs, machine, loadAverageEnd, rows, notes: buildNotes(results), results }, null, 2)}\n`);
  renameSync(temp, reportFile);
  process.stdout.write(`\nWrote ${path.relative(process.cwd(), reportFile)}\n`);
  const broken = [...scale.flatMap((m) => [m.raw, m.cli]), pacing, diff.ours, diff.jsondiffpatch, jest, shells, largeBodies].some((outcome) => !outcome.ok);
  if (broken) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
