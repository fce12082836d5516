import type { DiffBenchResult } from './diff';
import type { JestStartupResult } from './jestStartup';
import type { LargeBodiesResult } from './largeBodies';
import type { PacingResult } from './pacing';
import type { ShellComparison, ShellsResult } from './shells';
import type { BenchRow, Verdict } from './renderTable';
import type { ChildOutcome } from './runChild';
import type { CliScaleResult } from './cliScale';
import type { ThroughputResult } from './throughput';

/** The targets, in one place (issue "Any number of cases" and the earlier benchmark brief). */
const benchTargets = {
  /** `parity run` with every report written, against the raw undici loop on the same cases. */
  throughputRatio: 0.35,
  /** Peak RSS of `parity run` at the largest default size (50,000 cases). */
  rssMiB: 300,
  /** Peak RSS at 50,000 cases within this factor of 10,000: memory does not grow with the run. */
  rssFlatRatio: 1.2,
  /** Report sizes at 50,000 passing cases. */
  htmlBytes: 25e6,
  junitBytes: 15e6,
  pacingEfficiency: 0.9,
  diffMs: 100,
  diffMiB: 200,
  jestFirstRequestMs: 1_500,
  /** `npm test` (Jest) wall time ÷ `parity run`'s on the same generated cases. */
  jestOverCli: 1.5,
  /** `parity run` wall time ÷ `npm test`'s on the sample suites. */
  cliOverJestSmall: 1.2,
} as const;

export interface ScaleMeasurement {
  cases: number;
  raw: ChildOutcome<ThroughputResult>;
  cli: ChildOutcome<CliScaleResult>;
}

export interface BenchResults {
  scale: ScaleMeasurement[];
  pacing: ChildOutcome<PacingResult>;
  diff: { ours: ChildOutcome<DiffBenchResult>; jsondiffpatch: ChildOutcome<DiffBenchResult>; pair: string };
  jest: ChildOutcome<JestStartupResult>;
  shells: ChildOutcome<ShellsResult>;
  largeBodies: ChildOutcome<LargeBodiesResult[]>;
}

const verdict = (pass: boolean): Verdict => (pass ? 'PASS' : 'MISS');
const fixed = (value: number, digits = 2): string => value.toFixed(digits);
const thousands = (value: number): string => value.toLocaleString('en-US');
const megabytes = (bytes: number): string => `${fixed(bytes / 1e6, 1)} MB`;
const failed = (figure: string, outcome: { ok: false; reason: string }, target: string): BenchRow => ({
  figure,
  measured: `FAILED (${outcome.reason.slice(0, 80)})`,
  baseline: '—',
  ratio: '—',
  target,
  verdict: 'MISS',
});

export function buildRows(results: BenchResults): BenchRow[] {
  return [...scaleRows(results.scale), ...pacingRows(results.pacing), ...diffRows(results.diff), ...jestRows(results.jest), ...shellRows(results.shells), ...largeBodyRows(results.largeBodies)];
}

/** The reports a user reads or a CI parses, by the figure's short name. */
const junitFiles = ['junit.xml', 'junit-strict.xml'] as const;

function scaleRows(scale: readonly ScaleMeasurement[]): BenchRow[] {
  const rows: BenchRow[] = [];
  const done = scale.flatMap((m) => (m.cli.ok ? [{ cases: m.cases, cli: m.cli.result, raw: m.raw.ok ? m.raw.result : undefined }] : []));
  for (const m of scale) {
    if (!m.cli.ok) rows.push(failed(`(a) parity run, ${thousands(m.cases)} cases`, m.cli, 'completes'));
    if (!m.raw.ok) rows.push(failed(`(a) raw undici loop, ${thousands(m.cases)} cases`, m.raw, 'completes'));
  }
  for (const { cases, cli, raw } of done) {
    const clean = cli.exitCode === 0 && cli.check.problems.length === 0 && cli.requests === cli.expectedRequests;
    const ratio = raw ? cli.casesPerSec / raw.casesPerSec : null;
    rows.push({
      figure: `(a) parity run, ${thousands(cases)} GET cases, reports on${clean ? '' : ` ⚠ ${cli.check.problems[0] ?? `exit ${cli.exitCode}`}`}`,
      measured: `${thousands(cli.casesPerSec)} cases/s`,
      baseline: raw ? `${thousands(raw.casesPerSec)} cases/s raw undici` : 'raw failed',
      ratio: ratio === null ? '—' : `${fixed(ratio)}×`,
      target: `≥ ${benchTargets.throughputRatio}×`,
      verdict: ratio === null ? 'MISS' : verdict(ratio >= benchTargets.throughputRatio && clean),
    });
  }
  for (const { cases, cli, raw } of done) {
    rows.push({
      figure: `(a) peak RSS of parity run @ ${thousands(cases)} cases`,
      measured: `${fixed(cli.peakRssMiB, 1)} MiB`,
      baseline: raw ? `${fixed(raw.maxRssMiB, 1)} MiB raw` : '—',
      ratio: raw ? `${fixed(cli.peakRssMiB / raw.maxRssMiB)}×` : '—',
      target: `≤ ${benchTargets.rssMiB} MiB`,
      verdict: verdict(cli.peakRssMiB <= benchTargets.rssMiB),
    });
  }
  const at = (cases: number) => done.find((d) => d.cases === cases)?.cli;
  const ten = at(10_000);
  const fifty = at(50_000);
  if (ten && fifty) {
    const growth = fifty.peakRssMiB / ten.peakRssMiB;
    rows.push({
      figure: '(a) peak RSS 10,000 → 50,000 cases',
      measured: `${fixed(fifty.peakRssMiB, 1)} MiB`,
      baseline: `${fixed(ten.peakRssMiB, 1)} MiB @ 10,000`,
      ratio: `${fixed(growth)}×`,
      target: `≤ ${benchTargets.rssFlatRatio}×`,
      verdict: verdict(growth <= benchTargets.rssFlatRatio),
    });
  }
  if (fifty) {
    const bytes = fifty.reportBytes;
    rows.push({
      figure: '(a) parity-report.html @ 50,000 passing cases',
      measured: megabytes(bytes['parity-report.html'] ?? 0),
      baseline: `${thousands(Math.round((bytes['parity-report.html'] ?? 0) / 50_000))} B/case`,
      ratio: '—',
      target: `≤ ${megabytes(benchTargets.htmlBytes)}`,
      verdict: verdict((bytes['parity-report.html'] ?? Infinity) <= benchTargets.htmlBytes && fifty.check.htmlRows === 50_000),
    });
    for (const file of junitFiles) {
      rows.push({
        figure: `(a) ${file} @ 50,000 passing cases, well-formed, one testcase each`,
        measured: megabytes(bytes[file] ?? 0),
        baseline: `${thousands(Math.round((bytes[file] ?? 0) / 50_000))} B/case`,
        ratio: '—',
        target: `≤ ${megabytes(benchTargets.junitBytes)}`,
        verdict: verdict((bytes[file] ?? Infinity) <= benchTargets.junitBytes && fifty.check.junitValid && (file === 'junit.xml' ? fifty.check.junitCases : fifty.check.junitStrictCases) === 50_000),
      });
    }
  }
  for (const { cases, cli, raw } of done) {
    rows.push({
      figure: `(a) bytes per case @ ${thousands(cases)}: ${Object.entries(cli.reportBytes)
        .map(([file, b]) => `${file} ${thousands(Math.round(b / cases))}`)
        .join(', ')}`,
      measured: `${thousands(cli.cpuPerCaseUs)} µs CPU/case`,
      baseline: raw ? `${thousands(raw.cpuPerCaseUs)} µs raw` : '—',
      ratio: raw ? `${fixed(cli.cpuPerCaseUs / raw.cpuPerCaseUs, 1)}×` : '—',
      target: 'info',
      verdict: 'info',
    });
  }
  return rows;
}

function pacingRows(outcome: BenchResults['pacing']): BenchRow[] {
  if (!outcome.ok) return [failed('(b) pacing efficiency', outcome, `≥ ${benchTargets.pacingEfficiency}`)];
  return outcome.result.scenarios.flatMap((s, index): BenchRow[] => {
    const label = index === 0 ? 'runParity, RATE_LIMIT_PER_MIN' : 'pacer, scaled window';
    const windowLabel = s.windowMs >= 60_000 ? `${s.windowMs / 1000} s` : `${s.windowMs} ms`;
    const seen = Math.max(s.maxInWindow.legacy, s.maxInWindow.candidate);
    return [
      {
        figure: `(b) pacing efficiency (${label})${s.failures ? ` ⚠ ${s.failures} failed` : ''}`,
        measured: `${thousands(s.wallMs)} ms wall`,
        baseline: `${thousands(s.theoreticalMs)} ms ${s.bound}-bound min`,
        ratio: fixed(s.efficiency),
        target: `≥ ${benchTargets.pacingEfficiency}`,
        verdict: verdict(s.efficiency >= benchTargets.pacingEfficiency && s.failures === 0),
      },
      {
        figure: `(b) most requests in any ${windowLabel} at a stub (${label})`,
        measured: `${thousands(seen)}`,
        baseline: `limit ${thousands(s.limitPerWindow)}`,
        ratio: fixed(seen / s.limitPerWindow),
        target: '≤ 1.00',
        verdict: verdict(seen <= s.limitPerWindow),
      },
    ];
  });
}

function diffRows({ ours, jsondiffpatch }: BenchResults['diff']): BenchRow[] {
  const rows: BenchRow[] = [];
  const theirs = jsondiffpatch.ok ? jsondiffpatch.result : undefined;
  const theirsText = (value: (r: DiffBenchResult) => string): string => (theirs ? value(theirs) : jsondiffpatch.ok ? '—' : `jsondiffpatch ${jsondiffpatch.reason}`);
  if (!ours.ok) return [failed('(c) diff 5 MB by-key', ours, `≤ ${benchTargets.diffMs} ms`)];
  const r = ours.result;
  rows.push({
    figure: '(c) diff 5 MB by-key, first run',
    measured: `${fixed(r.firstMs, 1)} ms`,
    baseline: theirsText((t) => `${thousands(Math.round(t.firstMs))} ms jsondiffpatch`),
    ratio: theirs ? `${fixed(r.firstMs / theirs.firstMs, 4)}×` : '—',
    target: `≤ ${benchTargets.diffMs} ms`,
    verdict: verdict(r.firstMs <= benchTargets.diffMs),
  });
  if (r.warmMedianMs !== null) {
    rows.push({
      figure: `(c) diff 5 MB by-key, warm median of ${r.warmRuns}`,
      measured: `${fixed(r.warmMedianMs, 1)} ms`,
      baseline: theirsText((t) => (t.warmMedianMs === null ? 'not repeated' : `${fixed(t.warmMedianMs, 1)} ms`)),
      ratio: theirs?.warmMedianMs ? `${fixed(r.warmMedianMs / theirs.warmMedianMs, 4)}×` : '—',
      target: `≤ ${benchTargets.diffMs} ms`,
      verdict: verdict(r.warmMedianMs <= benchTargets.diffMs),
    });
  }
  const extra = Math.max(r.extraHeapMiB, r.extraPeakRssMiB);
  rows.push({
    figure: '(c) diff extra memory (max of Δheap, Δpeak RSS)',
    measured: `${fixed(extra, 1)} MiB`,
    baseline: theirsText((t) => `${fixed(Math.max(t.extraHeapMiB, t.extraPeakRssMiB), 1)} MiB jsondiffpatch`),
    ratio: theirs ? `${fixed(extra / Math.max(theirs.extraHeapMiB, theirs.extraPeakRssMiB, 0.1), 4)}×` : '—',
    target: `≤ ${benchTargets.diffMiB} MiB`,
    verdict: verdict(extra <= benchTargets.diffMiB),
  });
  return rows;
}

function jestRows(outcome: BenchResults['jest']): BenchRow[] {
  const target = `≤ ${thousands(benchTargets.jestFirstRequestMs)} ms`;
  if (!outcome.ok) return [failed('(d) npx jest → first sandbox request', outcome, target)];
  const { runs, medianFirstRequestMs } = outcome.result;
  const npx = runs.flatMap((r) => (r.jestProcessMs === null ? [] : [r.jestProcessMs])).sort((a, b) => a - b);
  const npxMedian = npx.length ? npx[Math.floor(npx.length / 2)]! : null;
  return [
    {
      figure: `(d) npx jest → first sandbox request, median of ${runs.length} (${runs.map((r) => r.firstRequestMs ?? '—').join(', ')} ms)`,
      measured: medianFirstRequestMs === null ? 'no request seen' : `${thousands(medianFirstRequestMs)} ms`,
      baseline: npxMedian === null ? '—' : `${thousands(npxMedian)} ms of it before Jest's process`,
      ratio: medianFirstRequestMs === null ? '—' : `${fixed(medianFirstRequestMs / benchTargets.jestFirstRequestMs)}× of target`,
      target,
      verdict: medianFirstRequestMs === null ? 'MISS' : verdict(medianFirstRequestMs <= benchTargets.jestFirstRequestMs),
    },
  ];
}

function shellRows(outcome: BenchResults['shells']): BenchRow[] {
  if (!outcome.ok) return [failed('(e) npm test and parity run on the same cases', outcome, `≤ ${benchTargets.jestOverCli}×`)];
  const seconds = (ms: number | undefined): string => (ms === undefined ? '—' : `${fixed(ms / 1000, 1)} s`);
  const problem = (c: ShellComparison): string => c.runs.find((r) => r.problem)?.problem ?? '';
  const rows: BenchRow[] = outcome.result.generated.map((c) => ({
    figure: `(e) npm test (Jest) vs parity run, ${thousands(c.cases)} cases, reports on${c.best.cli && c.best.jest ? '' : ` ⚠ ${problem(c)}`}`,
    measured: `${seconds(c.best.jest?.wallMs)} npm test`,
    baseline: `${seconds(c.best.cli?.wallMs)} parity run`,
    ratio: c.jestOverCli.wall === null ? '—' : `${fixed(c.jestOverCli.wall)}×`,
    target: `≤ ${benchTargets.jestOverCli}×`,
    verdict: c.jestOverCli.wall === null ? 'MISS' : verdict(c.jestOverCli.wall <= benchTargets.jestOverCli),
  }));
  const sample = outcome.result.sample;
  if (sample) {
    rows.push({
      figure: `(e) parity run vs npm test, the sample suites (${thousands(sample.cases)} cases)${sample.best.cli && sample.best.jest ? '' : ` ⚠ ${problem(sample)}`}`,
      measured: `${seconds(sample.best.cli?.wallMs)} parity run`,
      baseline: `${seconds(sample.best.jest?.wallMs)} npm test`,
      ratio: sample.cliOverJestWall === null ? '—' : `${fixed(sample.cliOverJestWall)}×`,
      target: `≤ ${benchTargets.cliOverJestSmall}×`,
      verdict: sample.cliOverJestWall === null ? 'MISS' : verdict(sample.cliOverJestWall <= benchTargets.cliOverJestSmall),
    });
  }
  return rows;
}

function largeBodyRows(outcome: BenchResults['largeBodies']): BenchRow[] {
  if (!outcome.ok) return [failed('(f) large bodies', outcome, 'completes')];
  return outcome.result.flatMap((r): BenchRow[] => {
    const label = `${fixed(r.bodyBytes / 1e6, 0)} MB × ${r.cases}`;
    const signoff = r.engine.reportBytes['signoff.md'] ?? 0;
    return [
      {
        figure: `(f) large bodies ${label}, reports on (peak RSS ${fixed(r.engine.maxRssMiB, 0)} MiB; results.json ${megabytes(r.engine.reportBytes['results.json'] ?? 0)})`,
        measured: `${fixed(r.engine.wallMs / 1000, 1)} s, ${fixed(r.engine.cpuMs / 1000, 1)} s CPU`,
        baseline: `${fixed(r.raw.wallMs / 1000, 1)} s, ${fixed(r.raw.cpuMs / 1000, 1)} s CPU raw`,
        ratio: `${fixed(r.ratio, 1)}× wall, ${fixed(r.cpuRatio, 1)}× CPU`,
        target: 'info',
        verdict: 'info',
      },
      {
        figure: `(f) large bodies ${label}: every kind of difference counted, sign-off summarised`,
        measured: `${thousands(r.engine.summary.regressions)} regressions, ${thousands(r.engine.summary.noise)} noise; signoff.md ${thousands(Math.round(signoff / 1024))} KiB`,
        baseline: `${r.pair.plantedChanges} planted changes per body`,
        ratio: '—',
        target: 'noise > 0, sign-off ≤ 64 KiB',
        verdict: verdict(r.engine.summary.noise > 0 && signoff <= 64 * 1024 && !r.engine.firstError),
      },
    ];
  });
}
