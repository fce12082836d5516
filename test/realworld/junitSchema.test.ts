/**
 * The strict JUnit flavour against the real Jenkins xUnit schema, `../shared/reference/junit-10.xsd`
 * beside the clone, with xmllint. It lives in this tier because a user's clone has no ../shared;
 * here a missing schema or a missing xmllint fails the test instead of skipping it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderJunit } from '../../src/report/renderJunit';
import { buildPassingRun, buildRun } from '../report/fixtures';
import { scratchDir } from '../report/paths';

/** `../shared` beside the repository root; PARITY_SHARED_DIR points elsewhere (a worktree, say). */
const sharedDir = process.env.PARITY_SHARED_DIR ?? path.resolve(__dirname, '..', '..', '..', 'shared');
const xsd = path.join(sharedDir, 'reference', 'junit-10.xsd');

function xmllint(file: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output };
  } catch (error) {
    const failed = error as { code?: string; stderr?: string };
    if (failed.code === 'ENOENT') throw new Error('xmllint is not installed: apt-get install libxml2-utils (.ci/run does).');
    return { ok: false, output: failed.stderr ?? String(error) };
  }
}

function validate(xml: string): { ok: boolean; output: string } {
  const { dir, cleanup } = scratchDir('junit-xsd');
  try {
    const file = path.join(dir, 'junit.xml');
    writeFileSync(file, xml);
    return xmllint(file);
  } finally {
    cleanup();
  }
}

describe('junit-strict.xml against junit-10.xsd (xmllint)', () => {
  beforeAll(() => {
    if (!existsSync(xsd)) throw new Error(`${xsd} is missing: npm run test:realworld needs ../shared/reference/ beside the clone (CI provides it).`);
  });

  it('validates a run with regressions, harness errors, a skipped case, an unloadable suite and token parity', async () => {
    expect(validate(await renderJunit(buildRun(), { flavour: 'strict', hostname: 'ci' }))).toEqual({ ok: true, output: '' });
    expect(validate(await renderJunit(buildPassingRun(), { flavour: 'strict', hostname: 'ci' })).ok).toBe(true);
  });

  it('rejects the consumer flavour, so the check can fail: the xsd allows no file or line on <testcase>', async () => {
    const result = validate(await renderJunit(buildRun(), { flavour: 'consumer', hostname: 'ci' }));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/attribute 'file' is not allowed|The attribute 'file' is not allowed/);
  });
});
