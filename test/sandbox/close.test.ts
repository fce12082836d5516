import http from 'node:http';
import net from 'node:net';
import { startSandbox } from '../../src/sandbox/startSandbox';
import { accessToken, apiUrl, call } from './helpers';

/** Live servers and sockets on the given ports (either end), from Node's list of active handles. */
function handlesOn(ports: Set<number>): unknown[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => {
    if (h instanceof net.Server) {
      const address = h.address();
      return typeof address === 'object' && address !== null && ports.has(address.port);
    }
    if (h instanceof net.Socket) return ports.has(h.localPort ?? -1) || ports.has(h.remotePort ?? -1);
    return false;
  });
}
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('Sandbox.close()', () => {
  it('ends idle keep-alive, stalled and delayed connections at once and leaves no TCP handle or timer behind', async () => {
    const timersBefore = timers();
    const sandbox = await startSandbox({ candidate: { delayMs: 30_000 } });
    const agent = new http.Agent({ keepAlive: true });
    const ports = new Set(Object.values(sandbox.urls).map((u) => Number(new URL(u).port)));
    try {
      // An idle keep-alive connection to each gateway and the backend's connection from the gateway's agent.
      const token = await accessToken(sandbox, agent, 'legacy');
      expect((await call(agent, 'get', apiUrl(sandbox, 'legacy', '/menu')).set('authorization', `Bearer ${token}`)).status).toBe(200);
      // A call the candidate is still "delaying" when close() runs.
      const pending = new Promise<string>((resolve) => {
        const req = http.get(apiUrl(sandbox, 'candidate', '/menu'), { agent }, () => resolve('answered'));
        req.on('error', (error) => resolve(error.message));
      });
      while (sandbox.stats().candidate === 0) await new Promise((r) => setTimeout(r, 5));
      // The three servers and, at least, the connections of the pending call.
      expect(handlesOn(ports).length).toBeGreaterThan(3);

      // close() must not wait out the 30 s delay: the pending call is cut, never answered.
      await sandbox.close();
      expect(await pending).toBe('socket hang up');

      // The client's ends learn of the closed connections on later turns of the event loop.
      while (Object.keys(agent.sockets).length > 0 || Object.keys(agent.freeSockets).length > 0) await new Promise((r) => setImmediate(r));
      expect(Object.keys(agent.sockets)).toEqual([]);
      expect(Object.keys(agent.freeSockets)).toEqual([]);
      agent.destroy();
      expect(handlesOn(ports)).toEqual([]);
      expect(timers()).toBeLessThanOrEqual(timersBefore);
    } finally {
      // Idempotent: a failed assertion above must not leave servers running.
      await sandbox.close();
      agent.destroy();
    }
  });

  it('refuses new connections once closed', async () => {
    const sandbox = await startSandbox();
    const url = sandbox.env.LEGACY_TOKEN_URL!;
    await sandbox.close();
    await expect(fetch(url, { method: 'POST' })).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });
});
