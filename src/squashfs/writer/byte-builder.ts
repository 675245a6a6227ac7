// A growable little-endian byte buffer: the uncompressed form of every metadata structure the
// writer emits (inodes, directory listings, xattr lists, tables) is assembled in one of these.

export class ByteBuilder {
  private buf: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  /** The bytes written so far (a view, valid until the next write). */
  get bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** Grows the buffer (replacing `buf` and `view`): callers must reserve before touching them. */
  private reserve(n: number): number {
    const at = this.length;
    const need = at + n;
    if (need > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < need) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, at));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.length = need;
    return at;
  }

  u8(v: number): this {
    const at = this.reserve(1);
    this.buf[at] = v;
    return this;
  }

  u16(v: number): this {
    const at = this.reserve(2);
    this.view.setUint16(at, v, true);
    return this;
  }

  i16(v: number): this {
    const at = this.reserve(2);
    this.view.setInt16(at, v, true);
    return this;
  }

  u32(v: number): this {
    const at = this.reserve(4);
    this.view.setUint32(at, v >>> 0, true);
    return this;
  }

  /** Unsigned 64-bit from a safe integer (every size and offset the writer stores is one). */
  u64(v: number): this {
    const at = this.reserve(8);
    this.view.setUint32(at, v % 0x1_0000_0000, true);
    this.view.setUint32(at + 4, Math.floor(v / 0x1_0000_0000), true);
    return this;
  }

  /** All ones: squashfs's "table absent" marker. */
  none64(): this {
    const at = this.reserve(8);
    this.view.setUint32(at, 0xffff_ffff, true);
    this.view.setUint32(at + 4, 0xffff_ffff, true);
    return this;
  }

  bytesOf(b: Uint8Array): this {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
    return this;
  }

  /** Overwrites a u32 written earlier (a header whose count is known only later). */
  setU32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0, true);
  }
}
