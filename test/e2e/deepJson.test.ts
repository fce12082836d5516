import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { maxRecordedDepth } from '../../src/engine/serializeCase';
import { makeProject } from './helpers';
import { comparableView, npmTest, parityCommand, parityRun } from './shells';

/**
 * A response nested 10,000 levels deep is beyond what `JSON.stringify` can recurse through. It
 * once made a Jest worker's results vanish (that suite file, a real regression in another case
 * included, missing from every report) and the run sign off as PASS. Now that case is an error
 * that says why, the regression beside it is kept, and neither shell nor `parity gate` passes.
 */
const depth = 10_000;
const deepBody = `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('a suite whose API answers with a 10,000-level-deep JSON body', () => {
  let project: ReturnType<typeof makeProject>;
  let server: http.Server;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/deep')) return res.end(deepBody);
      // The candidate renames a value: a real regression in the same suite file.
      return res.end(JSON.stringify({ name: req.url?.startsWith('/legacy') ? 'Margherita' : 'Margarita' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    project = makeProject({ suites: false });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    writeFileSync(
      path.join(project.root, 'env', 'deep.env'),
      ['PARITY_SANDBOX=false', 'LEGACY_PROFILE=generic', 'CANDIDATE_PROFILE=generic', 'LEGACY_GRANT=none', 'CANDIDATE_GRANT=none', `LEGACY_API_DEEP_URL=${base}/legacy`, `CANDIDATE_API_DEEP_URL=${base}/candidate`, ''].join('\n'),
    );
    mkdirSync(path.join(project.root, 'suites'));
    writeFileSync(
      path.join(project.root, 'suites', 'deep.yaml'),
      ['suite: deep', 'api: deep', 'cases:', '  - name: a deeply nested answer', '    request: GET /deep', '  - name: a renamed pizza', '    request: GET /pizza', ''].join('\n'),
    );
  });
  afterEach(() => project.cleanup());

  it('is an error of that case, never a pass, in npm test, parity run and parity gate alike', async () => {
    const env = { PARITY_ENV: 'deep' };
    const [jest, cli] = await Promise.all([npmTest(project.root, [], { env }), parityRun(project.root, [], { env })]);
    expect({ jest: jest.code, cli: cli.code }).toEqual({ jest: 1, cli: 2 });
    const run = jest.results();
    expect(run.cases.map((c) => [c.name, c.status, c.error?.name ?? null])).toEqual([
      ['a deeply nested answer', 'error', 'ResultNotSerializable'],
      ['a renamed pizza', 'failed', null],
    ]);
    expect(run.cases[0]?.error?.message).toContain(`nests deeper than ${maxRecordedDepth} levels`);
    expect(run.summary).toMatchObject({ verdict: 'fail', exitCode: 2 });
    expect(comparableView(cli.results())).toEqual(comparableView(run));
    // Jest's own output says why, as parity run does.
    for (const output of [jest.stdout, cli.stdout]) {
      expect(output).toContain('cannot be written to any report');
      expect(output).toContain('✗ body $.name (changed)');
    }
    const gate = await parityCommand(project.root, ['gate', path.relative(project.root, jest.reports)]);
    expect(gate.code).toBe(2);
    expect(gate.stdout).toContain('verdict: FAIL');
  });
});
