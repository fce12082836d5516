export interface RssSample {
  /** Highest `process.memoryUsage.rss()` seen by the sampler, bytes. */
  peakSampledBytes: number;
  /** `process.resourceUsage().maxRSS` (the kernel's high-water mark for the process), bytes. */
  maxRssBytes: number;
  samples: number;
}

const defaultRssIntervalMs = 50;

/**
 * Samples the process RSS every `intervalMs` until `stop()`. The kernel's maxRSS is reported too:
 * it also catches peaks between samples (but covers the process's whole life, not just the run).
 */
export function startRssSampler(intervalMs: number = defaultRssIntervalMs): { stop(): RssSample } {
  let peak = process.memoryUsage.rss();
  let samples = 1;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
    samples += 1;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return { peakSampledBytes: peak, maxRssBytes: process.resourceUsage().maxRSS * 1024, samples: samples + 1 };
    },
  };
}
