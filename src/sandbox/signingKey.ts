import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/** An RS256 key pair with its key id and public JWK. Every sandbox makes fresh ones. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(label: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = `${label}-${randomUUID().slice(0, 8)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, publicJwk };
}

const shared = new Map<string, Promise<SigningKey>>();

/**
 * One key per label for the whole process. Only for keys nobody verifies against a published set
 * (the gateways' backend-JWT keys: the backend decodes without checking): RSA key generation
 * costs 100–500 ms, and every test that starts a sandbox would pay it again for nothing.
 */
export function sharedSigningKey(label: string): Promise<SigningKey> {
  let key = shared.get(label);
  if (!key) {
    key = createSigningKey(label);
    shared.set(label, key);
    // A failed generation must not be cached for the rest of the process.
    key.catch(() => shared.delete(label));
  }
  return key;
}
