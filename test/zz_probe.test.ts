import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordBaseline } from '../src/baseline/recordBaseline';
it('runs', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'probe-'));
  const repo = '/work/main';
  cpSync(path.join(repo, 'env/sandbox.env'), path.join(root, 'env/sandbox.env'));
  cpSync(path.join(repo, 'specs'), path.join(root, 'specs'), { recursive: true });
  cpSync(path.join(repo, 'suites/menu.yaml'), path.join(root, 'suites/menu.yaml'));
  const rec = await recordBaseline({ root, processEnv: { PATH: process.env.PATH } });
  for (const c of rec.run.cases) for (const s of c.steps) console.log(c.id, JSON.stringify(s.differences.filter(d => d.disposition === 'regression')), JSON.stringify(s.expectations.filter(e => !e.ok)));
});
