import http from 'node:http';
import { createApiCloudGateway, legacyApiBase } from './apiCloudGateway';
import { createPizzaShackBackend } from './backend';
import { createCandidateTokens } from './candidateTokens';
import { candidateApiBase, candidateOrg, createChoreoGateway } from './choreoGateway';
import { sandboxCredentials } from './credentials';
import { createGzipBomb } from './gzipBomb';
import { createHugeBody } from './injectFault';
import { listenOnLoopback, type LoopbackServer } from './loopbackServer';
import { resolveSandboxOptions } from './resolveSandboxOptions';
import { createSigningKey, sharedSigningKey } from './signingKey';
import { TimerRegistry } from './timerRegistry';
import type { DeepPartial, Sandbox, SandboxOptions } from './types';

/**
 * Starts the PizzaShack backend and the two emulated gateways on 127.0.0.1 with OS-chosen ports.
 * Every call makes a fresh token-signing key, tokens and orders, so one sandbox never accepts
 * another's tokens; only the backend-JWT keys (never verified) are shared within a process.
 */
export async function startSandbox(input: DeepPartial<SandboxOptions> = {}): Promise<Sandbox> {
  const options = resolveSandboxOptions(input);
  const [candidateKey, legacyBackendKey, candidateBackendKey, unknownKey] = await Promise.all([
    createSigningKey('choreo-sts'),
    sharedSigningKey('apicloud-gw'),
    sharedSigningKey('choreo-gw'),
    options.candidate.signWithUnknownKey ? createSigningKey('unpublished') : Promise.resolve(undefined),
  ]);
  // The bomb is built at startup (milliseconds, ~1 MB) only when asked for; the huge body on first use.
  const bomb = options.fault === 'gzip-bomb' ? createGzipBomb() : undefined;
  let huge: Buffer | undefined;
  const faultBodies = {
    gzipBomb: () => bomb ?? createGzipBomb(),
    hugeBody: () => (huge ??= createHugeBody()),
  };

  const timers = new TimerRegistry();
  const agent = new http.Agent({ keepAlive: true });
  const servers: LoopbackServer[] = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      timers.clear();
      agent.destroy();
      await Promise.all(servers.map((s) => s.close()));
    })());

  try {
    let backendUrl = '';
    const backend = createPizzaShackBackend(() => backendUrl);
    const backendServer = await listenOnLoopback(backend.handle);
    servers.push(backendServer);
    backendUrl = backendServer.url;

    let legacyUrl = '';
    const legacyServer = await listenOnLoopback(
      createApiCloudGateway({ options, backendUrl, gatewayUrl: () => legacyUrl, key: legacyBackendKey, agent }),
    );
    servers.push(legacyServer);
    legacyUrl = legacyServer.url;

    let candidateUrl = '';
    const candidateIssuer = () => `${candidateUrl}/oauth2/token`;
    const candidateServer = await listenOnLoopback(
      createChoreoGateway({
        options,
        backendUrl,
        gatewayUrl: () => candidateUrl,
        tokens: createCandidateTokens({
          issuer: candidateIssuer,
          key: candidateKey,
          unknownKey,
          lifetimeSec: options.candidate.tokenLifetimeSec,
          orgId: candidateOrg.id,
          orgName: candidateOrg.name,
          ownerEmail: sandboxCredentials.candidate.username,
        }),
        key: candidateBackendKey,
        agent,
        timers,
        faultBodies,
      }),
    );
    servers.push(candidateServer);
    candidateUrl = candidateServer.url;

    return {
      urls: { backend: backendUrl, legacyGateway: legacyUrl, candidateGateway: candidateUrl },
      env: {
        LEGACY_TOKEN_URL: `${legacyUrl}/token`,
        LEGACY_REVOKE_URL: `${legacyUrl}/revoke`,
        LEGACY_API_PIZZASHACK_URL: `${legacyUrl}${legacyApiBase}`,
        CANDIDATE_TOKEN_URL: `${candidateUrl}/oauth2/token`,
        CANDIDATE_JWKS_URL: `${candidateUrl}/oauth2/jwks`,
        CANDIDATE_ISSUER: candidateIssuer(),
        CANDIDATE_API_PIZZASHACK_URL: `${candidateUrl}${candidateApiBase}`,
      },
      credentials: { legacy: { ...sandboxCredentials.legacy }, candidate: { ...sandboxCredentials.candidate } },
      stats: () => ({ legacy: legacyServer.requests(), candidate: candidateServer.requests(), backend: backendServer.requests() }),
      lastBackendClaims: (gateway) => backend.lastClaims(gateway),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
