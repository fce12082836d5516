import type { Exchange, TargetName } from '../model/result';
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
  /**
   * `live` sends HTTP. Anything else (`baseline` replays files, `mirror` copies the other side's
   * answer while recording) never sends, so the engine attaches no credentials for it.
   */
  readonly kind: 'live' | 'baseline' | 'mirror';
  exchange(key: CallKey, request: OutgoingRequest, settings: SendSettings): Promise<Exchange>;
  /** Called once when the run ends (a recorder writes its manifest here). */
  finish?(): Promise<void>;
  /**
   * The API's base URL on this side when the source knows it better than the environment: a
   * baseline answers with the URL it was recorded at, so `{{base}}` and URL rewriting match the
   * recorded bodies. Undefined falls back to `*_API_<NAME>_URL`.
   */
  baseUrl?(api: string): string | undefined;
  /** This source answers from the other target's exchange of the same call: the engine calls that target first. */
  readonly after?: TargetName;
}

export function liveExchangeSource(send: SendRequest): ExchangeSource {
  return {
    kind: 'live',
    exchange: (_key, request, settings) => send(request, settings),
  };
}
