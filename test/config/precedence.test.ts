import { describeOrigin, resolveValue, type ValueLayer } from '../../src/config/precedence';

describe('the one precedence rule', () => {
  const file: ValueLayer = { kind: 'file', file: 'env/staging.env', values: { A: 'file', B: 'file', C: 'file', D: 'file' }, lines: { A: 1, B: 2, C: 3, D: 4 } };
  const processEnv: ValueLayer = { kind: 'process', values: { A: 'process', B: 'process', C: '' } };
  const flags: ValueLayer = { kind: 'flag', values: { A: 'flag', B: undefined }, flags: { A: '--a' } };

  it('takes a flag over the process environment over the env file, whatever order the layers come in', () => {
    expect(resolveValue([file, processEnv, flags], 'A')).toEqual({ name: 'A', value: 'flag', origin: { kind: 'flag', flag: '--a' } });
    expect(resolveValue([flags, file, processEnv], 'B')).toEqual({ name: 'B', value: 'process', origin: { kind: 'process' } });
  });

  it('never lets undefined or an empty string override, and leaves unset names to the default', () => {
    expect(resolveValue([flags, processEnv, file], 'C')).toEqual({ name: 'C', value: 'file', origin: { kind: 'file', file: 'env/staging.env', line: 3 } });
    expect(resolveValue([flags, processEnv, file], 'Z')).toBeUndefined();
  });

  it('describes where a value came from the way messages print it', () => {
    expect(describeOrigin('C', { kind: 'file', file: 'env/staging.env', line: 3 })).toBe('env/staging.env:3 C');
    expect(describeOrigin('B', { kind: 'process' })).toBe('B (process environment)');
    expect(describeOrigin('A', { kind: 'flag', flag: '--a' })).toBe('--a');
  });
});
