import http from 'node:http';
import type { RegistryLink, Redactor } from './redactor';
import type { RegistryEntry } from './redactionServer';

/**
 * The worker side of `startRedactionServer`: values registered here are sent to the run's
 * registry (batched, in the background; `flush` waits for them — `sendRaw` does before every
 * request, so a secret is run-wide before it is on the wire), and `sync` pulls in what the
 * other workers registered. A registry that cannot be reached costs the sharing, never the run:
 * the parent redacts every part again with the full registry before writing the reports.
 */
export function createRunRegistryLink(url: string, key: string): RegistryLink {
  const base = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const queued: RegistryEntry[] = [];
  let sending: Promise<void> = Promise.resolve();
  let scheduled = false;
  let cursor = 0;
  let receiving = false;

  const call = (method: 'GET' | 'POST', path: string, body?: string): Promise<string | undefined> =>
    new Promise((resolve) => {
      const req = http.request(new URL(path, base), { method, agent, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(res.statusCode === 200 ? Buffer.concat(chunks).toString('utf8') : undefined));
        res.on('error', () => resolve(undefined));
      });
      req.on('error', () => resolve(undefined));
      req.end(body);
    });

  const send = (): void => {
    scheduled = false;
    const batch = queued.splice(0);
    if (batch.length === 0) return;
    sending = sending.then(() => call('POST', '/secrets', JSON.stringify(batch)).then(() => undefined));
  };

  return {
    share(value, label) {
      if (receiving) return;
      queued.push([value, label]);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(send);
      }
    },
    flush() {
      if (scheduled) send();
      return sending;
    },
    async sync(into: Redactor) {
      if (scheduled) send();
      await sending;
      const text = await call('GET', `/secrets?since=${cursor}`);
      if (text === undefined) return;
      const { next, entries } = JSON.parse(text) as { next: number; entries: RegistryEntry[] };
      receiving = true;
      try {
        for (const [value, label] of entries) into.add(value, label);
      } finally {
        receiving = false;
      }
      cursor = next;
    },
  };
}
