import type { NetworkConfig, RetryConfig } from '../config/types';
import type { CaptureSpec } from '../suite/types';
import type { Exchange, TargetName } from '../model/result';
import type { Redactor } from './redactor';

/** Grants permission to send one request to a target, honouring its rate and concurrency limits. */
export interface Pacer {
  /** Resolves when a request may start; call the returned function when it has finished. */
  acquire(target: TargetName, signal?: AbortSignal): Promise<() => void>;
  /** Tells the pacer a target answered 429 and should not be called before `untilMs` (epoch ms). */
  pause(target: TargetName, untilMs: number): void;
  close(): Promise<void>;
}

export interface OutgoingRequest {
  target: TargetName;
  method: string;
  url: string;
  /** Already templated; may hold secrets (Authorization): they are redacted when recorded. */
  headers: Record<string, string>;
  body?: string | Buffer;
  /** GET/HEAD/OPTIONS/PUT/DELETE without `mutating` overrides: 5xx/reset retries allowed. */
  idempotent: boolean;
  /** Credential-named captures of the step: their values are registered as secrets before the answer is recorded. */
  secretCaptures?: Readonly<Record<string, CaptureSpec>>;
}

export interface SendSettings {
  timeoutMs: number;
  tlsVerify: boolean;
  /** The target's proxy, CA bundle and client certificate; absent = direct. */
  network?: NetworkConfig;
  followRedirects: 'same-host' | 'never' | 'any';
  retry: RetryConfig;
  /**
   * The recording cap (see `recordBody`): a larger body is recorded whole with its sha256, so the
   * engine can compare all of it and then keep only its head in the step's record.
   */
  maxRecordedBodyBytes: number;
  signal?: AbortSignal;
  /** The run's secret registry: the exchange is redacted with it as it is recorded. */
  redactor: Redactor;
  /** Every attempt (retries and redirect hops too) is paced; 429s pause the target. */
  pacer: Pacer;
  /** Safety limits; unset ones come from `defaultSendLimits`. */
  limits?: Partial<SendLimits>;
  /**
   * Handed the final response BEFORE redaction, once, for the engine's captures (a captured
   * `token` must be sent onward as it is); never recorded or reported.
   */
  onUnredactedResponse?: (response: UnredactedResponse) => void;
}

/** A response as it came off the wire (content decoding done), for captures only. */
interface UnredactedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface SendLimits {
  /** Longest wait for a 429 (Retry-After, nextAccessTime or window) before giving up with an error. */
  maxThrottleWaitMs: number;
  /** The throttling window assumed when a 429 says nothing about when to come back. */
  throttleWindowMs: number;
  /** Hard cap on the decoded (inflated) body read from the wire; a gzip bomb stops here. */
  maxInflatedBodyBytes: number;
  /** Redirect hops followed when `followRedirects` allows them. */
  maxRedirects: number;
}

/**
 * Sends one request and records the exchange. Never throws for target trouble (refused
 * connection, timeout, reset, bad body): the returned exchange carries `error` instead, so one
 * bad case never stops the others.
 */
export type SendRequest = (request: OutgoingRequest, settings: SendSettings) => Promise<Exchange>;
