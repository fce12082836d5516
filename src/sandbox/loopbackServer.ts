import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

/** One sandbox server: a real node:http server on 127.0.0.1 and an OS-chosen port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Requests received so far (every request, answered or not). */
  requests(): number;
  /** Stops listening and destroys every connection, idle keep-alive and mid-answer alike. */
  close(): Promise<void>;
}

/**
 * Starts a server that never listens beyond loopback. A handler that throws gets a bare 500 (or,
 * when it had already started answering, a destroyed socket) so one bug never hangs a test.
 */
export async function listenOnLoopback(handler: RequestHandler): Promise<LoopbackServer> {
  let count = 0;
  const server = http.createServer((req, res) => {
    count += 1;
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`sandbox handler failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  });
  // Keep-alive sockets idle for long would hold the event loop open between tests.
  server.keepAliveTimeout = 5_000;
  const url = await bindLoopback(server);
  return { url, requests: () => count, close: () => closeServer(server) };
}

/** Listens on 127.0.0.1 with a port the OS picks (never a fixed port) and resolves its base URL. */
export async function bindLoopback(server: http.Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Closes a server and every connection it still holds, so no keep-alive socket outlives it. */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
