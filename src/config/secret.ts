import { inspect } from 'node:util';
import type { Secret } from './types';

/**
 * A secret value that prints as `«secret:VAR_NAME»` everywhere — string conversion, JSON,
 * `console.log`/`util.inspect`, template literals. Only `reveal()` returns the value, so every
 * place that needs the real thing is easy to find. The value lives in a private field: it is not
 * an own enumerable property, so spreading or `Object.entries` cannot leak it either.
 */
class SecretValue implements Secret {
  readonly #value: string;

  constructor(
    readonly source: string,
    value: string,
  ) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return `«secret:${this.source}»`;
  }

  toJSON(): string {
    return this.toString();
  }

  [inspect.custom](): string {
    return this.toString();
  }

  [Symbol.toPrimitive](): string {
    return this.toString();
  }
}

export function createSecret(source: string, value: string): Secret {
  return new SecretValue(source, value);
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof SecretValue;
}
