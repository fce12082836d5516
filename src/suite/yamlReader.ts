import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import { didYouMean, didYouMeanSuffix } from '../shared/didYouMean';
import type { IssueCollector, IssueLocation } from './suiteIssues';
import { Entries, childPath, type Cursor, type MapEntry } from './yamlCursor';

export { Entries, type Cursor, type MapEntry };

interface StringOptions {
  /** Accept numbers and booleans, turned into their text (`quantity: 2` → "2"). */
  scalars?: boolean;
  nonEmpty?: boolean;
}

interface NumberOptions {
  integer?: boolean;
  min?: number;
  max?: number;
  /** The lower bound is exclusive (`> 0`). */
  minExclusive?: boolean;
  /** What the number means, for the hint of a range error. */
  hint?: string;
}

/** YAML 1.1 booleans that YAML 1.2 (what we parse) reads as strings — almost always a mistake. */
const yaml11Booleans = new Set(['yes', 'no', 'on', 'off', 'y', 'n', 'YES', 'NO', 'Yes', 'No', 'ON', 'OFF', 'On', 'Off']);

/**
 * Typed, position-aware reads over a parsed YAML document. Every read that fails records an issue
 * (with file, line, column, key path) and returns undefined, so validation carries on and one
 * pass reports every problem in the file.
 */
export class YamlReader {
  constructor(
    readonly doc: Document,
    private readonly lineCounter: LineCounter,
    readonly issues: IssueCollector,
  ) {}

  root(): Cursor {
    return { node: (this.doc.contents as Node | null) ?? null, path: '' };
  }

  location(node: Node | null | undefined, path: string): IssueLocation {
    const offset = node?.range?.[0];
    if (offset === undefined) return { path };
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col, path };
  }

  /** The line of the key when there is one (`request:`), else of the value. */
  line(cursor: Cursor): number | undefined {
    return this.location(cursor.keyNode ?? cursor.node, cursor.path).line;
  }

  /** Records an issue at the value and returns undefined, so `return reader.fail(…)` reads well. */
  fail(cursor: Cursor, message: string, hint?: string): undefined {
    this.issues.add(this.location(cursor.node, cursor.path), message, hint);
    return undefined;
  }

  /** Records an issue about a key of `parent` at the key's own position. */
  failAtKey(parent: Cursor, keyNode: Node | undefined, message: string, hint?: string): undefined {
    this.issues.add(this.location(keyNode ?? parent.node, parent.path), message, hint);
    return undefined;
  }

  /** Follows `*alias` references; an alias to nothing is reported. */
  resolve(cursor: Cursor): Node | null {
    const node = cursor.node;
    if (node && isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) {
        this.fail(cursor, `alias "*${node.source}" refers to no anchor`, `Define "&${node.source}" earlier in the file.`);
        return null;
      }
      return target;
    }
    return node;
  }

  isAbsent(cursor: Cursor): boolean {
    const node = this.resolve(cursor);
    return node === null || (isScalar(node) && node.value === null);
  }

  /** What kind of value sits at the cursor, for readers that accept several shapes. */
  kind(cursor: Cursor): 'mapping' | 'list' | 'string' | 'number' | 'boolean' | 'null' | 'other' {
    const node = this.resolve(cursor);
    if (node === null) return 'null';
    if (isMap(node)) return 'mapping';
    if (isSeq(node)) return 'list';
    if (isScalar(node)) {
      if (node.value === null) return 'null';
      const type = typeof node.value;
      if (type === 'string' || type === 'number' || type === 'boolean') return type;
    }
    return 'other';
  }

  describe(cursor: Cursor): string {
    const node = this.resolve(cursor);
    if (node === null) return 'nothing';
    if (isMap(node)) return 'a mapping';
    if (isSeq(node)) return 'a list';
    if (isScalar(node)) {
      const value = node.value;
      if (value === null) return 'nothing (an empty value)';
      if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
      if (typeof value === 'number') return `the number ${value}`;
      if (typeof value === 'boolean') return String(value);
    }
    return 'an unsupported value';
  }

  private wrongType(cursor: Cursor, expected: string, hint?: string): undefined {
    return this.fail(cursor, `expected ${expected}, found ${this.describe(cursor)}`, hint ?? shapeHint(expected));
  }

  /**
   * Reads a mapping whose keys must come from `allowed`. Unknown keys are reported at the key with
   * the nearest allowed one; `<<: *anchor` merge keys are honoured (explicit keys win).
   */
  map(cursor: Cursor, allowed: readonly string[], what: string): Entries | undefined {
    const pairs = this.pairs(cursor, `a mapping (${what})`);
    if (!pairs) return undefined;
    const entries = new Map<string, Cursor>();
    const unknown: Array<{ key: string; suggestion?: string }> = [];
    for (const { key, keyNode, value } of pairs) {
      if (!allowed.includes(key)) {
        const suggestion = didYouMean(key, allowed);
        unknown.push({ key, suggestion });
        this.failAtKey(cursor, keyNode, `unknown key "${key}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, `Allowed keys in ${what}: ${allowed.join(', ')}.`);
        continue;
      }
      if (!entries.has(key)) entries.set(key, { node: value, path: childPath(cursor.path, key), keyNode });
    }
    return new Entries(cursor, entries, unknown);
  }

  /** A mapping with free keys (vars, headers, rule paths), as ordered entries. */
  freeMap(cursor: Cursor, what: string): MapEntry[] | undefined {
    const pairs = this.pairs(cursor, `a mapping (${what})`);
    if (!pairs) return undefined;
    const seen = new Set<string>();
    const out: MapEntry[] = [];
    for (const { key, keyNode, value } of pairs) {
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, cursor: { node: value, path: childPath(cursor.path, key), keyNode } });
    }
    return out;
  }

  private pairs(cursor: Cursor, expected: string): Array<{ key: string; keyNode?: Node; value: Node | null }> | undefined {
    const node = this.resolve(cursor);
    if (!node || !isMap(node)) return this.wrongType(cursor, expected);
    const explicit: Array<{ key: string; keyNode?: Node; value: Node | null }> = [];
    const merged: Array<{ key: string; keyNode?: Node; value: Node | null }> = [];
    for (const pair of node.items as Array<Pair<unknown, unknown>>) {
      const keyNode = pair.key as Node | null;
      const value = (pair.value as Node | null) ?? null;
      if (keyNode && isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        merged.push(...this.mergeSource({ node: value, path: cursor.path }));
        continue;
      }
      if (!keyNode || !isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.failAtKey(cursor, keyNode ?? undefined, 'keys must be plain names, not lists, mappings or empty values');
        continue;
      }
      explicit.push({ key: String(keyNode.value), keyNode, value });
    }
    const names = new Set(explicit.map((entry) => entry.key));
    return [...explicit, ...merged.filter((entry) => !names.has(entry.key))];
  }

  /** The pairs that a `<<:` merge key brings in (one mapping or a list of mappings). */
  private mergeSource(cursor: Cursor): Array<{ key: string; keyNode?: Node; value: Node | null }> {
    const node = this.resolve(cursor);
    const sources = node && isSeq(node) ? (node.items as Node[]) : [node];
    const out: Array<{ key: string; keyNode?: Node; value: Node | null }> = [];
    for (const source of sources) {
      const pairs = this.pairs({ node: source, path: cursor.path }, 'a mapping (the target of "<<")');
      if (pairs) out.push(...pairs.filter((pair) => !out.some((seen) => seen.key === pair.key)));
    }
    return out;
  }

  list(cursor: Cursor, what: string): Cursor[] | undefined {
    const node = this.resolve(cursor);
    if (!node || !isSeq(node)) return this.wrongType(cursor, `a list (${what})`);
    return (node.items as Array<Node | null>).map((item, index) => ({ node: item ?? null, path: childPath(cursor.path, index) }));
  }

  string(cursor: Cursor, options: StringOptions = {}): string | undefined {
    const node = this.resolve(cursor);
    if (node && isScalar(node)) {
      const value = node.value;
      if (typeof value === 'string') {
        if (options.nonEmpty && value.trim() === '') return this.fail(cursor, 'must not be empty');
        return value;
      }
      if (options.scalars && (typeof value === 'number' || typeof value === 'boolean')) return String(node.source ?? value);
    }
    return this.wrongType(cursor, options.scalars ? 'a string or number' : 'a string');
  }

  boolean(cursor: Cursor): boolean | undefined {
    const node = this.resolve(cursor);
    if (node && isScalar(node)) {
      if (typeof node.value === 'boolean') return node.value;
      if (typeof node.value === 'string' && yaml11Booleans.has(node.value)) {
        return this.fail(cursor, `expected true or false, found "${node.value}"`, 'YAML 1.2 reads yes/no/on/off as text: write true or false.');
      }
    }
    return this.wrongType(cursor, 'true or false');
  }

  number(cursor: Cursor, options: NumberOptions = {}): number | undefined {
    const node = this.resolve(cursor);
    if (!node || !isScalar(node) || typeof node.value !== 'number' || !Number.isFinite(node.value)) {
      return this.wrongType(cursor, options.integer ? 'a whole number' : 'a number', options.hint);
    }
    const value = node.value;
    if (options.integer && !Number.isInteger(value)) return this.fail(cursor, `expected a whole number, found ${value}`, options.hint);
    const tooLow = options.min !== undefined && (options.minExclusive ? value <= options.min : value < options.min);
    const tooHigh = options.max !== undefined && value > options.max;
    if (tooLow || tooHigh) return this.fail(cursor, `${value} is out of range: ${rangeText(options)}`, options.hint);
    return value;
  }

  /** One of a fixed set of words; an unknown one is reported with the allowed ones. */
  oneOf<T extends string>(cursor: Cursor, allowed: readonly T[], what: string, options: { caseInsensitive?: boolean } = {}): T | undefined {
    const text = this.string(cursor, { scalars: true });
    if (text === undefined) return undefined;
    const match = allowed.find((value) => (options.caseInsensitive ? value.toLowerCase() === text.toLowerCase() : value === text));
    if (match !== undefined) return match;
    return this.fail(cursor, `unknown ${what} "${text}".${didYouMeanSuffix(text, allowed)}`, `Allowed: ${allowed.join(', ')}.`);
  }

  /** A list of strings; a single string is accepted as a list of one. */
  stringList(cursor: Cursor, what: string): string[] | undefined {
    const node = this.resolve(cursor);
    if (node && isScalar(node) && typeof node.value === 'string') return [node.value];
    const items = this.list(cursor, what);
    if (!items) return undefined;
    const out: string[] = [];
    for (const item of items) {
      const value = this.string(item, { scalars: true });
      if (value !== undefined) out.push(value);
    }
    return out.length === items.length ? out : undefined;
  }

  /** The plain JavaScript value (free-form data: vars, JSON bodies, expected values). */
  plain(cursor: Cursor): unknown {
    const node = this.resolve(cursor);
    if (node === null) return null;
    try {
      return node.toJS(this.doc, { maxAliasCount: 100 });
    } catch (error) {
      return this.fail(cursor, `cannot read this value: ${(error as Error).message}`);
    }
  }
}

/** How to write the expected shape in YAML, for "expected X, found Y" messages. */
function shapeHint(expected: string): string | undefined {
  if (expected.startsWith('a mapping')) return 'Write a mapping: one "key: value" per line (indented), or { key: value } on one line.';
  if (expected.startsWith('a list')) return 'Write a list: one "- item" per line (indented), or [a, b] on one line.';
  if (expected.startsWith('a string')) return 'Write text; quote it ("…") when it starts with a special character or looks like a number or boolean.';
  return undefined;
}

function rangeText(options: NumberOptions): string {
  const low = options.min === undefined ? '' : `${options.minExclusive ? 'above' : 'at least'} ${options.min}`;
  const high = options.max === undefined ? '' : `at most ${options.max}`;
  return `must be ${[low, high].filter(Boolean).join(' and ')}`;
}
