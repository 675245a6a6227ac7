// Decodes one inode from the inode table at an inode reference, checking every field a later
// read depends on (ids, inode number, fragment, block list bounds) so the rest of the reader can
// trust it.
import { DATA_SIZE_MASK, InodeType, MAX_NAME_LENGTH, MAX_SYMLINK_LENGTH, METADATA_SIZE, NO_INDEX } from './format.js';
import type { DirectoryIndexEntry, Inode } from './inode.js';
import { u16, u32, u64 } from './le-bytes.js';
import type { MetadataCursor, MetadataReader } from './metadata-reader.js';
import { SquashfsError } from './squashfs-error.js';
import type { Superblock } from './superblock.js';

export interface InodeTableContext {
  readonly image: string;
  readonly meta: MetadataReader;
  readonly superblock: Superblock;
}

export function splitRef(ref: number): { block: number; offset: number } {
  return { block: Math.floor(ref / 0x1_0000), offset: ref % 0x1_0000 };
}

/** The inode at `ref` ((block << 16) | offset, block relative to the inode table). */
export function readInode(ctx: InodeTableContext, ref: number): Inode {
  const sb = ctx.superblock;
  const { block, offset } = splitRef(ref);
  const blockPos = sb.inodeTableStart + block;
  const end = sb.directoryTableStart;
  const bad: Bad = (what) => SquashfsError.corruptMetadata(ctx.image, blockPos, `inode ${hexRef(ref)}: ${what}`);
  if (offset >= METADATA_SIZE || blockPos >= end) throw bad('reference is outside the inode table');
  const cur = ctx.meta.cursor({ block: blockPos, offset }, end);
  // fields are read in place from the cursor's buffer (take() allocates nothing on the hot path)
  let o = cur.take(16);
  let b = cur.buf;
  // every variant is built as one literal with the same leading fields, so V8 keeps few shapes
  const type = u16(b, o);
  const permissions = u16(b, o + 2) & 0o7777;
  const uidIndex = u16(b, o + 4);
  const gidIndex = u16(b, o + 6);
  const mtime = u32(b, o + 8);
  const inodeNumber = u32(b, o + 12);
  if (uidIndex >= sb.idCount || gidIndex >= sb.idCount) {
    throw bad(`uid/gid index ${uidIndex}/${gidIndex} is outside the id table (${sb.idCount})`);
  }
  if (inodeNumber < 1 || inodeNumber > sb.inodeCount) {
    throw bad(`inode number ${inodeNumber} is outside 1..${sb.inodeCount}`);
  }
  switch (type) {
    case InodeType.directory: {
      o = cur.take(16);
      b = cur.buf;
      return {
        kind: 'directory',
        type,
        permissions,
        uidIndex,
        gidIndex,
        mtime,
        inodeNumber,
        nlink: u32(b, o + 4),
        xattrIndex: NO_INDEX,
        startBlock: u32(b, o + 0),
        offset: checkOffset(u16(b, o + 10), bad),
        fileSize: checkDirSize(u16(b, o + 8), bad),
        parentInode: u32(b, o + 12),
        index: NO_DIRECTORY_INDEX,
      };
    }
    case InodeType.extendedDirectory: {
      o = cur.take(24);
      b = cur.buf;
      const fileSize = checkDirSize(u32(b, o + 4), bad);
      return {
        kind: 'directory',
        type,
        permissions,
        uidIndex,
        gidIndex,
        mtime,
        inodeNumber,
        nlink: u32(b, o + 0),
        xattrIndex: u32(b, o + 20),
        startBlock: u32(b, o + 8),
        offset: checkOffset(u16(b, o + 18), bad),
        fileSize,
        parentInode: u32(b, o + 12),
        index: readDirectoryIndex(cur, u16(b, o + 16), fileSize, bad),
      };
    }
    case InodeType.file:
    case InodeType.extendedFile: {
      const extended = type === InodeType.extendedFile;
      o = cur.take(extended ? 40 : 16);
      b = cur.buf;
      const blocksStart = extended ? u64(b, o + 0) : u32(b, o + 0);
      const fileSize = extended ? u64(b, o + 8) : u32(b, o + 12);
      const fragment = extended ? u32(b, o + 28) : u32(b, o + 4);
      const fragmentOffset = extended ? u32(b, o + 32) : u32(b, o + 8);
      return {
        kind: 'file',
        type,
        permissions,
        uidIndex,
        gidIndex,
        mtime,
        inodeNumber,
        nlink: extended ? u32(b, o + 24) : 1,
        xattrIndex: extended ? u32(b, o + 36) : NO_INDEX,
        blocksStart,
        fileSize,
        sparse: extended ? u64(b, o + 16) : 0,
        fragment,
        fragmentOffset,
        blockSizes: readBlockList(sb, cur, blocksStart, fileSize, fragment, fragmentOffset, bad),
      };
    }
    case InodeType.symlink:
    case InodeType.extendedSymlink: {
      o = cur.take(8);
      b = cur.buf;
      const size = u32(b, o + 4);
      if (size > MAX_SYMLINK_LENGTH) throw bad(`symlink target of ${size} bytes is longer than ${MAX_SYMLINK_LENGTH}`);
      const target = cur.read(size).slice();
      return {
        kind: 'symlink',
        type,
        permissions,
        uidIndex,
        gidIndex,
        mtime,
        inodeNumber,
        nlink: u32(b, o + 0),
        xattrIndex: type === InodeType.extendedSymlink ? u32(cur.read(4), 0) : NO_INDEX,
        target,
      };
    }
    case InodeType.blockDevice:
    case InodeType.charDevice:
    case InodeType.extendedBlockDevice:
    case InodeType.extendedCharDevice: {
      const extended = type > InodeType.socket;
      o = cur.take(extended ? 12 : 8);
      b = cur.buf;
      const block = type === InodeType.blockDevice || type === InodeType.extendedBlockDevice;
      return {
        kind: block ? 'block-device' : 'character-device',
        type,
        permissions,
        uidIndex,
        gidIndex,
        mtime,
        inodeNumber,
        nlink: u32(b, o + 0),
        xattrIndex: extended ? u32(b, o + 8) : NO_INDEX,
        rdev: u32(b, o + 4),
      };
    }
    case InodeType.fifo:
    case InodeType.socket:
    case InodeType.extendedFifo:
    case InodeType.extendedSocket: {
      const extended = type > InodeType.socket;
      o = cur.take(extended ? 8 : 4);
      b = cur.buf;
      return {
        kind: type === InodeType.fifo || type === InodeType.extendedFifo ? 'fifo' : 'socket',
        type,
        permissions,
        uidIndex,
        gidIndex,
        mtime,
        inodeNumber,
        nlink: u32(b, o + 0),
        xattrIndex: extended ? u32(b, o + 4) : NO_INDEX,
      };
    }
    default:
      throw bad(`unknown inode type ${type}`);
  }
}

type Bad = (what: string) => SquashfsError;

const NO_DIRECTORY_INDEX: readonly DirectoryIndexEntry[] = Object.freeze([]);
const NO_BLOCKS = new Uint32Array(0);

function readBlockList(
  sb: Superblock,
  cur: MetadataCursor,
  blocksStart: number,
  fileSize: number,
  fragment: number,
  fragmentOffset: number,
  bad: Bad,
): Uint32Array {
  if (!Number.isFinite(fileSize) || !Number.isFinite(blocksStart)) throw bad('file size or data position overflows');
  const hasFragment = fragment !== NO_INDEX;
  const count = hasFragment ? Math.floor(fileSize / sb.blockSize) : Math.ceil(fileSize / sb.blockSize);
  if (hasFragment) {
    if (fragment >= sb.fragmentCount)
      throw bad(`fragment ${fragment} is outside the fragment table (${sb.fragmentCount})`);
    if (fragmentOffset + (fileSize % sb.blockSize) > sb.blockSize) {
      throw bad(`fragment offset ${fragmentOffset} leaves no room for the file's tail`);
    }
  }
  if (count === 0) return NO_BLOCKS;
  // the block list lives in the inode table, so it cannot be longer than that table could hold
  const inodeTableCapacity = Math.floor((sb.directoryTableStart - sb.inodeTableStart) / 3) * METADATA_SIZE;
  if (count * 4 > inodeTableCapacity) throw bad(`${count} data blocks cannot fit in the inode table`);
  const raw = cur.read(count * 4);
  const blockSizes = new Uint32Array(count);
  let onDisk = 0;
  for (let i = 0; i < count; i++) {
    const word = u32(raw, i * 4);
    const size = word & DATA_SIZE_MASK;
    if (size > sb.blockSize || word > (DATA_SIZE_MASK | (1 << 24))) {
      throw bad(`block ${i} size word 0x${word.toString(16)} is invalid`);
    }
    blockSizes[i] = word;
    onDisk += size;
  }
  if (onDisk > 0 && blocksStart + onDisk > sb.inodeTableStart) {
    throw bad(`data blocks at byte ${blocksStart} (${onDisk} bytes) run into the tables`);
  }
  return blockSizes;
}

function checkDirSize(size: number, bad: Bad): number {
  if (size < 3) throw bad(`directory size ${size} is smaller than 3`);
  return size;
}

function checkOffset(offset: number, bad: Bad): number {
  if (offset >= METADATA_SIZE) throw bad(`directory offset ${offset} is not below 8192`);
  return offset;
}

function readDirectoryIndex(cur: MetadataCursor, count: number, fileSize: number, bad: Bad): DirectoryIndexEntry[] {
  const entries: DirectoryIndexEntry[] = [];
  let previous = -1;
  for (let i = 0; i < count; i++) {
    const o = cur.take(12);
    const b = cur.buf;
    const index = u32(b, o);
    const nameSize = u32(b, o + 8) + 1;
    if (nameSize > MAX_NAME_LENGTH) throw bad(`directory index name of ${nameSize} bytes`);
    if (index <= previous || index >= fileSize - 3) throw bad(`directory index entry ${i} points at ${index}`);
    previous = index;
    entries.push({ index, startBlock: u32(b, o + 4), name: cur.read(nameSize).slice() });
  }
  return entries;
}

function hexRef(ref: number): string {
  return `0x${ref.toString(16)}`;
}
