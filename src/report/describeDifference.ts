import type { Difference, UnlistedDifferences } from '../model/result';
import { jsonHead } from '../shared/jsonHead';

/** A value as people read it in one line: JSON, cut to `max` characters; absent is `(none)`. */
export function formatValue(value: unknown, max = 120): string {
  if (value === undefined) return '(none)';
  let text: string;
  try {
    text = jsonHead(value, max + 1) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `{{alias:orderId}}`: how normalization writes a paired value (see compare/aliases.ts). */
const aliasPattern = /^\{\{alias:([^}]+)\}\}$/;
const basePattern = /\{\{base\}\}/g;

/**
 * One side of a difference as people read it in a report cell: never an internal placeholder.
 * Absent is "(absent)"; a value normalization replaced by its alias reads "orderId (paired value)";
 * `{{base}}` reads "<base URL>"; an empty list of contract violations reads "(none)".
 */
export function displayValue(difference: Difference, side: 'legacy' | 'candidate', max = 200): string {
  const value = difference[side];
  if (value === undefined) return '(absent)';
  if (typeof value === 'string') {
    const alias = aliasPattern.exec(value);
    if (alias) return `${alias[1]} (paired value, same on both sides)`;
    if (value.includes('{{base}}')) return formatValue(value.replace(basePattern, '<base URL>'), max);
  }
  if (Array.isArray(value) && value.length === 0 && difference.kind === 'violation') return '(none)';
  return formatValue(value, max);
}

const kindVerb: Record<Difference['kind'], string> = {
  changed: 'changed',
  missing: 'missing on candidate',
  extra: 'only on candidate',
  type: 'changed type',
  violation: 'violates the contract',
  threshold: 'exceeds the threshold',
};

/**
 * One line per difference, the same in every report:
 * `body $.price changed: 10 → 12`, plus `[accepted: rule — reason]` when a rule explains it.
 */
export function describeDifference(difference: Difference, max = 120): string {
  const values = valuesText(difference, max);
  const rule = difference.rule ? `: ${difference.rule}` : '';
  const reason = difference.reason ? ` — ${difference.reason}` : '';
  return `${difference.area} ${difference.path} ${kindVerb[difference.kind]}${values} [${difference.disposition}${rule}${reason}]`;
}

/**
 * One line for differences a step counted but did not list, in the shape of `describeDifference`:
 * `body $.items[*].price changed ×4,500, not listed [regression]`.
 */
export function describeUnlisted(group: UnlistedDifferences): string {
  const rule = group.rule ? `: ${group.rule}` : '';
  return `${group.area} ${group.pattern} ${kindVerb[group.kind]} ×${group.count.toLocaleString('en-US')}, not listed [${group.disposition}${rule}]`;
}

function valuesText(difference: Difference, max: number): string {
  const { legacy, candidate } = difference;
  switch (difference.kind) {
    case 'missing':
      return `: ${formatValue(legacy, max)}`;
    case 'extra':
      return `: ${formatValue(candidate, max)}`;
    case 'changed':
    case 'type':
      return `: ${formatValue(legacy, max)} → ${formatValue(candidate, max)}`;
    case 'violation':
    case 'threshold': {
      const sides = [
        ...(legacy === undefined ? [] : [`legacy ${formatValue(legacy, max)}`]),
        ...(candidate === undefined ? [] : [`candidate ${formatValue(candidate, max)}`]),
      ];
      return sides.length === 0 ? '' : ` (${sides.join(', ')})`;
    }
    default: {
      const never: never = difference.kind;
      throw new Error(`unknown difference kind ${String(never)}`);
    }
  }
}
