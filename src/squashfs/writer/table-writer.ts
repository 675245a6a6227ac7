// mksquashfs's generic_write_table: a table of fixed-size entries packed into metadata blocks,
// followed (optionally, for xattrs) by a header, then the u64 positions of those blocks. The
// superblock points at what follows the blocks, which is what this returns.
import { METADATA_SIZE } from '../format.js';
import { ByteBuilder } from './byte-builder.js';
import type { BlockEncoder } from './encoders/block-encoder.js';
import type { ImageSink } from './image-sink.js';
import { metadataBlock } from './metadata-writer.js';

export function writeIndexedTable(
  sink: ImageSink,
  table: Uint8Array,
  encoder: BlockEncoder | undefined,
  header?: Uint8Array,
): number {
  const index = new ByteBuilder(16);
  for (let at = 0; at < table.length; at += METADATA_SIZE) {
    index.u64(sink.position);
    sink.write(metadataBlock(encoder, table.subarray(at, Math.min(at + METADATA_SIZE, table.length))));
  }
  const start = sink.position;
  if (header !== undefined) sink.write(header);
  sink.write(index.bytes.slice());
  return start;
}
