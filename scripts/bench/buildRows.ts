import type { DiffBenchResult } from './diff';
import type { JestStartupResult } from './jestStartup';
import type { PacingResult } from './pacing';
import type { BenchRow, Verdict } from './renderTable';
import type { ChildOutcome } from './runChild';
import type { ThroughputResult } from './throughput';

/** The brief's targets, in one place. */
const benchTargets = {
  throughputRatio: 0.35,
  rssMiB: 400,
  /** Our reading of "RSS is flat as cases grow": 10,000 cases within 1.25× of 2,500. */
  rssFlatRatio: 1.25,
  pacingEfficiency: 0.9,
  diffMs: 100,
  diffMiB: 200,
  jestFirstRequestMs: 1_500,
} as const;

export interface BenchResults {
  throughput: { engine: Array<ChildOutcome<ThroughputResult>>; raw: Array<ChildOutcome<ThroughputResult>> };
  pacing: ChildOutcome<PacingResult>;
  diff: { ours: ChildOutcome<DiffBenchResult>; jsondiffpatch: ChildOutcome<DiffBenchResult>; pair: string };
  jest: ChildOutcome<JestStartupResult>;
}

const verdict = (pass: boolean): Verdict => (pass ? 'PASS' : 'MISS');
const fixed = (value: number, digits = 2): string => value.toFixed(digits);
const thousands = (value: number): string => value.toLocaleString('en-US');
const failed = (figure: string, outcome: { ok: false; reason: string }, target: string): BenchRow => ({
  figure,
  measured: `FAILED (${outcome.reason.slice(0, 80)})`,
  baseline: '—',
  ratio: '—',
  target,
  verdict: 'MISS',
});

export function buildRows(results: BenchResults): BenchRow[] {
  return [...throughputRows(results.throughput), ...pacingRows(results.pacing), ...diffRows(results.diff), ...jestRows(results.jest)];
}

/** The fastest run of each size (peak RSS: the highest of that size's runs, to stay conservative). */
function bestBySize(outcomes: ReadonlyArray<ChildOutcome<ThroughputResult>>): ThroughputResult[] {
  const bySize = new Map<number, ThroughputResult>();
  for (const outcome of outcomes) {
    if (!outcome.ok) continue;
    const r = outcome.result;
    const known = bySize.get(r.cases);
    if (!known) bySize.set(r.cases, r);
    else {
      const best = r.casesPerSec > known.casesPerSec ? r : known;
      bySize.set(r.cases, { ...best, peakRssMiB: Math.max(r.peakRssMiB, known.peakRssMiB) });
    }
  }
  return [...bySize.values()].sort((a, b) => a.cases - b.cases);
}

function throughputRows({ engine, raw }: BenchResults['throughput']): BenchRow[] {
  const rows: BenchRow[] = [];
  const rawBest = bestBySize(raw).pop();
  const bySize = bestBySize(engine);
  const largest = bySize[bySize.length - 1];
  const brokenEngine = engine.find((outcome): outcome is { ok: false; reason: string; timedOut: boolean; wallMs: number } => !outcome.ok);
  if (brokenEngine) rows.push(failed('(a) an engine run', brokenEngine, 'completes'));
  const brokenRaw = raw.find((outcome): outcome is { ok: false; reason: string; timedOut: boolean; wallMs: number } => !outcome.ok);
  if (brokenRaw) rows.push(failed('(a) a raw undici run', brokenRaw, 'completes'));
  if (largest) {
    const ratio = rawBest ? largest.casesPerSec / rawBest.casesPerSec : null;
    const clean = largest.statuses?.passed === largest.cases && largest.requests === largest.expectedRequests;
    rows.push({
      figure: `(a) throughput, ${thousands(largest.cases)} GET cases (${thousands(largest.requests)} req)${clean ? '' : ' ⚠ not all passed'}`,
      measured: `${thousands(largest.casesPerSec)} cases/s`,
      baseline: rawBest ? `${thousands(rawBest.casesPerSec)} cases/s raw undici` : 'raw failed',
      ratio: ratio === null ? '—' : `${fixed(ratio)}×`,
      target: `≥ ${benchTargets.throughputRatio}×`,
      verdict: ratio === null ? 'MISS' : verdict(ratio >= benchTargets.throughputRatio && clean),
    });
    if (rawBest) {
      rows.push({
        figure: '(a) client CPU per case (user + system)',
        measured: `${thousands(largest.cpuPerCaseUs)} µs engine`,
        baseline: `${thousands(rawBest.cpuPerCaseUs)} µs raw undici`,
        ratio: `${fixed(rawBest.cpuPerCaseUs / largest.cpuPerCaseUs)}×`,
        target: 'info',
        verdict: 'info',
      });
    }
  }
  const smallest = bySize[0];
  for (const r of bySize) {
    rows.push({
      figure: `(a) peak RSS @ ${thousands(r.cases)} cases (${thousands(r.casesPerSec)} cases/s)`,
      measured: `${fixed(r.peakRssMiB, 1)} MiB`,
      baseline: rawBest ? `${fixed(rawBest.peakRssMiB, 1)} MiB raw` : '—',
      ratio: smallest && r !== smallest ? `${fixed(r.peakRssMiB / smallest.peakRssMiB)}× of ${thousands(smallest.cases)}` : '1.00×',
      target: `< ${benchTargets.rssMiB} MiB`,
      verdict: verdict(r.peakRssMiB < benchTargets.rssMiB),
    });
  }
  if (smallest && largest && largest !== smallest) {
    const growth = largest.peakRssMiB / smallest.peakRssMiB;
    const perThousand = (largest.peakRssMiB - smallest.peakRssMiB) / ((largest.cases - smallest.cases) / 1000);
    rows.push({
      figure: `(a) RSS growth ${thousands(smallest.cases)} → ${thousands(largest.cases)} cases`,
      measured: `+${fixed(perThousand, 1)} MiB / 1,000 cases`,
      baseline: `${fixed(smallest.peakRssMiB, 1)} MiB @ ${thousands(smallest.cases)}`,
      ratio: `${fixed(growth)}×`,
      target: `flat (≤ ${benchTargets.rssFlatRatio}×)`,
      verdict: verdict(growth <= benchTargets.rssFlatRatio),
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
