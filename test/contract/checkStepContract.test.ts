import { checkStepContract } from '../../src/contract/checkStepContract';
import { loadContract } from '../../src/contract/loadContract';
import type { Difference } from '../../src/model/result';
import { backendMenu, exchange, fixtures, projectRoot, type ResponseSpec } from './support/exchanges';

const pizzashack = loadContract('specs/pizzashack.yaml', projectRoot);
const swagger = loadContract(`${fixtures}/pizzashack-swagger2.json`, projectRoot);

function check(
  method: string,
  requestPath: string,
  legacy: ResponseSpec | undefined,
  candidate: ResponseSpec | undefined,
  options: { strict?: boolean; contract?: typeof pizzashack } = {},
): Difference[] {
  return checkStepContract({
    contract: options.contract ?? pizzashack,
    method,
    requestPath,
    legacy: exchange('legacy', method, `https://legacy.example${requestPath}`, legacy),
    candidate: exchange('candidate', method, `https://candidate.example${requestPath}`, candidate),
    strict: options.strict ?? false,
  });
}

const lines = (differences: Difference[]) => differences.map((d) => `${d.path} ${d.disposition} ${d.rule}`);

describe('checkStepContract on PizzaShack (OpenAPI 3.0)', () => {
  it('reports the backend\'s `icon` (the spec says `image`) as one pre-existing finding when both gateways pass it through', () => {
    const differences = check('GET', '/menu', { json: backendMenu() }, { json: backendMenu() });
    expect(differences).toEqual([
      {
        area: 'contract',
        path: 'contract:GET /menu 200 $[0].icon',
        kind: 'violation',
        legacy: '"icon" is not declared (additionalProperties: false), got string "/images/6.png" — at $[0].icon, $[1].icon, $[2].icon',
        candidate: '"icon" is not declared (additionalProperties: false), got string "/images/6.png" — at $[0].icon, $[1].icon, $[2].icon',
        disposition: 'pre-existing',
        rule: 'contract.schema',
        reason: expect.stringContaining('Both gateways break specs/pizzashack.yaml the same way'),
      },
    ]);
  });

  it('matches the shared `icon` defect across different array positions (indexes are wildcarded)', () => {
    const legacyMenu = [{ name: 'Plain', price: '9.99' }, ...backendMenu().slice(0, 1)];
    const candidateMenu = backendMenu().slice(0, 1);
    const differences = check('GET', '/menu', { json: legacyMenu }, { json: candidateMenu });
    expect(lines(differences)).toEqual(['contract:GET /menu 200 $[0].icon pre-existing contract.schema']);
    expect(differences[0]?.legacy).toContain('at $[1].icon');
  });

  it('turns the shared `icon` defect into a regression under strictContract, saying so', () => {
    const [difference] = check('GET', '/menu', { json: backendMenu() }, { json: backendMenu() }, { strict: true });
    expect(difference).toMatchObject({ disposition: 'regression', rule: 'contract.schema' });
    expect(difference?.reason).toMatch(/strictContract/);
  });

  it('fails the candidate alone when its menu items lose `name` and carry `price` as a number', () => {
    const broken = backendMenu().map(({ name: _name, ...rest }) => ({ ...rest, price: Number(rest.price) }));
    const differences = check('GET', '/menu', { json: backendMenu() }, { json: broken });
    expect(lines(differences)).toEqual([
      'contract:GET /menu 200 $[0].name regression contract.schema',
      'contract:GET /menu 200 $[0].icon pre-existing contract.schema',
      'contract:GET /menu 200 $[0].price regression contract.schema',
    ]);
    const name = differences.find((d) => d.path.endsWith('$[0].name'));
    expect(name).not.toHaveProperty('legacy');
    expect(name?.candidate).toBe('required property "name" is missing — at $[0].name, $[1].name, $[2].name');
    expect(differences.find((d) => d.path.endsWith('.price'))?.candidate).toBe('must be string, got number 15.99 — at $[0].price, $[1].price, $[2].price');
  });

  it('credits the candidate with an improvement when only the legacy breaks the schema', () => {
    const order = { orderId: 'ORD-1', customerName: 'Ann', delivered: false, quantity: 2 };
    const differences = check('GET', '/order/ORD-1', { json: { ...order, delivered: 'no' } }, { json: order });
    expect(differences).toEqual([
      expect.objectContaining({
        path: 'contract:GET /order/{orderId} 200 $.delivered',
        legacy: 'must be boolean, got string "no" — at $.delivered',
        disposition: 'improvement',
        reason: expect.stringContaining('The legacy breaks'),
      }),
    ]);
    expect(differences[0]).not.toHaveProperty('candidate');
  });

  it('keeps an improvement an improvement under strictContract', () => {
    const order = { orderId: 'ORD-1' };
    const differences = check('GET', '/order/ORD-1', { json: { ...order, quantity: 'two' } }, { json: order }, { strict: true });
    expect(differences.map((d) => d.disposition)).toEqual(['improvement']);
  });

  it('finds nothing when both responses keep the contract', () => {
    const order = { orderId: 'ORD-1', customerName: 'Ann', delivered: true, address: '1 Main St', pizzaType: 'Garden Fresh', quantity: 1 };
    expect(check('GET', '/order/ORD-1', { json: order }, { json: order })).toEqual([]);
  });

  it('matches the request path to its template and validates against that operation\'s schema', () => {
    const differences = check('PUT', '/order/3f6c8c1e-0a51-4b1f-b1f4-3d1f8c2b9e70?notify=false', { json: { orderId: 'x' } }, { json: { customerName: 'Ann' } });
    expect(lines(differences)).toEqual(['contract:PUT /order/{orderId} 200 $.orderId regression contract.schema']);
  });

  it('reports an undeclared status that only the candidate answers as a regression', () => {
    const differences = check('GET', '/menu', { json: [] }, { status: 500, json: { code: 500, message: 'boom' } });
    expect(differences).toEqual([
      expect.objectContaining({ path: 'contract:GET /menu status', candidate: '500 is not declared (declared: 200)', disposition: 'regression', rule: 'contract.status' }),
    ]);
  });

  it('lands the gateways\' own 401 faults, undeclared in the spec, as pre-existing even though their bodies differ', () => {
    const apiCloudFault = { fault: { code: 900902, message: 'Missing Credentials', description: 'Required OAuth credentials not provided' } };
    const choreoFault = { code: '900901', message: 'Invalid Credentials', description: 'Invalid Credentials. Make sure you have provided the correct security credentials' };
    const differences = check('POST', '/order', { status: 401, json: apiCloudFault }, { status: 401, json: choreoFault });
    expect(lines(differences)).toEqual(['contract:POST /order status pre-existing contract.status']);
    expect(differences[0]).toMatchObject({ legacy: '401 is not declared (declared: 201, 400, 415)', candidate: '401 is not declared (declared: 201, 400, 415)' });
  });

  it('reports a content type the response does not declare, and does not validate that body', () => {
    const differences = check('GET', '/menu', { json: [] }, { contentType: 'application/xml', xml: '<menu/>' });
    expect(differences).toEqual([
      expect.objectContaining({ path: 'contract:GET /menu 200 content-type', candidate: 'application/xml is not declared for 200 (declared: application/json)', disposition: 'regression', rule: 'contract.content-type' }),
    ]);
  });

  it('ignores media-type parameters such as charset when matching the content type', () => {
    expect(check('GET', '/menu', { json: [], contentType: 'application/json; charset=UTF-8' }, { json: [], contentType: 'Application/JSON;charset=utf-8' })).toEqual([]);
  });

  it('reports a response without a Content-Type header as a content-type violation', () => {
    const differences = check('GET', '/menu', { json: [] }, { json: [], contentType: null });
    expect(lines(differences)).toEqual(['contract:GET /menu 200 content-type regression contract.content-type']);
    expect(differences[0]?.candidate).toBe('has no Content-Type header (declared: application/json)');
  });

  it('counts a missing body where the contract declares one as a violation', () => {
    const differences = check('GET', '/order/ORD-1', { json: { orderId: 'ORD-1' } }, { empty: true });
    expect(differences).toEqual([
      expect.objectContaining({ path: 'contract:GET /order/{orderId} 200 body', candidate: 'has no body, but 200 declares application/json', disposition: 'regression', rule: 'contract.body' }),
    ]);
  });

  it('reports a body where the contract declares none', () => {
    const differences = check('DELETE', '/order/ORD-1', { empty: true, contentType: null }, { json: { deleted: true } });
    expect(lines(differences)).toEqual(['contract:DELETE /order/{orderId} 200 body regression contract.body']);
    expect(differences[0]?.candidate).toMatch(/^has a json body of \d+ bytes, but 200 declares no content$/);
  });

  it('reports a JSON body that does not parse as a schema violation', () => {
    const differences = check('GET', '/menu', { json: [] }, { text: '[{"name": ', parseError: 'Unexpected end of JSON input' });
    expect(differences).toEqual([
      expect.objectContaining({ path: 'contract:GET /menu 200 $', candidate: 'is not valid JSON: Unexpected end of JSON input', rule: 'contract.schema', disposition: 'regression' }),
    ]);
  });

  it('reports an undocumented operation once, as operation not in the contract, pre-existing on both sides', () => {
    const differences = check('GET', '/promotions', { json: [] }, { json: [] });
    expect(differences).toEqual([
      expect.objectContaining({
        path: 'contract:GET /promotions operation',
        legacy: 'operation not in the contract: no path of specs/pizzashack.yaml matches /promotions',
        disposition: 'pre-existing',
        rule: 'contract.operation',
      }),
    ]);
  });

  it('names the declared methods when the path exists but the method does not', () => {
    const [difference] = check('PATCH', '/order/ORD-1', { json: {} }, { json: {} });
    expect(difference?.candidate).toBe('operation not in the contract: /order/{orderId} in specs/pizzashack.yaml declares GET, PUT, DELETE, not PATCH');
  });

  it('ignores the spec\'s servers URL: a path that repeats the API context is not an operation', () => {
    expect(lines(check('GET', '/pizzashack/1.0.0/menu', { json: [] }, { json: [] }))).toEqual(['contract:GET /pizzashack/1.0.0/menu operation pre-existing contract.operation']);
  });

  it('judges nothing when a side has no response (that is a harness error, reported elsewhere)', () => {
    const broken = backendMenu().map(({ name: _name, ...rest }) => rest);
    expect(check('GET', '/menu', undefined, { json: broken })).toEqual([]);
  });

  it('leaves the recorded bodies exactly as they were', () => {
    const legacy = exchange('legacy', 'GET', 'https://l/menu', { json: backendMenu() });
    const candidate = exchange('candidate', 'GET', 'https://c/menu', { json: backendMenu() });
    const before = JSON.stringify([legacy, candidate]);
    checkStepContract({ contract: pizzashack, method: 'GET', requestPath: '/menu', legacy, candidate, strict: false });
    expect(JSON.stringify([legacy, candidate])).toBe(before);
  });
});

describe('checkStepContract on PizzaShack (Swagger 2.0, JSON)', () => {
  const opts = { contract: swagger };

  it('reports the `icon`/`image` mismatch as pre-existing, with $refs into definitions resolved', () => {
    expect(lines(check('GET', '/menu', { json: backendMenu() }, { json: backendMenu() }, opts))).toEqual(['contract:GET /menu 200 $[0].icon pre-existing contract.schema']);
  });

  it('validates a 404 through a `#/responses/…` reference', () => {
    const differences = check('GET', '/order/ORD-9', { status: 404, json: { code: 404, message: 'Not Found' } }, { status: 404, json: { message: 'Not Found' } }, opts);
    expect(lines(differences)).toEqual(['contract:GET /order/{orderId} 404 $.code regression contract.schema']);
  });

  it('checks content types against the operation\'s `produces`, falling back to the document\'s', () => {
    const order = { orderId: 'ORD-1' };
    expect(check('GET', '/order/ORD-1', { json: order }, { contentType: 'application/xml', xml: '<order><orderId>ORD-1</orderId></order>' }, opts)).toEqual([]);
    expect(lines(check('GET', '/menu', { json: [] }, { contentType: 'application/xml', xml: '<menu/>' }, opts))).toEqual(['contract:GET /menu 200 content-type regression contract.content-type']);
  });

  it('understands Swagger\'s `x-nullable` and boolean `exclusiveMinimum`', () => {
    const differences = check('GET', '/order/ORD-1', { json: { orderId: 'ORD-1', address: null, quantity: 1 } }, { json: { orderId: 'ORD-1', address: null, quantity: 0 } }, opts);
    expect(differences).toEqual([expect.objectContaining({ path: 'contract:GET /order/{orderId} 200 $.quantity', candidate: 'must be > 0, got number 0 — at $.quantity', disposition: 'regression' })]);
  });

  it('treats a response without a schema as declaring no body', () => {
    expect(check('DELETE', '/order/ORD-1', { empty: true, contentType: null }, { empty: true, contentType: null }, opts)).toEqual([]);
  });
});
