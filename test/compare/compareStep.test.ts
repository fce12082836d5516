import { compareStep } from '../../src/compare/compareStep';
import { SuiteError } from '../../src/errors';
import type { Difference } from '../../src/model/result';
import { defaultBaseUrls, toCompareInput, type ExchangeSpec } from './support/exchangePairs';

const L = defaultBaseUrls.legacy;
const C = defaultBaseUrls.candidate;
const get = (json: unknown, headers: Record<string, string> = {}, status = 200): ExchangeSpec => ({
  request: { method: 'GET', path: '/menu' },
  response: { status, headers: { 'content-type': 'application/json', ...headers }, body: { json } },
});
const dispositions = (differences: Difference[]) => differences.map((d) => `${d.path} ${d.disposition}${d.rule ? ` ${d.rule}` : ''}`);

describe('compareStep', () => {
  it('records a note for every transformation, on the side and at the path where it happened', () => {
    const output = compareStep(
      toCompareInput({
        legacy: get({ self: `${L}/order/L-1001`, token: '«redacted:legacy.access_token»' }),
        candidate: get({ self: `${C}/order/C-2002`, token: '«redacted:candidate.access_token»' }),
        aliases: [{ name: 'orderId', legacy: 'L-1001', candidate: 'C-2002' }],
      }),
    );
    const notes = output.notes.map((note) => `${note.target} ${note.rule} ${note.path}`);
    expect(notes).toEqual(
      expect.arrayContaining([
        'legacy url.base-rewrite $.self',
        'legacy alias:orderId $.self',
        'legacy token.masked $.token',
        'candidate url.base-rewrite $.self',
        'candidate alias:orderId $.self',
        'candidate token.masked $.token',
      ]),
    );
    expect(dispositions(output.differences)).toEqual(['$.self accepted url.base-rewrite', '$.token accepted token.masked']);
    expect(output.differences[0]?.reason).toContain('also: alias:orderId');
  });

  it('takes the noise baseline from this step only: without a repeat call a changed price is a regression', () => {
    const input = toCompareInput({ legacy: get({ price: '12.99' }), candidate: get({ price: '13.49' }) });
    expect(dispositions(compareStep(input).differences)).toEqual(['$.price regression']);
  });

  it('reports noise with the first legacy value, the candidate value and the repeat value', () => {
    const output = compareStep(toCompareInput({ legacy: get({ price: '12.99' }), legacyRepeat: get({ price: '11.00' }), candidate: get({ price: '13.49' }) }));
    expect(output.differences).toEqual([
      expect.objectContaining({ path: '$.price', disposition: 'noise', legacy: '12.99', candidate: '13.49', reason: expect.stringContaining('repeat "11.00"') }),
    ]);
  });

  it('ignores a failed repeat call instead of inventing noise', () => {
    const input = toCompareInput({
      legacy: get({ price: '12.99' }),
      legacyRepeat: { request: { method: 'GET', path: '/menu' }, error: { name: 'TimeoutError', message: 'timed out' } },
      candidate: get({ price: '13.49' }),
    });
    expect(dispositions(compareStep(input).differences)).toEqual(['$.price regression']);
  });

  it('returns only the expectations it could check when a side got no response', () => {
    const output = compareStep(
      toCompareInput({
        step: { expect: { status: [200] } },
        legacy: { request: { method: 'GET', path: '/menu' }, error: { name: 'TargetUnreachableError', message: 'refused' } },
        candidate: get([]),
      }),
    );
    expect(output.expectations.map((result) => `${result.target} ${result.check} ${result.ok}`)).toEqual(['candidate status true']);
    expect(output.differences).toEqual([]);
    expect(output.notes).toEqual([]);
  });

  it('calls a must-exist header that neither side sends a regression, and one only the candidate sends an improvement', () => {
    const rules = { headers: [{ name: 'etag', rule: 'must-exist' as const }, { name: 'x-trace', rule: 'must-exist' as const }] };
    const output = compareStep(toCompareInput({ step: { rules }, legacy: get([]), candidate: get([], { 'x-trace': 't1' }) }));
    expect(dispositions(output.differences)).toEqual(['header:x-trace improvement', 'header:etag regression']);
  });

  it('limits an improved header expectation to that header', () => {
    const output = compareStep(
      toCompareInput({
        step: { expect: { headers: { etag: { present: true } } } },
        legacy: get({ n: 1 }),
        candidate: get({ n: 2 }, { etag: '"a"' }),
      }),
    );
    expect(dispositions(output.differences)).toEqual(['header:etag improvement', 'header:etag improvement', '$.n regression']);
  });

  it('reports a user rule whose path does not parse against the file that declared it', () => {
    const input = toCompareInput({ step: { rules: { ignore: ['items[0]'] } }, legacy: get({}), candidate: get({}), file: 'suites/orders.yaml' });
    expect(() => compareStep(input)).toThrow(SuiteError);
    expect(() => compareStep(input)).toThrow('must start with "$"');
  });

  it('compares a fault on one side against a payload on the other as one body difference, not field by field', () => {
    const output = compareStep(
      toCompareInput({
        legacy: get([{ name: 'Margherita' }]),
        candidate: get({ code: '900901', error_message: 'Invalid Credentials', error_description: 'd' }, {}, 401),
      }),
    );
    expect(dispositions(output.differences)).toEqual(['status regression', '$ regression']);
    expect(output.differences[1]).toMatchObject({ area: 'fault', candidate: { code: '900901', message: 'Invalid Credentials' } });
  });

  it('accepts a status difference only through a fault pair, never on its own', () => {
    const output = compareStep(toCompareInput({ legacy: get({ a: 1 }, {}, 200), candidate: get({ a: 1 }, {}, 201) }));
    expect(dispositions(output.differences)).toEqual(['status regression']);
  });
});
