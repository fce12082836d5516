import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runParity } from '../../src/engine/runParity';
import { importHar } from '../../src/importers/importHar';
import { importOpenApi } from '../../src/importers/importOpenApi';
import { importPostman } from '../../src/importers/importPostman';
import type { ImportResult } from '../../src/importers/types';
import type { RunResult } from '../../src/model/result';
import { cleanEnv, createProjectRoot, fixturesDir, repoRoot, type ProjectRoot } from '../baseline/projectRoot';

/** Case id → status, plus anything that is not a clean pass, for a readable failure. */
function outcome(run: RunResult) {
  return {
    suiteErrors: run.suites.filter((suite) => suite.error).map((suite) => `${suite.file}: ${suite.error!.message}`),
    notGreen: run.cases
      .filter((result) => result.status === 'failed' || result.status === 'error')
      .map((result) => `${result.id}: ${result.status} ${result.error?.message ?? JSON.stringify(result.steps.flatMap((step) => step.differences.filter((d) => d.disposition === 'regression')))}`),
    regressions: run.summary.regressions,
  };
}

describe('imported suites run on the sandbox', () => {
  let root: ProjectRoot;
  beforeEach(() => {
    root = createProjectRoot('imported');
  });
  afterEach(() => root.remove());

  const runImported = async (result: ImportResult) => {
    const files = result.files.map((file) => root.writeSuite(file.path, file.yaml));
    const { run } = await runParity({ root: root.dir, envName: 'sandbox', files, reportsDir: false, processEnv: cleanEnv() });
    return run;
  };

  it('runs the imported PizzaShack Postman collection green: no regressions, no errors', async () => {
    const collection = JSON.parse(readFileSync(path.join(fixturesDir, 'pizzashack.postman_collection.json'), 'utf8')) as unknown;
    const run = await runImported(importPostman(collection, { api: 'pizzashack' }));
    expect(outcome(run)).toEqual({ suiteErrors: [], notGreen: [], regressions: 0 });
    // The chained lookup now runs as the second step of the order it reads, so nothing is skipped.
    expect(run.summary.passed).toBe(6);
    expect(run.cases.find((result) => result.name === 'Place an order → Look up the order just placed')?.steps.map((step) => step.legacy.response?.status)).toEqual([201, 200]);
    expect(run.cases.filter((result) => result.status === 'skipped').map((result) => result.name)).toEqual([]);
  });

  it('runs the suite imported from specs/pizzashack.yaml green, the TODO case skipped', async () => {
    const spec = parse(readFileSync(path.join(repoRoot, 'specs', 'pizzashack.yaml'), 'utf8')) as unknown;
    const run = await runImported(importOpenApi(spec, { api: 'pizzashack', sourceFile: 'specs/pizzashack.yaml' }));
    expect(outcome(run)).toEqual({ suiteErrors: [], notGreen: [], regressions: 0 });
    expect(run.cases.map((result) => `${result.name}: ${result.status}`)).toEqual(['Get details of an Order: skipped', 'Return a list of available menu items: passed']);
  });

  it('runs the suite imported from the HAR capture green, the created order id compared as an alias', async () => {
    const har = JSON.parse(readFileSync(path.join(fixturesDir, 'pizzashack.har'), 'utf8')) as unknown;
    const run = await runImported(importHar(har, { baseUrl: 'https://gateway.api.cloud.wso2.com/t/pizzashack-demo/pizzashack/1.0.0' }));
    expect(outcome(run)).toEqual({ suiteErrors: [], notGreen: [], regressions: 0 });
    expect(run.summary.passed).toBe(4);
    expect(run.summary.byRule['accepted:alias:orderId']).toBeGreaterThan(0);
  });
});
