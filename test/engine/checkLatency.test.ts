import { checkLatency } from '../../src/engine/checkLatency';

describe('latency parity thresholds', () => {
  it('fails a candidate that adds more milliseconds than allowed, with both medians and the allowance', () => {
    const [finding] = checkLatency({ maxAddedMs: 100 }, { legacyMs: 40, candidateMs: 260 });
    expect(finding).toMatchObject({ area: 'latency', disposition: 'regression', rule: 'latency.maxAddedMs', legacy: 40, candidate: 260 });
    expect(finding?.reason).toContain('+100 ms');
  });

  it('fails a candidate slower than the allowed ratio', () => {
    const found = checkLatency({ maxRatio: 2 }, { legacyMs: 50, candidateMs: 120 });
    expect(found.map((f) => f.rule)).toEqual(['latency.maxRatio']);
    expect(found[0]?.reason).toContain('2.40×');
  });

  it('accepts a candidate within both thresholds, and says nothing without timings or thresholds', () => {
    expect(checkLatency({ maxAddedMs: 100, maxRatio: 2 }, { legacyMs: 50, candidateMs: 99 })).toEqual([]);
    expect(checkLatency({ maxAddedMs: 1 }, { legacyMs: null, candidateMs: 500 })).toEqual([]);
    expect(checkLatency({}, { legacyMs: 1, candidateMs: 500 })).toEqual([]);
  });
});
