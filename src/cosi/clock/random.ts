// Randomness as an injected source: jitter and ids are reproducible under a seed.

export interface Random {
  /** A number in [0, 1). */
  next(): number;
}

/** Math.random, for the CLI. */
export const systemRandom: Random = { next: () => Math.random() };

/** A small seeded generator (mulberry32): same seed, same sequence, on every machine. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Always returns the same value; 0.5 makes jittered backoff exactly its nominal interval. */
export function constantRandom(value: number): Random {
  return { next: () => value };
}
