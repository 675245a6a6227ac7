// talos-sim/squashfs: a lazy squashfs 4.0 reader — one async open, then synchronous path-based
// calls (lstat, stat, readdir, readlink, read, xattrs), an optional worker pool, unpack, and the
// `unsquashfs -lln` listing format; and a writer producing the images mksquashfs produces from
// a directory, a memfs volume or an in-memory tree. Self-contained: it imports only its codecs.
export type { CompressorOptions, ZstdDecoderChoice } from './codecs/codec.js';
export { TALOS_KERNEL_COMPRESSORS } from './codecs/codec-registry.js';
export type { FileChunk } from './file-reader.js';
export { Compression, type CompressionName, InodeType, SQUASHFS_MAGIC, SuperblockFlag } from './format.js';
export type { CompressorInfo } from './image-core.js';
export type { FileKind } from './inode.js';
export { encodeRdev, rdevMajor, rdevMinor } from './inode.js';
export { decodeName, encodeName, fsPath } from './name-bytes.js';
export {
  type CompressorPolicy,
  DEFAULT_OPEN_OPTIONS,
  type ResolvedOpenOptions,
  type SquashfsOpenOptions,
} from './open-options.js';
export type { ExtractJob } from './read-pool-messages.js';
export { isSquashfsError, SquashfsError, type SquashfsErrorKind } from './squashfs-error.js';
export { isNotFound, isSquashfsFsError, SquashfsFsError, type SquashfsFsErrorCode } from './squashfs-fs-error.js';
export {
  type SquashfsDirent,
  SquashfsImage,
  type SquashfsStatfs,
  type SquashfsWalkEntry,
} from './squashfs-image.js';
export { type ReadPoolOptions, SquashfsReadPool } from './squashfs-read-pool.js';
export type { SquashfsStats } from './stats.js';
export { decodeSuperblock, type Superblock } from './superblock.js';
export { type UnpackOptions, type UnpackSummary, unpack } from './unpack.js';
export type { FileMetadata } from './unpack-writer.js';
export { formatListingLine, modeString } from './unsquashfs-listing.js';
export { MAX_WORKERS } from './worker-count.js';
export {
  type DirectoryTreeFs,
  type DirectoryTreeOptions,
  readDirectoryTree,
  type XattrReader,
} from './writer/directory-source.js';
export { getfattrXattrReader } from './writer/getfattr-xattrs.js';
export {
  type SquashLayerOptions,
  squashLayer,
  squashLayerToFile,
  TALOS_LAYER_OPTIONS,
  type TalosLayerCompression,
} from './writer/layer-squasher.js';
export type {
  SquashfsSourceDevice,
  SquashfsSourceDirectory,
  SquashfsSourceFile,
  SquashfsSourceNode,
  SquashfsSourceSpecial,
  SquashfsSourceSymlink,
} from './writer/source-tree.js';
export {
  isSquashfsWriteError,
  SquashfsWriteError,
  type SquashfsWriteErrorKind,
} from './writer/squashfs-write-error.js';
export { buildSquashfs, type SquashfsWriteSummary, writeSquashfs } from './writer/squashfs-writer.js';
export {
  type ResolvedWriteOptions,
  resolveWriteOptions,
  type SquashfsCompressorName,
  type SquashfsWriteOptions,
} from './writer/write-options.js';
