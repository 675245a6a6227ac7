// Options of SquashfsImage.open, with their defaults merged in one place.
import type { ZstdDecoderChoice } from './codecs/codec.js';

/** Which compressors may be mounted: every one this reader decodes, or only the Talos kernel's. */
export type CompressorPolicy = 'all' | 'talos-kernel';

export interface SquashfsOpenOptions {
  /** Name used in error messages. Default: the file's basename, or "<memory>" for bytes. */
  readonly name?: string;
  /** Default 'all'. 'talos-kernel' refuses everything but xz and zstd, with the kernel's message. */
  readonly compressors?: CompressorPolicy;
  /** Decompressed metadata blocks kept (8 KiB each). Default 64. */
  readonly metadataCacheBlocks?: number;
  /** Decompressed data blocks kept for random reads. Default 8. */
  readonly dataCacheBlocks?: number;
  /** Decompressed fragment blocks kept. Default 32. */
  readonly fragmentCacheBlocks?: number;
  /** Parsed inodes kept. Default 4096. */
  readonly inodeCacheEntries?: number;
  /** Parsed directory listings kept. Default 256. */
  readonly directoryCacheEntries?: number;
  /** readFile refuses larger files with EFBIG (read() ranges are not limited). Default 1 GiB. */
  readonly maxReadFileSize?: number;
  /**
   * zstd decoder: 'auto' (default) takes node:zlib's where the runtime has it (Node ≥ 22.15), the WASM build
   * elsewhere; 'native' refuses to open zstd images on runtimes without it; 'wasm' always takes the WASM build.
   */
  readonly zstdDecoder?: ZstdDecoderChoice;
}

export type ResolvedOpenOptions = Required<Omit<SquashfsOpenOptions, 'name'>> & { readonly name: string | undefined };

export const DEFAULT_OPEN_OPTIONS: Omit<ResolvedOpenOptions, 'name'> = {
  compressors: 'all',
  metadataCacheBlocks: 64,
  dataCacheBlocks: 8,
  fragmentCacheBlocks: 32,
  inodeCacheEntries: 4096,
  directoryCacheEntries: 256,
  maxReadFileSize: 1 << 30,
  zstdDecoder: 'auto',
};

export function resolveOpenOptions(options: SquashfsOpenOptions | undefined): ResolvedOpenOptions {
  return { ...DEFAULT_OPEN_OPTIONS, ...options, name: options?.name };
}
