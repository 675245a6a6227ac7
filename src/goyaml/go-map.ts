// A mapping as go-yaml's Unmarshal into `any` returns it: `map[string]interface {}` when every key resolves
// to a string, otherwise `map[interface {}]interface {}` (which encoding/json refuses to encode).
import type { GoValue } from './go-value.js';

export class GoMap {
  private readonly map: ReadonlyMap<string, GoValue>;
  private readonly nonString: ReadonlySet<string>;

  /**
   * @param entries values by key text, in document order
   * @param nonStringKeys texts of the keys that resolved to something other than a string (`1`, `true`)
   */
  constructor(entries: Iterable<readonly [string, GoValue]>, nonStringKeys: Iterable<string> = []) {
    this.map = new Map(entries);
    this.nonString = new Set(nonStringKeys);
  }

  get size(): number {
    return this.map.size;
  }

  /** True for `map[string]interface {}`, false for `map[interface {}]interface {}`. */
  get hasStringKeys(): boolean {
    return this.nonString.size === 0;
  }

  /** Go's type name, as error messages print it. */
  get goTypeName(): string {
    return this.hasStringKeys ? 'map[string]interface {}' : 'map[interface {}]interface {}';
  }

  /** Whether a key text was a non-string key (an int, a bool, …) in the document. */
  isNonStringKey(key: string): boolean {
    return this.nonString.has(key);
  }

  /** Value under a string key (non-string keys are not found by string lookups, as in Go). */
  lookup(key: string): { readonly found: true; readonly value: GoValue } | { readonly found: false } {
    if (!this.map.has(key) || this.nonString.has(key)) return { found: false };
    return { found: true, value: this.map.get(key) as GoValue };
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  entries(): IterableIterator<[string, GoValue]> {
    return this.map.entries();
  }

  /** A copy with more string-keyed entries (later ones win), as talosctl adds `node` and `event`. */
  with(extra: Iterable<readonly [string, GoValue]>): GoMap {
    const entries = new Map(this.map);
    const nonString = new Set(this.nonString);
    for (const [key, value] of extra) {
      entries.set(key, value);
      nonString.delete(key);
    }
    return new GoMap(entries, nonString);
  }
}
