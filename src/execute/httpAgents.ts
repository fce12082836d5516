import { readFileSync } from 'node:fs';
import { rootCertificates, type ConnectionOptions } from 'node:tls';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { NetworkConfig } from '../config/types';
import { proxyFor } from './proxyFor';

/**
 * One keep-alive dispatcher per (pool name, TLS settings, proxy): connections to a target are
 * reused across cases, and a target with verification off, its own CA bundle or its own client
 * certificate never shares a socket with another. Module state on purpose — sockets are a
 * process resource; `closeHttpAgents()` ends them.
 */
const agents = new Map<string, Dispatcher>();

const agentOptions = { keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 } as const;

/** What decides how a request reaches its host: TLS verification and the target's network settings. */
export interface DispatchSettings {
  tlsVerify: boolean;
  /** Proxy, CA bundle and client certificate; absent = direct, public CAs, no client certificate. */
  network?: NetworkConfig;
}

/**
 * The dispatcher for one request to `url`: through the target's proxy unless NO_PROXY exempts
 * the host, verifying with the public CAs plus the target's CA bundle, presenting the target's
 * client certificate (mutual TLS). `pool` is a target name (`legacy`, `candidate`) or another
 * stable name such as `jwks`. API calls, token requests and JWKS fetches all come here.
 */
export function getDispatcher(pool: string, url: string, settings: DispatchSettings): Dispatcher {
  const network = settings.network;
  const protocol = protocolOf(url);
  const proxy = network?.proxy ? proxyFor(url, network.proxy) : undefined;
  const key = [pool, settings.tlsVerify ? 'verify' : 'no-verify', network?.caFile ?? '', network?.clientCertFile ?? '', network?.clientKeyFile ?? '', proxy ?? 'direct', proxy ? protocol : ''].join('|');
  let agent = agents.get(key);
  if (!agent) {
    const tls = tlsOptions(settings);
    agent = proxy
      ? // A plain-http target goes through the proxy as an absolute-form request (what every
        // forward proxy serves; many allow CONNECT to port 443 only); https is tunnelled with CONNECT.
        new ProxyAgent({ ...agentOptions, uri: proxy, requestTls: tls, proxyTunnel: protocol === 'https:' })
      : new Agent({ ...agentOptions, connect: tls });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every agent (in-flight requests finish first); later calls make new agents. */
export async function closeHttpAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((agent) => agent.close()));
}

function tlsOptions(settings: DispatchSettings): ConnectionOptions {
  const network = settings.network;
  const options: ConnectionOptions = { rejectUnauthorized: settings.tlsVerify };
  // The bundle is added to the public roots (as NODE_EXTRA_CA_CERTS does), not put in their
  // place: a private CA for the gateway must not break a token endpoint on a public one.
  if (network?.caFile) options.ca = [...rootCertificates, readFileSync(network.caFile, 'utf8')];
  if (network?.clientCertFile) options.cert = readFileSync(network.clientCertFile, 'utf8');
  if (network?.clientKeyFile) options.key = readFileSync(network.clientKeyFile, 'utf8');
  return options;
}

function protocolOf(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return 'https:';
  }
}
