import { caseStatus } from '../../src/compare/verdict';
import type { Difference, StepResult } from '../../src/model/result';
import { makeExchange } from './support/exchangePairs';

const step = (differences: Difference[], candidateError = false): StepResult => ({
  name: 's',
  index: 0,
  legacy: makeExchange('legacy', { request: { method: 'GET', path: '/' }, response: { status: 200 } }, 'https://l'),
  candidate: makeExchange('candidate', { request: { method: 'GET', path: '/' }, ...(candidateError ? { error: { name: 'TimeoutError', message: 'late' } } : { response: { status: 200 } }) }, 'https://c'),
  expectations: [],
  differences,
  notes: [],
});
const difference = (disposition: Difference['disposition']): Difference => ({ area: 'body', path: '$.a', kind: 'changed', disposition });

describe('caseStatus', () => {
  it('passes a case whose differences are all accepted, noise or improvements', () => {
    expect(caseStatus([step([difference('accepted'), difference('noise'), difference('improvement'), difference('pre-existing')])])).toBe('passed');
  });

  it('fails a case with any regression in any step', () => {
    expect(caseStatus([step([difference('accepted')]), step([difference('regression')])])).toBe('failed');
  });

  it('calls a case with a harness error an error, even with regressions', () => {
    expect(caseStatus([step([difference('regression')], true)])).toBe('error');
    expect(caseStatus([step([])], { name: 'ConfigError', message: 'no secret' })).toBe('error');
  });
});
