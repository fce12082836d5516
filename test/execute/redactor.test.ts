import { createHmac } from 'node:crypto';
import { findSecrets } from '../../src/execute/findSecrets';
import { Redactor } from '../../src/execute/redactor';

const legacyToken = '1fa22cef-c791-3105-9ac4-58511c199aa0';
const clientId = 'xq7RfNnM3Cw0aYpV_candidate_key';
const clientSecret = 'S3cr3t+/=value&with%odd<chars>';

function b64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** An HS256-shaped JWT; the signature's validity does not matter to redaction. */
function jwt(claims: Record<string, unknown>): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${b64url(claims)}`;
  return `${head}.${createHmac('sha256', 'test-key').update(head).digest('base64url')}`;
}

function registry(): Redactor {
  const redactor = new Redactor();
  redactor.add(legacyToken, 'legacy.access_token');
  redactor.addClientCredentials(clientId, clientSecret, 'candidate.client_secret');
  return redactor;
}

describe('Redactor headers', () => {
  it('keeps the Authorization scheme and names the registered token it hides', () => {
    const headers = registry().redactHeaders({ Authorization: `Bearer ${legacyToken}` });
    expect(headers).toEqual({ authorization: 'Bearer «redacted:legacy.access_token»' });
  });

  it('hides an unknown bearer value as «redacted:authorization» and a proxy credential likewise', () => {
    const headers = registry().redactHeaders({ authorization: 'Bearer some-unregistered-token', 'Proxy-Authorization': 'Basic dXNlcjpwYXNz' });
    expect(headers['authorization']).toBe('Bearer «redacted:authorization»');
    expect(headers['proxy-authorization']).toBe('Basic «redacted:proxy-authorization»');
  });

  it('leaves a bare scheme without credentials as it is', () => {
    expect(registry().redactHeaders({ Authorization: 'Bearer ' })['authorization']).toBe('Bearer ');
  });

  it('recognises the Basic encoding of registered client credentials', () => {
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    expect(registry().redactHeaders({ Authorization: `Basic ${basic}` })['authorization']).toBe('Basic «redacted:candidate.client_secret»');
  });

  it('hides cookie values but keeps cookie names and Set-Cookie attributes', () => {
    const headers = registry().redactHeaders({
      Cookie: 'SESSION=abc123; theme=dark',
      'Set-Cookie': ['SESSION=xyz789; Path=/; HttpOnly', 'lb=node-2; Secure'],
    });
    expect(headers['cookie']).toBe('SESSION=«redacted:cookie»; theme=«redacted:cookie»');
    expect(headers['set-cookie']).toBe('SESSION=«redacted:set-cookie»; Path=/; HttpOnly\nlb=«redacted:set-cookie»; Secure');
  });

  it('lower-cases names, joins repeated values, and hides registered values in any header', () => {
    const headers = registry().redactHeaders({ 'X-Echo': [`token is ${legacyToken}`, 'second'], 'Content-Type': 'application/json', apikey: 'choreo-api-key-value' });
    expect(headers).toEqual({ 'x-echo': 'token is «redacted:legacy.access_token», second', 'content-type': 'application/json', apikey: '«redacted:apikey»' });
  });
});

describe('Redactor text', () => {
  it('hides a registered secret written literally, URL-encoded, base64, base64url and JSON/Gson-escaped', () => {
    const redactor = registry();
    const spellings = [
      clientSecret,
      encodeURIComponent(clientSecret),
      Buffer.from(clientSecret).toString('base64'),
      Buffer.from(clientSecret).toString('base64url'),
      JSON.stringify(clientSecret).slice(1, -1).replace(/=/g, '\\u003d').replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'),
    ];
    for (const spelling of spellings) {
      const out = redactor.redactText(`before ${spelling} after`);
      expect(out).toContain('«redacted:candidate.client_secret»');
      expect(findSecrets(out, [clientSecret])).toEqual([]);
    }
  });

  it('keeps header and payload of an unregistered JWT but replaces its signature with «sig»', () => {
    const token = jwt({ iss: 'https://sts.choreo.dev/oauth2/token', scope: 'order_pizza' });
    const [h, p] = token.split('.');
    expect(registry().redactText(`{"jwt":"${token}"}`)).toBe(`{"jwt":"${h}.${p}.«sig»"}`);
  });

  it('redacts the whole JWT when a registered secret hides inside a decoded claim', () => {
    const token = jwt({ sub: 'app', leaked: `secret=${clientSecret}` });
    const out = registry().redactText(`x-jwt-assertion: ${token}.`);
    expect(out).toBe('x-jwt-assertion: «redacted:candidate.client_secret».');
  });

  it('redacts a registered JWT access token as a whole, under its own label', () => {
    const redactor = registry();
    const token = jwt({ sub: 'candidate-app' });
    redactor.add(token, 'candidate.access_token');
    expect(redactor.redactText(`Bearer ${token}`)).toBe('Bearer «redacted:candidate.access_token»');
  });

  it('hides credential-named query and form parameters, registered or not', () => {
    const redactor = registry();
    expect(redactor.redactUrl('https://gw.example/t/org/api/1.0.0/items?id=7&access_token=abc&Token=def&client_secret=ghi&password=p%40ss#frag')).toBe(
      'https://gw.example/t/org/api/1.0.0/items?id=7&access_token=«redacted:access_token»&Token=«redacted:token»&client_secret=«redacted:client_secret»&password=«redacted:password»#frag',
    );
    expect(redactor.redactText('grant_type=password&username=a%40b.com&password=hunter2')).toBe('grant_type=password&username=a%40b.com&password=«redacted:password»');
  });

  it('hides the password in URL user-info', () => {
    expect(new Redactor().redactUrl('https://user:pa55@gw.example/x')).toBe('https://user:«redacted:url-password»@gw.example/x');
  });

  it('walks parsed JSON: strings redacted, credential-named members hidden', () => {
    const out = registry().redactJson({ a: [`x ${legacyToken}`, 3, null], nested: { access_token: 'unregistered', refresh_token: 'r1', keep: 'me' } });
    expect(out).toEqual({ a: ['x «redacted:legacy.access_token»', 3, null], nested: { access_token: '«redacted:access_token»', refresh_token: '«redacted:refresh_token»', keep: 'me' } });
  });

  it('redacts a 10 MB body with many registered secrets, down to the last byte', () => {
    const redactor = new Redactor();
    const secrets = Array.from({ length: 60 }, (_, i) => `secret-${i}-${'x'.repeat(i % 7)}-${(i * 7919).toString(36)}`);
    secrets.forEach((s, i) => redactor.add(s, `s${i}`));
    const filler = '{"name":"item","description":"lorem ipsum dolor sit amet"},'.repeat(170_000);
    const body = `[${filler}"${secrets[59]}", "${Buffer.from(secrets[3] as string).toString('base64')}"]`;
    expect(body.length).toBeGreaterThan(10_000_000);
    const out = redactor.redactText(body);
    expect(out.endsWith('"«redacted:s59»", "«redacted:s3»"]')).toBe(true);
    expect(findSecrets(out, secrets)).toEqual([]);
  });
});
