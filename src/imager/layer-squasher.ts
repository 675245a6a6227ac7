// How an extension layer becomes a squashfs image. The imager runs
// `mksquashfs <rootfs> <dir>.sqsh -all-root -noappend -no-progress <compression> [<xattr flags>]`
// (internal/pkg/extensions/compress.go); a LayerSquasher is whatever produces those bytes from a tree with those
// options: the TypeScript squashfs writer once src/squashfs has one, mksquashfs itself in tests.
import type { FsTree, SquashfsCompression } from '../extensions/index.js';

/** The options of one `mksquashfs` run of the imager. */
export interface LayerSquashOptions {
  /** `-comp zstd -Xcompression-level 18` (Talos ≥ v1.8) or `-comp xz -Xdict-size 100%`. */
  readonly compression: SquashfsCompression;
  /** `-all-root`: every entry owned by root (always set by the imager). */
  readonly allRoot: true;
  /** `-noappend`: a new image, never appended to (always set). */
  readonly noAppend: true;
  /**
   * Talos ≥ v1.13.0-rc.0: `-xattrs-exclude .*` plus one `-p "<path> x security.selinux=<label>"` per labelled entry
   * (paths relative to the layer root, `/` for the root itself), in path order. Undefined: mksquashfs's default,
   * the extended attributes of the tree are stored as they are.
   */
  readonly selinuxLabels: readonly (readonly [path: string, label: string])[] | undefined;
}

export interface LayerSquasher {
  /** The squashfs image of `rootfs` (the layer's root directory) made with `options`. */
  squash(rootfs: FsTree, options: LayerSquashOptions): Promise<Uint8Array>;
}

/** The exact `mksquashfs` argument list the imager uses for a layer. */
export function mksquashfsArguments(source: string, destination: string, options: LayerSquashOptions): string[] {
  const compression =
    options.compression.algorithm === 'zstd'
      ? ['-comp', 'zstd', '-Xcompression-level', String(options.compression.level)]
      : ['-comp', 'xz', '-Xdict-size', options.compression.dictSize];
  const xattrs =
    options.selinuxLabels === undefined
      ? []
      : [
          '-xattrs-exclude',
          '.*',
          ...options.selinuxLabels.flatMap(([path, label]) => ['-p', `${path} x security.selinux=${label}`]),
        ];
  return [source, destination, '-all-root', '-noappend', '-no-progress', ...compression, ...xattrs];
}
