import { execFileSync } from 'node:child_process';
import type { RecordedRequest } from '../../src/model/result';
import { buildCurl, shellQuote } from '../../src/report/curl';
import { jsonBody, textBody } from './fixtures';

/** Runs the line in bash with `curl` replaced by a function that prints its arguments, NUL-separated. */
function argvOf(line: string, env: Record<string, string> = {}): string[] {
  const script = `curl() { printf '%s\\0' "$@"; }\n${line}`;
  const out = execFileSync('bash', ['-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\0').slice(0, -1);
}

const request = (partial: Partial<RecordedRequest> = {}): RecordedRequest => ({
  method: 'GET',
  url: 'https://gw.example/t/acme/menu?q=a b&x=1',
  headers: { accept: 'application/json', authorization: 'Bearer «redacted:token»', host: 'gw.example', 'content-length': '12' },
  ...partial,
});

describe('buildCurl', () => {
  it('puts the token variable of the right side in Authorization, never the redacted value', () => {
    const legacy = buildCurl(request(), 'legacy');
    const candidate = buildCurl(request(), 'candidate');
    expect(legacy).not.toContain('«redacted');
    expect(argvOf(legacy, { LEGACY_TOKEN: 'tok-L' })).toEqual(['-sS', '-i', 'https://gw.example/t/acme/menu?q=a b&x=1', '-H', 'accept: application/json', '-H', 'authorization: Bearer tok-L']);
    expect(argvOf(candidate, { CANDIDATE_TOKEN: 'tok-C' })).toContain('authorization: Bearer tok-C');
  });

  it('replaces every other redacted header with a variable named after the side and header', () => {
    const line = buildCurl(request({ headers: { 'x-api-key': '«redacted:x-api-key»', cookie: 'session=«redacted:cookie»' } }), 'candidate');
    expect(argvOf(line, { CANDIDATE_X_API_KEY: 'k', CANDIDATE_COOKIE: 'c=1' })).toEqual(['-sS', '-i', 'https://gw.example/t/acme/menu?q=a b&x=1', '-H', 'cookie: c=1', '-H', 'x-api-key: k']);
  });

  it('leaves out headers curl derives itself (host, content-length)', () => {
    const args = argvOf(buildCurl(request(), 'legacy'));
    expect(args.some((a) => a.startsWith('host:') || a.startsWith('content-length:'))).toBe(false);
  });

  it('sends a JSON body byte for byte, quotes and all, on one line', () => {
    const body = { name: "it's a \"pizza\"", note: 'line1\nline2', cost: '$5 `rm -rf /`' };
    const line = buildCurl(request({ method: 'POST', body: { ...jsonBody(body), text: JSON.stringify(body, null, 2) } }), 'legacy');
    expect(line).not.toContain('\n');
    const args = argvOf(line);
    expect(args.slice(0, 4)).toEqual(['-sS', '-i', '-X', 'POST']);
    expect(args[args.indexOf('--data-raw') + 1]).toBe(JSON.stringify(body, null, 2));
  });

  it('sends a JSON body recorded without its text (it re-serialises to the bytes sent) as that serialisation', () => {
    const body = { pizza: 'Margherita', quantity: 2, note: "it's hot" };
    const line = buildCurl(request({ method: 'POST', body: jsonBody(body) }), 'legacy');
    const args = argvOf(line);
    expect(args[args.indexOf('--data-raw') + 1]).toBe(JSON.stringify(body));
  });

  it('cannot be made to run a command by a hostile URL, header or body', () => {
    const hostile = "'; touch /tmp/pwned-$$; echo '$(id)`id`";
    const line = buildCurl(request({ method: 'PUT', url: `https://gw.example/${hostile}`, headers: { 'x-note': hostile }, body: textBody(hostile) }), 'legacy', { insecure: true });
    const args = argvOf(line);
    expect(args).toEqual(['-sS', '-i', '-k', '-X', 'PUT', `https://gw.example/${hostile}`, '-H', `x-note: ${hostile}`, '--data-raw', hostile]);
  });

  it('uses --head for HEAD and marks bodies it cannot repeat', () => {
    expect(argvOf(buildCurl(request({ method: 'HEAD' }), 'legacy'))).toContain('--head');
    const binary = buildCurl(request({ method: 'POST', body: { kind: 'binary', bytes: 10, sha256: 'a'.repeat(64) } }), 'legacy');
    expect(binary).toContain('# binary body (10 bytes');
    const truncated = buildCurl(request({ method: 'POST', body: { ...textBody('head'), truncated: true } }), 'legacy');
    expect(truncated).toMatch(/# body truncated when recorded/);
  });

  it('quotes control characters with $\'…\' escapes', () => {
    expect(shellQuote('a\tb\u0001')).toBe("$'a\\tb\\x01'");
    expect(argvOf(`curl ${shellQuote("x'\\\r\u007f")}`)).toEqual(["x'\\\r\u007f"]);
  });
});
