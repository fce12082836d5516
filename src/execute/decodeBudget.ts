/**
 * Bytes of decoded response bodies held at once, across every request in flight in this
 * process. The per-body cap (`maxInflatedBodyBytes`) stops one gzip bomb; it does not stop eight
 * concurrent ones (eight 250 KB bombs each inflating to the 64 MiB cap held 1.35 GiB and
 * starved every other request). A body that finds the shared budget spent is cut where it is,
 * exactly as at its own cap.
 */
export class DecodeBudget {
  private used = 0;
  private highest = 0;

  constructor(readonly limitBytes: number) {}

  /** Takes up to `bytes` from the budget; returns how many were granted (0 when it is spent). */
  take(bytes: number): number {
    const granted = Math.max(0, Math.min(bytes, this.limitBytes - this.used));
    this.used += granted;
    this.highest = Math.max(this.highest, this.used);
    return granted;
  }

  /** Gives back what a finished body took. */
  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }

  /** The most ever held at once: what the budget bounded. */
  get peak(): number {
    return this.highest;
  }
}

/** Four bodies at the per-body cap: generous for real APIs, a bound for hostile ones. */
const decodeBudgetDefaults = { bytesInFlight: 256 * 1024 * 1024 } as const;

/** The process's budget: memory is a process resource, shared by every target and case (like the sockets of `httpAgents`). */
export const processDecodeBudget = new DecodeBudget(decodeBudgetDefaults.bytesInFlight);
