// What a worker needs to build the same block encoder as the main thread (plain data, so it
// crosses a worker boundary), and the compressor id and options block each choice records.
import { Compression, METADATA_SIZE } from '../../format.js';
import {
  DEFAULT_GZIP_LEVEL,
  DEFAULT_GZIP_WINDOW_SIZE,
  DEFAULT_ZSTD_LEVEL,
  type ResolvedWriteOptions,
} from '../write-options.js';

export interface EncoderSpec {
  readonly compressor: 'gzip' | 'xz' | 'zstd';
  readonly level: number;
  readonly gzipWindowSize: number;
  /** xz dictionary: the block size for data and fragments, 8 KiB for metadata. */
  readonly dictSize: number;
}

/** Encoder specs for data/fragment blocks and for metadata blocks; undefined for 'none'. */
export function encoderSpecs(o: ResolvedWriteOptions): { data: EncoderSpec; metadata: EncoderSpec } | undefined {
  if (o.compressor === 'none') return undefined;
  const data: EncoderSpec = {
    compressor: o.compressor,
    level: o.level,
    gzipWindowSize: o.gzipWindowSize,
    dictSize: o.xzDictSize,
  };
  return { data, metadata: { ...data, dictSize: METADATA_SIZE } };
}

/** Superblock compression id ('none' records gzip, as mksquashfs does with -noI -noD -noF -noX). */
export function compressionId(o: ResolvedWriteOptions): number {
  return o.compressor === 'none' ? Compression.gzip : Compression[o.compressor];
}

/** The compressor options block, written only when the options differ from the defaults. */
export function compressorOptionsBlock(o: ResolvedWriteOptions): Uint8Array | undefined {
  const view = (size: number): [Uint8Array, DataView] => {
    const b = new Uint8Array(size);
    return [b, new DataView(b.buffer)];
  };
  if (o.compressor === 'gzip' && (o.level !== DEFAULT_GZIP_LEVEL || o.gzipWindowSize !== DEFAULT_GZIP_WINDOW_SIZE)) {
    const [b, v] = view(8);
    v.setInt32(0, o.level, true);
    v.setInt16(4, o.gzipWindowSize, true);
    v.setInt16(6, 0, true);
    return b;
  }
  if (o.compressor === 'zstd' && o.level !== DEFAULT_ZSTD_LEVEL) {
    const [b, v] = view(4);
    v.setInt32(0, o.level, true);
    return b;
  }
  if (o.compressor === 'xz' && o.xzDictSize !== o.blockSize) {
    const [b, v] = view(8);
    v.setUint32(0, o.xzDictSize, true);
    return b;
  }
  return undefined;
}
