/**
 * Every timer a sandbox server starts (added latency, slow drips, stalls) goes through one of
 * these, so `close()` can cancel them all and leave no handle behind.
 */
export class TimerRegistry {
  private readonly timeouts = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();
  private closed = false;

  /** Resolves after `ms`; never resolves once the registry is cleared (the socket is gone by then). */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.closed) return this.closed ? new Promise<void>(() => undefined) : Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timeouts.delete(timer);
        resolve();
      }, ms);
      this.timeouts.add(timer);
    });
  }

  /** Calls `tick` every `ms` until it returns false, the returned stop function runs, or the registry clears. */
  every(ms: number, tick: () => boolean): () => void {
    const timer = setInterval(() => {
      if (!tick()) stop();
    }, ms);
    const stop = () => {
      clearInterval(timer);
      this.intervals.delete(timer);
    };
    this.intervals.add(timer);
    return stop;
  }

  clear(): void {
    this.closed = true;
    for (const t of this.timeouts) clearTimeout(t);
    for (const t of this.intervals) clearInterval(t);
    this.timeouts.clear();
    this.intervals.clear();
  }
}
