// Fragment blocks, filled as mksquashfs fills them: pieces (small files, and tails with
// -always-use-fragments) are appended in write order; a piece that does not fit closes the
// current block, which is queued at once, so it lands before the next file's data blocks.
import type { DataStream } from './data-stream.js';

export interface FragmentRef {
  readonly index: number;
  /** Byte offset of the piece in the decompressed fragment block. */
  readonly offset: number;
}

export class FragmentPacker {
  /** Chunk index of each closed fragment block, by fragment index. */
  readonly chunks: number[] = [];
  private current: Uint8Array | undefined;
  private used = 0;

  constructor(
    private readonly stream: DataStream,
    private readonly blockSize: number,
    private readonly compress: boolean,
  ) {}

  get count(): number {
    return this.chunks.length + (this.current === undefined ? 0 : 1);
  }

  add(piece: Uint8Array): FragmentRef {
    if (this.current !== undefined && this.used + piece.length > this.blockSize) this.close();
    if (this.current === undefined) {
      this.current = new Uint8Array(this.blockSize);
      this.used = 0;
    }
    const ref = { index: this.chunks.length, offset: this.used };
    this.current.set(piece, this.used);
    this.used += piece.length;
    return ref;
  }

  /** Queues the block being filled, if any. */
  close(): void {
    if (this.current === undefined) return;
    const block = this.used === this.current.length ? this.current : this.current.slice(0, this.used);
    this.current = undefined;
    this.chunks.push(this.stream.enqueue(block, this.compress));
  }
}
