// Directory listings: runs of a 12-byte header (count-1, inode block, base inode number) and
// entries (inode offset, number delta, basic type, name). A whole listing is parsed for readdir;
// a single lookup in an indexed (extended) directory seeks with the index and scans one run.
import { DIRECTORY_SIZE_BIAS, MAX_DIRECTORY_RUN, MAX_NAME_LENGTH, METADATA_SIZE } from './format.js';
import { type DirectoryInode, type FileKind, KIND_BY_BASIC_TYPE } from './inode.js';
import { i16, u16, u32 } from './le-bytes.js';
import type { MetadataCursor, MetadataReader } from './metadata-reader.js';
import { decodeName } from './name-bytes.js';
import { SquashfsError } from './squashfs-error.js';
import type { Superblock } from './superblock.js';

export interface DirectoryEntry {
  readonly name: string;
  readonly kind: FileKind;
  /** Basic inode type from the entry (1..7). */
  readonly type: number;
  readonly inodeRef: number;
  readonly inodeNumber: number;
}

export interface DirectoryListing {
  readonly entries: readonly DirectoryEntry[];
  readonly byName: ReadonlyMap<string, DirectoryEntry>;
}

export interface DirectoryTableContext {
  readonly image: string;
  readonly meta: MetadataReader;
  readonly superblock: Superblock;
  /** Directory blocks must start before this position. */
  readonly directoryTableEnd: number;
}

/** Byte-wise comparison, the order mksquashfs sorts names in. */
export function compareNames(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Parses and checks the whole listing of `dir`. */
export function readDirectory(ctx: DirectoryTableContext, dir: DirectoryInode): DirectoryListing {
  const entries: DirectoryEntry[] = [];
  const byName = new Map<string, DirectoryEntry>();
  const scan = new ListingScanner(ctx, dir);
  const previous = new Uint8Array(MAX_NAME_LENGTH);
  let previousLength = -1;
  for (let e = scan.next(); e !== undefined; e = scan.next()) {
    const { nameBuf, nameAt, nameLength } = scan;
    if (previousLength >= 0 && compareRange(previous, 0, previousLength, nameBuf, nameAt, nameLength) >= 0) {
      throw scan.corrupt(`entry "${e.name}" is out of order or repeated`);
    }
    for (let i = 0; i < nameLength; i++) previous[i] = nameBuf[nameAt + i] as number;
    previousLength = nameLength;
    entries.push(e);
    byName.set(e.name, e);
  }
  return { entries, byName };
}

/** Finds one name, using the directory index when there is one. */
export function lookupInDirectory(
  ctx: DirectoryTableContext,
  dir: DirectoryInode,
  name: Uint8Array,
): DirectoryEntry | undefined {
  let start: { block: number; offset: number; consumed: number } | undefined;
  for (const idx of dir.index) {
    if (compareNames(idx.name, name) > 0) break;
    start = {
      block: ctx.superblock.directoryTableStart + idx.startBlock,
      offset: (dir.offset + idx.index) % METADATA_SIZE,
      consumed: idx.index,
    };
  }
  const scan = new ListingScanner(ctx, dir, start);
  for (let e = scan.next(); e !== undefined; e = scan.next()) {
    const c = compareRange(scan.nameBuf, scan.nameAt, scan.nameLength, name, 0, name.length);
    if (c === 0) return e;
    if (c > 0) return undefined;
  }
  return undefined;
}

function compareRange(a: Uint8Array, ao: number, al: number, b: Uint8Array, bo: number, bl: number): number {
  const n = Math.min(al, bl);
  for (let i = 0; i < n; i++) {
    const d = (a[ao + i] as number) - (b[bo + i] as number);
    if (d !== 0) return d;
  }
  return al - bl;
}

class ListingScanner {
  /** Undefined for an empty listing, which has no bytes in the table (an empty root can leave the table empty). */
  private readonly cur: MetadataCursor | undefined;
  private remaining: number;
  private runLeft = 0;
  private runBlock = 0;
  private runBase = 0;
  private readonly blockPos: number;
  /** Where the last entry's name bytes are: nameBuf[nameAt, nameAt + nameLength). */
  nameBuf: Buffer = Buffer.alloc(0);
  nameAt = 0;
  nameLength = 0;

  constructor(
    private readonly ctx: DirectoryTableContext,
    dir: DirectoryInode,
    start?: { block: number; offset: number; consumed: number },
  ) {
    const sb = ctx.superblock;
    this.blockPos = sb.directoryTableStart + dir.startBlock;
    const pos = start ?? { block: this.blockPos, offset: dir.offset, consumed: 0 };
    this.remaining = dir.fileSize - DIRECTORY_SIZE_BIAS - pos.consumed;
    if (this.remaining <= 0) return;
    if (pos.block >= ctx.directoryTableEnd) throw this.corrupt('listing starts outside the directory table');
    this.cur = ctx.meta.cursor(pos, ctx.directoryTableEnd);
  }

  corrupt(what: string): SquashfsError {
    return SquashfsError.corruptMetadata(this.ctx.image, this.blockPos, `directory listing: ${what}`);
  }

  next(): DirectoryEntry | undefined {
    if (this.remaining <= 0 && this.runLeft === 0) return undefined;
    const cur = this.cur as MetadataCursor;
    if (this.runLeft === 0) {
      if (this.remaining < 12) throw this.corrupt('header runs past the listing');
      const h = cur.take(12);
      this.remaining -= 12;
      this.runLeft = u32(cur.buf, h) + 1;
      if (this.runLeft > MAX_DIRECTORY_RUN) throw this.corrupt(`run of ${this.runLeft} entries`);
      this.runBlock = u32(cur.buf, h + 4);
      this.runBase = u32(cur.buf, h + 8);
    }
    if (this.remaining < 8) throw this.corrupt('entry runs past the listing');
    let o = cur.take(8);
    const b = cur.buf;
    const offset = u16(b, o);
    const inodeNumber = this.runBase + i16(b, o + 2);
    const type = u16(b, o + 4);
    const nameSize = u16(b, o + 6) + 1;
    this.remaining -= 8 + nameSize;
    if (nameSize > MAX_NAME_LENGTH || this.remaining < 0) throw this.corrupt(`name of ${nameSize} bytes`);
    o = cur.take(nameSize);
    this.nameBuf = cur.buf;
    this.nameAt = o;
    this.nameLength = nameSize;
    this.runLeft--;
    const kind = KIND_BY_BASIC_TYPE[type];
    const name = checkName(cur.buf, o, nameSize);
    if (name === undefined) throw this.corrupt('name is ".", ".." or holds "/" or NUL');
    if (kind === undefined) throw this.corrupt(`entry "${name}" has type ${type}`);
    if (offset >= METADATA_SIZE) throw this.corrupt(`entry "${name}" has inode offset ${offset}`);
    if (inodeNumber < 1 || inodeNumber > this.ctx.superblock.inodeCount) {
      throw this.corrupt(`entry "${name}" has inode number ${inodeNumber}`);
    }
    return { name, kind, type, inodeRef: this.runBlock * 0x1_0000 + offset, inodeNumber };
  }
}

/** The name as a string (bytes that are not UTF-8 escaped, see name-bytes.ts), or undefined if it is not a valid single path component. */
function checkName(b: Buffer, at: number, length: number): string | undefined {
  const end = at + length;
  for (let i = at; i < end; i++) {
    const c = b[i] as number;
    if (c === 0x2f || c === 0) return undefined;
  }
  if (b[at] === 0x2e && (length === 1 || (length === 2 && b[at + 1] === 0x2e))) return undefined;
  return decodeName(b, at, end);
}
