// What Talos's imager runs for every extension layer (internal/pkg/extensions/compress.go):
// `mksquashfs <rootfs> <n>.sqsh -all-root -noappend -no-progress` with `-comp zstd
// -Xcompression-level 18` for Talos ≥ 1.8 and `-comp xz -Xdict-size 100%` before. Here the
// two option sets are named after their compressor; which one a Talos version needs is the
// imager's decision.
import type { SquashfsSourceDirectory } from './source-tree.js';
import { buildSquashfs, type SquashfsWriteSummary, writeSquashfs } from './squashfs-writer.js';
import type { SquashfsWriteOptions } from './write-options.js';

export const TALOS_LAYER_OPTIONS = {
  /** Talos ≥ 1.8: -comp zstd -Xcompression-level 18 -all-root. */
  zstd: { compressor: 'zstd', level: 18, allRoot: true },
  /** Talos < 1.8: -comp xz -Xdict-size 100% -all-root (the dictionary is the 128 KiB block). */
  xz: { compressor: 'xz', allRoot: true },
} as const satisfies Readonly<Record<string, SquashfsWriteOptions>>;

export type TalosLayerCompression = keyof typeof TALOS_LAYER_OPTIONS;

export interface SquashLayerOptions {
  readonly compression: TalosLayerCompression;
  /** -mkfs-time in seconds. Default: the newest mtime in the tree (mksquashfs would use "now"). */
  readonly mkfsTime?: number;
  /** Compression threads; see SquashfsWriteOptions.workers. */
  readonly workers?: number;
}

function layerOptions(o: SquashLayerOptions): SquashfsWriteOptions {
  return {
    ...TALOS_LAYER_OPTIONS[o.compression],
    ...(o.mkfsTime === undefined ? {} : { mkfsTime: o.mkfsTime }),
    ...(o.workers === undefined ? {} : { workers: o.workers }),
  };
}

/** Squashes an extension's rootfs as the imager does; the image in memory. */
export async function squashLayer(rootfs: SquashfsSourceDirectory, options: SquashLayerOptions): Promise<Uint8Array> {
  return (await buildSquashfs(rootfs, layerOptions(options))).image;
}

/** Squashes an extension's rootfs as the imager does, into a file (written block by block). */
export function squashLayerToFile(
  rootfs: SquashfsSourceDirectory,
  path: string,
  options: SquashLayerOptions,
): Promise<SquashfsWriteSummary> {
  return writeSquashfs(rootfs, path, layerOptions(options));
}
