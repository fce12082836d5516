import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The harness's own version (package.json), recorded in every result and baseline manifest. */
export const harnessVersion: string = (
  JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;
