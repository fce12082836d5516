import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The package as a library user gets it: `npm pack` (which runs the `prepack` build into dist/),
 * the tarball unpacked into a fresh project's node_modules, and used from there — required by
 * name, type-checked against its `.d.ts`, and running a real parity run on the built-in sandbox.
 * Dependencies resolve through NODE_PATH to this checkout's node_modules, so no registry is needed.
 */
const repo = path.resolve(__dirname, '..', '..');
let project: string;
let installed: string;

beforeAll(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'parity-packed-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  installed = path.join(project, 'node_modules', 'choreo-parity');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(project, packed[0]!.filename), '-C', installed, '--strip-components=1']);
}, 120_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

function nodeInProject(script: string): string {
  return execFileSync(process.execPath, ['-e', script], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(repo, 'node_modules') },
  });
}

describe('the packed library', () => {
  it('ships compiled JavaScript and types, and no TypeScript sources or tests', () => {
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { main: string; types: string };
    expect(readFileSync(path.join(installed, manifest.main), 'utf8')).toContain('runParity');
    expect(readFileSync(path.join(installed, manifest.types), 'utf8')).toContain('runParity');
    const listing = execFileSync('find', ['.', '-type', 'f'], { cwd: installed, encoding: 'utf8' }).split('\n');
    expect(listing.filter((file) => /\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it('exports by name what src/index.ts exports', () => {
    const packedNames = JSON.parse(nodeInProject("process.stdout.write(JSON.stringify(Object.keys(require('choreo-parity')).sort()))")) as string[];
    const source = readFileSync(path.join(repo, 'src', 'index.ts'), 'utf8');
    const valueExports = [...source.matchAll(/^export \{([^}]*)\}/gm)]
      .flatMap((match) => match[1]!.split(','))
      .map((name) => name.trim())
      .filter((name) => name && !name.startsWith('type '))
      .map((name) => name.split(/\s+as\s+/).pop()!)
      .sort();
    expect(packedNames).toEqual(valueExports);
  });

  it('type-checks a consumer written against its declarations', () => {
    writeFileSync(
      path.join(project, 'consumer.ts'),
      "import { runParity, type RunParityOptions } from 'choreo-parity';\nconst options: RunParityOptions = { root: '.' };\nvoid runParity(options);\n",
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'node16', moduleResolution: 'node16', target: 'es2022', noEmit: true, skipLibCheck: true, types: [], typeRoots: [path.join(repo, 'node_modules', '@types')] }, files: ['consumer.ts'] }),
    );
    // Throws (and fails the test) with tsc's diagnostics when the declarations do not resolve.
    execFileSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: project, encoding: 'utf8' });
    const bad = "import { runParity } from 'choreo-parity';\nvoid runParity({ rooot: '.' });\n";
    writeFileSync(path.join(project, 'consumer.ts'), bad);
    expect(() => execFileSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], { cwd: project, stdio: 'pipe' })).toThrow();
  }, 60_000);

  it('starts its `parity` command from the installed package (dist/ only, no sources)', () => {
    const version = execFileSync(process.execPath, [path.join(installed, 'bin', 'parity.js'), '--version'], { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(repo, 'node_modules') } });
    expect(version.trim()).toBe((JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('runs the sample suites on the built-in sandbox from a project of its own', () => {
    cpSync(path.join(repo, 'suites'), path.join(project, 'suites'), { recursive: true });
    cpSync(path.join(repo, 'env'), path.join(project, 'env'), { recursive: true });
    cpSync(path.join(repo, 'specs'), path.join(project, 'specs'), { recursive: true });
    const script = `
      const { runParity } = require('choreo-parity');
      runParity({ root: process.cwd(), reportsDir: 'out' }).then(({ run, reportFiles }) => {
        process.stdout.write(JSON.stringify({ cases: run.cases.length, failed: run.cases.filter((c) => c.status !== 'passed').length, reports: reportFiles.length }));
      });`;
    const outcome = JSON.parse(nodeInProject(script)) as { cases: number; failed: number; reports: number };
    expect(outcome.cases).toBeGreaterThan(10);
    expect(outcome.failed).toBe(0);
    expect(outcome.reports).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
