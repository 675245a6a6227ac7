// Tables of fixed-size entries packed into metadata blocks (id, fragment, export and xattr-id
// tables). The superblock points at an index of u64 block positions; entry i sits in block
// ⌊i·size/8192⌋ at offset (i·size mod 8192), and never straddles blocks.
import { METADATA_SIZE } from './format.js';
import type { ImageSource } from './image-source.js';
import { u64 } from './le-bytes.js';
import type { MetadataReader } from './metadata-reader.js';
import { SquashfsError } from './squashfs-error.js';

export interface IndexedTableLayout {
  readonly name: string;
  /** Position of the u64 index (what the superblock points at). */
  readonly indexStart: number;
  readonly count: number;
  readonly entrySize: number;
  /** Blocks must start at or after this position. */
  readonly blocksFrom: number;
  /** The index must end at or before this position (the next table, or bytes_used). */
  readonly indexLimit: number;
}

export class IndexedTable {
  private readonly blocks: Float64Array;

  private constructor(
    private readonly meta: MetadataReader,
    private readonly image: string,
    readonly layout: IndexedTableLayout,
    blocks: Float64Array,
  ) {
    this.blocks = blocks;
  }

  /** Reads and checks the index; the entry blocks themselves are read lazily. */
  static open(source: ImageSource, meta: MetadataReader, layout: IndexedTableLayout): IndexedTable {
    const { name, indexStart, count, entrySize, blocksFrom, indexLimit } = layout;
    const blockCount = Math.ceil((count * entrySize) / METADATA_SIZE);
    const indexBytes = blockCount * 8;
    if (indexStart + indexBytes > indexLimit) {
      throw SquashfsError.corruptMetadata(
        source.name,
        indexStart,
        `${name} index of ${blockCount} blocks runs past the next table at byte ${indexLimit}`,
      );
    }
    const raw = source.read(indexStart, indexBytes);
    const blocks = new Float64Array(blockCount);
    let previous = blocksFrom - 1;
    for (let i = 0; i < blockCount; i++) {
      const pos = u64(raw, i * 8);
      if (!(pos > previous && pos < indexStart)) {
        throw SquashfsError.corruptMetadata(
          source.name,
          indexStart + i * 8,
          `${name} block ${i} at byte ${pos} is misplaced`,
        );
      }
      blocks[i] = pos;
      previous = pos;
    }
    return new IndexedTable(meta, source.name, layout, blocks);
  }

  get count(): number {
    return this.layout.count;
  }

  /** Position of the table's first metadata block (where the previous table must end). */
  get firstBlock(): number {
    return this.blocks[0] ?? this.layout.indexStart;
  }

  /** Entry `i` (0-based) as a view of `entrySize` bytes. */
  entry(i: number): Uint8Array {
    const { count, entrySize, indexStart, name } = this.layout;
    if (!(i >= 0 && i < count)) {
      throw SquashfsError.corruptMetadata(this.image, indexStart, `${name} entry ${i} is outside 0..${count - 1}`);
    }
    const byte = i * entrySize;
    const blockIndex = Math.floor(byte / METADATA_SIZE);
    const offset = byte % METADATA_SIZE;
    const blockPos = this.blocks[blockIndex] as number;
    const end = blockIndex + 1 < this.blocks.length ? (this.blocks[blockIndex + 1] as number) : indexStart;
    const data = this.meta.block(blockPos, end).data;
    if (offset + entrySize > data.length) {
      throw SquashfsError.corruptMetadata(
        this.image,
        blockPos,
        `${name} block ${blockIndex} is too short for entry ${i}`,
      );
    }
    return data.subarray(offset, offset + entrySize);
  }
}
