// Writes a squashfs 4.0 image from a source tree, as `mksquashfs <tree> <image> -noappend`
// with the same options lays it out (squashfs-tools 4.5.1, reproducible mode): data and
// fragment blocks in file order, then the inode, directory, fragment, export, id and xattr
// tables, the superblock last (at offset 0), padded to 4 KiB. Output is a function of the tree
// and the options only.
import { once } from 'node:events';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { METADATA_UNCOMPRESSED, SQUASHFS_MAJOR, SQUASHFS_MINOR, SUPERBLOCK_SIZE, SuperblockFlag } from '../format.js';
import { encodeSuperblock } from '../superblock.js';
import { workerThreads } from '../worker-count.js';
import { ByteBuilder } from './byte-builder.js';
import { leaseCompressPool } from './compress-pool.js';
import { type ChunkEncoder, DataStream } from './data-stream.js';
import { type BlockEncoder, createBlockEncoder } from './encoders/block-encoder.js';
import { compressionId, compressorOptionsBlock, encoderSpecs } from './encoders/encoder-spec.js';
import { type FileData, FileDataWriter } from './file-data-writer.js';
import { FragmentPacker } from './fragment-packer.js';
import { FileSink, type ImageSink, MemorySink } from './image-sink.js';
import { buildMetadataTables } from './metadata-tables.js';
import type { SquashfsSourceDirectory } from './source-tree.js';
import { writeIndexedTable } from './table-writer.js';
import { inodesInWriteOrder, type PlanInode, planTree } from './tree-plan.js';
import { type ResolvedWriteOptions, resolveWriteOptions, type SquashfsWriteOptions } from './write-options.js';

export interface SquashfsWriteSummary {
  /** The superblock's bytes_used: the filesystem without its padding. */
  readonly bytesUsed: number;
  /** Bytes written, padding included. */
  readonly imageSize: number;
  readonly inodes: number;
  readonly fragments: number;
  readonly ids: number;
  /** Data blocks written (sparse and duplicate blocks are not). */
  readonly dataBlocks: number;
  /** Regular files whose data was already stored. */
  readonly duplicateFiles: number;
  readonly mkfsTime: number;
}

/**
 * Below this much file data, starting worker threads costs more than it saves: 8 MiB for fast compressors, 1 MiB
 * for the slow ones (xz, zstd from level 10, e.g. the imager's level 18, at a few MB/s per core).
 */
function parallelThreshold(o: { readonly compressor: string; readonly level: number }): number {
  const slow = o.compressor === 'xz' || (o.compressor === 'zstd' && o.level >= 10);
  return slow ? 1 << 20 : 8 << 20;
}
/** Blocks in flight per worker: enough to keep each busy while the main thread reads. */
const IN_FLIGHT_PER_WORKER = 6;

function inlineEncoder(encoder: BlockEncoder): ChunkEncoder {
  return {
    encode(raw) {
      const packed = encoder.encode(raw);
      return packed === undefined ? { data: raw, compressed: false } : { data: packed, compressed: true };
    },
    close: async () => {},
  };
}

function flagsOf(o: ResolvedWriteOptions, hasOptionsBlock: boolean): number {
  const raw = o.compressor === 'none';
  let flags = 0;
  if (raw) {
    flags |= SuperblockFlag.noInodeCompression | SuperblockFlag.noDataCompression;
    flags |= SuperblockFlag.noFragmentCompression | SuperblockFlag.noXattrCompression;
  }
  if (!o.fragments) flags |= SuperblockFlag.noFragments;
  if (o.alwaysUseFragments) flags |= SuperblockFlag.alwaysFragments;
  if (o.duplicates) flags |= SuperblockFlag.duplicates;
  if (o.exports) flags |= SuperblockFlag.exportable;
  if (!o.xattrs) flags |= SuperblockFlag.noXattrs;
  if (hasOptionsBlock) flags |= SuperblockFlag.compressorOptions;
  return flags;
}

async function writeImage(
  root: SquashfsSourceDirectory,
  sink: ImageSink,
  options: SquashfsWriteOptions | undefined,
): Promise<SquashfsWriteSummary> {
  const o = resolveWriteOptions(options);
  const plan = planTree(root);
  const order = inodesInWriteOrder(plan.root);
  const specs = encoderSpecs(o);
  const metadataEncoder = specs === undefined ? undefined : await createBlockEncoder(specs.metadata);

  sink.write(new Uint8Array(SUPERBLOCK_SIZE));
  const optionsBlock = compressorOptionsBlock(o);
  if (optionsBlock !== undefined) {
    sink.write(
      new ByteBuilder(2 + optionsBlock.length).u16(optionsBlock.length | METADATA_UNCOMPRESSED).bytesOf(optionsBlock)
        .bytes,
    );
  }

  const workers =
    specs === undefined
      ? 0
      : workerThreads(o.workers ?? (plan.fileBytes >= parallelThreshold(o) ? availableParallelism() : 0));
  let encoder: ChunkEncoder | undefined;
  if (specs !== undefined) {
    encoder =
      workers > 0 ? leaseCompressPool(specs.data, workers) : inlineEncoder(await createBlockEncoder(specs.data));
  }
  const files = new Map<PlanInode, FileData>();
  const stream = new DataStream(sink, encoder, Math.max(1, workers * IN_FLIGHT_PER_WORKER));
  const fragments = new FragmentPacker(stream, o.blockSize, o.compressor !== 'none');
  let duplicateFiles = 0;
  try {
    const fileWriter = new FileDataWriter(stream, fragments, o, workers > 0);
    for (const inode of order) {
      if (inode.node.kind !== 'file') continue;
      const data = await fileWriter.write(inode.node, inode.path);
      if (data.duplicate) duplicateFiles++;
      files.set(inode, data);
    }
    fragments.finish();
    await stream.drain();
  } finally {
    await encoder?.close();
  }

  const tables = buildMetadataTables(plan, order, files, stream, o, metadataEncoder);
  const inodeTableStart = sink.position;
  for (const block of tables.inodes.finish()) sink.write(block);
  const directoryTableStart = sink.position;
  for (const block of tables.directories.finish()) sink.write(block);

  const fragmentTable = new ByteBuilder(16 * fragments.chunks.length);
  for (const chunk of fragments.chunks) fragmentTable.u64(stream.positionOf(chunk)).u32(stream.sizeWord(chunk)).u32(0);
  const fragmentTableStart = writeIndexedTable(sink, fragmentTable.bytes, metadataEncoder);
  let exportTableStart: number | undefined;
  if (o.exports) {
    const table = new ByteBuilder(8 * tables.exportRefs.length);
    for (const ref of tables.exportRefs) table.u64(ref);
    exportTableStart = writeIndexedTable(sink, table.bytes, metadataEncoder);
  }
  const idTable = new ByteBuilder(4 * tables.ids.length);
  for (const id of tables.ids) idTable.u32(id);
  const idTableStart = writeIndexedTable(sink, idTable.bytes, metadataEncoder);
  let xattrIdTableStart: number | undefined;
  const xattrs = tables.xattrs;
  if (xattrs !== undefined && xattrs.ids.length > 0) {
    const kvStart = sink.position;
    for (const block of xattrs.kv.finish()) sink.write(block);
    const ids = new ByteBuilder(16 * xattrs.ids.length);
    for (const e of xattrs.ids) ids.u64(e.ref).u32(e.count).u32(e.size);
    const header = new ByteBuilder(16).u64(kvStart).u32(xattrs.ids.length).u32(0).bytes;
    xattrIdTableStart = writeIndexedTable(sink, ids.bytes, metadataEncoder, header);
  }
  const bytesUsed = sink.position;
  if (o.pad && bytesUsed % 4096 !== 0) sink.write(new Uint8Array(4096 - (bytesUsed % 4096)));

  const mkfsTime = o.mkfsTime ?? plan.newestMtime;
  sink.patch(
    0,
    encodeSuperblock({
      inodeCount: plan.inodeCount,
      mkfsTime,
      blockSize: o.blockSize,
      fragmentCount: fragments.chunks.length,
      compression: compressionId(o),
      blockLog: o.blockLog,
      flags: flagsOf(o, optionsBlock !== undefined),
      idCount: tables.ids.length,
      versionMajor: SQUASHFS_MAJOR,
      versionMinor: SQUASHFS_MINOR,
      rootInodeRef: tables.rootRef,
      bytesUsed,
      idTableStart,
      xattrIdTableStart,
      inodeTableStart,
      directoryTableStart,
      fragmentTableStart,
      exportTableStart,
    }),
  );
  return {
    bytesUsed,
    imageSize: sink.position,
    inodes: plan.inodeCount,
    fragments: fragments.chunks.length,
    ids: tables.ids.length,
    dataBlocks: stream.count - fragments.chunks.length,
    duplicateFiles,
    mkfsTime,
  };
}

/** Writes the image to a file (created or truncated) or to a stream (spooled through a temporary file). */
export async function writeSquashfs(
  root: SquashfsSourceDirectory,
  output: string | NodeJS.WritableStream,
  options?: SquashfsWriteOptions,
): Promise<SquashfsWriteSummary> {
  if (typeof output === 'string') {
    const sink = new FileSink(output);
    try {
      const summary = await writeImage(root, sink, options);
      sink.close();
      return summary;
    } catch (err) {
      // no half-written image is left behind to be mistaken for a good one
      sink.close();
      rmSync(output, { force: true });
      throw err;
    }
  }
  // the superblock, written last, comes first: a stream gets the image once it is complete
  const dir = mkdtempSync(join(tmpdir(), 'talos-sim-squashfs-'));
  try {
    const spool = join(dir, 'image.sqsh');
    const summary = await writeSquashfs(root, spool, options);
    for await (const chunk of createReadStream(spool)) {
      if (!output.write(chunk as Buffer)) await once(output as NodeJS.EventEmitter, 'drain');
    }
    return summary;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The image as bytes in memory (for layers small enough to hold; use writeSquashfs for large trees). */
export async function buildSquashfs(
  root: SquashfsSourceDirectory,
  options?: SquashfsWriteOptions,
): Promise<{ readonly image: Uint8Array; readonly summary: SquashfsWriteSummary }> {
  const sink = new MemorySink();
  const summary = await writeImage(root, sink, options);
  return { image: sink.bytes(), summary };
}
