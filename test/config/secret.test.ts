import { inspect } from 'node:util';
import { createSecret, isSecret } from '../../src/config/secret';

describe('Secret', () => {
  const secret = createSecret('LEGACY_CLIENT_SECRET', 'hunter2');

  it('prints as «secret:NAME» through toString, template literals, JSON and util.inspect', () => {
    expect(String(secret)).toBe('«secret:LEGACY_CLIENT_SECRET»');
    expect(`${secret}`).toBe('«secret:LEGACY_CLIENT_SECRET»');
    expect(JSON.stringify({ secret })).toBe('{"secret":"«secret:LEGACY_CLIENT_SECRET»"}');
    expect(inspect({ nested: { secret } })).toBe("{ nested: { secret: «secret:LEGACY_CLIENT_SECRET» } }");
  });

  it('gives the value only through reveal(), and never through spreading or listing its keys', () => {
    expect(secret.reveal()).toBe('hunter2');
    expect(JSON.stringify({ ...secret })).not.toContain('hunter2');
    expect(Object.values(secret)).not.toContain('hunter2');
    expect(secret.source).toBe('LEGACY_CLIENT_SECRET');
    expect(isSecret(secret)).toBe(true);
    expect(isSecret('hunter2')).toBe(false);
  });
});
