/**
 * Headers an imported case does not send: credentials (the harness attaches each target's own),
 * hop-by-hop and transport headers the HTTP client sets itself, and browser-only noise that would
 * make both gateways answer conditionally (`if-none-match` → 304) or vary by client.
 */
const dropped = new Set([
  'authorization',
  'cookie',
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'accept-encoding',
  'te',
  'upgrade',
  'if-none-match',
  'if-modified-since',
  'referer',
  'user-agent',
  'postman-token',
  'cache-control',
  'pragma',
]);

export function keepHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return !dropped.has(lower) && !lower.startsWith(':') && !lower.startsWith('sec-');
}
