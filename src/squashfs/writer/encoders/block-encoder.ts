// Per-block compressors for writing: each call compresses one independent block (data,
// fragment or metadata) into the stream format the squashfs reader expects. Encoders are
// synchronous once created, so the same code runs on the main thread and in workers.
import type { EncoderSpec } from './encoder-spec.js';

export interface BlockEncoder {
  /** The compressed block, or undefined when compression does not make it smaller (it is stored raw). */
  encode(src: Uint8Array): Uint8Array | undefined;
}

type ZstdModule = typeof import('@bokuweb/zstd-wasm');
let zstdModule: Promise<ZstdModule> | undefined;

/** The WASM module is instantiated once per thread: init() again would replace the heap under live encoders. */
function loadZstd(): Promise<ZstdModule> {
  zstdModule ??= import('@bokuweb/zstd-wasm').then(async (m) => {
    await m.init();
    return m;
  });
  return zstdModule;
}

function smaller(out: Uint8Array, src: Uint8Array): Uint8Array | undefined {
  return out.length < src.length ? out : undefined;
}

export async function createBlockEncoder(spec: EncoderSpec): Promise<BlockEncoder> {
  switch (spec.compressor) {
    case 'gzip': {
      const { deflateSync } = await import('node:zlib');
      const options = { level: spec.level, windowBits: spec.gzipWindowSize };
      return { encode: (src) => smaller(deflateSync(src, options), src) };
    }
    case 'zstd': {
      const zstd = await loadZstd();
      return { encode: (src) => smaller(zstd.compress(src, spec.level), src) };
    }
    case 'xz': {
      const { xzSync, check } = await import('node-liblzma');
      const { rewriteXzBlockStream } = await import('./xz-block-stream.js');
      return {
        encode(src) {
          // preset 6 is liblzma's default, the preset mksquashfs's xz wrapper starts from
          const stream = xzSync(Buffer.from(src.buffer, src.byteOffset, src.length), { preset: 6, check: check.CRC32 });
          return smaller(rewriteXzBlockStream(stream, src.length, spec.dictSize), src);
        },
      };
    }
  }
}
