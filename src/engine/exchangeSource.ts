import type { Exchange } from '../model/result';
import type { OutgoingRequest, SendRequest, SendSettings } from '../execute/types';

/** Identifies one call of one step of one case: the key a recorded baseline is stored under. */
export interface CallKey {
  caseId: string;
  stepIndex: number;
  /** 0 for the first call, 1 for the noise-baseline repeat. */
  call: number;
}

/**
 * Where a target's exchanges come from. Live targets send HTTP; a recorded baseline answers from
 * files. The engine never knows which one it is talking to.
 */
export interface ExchangeSource {
  readonly kind: 'live' | 'baseline';
  exchange(key: CallKey, request: OutgoingRequest, settings: SendSettings): Promise<Exchange>;
  /** Called once when the run ends (a recorder writes its manifest here). */
  finish?(): Promise<void>;
}

export function liveExchangeSource(send: SendRequest): ExchangeSource {
  return {
    kind: 'live',
    exchange: (_key, request, settings) => send(request, settings),
  };
}
