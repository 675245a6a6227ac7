// Fuzzing real images: truncations at every table boundary, bit flips and random bytes in
// each region. Every case must end in success or a typed error (SquashfsError for structure,
// SquashfsFsError for a path gone missing), within a time bound; anything else is a bug.
// FC_NUM_RUNS raises the number of cases (default 300).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decodeSuperblock, SquashfsError, SquashfsFsError, SquashfsImage } from '../../src/squashfs/index.js';
import { describeWithFixtures, fixturesAvailable, seedPath } from './fixtures.js';

const RUNS = Number(process.env.FC_NUM_RUNS ?? '300');
const TIME_BOUND_MS = 3000;
const SEEDS = ['seed-zstd', 'seed-xz', 'seed-gzip', 'seed-lz4', 'seed-lzo', 'seed-uncompressed'];

interface Seed {
  readonly bytes: Uint8Array;
  /** [start, end) of each region: superblock, data, inode table, directory table, the rest. */
  readonly regions: readonly (readonly [number, number])[];
  /** Table starts and index positions, where truncation hurts most. */
  readonly boundaries: readonly number[];
}

function loadSeed(name: string): Seed {
  const bytes = new Uint8Array(readFileSync(seedPath(name)));
  const sb = decodeSuperblock(bytes);
  const pointers = [
    sb.inodeTableStart,
    sb.directoryTableStart,
    sb.fragmentTableStart,
    sb.exportTableStart,
    sb.idTableStart,
    sb.xattrIdTableStart,
    sb.bytesUsed,
  ].filter((p): p is number => p !== undefined);
  const tail = Math.min(...pointers.filter((p) => p > sb.directoryTableStart));
  return {
    bytes,
    regions: [
      [0, 96],
      [96, sb.inodeTableStart],
      [sb.inodeTableStart, sb.directoryTableStart],
      [sb.directoryTableStart, tail],
      [tail, sb.bytesUsed],
    ],
    boundaries: [0, 50, 96, 98, ...pointers, ...pointers.map((p) => p + 8), ...pointers.map((p) => p + 2)],
  };
}

type Mutation =
  | { readonly type: 'truncate'; readonly boundary: number; readonly delta: number }
  | { readonly type: 'flip'; readonly region: number; readonly at: number; readonly bits: readonly number[] }
  | { readonly type: 'bytes'; readonly region: number; readonly at: number; readonly bytes: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ type: fc.constant('truncate' as const), boundary: fc.nat(), delta: fc.integer({ min: -3, max: 3 }) }),
  fc.record({
    type: fc.constant('flip' as const),
    region: fc.nat({ max: 4 }),
    at: fc.nat(),
    bits: fc.array(fc.nat({ max: 63 }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    type: fc.constant('bytes' as const),
    region: fc.nat({ max: 4 }),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }),
  }),
);

function mutate(seed: Seed, m: Mutation): Uint8Array {
  if (m.type === 'truncate') {
    const at = (seed.boundaries[m.boundary % seed.boundaries.length] as number) + m.delta;
    return seed.bytes.slice(0, Math.max(0, Math.min(seed.bytes.length - 1, at)));
  }
  const out = seed.bytes.slice();
  const [start, end] = seed.regions[m.region] as readonly [number, number];
  if (end <= start) return out;
  const at = start + (m.at % (end - start));
  if (m.type === 'flip') {
    for (const b of m.bits) {
      const i = at + (b >> 3);
      if (i < out.length) out[i] = (out[i] as number) ^ (1 << (b & 7));
    }
  } else {
    out.set(m.bytes.subarray(0, Math.max(0, out.length - at)), at);
  }
  return out;
}

/** Opens the image and touches everything in it. */
async function exercise(bytes: Uint8Array): Promise<number> {
  const image = await SquashfsImage.open(bytes, { name: 'fuzz.sqsh' });
  let touched = 0;
  for (const e of image.walk()) {
    touched++;
    for (const n of image.listXattrs(e.path)) image.getXattr(e.path, n);
    if (e.stats.kind === 'file') {
      image.read(e.path, 0, 1 << 22);
      // the extraction path: blocks decoded into the decoder's own memory, tails viewed in cached fragments
      for (const chunk of image.chunks(e.path, { transient: true })) touched += chunk.data === undefined ? 0 : 1;
    }
    if (e.stats.kind === 'directory') image.readdir(e.path);
    if (e.stats.kind === 'symlink') image.readlink(e.path);
  }
  if (image.superblock.exportTableStart !== undefined) image.statInode(1);
  image.close();
  return touched;
}

describeWithFixtures('fuzzed images', () => {
  const seeds = fixturesAvailable() ? SEEDS.map(loadSeed) : [];

  it('every seed image reads cleanly before mutation', async () => {
    for (const seed of seeds) expect(await exercise(seed.bytes)).toBeGreaterThan(600);
  });

  it('ends every case in success or a typed error, quickly', async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), mutation, async (s, m) => {
        const bytes = mutate(seeds[s] as Seed, m);
        const start = performance.now();
        let outcome = 'ok';
        try {
          await exercise(bytes);
        } catch (err) {
          if (err instanceof SquashfsError) outcome = err.kind;
          else if (err instanceof SquashfsFsError) outcome = err.code;
          else throw err;
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        expect(performance.now() - start).toBeLessThan(TIME_BOUND_MS);
      }),
      { numRuns: RUNS },
    );
    if (process.env.FC_NUM_RUNS !== undefined) console.log('fuzz outcomes', Object.fromEntries(outcomes));
    // the mutations must actually reach the parser, not only pass or fail at the superblock
    expect(outcomes.get('corrupt-metadata') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
