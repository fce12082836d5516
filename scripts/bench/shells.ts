/**
 * The two shells side by side: the same cases through `parity run` and through Jest (`npm test`'s
 * config), each as a user starts it, in its own child process, with reports on.
 *
 *   node -r esbuild-register scripts/bench/shells.ts [--sizes 1000,5000] [--rounds 2]
 *        [--concurrency 16] [--workers N] [--no-sample] [--sample-suite suites/menu.yaml]
 *        [--out result.json]
 *
 * - Generated: N GET cases as suite files (1,000 per file, `writeSuites.ts`) in a temp project,
 *   configured only through variables (`benchProcessEnv.ts`: static tokens, noise baseline on, so
 *   3 requests per case, no rate limit), against the two stub gateways in their own process.
 *   `node bin/parity.js run` with PARITY_CONCURRENCY=c; Jest with `--maxConcurrency=c` and its
 *   default worker count unless `--workers` is given (one worker fewer than the cores: in band
 *   on two cores).
 * - Sample: the repository's own suites/ (with env/ and specs/) copied to a temp project, against
 *   the built-in sandbox, both shells with their defaults: the small-suite comparison. With
 *   `--sample-suite`, both run only that file (`parity run <file>`, `jest <file>`).
 *
 * One project directory serves the warm-up and every size (Jest keys its transform cache by the
 * project's root, so a fresh directory per size would measure a cold cache each time).
 * Jest is started as `node node_modules/jest/bin/jest.js -c jest.config.ts --rootDir <project>
 * --ci` from the repository (what `npx jest` / `npm test` run, without npm's own start, which
 * is no cost of either shell). Wall time, CPU time of the process tree and peak RSS are taken from
 * outside (`measureProcess.ts`). Every run is checked: every case passed and, for generated cases,
 * the stubs received exactly 3 requests per case. Each (shell, size) runs `rounds` times,
 * alternating shells so a burst of outside load lands on both; the fastest run counts.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchProcessEnv } from './benchProcessEnv';
import { describeMachine, type MachineDescription } from './describeMachine';
import { measureProcess, type ProcessMeasurement } from './measureProcess';
import { startStubProcess, type StubProcess } from './startStubProcess';
import { writeResult } from './writeResult';
import { defaultBenchSuitesOptions, writeSuites } from './writeSuites';

export type ShellName = 'cli' | 'jest';

export interface ShellsOptions {
  /** Case counts of the generated comparison; empty skips it. */
  sizes: number[];
  /** Cases at once: PARITY_CONCURRENCY and `*_CONCURRENCY` for `parity run`, `--maxConcurrency` for Jest. */
  concurrency: number;
  /** PARITY_NOISE_CALLS (2: the legacy side is called twice per case). */
  noiseCalls: number;
  /** Jest's `--maxWorkers`; absent = Jest's default. */
  jestWorkers?: number;
  /** Runs per (shell, size); the fastest counts. */
  rounds: number;
  /** Also compare the shells on the repository's sample suites against the built-in sandbox. */
  sample: boolean;
  /** Only this sample suite file (relative to the project, e.g. `suites/menu.yaml`); absent = all of suites/. */
  sampleSuite?: string;
  /** One untimed run of each shell first, so Jest's transform cache and the file cache are warm, as for a user's second run. */
  warmUp: boolean;
}

export const defaultShellsOptions = {
  sizes: [1_000, 5_000],
  concurrency: 16,
  noiseCalls: 2,
  rounds: 1,
  sample: true,
  warmUp: true,
} satisfies ShellsOptions;

export interface ShellRun extends ProcessMeasurement {
  shell: ShellName;
  /** The command as run (paths relative to the repository or the project). */
  command: string;
  /** From the run's results.json; null when it wrote none. */
  summary: { total: number; passed: number; verdict: string } | null;
  /** Requests the stubs received during this run (generated comparisons only). */
  requests?: number;
  /** Why this run does not count, when it does not (exit code, cases not passed, requests missing). */
  problem?: string;
}

export interface ShellComparison {
  label: string;
  /** Cases each shell ran. */
  cases: number;
  runs: ShellRun[];
  /** The fastest valid run of each shell. */
  best: Partial<Record<ShellName, ShellRun>>;
  /** jest ÷ cli, from the best runs; null when a shell has no valid run or no figure. */
  jestOverCli: { wall: number | null; cpu: number | null; peakRss: number | null };
}

export interface ShellsResult {
  machine: MachineDescription;
  options: ShellsOptions;
  generated: ShellComparison[];
  sample?: ShellComparison & {
    /** `parity run` ÷ `npm test` wall time on the sample suites (target ≤ 1.2). */
    cliOverJestWall: number | null;
  };
}

const repoRoot = path.resolve(__dirname, '..', '..');
const parityBin = path.join(repoRoot, 'bin', 'parity.js');
const jestBin = path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
const jestConfig = path.join(repoRoot, 'jest.config.ts');
/** Bounds one run: generous for a loaded two-core machine, never reached by a healthy run. */
const runTimeoutMs = (cases: number): number => 120_000 + cases * 60;

export async function measureShells(options: Partial<ShellsOptions> = {}): Promise<ShellsResult> {
  const settings: ShellsOptions = { ...defaultShellsOptions, ...options };
  const machine = describeMachine();
  const stubs = await startStubProcess({ latencyMs: 0, recordArrivals: false });
  // One project for every size: Jest keys its transform cache by the project's root directory.
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-shells-'));
  try {
    if (settings.warmUp && settings.sizes.length > 0) await compareGenerated(stubs, root, 1, { ...settings, rounds: 1 });
    const generated: ShellComparison[] = [];
    for (const cases of settings.sizes) generated.push(await compareGenerated(stubs, root, cases, settings));
    const sample = settings.sample ? await compareSample(settings) : undefined;
    return {
      machine,
      options: settings,
      generated,
      sample: sample ? { ...sample, cliOverJestWall: ratio(sample.best.cli?.wallMs, sample.best.jest?.wallMs) } : undefined,
    };
  } finally {
    await stubs.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

async function compareGenerated(stubs: StubProcess, root: string, cases: number, settings: ShellsOptions): Promise<ShellComparison> {
  rmSync(path.join(root, 'suites'), { recursive: true, force: true });
  writeSuites(root, { ...defaultBenchSuitesOptions, cases });
  const variables = benchProcessEnv({ api: defaultBenchSuitesOptions.api, urls: stubs.urls, concurrency: settings.concurrency, noiseCalls: settings.noiseCalls });
  const expectedRequests = cases * (1 + settings.noiseCalls);
  const runs: ShellRun[] = [];
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const shell of ['cli', 'jest'] as const) {
      const before = await stubs.stats();
      const run = await runShell(shell, root, 'reports', variables, settings, runTimeoutMs(cases));
      const after = await stubs.stats();
      run.requests = after.legacy.requests + after.candidate.requests - before.legacy.requests - before.candidate.requests;
      run.problem ??= checkRun(run, cases) ?? (run.requests === expectedRequests ? undefined : `the stubs received ${run.requests} requests, expected ${expectedRequests}`);
      runs.push(run);
      rmSync(path.join(root, 'reports'), { recursive: true, force: true });
    }
  }
  return summarize(`${cases.toLocaleString('en-US')} generated GET cases`, cases, runs);
}

async function compareSample(settings: ShellsOptions): Promise<ShellComparison> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-bench-sample-'));
  try {
    for (const dir of ['env', 'specs', 'suites']) cpSync(path.join(repoRoot, dir), path.join(root, dir), { recursive: true });
    const runs: ShellRun[] = [];
    const sampleSettings = { ...settings, concurrency: 0 };
    const paths = settings.sampleSuite ? [settings.sampleSuite] : [];
    if (settings.warmUp) for (const shell of ['cli', 'jest'] as const) await runShell(shell, root, 'reports-warm-up', {}, sampleSettings, runTimeoutMs(100), paths);
    for (let round = 0; round < settings.rounds; round += 1) {
      for (const shell of ['cli', 'jest'] as const) {
        const run = await runShell(shell, root, `reports-${shell}-${round}`, {}, sampleSettings, runTimeoutMs(100), paths);
        run.problem ??= checkRun(run, run.summary?.total ?? 0);
        runs.push(run);
      }
    }
    const cases = runs.find((run) => run.summary)?.summary?.total ?? 0;
    return summarize(`${settings.sampleSuite ?? 'the sample suites'} against the built-in sandbox (each shell with its defaults)`, cases, runs);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `concurrency: 0` leaves each shell at its own default (the sample comparison); `paths` narrow both to those suite files. */
async function runShell(shell: ShellName, root: string, reportsName: string, variables: NodeJS.ProcessEnv, settings: ShellsOptions, timeoutMs: number, paths: string[] = []): Promise<ShellRun> {
  const reports = path.join(root, reportsName);
  const env = { ...inheritedEnv(), ...variables, CI: 'true', PARITY_REPORTS_DIR: reports };
  const command =
    shell === 'cli'
      ? { file: parityBin, args: ['run', ...paths], cwd: root }
      : {
          file: jestBin,
          args: [
            '-c',
            jestConfig,
            '--rootDir',
            root,
            '--ci',
            ...(settings.concurrency > 0 ? [`--maxConcurrency=${settings.concurrency}`] : []),
            ...(settings.jestWorkers !== undefined ? [`--maxWorkers=${settings.jestWorkers}`] : []),
            ...paths.map((file) => path.join(root, file)),
          ],
          // As the e2e tests run it: Jest looks for a config above its cwd even when -c names one.
          cwd: repoRoot,
        };
  const measured = await measureProcess(process.execPath, [command.file, ...command.args], { cwd: command.cwd, env, timeoutMs });
  const summary = readSummary(reports);
  return {
    shell,
    command: `node ${path.relative(repoRoot, command.file)} ${command.args.map((arg) => (arg.startsWith(root) ? `<project>${arg.slice(root.length)}` : arg.startsWith(repoRoot) ? path.relative(repoRoot, arg) : arg)).join(' ')}`,
    ...measured,
    summary,
    problem: measured.timedOut ? `killed after ${Math.round(timeoutMs / 1000)} s` : undefined,
  };
}

function checkRun(run: ShellRun, cases: number): string | undefined {
  if (run.exitCode !== 0) return `exited with code ${run.exitCode}: ${run.outputTail.slice(-600)}`;
  if (!run.summary) return 'wrote no results.json';
  if (run.summary.total !== cases || run.summary.passed !== cases) return `${run.summary.passed} of ${run.summary.total} cases passed, expected ${cases} of ${cases}`;
  return undefined;
}

function summarize(label: string, cases: number, runs: ShellRun[]): ShellComparison {
  const best: Partial<Record<ShellName, ShellRun>> = {};
  for (const run of runs) {
    if (run.problem) continue;
    const current = best[run.shell];
    if (!current || run.wallMs < current.wallMs) best[run.shell] = run;
  }
  const cpu = (run: ShellRun | undefined): number | undefined => (run && run.cpuUserMs !== null && run.cpuSystemMs !== null ? run.cpuUserMs + run.cpuSystemMs : undefined);
  return {
    label,
    cases,
    // The output tail is only worth keeping where it explains a problem.
    runs: runs.map((run) => (run.problem ? run : { ...run, outputTail: '' })),
    best: Object.fromEntries(Object.entries(best).map(([shell, run]) => [shell, { ...run, outputTail: '' }])),
    jestOverCli: {
      wall: ratio(best.jest?.wallMs, best.cli?.wallMs),
      cpu: ratio(cpu(best.jest), cpu(best.cli)),
      peakRss: ratio(best.jest?.peakRssMiB ?? undefined, best.cli?.peakRssMiB ?? undefined),
    },
  };
}

function ratio(numerator: number | undefined, denominator: number | undefined): number | null {
  if (numerator === undefined || denominator === undefined || denominator <= 0) return null;
  return Math.round((numerator / denominator) * 100) / 100;
}

function readSummary(reports: string): ShellRun['summary'] {
  const file = path.join(reports, 'results.json');
  if (!existsSync(file)) return null;
  try {
    const { summary } = JSON.parse(readFileSync(file, 'utf8')) as { summary: { total: number; passed: number; verdict: string } };
    return { total: summary.total, passed: summary.passed, verdict: summary.verdict };
  } catch {
    return null;
  }
}

/** The bench's own environment without any harness variable, so a developer's exported LEGACY_* cannot leak into a run. */
function inheritedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(PARITY_|LEGACY_|CANDIDATE_|JEST_|NODE_OPTIONS$)/.test(name)));
}

function renderComparison(comparison: ShellComparison): string {
  const row = (shell: ShellName): string => {
    const run = comparison.best[shell];
    if (!run) return `  ${shell.padEnd(4)}  no valid run: ${comparison.runs.find((r) => r.shell === shell)?.problem ?? 'not run'}`;
    const cpu = run.cpuUserMs === null || run.cpuSystemMs === null ? 'n/a' : `${((run.cpuUserMs + run.cpuSystemMs) / 1000).toFixed(1)} s`;
    return `  ${shell.padEnd(4)}  wall ${(run.wallMs / 1000).toFixed(1)} s  cpu ${cpu}  peak RSS ${run.peakRssMiB ?? 'n/a'} MiB  processes ${run.peakProcesses}`;
  };
  const { wall, cpu, peakRss } = comparison.jestOverCli;
  return [`${comparison.label}:`, row('cli'), row('jest'), `  jest/cli  wall ${wall ?? 'n/a'}×  cpu ${cpu ?? 'n/a'}×  peak RSS ${peakRss ?? 'n/a'}×`].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      rounds: { type: 'string' },
      concurrency: { type: 'string' },
      workers: { type: 'string' },
      'no-sample': { type: 'boolean' },
      'sample-suite': { type: 'string' },
      'no-warm-up': { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const positive = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${text}"`);
    return value;
  };
  const result = await measureShells({
    ...(values.sizes !== undefined ? { sizes: values.sizes.split(',').filter((s) => s !== '').map((s) => positive('sizes', s)) } : {}),
    ...(values.rounds !== undefined ? { rounds: positive('rounds', values.rounds) } : {}),
    ...(values.concurrency !== undefined ? { concurrency: positive('concurrency', values.concurrency) } : {}),
    ...(values.workers !== undefined ? { jestWorkers: positive('workers', values.workers) } : {}),
    ...(values['no-sample'] ? { sample: false } : {}),
    ...(values['sample-suite'] !== undefined ? { sampleSuite: values['sample-suite'] } : {}),
    ...(values['no-warm-up'] ? { warmUp: false } : {}),
  });
  const text = [...result.generated, ...(result.sample ? [result.sample] : [])].map(renderComparison).join('\n');
  process.stderr.write(`${text}${result.sample ? `\n  cli/jest  wall ${result.sample.cliOverJestWall ?? 'n/a'}× (target ≤ 1.2)` : ''}\n`);
  writeResult(values.out, result);
  const failed = [...result.generated, ...(result.sample ? [result.sample] : [])].some((comparison) => !comparison.best.cli || !comparison.best.jest);
  if (failed) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
