import type { BenchResults } from './buildRows';
import type { ThroughputResult } from './throughput';

/**
 * The diagnostics printed under the table: where the time of each figure went, so a MISS comes
 * with its first clue. Every number here is also in reports/bench.json.
 */
export function buildNotes(results: BenchResults): string[] {
  const notes: string[] = [];
  const ok = <T>(outcomes: ReadonlyArray<{ ok: boolean; result?: T }>): T[] => outcomes.flatMap((o) => (o.ok && o.result ? [o.result] : []));

  const runs = [...ok<ThroughputResult>(results.throughput.raw), ...ok<ThroughputResult>(results.throughput.engine)];
  for (const r of runs) {
    notes.push(
      `(a) ${r.mode.padEnd(6)} ${String(r.cases).padStart(6)} cases: ${r.wallMs} ms wall (first request after ${r.headMs} ms, done ${r.tailMs} ms after the last), ` +
        `${r.casesPerSec} cases/s, ${r.cpuPerCaseUs} µs CPU/case, peak RSS ${r.peakRssMiB} MiB (kernel maxRSS ${r.maxRssMiB} MiB)` +
        `${r.statuses ? `, ${JSON.stringify(r.statuses)}, ${r.noiseDifferences} differences excused as noise` : ''}${r.firstProblem ? `, first problem: ${r.firstProblem}` : ''}`,
    );
  }

  if (results.pacing.ok) {
    for (const s of results.pacing.result.scenarios) {
      const t = s.timeline;
      notes.push(
        `(b) ${s.name}: ${s.requests.legacy} legacy + ${s.requests.candidate} candidate requests; first request after ${t.firstArrivalMs} ms, ` +
          `mean gap ${t.meanGapMs} ms (ideal ${t.idealGapMs} ms), done ${t.afterLastArrivalMs} ms after the last` +
          `${s.maxInOneSecond ? `; most in any 1 s: ${s.maxInOneSecond.legacy} legacy / ${s.maxInOneSecond.candidate} candidate` : ''}`,
      );
    }
  }

  for (const outcome of [results.diff.ours, results.diff.jsondiffpatch]) {
    if (!outcome.ok) continue;
    const r = outcome.result;
    notes.push(
      `(c) ${r.engine}: first ${r.firstMs} ms${r.warmMedianMs === null ? '' : `, warm median ${r.warmMedianMs} ms`}; Δheap ${r.extraHeapMiB} MiB, ` +
        `Δpeak RSS ${r.extraPeakRssMiB} MiB; found ${r.found}`,
    );
  }
  notes.push(`(c) pair: ${results.diff.pair}`);

  if (results.jest.ok) {
    results.jest.result.runs.forEach((r, i) =>
      notes.push(
        `(d) run ${i + 1}: spawn → Jest's process ${r.jestProcessMs ?? '—'} ms → first server listening +${r.jestToListenMs ?? '—'} ms → ` +
          `first request (${r.firstRequest ?? 'none'}) +${r.listenToRequestMs ?? '—'} ms = ${r.firstRequestMs ?? '—'} ms; whole run ${r.totalMs} ms, exit ${r.exitCode}`,
      ),
    );
  }
  return notes;
}
