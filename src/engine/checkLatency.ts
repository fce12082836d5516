import type { CaseLatency, Difference } from '../model/result';
import type { LatencyThresholds } from '../suite/types';

/**
 * Latency parity: the candidate's median may exceed the legacy's by at most the configured ratio
 * or added milliseconds. A breach is a regression that shows both timings.
 */
export function checkLatency(thresholds: LatencyThresholds, latency: CaseLatency): Difference[] {
  const { legacyMs, candidateMs } = latency;
  if (legacyMs === null || candidateMs === null) return [];
  const found: Difference[] = [];
  const breach = (rule: string, reason: string): Difference => ({
    area: 'latency',
    path: 'latency.median',
    kind: 'threshold',
    legacy: round(legacyMs),
    candidate: round(candidateMs),
    disposition: 'regression',
    rule,
    reason,
  });
  if (thresholds.maxAddedMs !== undefined && candidateMs - legacyMs > thresholds.maxAddedMs) {
    found.push(
      breach(
        'latency.maxAddedMs',
        `candidate median ${round(candidateMs)} ms is ${round(candidateMs - legacyMs)} ms slower than legacy ${round(legacyMs)} ms (allowed: +${thresholds.maxAddedMs} ms)`,
      ),
    );
  }
  if (thresholds.maxRatio !== undefined && legacyMs > 0 && candidateMs / legacyMs > thresholds.maxRatio) {
    found.push(
      breach('latency.maxRatio', `candidate median ${round(candidateMs)} ms is ${(candidateMs / legacyMs).toFixed(2)}× legacy ${round(legacyMs)} ms (allowed: ${thresholds.maxRatio}×)`),
    );
  }
  return found;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
