/**
 * Characters XML 1.0 cannot carry at all, not even as `&#…;` references: C0 controls other than
 * tab/newline/return, U+FFFE/U+FFFF, and unpaired surrogates. They are written as visible `\uXXXX`
 * so a report stays well-formed and still shows that something was there.
 */
// eslint-disable-next-line no-control-regex
const illegalXmlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripIllegalXmlChars(text: string): string {
  return text.replace(illegalXmlChars, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Element content. `>` is escaped too, so `]]>` can never appear. */
export function xmlText(text: string): string {
  return stripIllegalXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values (double-quoted). Newlines and tabs become references so parsers keep them. */
function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** `<name a="1" b="2">` attributes, in the order given (the xsd does not care; people do). */
export function xmlAttrs(attributes: ReadonlyArray<readonly [string, string | number | undefined]>): string {
  return attributes
    .filter((entry): entry is readonly [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttr(String(value))}"`)
    .join('');
}
