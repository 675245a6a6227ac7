// The 96-byte superblock: its fields, and the sanity checks the kernel and unsquashfs apply
// before trusting any table pointer in it.
import {
  MAX_BLOCK_LOG,
  METADATA_SIZE,
  MIN_BLOCK_LOG,
  SQUASHFS_MAGIC,
  SQUASHFS_MAGIC_SWAPPED,
  SQUASHFS_MAJOR,
  SQUASHFS_MINOR,
  SQUASHFS_STREAMED_MAGIC,
  SUPERBLOCK_SIZE,
} from './format.js';
import { isAllOnes64, u16, u32, u64 } from './le-bytes.js';
import { SquashfsError } from './squashfs-error.js';

export interface Superblock {
  readonly inodeCount: number;
  /** Seconds since the epoch. */
  readonly mkfsTime: number;
  readonly blockSize: number;
  readonly fragmentCount: number;
  readonly compression: number;
  readonly blockLog: number;
  readonly flags: number;
  readonly idCount: number;
  readonly versionMajor: number;
  readonly versionMinor: number;
  /** Inode reference of the root directory: (block << 16) | offset. */
  readonly rootInodeRef: number;
  /** End of the filesystem (the image may be padded beyond it). */
  readonly bytesUsed: number;
  readonly idTableStart: number;
  /** Undefined when the image has no xattrs. */
  readonly xattrIdTableStart: number | undefined;
  readonly inodeTableStart: number;
  readonly directoryTableStart: number;
  readonly fragmentTableStart: number | undefined;
  /** Undefined when built with -no-exports. */
  readonly exportTableStart: number | undefined;
}

/** Decodes the superblock fields without judging them (the writer's counterpart is `encodeSuperblock`). */
export function decodeSuperblock(b: Uint8Array): Superblock & { readonly magic: number } {
  return {
    magic: u32(b, 0),
    inodeCount: u32(b, 4),
    mkfsTime: u32(b, 8),
    blockSize: u32(b, 12),
    fragmentCount: u32(b, 16),
    compression: u16(b, 20),
    blockLog: u16(b, 22),
    flags: u16(b, 24),
    idCount: u16(b, 26),
    versionMajor: u16(b, 28),
    versionMinor: u16(b, 30),
    rootInodeRef: u64(b, 32),
    bytesUsed: u64(b, 40),
    idTableStart: u64(b, 48),
    xattrIdTableStart: isAllOnes64(b, 56) ? undefined : u64(b, 56),
    inodeTableStart: u64(b, 64),
    directoryTableStart: u64(b, 72),
    fragmentTableStart: isAllOnes64(b, 80) ? undefined : u64(b, 80),
    exportTableStart: isAllOnes64(b, 88) ? undefined : u64(b, 88),
  };
}

/** The 96 on-disk bytes of a superblock (version 4.0); absent tables are written as all ones. */
export function encodeSuperblock(sb: Superblock): Uint8Array {
  const b = new Uint8Array(SUPERBLOCK_SIZE);
  const v = new DataView(b.buffer);
  const u64le = (at: number, n: number | undefined): void => {
    v.setUint32(at, n === undefined ? 0xffff_ffff : n % 0x1_0000_0000, true);
    v.setUint32(at + 4, n === undefined ? 0xffff_ffff : Math.floor(n / 0x1_0000_0000), true);
  };
  v.setUint32(0, SQUASHFS_MAGIC, true);
  v.setUint32(4, sb.inodeCount, true);
  v.setUint32(8, sb.mkfsTime, true);
  v.setUint32(12, sb.blockSize, true);
  v.setUint32(16, sb.fragmentCount, true);
  v.setUint16(20, sb.compression, true);
  v.setUint16(22, sb.blockLog, true);
  v.setUint16(24, sb.flags, true);
  v.setUint16(26, sb.idCount, true);
  v.setUint16(28, sb.versionMajor, true);
  v.setUint16(30, sb.versionMinor, true);
  u64le(32, sb.rootInodeRef);
  u64le(40, sb.bytesUsed);
  u64le(48, sb.idTableStart);
  u64le(56, sb.xattrIdTableStart);
  u64le(64, sb.inodeTableStart);
  u64le(72, sb.directoryTableStart);
  u64le(80, sb.fragmentTableStart);
  u64le(88, sb.exportTableStart);
  return b;
}

/**
 * Decodes and checks a superblock: magic, version, block size, and that every table lies
 * inside the image in the order mksquashfs writes them. `imageSize` is the source's length.
 * The compressor id is checked later, against the codec registry and the policy.
 */
export function parseSuperblock(b: Uint8Array, image: string, imageSize: number): Superblock {
  if (b.length < SUPERBLOCK_SIZE) throw SquashfsError.truncated(image, 0, SUPERBLOCK_SIZE, imageSize);
  const sb = decodeSuperblock(b);
  if (sb.magic === SQUASHFS_MAGIC_SWAPPED) {
    throw SquashfsError.unsupportedVersion(image, 0, 'big-endian image');
  }
  if (sb.magic === SQUASHFS_STREAMED_MAGIC) {
    throw SquashfsError.unsupportedVersion(image, 0, 'streamed image (finish it with mksquashfs -fix)');
  }
  if (sb.magic !== SQUASHFS_MAGIC) throw SquashfsError.badMagic(image, sb.magic);
  if (sb.versionMajor !== SQUASHFS_MAJOR || sb.versionMinor !== SQUASHFS_MINOR) {
    throw SquashfsError.unsupportedVersion(image, 28, `${sb.versionMajor}.${sb.versionMinor} (only 4.0 is)`);
  }
  const bad = (offset: number, what: string): SquashfsError => SquashfsError.corruptMetadata(image, offset, what);
  if (sb.blockLog < MIN_BLOCK_LOG || sb.blockLog > MAX_BLOCK_LOG || sb.blockSize !== 2 ** sb.blockLog) {
    throw bad(12, `block size ${sb.blockSize} (log ${sb.blockLog}) is not a power of two from 4 KiB to 1 MiB`);
  }
  if (sb.bytesUsed > imageSize) throw SquashfsError.truncated(image, 40, sb.bytesUsed, imageSize);
  if (sb.bytesUsed < SUPERBLOCK_SIZE) throw bad(40, `bytes_used ${sb.bytesUsed} is smaller than the superblock`);
  if (sb.inodeCount === 0) throw bad(4, 'inode count is 0');
  if (sb.idCount === 0) throw bad(26, 'id count is 0');
  if (sb.fragmentCount > sb.inodeCount) throw bad(16, `${sb.fragmentCount} fragments for ${sb.inodeCount} inodes`);
  // tables in mksquashfs order; each must start after the previous and before bytes_used
  const order: readonly [string, number, number | undefined][] = [
    ['inode table', 64, sb.inodeTableStart],
    ['directory table', 72, sb.directoryTableStart],
    ['fragment table', 80, sb.fragmentCount > 0 ? sb.fragmentTableStart : undefined],
    ['export table', 88, sb.exportTableStart],
    ['id table', 48, sb.idTableStart],
    ['xattr table', 56, sb.xattrIdTableStart],
  ];
  let previous = SUPERBLOCK_SIZE - 1;
  for (const [name, offset, start] of order) {
    if (start === undefined) continue;
    if (!(start > previous && start < sb.bytesUsed)) {
      throw bad(offset, `${name} at byte ${start} is out of order or outside the image`);
    }
    previous = start;
  }
  if (sb.fragmentCount > 0 && sb.fragmentTableStart === undefined) throw bad(80, 'fragments without a fragment table');
  const rootBlock = Math.floor(sb.rootInodeRef / 0x1_0000);
  const rootOffset = sb.rootInodeRef % 0x1_0000;
  if (rootOffset >= METADATA_SIZE || sb.inodeTableStart + rootBlock >= sb.directoryTableStart) {
    throw bad(32, `root inode reference 0x${sb.rootInodeRef.toString(16)} is outside the inode table`);
  }
  return sb;
}
