// Directory listings: runs of a 12-byte header (count-1, inode block, base inode number) and
// entries (inode offset, number delta, basic type, name). A whole listing is parsed for readdir;
// a single lookup in an indexed (extended) directory seeks with the index and scans one run.
import { DIRECTORY_SIZE_BIAS, MAX_DIRECTORY_RUN, MAX_NAME_LENGTH, METADATA_SIZE } from './format.js';
import { type DirectoryInode, type FileKind, KIND_BY_BASIC_TYPE } from './inode.js';
import { i16, u16, u32 } from './le-bytes.js';
import type { MetadataCursor, MetadataReader } from './metadata-reader.js';
import { SquashfsError } from './squashfs-error.js';
import type { Superblock } from './superblock.js';

export interface DirectoryEntry {
  readonly name: string;
  readonly nameBytes: Uint8Array;
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
  let previous: Uint8Array | undefined;
  for (let e = scan.next(); e !== undefined; e = scan.next()) {
    if (previous !== undefined && compareNames(previous, e.nameBytes) >= 0) {
      throw scan.corrupt(`entry "${e.name}" is out of order or repeated`);
    }
    previous = e.nameBytes;
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
    const c = compareNames(e.nameBytes, name);
    if (c === 0) return e;
    if (c > 0) return undefined;
  }
  return undefined;
}

class ListingScanner {
  private readonly cur: MetadataCursor;
  private remaining: number;
  private runLeft = 0;
  private runBlock = 0;
  private runBase = 0;
  private readonly blockPos: number;

  constructor(
    private readonly ctx: DirectoryTableContext,
    dir: DirectoryInode,
    start?: { block: number; offset: number; consumed: number },
  ) {
    const sb = ctx.superblock;
    this.blockPos = sb.directoryTableStart + dir.startBlock;
    const pos = start ?? { block: this.blockPos, offset: dir.offset, consumed: 0 };
    if (pos.block >= ctx.directoryTableEnd) throw this.corrupt('listing starts outside the directory table');
    this.cur = ctx.meta.cursor(pos, ctx.directoryTableEnd);
    this.remaining = dir.fileSize - DIRECTORY_SIZE_BIAS - pos.consumed;
  }

  corrupt(what: string): SquashfsError {
    return SquashfsError.corruptMetadata(this.ctx.image, this.blockPos, `directory listing: ${what}`);
  }

  next(): DirectoryEntry | undefined {
    if (this.runLeft === 0) {
      if (this.remaining <= 0) return undefined;
      if (this.remaining < 12) throw this.corrupt('header runs past the listing');
      const h = this.cur.read(12);
      this.remaining -= 12;
      this.runLeft = u32(h, 0) + 1;
      if (this.runLeft > MAX_DIRECTORY_RUN) throw this.corrupt(`run of ${this.runLeft} entries`);
      this.runBlock = u32(h, 4);
      this.runBase = u32(h, 8);
    }
    if (this.remaining < 8) throw this.corrupt('entry runs past the listing');
    const e = this.cur.read(8);
    const nameSize = u16(e, 6) + 1;
    this.remaining -= 8 + nameSize;
    if (nameSize > MAX_NAME_LENGTH || this.remaining < 0) throw this.corrupt(`name of ${nameSize} bytes`);
    // a view into the (immutable) cached block, or a fresh copy when the name straddles blocks
    const nameBytes = this.cur.read(nameSize);
    this.runLeft--;
    const offset = u16(e, 0);
    const type = u16(e, 4);
    const kind = KIND_BY_BASIC_TYPE[type];
    const inodeNumber = this.runBase + i16(e, 2);
    const name = checkName(nameBytes);
    if (name === undefined) throw this.corrupt('name is ".", ".." or holds "/" or NUL');
    if (kind === undefined) throw this.corrupt(`entry "${name}" has type ${type}`);
    if (offset >= METADATA_SIZE) throw this.corrupt(`entry "${name}" has inode offset ${offset}`);
    if (inodeNumber < 1 || inodeNumber > this.ctx.superblock.inodeCount) {
      throw this.corrupt(`entry "${name}" has inode number ${inodeNumber}`);
    }
    return { name, nameBytes, kind, type, inodeRef: this.runBlock * 0x1_0000 + offset, inodeNumber };
  }
}

/** The name as a string, or undefined if it is not a valid single path component. */
function checkName(b: Uint8Array): string | undefined {
  let ascii = true;
  for (let i = 0; i < b.length; i++) {
    const c = b[i] as number;
    if (c === 0x2f || c === 0) return undefined;
    if (c >= 0x80) ascii = false;
  }
  if (b[0] === 0x2e && (b.length === 1 || (b.length === 2 && b[1] === 0x2e))) return undefined;
  // apply() takes the typed array as is; spreading it would go through the iterator
  return ascii ? String.fromCharCode.apply(null, b as unknown as number[]) : utf8.decode(b);
}

const utf8 = new TextDecoder('utf-8');
