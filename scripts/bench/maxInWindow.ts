/**
 * The most arrivals any window of `windowMs` contains, wherever it is placed — what a gateway
 * counting a sliding (or any fixed) window of that length could ever see. `times` in ms, any order.
 */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    // A window [t, t + windowMs) holding sorted[first..last].
    while (sorted[last]! - sorted[first]! >= windowMs) first += 1;
    best = Math.max(best, last - first + 1);
  }
  return best;
}
