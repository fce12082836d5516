/**
 * Case names are unique within a suite (they make the case id), and suite files within a folder:
 * a repeat gets " (2)", " (3)", … in the order it was met, so re-importing gives the same names.
 */
export function uniqueName(taken: Set<string>, wanted: string, format: (base: string, n: number) => string = (base, n) => `${base} (${n})`): string {
  let name = wanted;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = format(wanted, n);
  taken.add(name.toLowerCase());
  return name;
}
