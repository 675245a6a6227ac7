// One directory's listing as mksquashfs's add_dir builds it: runs of a header and up to 256
// entries sharing an inode block and a base inode number, a new run started also when the
// listing has grown 8 KiB past the last index point, which then gets a directory index entry.
import {
  DIRECTORY_ENTRY_SIZE,
  DIRECTORY_HEADER_SIZE,
  DIRECTORY_INDEX_SIZE,
  MAX_DIRECTORY_RUN,
  METADATA_SIZE,
} from '../format.js';
import { ByteBuilder } from './byte-builder.js';

export interface ListingIndexEntry {
  /** Offset of the run's header in the listing. */
  readonly index: number;
  readonly name: Uint8Array;
}

export class DirectoryListing {
  readonly bytes = new ByteBuilder(1024);
  readonly index: ListingIndexEntry[] = [];
  /** Bytes the index takes in the extended inode. */
  indexSize = 0;
  private runCount = MAX_DIRECTORY_RUN;
  private runHeader = -1;
  private runBlock = 0;
  private runBase = 0;
  private lastIndexPoint = 0;

  /** Adds an entry; `inodeRef` is (block << 16) | offset in the inode table. */
  add(name: Uint8Array, inodeRef: number, inodeNumber: number, basicType: number): void {
    const block = Math.floor(inodeRef / 0x1_0000);
    const offset = inodeRef % 0x1_0000;
    const p = this.bytes.length;
    const crossesIndexPoint =
      this.runHeader >= 0 && p + DIRECTORY_ENTRY_SIZE + name.length - this.lastIndexPoint > METADATA_SIZE;
    const delta = inodeNumber - this.runBase;
    if (
      this.runCount === MAX_DIRECTORY_RUN ||
      block !== this.runBlock ||
      crossesIndexPoint ||
      delta > 32767 ||
      delta < -32768
    ) {
      if (this.runHeader >= 0) {
        if (crossesIndexPoint) {
          this.index.push({ index: p, name });
          this.indexSize += DIRECTORY_INDEX_SIZE + name.length;
          this.lastIndexPoint = p;
        }
        this.closeRun();
      }
      this.runHeader = p;
      this.runBlock = block;
      this.runBase = inodeNumber;
      this.runCount = 0;
      this.bytes.u32(0).u32(block).u32(inodeNumber);
    }
    this.bytes
      .u16(offset)
      .i16(inodeNumber - this.runBase)
      .u16(basicType)
      .u16(name.length - 1)
      .bytesOf(name);
    this.runCount++;
  }

  /** Completes the last run; returns the listing. */
  finish(): Uint8Array {
    if (this.runHeader >= 0) this.closeRun();
    return this.bytes.bytes;
  }

  private closeRun(): void {
    this.bytes.setU32(this.runHeader, this.runCount - 1);
  }
}

export const LISTING_HEADER_SIZE = DIRECTORY_HEADER_SIZE;
