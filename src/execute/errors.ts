import { HarnessError } from '../errors';

/**
 * Execute-stage outcomes that are not covered by the shared error classes. Each is recorded on
 * the exchange (`exchange.error`), never thrown out of `sendRequest`.
 */

/** The run was interrupted (Ctrl-C, run timeout) while this request was waiting or in flight. */
export class InterruptedError extends HarnessError {
  override name = 'Interrupted' as const;
}

/** A target kept answering 429 after the allowed retries, or asked for a longer wait than allowed. */
export class ThrottledError extends HarnessError {
  override name = 'ThrottledError' as const;
}

/** More redirects than `maxRedirects`. */
export class RedirectLimitError extends HarnessError {
  override name = 'RedirectLimitError' as const;
}
