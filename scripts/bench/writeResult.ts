import { writeFileSync } from 'node:fs';

/**
 * A child measurement's result: one JSON document, to the file named by `--out` (what bench.ts
 * reads), or to stdout when run by hand.
 */
export function writeResult(out: string | undefined, result: unknown): void {
  const text = `${JSON.stringify(result, null, 2)}\n`;
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}
