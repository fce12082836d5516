/**
 * Postman chains requests through variables: a test script sets `orderId` from one response, a
 * later request uses `{{orderId}}`. A suite chains them through the steps of one case (captures
 * flow only to later steps of the same case, per target). This groups the calls of a collection,
 * in Postman's run order, so that every request that uses a value an earlier one captures lands
 * in the same scenario as that producer — the most recent producer, as Postman would use.
 * A request of the same folder that runs between two steps of a chain joins it too: Postman runs
 * a folder in order, so a later step may rely on what it changed (an update between a create
 * and the read that checks the new value).
 */
export interface ChainCall {
  /** Suite var names the call reads. */
  reads: Iterable<string>;
  /** Suite var names its test script captures. */
  captures: Iterable<string>;
  /** The suite it belongs to: only calls of one suite are pulled into a chain by position. */
  suite: number;
}

/** Groups of call indexes (each ascending, in run order), ordered by their first call. */
export function planPostmanChains(calls: readonly ChainCall[]): number[][] {
  const parent = calls.map((_call, index) => index);
  const find = (index: number): number => {
    while (parent[index] !== index) {
      parent[index] = parent[parent[index]!]!;
      index = parent[index]!;
    }
    return index;
  };
  const lastProducer = new Map<string, number>();
  calls.forEach((call, index) => {
    for (const name of call.reads) {
      const producer = lastProducer.get(name);
      if (producer !== undefined && producer !== index) parent[find(index)] = find(producer);
    }
    for (const name of call.captures) lastProducer.set(name, index);
  });
  const collect = () => {
    const groups = new Map<number, number[]>();
    calls.forEach((_call, index) => {
      const root = find(index);
      const group = groups.get(root) ?? [];
      group.push(index);
      groups.set(root, group);
    });
    return [...groups.values()].sort((a, b) => a[0]! - b[0]!);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of collect()) {
      if (group.length < 2) continue;
      for (let index = group[0]! + 1; index < group[group.length - 1]!; index += 1) {
        if (calls[index]!.suite !== calls[group[0]!]!.suite || find(index) === find(group[0]!)) continue;
        parent[find(index)] = find(group[0]!);
        changed = true;
      }
    }
  }
  return collect();
}
