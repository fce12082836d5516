/**
 * Maps the elements of an array or the members of an object, returning the ORIGINAL when no
 * element changed and copying only from the first change on. Normalization runs over every body
 * of every step, and most bodies come out unchanged: not copying them is most of its speed.
 */
export function mapArrayCopyOnWrite(values: readonly unknown[], map: (value: unknown, index: number) => unknown): unknown[] {
  let out: unknown[] | undefined;
  for (let index = 0; index < values.length; index += 1) {
    const item = values[index];
    const next = map(item, index);
    if (out) out.push(next);
    else if (next !== item) {
      out = values.slice(0, index);
      out.push(next);
    }
  }
  return out ?? (values as unknown[]);
}

export function mapRecordCopyOnWrite(record: Record<string, unknown>, map: (value: unknown, key: string) => unknown): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const item = record[key];
    const next = map(item, key);
    if (out) out[key] = next;
    else if (next !== item) {
      out = {};
      for (const earlier in record) {
        if (earlier === key) break;
        if (Object.prototype.hasOwnProperty.call(record, earlier)) out[earlier] = record[earlier];
      }
      out[key] = next;
    }
  }
  return out ?? record;
}
