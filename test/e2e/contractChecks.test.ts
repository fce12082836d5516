import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeProject, runInProject } from './helpers';

/** Issue "contract checks beyond the diff": token parity and latency parity on the sandbox. */
describe('token parity against the sandbox', () => {
  let project: ReturnType<typeof makeProject>;
  beforeEach(() => {
    project = makeProject();
  });
  afterEach(() => project.cleanup());
  const faults = () => [path.join(project.root, 'suites', 'gateway-faults.yaml')];

  it('passes when both sides grant the same scopes and the candidate JWT verifies against its JWKS', async () => {
    const run = await runInProject(project.root, { files: faults() });
    expect(run.tokenParity).toMatchObject({ status: 'passed', legacy: { format: 'opaque-uuid' }, candidate: { format: 'jwt', signature: 'verified' } });
    expect(run.tokenParity?.findings.map((f) => `${f.disposition}:${f.rule}`)).toEqual(expect.arrayContaining(['accepted:token.lifetime', 'accepted:token.format']));
  });

  it('fails naming the scope the candidate does not grant', async () => {
    const run = await runInProject(project.root, { files: faults(), env: { PARITY_SANDBOX_CANDIDATE_SCOPES: 'none' } });
    expect(run.tokenParity?.status).toBe('failed');
    const scopes = run.tokenParity?.findings.find((f) => f.rule === 'token.scopes');
    expect(scopes).toMatchObject({ disposition: 'regression', legacy: 'order_pizza' });
    expect(scopes?.reason).toContain('"order_pizza"');
  });

  it('is an error that names the signature problem when the candidate signs with a key outside its JWKS', async () => {
    const run = await runInProject(project.root, { files: faults(), env: { PARITY_SANDBOX_UNKNOWN_KEY: '1' } });
    expect(run.tokenParity?.status).toBe('error');
    expect(run.tokenParity?.error?.message).toMatch(/signature/i);
    expect(run.tokenParity?.error?.message).toMatch(/jwks/i);
  });
});

describe('latency parity against the sandbox', () => {
  let project: ReturnType<typeof makeProject>;
  beforeEach(() => {
    project = makeProject({ suites: false });
  });
  afterEach(() => project.cleanup());

  it('fails the cases whose candidate is slower than maxAddedMs allows, with both timings', async () => {
    const file = path.join(project.root, 'latency.yaml');
    writeFileSync(
      file,
      [
        'suite: latency',
        'api: pizzashack',
        'cases:',
        '  - name: the menu is not much slower on the candidate',
        '    latency: { maxAddedMs: 100 }',
        '    request: GET /menu',
        '    expect: { status: 200 }',
        '  - name: the menu without a latency threshold',
        '    request: GET /menu',
        '    expect: { status: 200 }',
        '',
      ].join('\n'),
    );
    const run = await runInProject(project.root, { files: [file], env: { PARITY_SANDBOX_CANDIDATE_DELAY_MS: '200' } });
    const slow = run.cases.find((c) => c.name === 'the menu is not much slower on the candidate');
    expect(slow?.status).toBe('failed');
    const finding = slow?.steps.flatMap((step) => step.differences).find((d) => d.area === 'latency');
    expect(finding).toMatchObject({ disposition: 'regression', rule: 'latency.maxAddedMs' });
    expect(finding?.candidate as number).toBeGreaterThanOrEqual(200);
    expect((finding?.candidate as number) - (finding?.legacy as number)).toBeGreaterThan(100);
    expect(run.cases.find((c) => c.name === 'the menu without a latency threshold')?.status).toBe('passed');
  });
});
