// The xattr tables as mksquashfs's generate_xattrs builds them: identical attribute lists share
// one id; values over 128 bytes (less when a list would pass 64 KiB) are stored out of line;
// a value of 8 bytes or more seen before is referenced where it was first stored.
import { XATTR_VALUE_OUT_OF_LINE } from '../format.js';
import { ByteBuilder } from './byte-builder.js';
import type { BlockEncoder } from './encoders/block-encoder.js';
import { MetadataWriter } from './metadata-writer.js';
import type { PlanXattr } from './tree-plan.js';

const INLINE_MAX = 128;
const TARGET_MAX = 65536;
const OOL_SIZE = 8;
const NOT_STORED = -1;

/** A value's stored location, shared by later duplicates (-1 until written). */
interface ValueSlot {
  ool: number;
}

export interface XattrIdEntry {
  readonly ref: number;
  readonly count: number;
  readonly size: number;
}

export class XattrWriter {
  readonly kv: MetadataWriter;
  readonly ids: XattrIdEntry[] = [];
  private readonly lists = new Map<string, number>();
  private readonly values = new Map<string, ValueSlot>();

  constructor(encoder: BlockEncoder | undefined) {
    this.kv = new MetadataWriter(encoder);
  }

  /** The xattr id of this list (stored now if it is new). */
  add(xattrs: readonly PlanXattr[]): number {
    const listKey = JSON.stringify(xattrs.map((x) => [x.fullName, Buffer.from(x.value).toString('base64')]));
    const known = this.lists.get(listKey);
    if (known !== undefined) return known;

    let max = INLINE_MAX;
    let outOfLine: boolean[];
    for (;;) {
      outOfLine = xattrs.map((x) => x.value.length > max);
      const total = xattrs.reduce(
        (sum, x, i) => sum + 8 + x.name.length + (outOfLine[i] ? OOL_SIZE : x.value.length),
        0,
      );
      if (total <= TARGET_MAX || max === OOL_SIZE) break;
      max = Math.max(OOL_SIZE, max / 2);
    }
    const slots: ValueSlot[] = xattrs.map((x, i) => {
      const slot: ValueSlot = { ool: NOT_STORED };
      if (x.value.length < OOL_SIZE) return slot;
      const valueKey = Buffer.from(x.value).toString('base64');
      const first = this.values.get(valueKey);
      if (first === undefined) {
        this.values.set(valueKey, slot);
      } else {
        outOfLine[i] = true;
        slot.ool = first.ool;
      }
      return slot;
    });
    const kv = this.kv;
    xattrs.forEach((x, i) => {
      const slot = slots[i] as ValueSlot;
      if (!outOfLine[i] || slot.ool !== NOT_STORED) return;
      slot.ool = kv.ref;
      kv.append(new ByteBuilder(4 + x.value.length).u32(x.value.length).bytesOf(x.value).bytes);
    });
    const listRef = kv.ref;
    xattrs.forEach((x, i) => {
      const slot = slots[i] as ValueSlot;
      kv.append(
        new ByteBuilder(4 + x.name.length)
          .u16(x.type | (outOfLine[i] ? XATTR_VALUE_OUT_OF_LINE : 0))
          .u16(x.name.length)
          .bytesOf(x.name).bytes,
      );
      if (outOfLine[i]) {
        kv.append(new ByteBuilder(12).u32(OOL_SIZE).u64(slot.ool).bytes);
      } else {
        slot.ool = kv.ref;
        kv.append(new ByteBuilder(4 + x.value.length).u32(x.value.length).bytesOf(x.value).bytes);
      }
    });
    const size = xattrs.reduce((sum, x) => sum + Buffer.byteLength(x.fullName) + 1 + x.value.length, 0);
    const id = this.ids.length;
    this.ids.push({ ref: listRef, count: xattrs.length, size });
    this.lists.set(listKey, id);
    return id;
  }
}
