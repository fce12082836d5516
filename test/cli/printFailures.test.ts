import { printFailures } from '../../src/cli/printFailures';
import type { CaseResult, RunResult } from '../../src/model/result';

function failingCase(name: string, regressions: number): CaseResult {
  const exchange = (target: 'legacy' | 'candidate') => ({ target, request: { method: 'GET', url: `https://${target}.example/menu`, headers: {} }, startedAt: '', durationMs: 1, retries: [], source: 'live' as const });
  return {
    id: `suites/menu.yaml#${name}`,
    suite: 'menu',
    suiteFile: 'suites/menu.yaml',
    api: 'pizzashack',
    name,
    tags: [],
    status: 'failed',
    steps: [
      {
        name: 'GET /menu',
        index: 0,
        legacy: exchange('legacy'),
        candidate: exchange('candidate'),
        expectations: [],
        notes: [],
        differences: Array.from({ length: regressions }, (_, i) => ({ area: 'body' as const, path: `$[${i}].name`, kind: 'changed' as const, legacy: 'a', candidate: 'b', disposition: 'regression' as const })),
      },
    ],
    latency: { legacyMs: 1, candidateMs: 1 },
    startedAt: '',
    durationMs: 1,
  };
}

async function capture(run: Partial<Pick<RunResult, 'cases' | 'suites'>>, limits?: { cases: number; linesPerCase: number }): Promise<string> {
  let text = '';
  await printFailures({ suites: [], cases: [], ...run } as RunResult, { write: (chunk: string) => (text += chunk) }, limits);
  return text;
}

describe('the failure summary of parity run', () => {
  it('says nothing when every case passed', async () => {
    expect(await capture({ cases: [] })).toBe('');
  });

  it('shows why each failing case failed, with its path and both values', async () => {
    const text = await capture({ cases: [failingCase('list the menu', 1)] });
    expect(text).toContain('Failures (1):');
    expect(text).toContain('● menu › list the menu');
    expect(text).toContain('✗ body $[0].name (changed)');
    expect(text).toContain('candidate: "b"');
  });

  it('caps long failures and many failing cases, pointing to the HTML report', async () => {
    const text = await capture({ cases: [failingCase('one', 30), failingCase('two', 1), failingCase('three', 1)] }, { cases: 2, linesPerCase: 10 });
    expect(text).toMatch(/… \d+ more lines in reports\/parity-report\.html/);
    expect(text).toContain('… and 1 more failing cases');
    expect(text).not.toContain('● menu › three');
  });

  it('explains a suite that could not be loaded, with its location and hint', async () => {
    const text = await capture({
      suites: [{ name: 'menu', file: 'suites/menu.yaml', sha256: '', error: { name: 'SuiteError', message: 'suites/menu.yaml:4:7 cases[0].request: unknown key "methd". Did you mean "method"?', file: 'suites/menu.yaml', hint: 'Allowed keys: method, path' } }],
    });
    expect(text).toContain('● suites/menu.yaml could not be loaded');
    expect(text).toContain('unknown key "methd". Did you mean "method"?');
    expect(text).toContain('→ Allowed keys: method, path');
  });

  it('tells a harness error shared by many cases that never ran once, naming the cases', async () => {
    const broken = (name: string): CaseResult => ({ ...failingCase(name, 0), status: 'error', steps: [], error: { name: 'ConfigError', message: 'CANDIDATE_CLIENT_SECRET is not set', hint: 'put it in env/sandbox.local.env' } });
    const text = await capture({ cases: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(broken) });
    expect(text.match(/CANDIDATE_CLIENT_SECRET is not set/g)).toHaveLength(1);
    expect(text).toContain('● 7 cases could not run: menu › a, menu › b, menu › c, menu › d, menu › e, … and 2 more');
    expect(text).toContain('→ put it in env/sandbox.local.env');
  });

  it('reads the failing cases from a streamed source, in two passes, and prints the same summary as from memory', async () => {
    const broken = (name: string): CaseResult => ({ ...failingCase(name, 0), status: 'error', steps: [], error: { name: 'ConfigError', message: 'LEGACY_TOKEN_URL is not set' } });
    const cases = [...Array.from({ length: 5_000 }, (_, i) => failingCase(`case ${i}`, 2)), ...['x', 'y', 'z'].map(broken)];
    let passes = 0;
    async function* streamed(): AsyncIterable<CaseResult> {
      passes += 1;
      for (const result of cases) yield result;
    }
    let fromStream = '';
    await printFailures({ suites: [], cases: [] } as unknown as RunResult, { write: (chunk: string) => (fromStream += chunk) }, undefined, streamed);
    expect(passes).toBe(2);
    expect(fromStream).toContain('Failures (5003):');
    expect(fromStream).toContain('● 3 cases could not run: menu › x, menu › y, menu › z');
    expect(fromStream).toContain('… and 4980 more failing cases');
    expect(fromStream).toBe(await capture({ cases }));
  });
});
