// What lstat/stat report for an inode, the way the Linux squashfs driver fills struct stat.
import { DIRECTORY_SIZE_BIAS } from './format.js';
import { type FileKind, type Inode, MODE_TYPE_BITS, rdevMajor, rdevMinor } from './inode.js';

export interface SquashfsStats {
  readonly kind: FileKind;
  /** Inode number (1..inodes); hard links share it. */
  readonly ino: number;
  /** File type bits | permission bits, as st_mode. */
  readonly mode: number;
  readonly nlink: number;
  readonly uid: number;
  readonly gid: number;
  /** Device number in Linux's encoding (0 unless a device). */
  readonly rdev: number;
  readonly rdevMajor: number;
  readonly rdevMinor: number;
  /** Bytes; directories report listing length + 3, symlinks their target length. */
  readonly size: number;
  /** 512-byte blocks, as the kernel computes them (sparse blocks excluded). */
  readonly blocks: number;
  /** Modification time in seconds; squashfs stores no other time, so atime = ctime = mtime. */
  readonly mtime: number;
  readonly mtimeMs: number;
}

export function inodeStats(inode: Inode, ids: Uint32Array): SquashfsStats {
  const rdev = inode.kind === 'block-device' || inode.kind === 'character-device' ? inode.rdev : 0;
  let size = 0;
  let blocks = 0;
  if (inode.kind === 'file') {
    size = inode.fileSize;
    blocks = inode.type === 2 ? Math.ceil(size / 512) : Math.floor((size - inode.sparse + 511) / 512);
  } else if (inode.kind === 'directory') {
    size = inode.fileSize;
  } else if (inode.kind === 'symlink') {
    size = inode.target.length;
  }
  return {
    kind: inode.kind,
    ino: inode.inodeNumber,
    mode: MODE_TYPE_BITS[inode.kind] | inode.permissions,
    nlink: inode.nlink,
    uid: ids[inode.uidIndex] as number,
    gid: ids[inode.gidIndex] as number,
    rdev,
    rdevMajor: rdevMajor(rdev),
    rdevMinor: rdevMinor(rdev),
    size,
    blocks,
    mtime: inode.mtime,
    mtimeMs: inode.mtime * 1000,
  };
}

/** Listing bytes of a directory (what its entries occupy), from its reported size. */
export function listingLength(fileSize: number): number {
  return fileSize - DIRECTORY_SIZE_BIAS;
}
