// Inode records as squashfs stores them, decoded but not interpreted (the writer builds the
// same structures). Basic and extended forms share one shape; `type` keeps the on-disk id.
import { InodeType, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFREG, S_IFSOCK } from './format.js';

export type FileKind = 'file' | 'directory' | 'symlink' | 'block-device' | 'character-device' | 'fifo' | 'socket';

/** Basic inode type (1..7) → kind; extended types map through `basicType`. */
export const KIND_BY_BASIC_TYPE: readonly (FileKind | undefined)[] = [
  undefined,
  'directory',
  'file',
  'symlink',
  'block-device',
  'character-device',
  'fifo',
  'socket',
];

/** st_mode file-type bits per kind. */
export const MODE_TYPE_BITS: Readonly<Record<FileKind, number>> = {
  file: S_IFREG,
  directory: S_IFDIR,
  symlink: S_IFLNK,
  'block-device': S_IFBLK,
  'character-device': S_IFCHR,
  fifo: S_IFIFO,
  socket: S_IFSOCK,
};

export function basicType(type: number): number {
  return type > InodeType.socket ? type - 7 : type;
}

interface InodeHeader {
  /** On-disk type, 1..14. */
  readonly type: number;
  /** The 12 permission bits (with setuid, setgid, sticky); the file type comes from `type`. */
  readonly permissions: number;
  readonly uidIndex: number;
  readonly gidIndex: number;
  /** Seconds since the epoch. */
  readonly mtime: number;
  readonly inodeNumber: number;
  readonly nlink: number;
  /** Index into the xattr id table, or NO_INDEX. */
  readonly xattrIndex: number;
}

export interface DirectoryIndexEntry {
  /** Byte offset of a directory header within the listing. */
  readonly index: number;
  /** That header's metadata block, relative to the directory table. */
  readonly startBlock: number;
  /** First name of the run the header starts. */
  readonly name: Uint8Array;
}

export interface DirectoryInode extends InodeHeader {
  readonly kind: 'directory';
  /** Listing start: block relative to the directory table, and offset in it. */
  readonly startBlock: number;
  readonly offset: number;
  /** Listing length + 3 (what Linux reports as st_size). */
  readonly fileSize: number;
  readonly parentInode: number;
  readonly index: readonly DirectoryIndexEntry[];
}

export interface FileInode extends InodeHeader {
  readonly kind: 'file';
  /** Absolute position of the first data block. */
  readonly blocksStart: number;
  readonly fileSize: number;
  /** Bytes saved by sparse blocks (extended inodes only; 0 otherwise). */
  readonly sparse: number;
  /** Fragment index, or NO_INDEX when the file has no tail in a fragment. */
  readonly fragment: number;
  readonly fragmentOffset: number;
  /** One size word per block: bit 24 = stored uncompressed, low 24 bits = on-disk size, 0 = sparse. */
  readonly blockSizes: Uint32Array;
}

export interface SymlinkInode extends InodeHeader {
  readonly kind: 'symlink';
  readonly target: Uint8Array;
}

export interface DeviceInode extends InodeHeader {
  readonly kind: 'block-device' | 'character-device';
  /** Linux new_encode_dev form: (major << 8) | (minor & 0xff) | ((minor & ~0xff) << 12). */
  readonly rdev: number;
}

export interface IpcInode extends InodeHeader {
  readonly kind: 'fifo' | 'socket';
}

export type Inode = DirectoryInode | FileInode | SymlinkInode | DeviceInode | IpcInode;

export function rdevMajor(rdev: number): number {
  return (rdev >>> 8) & 0xfff;
}

export function rdevMinor(rdev: number): number {
  return (rdev & 0xff) | ((rdev >>> 12) & 0xfff00);
}

export function encodeRdev(major: number, minor: number): number {
  return (((major & 0xfff) << 8) | (minor & 0xff)) + (minor & 0xfff00) * 4096;
}
