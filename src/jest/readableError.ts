/** Jest prints a thrown error's stack under its message; a diff reads better without one. */
export function readableError(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}
