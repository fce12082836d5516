import type { Matcher } from '../suite/types';

/**
 * Typed matchers: two values at a matched path count as equal when BOTH satisfy the matcher
 * (`tolerance`: when they are within it of each other). Matchers only ever relax a comparison:
 * values that are equal stay equal whether or not they satisfy it.
 */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A matcher with its regex compiled once. */
export type CompiledMatcher = Exclude<Matcher, { type: 'regex' }> | { type: 'regex'; pattern: string; regex: RegExp };

export function compileMatcher(matcher: Matcher): CompiledMatcher {
  return matcher.type === 'regex' ? { ...matcher, regex: new RegExp(matcher.pattern) } : matcher;
}

export function matcherEqual(matcher: CompiledMatcher, legacy: unknown, candidate: unknown): boolean {
  switch (matcher.type) {
    case 'tolerance':
      return withinTolerance(matcher, legacy, candidate);
    case 'present':
      return legacy !== undefined && candidate !== undefined;
    default:
      return satisfies(matcher, legacy) && satisfies(matcher, candidate);
  }
}

function satisfies(matcher: Exclude<CompiledMatcher, { type: 'tolerance' | 'present' }>, value: unknown): boolean {
  switch (matcher.type) {
    case 'uuid':
      return typeof value === 'string' && uuid.test(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'iso-date':
      return typeof value === 'string' && isoDate.test(value) && !Number.isNaN(Date.parse(value));
    case 'regex':
      return (typeof value === 'string' || typeof value === 'number') && matcher.regex.test(String(value));
    default: {
      const unknownMatcher: never = matcher;
      throw new Error(`unknown matcher ${JSON.stringify(unknownMatcher)}; expected one of uuid, number, string, boolean, present, iso-date, regex, tolerance`);
    }
  }
}

/**
 * Numbers (or numeric strings — PizzaShack prices are strings, facts §6) within `absolute` of each
 * other, or within `relative` × the larger magnitude. Without either bound, they must be equal.
 */
function withinTolerance(matcher: Extract<Matcher, { type: 'tolerance' }>, legacy: unknown, candidate: unknown): boolean {
  const a = numeric(legacy);
  const b = numeric(candidate);
  if (a === undefined || b === undefined) return false;
  const gap = Math.abs(a - b);
  if (matcher.absolute !== undefined && gap <= matcher.absolute) return true;
  if (matcher.relative !== undefined && gap <= matcher.relative * Math.max(Math.abs(a), Math.abs(b))) return true;
  return gap === 0;
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}
