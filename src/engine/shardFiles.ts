/**
 * Splits suite files across `count` machines the way `jest --shard` does in spirit: whole files,
 * deterministic, every file in exactly one shard. Files are sorted first so every machine agrees.
 */
export function shardFiles(files: readonly string[], shard: { index: number; count: number }): string[] {
  if (!Number.isInteger(shard.count) || shard.count < 1 || !Number.isInteger(shard.index) || shard.index < 1 || shard.index > shard.count) {
    throw new RangeError(`--shard must be i/n with 1 ≤ i ≤ n, got ${shard.index}/${shard.count}`);
  }
  const sorted = [...files].sort();
  const size = Math.ceil(sorted.length / shard.count);
  return sorted.slice((shard.index - 1) * size, shard.index * size);
}
