import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Side = 'legacy' | 'candidate';

export interface CallGate {
  /** The sandbox's `<TARGET>_API_<NAME>_URL` variables pointed at the gate: same paths, the gate's origins. */
  env: Record<string, string>;
  /** API calls each side of the gate received, the held one included. */
  received: Record<Side, number>;
  /** Answers each side of the gate finished handing to the client. */
  answered: Record<Side, number>;
  /** Candidate calls held so far: received, never forwarded, never answered. */
  held: number;
  /** Resolves as soon as `condition` holds: checked now, and after every call received and every answer sent. */
  until(condition: (gate: CallGate) => boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * A loopback relay in front of both gateways' API base URLs, so that a test waits for calls and
 * answers rather than for time. Every call goes upstream unchanged and its answer comes back
 * unchanged, except the candidate's `holdCandidateCall`-th call: that one is held — never
 * forwarded, never answered — until the client gives up on it or the gate closes. The case that
 * made it stays in flight for as long as the test needs, however fast or loaded the machine is.
 * Token endpoints are not behind the gate.
 */
export async function startCallGate(sandboxEnv: Record<string, string>, options: { holdCandidateCall: number }): Promise<CallGate> {
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const servers: http.Server[] = [];
  const gate: CallGate = {
    env: {},
    received: { legacy: 0, candidate: 0 },
    answered: { legacy: 0, candidate: 0 },
    held: 0,
    until: (condition) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!condition(gate)) return;
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
      }),
    close: async () => {
      listeners.clear();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };

  const relay = async (side: Side, upstream: URL): Promise<string> => {
    const server = http.createServer((req, res) => {
      gate.received[side] += 1;
      if (side === 'candidate' && gate.received.candidate === options.holdCandidateCall) {
        gate.held += 1;
        notify();
        return;
      }
      notify();
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host }, agent: false },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      res.on('finish', () => {
        gate.answered[side] += 1;
        notify();
      });
      req.pipe(forward);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  const relays = new Map<string, string>();
  for (const [name, value] of Object.entries(sandboxEnv)) {
    const side = /^(LEGACY|CANDIDATE)_API_\w+_URL$/.exec(name)?.[1]?.toLowerCase() as Side | undefined;
    if (!side) continue;
    const url = new URL(value);
    const key = `${side} ${url.origin}`;
    if (!relays.has(key)) relays.set(key, await relay(side, url));
    gate.env[name] = `${relays.get(key)!}${url.pathname}`;
  }
  return gate;
}
