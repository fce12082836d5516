import { stripIllegalXmlChars } from '../xml';

/**
 * Escapes text for HTML element content and double- or single-quoted attributes. Every byte that
 * came from a response goes through here: with `<`, `>`, `&` and both quotes escaped, no body can
 * open a tag, close a `<textarea>`/`<script>`, or break out of an attribute. Control characters
 * that HTML forbids are shown as `\uXXXX`.
 */
export function escapeHtml(text: string): string {
  return stripIllegalXmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON for a `<script type="application/json">` block. `<`, `>` and `&` become `\u003c` …, so
 * neither `</script>` nor `<!--` can end or confuse the block; U+2028/U+2029 are escaped so the
 * text is also valid JavaScript if someone pastes it into a console.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Trusted markup built by this module (never from data). */
export function raw(markup: string): Html {
  return new Html(markup);
}
