// Where image bytes come from: positional reads through a file descriptor (the image is never
// loaded whole), or a Uint8Array already in memory. Reads outside the source are refused as
// a truncated image before anything is allocated.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { SquashfsError } from './squashfs-error.js';

export interface ImageSource {
  /** Name used in error messages. */
  readonly name: string;
  /** Bytes available (the file size, or the array length). */
  readonly size: number;
  /** Exactly `length` bytes at `position`; may be a view that must not be written to. */
  read(position: number, length: number): Uint8Array;
  /** Copies exactly `target.length` bytes at `position` into `target`. */
  readInto(position: number, target: Uint8Array): void;
  close(): void;
}

/** Throws `truncated` unless [position, position+length) lies inside [0, limit). */
export function checkRange(name: string, position: number, length: number, limit: number): void {
  if (!(position >= 0 && length >= 0 && position + length <= limit)) {
    throw SquashfsError.truncated(name, Number.isFinite(position) ? position : -1, position + length, limit);
  }
}

export class FileImageSource implements ImageSource {
  readonly name: string;
  readonly size: number;
  private fd: number;

  constructor(path: string, name?: string) {
    this.name = name ?? basename(path);
    this.fd = openSync(path, 'r');
    try {
      this.size = fstatSync(this.fd).size;
    } catch (err) {
      closeSync(this.fd);
      throw err;
    }
  }

  read(position: number, length: number): Uint8Array {
    const out = Buffer.allocUnsafe(length);
    this.readInto(position, out);
    return out;
  }

  readInto(position: number, target: Uint8Array): void {
    checkRange(this.name, position, target.length, this.size);
    let done = 0;
    while (done < target.length) {
      const n = readSync(this.fd, target, done, target.length - done, position + done);
      if (n === 0) throw SquashfsError.truncated(this.name, position + done, position + target.length, this.size);
      done += n;
    }
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

export class BytesImageSource implements ImageSource {
  readonly name: string;
  readonly size: number;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array, name = '<memory>') {
    this.bytes = bytes;
    this.name = name;
    this.size = bytes.length;
  }

  read(position: number, length: number): Uint8Array {
    checkRange(this.name, position, length, this.size);
    return this.bytes.subarray(position, position + length);
  }

  readInto(position: number, target: Uint8Array): void {
    target.set(this.read(position, target.length));
  }

  close(): void {}
}
