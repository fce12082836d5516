import { compareStep } from '../../src/compare/compareStep';
import type { ProfileName } from '../../src/config/types';
import { toCompareInput, type ExchangeSpec } from './support/exchangePairs';

const fault = (code: string | number, message: string, status = 401): ExchangeSpec => ({
  request: { method: 'GET', path: '/menu' },
  response: { status, headers: { 'content-type': 'application/json' }, body: { json: { code, message, description: 'd' } } },
});

describe('fault equivalences chosen by the migration pair', () => {
  const run = (legacy: ProfileName, candidate: ProfileName) =>
    compareStep(toCompareInput({ profiles: { legacy, candidate }, legacy: fault(900902, 'Missing Credentials'), candidate: fault('900901', 'Invalid Credentials') })).differences;

  it('accepts a legacy 900902 against a Choreo 900901 in an API Cloud → Choreo run', () => {
    const differences = run('apicloud', 'choreo');
    expect(differences.filter((d) => d.disposition === 'regression')).toEqual([]);
    expect(differences.map((d) => d.rule)).toContain('fault.missing-credentials');
  });

  it('does not lend that equivalence to a Choreo → Choreo run: the code change is a regression there', () => {
    const differences = run('choreo', 'choreo');
    expect(differences.filter((d) => d.disposition === 'regression').map((d) => d.path)).toEqual(expect.arrayContaining(['$.code']));
    expect(differences.map((d) => d.rule)).not.toContain('fault.missing-credentials');
  });
});
