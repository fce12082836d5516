/** `orders, menu` or `orders menu` → ['orders', 'menu']: the form of `--tag` and PARITY_TAGS. */
export function parseTags(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}
