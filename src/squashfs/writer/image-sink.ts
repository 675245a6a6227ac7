// Where image bytes go: appended in order, with one patch at the end (the superblock, known
// only once every table is written). A file is written through its descriptor; bytes in memory
// are collected in chunks and joined once.
import { closeSync, openSync, writeSync } from 'node:fs';

export interface ImageSink {
  /** Bytes appended so far. */
  readonly position: number;
  write(chunk: Uint8Array): void;
  /** Overwrites bytes already written. */
  patch(position: number, bytes: Uint8Array): void;
  close(): void;
}

export class FileSink implements ImageSink {
  position = 0;
  private fd: number | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(chunk: Uint8Array): void {
    let done = 0;
    while (done < chunk.length)
      done += writeSync(this.descriptor(), chunk, done, chunk.length - done, this.position + done);
    this.position += chunk.length;
  }

  patch(position: number, bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.descriptor(), bytes, done, bytes.length - done, position + done);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private descriptor(): number {
    if (this.fd === undefined) throw new Error('image file is closed');
    return this.fd;
  }
}

export class MemorySink implements ImageSink {
  position = 0;
  private readonly chunks: Uint8Array[] = [];
  private readonly patches: { position: number; bytes: Uint8Array }[] = [];

  write(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.position += chunk.length;
  }

  patch(position: number, bytes: Uint8Array): void {
    this.patches.push({ position, bytes: bytes.slice() });
  }

  close(): void {}

  /** The image: every chunk joined, patches applied. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.position);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    for (const p of this.patches) out.set(p.bytes, p.position);
    return out;
  }
}
