import { ContractError } from '../errors';

export interface ContractLocation {
  line?: number;
  column?: number;
  /** Key path inside the document: `paths./menu.get.responses.200`. */
  path?: string;
}

/** `specs/x.yaml:14:7 paths./menu: message` — the same first line every harness error has. */
export function contractError(file: string, location: ContractLocation, message: string, hint?: string, cause?: unknown): ContractError {
  const position = location.line === undefined ? '' : `:${location.line}${location.column === undefined ? '' : `:${location.column}`}`;
  return new ContractError(`${file}${position}${location.path ? ` ${location.path}` : ''}: ${message}`, {
    file,
    ...location,
    hint,
    cause,
  });
}

/** `paths./order/{orderId}.get` — readable, not a JSON pointer, because people read it. */
export function formatDocumentPath(keys: readonly (string | number)[]): string {
  return keys.map((key) => (typeof key === 'number' ? `[${key}]` : key)).join('.').replace(/\.\[/g, '[');
}
