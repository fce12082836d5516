/**
 * Base64 written across several lines — MIME wraps at 76 characters, PEM at 64, some gateways'
 * error pages at whatever width — hides a secret's encoding behind line breaks that no literal
 * pattern spans. A block is a base64 run at the end of one line, any number of lines of base64
 * only (each at least `minLineLength` long), and the base64 run at the start of the line after
 * them (prose lines hold spaces and punctuation, so they never join one). Standard alphabet
 * only: MIME and PEM wrap standard base64, and with `-` a PEM's `-----END` line would join.
 * One pass over the text, line by line: a 10 MiB body costs one scan, never a backtracking regex.
 */
const minLineLength = 16;

export interface WrappedBlock {
  /** Where the block starts and ends in the text. */
  start: number;
  end: number;
  /** The block with its line breaks (and the indentation around them) removed. */
  joined: string;
}

/** Every line-wrapped base64 block of `text`; empty (and cheap) when the text has no line break. */
export function wrappedBase64Blocks(text: string): WrappedBlock[] {
  if (!text.includes('\n')) return [];
  const blocks: WrappedBlock[] = [];
  let current: { start: number; end: number; parts: string[] } | undefined;
  const finish = (): void => {
    if (current && current.parts.length >= 2) blocks.push({ start: current.start, end: current.end, joined: current.parts.join('') });
    current = undefined;
  };
  const startFrom = (from: number, to: number): void => {
    let k = to;
    while (k > from && isBase64(text.charCodeAt(k - 1))) k -= 1;
    if (to - k >= minLineLength) current = { start: k, end: to, parts: [text.slice(k, to)] };
  };
  for (let pos = 0; pos <= text.length; ) {
    let newline = text.indexOf('\n', pos);
    if (newline < 0) newline = text.length;
    let from = pos;
    let to = newline > pos && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    while (from < to && isBlank(text.charCodeAt(from))) from += 1;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to -= 1;
    if (current) {
      let k = from;
      while (k < to && isBase64(text.charCodeAt(k))) k += 1;
      let padded = k;
      while (padded < to && padded - k < 2 && text.charCodeAt(padded) === 61) padded += 1;
      if (padded > from) {
        current.parts.push(text.slice(from, padded));
        current.end = padded;
      }
      const continues = padded === to && padded === k && k - from >= minLineLength;
      if (!continues) {
        finish();
        if (padded !== to) startFrom(from, to);
      }
    } else {
      startFrom(from, to);
    }
    pos = newline + 1;
  }
  finish();
  return blocks;
}

function isBase64(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
