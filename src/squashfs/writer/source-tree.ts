// The tree the writer reads: plain nodes, one object per inode (hard links are the same object
// under several names). The shapes are chosen so that an in-memory tree such as talos-sim's
// FsTree (`tree.root`) is one as it is; readDirectoryTree builds one from a directory on disk or
// any node:fs-like volume (memfs), reading file contents only while the image is written.

interface SquashfsSourceNodeBase {
  /** Permission bits with setuid, setgid and sticky (`mode & 0o7777` is used). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Modification time, seconds since the epoch. */
  readonly mtime: number;
  /**
   * Extended attributes by full name ("security.selinux"), in the order to store them; string
   * values are stored as UTF-8. Only the user., trusted. and security. namespaces exist in
   * squashfs: others are skipped, as mksquashfs skips them.
   */
  readonly xattrs?: Readonly<Record<string, string | Uint8Array>> | undefined;
}

export interface SquashfsSourceDirectory extends SquashfsSourceNodeBase {
  readonly kind: 'directory';
  /** Entries by name (any order; the image stores them byte-sorted). */
  readonly entries: ReadonlyMap<string, SquashfsSourceNode>;
}

export interface SquashfsSourceFile extends SquashfsSourceNodeBase {
  readonly kind: 'file';
  readonly size: number;
  /** The whole contents (used when readAt is absent). */
  read(): Uint8Array;
  /**
   * Fills `target` from `position` and returns how many bytes were read, like pread(2). When
   * present the writer streams the file block by block instead of reading it whole.
   */
  readAt?(position: number, target: Uint8Array): number;
  /**
   * Bytes the file occupies on disk (st_blocks × 512). mksquashfs records holes as "sparse"
   * only when the source file really had them; absent means fully allocated.
   */
  readonly allocatedSize?: number | undefined;
}

export interface SquashfsSourceSymlink extends SquashfsSourceNodeBase {
  readonly kind: 'symlink';
  readonly target: string | Uint8Array;
}

export interface SquashfsSourceDevice extends SquashfsSourceNodeBase {
  readonly kind: 'char-device' | 'block-device';
  /** 0..4095 */
  readonly major: number;
  /** 0..1048575 */
  readonly minor: number;
}

export interface SquashfsSourceSpecial extends SquashfsSourceNodeBase {
  readonly kind: 'fifo' | 'socket';
}

export type SquashfsSourceNode =
  | SquashfsSourceDirectory
  | SquashfsSourceFile
  | SquashfsSourceSymlink
  | SquashfsSourceDevice
  | SquashfsSourceSpecial;
