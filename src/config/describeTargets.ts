import { targetNames, type TargetInfo, type TargetName } from '../model/result';
import type { AuthConfig, EnvConfig } from './types';

/** What reports may say about the targets: hosts (scheme, host, port), never paths or credentials. */
export function describeTargets(config: EnvConfig): Record<TargetName, TargetInfo> {
  const entries = targetNames.map((name): [TargetName, TargetInfo] => {
    const target = config.targets[name];
    const urls = [...Object.values(target.apis).map((api) => api.baseUrl), ...tokenUrls(target.auth)];
    const hosts = [...new Set(urls.flatMap((url) => originOf(url)))].sort();
    return [
      name,
      {
        name,
        profile: target.profile,
        hosts,
        auth: describeAuth(target.auth),
        tlsVerify: target.tlsVerify,
        baseline: target.baselineDir,
      },
    ];
  });
  return Object.fromEntries(entries) as Record<TargetName, TargetInfo>;
}

function tokenUrls(auth: AuthConfig): string[] {
  return (auth.kind === 'client_credentials' || auth.kind === 'password') && auth.tokenUrl ? [auth.tokenUrl] : [];
}

function originOf(url: string): string[] {
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

function describeAuth(auth: AuthConfig): string {
  switch (auth.kind) {
    case 'client_credentials':
    case 'password':
      return auth.scope ? `${auth.kind} (scope: ${auth.scope})` : auth.kind;
    case 'static':
      return 'static token';
    case 'api_key':
      return `API key (header ${auth.header})`;
    case 'none':
      return 'none';
    default: {
      const never: never = auth;
      throw new Error(`unknown auth ${JSON.stringify(never)}`);
    }
  }
}
