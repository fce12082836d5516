import { emptyRules, mergeRules } from '../../src/suite/mergeRules';
import type { ParityRules, RuleScope } from '../../src/suite/types';

const origin = (scope: RuleScope) => ({ scope, file: 'suites/a.yaml' });
const layer = (_scope: RuleScope, rules: Partial<ParityRules>): ParityRules => ({ ...emptyRules(), ...rules });

describe('mergeRules', () => {
  it('lets the nearer scope replace a rule for the same path and keeps the others in order', () => {
    const merged = mergeRules(
      layer('global', { match: [{ path: '$.id', matcher: { type: 'uuid' }, origin: origin('global') }, { path: '$.at', matcher: { type: 'iso-date' }, origin: origin('global') }] }),
      layer('suite', { match: [{ path: '$.id', matcher: { type: 'string' }, origin: origin('suite') }] }),
      undefined,
    );
    expect(merged.match.map((rule) => [rule.path, rule.matcher.type, rule.origin.scope])).toEqual([
      ['$.at', 'iso-date', 'global'],
      ['$.id', 'string', 'suite'],
    ]);
  });

  it('replaces header rules by name and ignore entries by path', () => {
    const merged = mergeRules(
      layer('global', { headers: [{ name: 'x-a', rule: 'ignore', origin: origin('global') }], ignore: [{ path: '$.a', origin: origin('global') }] }),
      layer('step', { headers: [{ name: 'x-a', rule: 'must-exist', origin: origin('step') }], ignore: [{ path: '$.a', origin: origin('step') }] }),
    );
    expect(merged.headers).toEqual([{ name: 'x-a', rule: 'must-exist', origin: origin('step') }]);
    expect(merged.ignore).toEqual([{ path: '$.a', origin: origin('step') }]);
  });

  it('keeps two acceptances of one path that name different values, and drops an exact repeat', () => {
    const merged = mergeRules(
      layer('suite', { accept: [{ path: '$.n', reason: 'a', legacy: 1, origin: origin('suite') }] }),
      layer('case', { accept: [{ path: '$.n', reason: 'b', legacy: 2, origin: origin('case') }, { path: '$.n', reason: 'c', legacy: 1, origin: origin('case') }] }),
    );
    expect(merged.accept.map((rule) => rule.reason)).toEqual(['b', 'c']);
  });
});
