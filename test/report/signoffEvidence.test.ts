/**
 * The sign-off as evidence for a migration ticket: a real recording replayed (its manifest's
 * sha256, recording date and recorded host; why token parity was not checked), and a run with
 * tens of thousands of regressions summarised per path pattern in a bounded document.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recordBaseline } from '../../src/baseline/recordBaseline';
import { runParity } from '../../src/engine/runParity';
import { summarize } from '../../src/report/summarize';
import { maxListedRegressions, renderSignoff } from '../../src/report/renderSignoff';
import { cleanEnv, createProjectRoot, type ProjectRoot } from '../baseline/projectRoot';
import { scenarioSuite } from '../baseline/scenarioSuite';
import { buildPassingRun, diff } from './fixtures';

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const end = md.indexOf('\n## ', start + 4);
  return md.slice(start, end < 0 ? undefined : end);
}

describe('sign-off of a replayed baseline', () => {
  let root: ProjectRoot;
  let md: string;
  let manifestText: string;

  beforeAll(async () => {
    root = createProjectRoot('signoff-evidence');
    root.writeSuite('scenarios.yaml', scenarioSuite);
    await recordBaseline({ root: root.dir, envName: 'sandbox', processEnv: cleanEnv() });
    manifestText = readFileSync(path.join(root.dir, 'baselines', 'sandbox', 'manifest.json'), 'utf8');
    const { run } = await runParity({ root: root.dir, envName: 'sandbox', reportsDir: false, processEnv: cleanEnv({ LEGACY_BASELINE: 'baselines/sandbox' }) });
    md = await renderSignoff(run);
  });
  afterAll(() => root.remove());

  it('gives the manifest\'s sha256 — the hash of the file on disk — with its recording date', async () => {
    const sha = createHash('sha256').update(readFileSync(path.join(root.dir, 'baselines', 'sandbox', 'manifest.json'))).digest('hex');
    const recordedAt = (JSON.parse(manifestText) as { recordedAt: string }).recordedAt;
    const row = section(md, 'Inputs (sha256)').split('\n').find((line) => line.includes('manifest.json'))!;
    expect(row).toContain(`| \`baselines/sandbox/manifest.json\` | \`${sha}\` | legacy baseline manifest, recorded ${recordedAt.replace(/([\\`*_[\]<>|~&#])/g, '\\$1')}`);
    expect(section(md, 'Inputs (sha256)')).not.toContain('not recorded');
  });

  it('names the host the recording called, not a live host this replay never called', async () => {
    const apis = (JSON.parse(manifestText) as { apis: Record<string, string> }).apis;
    const recordedHost = new URL(Object.values(apis)[0]!).origin;
    const legacy = section(md, 'Run').split('\n').find((line) => line.startsWith('| Legacy |'))!;
    expect(legacy).toContain('replayed from the recorded baseline `baselines/sandbox`: recorded ');
    expect(legacy).toContain(`from \`${recordedHost}\``);
  });

  it('says why token parity was not checked', async () => {
    expect(section(md, 'Token parity: NOT CHECKED')).toContain('Reason: the legacy side was replayed from the recorded baseline `baselines/sandbox`, which has no token endpoint to ask');
  });
});

describe('sign-off of a run with very many regressions', () => {
  const run = buildPassingRun();
  const step = run.cases[0]!.steps[0]!;
  for (let i = 0; i < 22_800; i += 1) step.differences.push(diff({ path: `$.items[${i}].price`, legacy: i, candidate: i + 1, disposition: 'regression' }));
  step.differences.push(diff({ area: 'header', path: 'header:content-type', legacy: 'application/json', candidate: 'text/json', disposition: 'regression' }));
  run.cases[0]!.status = 'failed';
  run.summary = summarize(run.cases, { suites: run.suites, interrupted: false });
  let md: string;
  let regressions: string;
  beforeAll(async () => {
    md = await renderSignoff(run);
    regressions = section(md, 'Regressions (22,801)');
  });

  it('summarises them per path pattern, every one counted', async () => {
    expect(regressions).toContain('| body | `$.items[*].price` | changed | 22,800 | 1 | lists the menu step 1: `0` → `1` |');
    expect(regressions).toContain('| header | `header:content-type` | changed | 1 | 1 |');
  });

  it('lists only the first few individually, and says where the rest are', async () => {
    const listed = regressions.slice(regressions.indexOf(`### First ${maxListedRegressions}`)).split('\n').filter((l) => l.startsWith('| lists the menu'));
    expect(listed).toHaveLength(maxListedRegressions);
    expect(regressions).toContain(`The first ${maxListedRegressions} of 22,801; parity-report.html and results.json list each step's`);
    // Bounded: the document does not grow with the number of regressions.
    expect(md.length).toBeLessThan(20 * 1024);
  });
});
