import type { HarnessErrorInfo, TargetName } from './model/result';

/**
 * "The harness broke" — as opposed to "the gateways differ". Every subclass carries enough
 * context to say what, where, why and what to do; none is ever shown with a stack trace when
 * it comes from a user's mistake.
 */
export interface HarnessErrorContext {
  hint?: string;
  target?: TargetName;
  file?: string;
  line?: number;
  column?: number;
  /** Key path inside the file, e.g. `cases[3].request.method`. */
  path?: string;
  cause?: unknown;
}

export class HarnessError extends Error {
  override name: string = 'HarnessError';
  readonly hint?: string;
  readonly target?: TargetName;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly path?: string;

  constructor(message: string, context: HarnessErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.hint = context.hint;
    this.target = context.target;
    this.file = context.file;
    this.line = context.line;
    this.column = context.column;
    this.path = context.path;
  }

  /** `file:line:col path: message` — the form editors and CI logs turn into links. */
  get location(): string {
    if (!this.file) return this.path ?? '';
    const pos = this.line === undefined ? '' : `:${this.line}${this.column === undefined ? '' : `:${this.column}`}`;
    return `${this.file}${pos}${this.path ? ` ${this.path}` : ''}`;
  }

  toInfo(): HarnessErrorInfo {
    return {
      name: this.name,
      message: this.message,
      hint: this.hint,
      target: this.target,
      file: this.file,
      line: this.line,
      path: this.path,
    };
  }
}

/** A suite file is malformed: bad YAML, unknown key, wrong type, bad rule. */
export class SuiteError extends HarnessError {
  override name = 'SuiteError' as const;
}

/** The environment is incomplete or contradictory: a missing variable, an unknown profile. */
export class ConfigError extends HarnessError {
  override name = 'ConfigError' as const;
}

/** A token endpoint refused to issue a token (invalid_client, invalid_grant, …) or answered nonsense. */
export class AuthError extends HarnessError {
  override name = 'AuthError' as const;
}

/** A target could not be reached: DNS, refused connection, TLS failure, timeout. */
export class TargetUnreachableError extends HarnessError {
  override name = 'TargetUnreachableError' as const;
}

/** A request timed out (per-request or total run timeout). */
export class TimeoutError extends HarnessError {
  override name = 'TimeoutError' as const;
}

/** A recorded baseline is missing, unreadable or fails its checksum. */
export class BaselineError extends HarnessError {
  override name = 'BaselineError' as const;
}

/** An OpenAPI document does not parse or uses a version the validator does not support. */
export class ContractError extends HarnessError {
  override name = 'ContractError' as const;
}

/** The run refused to do something unsafe (a write against production without the flag). */
export class SafetyError extends HarnessError {
  override name = 'SafetyError' as const;
}

/** A template referenced a variable that no capture, suite var or env var defines. */
export class TemplateError extends HarnessError {
  override name = 'TemplateError' as const;
}

/** The run was interrupted (Ctrl-C, run timeout) while a request was waiting or in flight. */
export class InterruptedError extends HarnessError {
  override name = 'Interrupted' as const;
}

/** A target kept answering 429 after the allowed retries, or asked for a longer wait than allowed. */
export class ThrottledError extends HarnessError {
  override name = 'ThrottledError' as const;
}

/** More redirects than the allowed maximum. */
export class RedirectLimitError extends HarnessError {
  override name = 'RedirectLimitError' as const;
}

/** Turns anything thrown into the info the result model keeps; unknown errors keep their message. */
export function toErrorInfo(error: unknown): HarnessErrorInfo {
  if (error instanceof HarnessError) return error.toInfo();
  if (error instanceof Error) return { name: error.name || 'Error', message: error.message };
  return { name: 'Error', message: String(error) };
}

/** One line for people: `location: message` plus the hint on its own line. */
export function formatHarnessError(info: HarnessErrorInfo): string {
  // Loader messages already start with `file:line:col path:`; never print the location twice.
  const located = info.file !== undefined && info.message.startsWith(info.file);
  const where = info.file && !located ? `${info.file}${info.line === undefined ? '' : `:${info.line}`}${info.path ? ` ${info.path}` : ''}: ` : '';
  const target = info.target && !where ? `[${info.target}] ` : '';
  return `${target}${where}${info.message}${info.hint ? `\n  → ${info.hint}` : ''}`;
}
