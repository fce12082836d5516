import { loadContract } from '../../src/contract/loadContract';
import { matchOperation, type OperationMatch } from '../../src/contract/matchOperation';
import { fixtures, projectRoot } from './support/exchanges';

const kitchen = loadContract(`${fixtures}/kitchen.yaml`, projectRoot);
const pizzashack = loadContract('specs/pizzashack.yaml', projectRoot);

const found = (match: OperationMatch) => (match.kind === 'matched' ? match.operation.key : match.kind);

describe('matchOperation', () => {
  it('matches a templated segment to any value: /order/{orderId} takes /order/abc', () => {
    expect(found(matchOperation(pizzashack, 'get', '/order/abc'))).toBe('GET /order/{orderId}');
  });

  it('does not let a template segment swallow several segments or none', () => {
    expect(found(matchOperation(pizzashack, 'GET', '/order/abc/items'))).toBe('no-path');
    expect(found(matchOperation(kitchen, 'GET', '/orders//receipt.txt'))).toBe('no-path');
  });

  it('ignores the query string, the fragment and a trailing slash', () => {
    expect(found(matchOperation(pizzashack, 'GET', '/menu/?lang=en#top'))).toBe('GET /menu');
    expect(found(matchOperation(pizzashack, 'GET', 'menu'))).toBe('GET /menu');
    expect(matchOperation(pizzashack, 'GET', '/order/')).toEqual({ kind: 'no-method', path: '/order', pathTemplate: '/order', methods: ['POST'] });
  });

  it('prefers a concrete path over a templated one, as OpenAPI says', () => {
    expect(found(matchOperation(kitchen, 'GET', '/orders/latest'))).toBe('GET /orders/latest');
    expect(found(matchOperation(kitchen, 'GET', '/orders/ORD-7'))).toBe('GET /orders/{orderId}');
  });

  it('looks the method up on the most concrete path only', () => {
    expect(matchOperation(kitchen, 'HEAD', '/orders/latest')).toEqual({ kind: 'no-method', path: '/orders/latest', pathTemplate: '/orders/latest', methods: ['GET'] });
  });

  it('matches a template inside a segment and decodes percent-encoded values', () => {
    expect(found(matchOperation(kitchen, 'GET', '/orders/ORD%207/receipt.txt'))).toBe('GET /orders/{orderId}/receipt.{format}');
    expect(found(matchOperation(kitchen, 'GET', '/orders/ORD-7/receipt'))).toBe('no-path');
  });
});
