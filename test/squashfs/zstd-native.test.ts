// zstd through node:zlib (Node ≥ 22.15) against the WASM builds kept for Node 20: both decoders read every zstd
// fixture image identically, both encoders write the same frames (so an image does not depend on the runtime that
// wrote it), and a WASM that cannot start is a typed error instead of a promise that never settles. On Node 20 the
// native halves are skipped, saying why; CI runs the suite on Node 24 too, where they run.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  compressZstdNative,
  createNativeZstdDecompressor,
  frameContentSize,
  nativeZstd,
} from '../../src/squashfs/codecs/native-zstd.js';
import { formatListingLine, SquashfsImage } from '../../src/squashfs/index.js';
import { loadZstdWasm } from '../../src/squashfs/writer/encoders/zstd-wasm-encoder.js';
import { describeWithFixtures, fixturesAvailable, fixturesDir } from './fixtures.js';

const native = nativeZstd();
const NO_NATIVE = `Node ${process.versions.node} has no zstd in node:zlib (Node 22.15 and later have): only the WASM side runs here`;

/** Everything a reader can say about an image: the listing, every file's bytes, every xattr. */
function fingerprint(image: SquashfsImage): string {
  const h = createHash('sha256');
  for (const e of image.walk()) {
    h.update(`${formatListingLine(e)}\n`);
    for (const name of image.listXattrs(e.path)) h.update(name).update(image.getXattr(e.path, name) ?? '');
    if (e.stats.kind === 'file') for (const c of image.chunks(e.path)) h.update(c.data ?? new Uint8Array(c.length));
  }
  return h.digest('hex');
}

/** Every zstd image the fixture set has: the matrix, the seeds, the extras. */
function zstdImages(): string[] {
  if (!fixturesAvailable()) return [];
  const dir = fixturesDir();
  return ['img', 'seeds', 'extra']
    .flatMap((sub) => {
      try {
        return readdirSync(join(dir, sub))
          .filter((f) => f.endsWith('.sqsh') && !f.startsWith('bad-'))
          .map((f) => join(dir, sub, f));
      } catch {
        return [];
      }
    })
    .filter((path) => {
      const sb = readFileSync(path).subarray(0, 96);
      return sb.length === 96 && sb.readUInt32LE(0) === 0x73717368 && sb.readUInt16LE(20) === 6;
    });
}

describe('the runtime CI asked for', () => {
  it('is the Node major TALOS_SIM_CI_NODE_MAJOR names, and Node ≥ 22.15 has native zstd', (ctx) => {
    const wanted = process.env.TALOS_SIM_CI_NODE_MAJOR;
    if (wanted === undefined || wanted === '') ctx.skip('only under .ci/run, which names the runtime it runs on');
    expect(process.versions.node.split('.')[0]).toBe(wanted);
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(native !== undefined).toBe(major > 22 || (major === 22 && minor >= 15));
  });
});

describeWithFixtures('native and WASM zstd decoders', () => {
  const images = zstdImages();

  it('find the zstd images of the fixture set', () => {
    expect(images.length).toBeGreaterThanOrEqual(16);
  });

  it('read every zstd fixture image identically', async (ctx) => {
    if (native === undefined) return ctx.skip(NO_NATIVE);
    for (const path of images) {
      const [wasm, lib] = await Promise.all([
        SquashfsImage.open(path, { zstdDecoder: 'wasm' }),
        SquashfsImage.open(path, { zstdDecoder: 'native' }),
      ]);
      try {
        expect(fingerprint(lib), path).toBe(fingerprint(wasm));
      } finally {
        wasm.close();
        lib.close();
      }
    }
  }, 60_000); // ~3 s alone: every block of 20 images, twice
});

describe('the native decoder refuses what ZSTD_decompress refuses', () => {
  it.skipIf(native === undefined)('data after the frame, and a frame short of the size its header declares', () => {
    const z = native as NonNullable<typeof native>;
    const block = new TextEncoder().encode('squashfs block '.repeat(500));
    const frame = compressZstdNative(z, block, 3);
    expect(frameContentSize(frame)).toBe(block.length);
    const decoder = createNativeZstdDecompressor(z);
    expect(Buffer.from(decoder.decompress(frame, block.length)).equals(Buffer.from(block))).toBe(true);
    const trailing = Uint8Array.from([...frame, 0xa5, 0xa5]);
    expect(() => decoder.decompress(trailing, block.length)).toThrow('zstd frame did not decode');
    // the same frame, declaring one byte more than it holds
    const lying = Uint8Array.from(frame);
    const at = 5 + ((frame[4] as number) & 0x20 ? 0 : 1);
    lying[at] = ((lying[at] as number) + 1) & 0xff;
    expect(() => decoder.decompress(lying, block.length + 1)).toThrow('zstd frame did not decode');
  });
});

describe('native zstd where the runtime lacks it', () => {
  it("refuses zstdDecoder 'native' with a typed error that says why", async (ctx) => {
    if (native !== undefined) ctx.skip(`Node ${process.versions.node} has native zstd`);
    // an image whose superblock names zstd (compression id 6 at byte 20): the reader refuses it before decoding
    // anything, so it is built without the zstd encoder, which another test of this file breaks on purpose
    const { image } = await (await import('../../src/squashfs/index.js')).buildSquashfs(
      { kind: 'directory', mode: 0o755, uid: 0, gid: 0, mtime: 0, entries: new Map() },
      { compressor: 'gzip' },
    );
    new DataView(image.buffer, image.byteOffset, image.byteLength).setUint16(20, 6, true);
    await expect(SquashfsImage.open(image, { zstdDecoder: 'native' })).rejects.toMatchObject({
      kind: 'decoder-unavailable',
      message: `<memory>: the zstd decoder cannot be used: this runtime (Node ${process.versions.node}) has no zstd in node:zlib (at byte 20)`,
    });
  });
});

describe('native and WASM zstd encoders', () => {
  /** Blocks of several kinds: text, machine code, zeros with islands, pseudo-random runs. */
  function blocks(): Uint8Array[] {
    const out: Uint8Array[] = [];
    const exe = readFileSync(process.execPath);
    for (let i = 0; i < 3; i++) out.push(exe.subarray(i * 1_997_003, i * 1_997_003 + 131072));
    const text = Buffer.from('kernel module firmware extension squashfs overlay layer node '.repeat(2500));
    out.push(text.subarray(0, 131072), text.subarray(5, 4096));
    const sparse = new Uint8Array(131072);
    for (let i = 0; i < sparse.length; i += 4099) sparse[i] = i & 0xff;
    out.push(sparse);
    const noise = new Uint8Array(131072);
    let x = 7;
    for (let i = 0; i < noise.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      noise[i] = (x >>> 24) & (i % 3);
    }
    out.push(noise);
    return out;
  }

  it('write the same frames at the levels Talos and mksquashfs use', async (ctx) => {
    if (native === undefined) return ctx.skip(NO_NATIVE);
    const wasm = await loadZstdWasm();
    for (const level of [3, 15, 18]) {
      for (const [i, block] of blocks().entries()) {
        const ours = Buffer.from(compressZstdNative(native, block, level));
        expect(ours.equals(Buffer.from(wasm.compress(block, level))), `level ${level}, block ${i}`).toBe(true);
      }
    }
  }, 60_000); // ~3 s alone: levels 15 and 18 are slow by design
});

describe('a zstd WASM that cannot start', () => {
  it('fails the encoder with a typed error instead of a promise that never settles', async () => {
    vi.resetModules();
    const wasm = (globalThis as unknown as { WebAssembly: { instantiate: (...a: unknown[]) => Promise<unknown> } })
      .WebAssembly;
    const spy = vi
      .spyOn(wasm, 'instantiate')
      .mockRejectedValue(new RangeError('WebAssembly.instantiate(): Out of memory: Cannot allocate Wasm memory'));
    try {
      const { loadZstdWasm: fresh } = await import('../../src/squashfs/writer/encoders/zstd-wasm-encoder.js');
      await expect(fresh()).rejects.toThrow('Out of memory');
      // the writer's encoder on a runtime without native zstd: a typed error naming the remedy
      vi.doMock('../../src/squashfs/codecs/native-zstd.js', async (original) => ({
        ...(await original<typeof import('../../src/squashfs/codecs/native-zstd.js')>()),
        nativeZstd: () => undefined,
      }));
      vi.doMock('../../src/squashfs/writer/encoders/zstd-wasm-encoder.js', () => ({ loadZstdWasm: fresh }));
      const { createBlockEncoder } = await import('../../src/squashfs/writer/encoders/block-encoder.js');
      const { isSquashfsWriteError } = await import('../../src/squashfs/writer/squashfs-write-error.js');
      const err = await createBlockEncoder({ compressor: 'zstd', level: 3, gzipWindowSize: 15, dictSize: 0 }).catch(
        (e: unknown) => e,
      );
      expect(isSquashfsWriteError(err, 'encoder-unavailable')).toBe(true);
      expect((err as Error).message).toBe(
        'the zstd encoder cannot be used: its WebAssembly build cannot start (WebAssembly.instantiate(): Out of ' +
          'memory: Cannot allocate Wasm memory); Node 22.15 and later encode zstd natively, without WebAssembly',
      );
    } finally {
      spy.mockRestore();
      vi.doUnmock('../../src/squashfs/codecs/native-zstd.js');
      vi.doUnmock('../../src/squashfs/writer/encoders/zstd-wasm-encoder.js');
      vi.resetModules();
    }
  });
});
