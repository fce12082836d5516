import type { SandboxCredentials } from './types';

/**
 * The sandbox's fixed demo applications. They are not secrets: they only open loopback servers
 * that live as long as one test run. The legacy user name carries the organization key as its
 * last `@` segment, as API Cloud's password grant requires (facts §1); Choreo's does not.
 */
export const sandboxCredentials = {
  legacy: {
    clientId: 'sandbox-apicloud-key',
    clientSecret: 'sandbox-apicloud-secret-7f3a9c',
    username: 'qa@pizzashack.example@acme',
    password: 'sandbox-apicloud-pass-55e1',
    orgKey: 'acme',
  },
  candidate: {
    clientId: 'sandbox-choreo-client',
    clientSecret: 'sandbox-choreo-secret-b81d2e',
    username: 'qa@pizzashack.example',
    password: 'sandbox-choreo-pass-0c4f',
  },
} as const satisfies SandboxCredentials;

/** Scopes either application may be granted (PizzaShack's only scope, facts §6). */
export const grantableScopes: readonly string[] = ['order_pizza'];
