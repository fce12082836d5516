import type { RequestDraft } from './caseDraft';

export type BodyDraft = Pick<RequestDraft, 'json' | 'text' | 'contentType' | 'form'>;

/** Media types whose bodies are sent as `json:` (the harness sets `application/json` itself). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType.trim());
}

export function isFormMediaType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/x-www-form-urlencoded\b/i.test(contentType.trim());
}

/**
 * A body given as text becomes `json:` when it is JSON (so the suite shows it as YAML and diffs
 * read well), `form:` when it is urlencoded, and `text:` + `contentType:` otherwise.
 * `prepareJson` may fix template syntax before parsing (Postman's unquoted `{{qty}}`).
 */
export function bodyFromText(text: string, contentType: string | undefined, options: { prepareJson?: (text: string) => string } = {}): BodyDraft {
  const looksJson = isJsonMediaType(contentType) || (contentType === undefined && /^\s*[[{]/.test(text));
  if (looksJson) {
    const parsed = tryJson(text) ?? (options.prepareJson ? tryJson(options.prepareJson(text)) : undefined);
    if (parsed) return { json: parsed.value };
  }
  if (isFormMediaType(contentType)) return { form: formFields(new URLSearchParams(text)) };
  return { text, contentType: contentType ?? 'text/plain' };
}

/** Form fields as a mapping; a repeated field keeps its first value (suites send each name once). */
export function formFields(entries: Iterable<[string, string]>): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [name, value] of entries) if (!(name in form)) form[name] = value;
  return form;
}

function tryJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
