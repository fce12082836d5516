import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseApiDocument, isSyntaxError } from '../../src/contract/parseApiDocument';
import { importHar } from '../../src/importers/importHar';
import { importOpenApi } from '../../src/importers/importOpenApi';
import { importPostman } from '../../src/importers/importPostman';
import { scriptSource } from '../../src/importers/postmanCollection';
import type { ImportResult } from '../../src/importers/types';
import { loadGenerated } from '../importers/loadGenerated';
import { realWorldFiles } from './sharedArtifacts';

/** Every artifact is read the way `parity import` reads it: a byte-order mark tolerated, YAML as js-yaml would. */
function readArtifact(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json') || file.endsWith('.har')) return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  const parsed = parseApiDocument(text);
  if (isSyntaxError(parsed)) throw new Error(`${file}:${parsed.line}: ${parsed.message}`);
  return parsed.value;
}

const isEnvironment = (value: unknown) => typeof value === 'object' && value !== null && Array.isArray((value as { values?: unknown }).values) && !Array.isArray((value as { item?: unknown }).item);

/** The environment exported beside a collection (same name stem), as a user would pass with --environment. */
function environmentFor(collection: string, files: string[]): unknown {
  const stem = path.basename(collection).split(/[.-]/)[0]!;
  const match = files.find((file) => file !== collection && path.basename(file).startsWith(stem) && isEnvironment(readArtifact(file)));
  return match === undefined ? undefined : readArtifact(match);
}

/** The origin most entries of a capture went to: what a user would pass as --base-url. */
function captureBase(har: unknown): string {
  const counts = new Map<string, number>();
  for (const entry of (har as { log: { entries: Array<{ request?: { url?: string } }> } }).log.entries) {
    try {
      const origin = new URL(entry.request?.url ?? '').origin;
      counts.set(origin, (counts.get(origin) ?? 0) + 1);
    } catch {
      continue;
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

function expectLoads(result: ImportResult): void {
  const suites = loadGenerated(result);
  expect(Object.keys(suites)).toEqual(result.files.map((file) => file.path));
  for (const file of result.files) expect(suites[file.path]!.cases.length).toBe(file.cases);
}

describe('every real-world artifact imports into suites that load', () => {
  const postman = realWorldFiles('postman');

  describe.each(realWorldFiles('openapi').concat(realWorldFiles('wso2')).map((file) => [path.basename(file), file]))('OpenAPI %s', (_name, file) => {
    it('imports every operation (writes too) into a suite the loader accepts', () => {
      const result = importOpenApi(readArtifact(file), { allMethods: true, sourceFile: path.basename(file) });
      expectLoads(result);
      // Nothing is lost silently: each operation is a case or a listed skip.
      const document = readArtifact(file) as { paths?: Record<string, Record<string, unknown>>; webhooks?: Record<string, unknown> };
      const operations = Object.values(document.paths ?? {}).flatMap((item) => Object.keys(item).filter((key) => ['get', 'head', 'options', 'post', 'put', 'patch', 'delete'].includes(key)));
      const cases = result.files.reduce((sum, imported) => sum + imported.cases, 0);
      expect(cases + result.skipped.filter((item) => !item.item.startsWith('webhook ')).length).toBe(operations.length);
      expect(result.skipped.filter((item) => item.item.startsWith('webhook ')).length).toBe(Object.keys(document.webhooks ?? {}).length);
    });
  });

  describe.each(realWorldFiles('har').map((file) => [path.basename(file), file]))('HAR %s', (_name, file) => {
    it('imports the calls under its main origin into a suite the loader accepts', () => {
      const har = readArtifact(file);
      const result = importHar(har, { baseUrl: captureBase(har), sourceFile: path.basename(file) });
      expectLoads(result);
      expect(result.files.length + result.skipped.length).toBeGreaterThan(0);
    });
  });

  describe.each(postman.filter((file) => !isEnvironment(readArtifact(file))).map((file) => [path.basename(file), file]))('Postman %s', (_name, file) => {
    const collection = readArtifact(file) as { item: unknown[] };
    const environment = environmentFor(file, postman);
    const result = importPostman(collection, { sourceFile: path.basename(file), ...(environment === undefined ? {} : { environment }) });

    it('imports into suites the loader accepts', () => {
      expectLoads(result);
    });

    it('lists every script line it did not convert at its real line, and none of the idioms it does convert', () => {
      const scripts = new Map<string, Map<string, string>>();
      const walk = (items: unknown[], prefix: string) => {
        for (const raw of items as Array<{ name?: string; item?: unknown[]; event?: [] }>) {
          const name = `${prefix}${raw.name?.trim() || 'request'}`;
          if (Array.isArray(raw.item)) walk(raw.item, `${name} / `);
          for (const event of ['prerequest', 'test'] as const) {
            const lines = new Map(scriptSource(raw.event, event).map((line) => [`${event}:${line.line}`, line.text.trim()]));
            scripts.set(name, new Map([...(scripts.get(name) ?? []), ...lines]));
          }
        }
      };
      walk(collection.item, '');
      for (const line of result.unconverted ?? []) {
        const own = [...scripts.entries()].find(([name]) => line.item.endsWith(name));
        if (own) expect(own[1].get(`${line.event}:${line.line}`)).toBe(line.text);
        expect(line.text).not.toMatch(/^pm\.response\.to\.have\.status\(\d{3}\)|^pm\.expect\(pm\.response\.responseTime\)\.to\.be\.below\(\d+\)/);
      }
    });
  });

  it('lists, per collection, exactly what was not converted', () => {
    const counts = Object.fromEntries(
      postman
        .filter((file) => !isEnvironment(readArtifact(file)))
        .map((file) => {
          const environment = environmentFor(file, postman);
          const result = importPostman(readArtifact(file), { sourceFile: path.basename(file), ...(environment === undefined ? {} : { environment }) });
          return [path.basename(file), (result.unconverted ?? []).map((line) => `${line.event}: ${line.text}`)];
        }),
    );
    const distinct = (name: string) => [...new Set(counts[name] as string[])];
    expect(Object.fromEntries(Object.entries(counts).map(([name, lines]) => [name, (lines as string[]).length]))).toEqual({
      'commercetools-checkout.collection.json': 171,
      'inna-petstore.postman_collection.json': 0,
      'kminina-petstore-playground.postman_collection.json': 0,
      'newman-inherited-entities.postman_collection.json': 9,
      'newman-multi-level-folders-v2.postman_collection.json': 18,
      'newman-sample-collection.json': 1,
      'transferwise-all-endpoints.postman_collection.json': 0,
      'transferwise-cards.postman_collection.json': 13,
    });
    // Computed values and a variable set two ways (from `results[0]` in one branch, the object in another) stay with the user.
    expect(distinct('commercetools-checkout.collection.json')).toEqual(expect.arrayContaining(['test: pm.environment.set("project-key", scopeParts[1]);', 'test: pm.environment.set("application-id", data.results[0].id);', 'test: pm.environment.set("application-id", data.id);']));
    expect(distinct('newman-sample-collection.json')).toEqual(["test: pm.expect(pm.response.json().args).to.have.property('source')"]);
    expect(distinct('newman-multi-level-folders-v2.postman_collection.json')).toEqual(expect.arrayContaining(['prerequest: var count = parseInt(postman.getEnvironmentVariable("count"));', 'test: tests["Request executed in correct order"] = postman.getEnvironmentVariable("count") === 0;']));
    expect(distinct('transferwise-cards.postman_collection.json')).toEqual(
      expect.arrayContaining(['test: pm.expect(json).to.have.property("access_token");', 'test: postman.setNextRequest(null);', 'test: pm.expect(json).to.have.property("id");']),
    );
    expect(distinct('newman-inherited-entities.postman_collection.json')).toEqual(expect.arrayContaining(["test: pm.expect(pm.variables.get('env-var')).to.equal('environment value');", "test: pm.environment.unset('folderScriptURL');"]));
  });
});
