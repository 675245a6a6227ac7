// File contents: data blocks (compressed, stored raw, or sparse) followed by an optional tail
// in a shared fragment block. Reads touch only the blocks that overlap the requested range;
// decompressed data and fragment blocks are kept in bounded LRU caches.
import type { Decompressor } from './codecs/codec.js';
import { DATA_SIZE_MASK, DATA_UNCOMPRESSED, NO_INDEX } from './format.js';
import type { ImageSource } from './image-source.js';
import type { IndexedTable } from './indexed-table.js';
import type { FileInode } from './inode.js';
import { u32, u64 } from './le-bytes.js';
import type { LruCache } from './lru-cache.js';
import { describe } from './metadata-reader.js';
import { SquashfsError } from './squashfs-error.js';
import type { Superblock } from './superblock.js';

export interface DataContext {
  readonly source: ImageSource;
  readonly superblock: Superblock;
  readonly decompressor: Decompressor;
  readonly fragments: IndexedTable | undefined;
  readonly dataCache: LruCache<number, Uint8Array>;
  readonly fragmentCache: LruCache<number, Uint8Array>;
  /** Buffers of evicted fragment blocks this reader allocated, for the next fragment to reuse. */
  readonly spareFragments: ArrayBuffer[];
}

/** Fragment buffers this module allocated (so never a view of a caller's image bytes). */
const ownFragmentBuffers = new WeakSet<ArrayBuffer>();

/** Absolute position of every data block of `inode` (prefix sums of the on-disk sizes). */
export function blockPositions(inode: FileInode): Float64Array {
  const n = inode.blockSizes.length;
  const out = new Float64Array(n);
  let pos = inode.blocksStart;
  for (let i = 0; i < n; i++) {
    out[i] = pos;
    pos += (inode.blockSizes[i] as number) & DATA_SIZE_MASK;
  }
  return out;
}

/**
 * Copies file bytes [position, position + target.length) into `target`, which must be zeroed
 * where sparse blocks fall (a fresh Buffer.alloc is). `useCache` keeps decompressed data blocks
 * for later random reads; whole-file reads pass false so they do not evict useful entries.
 */
export function readFileRange(
  ctx: DataContext,
  inode: FileInode,
  positions: Float64Array,
  position: number,
  target: Uint8Array,
  useCache: boolean,
): void {
  const bs = ctx.superblock.blockSize;
  const end = position + target.length;
  const blocks = inode.blockSizes.length;
  const blockBytes = Math.min(end, blocks * bs);
  let p = position;
  while (p < blockBytes) {
    const i = Math.floor(p / bs);
    const blockStart = i * bs;
    const expected = Math.min(bs, inode.fileSize - blockStart);
    const from = p - blockStart;
    const to = Math.min(expected, end - blockStart);
    const word = inode.blockSizes[i] as number;
    const dest = target.subarray(p - position, p - position + (to - from));
    if (word !== 0) {
      const pos = positions[i] as number;
      const size = word & DATA_SIZE_MASK;
      if (word & DATA_UNCOMPRESSED) {
        if (size !== expected) throw sizeMismatch(ctx, pos, size, expected);
        ctx.source.readInto(pos + from, dest);
      } else {
        let data = useCache ? ctx.dataCache.get(pos) : undefined;
        if (data === undefined) {
          data = decompressBlock(ctx, pos, size, expected, !useCache);
          if (useCache) ctx.dataCache.set(pos, data);
        }
        dest.set(data.subarray(from, to));
      }
    }
    p = blockStart + to;
  }
  if (end > blocks * bs && inode.fragment !== NO_INDEX) {
    const tailStart = blocks * bs;
    const from = Math.max(position, tailStart) - tailStart;
    target.set(
      fileTail(ctx, inode, tailStart).subarray(from, end - tailStart),
      Math.max(position, tailStart) - position,
    );
  }
}

/** The file's tail end (its bytes past the last full block), a view of its cached fragment block. */
function fileTail(ctx: DataContext, inode: FileInode, tailStart: number): Uint8Array {
  const fragment = fragmentBlock(ctx, inode.fragment);
  const start = inode.fragmentOffset;
  const end = start + (inode.fileSize - tailStart);
  if (end > fragment.length) {
    throw SquashfsError.corruptBlock(
      ctx.source.name,
      fragmentPosition(ctx, inode.fragment),
      `fragment ${inode.fragment} is ${fragment.length} bytes, the file's tail needs ${end}`,
    );
  }
  return fragment.subarray(start, end);
}

/** One piece of a file, in order; `data` is undefined for a hole (sparse block). */
export interface FileChunk {
  readonly position: number;
  readonly length: number;
  /** Valid until the next chunk is requested; do not write to it. */
  readonly data: Uint8Array | undefined;
}

/**
 * The file block by block, without assembling it: for streaming and extraction. With
 * `transient`, a chunk's data may be a view of the decoder's memory or of a cached block, valid
 * only until the next chunk is requested and only if nothing else is read meanwhile.
 */
export function* fileChunks(
  ctx: DataContext,
  inode: FileInode,
  positions: Float64Array,
  transient = false,
): Generator<FileChunk> {
  const bs = ctx.superblock.blockSize;
  const blocks = inode.blockSizes.length;
  for (let i = 0; i < blocks; i++) {
    const position = i * bs;
    const expected = Math.min(bs, inode.fileSize - position);
    const word = inode.blockSizes[i] as number;
    if (word === 0) {
      yield { position, length: expected, data: undefined };
      continue;
    }
    const pos = positions[i] as number;
    const size = word & DATA_SIZE_MASK;
    if (word & DATA_UNCOMPRESSED) {
      if (size !== expected) throw sizeMismatch(ctx, pos, size, expected);
      // a source may hand out views (of the caller's array, for an image opened from bytes)
      let data = transient ? ctx.source.read(pos, size) : undefined;
      if (data === undefined) {
        data = new Uint8Array(size);
        ctx.source.readInto(pos, data);
      }
      yield { position, length: expected, data };
    } else {
      yield { position, length: expected, data: decompressBlock(ctx, pos, size, expected, transient) };
    }
  }
  const tail = inode.fileSize - blocks * bs;
  if (tail > 0 && inode.fragment !== NO_INDEX) {
    const view = fileTail(ctx, inode, blocks * bs);
    yield { position: blocks * bs, length: tail, data: transient ? view : view.slice() };
  }
}

const scratch = new WeakMap<DataContext, Buffer>();

/**
 * Compressed bytes at `pos`, read into the decompressor's input buffer when it offers one, else
 * into one reusable buffer per image: every decompressor consumes its input before returning,
 * so the buffer is free again by the next read (and a bulk read does not allocate, then
 * collect, a fresh buffer per block).
 */
function compressedInput(ctx: DataContext, pos: number, size: number): Uint8Array {
  let view = ctx.decompressor.inputBuffer?.(size);
  if (view === undefined) {
    let buf = scratch.get(ctx);
    if (buf === undefined) {
      buf = Buffer.allocUnsafe(ctx.superblock.blockSize);
      scratch.set(ctx, buf);
    }
    view = buf.subarray(0, size);
  }
  ctx.source.readInto(pos, view);
  return view;
}

/** A data block, decompressed; `transient` lets the result be a view valid until the next decode. */
function decompressBlock(
  ctx: DataContext,
  pos: number,
  size: number,
  expected: number,
  transient: boolean,
): Uint8Array {
  const raw = compressedInput(ctx, pos, size);
  const d = ctx.decompressor;
  let data: Uint8Array;
  try {
    data =
      transient && d.decompressTransient !== undefined
        ? d.decompressTransient(raw, expected)
        : d.decompress(raw, expected);
  } catch (err) {
    throw SquashfsError.corruptBlock(ctx.source.name, pos, `data block does not decompress (${describe(err)})`);
  }
  if (data.length !== expected) throw sizeMismatch(ctx, pos, data.length, expected);
  return data;
}

function sizeMismatch(ctx: DataContext, pos: number, got: number, expected: number): SquashfsError {
  return SquashfsError.corruptBlock(ctx.source.name, pos, `data block holds ${got} bytes, expected ${expected}`);
}

function fragmentPosition(ctx: DataContext, index: number): number {
  return ctx.fragments === undefined ? 0 : u64(ctx.fragments.entry(index), 0);
}

/** The decompressed fragment block `index`. */
export function fragmentBlock(ctx: DataContext, index: number): Uint8Array {
  const cached = ctx.fragmentCache.get(index);
  if (cached !== undefined) return cached;
  const sb = ctx.superblock;
  const image = ctx.source.name;
  if (ctx.fragments === undefined)
    throw SquashfsError.corruptMetadata(image, 80, 'file uses a fragment, image has none');
  const entry = ctx.fragments.entry(index);
  const start = u64(entry, 0);
  const word = u32(entry, 8);
  const size = word & DATA_SIZE_MASK;
  if (size === 0 || size > sb.blockSize || word > (DATA_SIZE_MASK | DATA_UNCOMPRESSED)) {
    throw SquashfsError.corruptMetadata(image, start, `fragment ${index} size word 0x${word.toString(16)} is invalid`);
  }
  if (!(start + size <= sb.inodeTableStart)) {
    throw SquashfsError.corruptMetadata(image, start, `fragment ${index} at byte ${start} runs into the tables`);
  }
  let data: Uint8Array;
  if (word & DATA_UNCOMPRESSED) {
    data = ctx.source.read(start, size);
  } else {
    const d = ctx.decompressor;
    try {
      const raw = compressedInput(ctx, start, size);
      data =
        d.decompressTransient === undefined
          ? d.decompress(raw, sb.blockSize)
          : ownedCopy(ctx, d.decompressTransient(raw, sb.blockSize));
    } catch (err) {
      throw SquashfsError.corruptBlock(image, start, `fragment block ${index} does not decompress (${describe(err)})`);
    }
  }
  const evicted = ctx.fragmentCache.set(index, data);
  if (evicted !== undefined && ownFragmentBuffers.has(evicted.buffer as ArrayBuffer) && evicted !== data) {
    ctx.spareFragments.push(evicted.buffer as ArrayBuffer);
  }
  return data;
}

/**
 * A copy of a decoded fragment block the cache may keep, in the buffer of an evicted block when
 * there is one: a bulk read decodes thousands of fragment blocks, and allocating (then
 * collecting) a fresh 128 KiB buffer for each costs more than the copy.
 */
function ownedCopy(ctx: DataContext, view: Uint8Array): Uint8Array {
  let buffer = ctx.spareFragments.pop();
  if (buffer === undefined || buffer.byteLength < view.length) {
    buffer = new ArrayBuffer(ctx.superblock.blockSize);
    ownFragmentBuffers.add(buffer);
  }
  const out = new Uint8Array(buffer, 0, view.length);
  out.set(view);
  return out;
}
