import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main, type CliIo } from '../../src/cli';
import { createProjectRoot, fixturesDir, repoRoot, type ProjectRoot } from '../baseline/projectRoot';

describe('parity import', () => {
  let root: ProjectRoot;
  let out: { stdout: string; stderr: string };
  beforeEach(() => {
    root = createProjectRoot('import-cli');
    out = { stdout: '', stderr: '' };
  });
  afterEach(() => root.remove());

  const parity = (...argv: string[]) => {
    const io: CliIo = {
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
      env: { PATH: process.env.PATH ?? '' },
      cwd: root.dir,
      signal: new AbortController().signal,
    };
    return main(argv, io);
  };
  const collection = path.join(fixturesDir, 'pizzashack.postman_collection.json');

  it('writes the suites into suites/, then prints what it wrote, what it skipped and why, and what to set next', async () => {
    expect(await parity('import', 'postman', collection, '--api', 'pizzashack')).toBe(0);
    expect(existsSync(path.join(root.dir, 'suites', 'pizzashack-menu.yaml'))).toBe(true);
    expect(out.stdout).toContain('  wrote    suites/pizzashack-menu.yaml (2 cases)\n');
    expect(out.stdout).toContain('  wrote    suites/pizzashack-orders.yaml (4 cases)\n');
    expect(out.stdout).toContain('  skipped  Orders / Upload a photo of the delivery: multipart/form-data bodies cannot be written in a suite');
    expect(out.stdout).toContain('  next:    Set LEGACY_API_PIZZASHACK_URL and CANDIDATE_API_PIZZASHACK_URL');
  });

  it('never overwrites an existing file without --force, and does with it', async () => {
    const existing = root.writeSuite('pizzashack-menu.yaml', '# hand-written\n');
    expect(await parity('import', 'postman', collection, '--api', 'pizzashack')).toBe(2);
    expect(readFileSync(existing, 'utf8')).toBe('# hand-written\n');
    expect(out.stdout).toContain('  kept     suites/pizzashack-menu.yaml: it exists (pass --force to overwrite it)\n');
    expect(out.stdout).toContain('  wrote    suites/pizzashack-orders.yaml');

    expect(await parity('import', 'postman', collection, '--api', 'pizzashack', '--force')).toBe(0);
    expect(readFileSync(existing, 'utf8')).toContain('suite: Menu');
  });

  it('imports an OpenAPI document (YAML) into --out, with --all-methods', async () => {
    expect(await parity('import', 'openapi', path.join(repoRoot, 'specs', 'pizzashack.yaml'), '--api', 'pizzashack', '--out', 'suites/imported', '--all-methods')).toBe(0);
    expect(out.stdout).toContain('  wrote    suites/imported/pizzashack-openapi.yaml (5 cases)\n');
  });

  it('imports a HAR capture under --base-url', async () => {
    expect(await parity('import', 'har', path.join(fixturesDir, 'pizzashack.har'), '--base-url', 'https://gateway.api.cloud.wso2.com/t/pizzashack-demo/pizzashack/1.0.0')).toBe(0);
    expect(out.stdout).toContain('  wrote    suites/pizzashack-har.yaml (4 cases)\n');
    expect(out.stdout).toContain('  skipped  2 entries: not under --base-url');
  });

  it('explains a wrong kind, a missing file and a file of the wrong kind, exiting 2', async () => {
    expect(await parity('import', 'insomnia', collection)).toBe(2);
    expect(out.stderr).toContain('the first argument is what to import: postman, openapi, har');
    expect(await parity('import', 'postman', 'nope.json')).toBe(2);
    expect(out.stderr).toContain('cannot read nope.json: it does not exist');
    writeFileSync(path.join(root.dir, 'spec.json'), JSON.stringify({ openapi: '3.0.0', paths: {} }));
    expect(await parity('import', 'postman', 'spec.json')).toBe(2);
    expect(out.stderr).toContain('spec.json is not a Postman collection');
  });
});
