import { compareStep } from '../../src/compare/compareStep';
import type { Difference } from '../../src/model/result';
import { toCompareInput, type ExchangeSpec } from './support/exchangePairs';

const get = (json: unknown, headers: Record<string, string> = {}): ExchangeSpec => ({
  request: { method: 'GET', path: '/store/order/1' },
  response: { status: 200, headers: { 'content-type': 'application/json', ...headers }, body: { json } },
});
const verdicts = (differences: Difference[]) => differences.map((d) => `${d.path} ${d.disposition}`);
const compare = (legacy: unknown, repeat: unknown, candidate: unknown, more: unknown[] = []) => {
  const input = toCompareInput({ legacy: get(legacy), legacyRepeat: get(repeat), candidate: get(candidate) });
  input.legacyMoreRepeats = more.map((json) => ({ ...input.legacy, response: { ...input.legacy.response!, body: { kind: 'json', json, bytes: 1 } } }));
  return compareStep(input).differences;
};

describe('kind-matched noise', () => {
  it('excuses a value the legacy changed by itself, and says which legacy variation excused it', () => {
    const differences = compare({ shipDate: '2024-01-01T00:00:00Z' }, { shipDate: '2024-02-02T00:00:00Z' }, { shipDate: '2025-03-03T00:00:00Z' });
    expect(verdicts(differences)).toEqual(['$.shipDate noise']);
    expect(differences[0]?.noise).toEqual({ variation: 'value', path: '$.shipDate', first: '2024-01-01T00:00:00Z', repeat: '2024-02-02T00:00:00Z' });
  });

  it('does not excuse a field the candidate dropped where the legacy only varied its value', () => {
    const differences = compare({ id: 1, shipDate: 'a' }, { id: 1, shipDate: 'b' }, { id: 1 });
    expect(verdicts(differences)).toEqual(['$.shipDate regression']);
    expect(differences[0]?.reason).toContain('not noise');
  });

  it('does not excuse a changed JSON type where the legacy only varied the value', () => {
    expect(verdicts(compare({ quantity: 3 }, { quantity: 7 }, { quantity: '7' }))).toEqual(['$.quantity regression']);
  });

  it('excuses a changed JSON type only where the legacy changed the type itself', () => {
    expect(verdicts(compare({ code: 3 }, { code: 'three' }, { code: 'four' }))).toEqual(['$.code noise']);
  });

  it('excuses a missing optional field only when the legacy itself sent it once and not once', () => {
    expect(verdicts(compare({ id: 1, note: 'x' }, { id: 1 }, { id: 1 }))).toEqual(['$.note noise']);
    expect(verdicts(compare({ id: 1, note: 'x' }, { id: 1, note: 'y' }, { id: 1, note: 'z', added: true }))).toEqual(['$.note noise', '$.added regression']);
  });

  it('excuses array elements missing or added only when the legacy changed the array length', () => {
    expect(verdicts(compare({ tags: ['a', 'b'] }, { tags: ['a'] }, { tags: ['a', 'b', 'c'] }))).toEqual(['$.tags[2] noise']);
    expect(verdicts(compare({ tags: ['a', 'b'] }, { tags: ['a', 'c'] }, { tags: ['a'] }))).toEqual(['$.tags[1] regression']);
  });

  it('treats array elements alike: a value varied in one element is excused in the others', () => {
    const differences = compare([{ id: 1, name: 'x' }, { id: 2, name: 'y' }], [{ id: 1, name: 'q' }, { id: 2, name: 'y' }], [{ id: 1, name: 'r' }, { id: 2, name: 's' }]);
    expect(verdicts(differences)).toEqual(['$[0].name noise', '$[1].name noise']);
    expect(differences[1]?.noise?.path).toBe('$[*].name');
  });

  it('excuses other map keys under an object whose keys the legacy varied itself', () => {
    const differences = compare({ byId: { a1: 1 } }, { byId: { b2: 2 } }, { byId: { c3: 3 } });
    expect(verdicts(differences)).toEqual(['$.byId.a1 noise', '$.byId.c3 noise']);
    expect(differences[1]?.noise?.variation).toBe('keys');
  });

  it('learns from every repeat call, not only the first', () => {
    expect(verdicts(compare({ n: 1, t: 'a' }, { n: 1, t: 'b' }, { n: 2, t: 'c' }))).toEqual(['$.n regression', '$.t noise']);
    expect(verdicts(compare({ n: 1, t: 'a' }, { n: 1, t: 'b' }, { n: 2, t: 'c' }, [{ n: 5, t: 'a' }]))).toEqual(['$.n noise', '$.t noise']);
  });

  it('matches header noise by kind too: a header the legacy varied in value is still a regression when the candidate drops it', () => {
    const input = toCompareInput({
      legacy: get({ ok: true }, { 'x-trace': 'one' }),
      legacyRepeat: get({ ok: true }, { 'x-trace': 'two' }),
      candidate: get({ ok: true }),
    });
    expect(verdicts(compareStep(input).differences)).toEqual(['header:x-trace regression']);
    const changed = toCompareInput({
      legacy: get({ ok: true }, { 'x-trace': 'one' }),
      legacyRepeat: get({ ok: true }, { 'x-trace': 'two' }),
      candidate: get({ ok: true }, { 'x-trace': 'three' }),
    });
    expect(verdicts(compareStep(changed).differences)).toEqual(['header:x-trace noise']);
  });
});
