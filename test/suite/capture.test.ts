import type { RecordedResponse } from '../../src/model/result';
import { applyCaptures } from '../../src/suite/capture';

const response = (overrides: Partial<RecordedResponse> = {}): RecordedResponse => ({
  status: 201,
  headers: { location: 'https://gw.example.com/pizzashack/1.0.0/order/abc-123', 'x-count': '3' },
  body: { kind: 'json', bytes: 10, json: { orderId: 'abc-123', quantity: 2, paid: false, items: [{ id: 1 }, { id: 2 }], note: null } },
  ...overrides,
});

describe('applyCaptures', () => {
  it('captures JSON scalars as strings, header values with regex group 1, and the status', () => {
    const outcome = applyCaptures(
      {
        orderId: { from: 'json', path: '$.orderId' },
        quantity: { from: 'json', path: '$.quantity' },
        paid: { from: 'json', path: '$.paid' },
        first: { from: 'json', path: '$.items[0].id' },
        fromLocation: { from: 'header', name: 'Location', regex: '/order/(.+)$' },
        whole: { from: 'header', name: 'x-count' },
        status: { from: 'status' },
      },
      response(),
    );
    expect(outcome).toEqual({
      values: { orderId: 'abc-123', quantity: '2', paid: 'false', first: '1', fromLocation: 'abc-123', whole: '3', status: '201' },
      errors: [],
    });
  });

  it('uses the whole match when the regex has no group', () => {
    expect(applyCaptures({ id: { from: 'header', name: 'location', regex: '[a-z]+-\\d+$' } }, response()).values).toEqual({ id: 'abc-123' });
  });

  it('explains each capture that finds nothing, too much or a non-scalar, and keeps the others', () => {
    const outcome = applyCaptures(
      {
        ok: { from: 'json', path: '$.orderId' },
        missing: { from: 'json', path: '$.nope' },
        many: { from: 'json', path: '$.items[*].id' },
        object: { from: 'json', path: '$.items[0]' },
        nothing: { from: 'json', path: '$.note' },
        header: { from: 'header', name: 'etag' },
        regex: { from: 'header', name: 'location', regex: '/customer/(.+)$' },
      },
      response(),
    );
    expect(outcome.values).toEqual({ ok: 'abc-123' });
    expect(outcome.errors).toEqual([
      'capture "missing": $.nope matched nothing in the response body (status 201)',
      'capture "many": $.items[*].id matched 2 values; a capture needs exactly one — use an index such as [0]',
      'capture "object": $.items[0] is an object; a capture needs a string, number or boolean',
      'capture "nothing": $.note is null; a capture needs a string, number or boolean',
      'capture "header": the response (status 201) has no "etag" header',
      'capture "regex": header "location" value "https://gw.example.com/pizzashack/1.0.0/order/abc-123" does not match //customer/(.+)$/',
    ]);
  });

  it('says the body is not JSON rather than "matched nothing" when the gateway answered XML', () => {
    const outcome = applyCaptures({ id: { from: 'json', path: '$.id' } }, response({ status: 401, body: { kind: 'xml', bytes: 20, contentType: 'application/xml', text: '<fault/>' } }));
    expect(outcome.errors).toEqual(['capture "id": cannot read $.id: the response body (status 401) is not JSON — it is xml (application/xml)']);
  });
});
