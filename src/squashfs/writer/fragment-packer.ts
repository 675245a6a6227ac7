// Fragment blocks, filled as mksquashfs fills them: pieces are appended in write order; a piece
// that does not fit closes the block, which is queued at once, so it lands before the next
// file's data blocks. Small files and tails of larger files (-always-use-fragments) fill two
// separate blocks, each numbered when it is started; at the end the small-file block is closed
// before the tail block.
import type { DataStream } from './data-stream.js';

export interface FragmentRef {
  readonly index: number;
  /** Byte offset of the piece in the decompressed fragment block. */
  readonly offset: number;
}

/** Which open block a piece goes to: a whole small file, or the tail of a file with blocks. */
export type FragmentStream = 'file' | 'tail';

interface OpenBlock {
  readonly index: number;
  readonly data: Uint8Array;
  used: number;
}

export class FragmentPacker {
  /** Chunk index of each fragment block, by fragment index (filled as blocks are closed). */
  readonly chunks: number[] = [];
  private readonly open = new Map<FragmentStream, OpenBlock>();

  constructor(
    private readonly stream: DataStream,
    private readonly blockSize: number,
    private readonly compress: boolean,
  ) {}

  add(piece: Uint8Array, to: FragmentStream): FragmentRef {
    let block = this.open.get(to);
    if (block !== undefined && block.used + piece.length > this.blockSize) {
      this.close(to);
      block = undefined;
    }
    if (block === undefined) {
      block = { index: this.chunks.length, data: new Uint8Array(this.blockSize), used: 0 };
      this.chunks.push(-1);
      this.open.set(to, block);
    }
    const ref = { index: block.index, offset: block.used };
    block.data.set(piece, block.used);
    block.used += piece.length;
    return ref;
  }

  /** Queues the open blocks: small files' first, then tails'. */
  finish(): void {
    this.close('file');
    this.close('tail');
  }

  private close(which: FragmentStream): void {
    const block = this.open.get(which);
    if (block === undefined) return;
    this.open.delete(which);
    const data = block.used === block.data.length ? block.data : block.data.slice(0, block.used);
    this.chunks[block.index] = this.stream.enqueue(data, this.compress);
  }
}
