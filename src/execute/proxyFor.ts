import type { ProxyConfig } from '../config/types';

const defaultPorts: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * The proxy a request to `url` goes through, or undefined for a direct connection — the rules
 * curl and undici's EnvHttpProxyAgent apply: `https:` URLs use the HTTPS proxy (falling back to
 * the HTTP one), `http:` URLs the HTTP proxy; a NO_PROXY entry exempts its host and every
 * subdomain (`example.com`, `.example.com` and `*.example.com` alike), optionally on one port
 * (`host:8443`); `*` exempts everything.
 */
export function proxyFor(url: string, proxy: ProxyConfig): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const chosen = parsed.protocol === 'https:' ? (proxy.https ?? proxy.http) : parsed.protocol === 'http:' ? proxy.http : undefined;
  if (chosen === undefined) return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(parsed.port) || defaultPorts[parsed.protocol] || 0;
  return proxy.noProxy.some((entry) => exempts(entry, host, port)) ? undefined : chosen;
}

function exempts(entry: string, host: string, port: number): boolean {
  if (entry === '*') return true;
  const match = /^(.+?)(?::(\d+))?$/.exec(entry.trim().toLowerCase());
  if (!match) return false;
  const name = match[1]!.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
  if (match[2] !== undefined && Number(match[2]) !== port) return false;
  return host === name || host.endsWith(`.${name}`);
}
