// Extended attributes: inodes hold an index into the xattr id table, whose entries point at a
// list of key/value pairs in the key/value metadata area. Large or shared values are stored
// once, out of line, and referenced from the pair.
import {
  MAX_NAME_LENGTH,
  MAX_XATTR_VALUE_SIZE,
  METADATA_SIZE,
  XATTR_ID_ENTRY_SIZE,
  XATTR_PREFIXES,
  XATTR_TABLE_HEADER_SIZE,
  XATTR_VALUE_OUT_OF_LINE,
} from './format.js';
import type { ImageSource } from './image-source.js';
import { IndexedTable } from './indexed-table.js';
import { u16, u32, u64 } from './le-bytes.js';
import type { MetadataReader } from './metadata-reader.js';
import { decodeName } from './name-bytes.js';
import { SquashfsError } from './squashfs-error.js';
import type { Superblock } from './superblock.js';

/** Linux caps one inode's whole xattr list (XATTR_LIST_MAX); nothing valid is larger. */
const MAX_LIST_BYTES = 65536;

export type XattrMap = ReadonlyMap<string, Uint8Array>;

export class XattrTable {
  private constructor(
    private readonly image: string,
    private readonly meta: MetadataReader,
    private readonly ids: IndexedTable,
    private readonly kvStart: number,
    private readonly kvEnd: number,
  ) {}

  /** Reads the table header and index; undefined when the image has no xattrs. */
  static open(source: ImageSource, meta: MetadataReader, sb: Superblock): XattrTable | undefined {
    const start = sb.xattrIdTableStart;
    if (start === undefined) return undefined;
    const header = source.read(start, XATTR_TABLE_HEADER_SIZE);
    const kvStart = u64(header, 0);
    const count = u32(header, 8);
    if (!(kvStart > sb.idTableStart && kvStart < start)) {
      throw SquashfsError.corruptMetadata(source.name, start, `xattr key/value area at byte ${kvStart} is misplaced`);
    }
    const ids = IndexedTable.open(source, meta, {
      name: 'xattr id table',
      indexStart: start + XATTR_TABLE_HEADER_SIZE,
      count,
      entrySize: XATTR_ID_ENTRY_SIZE,
      blocksFrom: kvStart,
      indexLimit: sb.bytesUsed,
    });
    return new XattrTable(source.name, meta, ids, kvStart, start);
  }

  get count(): number {
    return this.ids.count;
  }

  /** The attributes of xattr id `index`, full names ("user.x") to values, in stored order. */
  read(index: number): XattrMap {
    const entry = this.ids.entry(index);
    const ref = u64(entry, 0);
    const pairs = u32(entry, 8);
    const bad = (what: string): SquashfsError =>
      SquashfsError.corruptMetadata(this.image, this.kvStart, `xattr list ${index}: ${what}`);
    if (pairs > MAX_LIST_BYTES / 2) throw bad(`${pairs} attributes`);
    const cur = this.meta.cursor(this.position(ref, bad), this.kvEnd);
    const out = new Map<string, Uint8Array>();
    let total = 0;
    for (let i = 0; i < pairs; i++) {
      const h = cur.read(4);
      const type = u16(h, 0);
      const nameSize = u16(h, 2);
      const prefix = XATTR_PREFIXES[type & 0xff];
      if (prefix === undefined || (type & ~(0xff | XATTR_VALUE_OUT_OF_LINE)) !== 0)
        throw bad(`attribute type 0x${type.toString(16)}`);
      if (nameSize > MAX_NAME_LENGTH) throw bad(`attribute name of ${nameSize} bytes`);
      const name = prefix + decodeName(cur.read(nameSize));
      const valueSize = u32(cur.read(4), 0);
      let value: Uint8Array;
      if (type & XATTR_VALUE_OUT_OF_LINE) {
        if (valueSize !== 8) throw bad(`out-of-line reference of ${valueSize} bytes`);
        const ool = this.meta.cursor(this.position(u64(cur.read(8), 0), bad), this.kvEnd);
        const size = u32(ool.read(4), 0);
        if (size > MAX_XATTR_VALUE_SIZE) throw bad(`value of ${size} bytes`);
        value = ool.read(size).slice();
      } else {
        if (valueSize > MAX_XATTR_VALUE_SIZE) throw bad(`value of ${valueSize} bytes`);
        value = cur.read(valueSize).slice();
      }
      total += name.length + 1 + value.length;
      if (total > MAX_LIST_BYTES * 16) throw bad('attribute list is implausibly large');
      out.set(name, value);
    }
    return out;
  }

  private position(ref: number, bad: (what: string) => SquashfsError): { block: number; offset: number } {
    const block = this.kvStart + Math.floor(ref / 0x1_0000);
    const offset = ref % 0x1_0000;
    if (offset >= METADATA_SIZE || block >= this.kvEnd)
      throw bad(`reference 0x${ref.toString(16)} is outside the table`);
    return { block, offset };
  }
}
