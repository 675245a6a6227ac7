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
 * Decodes a block with libzstd. zlib.zstdDecompressSync builds a whole stream object and a decoder context per call,
 * which made it slower than the WASM decoder on 128 KiB blocks (~0.9 GiB/s against ~1.8); one zlib engine is kept
 * per thread instead, its handle fed each frame and reset, decoding into a buffer of its own (~2.5 GiB/s). That
 * handle is node:zlib's internal binding: if its shape is not the one known here, or a self-check frame does not
 * decode through it, the public call is used.
 */
export function createNativeZstdDecompressor(native: NativeZstd): Decompressor {
  return handleDecompressor() ?? syncDecompressor(native);
}

function syncDecompressor(native: NativeZstd): Decompressor {
  return {
    decompress(src, maxSize) {
      // the output chunk is one byte larger than the block may be, so that a frame that fits is decoded in one pass
      // (zlib stops at the frame's end) and one that does not is refused by maxOutputLength
      const limit = Math.max(1, maxSize);
      return native.zstdDecompressSync(src, { chunkSize: limit + 1, maxOutputLength: limit });
    },
  };
}

/** The parts of a zlib engine and its binding used here (node:zlib internals, checked before use). */
interface ZstdEngine {
  readonly _handle?: {
    writeSync(
      flush: number,
      input: Uint8Array,
      inOff: number,
      inLen: number,
      out: Uint8Array,
      outOff: number,
      outLen: number,
    ): void;
    reset(): void;
    onerror: (message: string, errno: number, code: string) => void;
  };
  readonly _writeState?: unknown;
  readonly _finishFlushFlag?: unknown;
}

function handleDecompressor(): Decompressor | undefined {
  const Engine = (zlib as unknown as { ZstdDecompress?: new () => ZstdEngine }).ZstdDecompress;
  if (typeof Engine !== 'function') return undefined;
  let engine: ZstdEngine;
  try {
    engine = new Engine();
  } catch {
    return undefined;
  }
  const handle = engine._handle;
  const state = engine._writeState;
  const flush = engine._finishFlushFlag;
  if (
    handle === undefined ||
    typeof handle.writeSync !== 'function' ||
    typeof handle.reset !== 'function' ||
    !(state instanceof Uint32Array) ||
    state.length < 2 ||
    typeof flush !== 'number'
  ) {
    return undefined;
  }
  let failure: string | undefined;
  // errors arrive through this callback during writeSync; the engine's own handler would destroy it
  handle.onerror = (message, _errno, code) => {
    failure = `${code}: ${message}`;
  };
  let out = new Uint8Array(0);
  const decompressTransient = (src: Uint8Array, maxSize: number): Uint8Array => {
    // one byte of room past the largest allowed output tells "exactly full" from "would expand beyond"
    const room = Math.max(1, maxSize) + 1;
    if (out.length < room) out = new Uint8Array(room);
    failure = undefined;
    try {
      handle.writeSync(flush, src, 0, src.length, out, 0, room);
    } finally {
      handle.reset();
    }
    if (failure !== undefined) throw new Error(`zstd frame did not decode (${failure})`);
    const n = room - (state[0] as number);
    if (n > maxSize) throw new Error(`zstd frame expands beyond ${maxSize} bytes`);
    // the streaming decoder stops quietly where ZSTD_decompress (mksquashfs's reader, and the WASM path) fails: at
    // a frame that ends before its input does, or one that ends short of the size its header declares
    if ((state[1] as number) !== 0) throw new Error('zstd frame did not decode (data after the end of the frame)');
    const declared = frameContentSize(src);
    if (declared !== undefined && declared !== n) {
      throw new Error(`zstd frame did not decode (${n} bytes where its header declares ${declared})`);
    }
    return out.subarray(0, n);
  };
  const decoder: Decompressor = {
    decompress: (src, maxSize) => decompressTransient(src, maxSize).slice(),
    decompressTransient,
  };
  return selfCheck(decoder) ? decoder : undefined;
}

/** The content size a zstd frame header declares (RFC 8878 §3.1.1.1), or undefined when it declares none. */
export function frameContentSize(frame: Uint8Array): number | undefined {
  if (frame.length < 5 || frame[0] !== 0x28 || frame[1] !== 0xb5 || frame[2] !== 0x2f || frame[3] !== 0xfd) {
    return undefined;
  }
  const descriptor = frame[4] as number;
  const fcsFlag = descriptor >> 6;
  const singleSegment = (descriptor & 0x20) !== 0;
  const dictionaryIdSize = [0, 1, 2, 4][descriptor & 3] as number;
  const fcsSize = fcsFlag === 0 ? (singleSegment ? 1 : 0) : [0, 2, 4, 8][fcsFlag];
  if (fcsSize === 0 || fcsSize === undefined) return undefined;
  const at = 5 + (singleSegment ? 0 : 1) + dictionaryIdSize;
  if (frame.length < at + fcsSize) return undefined;
  let size = 0;
  for (let i = fcsSize - 1; i >= 0; i--) size = size * 256 + (frame[at + i] as number);
  return fcsSize === 2 ? size + 256 : size;
}

/** A frame whose bytes are known decodes to them, and a truncated one fails. */
function selfCheck(d: Decompressor): boolean {
  const text = new TextEncoder().encode('talos-sim zstd self-check '.repeat(40));
  const z = zlib as unknown as Pick<NativeZstd, 'zstdCompressSync'>;
  try {
    const frame = z.zstdCompressSync(text, {});
    const ok = Buffer.from(d.decompress(frame, text.length)).equals(text);
    let truncatedFails = false;
    try {
      d.decompress(frame.subarray(0, frame.length - 4), text.length);
    } catch {
      truncatedFails = true;
    }
    return ok && truncatedFails && Buffer.from(d.decompress(frame, text.length)).equals(text);
  } catch {
    return false;
  }
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
