// The data area of an image: data and fragment blocks, written in the order they are queued
// while their compression may finish in any order (in worker threads). Each queued chunk gets an
// index; its position and size word are known once everything queued before it is written.
// The number of chunks in flight is bounded, so memory does not grow with the input.
import { DATA_UNCOMPRESSED } from '../format.js';
import type { ImageSink } from './image-sink.js';

export interface EncodedChunk {
  readonly data: Uint8Array;
  /** False when stored raw (compression did not make it smaller). */
  readonly compressed: boolean;
}

export interface ChunkEncoder {
  /** Synchronous encoders return the chunk, threaded ones a promise of it. */
  encode(raw: Uint8Array): EncodedChunk | Promise<EncodedChunk>;
  close(): Promise<void>;
}

export class DataStream {
  private readonly sizeWords: number[] = [];
  private readonly ends: number[] = [];
  private readonly ready = new Map<number, EncodedChunk>();
  private enqueued = 0;
  private written = 0;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly sink: ImageSink,
    private readonly encoder: ChunkEncoder | undefined,
    private readonly maxInFlight: number,
  ) {
    this.start = sink.position;
  }

  /** Where the data area begins (after the superblock and compressor options). */
  readonly start: number;

  /** The index the next queued chunk will get: marks "here" for a file's blocks_start. */
  get mark(): number {
    return this.enqueued;
  }

  /** Queues a block; returns its chunk index. `compress` false stores it raw (-noD, -noF). */
  enqueue(raw: Uint8Array, compress: boolean): number {
    const index = this.enqueued++;
    if (!compress || this.encoder === undefined) {
      this.settle(index, { data: raw, compressed: false });
      if (this.failure !== undefined) throw this.failure.error;
      return index;
    }
    const result = this.encoder.encode(raw);
    if (result instanceof Promise) {
      result.then(
        (chunk) => this.settle(index, chunk),
        (error: unknown) => this.fail(error),
      );
    } else {
      this.settle(index, result);
    }
    if (this.failure !== undefined) throw this.failure.error;
    return index;
  }

  /** Resolves when fewer than the maximum chunks are in flight; rethrows a compression failure. */
  async room(): Promise<void> {
    while (this.failure === undefined && this.enqueued - this.written >= this.maxInFlight) await this.sleep();
    if (this.failure !== undefined) throw this.failure.error;
  }

  /** Resolves when every queued chunk is written. */
  async drain(): Promise<void> {
    while (this.failure === undefined && this.written < this.enqueued) await this.sleep();
    if (this.failure !== undefined) throw this.failure.error;
  }

  /** Absolute position of a mark (valid after drain). */
  positionOf(mark: number): number {
    return mark === 0 ? this.start : (this.ends[mark - 1] as number);
  }

  /** The size word of a written chunk: on-disk length, bit 24 set when stored raw. */
  sizeWord(index: number): number {
    return this.sizeWords[index] as number;
  }

  /** Chunks written so far. */
  get count(): number {
    return this.written;
  }

  private settle(index: number, chunk: EncodedChunk): void {
    this.ready.set(index, chunk);
    try {
      for (let next = this.ready.get(this.written); next !== undefined; next = this.ready.get(this.written)) {
        this.ready.delete(this.written);
        this.sink.write(next.data);
        this.sizeWords.push(next.compressed ? next.data.length : next.data.length | DATA_UNCOMPRESSED);
        this.ends.push(this.sink.position);
        this.written++;
      }
    } catch (error) {
      this.fail(error);
    }
    this.notify();
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }
}
