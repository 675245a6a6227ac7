// The inode-level interface a mountable filesystem implements (overlay, tmpfs). Like the Linux VFS, it works on
// one component at a time: the mount table resolves paths, follows symlinks and checks permissions, then asks
// the filesystem about a directory entry by name. Failures are thrown as FsError; callers that know the path a
// user gave re-raise them with it.
import type { FileType } from './file-type.js';
import type { LayerDirent, LayerStat } from './layer.js';

/** A handle on one entry; valid until the filesystem is next modified. */
export interface Dentry {
  /** Absolute path of the entry inside its filesystem. */
  readonly path: string;
  readonly type: FileType;
}

/** stat(2) data of an inode. */
export interface InodeStat extends LayerStat {
  readonly atimeMs: number;
  readonly ctimeMs: number;
}

/** An inode to create: type, permission bits and owner; symlinks need a target, devices an rdev. */
export interface NewNode {
  readonly type: FileType;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly target?: string;
  readonly rdev?: number;
}

/** statfs(2) data of a mounted filesystem, in blocks of `bsize` bytes (node's fs.StatFs fields). */
export interface FilesystemStatfs {
  /** The filesystem's magic number (`f_type`). */
  readonly type: number;
  readonly bsize: number;
  readonly blocks: number;
  readonly bfree: number;
  /** Free blocks an unprivileged user may use. */
  readonly bavail: number;
  readonly files: number;
  readonly ffree: number;
}

/** Attribute changes; times are milliseconds since the epoch. */
export interface AttributeChanges {
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly atimeMs?: number;
  readonly mtimeMs?: number;
}

export interface Filesystem {
  /** The type shown in mount listings (`overlay`, `tmpfs`). */
  readonly fstype: string;
  /** False when the filesystem cannot be written at all (an overlay without upper): writes fail with EROFS. */
  readonly writable: boolean;
  /** Filesystem-specific mount options for listings, e.g. `lowerdir=a:b`. */
  mountOptions(): readonly string[];

  root(): Dentry;
  /** The entry `name` in directory `dir`, or undefined when there is none. */
  lookup(dir: Dentry, name: string): Dentry | undefined;
  stat(entry: Dentry): InodeStat;
  readdir(dir: Dentry): readonly LayerDirent[];
  readlink(entry: Dentry): string;
  read(entry: Dentry, offset: number, length: number): Uint8Array;

  /** Creates `name` in `dir` and returns its entry; fails with EEXIST when it exists. */
  create(dir: Dentry, name: string, node: NewNode): Dentry;
  /** Writes bytes into a regular file at `position`, growing it as needed. */
  write(entry: Dentry, data: Uint8Array, position: number): void;
  truncate(entry: Dentry, size: number): void;
  /** Removes a non-directory, or an empty directory (ENOTEMPTY otherwise). */
  remove(dir: Dentry, name: string): void;
  /** rename(2) inside this filesystem, replacing the destination as Linux does. */
  rename(fromDir: Dentry, fromName: string, toDir: Dentry, toName: string): void;
  setAttributes(entry: Dentry, changes: AttributeChanges): void;

  /** statfs(2); a filesystem without one reports zero blocks, as pseudo filesystems do. */
  statfs?(): FilesystemStatfs;
  /** Names of the extended attributes of an entry (none when the filesystem keeps none). */
  listxattr?(entry: Dentry): readonly string[];
  /** Value of an extended attribute, or undefined when it is not set. */
  getxattr?(entry: Dentry, name: string): Uint8Array | undefined;
}
