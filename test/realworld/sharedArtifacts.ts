import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** `../shared/real-world/` beside the repository root: present in CI, absent in a user's clone. */
const realWorldDir = path.resolve(__dirname, '..', '..', '..', 'shared', 'real-world');

/**
 * The artifacts of one kind (`openapi`, `postman`, `har`, `wso2`), as absolute paths. Throws when
 * the folder is missing: this tier exists to run on those files, so their absence is an error,
 * never a silent pass.
 */
export function realWorldFiles(kind: string): string[] {
  const dir = path.join(realWorldDir, kind);
  if (!existsSync(dir)) {
    throw new Error(`${dir} is missing: npm run test:realworld needs ../shared/real-world/ beside the clone (CI provides it).`);
  }
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => path.join(dir, name));
}
