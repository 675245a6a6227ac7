// The contract every squashfs compressor implements. A codec parses and validates the optional
// compressor-options block, and makes a synchronous decompressor (after one async setup, which
// lets WASM or native decoders load lazily).
import type { CompressionName } from '../format.js';

/** Decompresses one independent block (metadata, data or fragment). */
export interface Decompressor {
  /**
   * The decompressed bytes, at most `maxSize` of them. Throws (any Error) when the input is
   * corrupt or would expand beyond `maxSize`; callers turn that into a SquashfsError.
   */
  decompress(src: Uint8Array, maxSize: number): Uint8Array;
  /**
   * Optional fast path for callers that copy or write the bytes at once: the same result, but
   * possibly a view of the decoder's own memory, valid only until the next call on this
   * decompressor (which may be shared by every image open in the thread).
   */
  decompressTransient?(src: Uint8Array, maxSize: number): Uint8Array;
  /**
   * Optional: a buffer of `size` bytes to read compressed input into, so that passing it to
   * `decompressTransient` right away needs no copy. Valid only until the next call.
   */
  inputBuffer?(size: number): Uint8Array;
}

/** Decoded compressor options, for display (`sim squashfs info`) and validation. */
export type CompressorOptions = Readonly<Record<string, number | string | boolean>>;

export type OptionsResult =
  | { readonly ok: true; readonly options: CompressorOptions }
  | { readonly ok: false; readonly reason: string };

/**
 * Which zstd decoder to use: 'auto' takes node:zlib's where the runtime has it (Node ≥ 22.15) and the WASM build
 * elsewhere; 'native' fails where node:zlib has no zstd; 'wasm' always takes the WASM build.
 */
export type ZstdDecoderChoice = 'auto' | 'native' | 'wasm';

export interface DecoderOptions {
  /** Default 'auto'. */
  readonly zstdDecoder?: ZstdDecoderChoice;
}

export interface Codec {
  readonly id: number;
  readonly name: CompressionName;
  /** False for compressors this reader knows but cannot decode (lzma, like the kernel). */
  readonly decodable: boolean;
  /**
   * Validates the options block (`undefined` when the image has none) and returns the options
   * in force, defaults filled in. `blockSize` is the image's data block size.
   */
  parseOptions(bytes: Uint8Array | undefined, blockSize: number): OptionsResult;
  /** Rejects when the decoder cannot be used here (a missing optional package, WASM that cannot start). */
  createDecompressor(options?: DecoderOptions): Promise<Decompressor>;
}
