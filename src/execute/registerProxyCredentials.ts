import type { NetworkConfig } from '../config/types';
import type { Redactor } from './redactor';

/**
 * A corporate proxy URL often carries a login (`http://user:password@proxy:3128`). undici sends
 * it as `Proxy-Authorization: Basic base64(user:password)`; the password, and the pair the Basic
 * header encodes, are secrets of the run like any client secret.
 */
export function registerProxyCredentials(network: NetworkConfig, target: string, redactor: Redactor): void {
  for (const url of [network.proxy?.http, network.proxy?.https]) {
    if (url === undefined) continue;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if (parsed.password === '') continue;
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    redactor.addClientCredentials(user, password, `${target}.proxy_password`);
  }
}
