import { getEventListeners } from 'node:events';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Redactor } from '../../src/execute/redactor';
import { closeHttpAgents, sendRequest } from '../../src/execute/sendRequest';
import type { OutgoingRequest } from '../../src/execute/types';
import { closedPort, sendSettings, startLoopback, type Loopback } from './loopback';

const secret = 'ca19a540f544777860e44e75f605d927';

function request(url: string, extra: Partial<OutgoingRequest> = {}): OutgoingRequest {
  return { target: 'candidate', method: 'GET', url, headers: {}, idempotent: true, ...extra };
}

/**
 * A few event-loop turns. Server and client share this process's loop, and bytes written to a
 * loopback socket are readable at once, so after these turns the client has read what the server
 * wrote before them — an ordering, not a wait, so it holds on a loaded machine.
 */
async function clientTurns(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** A raw TCP server, for replies no well-behaved HTTP server would send. */
async function rawServer(onConnection: (socket: net.Socket) => void): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', () => onConnection(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('sendRequest target trouble (recorded, never thrown)', () => {
  afterAll(() => closeHttpAgents());

  it('records a TimeoutError naming the target, method, redacted URL and the timeout', async () => {
    const server: Loopback = await startLoopback(() => undefined); // never answers
    const redactor = new Redactor();
    redactor.add(secret, 'candidate.access_token');
    const exchange = await sendRequest(request(`${server.url}/slow?access_token=${secret}`), sendSettings({ timeoutMs: 150, redactor }));
    await server.close();
    expect(exchange.response).toBeUndefined();
    expect(exchange.error).toMatchObject({ name: 'TimeoutError', target: 'candidate' });
    expect(exchange.error?.message).toContain('candidate');
    expect(exchange.error?.message).toContain(`GET ${server.url}/slow?access_token=«redacted:candidate.access_token»`);
    expect(exchange.error?.message).toContain('150 ms');
    expect(JSON.stringify(exchange)).not.toContain(secret);
  });

  it('times out a body that trickles in slower than the timeout allows', async () => {
    const server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first bytes');
      // …and never finishes
    });
    // The timeout covers the whole exchange, headers included: it must be long enough for the head
    // to arrive first even when the machine is busy (a starved event loop runs due timers before it
    // reads sockets), so this waits a full second rather than racing a short one.
    const exchange = await sendRequest(request(`${server.url}/drip`), sendSettings({ timeoutMs: 1_000 }));
    await server.close();
    expect(exchange.error?.name).toBe('TimeoutError');
    expect(exchange.error?.message).toContain('while reading the response body');
  });

  it('records a refused connection as TargetUnreachableError with the target, URL and a hint', async () => {
    const port = await closedPort();
    const exchange = await sendRequest(request(`http://127.0.0.1:${port}/menu`), sendSettings());
    expect(exchange.error).toMatchObject({ name: 'TargetUnreachableError', target: 'candidate' });
    expect(exchange.error?.message).toContain(`http://127.0.0.1:${port}`);
    expect(exchange.error?.message).toContain('refused');
    expect(exchange.error?.hint).toContain('base URL');
  });

  it('records a host name that does not resolve as TargetUnreachableError naming the host', async () => {
    // RFC 6761: .invalid never resolves.
    const exchange = await sendRequest(request('http://no-such-gateway.invalid/menu'), sendSettings());
    expect(exchange.error?.name).toBe('TargetUnreachableError');
    expect(exchange.error?.message).toContain('no-such-gateway.invalid');
    expect(exchange.error?.hint).toBeDefined();
  });

  it('records a connection closed mid-body (short Content-Length) as TargetUnreachableError', async () => {
    const server = await rawServer((socket) => {
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"partial":');
    });
    const exchange = await sendRequest(request(`${server.url}/menu`, { method: 'POST', idempotent: false }), sendSettings());
    await server.close();
    expect(exchange.error?.name).toBe('TargetUnreachableError');
    expect(exchange.error?.message).toContain('connection closed mid-body');
    expect(exchange.response?.status).toBe(200);
    expect(exchange.response?.body.truncated).toBe(true);
  });

  it('records a reset in the middle of a chunked body as TargetUnreachableError', async () => {
    const server = await rawServer((socket) => {
      // Reset once the head and a chunk are on the socket and the client has had its turns to read them.
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n', () => {
        void clientTurns().then(() => socket.resetAndDestroy());
      });
    });
    const exchange = await sendRequest(request(`${server.url}/menu`), sendSettings());
    await server.close();
    expect(exchange.error?.name).toBe('TargetUnreachableError');
    expect(exchange.error?.message).toContain('connection closed mid-body');
  });

  it('refuses a self-signed certificate by default and accepts it with tlsVerify false', async () => {
    const server = await startLoopback((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('secure'), { tls: true });
    const verified = await sendRequest(request(`${server.url}/x`), sendSettings());
    const unverified = await sendRequest(request(`${server.url}/x`), sendSettings({ tlsVerify: false }));
    await server.close();
    expect(verified.error?.name).toBe('TargetUnreachableError');
    expect(verified.error?.message).toContain('TLS verification failed');
    expect(verified.error?.hint).toContain('tlsVerify');
    expect(unverified.error).toBeUndefined();
    expect(unverified.response?.body.text).toBe('secure');
  });

  it('records an abort during the request as an error named Interrupted', async () => {
    const server = await startLoopback(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const exchange = await sendRequest(request(`${server.url}/slow`), sendSettings({ signal: controller.signal, timeoutMs: 5_000 }));
    await server.close();
    expect(exchange.error?.name).toBe('Interrupted');
    expect(exchange.error?.message).toContain('interrupted');
  });

  it('interrupts every request in flight when the run signal aborts, mid-body too', async () => {
    let partSent!: () => void;
    const bodyStarted = new Promise<void>((resolve) => (partSent = resolve));
    const server = await startLoopback((req, res) => {
      if (req.url === '/body') res.writeHead(200, { 'content-type': 'text/plain' }).write('partial', () => partSent());
    });
    const controller = new AbortController();
    const settings = sendSettings({ signal: controller.signal, timeoutMs: 5_000 });
    const pending = [sendRequest(request(`${server.url}/a`), settings), sendRequest(request(`${server.url}/b`), settings), sendRequest(request(`${server.url}/body`), settings)];
    // Stop once the head and part of the body are on the loopback socket: server and client share
    // this event loop, so a few turns later the client has read them, however loaded the machine.
    await bodyStarted;
    await clientTurns();
    controller.abort();
    const exchanges = await Promise.all(pending);
    await server.close();
    expect(exchanges.map((exchange) => exchange.error?.name)).toEqual(['Interrupted', 'Interrupted', 'Interrupted']);
    expect(exchanges[2]?.response?.status).toBe(200);
  });

  it('leaves no listener on the run signal per request: requests share one', async () => {
    const server = await startLoopback((_req, res) => res.end('ok'));
    const controller = new AbortController();
    const settings = sendSettings({ signal: controller.signal });
    for (let i = 0; i < 20; i += 1) expect((await sendRequest(request(`${server.url}/x${i}`), settings)).error).toBeUndefined();
    await server.close();
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
  });

  it('records an abort while waiting for the pacer as Interrupted, without sending', async () => {
    const server = await startLoopback((_req, res) => res.end('ok'));
    const settings = sendSettings();
    settings.pacer.pause('candidate', Date.now() + 10_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const exchange = await sendRequest(request(`${server.url}/x`), { ...settings, signal: controller.signal });
    await server.close();
    await settings.pacer.close();
    expect(exchange.error?.name).toBe('Interrupted');
    expect(server.hits).toHaveLength(0);
  });
});
