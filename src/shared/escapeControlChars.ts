/**
 * Control characters that a terminal or a Markdown viewer would act on instead of showing:
 * C0 controls (ESC starts clear-screen, cursor moves, colours and window-title sequences; CR
 * overwrites a line, BS erases), DEL, the C1 controls (U+0080–U+009F, CSI among them), and the
 * Unicode bidirectional overrides and isolates that reorder what a reader sees ("Trojan
 * Source", CVE-2021-42574). Newline and tab are layout and stay.
 */
const controlClass = '[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]';
const hasControl = new RegExp(controlClass);

/**
 * Text from a gateway, a token endpoint or a suite made safe for a terminal or a Markdown file:
 * every control character is written as a visible escape (`\x1b`, `\u202e`), so a fake green
 * "verdict: PASS" or a cleared screen shows up as the text it is.
 */
export function escapeControlChars(text: string): string {
  if (!hasControl.test(text)) return text;
  return text.replace(new RegExp(controlClass, 'g'), (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A writer (stdout, stderr) whose every write goes through `escapeControlChars`. */
export function escapingWriter<W extends { write(text: string): unknown }>(writer: W): { write(text: string): unknown } {
  return { write: (text: string) => writer.write(escapeControlChars(text)) };
}
