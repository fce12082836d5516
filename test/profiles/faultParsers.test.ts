import { apimXmlFault } from '../../src/profiles/faults/apimXmlFault';
import { apimJsonFault, choreoConnectFault, codeMessageFault } from '../../src/profiles/faults/jsonFaults';
import { getProfile } from '../../src/profiles/getProfile';
import { parseGatewayFault } from '../../src/profiles/profileRules';
import type { RecordedResponse } from '../../src/model/result';

const xml = (status: number, text: string): RecordedResponse => ({ status, headers: {}, body: { kind: 'xml', text, bytes: text.length } });
const json = (status: number, value: unknown): RecordedResponse => ({ status, headers: {}, body: { kind: 'json', json: value, bytes: 1 } });

describe('gateway fault envelopes (facts §3)', () => {
  it('reads an ams:fault by its API Manager namespace into the canonical fault, message case-folded', () => {
    const parsed = apimXmlFault.parse(
      xml(401, '<ams:fault xmlns:ams="http://wso2.org/apimanager/security"><ams:code>900902</ams:code><ams:message>Missing Credentials</ams:message><ams:description>Access failure</ams:description></ams:fault>'),
    );
    expect(parsed?.fault).toEqual({ status: 401, code: 900902, message: 'missing credentials', description: 'Access failure' });
    expect(parsed?.rawMessage).toBe('Missing Credentials');
  });

  it('reads a throttling fault under any prefix and keeps nextAccessTime as an extra field', () => {
    const parsed = apimXmlFault.parse(
      xml(429, '<x:fault xmlns:x="http://wso2.org/apimanager/throttling"><x:code>900800</x:code><x:message>Message throttled out</x:message><x:nextAccessTime>soon</x:nextAccessTime></x:fault>'),
    );
    expect(parsed?.fault.code).toBe(900800);
    expect(parsed?.extras).toEqual({ nextAccessTime: 'soon' });
  });

  it('reads the am:fault status report with its type', () => {
    const parsed = apimXmlFault.parse(
      xml(404, '<am:fault xmlns:am="http://wso2.org/apimanager"><am:code>404</am:code><am:type>Status report</am:type><am:message>Runtime Error</am:message></am:fault>'),
    );
    expect(parsed?.fault).toEqual({ status: 404, code: 404, message: 'runtime error' });
    expect(parsed?.extras).toEqual({ type: 'Status report' });
  });

  it('leaves XML that is not a fault, and malformed XML, to the body comparison', () => {
    expect(apimXmlFault.parse(xml(500, '<order><id>1</id></order>'))).toBeUndefined();
    expect(apimXmlFault.parse(xml(500, '<fault><code>1'))).toBeUndefined();
  });

  it('reads the JSON form of an API Manager fault with its numeric code', () => {
    expect(apimJsonFault.parse(json(403, { fault: { code: 900908, message: 'Resource forbidden ', description: 'd' } }))?.fault).toEqual({
      status: 403,
      code: 900908,
      message: 'resource forbidden',
      description: 'd',
    });
  });

  it('reads a Choreo Connect fault whatever its key order, with the code as a string', () => {
    const parsed = choreoConnectFault.parse(json(401, { error_description: 'd', error_message: 'Invalid Credentials', code: '900901' }));
    expect(parsed?.fault.code).toBe(900901);
    expect(parsed?.rawCode).toBe('900901');
  });

  it('reads a router reply whose string code is the status', () => {
    expect(codeMessageFault.parse(json(404, { code: '404', message: 'Not Found', description: 'The requested resource is not available.' }))?.fault.code).toBe(404);
  });

  it("does not mistake PizzaShack's own error body for a gateway fault", () => {
    const profile = getProfile('choreo');
    expect(parseGatewayFault(profile, json(404, { code: 404, message: 'Order not found', description: 'no order 7', moreInfo: '', error: [] }))).toBeUndefined();
    expect(parseGatewayFault(profile, json(404, { code: 404, message: 'Order not found', description: 'no order 7' }))).toBeUndefined();
    expect(parseGatewayFault(getProfile('apicloud'), json(400, { code: 400, message: 'Bad order' }))).toBeUndefined();
  });

  it('reads no fault from a successful response, even one shaped like a fault', () => {
    expect(parseGatewayFault(getProfile('choreo'), json(200, { code: '900901', error_message: 'x' }))).toBeUndefined();
  });

  it('gives the generic profile no fault envelopes at all', () => {
    expect(parseGatewayFault(getProfile('generic'), json(401, { code: '900901', error_message: 'Invalid Credentials' }))).toBeUndefined();
  });
});
