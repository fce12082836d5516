import http from 'node:http';
import request, { type Response } from 'supertest';
import { startSandbox } from '../../src/sandbox/startSandbox';
import type { DeepPartial, Sandbox, SandboxOptions } from '../../src/sandbox/types';

/**
 * Test plumbing for the sandbox tests: one keep-alive agent per test file (supertest would open
 * a TCP connection per request otherwise) and small helpers that speak each gateway's protocol.
 */
export function keepAliveAgent(): http.Agent {
  return new http.Agent({ keepAlive: true });
}

/**
 * Starts a sandbox with the given options before the enclosing describe's tests and closes it
 * after them, so key generation is paid in a hook, not inside a test's time budget.
 */
export function useSandbox(options: DeepPartial<SandboxOptions> = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(options);
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return () => {
    if (!sandbox) throw new Error('the sandbox has not started (is useSandbox called inside describe?)');
    return sandbox;
  };
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** supertest against an absolute URL through the given agent. */
export function call(agent: http.Agent, method: 'get' | 'post' | 'put' | 'delete' | 'patch' | 'options', url: string) {
  const { origin, pathname, search } = new URL(url);
  return request(origin)[method](`${pathname}${search}`).agent(agent);
}

export type Side = 'legacy' | 'candidate';

export async function tokenResponse(
  sandbox: Sandbox,
  agent: http.Agent,
  side: Side,
  form: Record<string, string>,
  auth = basic(sandbox.credentials[side].clientId, sandbox.credentials[side].clientSecret),
) {
  const url = side === 'legacy' ? sandbox.env.LEGACY_TOKEN_URL! : sandbox.env.CANDIDATE_TOKEN_URL!;
  return call(agent, 'post', url).set('authorization', auth).type('form').send(form);
}

/** An access token from the client_credentials grant; `scope` undefined asks for every grantable scope. */
export async function accessToken(sandbox: Sandbox, agent: http.Agent, side: Side, scope?: string): Promise<string> {
  const res = await tokenResponse(sandbox, agent, side, { grant_type: 'client_credentials', ...(scope === undefined ? {} : { scope }) });
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${res.text}`);
  return (res.body as { access_token: string }).access_token;
}

export function apiUrl(sandbox: Sandbox, side: Side, resource: string): string {
  return `${side === 'legacy' ? sandbox.env.LEGACY_API_PIZZASHACK_URL : sandbox.env.CANDIDATE_API_PIZZASHACK_URL}${resource}`;
}

export const sampleOrder = {
  customerName: 'Jane Doe',
  address: '1 Main Street, Colombo',
  pizzaType: 'Margherita',
  creditCardNumber: '4111111111111111',
  quantity: 2,
  delivered: false,
};

/** A JWT with no signature: what the backend accepts (it decodes, never verifies). */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.`;
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A supertest parser that collects any body as text into `res.body` (superagent leaves application/xml unread). */
export function asText(res: Response, done: (err: Error | null, body: string) => void): void {
  const stream = res as unknown as http.IncomingMessage;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => done(null, text));
}
