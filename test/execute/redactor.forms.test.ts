import { createHmac } from 'node:crypto';
import { findSecrets } from '../../src/execute/findSecrets';
import { Redactor } from '../../src/execute/redactor';

const token = '7d1c4e2a-90b3-4f7e-8c55-2b6f0a9d13e7';
const secret = 'Qx9-vT2_pLm7RwZs4KdE';

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function jwt(claims: Record<string, unknown>): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
  return `${head}.${createHmac('sha256', 'test-key').update(head).digest('base64url')}`;
}

function registry(): Redactor {
  const redactor = new Redactor();
  redactor.add(token, 'legacy.access_token');
  redactor.add(secret, 'candidate.client_secret');
  return redactor;
}

describe('Redactor: every form a registered secret takes', () => {
  it('hides a secret inside a header NAME, as a gateway that sets x-session-<token> does', () => {
    const headers = registry().redactHeaders({ [`X-Session-${token}`]: '1', [`x-${secret}`]: 'y' });
    expect(Object.keys(headers).sort()).toEqual(['x-«redacted:candidate.client_secret»', 'x-session-«redacted:legacy.access_token»'].sort());
    expect(findSecrets(JSON.stringify(headers), [token, secret])).toEqual([]);
  });

  it('hides the trimmed value of a padded token, the form the gateway sees and echoes', () => {
    const redactor = new Redactor();
    redactor.add(` ${token}\t`, 'legacy.access_token');
    expect(redactor.redactText(`echo: ${token}!`)).toBe('echo: «redacted:legacy.access_token»!');
  });

  it('hides hex of a secret in lower, upper and mixed case', () => {
    const hex = Buffer.from(secret).toString('hex');
    const mixed = [...hex].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');
    for (const form of [hex, hex.toUpperCase(), mixed]) {
      expect(registry().redactText(`id=${form};`)).toBe('id=«redacted:candidate.client_secret»;');
      expect(findSecrets(form, [secret])).toEqual([secret]);
    }
  });

  it('hides base64 of a secret wrapped over lines at any width, at any offset', () => {
    for (const [prefix, width] of [['', 76], ['user:', 8 * 2], ['ab', 20]] as const) {
      const encoded = Buffer.from(`${prefix}${secret}${token}`).toString('base64');
      const wrapped = encoded.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\r\n');
      expect(findSecrets(wrapped, [secret])).toEqual([secret]);
      const out = registry().redactText(`-----BEGIN BLOB-----\n${wrapped}\n-----END BLOB-----`);
      expect(findSecrets(out, [secret, token])).toEqual([]);
      expect(out).toContain('«redacted:');
      expect(out).toContain('-----END BLOB-----');
    }
  });

  it('leaves wrapped base64 that holds no secret as it is', () => {
    const innocent = Buffer.from('x'.repeat(200)).toString('base64').match(/.{1,64}/g)!.join('\n');
    expect(registry().redactText(innocent)).toBe(innocent);
  });

  it('hides the signature alone and the signing input alone of a registered JWT', () => {
    const issued = jwt({ sub: 'app', exp: 2_000_000_000 });
    const redactor = new Redactor();
    redactor.add(issued, 'candidate.access_token');
    const [h, p, s] = issued.split('.');
    expect(redactor.redactText(`sig=${s}`)).toBe('sig=«redacted:candidate.access_token»');
    expect(redactor.redactText(`input ${h}.${p} end`)).toBe('input «redacted:candidate.access_token» end');
    expect(findSecrets(`only the signature: ${s}`, [issued])).toEqual([issued]);
  });

  it('redacts a record made before a secret was registered, keys and strings, without touching model fields', () => {
    const redactor = new Redactor();
    const record = { name: 'case', password: 'not-a-secret-field', headers: { [`x-${token}`]: `v ${token}` } };
    redactor.add(token, 'candidate.capture.sessionToken');
    const again = redactor.redactRecord(record);
    expect(again).toEqual({ name: 'case', password: 'not-a-secret-field', headers: { 'x-«redacted:candidate.capture.sessionToken»': 'v «redacted:candidate.capture.sessionToken»' } });
  });

  it('counts registrations, so a caller knows when an earlier record needs redacting again', () => {
    const redactor = new Redactor();
    const before = redactor.version;
    redactor.add(token, 'a');
    redactor.add(token, 'a');
    expect(redactor.version).toBe(before + 1);
  });

  it('treats API-key headers and headers carrying a registered secret as credentials for redirects', () => {
    const redactor = registry();
    expect(['api-key', 'x-api-key', 'apikey', 'Authorization', 'cookie', 'proxy-authorization'].every((name) => redactor.isCredentialHeader(name, 'v'))).toBe(true);
    expect(redactor.isCredentialHeader('x-csrf', `${Buffer.from(secret).toString('base64')}`)).toBe(true);
    expect(redactor.isCredentialHeader(`x-${token}`, '1')).toBe(true);
    expect(redactor.isCredentialHeader('accept', 'application/json')).toBe(false);
  });
});
