import { readFileSync, readdirSync } from 'node:fs';
import { importPostman } from '../src/importers/importPostman';
const dir = '/work/shared/real-world/postman';
const envFor: Record<string, string> = { 'transferwise-all-endpoints.postman_collection.json': 'transferwise-env.postman_environment.json', 'transferwise-cards.postman_collection.json': 'transferwise-env.postman_environment.json', 'commercetools-checkout.collection.json': 'commercetools-checkout.template.json' };
for (const f of readdirSync(dir).sort()) {
  const v = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8').replace(/^\uFEFF/, ''));
  if (!Array.isArray(v.item)) continue;
  const env = envFor[f] ? JSON.parse(readFileSync(`${dir}/${envFor[f]}`, 'utf8')) : undefined;
  const r = importPostman(v, { sourceFile: f, ...(env ? { environment: env } : {}) });
  console.log('##', f, r.unconverted!.length, 'files', r.files.length, 'cases', r.files.reduce((n, x) => n + x.cases, 0), 'skipped', r.skipped.length, 'todo-skips', r.files.reduce((n, x) => n + (x.yaml.match(/^    skip:/gm) ?? []).length, 0));
  const byText = new Map<string, number>();
  for (const u of r.unconverted!) byText.set(`${u.event}: ${u.text}`, (byText.get(`${u.event}: ${u.text}`) ?? 0) + 1);
  for (const [t, n] of byText) console.log('   ', n, t.slice(0, 150));
}
