import { compileMatcher, matcherEqual } from '../../src/compare/matchers';
import type { Matcher } from '../../src/suite/types';

const equal = (matcher: Matcher, legacy: unknown, candidate: unknown) => matcherEqual(compileMatcher(matcher), legacy, candidate);

describe('typed matchers', () => {
  it('accept two values only when both satisfy the type', () => {
    expect(equal({ type: 'uuid' }, '0b9a2f7e-1c3d-4e5f-8a9b-0c1d2e3f4a5b', '7E6D5C4B-3A29-4817-9605-A4B3C2D1E0F9')).toBe(true);
    expect(equal({ type: 'uuid' }, '0b9a2f7e-1c3d-4e5f-8a9b-0c1d2e3f4a5b', 'TRK-1')).toBe(false);
    expect(equal({ type: 'number' }, 1, 2)).toBe(true);
    expect(equal({ type: 'number' }, 1, '2')).toBe(false);
    expect(equal({ type: 'string' }, 'a', 'b')).toBe(true);
    expect(equal({ type: 'string' }, 'a', 1)).toBe(false);
    expect(equal({ type: 'boolean' }, true, false)).toBe(true);
    expect(equal({ type: 'boolean' }, true, 'false')).toBe(false);
    expect(equal({ type: 'present' }, null, 'x')).toBe(true);
    expect(equal({ type: 'iso-date' }, '2024-05-01T10:00:00Z', '2024-05-01T10:00:03.5+02:00')).toBe(true);
    expect(equal({ type: 'iso-date' }, '2024-05-01T10:00:00Z', 'May 1st')).toBe(false);
    expect(equal({ type: 'regex', pattern: '^T-\\d+$' }, 'T-1', 'T-22')).toBe(true);
    expect(equal({ type: 'regex', pattern: '^T-\\d+$' }, 'T-1', 'X-22')).toBe(false);
  });

  it('compare numbers and numeric strings within an absolute or relative tolerance', () => {
    expect(equal({ type: 'tolerance', absolute: 0.05 }, 25, 25.04)).toBe(true);
    expect(equal({ type: 'tolerance', absolute: 0.05 }, 25, 25.1)).toBe(false);
    expect(equal({ type: 'tolerance', relative: 0.01 }, '1000', '1009')).toBe(true);
    expect(equal({ type: 'tolerance', relative: 0.01 }, 1000, 1020)).toBe(false);
    expect(equal({ type: 'tolerance' }, 3, 3)).toBe(true);
    expect(equal({ type: 'tolerance', absolute: 1 }, 'n/a', 3)).toBe(false);
  });
});
