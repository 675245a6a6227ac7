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
  const { image, superblock: sb } = ctx;
  const { block, offset } = splitRef(ref);
  const blockPos = sb.inodeTableStart + block;
  const end = sb.directoryTableStart;
  const bad = (what: string): SquashfsError =>
    SquashfsError.corruptMetadata(image, blockPos, `inode ${hexRef(ref)}: ${what}`);
  if (offset >= METADATA_SIZE || blockPos >= end) throw bad('reference is outside the inode table');
  const cur = ctx.meta.cursor({ block: blockPos, offset }, end);
  const h = cur.read(16);
  const type = u16(h, 0);
  const header = {
    type,
    permissions: u16(h, 2) & 0o7777,
    uidIndex: u16(h, 4),
    gidIndex: u16(h, 6),
    mtime: u32(h, 8),
    inodeNumber: u32(h, 12),
  };
  if (header.uidIndex >= sb.idCount || header.gidIndex >= sb.idCount) {
    throw bad(`uid/gid index ${header.uidIndex}/${header.gidIndex} is outside the id table (${sb.idCount})`);
  }
  if (header.inodeNumber < 1 || header.inodeNumber > sb.inodeCount) {
    throw bad(`inode number ${header.inodeNumber} is outside 1..${sb.inodeCount}`);
  }
  switch (type) {
    case InodeType.directory: {
      const b = cur.read(16);
      return {
        ...header,
        kind: 'directory',
        startBlock: u32(b, 0),
        nlink: u32(b, 4),
        fileSize: checkDirSize(u16(b, 8), bad),
        offset: checkOffset(u16(b, 10), bad),
        parentInode: u32(b, 12),
        xattrIndex: NO_INDEX,
        index: [],
      };
    }
    case InodeType.extendedDirectory: {
      const b = cur.read(24);
      const fileSize = checkDirSize(u32(b, 4), bad);
      return {
        ...header,
        kind: 'directory',
        nlink: u32(b, 0),
        fileSize,
        startBlock: u32(b, 8),
        parentInode: u32(b, 12),
        offset: checkOffset(u16(b, 18), bad),
        xattrIndex: u32(b, 20),
        index: readDirectoryIndex(cur, u16(b, 16), fileSize, bad),
      };
    }
    case InodeType.file: {
      const b = cur.read(16);
      return fileInode(ctx, cur, header, bad, {
        blocksStart: u32(b, 0),
        fragment: u32(b, 4),
        fragmentOffset: u32(b, 8),
        fileSize: u32(b, 12),
        sparse: 0,
        nlink: 1,
        xattrIndex: NO_INDEX,
      });
    }
    case InodeType.extendedFile: {
      const b = cur.read(40);
      return fileInode(ctx, cur, header, bad, {
        blocksStart: u64(b, 0),
        fileSize: u64(b, 8),
        sparse: u64(b, 16),
        nlink: u32(b, 24),
        fragment: u32(b, 28),
        fragmentOffset: u32(b, 32),
        xattrIndex: u32(b, 36),
      });
    }
    case InodeType.symlink:
    case InodeType.extendedSymlink: {
      const b = cur.read(8);
      const size = u32(b, 4);
      if (size > MAX_SYMLINK_LENGTH) throw bad(`symlink target of ${size} bytes is longer than ${MAX_SYMLINK_LENGTH}`);
      const target = cur.read(size).slice();
      const xattrIndex = type === InodeType.extendedSymlink ? u32(cur.read(4), 0) : NO_INDEX;
      return { ...header, kind: 'symlink', nlink: u32(b, 0), target, xattrIndex };
    }
    case InodeType.blockDevice:
    case InodeType.charDevice:
    case InodeType.extendedBlockDevice:
    case InodeType.extendedCharDevice: {
      const extended = type > InodeType.socket;
      const b = cur.read(extended ? 12 : 8);
      const kind =
        type === InodeType.blockDevice || type === InodeType.extendedBlockDevice ? 'block-device' : 'character-device';
      return { ...header, kind, nlink: u32(b, 0), rdev: u32(b, 4), xattrIndex: extended ? u32(b, 8) : NO_INDEX };
    }
    case InodeType.fifo:
    case InodeType.socket:
    case InodeType.extendedFifo:
    case InodeType.extendedSocket: {
      const extended = type > InodeType.socket;
      const b = cur.read(extended ? 8 : 4);
      const kind = type === InodeType.fifo || type === InodeType.extendedFifo ? 'fifo' : 'socket';
      return { ...header, kind, nlink: u32(b, 0), xattrIndex: extended ? u32(b, 4) : NO_INDEX };
    }
    default:
      throw bad(`unknown inode type ${type}`);
  }
}

interface FileFields {
  readonly blocksStart: number;
  readonly fileSize: number;
  readonly sparse: number;
  readonly nlink: number;
  readonly fragment: number;
  readonly fragmentOffset: number;
  readonly xattrIndex: number;
}

type Header = Omit<Inode, 'kind' | 'nlink' | 'xattrIndex'>;
type Bad = (what: string) => SquashfsError;

function fileInode(ctx: InodeTableContext, cur: MetadataCursor, header: Header, bad: Bad, f: FileFields): Inode {
  const sb = ctx.superblock;
  if (!Number.isFinite(f.fileSize) || !Number.isFinite(f.blocksStart))
    throw bad('file size or data position overflows');
  const hasFragment = f.fragment !== NO_INDEX;
  const count = hasFragment ? Math.floor(f.fileSize / sb.blockSize) : Math.ceil(f.fileSize / sb.blockSize);
  if (hasFragment) {
    if (f.fragment >= sb.fragmentCount)
      throw bad(`fragment ${f.fragment} is outside the fragment table (${sb.fragmentCount})`);
    if (f.fragmentOffset + (f.fileSize % sb.blockSize) > sb.blockSize) {
      throw bad(`fragment offset ${f.fragmentOffset} leaves no room for the file's tail`);
    }
  }
  // the block list lives in the inode table, so it cannot be longer than that table could hold
  const inodeTableCapacity = Math.floor((sb.directoryTableStart - sb.inodeTableStart) / 3) * METADATA_SIZE;
  if (count * 4 > inodeTableCapacity) throw bad(`${count} data blocks cannot fit in the inode table`);
  const raw = cur.read(count * 4);
  const blockSizes = new Uint32Array(count);
  let onDisk = 0;
  for (let i = 0; i < count; i++) {
    const word = u32(raw, i * 4);
    const size = word & DATA_SIZE_MASK;
    if (size > sb.blockSize || word > (DATA_SIZE_MASK | (1 << 24)))
      throw bad(`block ${i} size word 0x${word.toString(16)} is invalid`);
    blockSizes[i] = word;
    onDisk += size;
  }
  if (onDisk > 0 && f.blocksStart + onDisk > sb.inodeTableStart) {
    throw bad(`data blocks at byte ${f.blocksStart} (${onDisk} bytes) run into the tables`);
  }
  return { ...header, kind: 'file', ...f, blockSizes } as Inode;
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
    const b = cur.read(12);
    const index = u32(b, 0);
    const nameSize = u32(b, 8) + 1;
    if (nameSize > MAX_NAME_LENGTH) throw bad(`directory index name of ${nameSize} bytes`);
    if (index <= previous || index >= fileSize - 3) throw bad(`directory index entry ${i} points at ${index}`);
    previous = index;
    entries.push({ index, startBlock: u32(b, 4), name: cur.read(nameSize).slice() });
  }
  return entries;
}

function hexRef(ref: number): string {
  return `0x${ref.toString(16)}`;
}
