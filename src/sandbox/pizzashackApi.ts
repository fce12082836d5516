/**
 * The PizzaShack API as both gateways publish it (facts §6): context `/pizzashack`, version
 * `1.0.0`, and scope `order_pizza` on the operations that change orders. A request under the API
 * whose method and path match none of these is a "no matching resource" fault (facts §3).
 */
export interface ApiOperation {
  method: string;
  /** Resource template as the gateway reports it, e.g. `/order/{orderId}`. */
  template: string;
  scopes: readonly string[];
}

export const pizzashackApi = {
  context: '/pizzashack',
  version: '1.0.0',
  operations: [
    { method: 'GET', template: '/menu', scopes: [] },
    { method: 'POST', template: '/order', scopes: ['order_pizza'] },
    { method: 'GET', template: '/order/{orderId}', scopes: [] },
    { method: 'PUT', template: '/order/{orderId}', scopes: ['order_pizza'] },
    { method: 'DELETE', template: '/order/{orderId}', scopes: ['order_pizza'] },
  ] satisfies ApiOperation[],
} as const;

/** The operation a request's method and resource path (the part after the API base) select. */
export function matchOperation(method: string, resourcePath: string): ApiOperation | undefined {
  return pizzashackApi.operations.find((op) => op.method === method.toUpperCase() && templateMatches(op.template, resourcePath));
}

function templateMatches(template: string, path: string): boolean {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return false;
  return want.every((segment, i) => (segment.startsWith('{') ? got[i] !== '' : segment === got[i]));
}

/**
 * Splits a request URL into the resource path and query when it lies under `apiBase` (a path such
 * as `/t/acme/pizzashack/1.0.0`); undefined when it belongs to no API on this gateway.
 */
export function underApiBase(url: string, apiBase: string): { resourcePath: string; search: string } | undefined {
  const parsed = new URL(url, 'http://gateway');
  const path = parsed.pathname;
  if (path !== apiBase && !path.startsWith(`${apiBase}/`)) return undefined;
  return { resourcePath: path.slice(apiBase.length), search: parsed.search };
}
