import { spawn } from 'node:child_process';
import path from 'node:path';
import { cleanEnv, repoRoot } from '../e2e/helpers';

/** `npx parity sandbox` by hand: it prints where everything is, serves, and stops on Ctrl-C. */
describe('parity sandbox', () => {
  it('prints the gateway URLs and demo credentials, serves tokens, and stops cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'parity.js'), 'sandbox'], { cwd: repoRoot, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      // Waits for the event, not a stopwatch: started (the banner) or gone (its output says why).
      // Only the test's own timeout bounds a start on a very busy machine.
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => {
          if (stdout.includes('Press Ctrl-C to stop.')) resolve();
        });
        void exited.then((code) => reject(new Error(`sandbox exited with ${code} before it started:\n${stdout}\n${stderr}`)));
      });
      expect(stdout).toMatch(/API Cloud gateway\s+http:\/\/127\.0\.0\.1:\d+/);
      expect(stdout).toMatch(/Choreo gateway\s+http:\/\/127\.0\.0\.1:\d+/);
      expect(stdout).toContain('sandbox-apicloud-key');
      const tokenUrl = /export CANDIDATE_TOKEN_URL=(\S+)/.exec(stdout)?.[1];
      expect(tokenUrl).toBeDefined();
      const answer = await fetch(tokenUrl!, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('sandbox-choreo-client:sandbox-choreo-secret-b81d2e').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      expect(answer.status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stdout).toContain('sandbox stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
