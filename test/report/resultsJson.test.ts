import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RESULT_SCHEMA_VERSION, type RunResult, type StepResult } from '../../src/model/result';
import { renderResultsJson } from '../../src/report/renderResultsJson';
import { inReportOrder, buildRun, caseResult, exchange, menuCases, menuSuite, inventoryCases, step, tokenParity } from './fixtures';
import { checkSchema, declaredProperties } from './schemaCheck';

const root = path.resolve(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(path.join(root, 'schema', 'results.schema.json'), 'utf8')) as Record<string, unknown>;

/**
 * A sharded (so partial) run whose token check errored, whose bodies are binary, truncated and
 * unparsable, and whose step counted differences it did not list.
 */
function exoticRun(): RunResult {
  const odd = caseResult(menuSuite, 'pizzashack', 'downloads the menu as PDF', {
    steps: [
      withUnlisted(step(
        'GET /menu.pdf',
        exchange('legacy', { path: '/menu.pdf', body: { kind: 'binary', contentType: 'application/pdf', bytes: 2048, sha256: 'e'.repeat(64) } }),
        exchange('candidate', {
          path: '/menu.pdf',
          body: { kind: 'json', contentType: 'application/json', bytes: 9_000_000, text: '{"items": [', sha256: 'f'.repeat(64), truncated: true, sha256OfFirstBytes: 9_000_000, parseError: 'Unexpected end of JSON input' },
        }),
      )),
    ],
  });
  const run = buildRun({ cases: [...menuCases(), ...inventoryCases(), odd], tokenParity: tokenParity('error') });
  return { ...run, shard: { index: 1, count: 2 }, partial: { selectedCases: run.cases.length, totalCases: run.cases.length * 2, reasons: ['--shard 1/2'] } };
}

function withUnlisted(s: StepResult): StepResult {
  return { ...s, unlisted: [{ disposition: 'accepted', rule: 'gateway-headers', area: 'header', pattern: 'header:x-trace', kind: 'changed', count: 3 }] };
}

describe('results.json', () => {
  it('is the run itself, cases in report order one per line, with the current schemaVersion', () => {
    const run = buildRun();
    const text = renderResultsJson(run);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(inReportOrder(run))));
    expect(JSON.parse(text).schemaVersion).toBe(RESULT_SCHEMA_VERSION);
  });

  it('pins schemaVersion in the schema to the model constant', () => {
    expect((schema.properties as Record<string, { const: unknown } | undefined>).schemaVersion?.const).toBe(RESULT_SCHEMA_VERSION);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('validates against schema/results.schema.json, every field of our output declared there', () => {
    for (const run of [buildRun(), exoticRun()]) {
      const { errors } = checkSchema(schema, JSON.parse(renderResultsJson(run)), { strict: true });
      expect(errors).toEqual([]);
    }
  });

  it('declares no field the model does not produce (the fixtures exercise every declared property)', () => {
    const visited = new Set<string>();
    for (const run of [buildRun(), exoticRun()]) for (const v of checkSchema(schema, JSON.parse(renderResultsJson(run))).visited) visited.add(v);
    expect(declaredProperties(schema).filter((p) => !visited.has(p))).toEqual([]);
  });

  it('rejects results with a missing field, a wrong type or an unknown status', () => {
    const run = JSON.parse(renderResultsJson(buildRun())) as Record<string, any>;
    delete run.summary.byRule;
    run.cases[0].status = 'exploded';
    run.cases[1].latency.legacyMs = 'fast';
    run.schemaVersion = 2;
    const { errors } = checkSchema(schema, run);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('$.summary: missing required "byRule"'),
        expect.stringContaining('$.cases[0].status: "exploded" is not one of'),
        expect.stringContaining('$.cases[1].latency.legacyMs: expected number or null'),
        expect.stringContaining('$.schemaVersion: expected 1'),
      ]),
    );
  });

  it('documents every schema property in docs/results-format.md', () => {
    const doc = readFileSync(path.join(root, 'docs', 'results-format.md'), 'utf8');
    const names = [...new Set(declaredProperties(schema).map((p) => p.split('/').pop()!))];
    expect(names.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });
});
