// overlayfs-sim: Linux overlayfs semantics over in-memory layers, a mount table, and a node:fs-compatible facade.
// Self-contained (it imports nothing else from talos-sim); published as the subpath `talos-sim/overlayfs-sim`.

export { type CompiledEntry, compileTree, isLayerTreeError, LayerTreeError } from './compile-tree.js';
export { type Credentials, F_OK, permits, R_OK, ROOT_CREDENTIALS, W_OK, X_OK } from './credentials.js';
export {
  type FileType,
  fileTypeOf,
  major,
  makedev,
  minor,
  PERMISSION_BITS,
  S_IFBLK,
  S_IFCHR,
  S_IFDIR,
  S_IFIFO,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  S_IFSOCK,
  typeBits,
} from './file-type.js';
export type { AttributeChanges, Dentry, Filesystem, FilesystemStatfs, InodeStat, NewNode } from './filesystem.js';
export type { NodeFsOptions, PathLike } from './fs-call-context.js';
export {
  FsError,
  type FsErrorCode,
  fsErrorMessage,
  isFsError,
  isNotFoundError,
  isReadOnlyError,
  RmDirectoryError,
} from './fs-error.js';
export type { Layer, LayerDirent, LayerStat } from './layer.js';
export { type MemfsLayerOptions, memfsLayer } from './memfs-layer.js';
export {
  type BindSource,
  type MountInfo,
  type MountOptions,
  MountTable,
  type MountTableSnapshot,
} from './mount-table.js';
export { createNodeFs, type NodeFs } from './node-fs.js';
export type { TimeLike } from './node-fs-attributes.js';
export type { NodeFsPromises } from './node-fs-promises.js';
export type { EncodingOption, ReaddirOptions, ReadOptions, StatOptions, TextOptions } from './node-fs-read.js';
export type { RmOptions } from './node-fs-remove.js';
export type { StatFs } from './node-fs-statfs.js';
export type { MakeDirectoryOptions, WriteData, WriteFileOptions, WriteOptions } from './node-fs-write.js';
export { Overlay, type OverlayOptions } from './overlay.js';
export { MAX_SYMLINKS } from './path-resolver.js';
export type { ConflictOptions, LayerRef, PathProvenance, ShadowedLayer } from './provenance.js';
export { Dirent, Stats } from './stats.js';
export { describeTmpfsSnapshot, Tmpfs, type TmpfsOptions, type TmpfsSnapshot } from './tmpfs.js';
export { type TreeLayerOptions, treeLayer } from './tree-layer.js';
export { DEFAULT_MODES, type NodeAttributes, type TreeDirectory, type TreeEntry, TreeNode } from './tree-node.js';
export { volumeFromTree } from './volume-from-tree.js';
export {
  isKernelWhiteout,
  type MarkerConvention,
  OCI_OPAQUE_MARKER,
  OCI_WHITEOUT_PREFIX,
  OVERLAY_OPAQUE_XATTR,
} from './whiteout.js';
