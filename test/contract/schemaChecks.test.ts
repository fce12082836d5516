import { checkStepContract } from '../../src/contract/checkStepContract';
import { loadContract } from '../../src/contract/loadContract';
import { ContractError } from '../../src/errors';
import type { Difference } from '../../src/model/result';
import { exchange, fixtures, projectRoot, type ResponseSpec } from './support/exchanges';

/**
 * What the contract check must get right beyond PizzaShack, on test/fixtures/openapi/kitchen.yaml —
 * including the gaps of openapi-response-validator that `prepareSchema` and the engine close.
 */
const kitchen = loadContract(`${fixtures}/kitchen.yaml`, projectRoot);

function check(method: string, requestPath: string, legacy: ResponseSpec, candidate: ResponseSpec, file = `${fixtures}/kitchen.yaml`): Difference[] {
  return checkStepContract({
    contract: file === `${fixtures}/kitchen.yaml` ? kitchen : loadContract(file, projectRoot),
    method,
    requestPath,
    legacy: exchange('legacy', method, `https://legacy.example${requestPath}`, legacy),
    candidate: exchange('candidate', method, `https://candidate.example${requestPath}`, candidate),
    strict: false,
  });
}

const lines = (differences: Difference[]) => differences.map((d) => `${d.path} ${d.disposition} ${d.rule}`);
const order = { id: 'ORD-7', total: 12.5 };

describe('contract schema checks', () => {
  it('validates a response declared through a `#/components/responses/…` reference', () => {
    expect(lines(check('GET', '/orders/latest', { json: [order] }, { json: [{ id: 'ORD-7' }] }))).toEqual(['contract:GET /orders/latest 200 $[0].total regression contract.schema']);
  });

  it('falls back from the exact status to its range, then to `default`', () => {
    expect(check('GET', '/orders/ORD-7', { status: 203, json: order }, { status: 200, json: order })).toEqual([]);
    const differences = check('GET', '/orders/ORD-7', { status: 404, json: { code: 404, message: 'Not Found' } }, { status: 404, json: { code: 'NOT_FOUND', message: 'Not Found' } });
    expect(lines(differences)).toEqual(['contract:GET /orders/{orderId} 404 $.code regression contract.schema']);
  });

  it('compiles OpenAPI 3.0 boolean `exclusiveMinimum` and enforces it', () => {
    const differences = check('GET', '/orders/ORD-7', { json: order }, { json: { ...order, total: 0 } });
    expect(differences).toEqual([expect.objectContaining({ path: 'contract:GET /orders/{orderId} 200 $.total', candidate: 'must be > 0, got number 0 — at $.total' })]);
  });

  it('does not require a writeOnly property in a response', () => {
    expect(check('GET', '/orders/ORD-7', { json: order }, { json: order })).toEqual([]);
  });

  it('still requires the last required property when the schema also has a writeOnly one that is not required', () => {
    // openapi-response-validator's writeOnly fix-up would splice(-1) `total` out of `required` for `pin`.
    expect(lines(check('GET', '/orders/ORD-7', { json: order }, { json: { id: 'ORD-7' } }))).toEqual(['contract:GET /orders/{orderId} 200 $.total regression contract.schema']);
  });

  it('does not write schema defaults into the recorded bodies (Ajv runs with useDefaults)', () => {
    const legacy = exchange('legacy', 'GET', 'https://l/orders/ORD-7', { json: { ...order } });
    const candidate = exchange('candidate', 'GET', 'https://c/orders/ORD-7', { json: { ...order } });
    checkStepContract({ contract: kitchen, method: 'GET', requestPath: '/orders/ORD-7', legacy, candidate, strict: false });
    expect(candidate.response?.body.json).toEqual(order);
    expect(legacy.response?.body.json).not.toHaveProperty('status');
  });

  it('validates against the schema of the media type the response carries, not the first one declared', () => {
    const v2 = 'application/vnd.kitchen.v2+json';
    expect(check('GET', '/stock', { contentType: v2, json: { levels: [1, 2] } }, { contentType: v2, json: { levels: [1, 2] } })).toEqual([]);
    expect(lines(check('GET', '/stock', { json: { items: 3 } }, { contentType: v2, json: { items: 3 } }))).toEqual(['contract:GET /stock 200 $.levels regression contract.schema']);
  });

  it('checks only the content type of text and XML bodies', () => {
    const receipt = '/orders/ORD-7/receipt.txt';
    expect(check('GET', receipt, { contentType: 'text/plain; charset=utf-8', text: 'Total 12.50' }, { contentType: 'application/xml', xml: '<receipt/>' })).toEqual([]);
    expect(lines(check('GET', receipt, { contentType: 'text/plain', text: 'Total 12.50' }, { contentType: 'text/html', text: '<p>Total</p>' }))).toEqual([
      `contract:GET /orders/{orderId}/receipt.{format} 200 content-type regression contract.content-type`,
    ]);
  });

  it('validates a JSON body against a schema declared under a `*/*` media range', () => {
    expect(lines(check('GET', '/anything', { json: { id: 1 } }, { json: { name: 'x' } }))).toEqual(['contract:GET /anything 200 $.id regression contract.schema']);
  });

  it('skips body checks for HEAD, whose answer never has a body', () => {
    expect(check('HEAD', '/orders/ORD-7', { empty: true }, { empty: true })).toEqual([]);
  });

  it('does not blame a pattern on a value that recording redacted', () => {
    const real = { token: 'a'.repeat(32) };
    expect(check('GET', '/session', { json: real }, { json: { token: '«redacted:candidate.access_token»' } })).toEqual([]);
    expect(lines(check('GET', '/session', { json: real }, { json: { token: 'short' } }))).toEqual(['contract:GET /session 200 $.token regression contract.schema']);
  });

  it('raises a ContractError naming the file and operation when a schema $ref cannot be compiled', () => {
    const file = `${fixtures}/broken/unresolvable-schema-ref.yaml`;
    let thrown: unknown;
    try {
      check('GET', '/specials', { json: [] }, { json: [] }, file);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContractError);
    expect((thrown as ContractError).message).toContain(`${file} paths./specials.get.responses: cannot compile the application/json response schemas of GET /specials`);
    expect((thrown as ContractError).hint).toMatch(/#\/components\//);
  });

  it('keeps checking the operations of that document whose schemas do compile', () => {
    const file = `${fixtures}/broken/unresolvable-schema-ref.yaml`;
    expect(lines(check('GET', '/menu', { json: ['a'] }, { json: [1] }, file))).toEqual(['contract:GET /menu 200 $[0] regression contract.schema']);
  });
});
