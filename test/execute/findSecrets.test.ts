import { findSecrets } from '../../src/execute/findSecrets';

const secret = 'k9Qz-7vLm_22xPwa';

describe('findSecrets', () => {
  it('finds a secret written literally', () => {
    expect(findSecrets(`... ${secret} ...`, [secret, 'absent-secret-value'])).toEqual([secret]);
  });

  it('finds a secret base64- and base64url-encoded on its own', () => {
    const odd = 'a?b>c~d?e>f~';
    expect(findSecrets(Buffer.from(odd).toString('base64'), [odd])).toEqual([odd]);
    expect(findSecrets(Buffer.from(odd).toString('base64url'), [odd])).toEqual([odd]);
  });

  it('finds a secret at every byte offset inside a longer base64 value, as in Basic id:secret', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', 'client-id:']) {
      const encoded = Buffer.from(`${prefix}${secret}:trailing`).toString('base64');
      expect(findSecrets(`Authorization: Basic ${encoded}`, [secret])).toEqual([secret]);
    }
  });

  it('finds a URL-encoded secret', () => {
    const special = 'p@ss w0rd/+=&';
    expect(findSecrets(`password=${encodeURIComponent(special)}`, [special])).toEqual([special]);
    expect(findSecrets(`password=${encodeURIComponent(special).replace(/%20/g, '+')}`, [special])).toEqual([special]);
  });

  it('finds a secret inside a decoded JWT payload claim', () => {
    const header = Buffer.from('{"alg":"RS256","kid":"x"}').toString('base64url');
    for (const pad of ['', 'a', 'ab']) {
      const payload = Buffer.from(JSON.stringify({ sub: pad, note: `carries ${secret}` })).toString('base64url');
      expect(findSecrets(`token ${header}.${payload}.c2lnbmF0dXJl here`, [secret])).toEqual([secret]);
    }
  });

  it('reports overlapping secrets that a single pass would hide behind each other', () => {
    expect(findSecrets('xx abc12345 yy', ['abc12345', 'abc123'])).toEqual(['abc12345', 'abc123']);
  });

  it('reports nothing for text without the secrets', () => {
    expect(findSecrets('{"menu":[{"name":"Margherita","price":"12.99"}]}', [secret, 'other-secret-1'])).toEqual([]);
  });
});
