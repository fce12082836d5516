import { readFileSync } from 'node:fs';
import { importOpenApi } from '../src/importers/importOpenApi';
import { parseApiDocument } from '../src/contract/parseApiDocument';
for (const f of process.argv.slice(2)) {
  const v = (parseApiDocument(readFileSync(f, 'utf8')) as { value: unknown }).value;
  try {
    const r = importOpenApi(v, { allMethods: true, sourceFile: f });
    const y = r.files[0]?.yaml ?? '';
    console.log('##', f.split('/').pop(), 'cases', r.files[0]?.cases, 'skip:', (y.match(/^    skip:.*$/gm) ?? []).length, 'skipped', r.skipped.length, 'cred', r.credentials);
    if (process.env.SHOW) console.log(y, JSON.stringify(r.skipped, null, 1));
    for (const l of (y.match(/^    skip:.*$/gm) ?? []).slice(0, 3)) console.log('   ', l.slice(0, 200));
  } catch (e) { console.log('##', f, 'ERR', (e as Error).message); }
}
