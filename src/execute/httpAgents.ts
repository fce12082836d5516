import { Agent } from 'undici';

/**
 * One keep-alive agent per (pool name, tlsVerify): connections to a target are reused across
 * cases, and a target with verification off never shares a socket with one that verifies.
 * Module state on purpose — sockets are a process resource; `closeHttpAgents()` ends them.
 */
const agents = new Map<string, Agent>();

export const agentOptions = { keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 } as const;

/** `pool` is a target name (`legacy`, `candidate`) or another stable name such as `jwks`. */
export function getHttpAgent(pool: string, tlsVerify: boolean): Agent {
  const key = `${pool}|${tlsVerify ? 'verify' : 'no-verify'}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ ...agentOptions, connect: { rejectUnauthorized: tlsVerify } });
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
