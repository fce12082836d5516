import { inspectToken } from '../../src/auth/inspectToken';

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('inspectToken', () => {
  it('recognises an API Cloud UUID-shaped opaque token', () => {
    expect(inspectToken('1fa22cef-c791-3105-9ac4-58511c199aa0')).toEqual({ format: 'opaque-uuid' });
  });

  it('recognises an API Cloud 32-hex opaque token', () => {
    expect(inspectToken('ca19a540f544777860e44e75f605d927')).toEqual({ format: 'opaque-hex' });
  });

  it('decodes a Choreo JWT header and claims without verifying them', () => {
    const header = { alg: 'RS256', typ: 'JWT', kid: 'choreo-1' };
    const claims = { iss: 'https://sts.choreo.dev/oauth2/token', client_id: 'abc', scope: 'order_pizza', exp: 1_900_000_000 };
    expect(inspectToken(`${b64url(header)}.${b64url(claims)}.c2ln`)).toEqual({ format: 'jwt', header, claims });
  });

  it('calls anything else opaque, including dotted strings whose header is not JOSE', () => {
    expect(inspectToken('not-a-token')).toEqual({ format: 'opaque' });
    expect(inspectToken(`${b64url({ hello: 'world' })}.${b64url({})}.sig`)).toEqual({ format: 'opaque' });
    expect(inspectToken('api.choreo.dev')).toEqual({ format: 'opaque' });
  });
});
