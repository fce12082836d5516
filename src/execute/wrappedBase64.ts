/**
 * Base64 written across several lines — MIME wraps at 76 characters, PEM at 64, some gateways'
 * error pages at whatever width — hides a secret's encoding behind line breaks that no literal
 * pattern spans. A block is two or more lines of base64 alphabet only, every line but the last
 * at least `minLineLength` long (prose lines hold spaces and are never blocks).
 */
const minLineLength = 16;
// Standard alphabet (MIME and PEM wrap standard base64): with `-` a PEM's `-----END` line would join the block.
const blockPattern = new RegExp(`(?:[A-Za-z0-9+/]{${minLineLength},}={0,2}[ \\t]*\\r?\\n[ \\t]*)+[A-Za-z0-9+/]+={0,2}`, 'g');

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
  const regex = new RegExp(blockPattern.source, 'g');
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    blocks.push({ start: m.index, end: m.index + m[0].length, joined: m[0].replace(/\s+/g, '') });
  }
  return blocks;
}
