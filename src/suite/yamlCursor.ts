import type { Node } from 'yaml';

/** A value in the YAML tree and the key path that leads to it (`cases[3].request.method`). */
export interface Cursor {
  node: Node | null;
  path: string;
  /** The key node when the value sits in a mapping; "unknown key" points here. */
  keyNode?: Node;
}

export interface MapEntry {
  key: string;
  cursor: Cursor;
}

/** A validated mapping: only known keys are kept; rejected ones are remembered with their suggestion. */
export class Entries {
  constructor(
    readonly cursor: Cursor,
    private readonly entries: Map<string, Cursor>,
    readonly unknown: ReadonlyArray<{ key: string; suggestion?: string }> = [],
  ) {}

  /**
   * True when an unknown key was probably meant as `key` (`reasn` for `reason`). A "missing
   * reason" error would then only repeat the "did you mean" one, so callers skip it.
   */
  misspelled(key: string): boolean {
    return this.unknown.some((entry) => entry.suggestion === key);
  }

  get(key: string): Cursor | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}

/** `cases` + 3 → `cases[3]`; `rules.match` + `$.id` → `rules.match["$.id"]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!/^[A-Za-z_][\w-]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}
