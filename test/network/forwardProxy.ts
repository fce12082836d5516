import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** One request the proxy carried: a forwarded absolute-form request, or a CONNECT tunnel. */
interface ProxiedRequest {
  kind: 'forward' | 'connect';
  method: string;
  /** `http://host:port/path` for a forward, `host:port` for a tunnel. */
  target: string;
  proxyAuthorization?: string;
}

export interface ForwardProxy {
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * A real forward proxy on 127.0.0.1, as a corporate one behaves: absolute-form requests
 * (`GET http://host/path`) are forwarded upstream, `CONNECT host:port` opens a TCP tunnel (for
 * https), and with `requireAuth` anything without the right `Proxy-Authorization` gets a 407.
 * Every request it carried is recorded, so a test can prove the traffic went through it.
 */
export async function startForwardProxy(options: { requireAuth?: { user: string; password: string } } = {}): Promise<ForwardProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const expected = options.requireAuth ? `Basic ${Buffer.from(`${options.requireAuth.user}:${options.requireAuth.password}`).toString('base64')}` : undefined;
  const authorized = (header: string | undefined): boolean => expected === undefined || header === expected;

  const server = http.createServer((req, res) => {
    const proxyAuthorization = req.headers['proxy-authorization'];
    requests.push({ kind: 'forward', method: req.method ?? '', target: req.url ?? '', ...(proxyAuthorization ? { proxyAuthorization } : {}) });
    if (!authorized(proxyAuthorization)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="corp"' }).end('proxy authentication required\n');
      return;
    }
    let upstream: URL;
    try {
      upstream = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form request expected\n');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const forward = http.request(upstream, { method: req.method, headers, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: upstream failed: ${error.message}\n`);
    });
    req.pipe(forward);
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const proxyAuthorization = req.headers['proxy-authorization'];
    requests.push({ kind: 'connect', method: 'CONNECT', target: req.url ?? '', ...(proxyAuthorization ? { proxyAuthorization } : {}) });
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (!authorized(proxyAuthorization)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
