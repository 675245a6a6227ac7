// Writes the data of regular files the way mksquashfs lays it out: full blocks of a file
// contiguous from its blocks_start, all-zero blocks elided as sparse, small files and (with
// -always-use-fragments) tails packed into fragments, and duplicates (same block data, same
// fragment piece) stored once. Layout decisions depend only on the input, never on compressed
// sizes, so they are made here while compression runs behind in DataStream.
import { createHash } from 'node:crypto';
import type { DataStream } from './data-stream.js';
import type { FragmentPacker, FragmentRef } from './fragment-packer.js';
import type { SquashfsSourceFile } from './source-tree.js';
import { SquashfsWriteError } from './squashfs-write-error.js';
import type { ResolvedWriteOptions } from './write-options.js';

export interface FileData {
  readonly fileSize: number;
  /** DataStream mark of blocks_start; undefined for blocks_start 0 (no data blocks written). */
  readonly startMark: number | undefined;
  /** Chunk index of each block, -1 for a sparse block. */
  readonly blocks: readonly number[];
  readonly fragment: FragmentRef | undefined;
  /** Bytes held by sparse blocks, as recorded in the extended inode (0: none recorded). */
  readonly sparse: number;
  /** True when its data (blocks or fragment) was found already stored. */
  readonly duplicate: boolean;
}

interface StoredBlocks {
  readonly hash: string;
  readonly startMark: number;
  readonly blocks: readonly number[];
  readonly sparse: number;
}

const zeros = new Uint8Array(1 << 20);

function isZero(b: Uint8Array): boolean {
  return Buffer.compare(b, zeros.subarray(0, b.length)) === 0;
}

function digest(parts: readonly Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('base64');
}

/** Reads one file's bytes by range, checking that it is as long as it said it was. */
class FileReader {
  private content: Uint8Array | undefined;

  constructor(
    private readonly file: SquashfsSourceFile,
    private readonly path: string,
    /** Each read gets a buffer of its own (it may be transferred to a worker). */
    private readonly ownBuffers: boolean,
  ) {}

  read(position: number, length: number): Uint8Array {
    const f = this.file;
    if (f.readAt === undefined) {
      if (this.content === undefined) {
        this.content = f.read();
        if (this.content.length !== f.size) {
          throw SquashfsWriteError.sourceRead(this.path, `size is ${this.content.length} bytes, ${f.size} expected`);
        }
      }
      const view = this.content.subarray(position, position + length);
      return this.ownBuffers ? view.slice() : view;
    }
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = f.readAt(position + done, out.subarray(done));
      if (n <= 0)
        throw SquashfsWriteError.sourceRead(this.path, `file ended at byte ${position + done}, ${f.size} expected`);
      done += n;
    }
    return out;
  }

  /** Fails if the file has grown past its stated size. */
  checkEnd(): void {
    if (this.file.readAt !== undefined && this.file.readAt(this.file.size, new Uint8Array(1)) > 0) {
      throw SquashfsWriteError.sourceRead(this.path, `file is longer than ${this.file.size} bytes`);
    }
  }
}

export class FileDataWriter {
  private readonly byBlockBytes = new Map<number, StoredBlocks[]>();
  private readonly pieces = new Map<string, FragmentRef>();

  constructor(
    private readonly stream: DataStream,
    private readonly fragments: FragmentPacker,
    private readonly o: ResolvedWriteOptions,
    private readonly ownBuffers: boolean,
  ) {}

  async write(file: SquashfsSourceFile, path: string): Promise<FileData> {
    const size = file.size;
    const bs = this.o.blockSize;
    if (size === 0) {
      return { fileSize: 0, startMark: undefined, blocks: [], fragment: undefined, sparse: 0, duplicate: false };
    }
    const reader = new FileReader(file, path, this.ownBuffers);
    const toFragment = this.o.fragments && (size < bs || (this.o.alwaysUseFragments && size % bs !== 0));
    let blockBytes = toFragment ? size - (size % bs) : size;
    let tail: Uint8Array | undefined;
    if (blockBytes < size) {
      tail = reader.read(blockBytes, size - blockBytes);
      // an all-zero piece becomes a sparse block rather than a fragment piece
      if (this.o.sparse && isZero(tail)) {
        tail = undefined;
        blockBytes = size;
      }
    }
    const blocks = blockBytes > 0 ? await this.writeBlocks(reader, file, blockBytes) : undefined;
    if (blockBytes === size) reader.checkEnd();
    let fragment: FragmentRef | undefined;
    let fragmentDuplicate = false;
    if (tail !== undefined) {
      const key = `${tail.length}:${digest([tail])}`;
      const known = this.o.duplicates ? this.pieces.get(key) : undefined;
      fragmentDuplicate = known !== undefined;
      fragment = known ?? this.fragments.add(tail, blocks === undefined ? 'file' : 'tail');
      if (this.o.duplicates && known === undefined) this.pieces.set(key, fragment);
      reader.checkEnd();
    }
    return {
      fileSize: size,
      startMark: blocks?.stored.startMark,
      blocks: blocks?.stored.blocks ?? [],
      fragment,
      sparse: blocks?.stored.sparse ?? 0,
      duplicate: (blocks === undefined || blocks.duplicate) && (tail === undefined || fragmentDuplicate),
    };
  }

  private async writeBlocks(
    reader: FileReader,
    file: SquashfsSourceFile,
    blockBytes: number,
  ): Promise<{ stored: StoredBlocks; duplicate: boolean }> {
    const bs = this.o.blockSize;
    const candidates = this.o.duplicates ? this.byBlockBytes.get(blockBytes) : undefined;
    let hash: string | undefined;
    if (candidates !== undefined) {
      // a file of the same length was stored: hash this one first, and write it only if new
      const h = createHash('sha256');
      for (let at = 0; at < blockBytes; at += bs) h.update(reader.read(at, Math.min(bs, blockBytes - at)));
      hash = h.digest('base64');
      const same = candidates.find((c) => c.hash === hash);
      if (same !== undefined) return { stored: same, duplicate: true };
    }
    const h = hash === undefined ? createHash('sha256') : undefined;
    const startMark = this.stream.mark;
    const blocks: number[] = [];
    let sparse = 0;
    for (let at = 0; at < blockBytes; at += bs) {
      const raw = reader.read(at, Math.min(bs, blockBytes - at));
      h?.update(raw);
      if (this.o.sparse && isZero(raw)) {
        blocks.push(-1);
        sparse += raw.length;
        continue;
      }
      blocks.push(this.stream.enqueue(raw, this.o.compressor !== 'none'));
      await this.stream.room();
    }
    // mksquashfs records holes only when the source file had them (st_blocks)
    if (sparse > 0 && (file.allocatedSize ?? file.size) >= file.size) sparse = 0;
    const stored: StoredBlocks = {
      hash: hash ?? (h as ReturnType<typeof createHash>).digest('base64'),
      startMark,
      blocks,
      sparse,
    };
    if (this.o.duplicates) {
      const list = this.byBlockBytes.get(blockBytes);
      if (list === undefined) this.byBlockBytes.set(blockBytes, [stored]);
      else list.push(stored);
    }
    return { stored, duplicate: false };
  }
}
