import { describeDifference, formatValue } from '../../src/report/describeDifference';
import { jsonHead } from '../../src/shared/jsonHead';

describe('formatValue', () => {
  it('shows the head of a huge value exactly as the head of its JSON, without the rest', () => {
    const huge = { items: Array.from({ length: 50_000 }, (_, i) => ({ id: i, name: `item "${i}"`, nested: [null, true, 1.5, { deep: 'x' }] })) };
    const whole = JSON.stringify(huge);
    expect(formatValue(huge, 120)).toBe(`${whole.slice(0, 119)}…`);
    expect(formatValue('y'.repeat(10_000), 20)).toBe(`${JSON.stringify('y'.repeat(10_000)).slice(0, 19)}…`);
    expect(formatValue([1, undefined, { a: undefined, b: 2 }], 120)).toBe(JSON.stringify([1, undefined, { a: undefined, b: 2 }]));
    expect(formatValue(undefined)).toBe('(none)');
  });

  it('describes a difference in one line with its disposition and rule', () => {
    expect(describeDifference({ area: 'body', path: '$.price', kind: 'changed', legacy: 10, candidate: 12, disposition: 'accepted', rule: 'price-rounding', reason: 'rounded' })).toBe('body $.price changed: 10 → 12 [accepted: price-rounding — rounded]');
  });
});

describe('jsonHead', () => {
  it('is the head of JSON.stringify(value) and of JSON.stringify(value, null, 2), exactly, for any value', () => {
    const values: unknown[] = [{ a: [1, { b: null, c: [] , d: {} }], e: 'x"y', f: undefined }, [], {}, 'text', 12, null, Array.from({ length: 5_000 }, (_, i) => ({ i, s: `v${i}` }))];
    for (const value of values) {
      for (const indent of ['', '  ']) {
        const whole = JSON.stringify(value, null, indent);
        const head = jsonHead(value, 300, indent)!;
        expect(head.slice(0, Math.min(300, whole.length))).toBe(whole.slice(0, 300));
        if (whole.length <= 300) expect(head).toBe(whole);
      }
    }
    expect(jsonHead(undefined, 10)).toBeUndefined();
  });
});
