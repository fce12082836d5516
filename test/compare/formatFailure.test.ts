import { formatCaseFailure } from '../../src/compare/formatFailure';
import type { CaseResult, Difference, StepResult } from '../../src/model/result';
import { makeExchange } from './support/exchangePairs';

const step = (name: string, differences: Difference[]): StepResult => ({
  name,
  index: 0,
  legacy: makeExchange('legacy', { request: { method: 'POST', path: '/order' }, response: { status: 201 } }, 'https://legacy.example/t/o/pizzashack/1.0.0'),
  candidate: makeExchange('candidate', { request: { method: 'POST', path: '/order' }, response: { status: 201 } }, 'https://candidate.example/p/pizzashack/1.0.0'),
  expectations: [],
  differences,
  notes: [],
});

const result = (steps: StepResult[], error?: CaseResult['error']): CaseResult => ({
  id: 'suites/orders.yaml#create',
  suite: 'orders',
  suiteFile: 'suites/orders.yaml',
  api: 'pizzashack',
  name: 'create an order',
  tags: [],
  status: 'failed',
  steps,
  ...(error ? { error } : {}),
  latency: { legacyMs: 1, candidateMs: 1 },
  startedAt: '2024-05-01T10:00:00.000Z',
  durationMs: 5,
});

describe('formatCaseFailure', () => {
  const differences: Difference[] = [
    { area: 'body', path: '$.quantity', kind: 'type', legacy: 2, candidate: '2', disposition: 'regression' },
    { area: 'body', path: '$.links', kind: 'changed', legacy: 'x', candidate: 'y', disposition: 'accepted', rule: 'url.base-rewrite', reason: 'facts §2' },
    { area: 'header', path: 'header:location', kind: 'changed', disposition: 'accepted', rule: 'url.base-rewrite', reason: 'facts §2' },
    { area: 'fault', path: '$', kind: 'changed', disposition: 'accepted', rule: 'fault.missing-credentials', reason: 'facts §3' },
    { area: 'body', path: '$.price', kind: 'changed', disposition: 'noise' },
  ];

  it('groups regressions by step with the two requests once, each with area, path and both values, then counts the rest by rule', () => {
    const second = { area: 'status' as const, path: 'status', kind: 'changed' as const, legacy: 200, candidate: 500, disposition: 'regression' as const };
    expect(formatCaseFailure(result([step('create order', [...differences, second]), step('read order', [])]))).toBe(
      [
        '2 regressions in "create an order":',
        'step "create order"',
        '  legacy:    POST https://legacy.example/t/o/pizzashack/1.0.0/order',
        '  candidate: POST https://candidate.example/p/pizzashack/1.0.0/order',
        '  ✗ body $.quantity (type)',
        '      legacy:    2',
        '      candidate: "2"',
        '  ✗ status status (changed)',
        '      legacy:    200',
        '      candidate: 500',
        'accepted: 2 × url.base-rewrite, 1 × fault.missing-credentials; noise: 1',
      ].join('\n'),
    );
  });

  it('cuts long values to about 200 characters and writes no terminal colours', () => {
    const long = { area: 'body' as const, path: '$.blob', kind: 'changed' as const, legacy: 'a'.repeat(1000), candidate: 'b', disposition: 'regression' as const };
    const text = formatCaseFailure(result([step('s', [long])]));
    const legacyLine = text.split('\n').find((line) => line.trim().startsWith('legacy:') && !line.includes('https://'))!;
    expect(legacyLine.length).toBeLessThan(240);
    expect(legacyLine).toContain('(1002 chars)');
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('puts harness errors first, with their hint', () => {
    const text = formatCaseFailure(result([step('s', [])], { name: 'AuthError', message: 'token endpoint said invalid_client', hint: 'Check LEGACY_CLIENT_SECRET.', target: 'legacy' }));
    expect(text.split('\n').slice(0, 2)).toEqual(['harness error: [legacy] token endpoint said invalid_client', '  → Check LEGACY_CLIENT_SECRET.']);
    expect(text).toContain('accepted: none; noise: 0');
  });
});
