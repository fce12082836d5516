import type { StartedEnvironment } from '../engine/environment';
import type { HarnessErrorInfo } from '../model/result';
import type { RedactionServer } from '../execute/redactionServer';

/**
 * What global setup started and global teardown must stop. Jest runs both hooks in its parent
 * process and documents globals as the way to share between them.
 */
export interface RunHandles {
  environment?: StartedEnvironment;
  pacer?: { url: string; close(): Promise<void> };
  /** The run-wide redaction registry every worker shares. */
  redaction?: RedactionServer;
  setupError?: HarnessErrorInfo;
  shard?: { index: number; count: number };
  startedAt: Date;
}

const key = Symbol.for('choreo-parity.runHandles');
type WithHandles = typeof globalThis & { [key]?: RunHandles };

export function setRunHandles(handles: RunHandles): void {
  (globalThis as WithHandles)[key] = handles;
}

export function takeRunHandles(): RunHandles | undefined {
  const handles = (globalThis as WithHandles)[key];
  delete (globalThis as WithHandles)[key];
  return handles;
}
