// The opened image at inode level: superblock, decompressor, the small tables, and the caches.
// Path handling lives in SquashfsImage; this layer answers "inode at ref", "entry in directory",
// "bytes of file" and "xattrs of inode".

import type { CompressorOptions, Decompressor } from './codecs/codec.js';
import { codecs, compressorName, TALOS_KERNEL_COMPRESSORS } from './codecs/codec-registry.js';
import type { DirectoryEntry } from './directory-reader.js';
import {
  type DirectoryListing,
  type DirectoryTableContext,
  lookupInDirectory,
  readDirectory,
} from './directory-reader.js';
import { blockPositions, type DataContext, type FileChunk, fileChunks, readFileRange } from './file-reader.js';
import {
  EXPORT_ENTRY_SIZE,
  FRAGMENT_ENTRY_SIZE,
  ID_ENTRY_SIZE,
  NO_INDEX,
  SUPERBLOCK_SIZE,
  SuperblockFlag,
} from './format.js';
import type { ImageSource } from './image-source.js';
import { IndexedTable } from './indexed-table.js';
import { basicType, type DirectoryInode, type FileInode, type Inode } from './inode.js';
import { readInode } from './inode-reader.js';
import { u32, u64 } from './le-bytes.js';
import { LruCache } from './lru-cache.js';
import { MetadataReader } from './metadata-reader.js';
import { encodeName } from './name-bytes.js';
import type { ResolvedOpenOptions } from './open-options.js';
import { SquashfsError } from './squashfs-error.js';
import { parseSuperblock, type Superblock } from './superblock.js';
import { type XattrMap, XattrTable } from './xattr-table.js';

export interface CompressorInfo {
  readonly id: number;
  readonly name: string;
  /** Options in force (defaults filled in when the image stores none). */
  readonly options: CompressorOptions;
  /** True when the image carries an options block. */
  readonly optionsStored: boolean;
}

const decompressors = new Map<string, Promise<Decompressor>>();

/** One decompressor per codec (and choice of decoder) per thread: WASM and native decoders initialise once. */
function decompressorFor(key: string, create: () => Promise<Decompressor>): Promise<Decompressor> {
  let d = decompressors.get(key);
  if (d === undefined) {
    d = create();
    decompressors.set(key, d);
    d.catch(() => decompressors.delete(key));
  }
  return d;
}

export class ImageCore {
  readonly image: string;
  readonly ids: Uint32Array;
  readonly root: { readonly ref: number; readonly inode: DirectoryInode };
  private readonly inodes: LruCache<number, Inode>;
  private readonly listings: LruCache<number, DirectoryListing>;
  private readonly positions = new WeakMap<FileInode, Float64Array>();
  private exportTable: IndexedTable | undefined;

  private constructor(
    readonly source: ImageSource,
    readonly superblock: Superblock,
    readonly compressor: CompressorInfo,
    readonly meta: MetadataReader,
    private readonly dirCtx: DirectoryTableContext,
    private readonly data: DataContext,
    private readonly xattrTable: XattrTable | undefined,
    readonly options: ResolvedOpenOptions,
    ids: Uint32Array,
  ) {
    this.image = source.name;
    this.ids = ids;
    this.inodes = new LruCache(options.inodeCacheEntries);
    this.listings = new LruCache(options.directoryCacheEntries);
    const rootInode = this.inode(superblock.rootInodeRef);
    if (rootInode.kind !== 'directory') {
      throw SquashfsError.corruptMetadata(this.image, superblock.inodeTableStart, 'root inode is not a directory');
    }
    this.root = { ref: superblock.rootInodeRef, inode: rootInode };
  }

  /** Reads the superblock and the small tables; takes ownership of `source`. */
  static async open(source: ImageSource, options: ResolvedOpenOptions): Promise<ImageCore> {
    try {
      return await ImageCore.openUnsafe(source, options);
    } catch (err) {
      source.close();
      throw err;
    }
  }

  private static async openUnsafe(source: ImageSource, options: ResolvedOpenOptions): Promise<ImageCore> {
    const image = source.name;
    if (source.size < SUPERBLOCK_SIZE) throw SquashfsError.truncated(image, 0, SUPERBLOCK_SIZE, source.size);
    const sb = parseSuperblock(source.read(0, SUPERBLOCK_SIZE), image, source.size);
    const codec = codecs.get(sb.compression);
    const allowed = options.compressors === 'all' || TALOS_KERNEL_COMPRESSORS.includes(codec?.name ?? '');
    if (codec === undefined || !codec.decodable || !allowed) {
      throw SquashfsError.unsupportedCompressor(image, 20, compressorName(sb.compression));
    }
    const decoders = { zstdDecoder: options.zstdDecoder };
    const decompressor = await decompressorFor(`${codec.id}:${options.zstdDecoder}`, () =>
      codec.createDecompressor(decoders),
    ).catch((err: unknown) => {
      throw SquashfsError.decoderUnavailable(image, 20, codec.name, (err as Error).message);
    });
    const meta = new MetadataReader(source, decompressor, sb.bytesUsed, options.metadataCacheBlocks);
    const stored = (sb.flags & SuperblockFlag.compressorOptions) !== 0;
    const parsed = codec.parseOptions(
      stored ? meta.block(SUPERBLOCK_SIZE, sb.inodeTableStart).data : undefined,
      sb.blockSize,
    );
    if (!parsed.ok) throw SquashfsError.badCompressorOptions(image, SUPERBLOCK_SIZE, codec.name, parsed.reason);
    const compressor = { id: codec.id, name: codec.name, options: parsed.options, optionsStored: stored };

    const after = (start: number): number => nextTableStart(sb, start);
    const idTable = IndexedTable.open(source, meta, {
      name: 'id table',
      indexStart: sb.idTableStart,
      count: sb.idCount,
      entrySize: ID_ENTRY_SIZE,
      blocksFrom: sb.directoryTableStart,
      indexLimit: after(sb.idTableStart),
    });
    const ids = new Uint32Array(sb.idCount);
    for (let i = 0; i < sb.idCount; i++) ids[i] = u32(idTable.entry(i), 0);
    const fragments =
      sb.fragmentCount > 0 && sb.fragmentTableStart !== undefined
        ? IndexedTable.open(source, meta, {
            name: 'fragment table',
            indexStart: sb.fragmentTableStart,
            count: sb.fragmentCount,
            entrySize: FRAGMENT_ENTRY_SIZE,
            blocksFrom: sb.directoryTableStart,
            indexLimit: after(sb.fragmentTableStart),
          })
        : undefined;
    const xattrTable = XattrTable.open(source, meta, sb);
    const directoryTableEnd = Math.min(
      fragments?.firstBlock ?? Number.POSITIVE_INFINITY,
      idTable.firstBlock,
      sb.exportTableStart ?? Number.POSITIVE_INFINITY,
    );
    const dirCtx = { image, meta, superblock: sb, directoryTableEnd };
    const data: DataContext = {
      source,
      superblock: sb,
      decompressor,
      fragments,
      dataCache: new LruCache(options.dataCacheBlocks),
      fragmentCache: new LruCache(options.fragmentCacheBlocks),
      spareFragments: [],
    };
    return new ImageCore(source, sb, compressor, meta, dirCtx, data, xattrTable, options, ids);
  }

  inode(ref: number): Inode {
    let inode = this.inodes.get(ref);
    if (inode === undefined) {
      inode = readInode(this, ref);
      this.inodes.set(ref, inode);
    }
    return inode;
  }

  /**
   * The child inode an entry names, checked against the type the entry claims. `cache: false`
   * suits one-pass walks, which would only churn the inode cache.
   */
  entryInode(entry: DirectoryEntry, cache = true): Inode {
    const inode = cache ? this.inode(entry.inodeRef) : readInode(this, entry.inodeRef);
    if (basicType(inode.type) !== entry.type || inode.inodeNumber !== entry.inodeNumber) {
      throw SquashfsError.corruptMetadata(
        this.image,
        this.superblock.inodeTableStart + Math.floor(entry.inodeRef / 0x1_0000),
        `entry "${entry.name}" disagrees with its inode (type ${inode.type}, number ${inode.inodeNumber})`,
      );
    }
    return inode;
  }

  /** The directory's entries; `cache: false` suits one-pass walks, as for entryInode. */
  listing(ref: number, dir: DirectoryInode, cache = true): DirectoryListing {
    let listing = this.listings.get(ref);
    if (listing === undefined) {
      listing = readDirectory(this.dirCtx, dir);
      if (cache) this.listings.set(ref, listing);
    }
    return listing;
  }

  lookup(ref: number, dir: DirectoryInode, name: string): DirectoryEntry | undefined {
    const cached = this.listings.get(ref);
    if (cached !== undefined) return cached.byName.get(name);
    if (dir.index.length > 0) return lookupInDirectory(this.dirCtx, dir, encodeName(name));
    return this.listing(ref, dir).byName.get(name);
  }

  /** File bytes [position, position + length), clamped to the file's end. */
  readRange(inode: FileInode, position: number, length: number, useCache: boolean): Uint8Array {
    const n = Math.max(0, Math.min(length, inode.fileSize - position));
    const out = Buffer.alloc(n);
    if (n > 0) readFileRange(this.data, inode, this.blockPositions(inode), position, out, useCache);
    return out;
  }

  chunks(inode: FileInode, transient: boolean): Generator<FileChunk> {
    return fileChunks(this.data, inode, this.blockPositions(inode), transient);
  }

  private blockPositions(inode: FileInode): Float64Array {
    let p = this.positions.get(inode);
    if (p === undefined) {
      p = blockPositions(inode);
      this.positions.set(inode, p);
    }
    return p;
  }

  xattrs(inode: Inode): XattrMap {
    if (inode.xattrIndex === NO_INDEX) return new Map();
    if (this.xattrTable === undefined) {
      throw SquashfsError.corruptMetadata(
        this.image,
        56,
        `inode ${inode.inodeNumber} has xattrs, the image has no table`,
      );
    }
    return this.xattrTable.read(inode.xattrIndex);
  }

  /** Inode reference of inode number `ino` via the export table; undefined if the image has none. */
  exportedRef(ino: number): number | undefined {
    const sb = this.superblock;
    if (sb.exportTableStart === undefined) return undefined;
    this.exportTable ??= IndexedTable.open(this.source, this.meta, {
      name: 'export table',
      indexStart: sb.exportTableStart,
      count: sb.inodeCount,
      entrySize: EXPORT_ENTRY_SIZE,
      blocksFrom: sb.directoryTableStart,
      indexLimit: nextTableStart(sb, sb.exportTableStart),
    });
    return u64(this.exportTable.entry(ino - 1), 0);
  }

  close(): void {
    this.source.close();
  }
}

/** Start of the first table index after `start`, or bytes_used. */
function nextTableStart(sb: Superblock, start: number): number {
  let next = sb.bytesUsed;
  for (const p of [
    sb.fragmentCount > 0 ? sb.fragmentTableStart : undefined,
    sb.exportTableStart,
    sb.idTableStart,
    sb.xattrIdTableStart,
  ]) {
    if (p !== undefined && p > start && p < next) next = p;
  }
  return next;
}
