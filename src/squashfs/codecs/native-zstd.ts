// zstd through node:zlib, which has it from Node 22.15 (and 23.8): libzstd itself, no WASM to instantiate (no
// address-space reservation that `ulimit -v` can refuse) and no module to load. The typings of the oldest supported
// Node (20) do not declare these functions, so they are looked up and typed here.
import * as zlib from 'node:zlib';
import type { Decompressor } from './codec.js';

interface ZstdOptions {
  readonly chunkSize?: number;
  readonly maxOutputLength?: number;
  readonly params?: Readonly<Record<number, number>>;
  readonly pledgedSrcSize?: number;
}

/** The node:zlib zstd calls and parameter ids this module uses. */
export interface NativeZstd {
  zstdDecompressSync(src: Uint8Array, options: ZstdOptions): Buffer;
  zstdCompressSync(src: Uint8Array, options: ZstdOptions): Buffer;
  readonly ZSTD_c_compressionLevel: number;
  readonly ZSTD_c_checksumFlag: number;
  readonly ZSTD_c_contentSizeFlag: number;
}

/** node:zlib's zstd, or undefined on runtimes without it. */
export function nativeZstd(): NativeZstd | undefined {
  const z = zlib as unknown as Partial<Omit<NativeZstd, `ZSTD_${string}`>>;
  const c = zlib.constants as unknown as Partial<Record<`ZSTD_${string}`, number>>;
  const { ZSTD_c_compressionLevel, ZSTD_c_checksumFlag, ZSTD_c_contentSizeFlag } = c;
  if (
    typeof z.zstdDecompressSync !== 'function' ||
    typeof z.zstdCompressSync !== 'function' ||
    ZSTD_c_compressionLevel === undefined ||
    ZSTD_c_checksumFlag === undefined ||
    ZSTD_c_contentSizeFlag === undefined
  ) {
    return undefined;
  }
  return {
    zstdDecompressSync: z.zstdDecompressSync,
    zstdCompressSync: z.zstdCompressSync,
    ZSTD_c_compressionLevel,
    ZSTD_c_checksumFlag,
    ZSTD_c_contentSizeFlag,
  };
}

/**
 * Decodes a block with libzstd. The output chunk is one byte larger than the block may be, so that a frame that
 * fits is decoded in one pass (zlib stops at the frame's end) and one that does not is refused by maxOutputLength.
 */
export function createNativeZstdDecompressor(native: NativeZstd): Decompressor {
  return {
    decompress(src, maxSize) {
      const limit = Math.max(1, maxSize);
      return native.zstdDecompressSync(src, { chunkSize: limit + 1, maxOutputLength: limit });
    },
  };
}

/**
 * Encodes a block as mksquashfs's zstd wrapper does (ZSTD_compressCCtx: the content size in the frame header, no
 * checksum), one pass into an output chunk that holds the worst case.
 */
export function compressZstdNative(native: NativeZstd, src: Uint8Array, level: number): Uint8Array {
  return native.zstdCompressSync(src, {
    chunkSize: src.length + (src.length >> 7) + 512,
    pledgedSrcSize: src.length,
    params: {
      [native.ZSTD_c_compressionLevel]: level,
      [native.ZSTD_c_contentSizeFlag]: 1,
      [native.ZSTD_c_checksumFlag]: 0,
    },
  });
}
