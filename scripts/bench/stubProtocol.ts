/** Messages between the benchmark and its stub-gateway child process (fork IPC). */
export type StubProcessRequest = { type: 'stats' } | { type: 'stop' };

export interface StubTargetStats {
  requests: number;
  /** Epoch ms of each request's arrival; empty unless the stubs record arrivals. */
  arrivals: number[];
}

export type StubProcessReply =
  | { type: 'ready'; urls: { legacy: string; candidate: string } }
  | { type: 'stats'; legacy: StubTargetStats; candidate: StubTargetStats };
