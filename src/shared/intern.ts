/**
 * A bounded string table: equal strings that a run records over and over (header values such as
 * `application/json`, rule names, note paths) are kept as ONE string instead of one copy per
 * exchange. A run keeps every exchange until its reports are written, so the copies add up. The
 * table forgets everything once it holds `limit` strings, so values that never repeat (ids,
 * timestamps) cannot make it grow without end.
 */
export class StringTable {
  private readonly strings = new Map<string, string>();

  constructor(private readonly limit = 4096) {}

  /** The table's copy of `value` (`value` itself the first time it is seen). */
  intern(value: string): string {
    return this.derived(value, identity);
  }

  /**
   * The table's string for `key`, made by `make` the first time: a string derived from another
   * (`header:<name>` from a name) is looked up by the key it comes from, without building it again.
   */
  derived(key: string, make: (key: string) => string): string {
    const known = this.strings.get(key);
    if (known !== undefined) return known;
    if (this.strings.size >= this.limit) this.strings.clear();
    const made = make(key);
    this.strings.set(key, made);
    return made;
  }
}

const identity = (value: string): string => value;
