/**
 * Values taken verbatim from a spec or captured traffic are data, not templates: a literal `{{`
 * in them is written as `\{{` so the suite loader does not read it as a variable.
 */
export function escapeTemplates(text: string): string {
  return text.replace(/\{\{/g, '\\{{');
}

/** `escapeTemplates` on every string inside a JSON value (object keys are never templated). */
export function escapeTemplatesIn(value: unknown): unknown {
  if (typeof value === 'string') return escapeTemplates(value);
  if (Array.isArray(value)) return value.map(escapeTemplatesIn);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, escapeTemplatesIn(item)]));
  }
  return value;
}
