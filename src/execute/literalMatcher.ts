/**
 * Finds many literal strings in one pass. V8 compiles an alternation of literals into a single
 * automaton-like matcher, so a 10 MB body is scanned once (about 100 ms for hundreds of
 * patterns) instead of once per secret.
 */
export class LiteralMatcher<T> {
  private readonly values = new Map<string, T>();
  private regex: RegExp | null = null;
  private longest = 0;

  /** With `ignoreCase`, patterns match in any letter case (hex digits: `4A6b` is `4a6b`). */
  constructor(private readonly options: { ignoreCase?: boolean } = {}) {}

  /** Adds a pattern; the first value registered for a pattern wins. */
  add(pattern: string, value: T): void {
    const key = this.key(pattern);
    if (key === '' || this.values.has(key)) return;
    this.values.set(key, value);
    this.longest = Math.max(this.longest, pattern.length);
    this.regex = null;
  }

  get size(): number {
    return this.values.size;
  }

  /** Length of the longest pattern: a cut closer than this to a match may hide part of it. */
  get longestPattern(): number {
    return this.longest;
  }

  /** The value of a pattern that equals the whole string. */
  exact(text: string): T | undefined {
    return this.values.get(this.key(text));
  }

  /** Replaces every (leftmost, longest) occurrence. */
  replace(text: string, replacement: (value: T, match: string) => string): string {
    const regex = this.compiled();
    if (!regex) return text;
    return text.replace(regex, (match) => replacement(this.values.get(this.key(match)) as T, match));
  }

  /** The values of all patterns that occur. */
  findAll(text: string): Set<T> {
    const found = new Set<T>();
    const regex = this.compiled();
    if (!regex) return found;
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) found.add(this.values.get(this.key(m[0])) as T);
    return found;
  }

  test(text: string): T | undefined {
    const regex = this.compiled();
    if (!regex) return undefined;
    regex.lastIndex = 0;
    const m = regex.exec(text);
    return m === null ? undefined : this.values.get(this.key(m[0]));
  }

  private compiled(): RegExp | null {
    if (this.values.size === 0) return null;
    if (!this.regex) {
      // Longest first, so that at one position the longest pattern wins.
      const patterns = [...this.values.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.regex = new RegExp(patterns.join('|'), this.options.ignoreCase ? 'gi' : 'g');
    }
    return this.regex;
  }

  private key(pattern: string): string {
    return this.options.ignoreCase ? pattern.toLowerCase() : pattern;
  }
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
