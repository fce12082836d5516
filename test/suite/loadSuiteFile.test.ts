import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SuiteError } from '../../src/errors';
import { loadGlobalConfig } from '../../src/suite/loadGlobalConfig';
import { loadSuiteFile } from '../../src/suite/loadSuiteFile';
import { SuiteErrorList } from '../../src/suite/suiteIssues';
import { createProject, thrown } from './helpers';

const load = (yaml: string, extra: Record<string, string> = {}) => {
  const project = createProject({ 'suites/orders.yaml': yaml, ...extra });
  try {
    return loadSuiteFile('suites/orders.yaml', { root: project.root, ...loadGlobalConfig(project.root) });
  } finally {
    project.cleanup();
  }
};

const loadError = (yaml: string, extra: Record<string, string> = {}) => thrown(() => load(yaml, extra));

describe('loadSuiteFile', () => {
  it('fills every default: GET, target auth, name from the file, METHOD path step names, ids from file and name', () => {
    const suite = load('api: pizzashack\ncases:\n  - name: menu\n    request: { path: /menu }\n');
    expect(suite.name).toBe('orders');
    expect(suite.file).toBe('suites/orders.yaml');
    const [kase] = suite.cases;
    expect(kase).toMatchObject({ id: 'suites/orders.yaml#menu', name: 'menu', api: 'pizzashack', tags: [], skip: false, only: false, vars: {}, latency: {}, line: 3 });
    expect(kase!.steps).toEqual([
      {
        name: 'GET /menu',
        auth: { kind: 'target' },
        request: { method: 'GET', path: '/menu', query: {}, headers: {} },
        expect: { status: [], headers: {}, json: {} },
        capture: {},
        rules: { ignore: [], match: [], arrays: [], headers: [], accept: [] },
        noiseBaseline: true,
        mutating: false,
        api: 'pizzashack',
        line: 4,
      },
    ]);
  });

  it('records the sha256 of the file bytes for the sign-off', () => {
    const yaml = 'api: a\ncases: [{ name: x, request: GET /x }]\n';
    const suite = load(yaml);
    expect(suite.sha256).toBe(createHash('sha256').update(yaml).digest('hex'));
  });

  it('reads the "METHOD /path" request shorthand', () => {
    const suite = load('api: a\ncases:\n  - name: x\n    request: DELETE /order/1\n');
    expect(suite.cases[0]!.steps[0]!.request).toEqual({ method: 'DELETE', path: '/order/1', query: {}, headers: {} });
  });

  it('classifies writes as mutating with no noise baseline, and lets a case force either', () => {
    const suite = load(`api: a
cases:
  - name: post
    request: POST /order
  - name: get that writes
    mutating: true
    request: GET /reset
  - name: post with noise baseline
    noiseBaseline: true
    request: POST /search
`);
    expect(suite.cases.map((c) => [c.steps[0]!.mutating, c.steps[0]!.noiseBaseline])).toEqual([
      [true, false],
      [true, false],
      [true, true],
    ]);
  });

  it('lets a step override the case for auth, api, mutating and rules, and names steps after their request', () => {
    const suite = load(`api: pizzashack
rules: { ignore: ['$.a'] }
cases:
  - name: scenario
    auth: none
    rules: { ignore: ['$.b'] }
    steps:
      - request: { method: POST, path: /order, json: { q: 1 } }
        capture: { orderId: $.orderId }
      - name: read it back
        api: other
        auth: { scope: "a b" }
        rules: { match: { '$.id': uuid } }
        request: GET /order/{{orderId}}
      - request: POST /order
`);
    const steps = suite.cases[0]!.steps;
    expect(steps.map((s) => s.name)).toEqual(['POST /order', 'read it back', 'POST /order (step 3)']);
    expect(steps.map((s) => s.api)).toEqual(['pizzashack', 'other', 'pizzashack']);
    expect(steps.map((s) => s.auth)).toEqual([{ kind: 'none' }, { kind: 'scope', scopes: ['a', 'b'] }, { kind: 'none' }]);
    expect(steps[0]!.rules.ignore.map((r) => [r.path, r.origin])).toEqual([
      ['$.a', { scope: 'suite', file: 'suites/orders.yaml', line: 2 }],
      ['$.b', { scope: 'case', file: 'suites/orders.yaml', line: 6 }],
    ]);
    expect(steps[1]!.rules.match).toEqual([{ path: '$.id', matcher: { type: 'uuid' }, origin: { scope: 'step', file: 'suites/orders.yaml', line: 13 } }]);
  });

  it('applies global rules from suites/_global.yaml first, so suite rules win on the same path', () => {
    const suite = load('api: a\nrules: { match: { "$.at": string } }\ncases: [{ name: x, request: GET /x }]\n', {
      'suites/_global.yaml': 'vars: { tenant: acme }\nrules:\n  match: { "$.at": iso-date }\n  headers: { x-request-id: ignore }\n',
    });
    const rules = suite.cases[0]!.steps[0]!.rules;
    expect(rules.match).toEqual([{ path: '$.at', matcher: { type: 'string' }, origin: { scope: 'suite', file: 'suites/orders.yaml', line: 2 } }]);
    expect(rules.headers).toEqual([{ name: 'x-request-id', rule: 'ignore', origin: { scope: 'global', file: 'suites/_global.yaml', line: 4 } }]);
    expect(suite.globalVars).toEqual({ tenant: 'acme' });
  });

  it('parses every matcher, array policy, header rule and acceptance form', () => {
    const suite = load(`api: a
rules:
  ignore: ['$.items[*].price', '$..etag']
  match:
    '$.orderId': uuid
    '$.price': { tolerance: 0.5 }
    '$.total': { tolerance: { relative: 0.01 } }
    '$.name': { regex: '^[A-Z]' }
    '$.at': iso-date
  arrays: { '$': { by-key: name }, '$.items': any-order, '$.steps': strict }
  headers: { X-Custom: ignore, content-type: compare, x-must: must-exist }
  accept:
    - path: $.customer_name
      reason: renamed on purpose in the Choreo version
      legacy: Jane
    - path: header:X-Powered-By
      reason: Choreo does not send it
    - path: status
      reason: Choreo answers 202 for async orders
cases: [{ name: x, request: GET /x }]
`);
    const rules = suite.cases[0]!.steps[0]!.rules;
    expect(rules.ignore.map((r) => r.path)).toEqual(['$.items[*].price', '$..etag']);
    expect(rules.match.map((r) => r.matcher)).toEqual([
      { type: 'uuid' },
      { type: 'tolerance', absolute: 0.5 },
      { type: 'tolerance', relative: 0.01 },
      { type: 'regex', pattern: '^[A-Z]' },
      { type: 'iso-date' },
    ]);
    expect(rules.arrays.map((r) => [r.path, r.policy])).toEqual([
      ['$', { kind: 'by-key', key: 'name' }],
      ['$.items', { kind: 'any-order' }],
      ['$.steps', { kind: 'strict' }],
    ]);
    expect(rules.headers.map((r) => [r.name, r.rule])).toEqual([
      ['x-custom', 'ignore'],
      ['content-type', 'compare'],
      ['x-must', 'must-exist'],
    ]);
    expect(rules.accept.map(({ origin, ...rest }) => rest)).toEqual([
      { path: '$.customer_name', reason: 'renamed on purpose in the Choreo version', legacy: 'Jane' },
      { path: 'header:x-powered-by', reason: 'Choreo does not send it' },
      { path: 'status', reason: 'Choreo answers 202 for async orders' },
    ]);
  });

  it('reads bodies, query, headers (lower-cased), expectations and every capture form', () => {
    const suite = load(`api: a
cases:
  - name: x
    request:
      method: post
      path: /order
      query: { page: 2, q: "{{pizza}}" }
      headers: { Accept: application/json }
      form: { a: "1" }
    expect:
      status: [200, 201]
      headers: { Location: present, content-type: application/json, x-literal: { equals: present } }
      json: { "$.delivered": false, "$.items[0]": { id: 1 } }
    capture:
      orderId: $.orderId
      viaJson: { json: $.id }
      fromHeader: { header: Location, regex: "/order/(.+)$" }
      code: { status: true }
  - name: text body
    request: { method: PUT, path: /t, text: "a,b", contentType: text/csv }
  - name: json body
    request: { method: PUT, path: /t, json: [1, "{{pizza}}"] }
vars: { pizza: Margherita }
`);
    const [x, text, json] = suite.cases.map((c) => c.steps[0]!);
    expect(x!.request).toEqual({ method: 'POST', path: '/order', query: { page: '2', q: '{{pizza}}' }, headers: { accept: 'application/json' }, body: { kind: 'form', value: { a: '1' } } });
    expect(x!.expect).toEqual({
      status: [200, 201],
      headers: { location: { present: true }, 'content-type': { equals: 'application/json' }, 'x-literal': { equals: 'present' } },
      json: { '$.delivered': false, '$.items[0]': { id: 1 } },
    });
    expect(x!.capture).toEqual({
      orderId: { from: 'json', path: '$.orderId' },
      viaJson: { from: 'json', path: '$.id' },
      fromHeader: { from: 'header', name: 'location', regex: '/order/(.+)$' },
      code: { from: 'status' },
    });
    expect(text!.request.body).toEqual({ kind: 'text', value: 'a,b', contentType: 'text/csv' });
    expect(json!.request.body).toEqual({ kind: 'json', value: [1, '{{pizza}}'] });
  });

  it('puts the suite tags before the case tags, and keeps a skip reason', () => {
    const suite = load('api: a\ntags: [orders]\ncases:\n  - name: x\n    tags: [write, orders]\n    skip: waiting for CHOREO-123\n    request: GET /x\n');
    expect(suite.cases[0]).toMatchObject({ tags: ['orders', 'write'], skip: true, skipReason: 'waiting for CHOREO-123' });
  });

  it('reuses YAML anchors and merge keys', () => {
    const suite = load(`api: a
cases:
  - name: one
    request: &create { method: POST, path: /order, headers: { accept: application/json } }
  - name: two
    request:
      <<: *create
      path: /order/2
`);
    expect(suite.cases[1]!.steps[0]!.request).toEqual({ method: 'POST', path: '/order/2', query: {}, headers: { accept: 'application/json' } });
  });

  it('turns each inline data row into its own case with a templated name and the row as vars', () => {
    const suite = load(`api: a
cases:
  - name: "order {{pizzaType}} x{{quantity}}"
    each:
      - { pizzaType: Margherita, quantity: 1 }
      - { pizzaType: Pepperoni, quantity: 2 }
    request: { method: POST, path: /order, json: { pizzaType: "{{pizzaType}}", quantity: "{{quantity}}" } }
`);
    expect(suite.cases.map((c) => [c.id, c.vars, c.dataRow])).toEqual([
      ['suites/orders.yaml#order Margherita x1', { pizzaType: 'Margherita', quantity: 1 }, { source: 'inline', index: 1, line: 5 }],
      ['suites/orders.yaml#order Pepperoni x2', { pizzaType: 'Pepperoni', quantity: 2 }, { source: 'inline', index: 2, line: 6 }],
    ]);
  });

  it('reads each: from a CSV file next to the suite', () => {
    const suite = load('api: a\ncases:\n  - name: "order {{pizza}}"\n    each: data/orders.csv\n    request: GET /menu/{{pizza}}\n', {
      'suites/data/orders.csv': 'pizza,quantity\nMargherita,1\n"Four Cheese, large",2\n',
    });
    expect(suite.cases.map((c) => [c.name, c.vars, c.dataRow])).toEqual([
      ['order Margherita', { pizza: 'Margherita', quantity: '1' }, { source: 'suites/data/orders.csv', index: 1, line: 2 }],
      ['order Four Cheese, large', { pizza: 'Four Cheese, large', quantity: '2' }, { source: 'suites/data/orders.csv', index: 2, line: 3 }],
    ]);
  });

  it('names the CSV row that is missing a column', () => {
    const error = loadError('api: a\ncases:\n  - name: "order {{pizza}}"\n    each: data/orders.csv\n    request: GET /x\n', {
      'suites/data/orders.csv': 'pizza,quantity\nMargherita,1\nPepperoni\n',
    });
    expect(error).toBeInstanceOf(SuiteError);
    expect(error.message).toBe('suites/orders.yaml:4:11 cases[0].each: suites/data/orders.csv:3 row 2 is missing column "quantity" (1 of 2 values)');
  });

  it('reports the brief\'s example exactly: position of the key, path of its mapping, the nearest key', () => {
    const error = loadError('api: a\ncases:\n  - name: x\n    request:\n      methd: POST\n      path: /order\n');
    expect(error).toBeInstanceOf(SuiteError);
    expect(error).toMatchObject({
      message: 'suites/orders.yaml:5:7 cases[0].request: unknown key "methd". Did you mean "method"?',
      file: 'suites/orders.yaml',
      line: 5,
      column: 7,
      path: 'cases[0].request',
      hint: 'Allowed keys in a request: method, path, query, headers, json, text, contentType, form.',
    });
  });

  it('reports every problem of a file at once, each on its own line, in file order', () => {
    const error = loadError(`api: a
cases:
  - name: x
    request: { methd: GET, path: /x }
  - name: y
    request: { method: FETCH, path: /y }
    expect: { status: 999 }
`);
    expect(error).toBeInstanceOf(SuiteErrorList);
    expect(error.message.split('\n')).toEqual([
      'suites/orders.yaml:4:16 cases[0].request: unknown key "methd". Did you mean "method"?',
      'suites/orders.yaml:6:24 cases[1].request.method: unknown HTTP method "FETCH".',
      'suites/orders.yaml:7:23 cases[1].expect.status: 999 is out of range: must be at least 100 and at most 599',
    ]);
    expect((error as unknown as SuiteErrorList).errors).toHaveLength(3);
    expect(error).toMatchObject({ line: 4, column: 16, path: 'cases[0].request' });
  });

  it('flags a template variable that no var or earlier capture defines, suggesting the nearest', () => {
    const error = loadError(`api: a
cases:
  - name: x
    steps:
      - request: POST /order
        capture: { orderId: $.orderId }
      - request: GET /order/{{ordrId}}
`);
    expect(error.message).toBe('suites/orders.yaml:7:18 cases[0].steps[1].request: unknown variable "ordrId" in "/order/{{ordrId}}". Did you mean "orderId"?');
    expect(error.hint).toBe('Variables here: orderId (captured in step 1). Define it under vars:, capture it in an earlier step, or use {{env.NAME}} for the environment.');
  });

  it('lets expectations use {{base}} and their own step\'s captures, but not the request that produces them', () => {
    expect(() => load('api: a\ncases:\n  - name: x\n    request: POST /order\n    capture: { id: $.id }\n    expect: { headers: { location: "{{base}}/order/{{id}}" } }\n')).not.toThrow();
    const error = loadError('api: a\ncases:\n  - name: x\n    request: POST /order/{{id}}\n    capture: { id: $.id }\n');
    expect(error.message).toBe(
      'suites/orders.yaml:4:14 cases[0].request: unknown variable "id" in "/order/{{id}}". ("id" is captured from this step\'s response, so only its expect: and later steps can use it)',
    );
    expect(loadError('api: a\ncases:\n  - name: x\n    request: GET /{{base}}\n').message).toContain('unknown variable "base"');
  });

  it('accepts a file path given absolute or relative to the root, always reporting it relative with forward slashes', () => {
    const project = createProject({ 'suites/sub/a.yaml': 'api: a\ncases: [{ name: x, request: GET /x }]\n' });
    try {
      const absolute = loadSuiteFile(path.join(project.root, 'suites', 'sub', 'a.yaml'), { root: project.root });
      const relative = loadSuiteFile('suites/sub/a.yaml', { root: project.root });
      expect(absolute.file).toBe('suites/sub/a.yaml');
      expect(relative.cases[0]!.id).toBe('suites/sub/a.yaml#x');
    } finally {
      project.cleanup();
    }
  });

  it('says "file not found" for a missing file, without a stack in the message', () => {
    const project = createProject({});
    try {
      const error = thrown(() => loadSuiteFile('suites/nope.yaml', { root: project.root }));
      expect(error).toBeInstanceOf(SuiteError);
      expect(error.message).toBe('suites/nope.yaml: file not found');
    } finally {
      project.cleanup();
    }
  });

  it('loads the full example of docs/suite-format.md', () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/suite-format.md'), 'utf8');
    const example = /<!-- full-example -->\s*```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const csv = /<!-- full-example-csv -->\s*```csv\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const suite = load(example!, { 'suites/data/orders.csv': csv });
    expect(suite.cases.length).toBeGreaterThan(3);
  });
});
