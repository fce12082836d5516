import type { DeclaredResponse } from './types';

/**
 * The response the contract declares for a status: the exact code, else its range (`4XX`), else
 * `default` — the order the OpenAPI 3.0 Responses Object gives, and the one openapi-response-validator uses.
 * Swagger 2.0 has no ranges; looking for them there costs nothing.
 */
export function findDeclaredResponse(responses: ReadonlyMap<string, DeclaredResponse>, status: number): DeclaredResponse | undefined {
  const code = String(status);
  const range = `${code.charAt(0)}XX`;
  return responses.get(code) ?? responses.get(range) ?? responses.get(range.toLowerCase()) ?? responses.get('default');
}
