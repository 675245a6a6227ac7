// Compression id → codec. lzma (id 2) is known but refused, as the Linux kernel refuses it.
import type { Codec } from './codec.js';
import { gzipCodec } from './gzip-codec.js';
import { lz4Codec } from './lz4-codec.js';
import { lzoCodec } from './lzo-codec.js';
import { xzCodec } from './xz-codec.js';
import { zstdCodec } from './zstd-codec.js';

const lzmaCodec: Codec = {
  id: 2,
  name: 'lzma',
  decodable: false,
  parseOptions: () => ({ ok: true, options: {} }),
  createDecompressor: () => Promise.reject(new Error('lzma is not supported')),
};

export const codecs: ReadonlyMap<number, Codec> = new Map(
  [gzipCodec, lzmaCodec, lzoCodec, xzCodec, lz4Codec, zstdCodec].map((c) => [c.id, c]),
);

/** The compressors the Talos kernel is built with (CONFIG_SQUASHFS_XZ, CONFIG_SQUASHFS_ZSTD). */
export const TALOS_KERNEL_COMPRESSORS: readonly string[] = ['xz', 'zstd'];

/** The codec's name as the kernel prints it; ids it does not know are "unknown". */
export function compressorName(id: number): string {
  return codecs.get(id)?.name ?? 'unknown';
}
