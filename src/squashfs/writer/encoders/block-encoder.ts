// Per-block compressors for writing: each call compresses one independent block (data,
// fragment or metadata) into the stream format the squashfs reader expects. Encoders are
// synchronous once created, so the same code runs on the main thread and in workers.

import { compressZstdNative, nativeZstd } from '../../codecs/native-zstd.js';
import { loadLiblzma } from '../../codecs/xz-codec.js';
import { SquashfsWriteError } from '../squashfs-write-error.js';
import type { EncoderSpec } from './encoder-spec.js';
import { loadZstdWasm } from './zstd-wasm-encoder.js';

export interface BlockEncoder {
  /** The compressed block, or undefined when compression does not make it smaller (it is stored raw). */
  encode(src: Uint8Array): Uint8Array | undefined;
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
      // libzstd through node:zlib where the runtime has it; it writes the same frames as the WASM build
      // (test/squashfs/zstd-native.test.ts), so an image does not depend on the runtime that wrote it
      const native = nativeZstd();
      if (native !== undefined) return { encode: (src) => smaller(compressZstdNative(native, src, spec.level), src) };
      const zstd = await loadZstdWasm().catch((err: unknown) => {
        throw SquashfsWriteError.encoderUnavailable(
          'zstd',
          `its WebAssembly build cannot start (${(err as Error).message}); ` +
            'Node 22.15 and later encode zstd natively, without WebAssembly',
        );
      });
      return { encode: (src) => smaller(zstd.compress(src, spec.level), src) };
    }
    case 'xz': {
      const { xzSync, check } = await loadLiblzma().catch((err: unknown) => {
        throw SquashfsWriteError.encoderUnavailable('xz', (err as Error).message);
      });
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
