import pLimit from 'p-limit';
import { HarnessError, SuiteError } from '../src/errors';

describe('project wiring', () => {
  it('loads the ESM-only p-limit inside Jest and limits concurrency to the given value', async () => {
    const limit = pLimit(2);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        limit(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  it('keeps the literal error name and location on typed errors', () => {
    const error = new SuiteError('unknown key "methd"', { file: 'suites/a.yaml', line: 3, column: 5, path: 'cases[0].request' });
    expect(error).toBeInstanceOf(HarnessError);
    expect(error.name).toBe('SuiteError');
    expect(error.location).toBe('suites/a.yaml:3:5 cases[0].request');
  });
});
