import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

/** A private CA made for one test run, a server certificate for 127.0.0.1 and a client certificate it signed, as PEM files. */
export interface TestPki {
  dir: string;
  caFile: string;
  ca: { cert: string; key: string };
  server: { cert: string; key: string };
  clientCertFile: string;
  clientKeyFile: string;
  /** A client certificate from another CA, which the mutual-TLS gateway must refuse. */
  strangerCertFile: string;
  strangerKeyFile: string;
  cleanup(): void;
}

const validity = () => ({ notBeforeDate: new Date(Date.now() - 60_000), notAfterDate: new Date(Date.now() + 24 * 3600_000) });

async function issue(cn: string, ca: { cert: string; key: string } | undefined, kind: 'ca' | 'server' | 'client'): Promise<{ cert: string; key: string }> {
  const extensions =
    kind === 'ca'
      ? [{ name: 'basicConstraints' as const, cA: true, critical: true }, { name: 'keyUsage' as const, keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }]
      : kind === 'server'
        ? [
            { name: 'basicConstraints' as const, cA: false },
            { name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
            { name: 'extKeyUsage' as const, serverAuth: true },
            { name: 'subjectAltName' as const, altNames: [{ type: 7 as const, ip: '127.0.0.1' }, { type: 2 as const, value: 'localhost' }] },
          ]
        : [{ name: 'basicConstraints' as const, cA: false }, { name: 'keyUsage' as const, digitalSignature: true }, { name: 'extKeyUsage' as const, clientAuth: true }];
  const made = await generate([{ name: 'commonName', value: cn }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256', extensions, ...validity(), ...(ca ? { ca } : {}) });
  return { cert: made.cert, key: made.private };
}

/** Generates the PKI in a temporary folder; `cleanup()` removes it. Nothing of it is committed. */
export async function createTestPki(): Promise<TestPki> {
  const ca = await issue('Parity Test Private CA', undefined, 'ca');
  const server = await issue('127.0.0.1', ca, 'server');
  const client = await issue('parity-harness-client', ca, 'client');
  const otherCa = await issue('Some Other CA', undefined, 'ca');
  const stranger = await issue('stranger-client', otherCa, 'client');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-pki-'));
  const file = (name: string, text: string): string => {
    const full = path.join(dir, name);
    writeFileSync(full, text, { mode: 0o600 });
    return full;
  };
  return {
    dir,
    ca,
    server,
    caFile: file('ca.pem', ca.cert),
    clientCertFile: file('client.pem', client.cert),
    clientKeyFile: file('client-key.pem', client.key),
    strangerCertFile: file('stranger.pem', stranger.cert),
    strangerKeyFile: file('stranger-key.pem', stranger.key),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
