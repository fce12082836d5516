import type { BenchResults } from './buildRows';

/**
 * The diagnostics printed under the table: where the time of each figure went, so a MISS comes
 * with its first clue. Every number here is also in reports/bench.json.
 */
export function buildNotes(results: BenchResults): string[] {
  const notes: string[] = [];

  for (const m of results.scale) {
    if (m.raw.ok) {
      const r = m.raw.result;
      notes.push(`(a) raw ${String(r.cases).padStart(7)} cases: ${r.wallMs} ms wall, ${r.casesPerSec} cases/s, ${r.cpuPerCaseUs} µs CPU/case, peak RSS ${r.maxRssMiB} MiB, ${r.failures} non-200`);
    }
    if (m.cli.ok) {
      const r = m.cli.result;
      notes.push(
        `(a) cli ${String(r.cases).padStart(7)} cases: ${r.wallMs} ms wall (first request after ${r.headMs} ms, exit ${r.tailMs} ms after the last), ` +
          `${r.casesPerSec} cases/s, ${r.cpuPerCaseUs} µs CPU/case, peak RSS ${r.peakRssMiB} MiB, exit ${r.exitCode}, verdict ${r.check.verdict}, ` +
          `${r.check.passed}/${r.check.total} passed, ${r.requests}/${r.expectedRequests} requests${r.check.problems.length ? `, problems: ${r.check.problems.join('; ')}` : ''}`,
      );
      if (r.output) notes.push(`(a) cli ${r.cases} cases printed: ${r.output.slice(-400).replace(/\s+/g, ' ')}`);
    }
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
  if (results.shells.ok) {
    for (const c of [...results.shells.result.generated, ...(results.shells.result.sample ? [results.shells.result.sample] : [])]) {
      for (const run of Object.values(c.best)) {
        const cpu = run.cpuUserMs === null || run.cpuSystemMs === null ? 'n/a' : `${((run.cpuUserMs + run.cpuSystemMs) / 1000).toFixed(1)} s`;
        notes.push(`(e) ${c.label}, ${run.shell}: wall ${(run.wallMs / 1000).toFixed(1)} s, CPU of the process tree ${cpu}, peak RSS of the tree ${run.peakRssMiB ?? 'n/a'} MiB, ${run.peakProcesses} processes at most`);
      }
    }
  }
  return notes;
}
