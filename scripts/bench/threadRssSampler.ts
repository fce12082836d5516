import { Worker } from 'node:worker_threads';

/**
 * Samples the process RSS from a worker thread every `intervalMs` — unlike a timer on the main
 * thread, it keeps sampling while the main thread is busy in one long synchronous call (a diff).
 * The peak goes through shared memory, so reading it needs no message round trip.
 */
export async function startThreadRssSampler(intervalMs = 2): Promise<{ stop(): Promise<number> }> {
  const shared = new Float64Array(new SharedArrayBuffer(16));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const peak = new Float64Array(workerData.buffer);
     const sample = () => { const rss = process.memoryUsage.rss(); if (rss > peak[0]) peak[0] = rss; peak[1] += 1; };
     sample();
     setInterval(sample, workerData.intervalMs);`,
    { eval: true, workerData: { buffer: shared.buffer, intervalMs } },
  );
  // Wait for the first sample, so the thread is really running before the measured work starts.
  while (shared[1] === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  return {
    /** Ends the sampling thread and returns the highest RSS it saw, bytes. */
    async stop() {
      const peak = shared[0]!;
      await worker.terminate();
      return peak;
    },
  };
}
