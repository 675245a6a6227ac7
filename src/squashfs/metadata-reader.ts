// Metadata blocks (inode, directory, id, fragment, export and xattr tables): a 2-byte header
// then up to 8 KiB of (usually compressed) payload. Blocks are decompressed on demand and kept
// in a bounded LRU keyed by absolute position. Records straddle blocks, so reads go through a
// cursor that continues into the next block but never past the end of its table.
import type { Decompressor } from './codecs/codec.js';
import { METADATA_SIZE, METADATA_UNCOMPRESSED } from './format.js';
import type { ImageSource } from './image-source.js';
import { LruCache } from './lru-cache.js';
import { SquashfsError } from './squashfs-error.js';

export interface MetadataBlock {
  /** A Buffer, so names can be decoded in place (toString with a range, no views). */
  readonly data: Buffer;
  /** Absolute position of the block that follows. */
  readonly next: number;
}

/** A position in a metadata table: block (absolute) plus offset into its decompressed data. */
export interface MetadataPosition {
  readonly block: number;
  readonly offset: number;
}

export class MetadataReader {
  private readonly cache: LruCache<number, MetadataBlock>;

  constructor(
    private readonly source: ImageSource,
    private readonly decompressor: Decompressor,
    private readonly limit: number,
    cacheBlocks: number,
  ) {
    this.cache = new LruCache(cacheBlocks);
  }

  /** The block at absolute position `pos`, which must start before `end`. */
  block(pos: number, end: number): MetadataBlock {
    const cached = this.cache.get(pos);
    if (cached !== undefined) return cached;
    const image = this.source.name;
    if (!(pos >= 0 && pos + 2 <= end && end <= this.limit)) {
      throw SquashfsError.corruptMetadata(image, pos, `metadata block at byte ${pos} is outside its table`);
    }
    const header = this.source.read(pos, 2);
    const word = (header[0] as number) | ((header[1] as number) << 8);
    const length = word & ~METADATA_UNCOMPRESSED;
    if (length === 0 || length > METADATA_SIZE) {
      throw SquashfsError.corruptMetadata(image, pos, `metadata block length ${length} is not 1..8192`);
    }
    if (pos + 2 + length > end) {
      throw SquashfsError.corruptMetadata(image, pos, `metadata block of ${length} bytes runs past its table`);
    }
    let data: Uint8Array;
    if (word & METADATA_UNCOMPRESSED) {
      data = this.source.read(pos + 2, length);
    } else {
      const raw = this.source.read(pos + 2, length);
      try {
        data = this.decompressor.decompress(raw, METADATA_SIZE);
      } catch (err) {
        throw SquashfsError.corruptMetadata(image, pos, `metadata block does not decompress (${describe(err)})`);
      }
      if (data.length === 0) throw SquashfsError.corruptMetadata(image, pos, 'metadata block decompresses to nothing');
    }
    const block = {
      data: Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.length),
      next: pos + 2 + length,
    };
    this.cache.set(pos, block);
    return block;
  }

  /** A cursor at `pos` that may read blocks starting before `end`. */
  cursor(pos: MetadataPosition, end: number): MetadataCursor {
    return new MetadataCursor(this, pos.block, pos.offset, end, this.source.name);
  }
}

const EMPTY = Buffer.alloc(0);

/** Sequential reader over a metadata table, crossing block boundaries. */
export class MetadataCursor {
  /** The block at blockPos, once fetched; blocks are immutable, so holding one is safe. */
  private current: MetadataBlock | undefined;
  /** Where take() put its bytes; valid until the next take() or read(). */
  buf: Buffer = EMPTY;

  constructor(
    private readonly reader: MetadataReader,
    private blockPos: number,
    private offset: number,
    private readonly end: number,
    private readonly image: string,
  ) {}

  get position(): MetadataPosition {
    return { block: this.blockPos, offset: this.offset };
  }

  private block(): MetadataBlock {
    this.current ??= this.reader.block(this.blockPos, this.end);
    return this.current;
  }

  private advance(block: MetadataBlock): MetadataBlock {
    this.blockPos = block.next;
    this.offset = 0;
    this.current = undefined;
    return this.block();
  }

  /**
   * Makes the next `n` bytes contiguous in `buf` and returns their offset there: the cached
   * block itself when they do not straddle blocks (no allocation on the hot path).
   */
  take(n: number): number {
    const data = this.block().data;
    const o = this.offset;
    if (o + n <= data.length) {
      this.buf = data;
      this.offset = o + n;
      return o;
    }
    const out = this.read(n);
    this.buf = Buffer.from(out.buffer, out.byteOffset, out.length);
    return 0;
  }

  /** Exactly `n` bytes; a view into the cached block when they do not straddle blocks. */
  read(n: number): Uint8Array {
    let block = this.block();
    if (this.offset > block.data.length) {
      throw SquashfsError.corruptMetadata(this.image, this.blockPos, `offset ${this.offset} is past the block's end`);
    }
    if (this.offset + n <= block.data.length) {
      const view = block.data.subarray(this.offset, this.offset + n);
      this.offset += n;
      return view;
    }
    const out = new Uint8Array(n);
    let done = 0;
    while (done < n) {
      if (this.offset === block.data.length) block = this.advance(block);
      const take = Math.min(n - done, block.data.length - this.offset);
      out.set(block.data.subarray(this.offset, this.offset + take), done);
      done += take;
      this.offset += take;
    }
    return out;
  }
}

export function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
