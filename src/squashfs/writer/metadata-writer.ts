// A metadata table being written (inodes, directories, xattr key/values): an append-only byte
// stream cut into 8 KiB blocks, each compressed as soon as it is full. A position in the stream
// is referenced as (compressed offset of its block) << 16 | (offset in the block), which is why
// blocks are compressed eagerly: the reference of anything appended next is then known.
import { METADATA_SIZE, METADATA_UNCOMPRESSED } from '../format.js';
import { ByteBuilder } from './byte-builder.js';
import type { BlockEncoder } from './encoders/block-encoder.js';

/** Compresses one metadata block (≤ 8 KiB) into its on-disk form: u16 header, then the payload. */
export function metadataBlock(encoder: BlockEncoder | undefined, data: Uint8Array): Uint8Array {
  const packed = encoder?.encode(data);
  const payload = packed ?? data;
  const out = new Uint8Array(2 + payload.length);
  const header = packed === undefined ? payload.length | METADATA_UNCOMPRESSED : payload.length;
  out[0] = header & 0xff;
  out[1] = header >>> 8;
  out.set(payload, 2);
  return out;
}

export class MetadataWriter {
  /** Uncompressed bytes not yet in a full block (always < 8 KiB between calls). */
  readonly pending = new ByteBuilder(METADATA_SIZE * 2);
  private readonly blocks: Uint8Array[] = [];
  /** Compressed offset at which each block starts. */
  private readonly blockStarts: number[] = [];
  private compressedLength = 0;

  constructor(private readonly encoder: BlockEncoder | undefined) {}

  /** Uncompressed bytes appended so far. */
  get length(): number {
    return this.blocks.length * METADATA_SIZE + this.pending.length;
  }

  /** Reference of the next byte to be appended. */
  get ref(): number {
    return this.compressedLength * 0x1_0000 + this.pending.length;
  }

  /** Compressed offset of the block holding uncompressed stream position `position` (already flushed). */
  blockStart(position: number): number {
    const k = Math.floor(position / METADATA_SIZE);
    return k < this.blockStarts.length ? (this.blockStarts[k] as number) : this.compressedLength;
  }

  append(bytes: Uint8Array): void {
    this.pending.bytesOf(bytes);
    this.flushFull();
  }

  /** Compresses every full block; call after writing to `pending` directly. */
  flushFull(): void {
    if (this.pending.length < METADATA_SIZE) return;
    const data = this.pending.bytes;
    let at = 0;
    while (data.length - at >= METADATA_SIZE) {
      this.push(metadataBlock(this.encoder, data.subarray(at, at + METADATA_SIZE)));
      at += METADATA_SIZE;
    }
    const rest = data.slice(at);
    this.pending.length = 0;
    this.pending.bytesOf(rest);
  }

  /** The whole table as written to the image, the last (partial) block included. */
  finish(): Uint8Array[] {
    if (this.pending.length > 0) this.push(metadataBlock(this.encoder, this.pending.bytes));
    this.pending.length = 0;
    return this.blocks;
  }

  get finishedLength(): number {
    return this.compressedLength;
  }

  private push(block: Uint8Array): void {
    this.blockStarts.push(this.compressedLength);
    this.blocks.push(block);
    this.compressedLength += block.length;
  }
}
