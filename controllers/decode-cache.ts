// A small memo for pure decodings that every node of a fleet repeats on the same bytes (the CRI parts of one boot
// asset, the SBOMs of one release): the last few results by key, oldest dropped first. Results are shared, so
// callers must treat them as immutable; a failure is cached and rethrown like a result.

export class DecodeCache<T> {
  private readonly entries = new Map<string, { readonly value: T } | { readonly error: unknown }>();

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => T): T {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      try {
        entry = { value: compute() };
      } catch (error) {
        entry = { error };
      }
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, entry);
    }
    if ('error' in entry) throw entry.error;
    return entry.value;
  }
}
