import { HarnessError } from '../errors';

/** `2/3` → { index: 2, count: 3 }, with the same rule as Jest's --shard. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count) {
    throw new HarnessError(`--shard "${text}" is not a shard`, { hint: 'write it as i/n with 1 ≤ i ≤ n, e.g. --shard 1/2' });
  }
  return { index, count };
}
