// The read interface every overlay layer implements: a memfs volume, a squashfs image, a plain object tree.
// It is deliberately small and shaped like the Linux VFS calls an overlay makes on its lower directories.
import type { FileType } from './file-type.js';
import type { FilesystemStatfs } from './filesystem.js';

/** Inode data of one entry, as lstat(2) reports it (the entry itself, never a symlink's target). */
export interface LayerStat {
  readonly ino: number;
  /** Type bits (S_IFMT) and permission bits, including setuid, setgid and sticky. */
  readonly mode: number;
  readonly nlink: number;
  readonly uid: number;
  readonly gid: number;
  /** Bytes of content for a regular file, of the target for a symlink. */
  readonly size: number;
  /** Modification time in milliseconds since the epoch. */
  readonly mtimeMs: number;
  /** Device number of a character or block device (see `makedev`), otherwise 0. */
  readonly rdev: number;
}

/** One directory entry, with the type readdir(3) reports in d_type. */
export interface LayerDirent {
  readonly name: string;
  readonly type: FileType;
}

/**
 * A read-only tree of inodes addressed by path.
 *
 * Paths are absolute, normalised POSIX paths inside the layer (`/`, `/etc`, `/etc/hosts`): no `.`, `..`, empty
 * or trailing components. The overlay resolves symlinks itself, so a layer never follows one, and it only asks
 * about a path after seeing its parent listed as a directory by this layer. A layer must not change while it is
 * part of a mounted overlay: the overlay indexes it once.
 */
export interface Layer {
  /** Name shown in provenance reports and in the `lowerdir=` option of a mount listing. */
  readonly name: string;
  /** The entry's inode data, or undefined when the layer has no entry at that path. */
  lstat(path: string): LayerStat | undefined;
  /** Entries of a directory, without `.` and `..`, in any order. */
  readdir(path: string): readonly LayerDirent[];
  /** Target of a symlink, as stored. */
  readlink(path: string): string;
  /** Up to `length` bytes of a regular file from `offset`; fewer at the end of the file. The result may be a view
   * of the layer's own storage: the overlay copies before handing bytes out and never writes to it. */
  read(path: string, offset: number, length: number): Uint8Array;
  /** Value of an extended attribute (e.g. `trusted.overlay.opaque`), or undefined when it is not set. */
  getxattr(path: string, name: string): Uint8Array | undefined;
  /** Names of the extended attributes set on an entry. */
  listxattr(path: string): readonly string[];
  /** statfs(2) of the filesystem the layer is (a loop-mounted squashfs image); the overlay reports its top one's. */
  statfs?(): FilesystemStatfs;
}
