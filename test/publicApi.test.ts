import * as api from '../src/index';

describe('the public library API', () => {
  it('exposes the pipeline entry points and typed errors by name', () => {
    expect(typeof api.runParity).toBe('function');
    expect(typeof api.compareStep).toBe('function');
    expect(typeof api.writeReports).toBe('function');
    expect(typeof api.startSandbox).toBe('function');
    expect(new api.SuiteError('x').name).toBe('SuiteError');
    expect(api.RESULT_SCHEMA_VERSION).toBe(1);
  });
});
