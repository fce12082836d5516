import type { DeclaredMediaType } from './types';

/** `Application/JSON; charset=UTF-8` → `application/json`: parameters never decide a match. */
export function mediaTypeEssence(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

/** JSON bodies are the ones whose schema is checked: `application/json`, `…+json`, `text/json`. */
export function isJsonMediaType(essence: string): boolean {
  return /^application\/([\w.+-]+\+)?json$|^text\/json$/.test(essence);
}

export function isMediaRange(essence: string): boolean {
  return essence.endsWith('/*');
}

/**
 * The declared media type a response's content type falls under, the most specific first:
 * `application/json`, then the range `application/*`, then `*\/*` (OpenAPI 3.0, `content`:
 * "only the most specific key is applicable").
 */
export function matchDeclaredMediaType(actual: string, declared: readonly DeclaredMediaType[]): DeclaredMediaType | undefined {
  const essence = mediaTypeEssence(actual);
  const type = essence.split('/')[0];
  return (
    declared.find((entry) => entry.mediaType === essence) ??
    declared.find((entry) => entry.mediaType === `${type}/*`) ??
    declared.find((entry) => entry.mediaType === '*/*')
  );
}
