import { escapeControlChars } from '../shared/escapeControlChars';

/**
 * Jest prints a thrown error's stack under its message; a diff reads better without one. The
 * message reaches the terminal: its control characters are written as visible escapes.
 */
export function readableError(raw: string): Error {
  const message = escapeControlChars(raw);
  const error = new Error(message);
  error.stack = message;
  return error;
}
