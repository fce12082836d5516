import path from 'node:path';
import { ConfigError } from '../errors';
import { didYouMeanSuffix } from '../shared/didYouMean';
import { envFilePath } from './envFile';
import { describeOrigin, resolveValue, type ResolvedValue, type ValueLayer } from './precedence';
import { createSecret } from './secret';
import { describeVariable } from './variables';
import type { Secret } from './types';

/**
 * Several configuration problems, reported together so a new env file is fixed in one pass. It
 * is a `ConfigError` (file, line, path and hint of the first problem); each problem is in
 * `errors` and on its own line of the message.
 */
export class ConfigErrorList extends ConfigError {
  readonly errors: ConfigError[];

  constructor(errors: ConfigError[]) {
    const first = errors[0]!;
    super(errors.map((error) => error.message).join('\n'), { file: first.file, line: first.line, path: first.path, hint: first.hint });
    this.errors = errors;
  }
}

/** Located problems (by file, then line) sort before those that belong to no line. */
function compareLocated(a: ConfigError, b: ConfigError): number {
  if ((a.line === undefined) !== (b.line === undefined)) return a.line === undefined ? 1 : -1;
  const byFile = (a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : 0;
  return byFile || (a.line ?? 0) - (b.line ?? 0);
}

const booleanWords: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false, on: true, off: false };

/**
 * Typed reads of variables through the precedence rule. A bad or missing value is recorded and a
 * harmless stand-in returned, so one pass finds every problem; `throwIfAny` raises them.
 */
export class EnvReader {
  private readonly errors: ConfigError[] = [];

  constructor(
    private readonly layers: readonly ValueLayer[],
    /** The environment's name: `env/<name>.env` is where missing variables belong. */
    readonly envName: string,
    readonly root: string,
  ) {}

  get expectedFile(): string {
    return envFilePath(this.envName);
  }

  raw(name: string): ResolvedValue | undefined {
    return resolveValue(this.layers, name);
  }

  string(name: string): string | undefined {
    return this.raw(name)?.value.trim();
  }

  boolean(name: string, fallback: boolean): boolean {
    const found = this.raw(name);
    if (!found) return fallback;
    const value = booleanWords[found.value.trim().toLowerCase()];
    if (value !== undefined) return value;
    this.invalid(found, `"${found.value}" is not true or false`, `Write ${name}=true or ${name}=false.`);
    return fallback;
  }

  integer<T extends number | null>(name: string, fallback: T): number | T {
    const found = this.raw(name);
    if (!found) return fallback;
    const info = describeVariable(name)?.kind;
    const min = info?.type === 'integer' ? info.min : 0;
    const text = found.value.trim().replace(/_/g, '');
    const example = `${name}=${fallback ?? Math.max(min, 1)}`;
    if (!/^-?\d+$/.test(text)) {
      this.invalid(found, `"${found.value}" is not a whole number`, `${this.purpose(name)}Write a whole number of at least ${min}, for example ${example}.`);
      return fallback;
    }
    const value = Number(text);
    if (value < min) {
      this.invalid(found, `${value} is too small: the minimum is ${min}`, `${this.purpose(name)}For example ${example}.`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const found = this.raw(name);
    if (!found) return fallback;
    const text = found.value.trim();
    const match = allowed.find((value) => value === text) ?? allowed.find((value) => value.toLowerCase() === text.toLowerCase());
    if (match !== undefined) return match;
    this.invalid(found, `unknown value "${text}".${didYouMeanSuffix(text, allowed)}`, `${this.purpose(name)}Allowed: ${allowed.join(', ')}.`);
    return fallback;
  }

  url(name: string): string | undefined {
    const found = this.raw(name);
    if (!found) return undefined;
    const text = found.value.trim();
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      this.invalid(found, `"${text}" is not a URL`, `${this.purpose(name)}Write a full URL with scheme and host, e.g. https://gateway.example.com/path.`);
      return undefined;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      this.invalid(found, `"${text}" is not an http(s) URL`, `${this.purpose(name)}Use https:// (or http:// for a local gateway).`);
      return undefined;
    }
    if (parsed.username || parsed.password) {
      this.invalid(found, 'the URL holds credentials', 'Put credentials in the CLIENT_ID/CLIENT_SECRET (or USERNAME/PASSWORD) variables, never in a URL: URLs appear in reports.');
      return undefined;
    }
    return text.replace(/\/+$/, '');
  }

  secret(name: string): Secret | undefined {
    const found = this.raw(name);
    return found ? createSecret(name, found.value) : undefined;
  }

  /** A path resolved against the project root. */
  path(name: string): string | undefined {
    const value = this.string(name);
    return value === undefined ? undefined : path.resolve(this.root, value);
  }

  /** Records that `name` is needed (`because` says by what) and not set anywhere. */
  missing(name: string, because: string): void {
    const file = this.expectedFile;
    const local = envFilePath(this.envName, true);
    const info = describeVariable(name);
    const where = info?.kind.type === 'secret' ? `${local} (git-ignored) or ${file}` : file;
    this.errors.push(
      new ConfigError(`${name} is not set: ${because}. Expected in ${file} or the process environment.`, {
        file,
        path: name,
        hint: `Add ${name}=<${info?.describes ?? 'value'}> to ${where}, or export it before running.`,
      }),
    );
  }

  /** Records a problem with a value that is set. */
  invalid(found: ResolvedValue, problem: string, hint?: string): void {
    const origin = found.origin;
    this.errors.push(
      new ConfigError(`${describeOrigin(found.name, origin)}: ${problem}`, {
        file: origin.kind === 'file' ? origin.file : undefined,
        line: origin.kind === 'file' ? origin.line : undefined,
        path: found.name,
        hint,
      }),
    );
  }

  /** Records a problem that belongs to no single value. */
  problem(error: ConfigError): void {
    this.errors.push(error);
  }

  /** Throws what was recorded: problems in files first, in file and line order, then missing variables. */
  throwIfAny(): void {
    const sorted = this.errors
      .map((error, index) => ({ error, index }))
      .sort((a, b) => compareLocated(a.error, b.error) || a.index - b.index)
      .map(({ error }) => error);
    if (sorted.length === 1) throw sorted[0]!;
    if (sorted.length > 1) throw new ConfigErrorList(sorted);
  }

  private purpose(name: string): string {
    const info = describeVariable(name);
    return info ? `${name} is ${info.describes}. ` : '';
  }
}
