// Bulk reads decode into buffers that are reused: the zstd decoder's own memory, and the buffers
// of evicted fragment blocks. These tests hold on to everything the public API hands out and
// check it afterwards, so any result that aliases a reused buffer shows up as wrong bytes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { zstdCodec } from '../../src/squashfs/codecs/zstd-codec.js';
import { SquashfsImage } from '../../src/squashfs/index.js';
import { createBlockEncoder } from '../../src/squashfs/writer/encoders/block-encoder.js';
import { describeWithFixtures, expectedSha256, imagePath } from './fixtures.js';

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

function regularFiles(image: SquashfsImage): string[] {
  return [...image.walk()].filter((e) => e.stats.kind === 'file').map((e) => e.path);
}

describeWithFixtures('buffers reused by bulk reads', () => {
  // var-uncompressed holds its fragments uncompressed: opened from bytes, a fragment block is a
  // view of the caller's array, which must never be recycled (that would overwrite the image)
  it.each(['comp-zstd', 'comp-xz', 'comp-gzip', 'var-uncompressed'])(
    '%s: files read with one-entry caches keep their bytes after every later read',
    async (name) => {
      const bytes = new Uint8Array(readFileSync(imagePath(name)));
      const before = sha256(bytes);
      const image = await SquashfsImage.open(bytes, { fragmentCacheBlocks: 1, dataCacheBlocks: 1 });
      try {
        const read = new Map<string, Uint8Array>();
        for (const path of regularFiles(image)) read.set(path, image.readFile(path));
        for (const path of regularFiles(image)) image.read(path, 1, 70_000); // churn the caches again
        const expected = expectedSha256();
        expect(read.size).toBeGreaterThan(1000);
        for (const [path, data] of read) {
          if (expected.has(path)) expect(sha256(data), path).toBe(expected.get(path));
        }
        expect(sha256(bytes)).toBe(before);
      } finally {
        image.close();
      }
    },
  );

  it('chunks are buffers of their own by default, views to consume at once with transient', async () => {
    const image = await SquashfsImage.open(imagePath('comp-zstd'));
    try {
      const path = '/big/big.bin';
      const whole = image.readFile(path);
      const kept = [...image.chunks(path)];
      expect(kept.length).toBeGreaterThan(2);
      expect(sha256(Buffer.concat(kept.map((c) => c.data ?? new Uint8Array(c.length))))).toBe(sha256(whole));
      const consumed: Uint8Array[] = [];
      for (const c of image.chunks(path, { transient: true }))
        consumed.push((c.data ?? new Uint8Array(c.length)).slice());
      expect(sha256(Buffer.concat(consumed))).toBe(sha256(whole));
    } finally {
      image.close();
    }
  });
});

describeWithFixtures('chunks of an image opened from bytes', () => {
  it('are buffers of their own even where blocks are stored uncompressed', async () => {
    const bytes = new Uint8Array(readFileSync(imagePath('var-uncompressed')));
    const image = await SquashfsImage.open(bytes);
    try {
      const kept = [...image.chunks('/big/big.bin')];
      expect(kept.length).toBeGreaterThan(2);
      bytes.fill(0); // the caller reuses its array
      const whole = Buffer.concat(kept.map((c) => c.data ?? new Uint8Array(c.length)));
      expect(sha256(whole)).toBe(expectedSha256().get('/big/big.bin'));
    } finally {
      image.close();
    }
  });
});

// in file order even when tests are shuffled: the last two reset the module registry, after which this file's own
// codec module and zstddec's one instance per thread are no longer the ones a fresh import sees
describe('zstd decompressor', { shuffle: false }, () => {
  // the WASM decoder on every runtime; frames from the writer's encoder
  const frame = async (data: Uint8Array): Promise<Uint8Array> => {
    const encoder = await createBlockEncoder({ compressor: 'zstd', level: 3, gzipWindowSize: 15, dictSize: 0 });
    const out = encoder.encode(data);
    if (out === undefined) throw new Error('test data does not compress');
    return out;
  };
  const data = (n: number, seed: number): Uint8Array => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = (i * seed) >> 3;
    return out;
  };

  it('decodes into its own memory and copies out what the caller keeps, across memory growth', async () => {
    const d = await zstdCodec.createDecompressor({ zstdDecoder: 'wasm' });
    const small = data(1000, 7);
    const large = data(6 << 20, 13); // larger than anything before: the output region and memory grow
    const smallFrame = await frame(small);
    const largeFrame = await frame(large);
    const kept = d.decompress(smallFrame, small.length);
    const transient = d.decompressTransient?.(largeFrame, large.length) ?? new Uint8Array(0);
    expect(sha256(transient)).toBe(sha256(large));
    expect(sha256(kept)).toBe(sha256(small));
    const input = d.inputBuffer?.(smallFrame.length) ?? new Uint8Array(0);
    expect(input.length).toBe(smallFrame.length);
    input.set(smallFrame);
    expect(sha256(d.decompressTransient?.(input, small.length) ?? new Uint8Array(0))).toBe(sha256(small));
  });

  it('refuses a frame that expands beyond the block, and bytes that are not a frame', async () => {
    const d = await zstdCodec.createDecompressor({ zstdDecoder: 'wasm' });
    const block = data(4096, 5);
    const f = await frame(block);
    expect(() => d.decompress(f, 4095)).toThrow('zstd frame did not decode');
    expect(() => d.decompress(f.subarray(0, 6), 4096)).toThrow('zstd frame did not decode');
    expect(() => d.decompress(new Uint8Array(64).fill(0x5a), 4096)).toThrow('zstd frame did not decode');
    expect(d.decompress(f, 4096)).toEqual(block);
  });

  it("falls back to zstddec's own decode when its instance cannot be reached", async () => {
    // zstddec initialises once per thread: once it has, a fresh codec module sees no instantiation
    const { ZSTDDecoder } = await import('zstddec');
    await new ZSTDDecoder().init();
    vi.resetModules();
    const fresh = await import('../../src/squashfs/codecs/zstd-codec.js');
    const d = await fresh.zstdCodec.createDecompressor({ zstdDecoder: 'wasm' });
    expect(d.decompressTransient).toBeUndefined();
    const block = data(70_000, 3);
    const f = await frame(block);
    expect(sha256(d.decompress(f, block.length))).toBe(sha256(block));
    expect(() => d.decompress(f, block.length - 1)).toThrow('zstd frame did not decode');
  });

  it('decodes input read into its own buffer when the output grows the memory (the length is taken first)', async () => {
    const d = await zstdCodec.createDecompressor({ zstdDecoder: 'wasm' });
    const big = data(40 << 20, 11); // larger than anything decoded before: the output region grows the memory
    const f = await frame(big);
    const input = d.inputBuffer?.(f.length) ?? new Uint8Array(0);
    input.set(f);
    expect(sha256(d.decompressTransient?.(input, big.length) ?? new Uint8Array(0))).toBe(sha256(big));
  });

  it('stays usable after an allocation fails, without handing out address 0', async () => {
    const d = await zstdCodec.createDecompressor({ zstdDecoder: 'wasm' });
    const block = data(4096, 9);
    const f = await frame(block);
    expect(sha256(d.decompress(f, block.length))).toBe(sha256(block)); // both regions hold something now
    expect(() => d.inputBuffer?.(3 * 2 ** 30)).toThrow('zstd decoder cannot allocate 3221225472 bytes');
    expect(() => d.decompressTransient?.(f, 3 * 2 ** 30)).toThrow('zstd decoder cannot allocate 3221225472 bytes');
    expect(d.inputBuffer?.(16).byteOffset).not.toBe(0);
    expect(sha256(d.decompress(f, block.length))).toBe(sha256(block));
  });

  it('falls back, and leaves fetch alone, when WebAssembly.instantiate cannot be wrapped (frozen intrinsics)', async () => {
    const wasm = (globalThis as unknown as { WebAssembly: object }).WebAssembly;
    const descriptor = Object.getOwnPropertyDescriptor(wasm, 'instantiate') as PropertyDescriptor;
    const fetchBefore = globalThis.fetch;
    Object.defineProperty(wasm, 'instantiate', { ...descriptor, writable: false });
    try {
      vi.resetModules();
      const fresh = await import('../../src/squashfs/codecs/zstd-codec.js');
      const d = await fresh.zstdCodec.createDecompressor({ zstdDecoder: 'wasm' });
      expect(globalThis.fetch).toBe(fetchBefore);
      expect(d.decompressTransient).toBeUndefined();
      const block = data(5000, 7);
      expect(sha256(d.decompress(await frame(block), block.length))).toBe(sha256(block));
    } finally {
      Object.defineProperty(wasm, 'instantiate', descriptor);
    }
  });
});
