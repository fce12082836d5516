import type http from 'node:http';

/** Reads a whole request body; gives up (and reports `tooLarge`) past `limitBytes`. */
export async function readBody(req: http.IncomingMessage, limitBytes = 1024 * 1024): Promise<{ body: Buffer; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) return { body: Buffer.alloc(0), tooLarge: true };
    chunks.push(buf);
  }
  return { body: Buffer.concat(chunks), tooLarge: false };
}

/** Sends a JSON body with an exact Content-Length. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': text.length });
  res.end(text);
}

/** True when a Content-Type names JSON (`application/json`, `application/problem+json`, …). */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}
