import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseResult, Difference, RunResult } from '../../src/model/result';
import { makeProject, repoRoot, runInProject } from './helpers';

/**
 * The verdict rules end to end on the built-in sandbox (API Cloud-like and Choreo-like gateways
 * with Envoy-style CORS): kind-matched noise, CORS, aliases, captures and not-run steps,
 * expectations that fail on both sides, and collective differences — through runParity, with
 * the reports it writes.
 */
const suite = `
suite: verdicts
api: pizzashack
cases:
  - name: menu prices vary by themselves
    request: GET /menu
    expect: { status: 200 }

  - name: create then read keeps ids apart per side
    steps:
      - name: create
        request:
          method: POST
          path: /order
          json: { customerName: Ada, address: 1 Main St, pizzaType: Margherita, creditCardNumber: "4111111111111111", quantity: 2 }
        expect: { status: 201, headers: { location: present } }
        capture: { orderId: $.orderId, where: { header: location } }
      - name: read
        request: GET /order/{{orderId}}
        expect: { status: 200, json: { $.orderId: "{{orderId}}" } }

  - name: a capture that matches nothing is a suite problem
    steps:
      - name: create
        request:
          method: POST
          path: /order
          json: { customerName: Ada, pizzaType: Margherita, quantity: 1 }
        capture: { orderId: $.order_id }
      - name: read
        request: GET /order/{{orderId}}
      - name: delete
        request: { method: DELETE, path: "/order/{{orderId}}" }

  - name: wrong credentials fail on both sides
    auth: { bearer: not-a-real-token }
    request: GET /menu
    expect: { status: 200 }
`;

let project: ReturnType<typeof makeProject>;
let calm: RunResult;
let drift: RunResult;

beforeAll(async () => {
  project = makeProject({ suites: false });
  mkdirSync(path.join(project.root, 'suites'), { recursive: true });
  writeFileSync(path.join(project.root, 'suites', 'verdicts.yaml'), suite);
  writeFileSync(path.join(project.root, 'suites', 'cors.yaml'), readFileSync(path.join(repoRoot, 'suites', 'cors.yaml')));
  calm = await runInProject(project.root);
  drift = await runInProject(project.root, { sandbox: { drift: true }, reportsDir: path.join(project.root, 'reports-drift') });
}, 120_000);
afterAll(() => project.cleanup());

const byName = (run: RunResult, name: string): CaseResult => run.cases.find((c) => c.name === name)!;
const differencesOf = (result: CaseResult): Difference[] => result.steps.flatMap((step) => step.differences);

describe('verdicts on the sandbox', () => {
  it('excuses the per-call menu prices as value noise, naming the legacy variation behind each', () => {
    const menu = byName(calm, 'menu prices vary by themselves');
    expect(menu.status).toBe('passed');
    const noise = differencesOf(menu).filter((d) => d.disposition === 'noise');
    expect(noise.length).toBeGreaterThan(0);
    for (const d of noise) expect(d.noise).toMatchObject({ variation: 'value', path: '$[*].price' });
  });

  it('accepts API Cloud-only CORS headers on requests without Origin, and compares them on the CORS suite', () => {
    const menu = byName(calm, 'menu prices vary by themselves');
    expect(differencesOf(menu).filter((d) => d.rule === 'cors.only-on-cors-requests').map((d) => d.path)).toEqual(
      expect.arrayContaining(['header:access-control-allow-origin', 'header:access-control-allow-methods', 'header:access-control-allow-headers']),
    );
    for (const name of ['a browser reads the menu from another origin', "a browser's preflight for an order is answered without a token"]) {
      const result = byName(calm, name);
      expect({ name, status: result.status }).toEqual({ name, status: 'passed' });
      expect(differencesOf(result).some((d) => d.rule === 'cors.only-on-cors-requests')).toBe(false);
    }
    expect(differencesOf(byName(calm, 'a browser reads the menu from another origin')).map((d) => d.rule)).toContain('cors.allow-lists');
  });

  it('aliases the ids created on each side in the body, in Location and in the next request', () => {
    const scenario = byName(calm, 'create then read keeps ids apart per side');
    expect(scenario.status).toBe('passed');
    expect(scenario.steps.map((s) => s.name)).toEqual(['create', 'read']);
    expect(differencesOf(scenario).filter((d) => d.disposition === 'regression')).toEqual([]);
    expect(differencesOf(scenario).some((d) => d.rule === 'alias:orderId')).toBe(true);
  });

  it('makes a capture that matches nothing a harness error, and lists the later steps as not run with the reason', () => {
    const broken = byName(calm, 'a capture that matches nothing is a suite problem');
    expect(broken.status).toBe('error');
    expect(broken.error?.name).toBe('CaptureError');
    expect(broken.error?.message).toContain('$.order_id matched nothing');
    expect(broken.notRun?.map((n) => n.name)).toEqual(['read', 'delete']);
    expect(broken.notRun?.[0]?.reason).toContain('step "create" broke');
    expect(calm.summary.stepsNotRun).toBe(2);
  });

  it('counts an expectation both sides break apart from regressions, and never as a PASS', () => {
    const wrong = byName(calm, 'wrong credentials fail on both sides');
    expect(wrong.status).toBe('failed');
    expect(differencesOf(wrong).filter((d) => d.disposition === 'regression')).toEqual([]);
    expect(differencesOf(wrong).find((d) => d.disposition === 'both-fail')?.reason).toContain('fails on the legacy too: check the suite or the credentials');
    expect(calm.summary).toMatchObject({ failed: 1, errors: 1, bothFail: 1, failedOnBoth: 1, verdict: 'fail' });
    expect(calm.summary.verdictReasons).toEqual(expect.arrayContaining([expect.stringContaining('on the legacy too')]));
    expect(calm.summary.verdictReasons?.some((reason) => reason.includes('failed with regressions'))).toBe(false);
    const signoff = readFileSync(path.join(project.root, 'reports', 'signoff.md'), 'utf8');
    expect(signoff).toContain('Fails on the legacy too');
    expect(signoff).toContain('Steps not run');
  });

  it('tells the drifted menu as one reorder plus the planted description, and the renamed customerName as a rename', () => {
    const menu = byName(drift, 'menu prices vary by themselves');
    const failing = differencesOf(menu).filter((d) => d.disposition === 'regression' && d.area === 'body');
    expect(failing.map((d) => `${d.path} ${d.collective?.kind ?? ''}`)).toEqual(['$ reordered', expect.stringMatching(/^\$\[\d\]\.description $/)]);
    expect(failing[0]?.collective?.hint).toMatch(/any-order/);
    const read = byName(drift, 'create then read keeps ids apart per side').steps.find((s) => s.name === 'read')!;
    const rename = read.differences.find((d) => d.collective?.kind === 'renamed');
    expect(rename).toMatchObject({ path: '$.customerName', disposition: 'regression', collective: { paths: ['$.customerName', '$.customer_name'] } });
  });
});
