// A read-only squashfs image: one asynchronous open, then synchronous, path-based calls shaped
// like their Linux counterparts (lstat, stat, readdir, readlink, pread, llistxattr, lgetxattr),
// so an overlay layer or a node:fs-style facade can wrap it directly.
import { resolve } from 'node:path';
import type { DirectoryEntry } from './directory-reader.js';
import type { FileChunk } from './file-reader.js';
import type { CompressorInfo } from './image-core.js';
import { ImageCore } from './image-core.js';
import { BytesImageSource, FileImageSource } from './image-source.js';
import type { FileKind, Inode } from './inode.js';
import { decodeName } from './name-bytes.js';
import { resolveOpenOptions, type SquashfsOpenOptions } from './open-options.js';
import { type FollowMode, type ResolvedInode, resolvePath } from './path-resolver.js';
import { SquashfsError } from './squashfs-error.js';
import { isSquashfsFsError, SquashfsFsError } from './squashfs-fs-error.js';
import { inodeStats, type SquashfsStats } from './stats.js';
import type { Superblock } from './superblock.js';

export interface SquashfsDirent {
  readonly name: string;
  readonly kind: FileKind;
  readonly ino: number;
}

export interface SquashfsWalkEntry {
  /** "/" for the root, "/a/b" below it. */
  readonly path: string;
  readonly stats: SquashfsStats;
  /** Symlink target, for symlinks. */
  readonly target?: string;
}

/** statfs(2) as the kernel reports it for a squashfs mount. */
export interface SquashfsStatfs {
  readonly bsize: number;
  readonly blocks: number;
  readonly bfree: 0;
  readonly files: number;
  readonly namelen: 256;
}

export class SquashfsImage {
  private constructor(
    private readonly core: ImageCore,
    /** Absolute path of the image file; undefined for images opened from bytes. */
    readonly path: string | undefined,
  ) {}

  /**
   * Opens an image file (read through a descriptor, never loaded whole) or bytes in memory.
   * Reads the superblock and the small tables only; throws SquashfsError when they are bad.
   */
  static async open(source: string | Uint8Array, options?: SquashfsOpenOptions): Promise<SquashfsImage> {
    const resolved = resolveOpenOptions(options);
    const src =
      typeof source === 'string'
        ? new FileImageSource(source, resolved.name)
        : new BytesImageSource(source, resolved.name);
    return new SquashfsImage(
      await ImageCore.open(src, resolved),
      typeof source === 'string' ? resolve(source) : undefined,
    );
  }

  /** The image name used in error messages. */
  get name(): string {
    return this.core.image;
  }

  get superblock(): Superblock {
    return this.core.superblock;
  }

  get compressor(): CompressorInfo {
    return this.core.compressor;
  }

  /** The options the image was opened with, defaults filled in (e.g. to open it again in a worker). */
  get openOptions(): SquashfsOpenOptions {
    const { name, ...rest } = this.core.options;
    return name === undefined ? rest : { ...rest, name };
  }

  /** Stats of `path` itself (a final symlink is not followed). */
  lstat(path: string): SquashfsStats {
    return this.stats(this.resolve(path, 'nofollow', 'lstat').inode);
  }

  /** Stats of what `path` names, final symlinks followed. */
  stat(path: string): SquashfsStats {
    return this.stats(this.resolve(path, 'follow', 'stat').inode);
  }

  /** Like lstat, but undefined instead of ENOENT/ENOTDIR: the cheap "is it in this layer?" probe. */
  tryLstat(path: string): SquashfsStats | undefined {
    try {
      return this.lstat(path);
    } catch (err) {
      if (isSquashfsFsError(err, 'ENOENT') || isSquashfsFsError(err, 'ENOTDIR')) return undefined;
      throw err;
    }
  }

  /** Entries of a directory in stored (byte-sorted) order, without "." and "..". */
  readdir(path: string): SquashfsDirent[] {
    const dir = this.resolve(path, 'follow', 'scandir');
    if (dir.inode.kind !== 'directory') throw new SquashfsFsError('ENOTDIR', 'scandir', path);
    return this.core
      .listing(dir.ref, dir.inode)
      .entries.map((e) => ({ name: e.name, kind: e.kind, ino: e.inodeNumber }));
  }

  readlink(path: string): string {
    const { inode } = this.resolve(path, 'nofollow', 'readlink');
    if (inode.kind !== 'symlink') throw new SquashfsFsError('EINVAL', 'readlink', path);
    return decodeName(inode.target);
  }

  /** The whole file. Refuses files larger than the maxReadFileSize option (EFBIG). */
  readFile(path: string): Uint8Array {
    const inode = this.fileInode(path, 'open');
    if (inode.fileSize > this.core.options.maxReadFileSize) throw new SquashfsFsError('EFBIG', 'read', path);
    return this.core.readRange(inode, 0, inode.fileSize, false);
  }

  /** Up to `length` bytes at `position` (fewer at the end of the file), like pread(2). */
  read(path: string, position: number, length: number): Uint8Array {
    if (!(Number.isSafeInteger(position) && position >= 0 && Number.isSafeInteger(length) && length >= 0)) {
      throw new SquashfsFsError('EINVAL', 'read', path);
    }
    const inode = this.fileInode(path, 'open');
    if (Math.min(length, inode.fileSize - position) > this.core.options.maxReadFileSize) {
      throw new SquashfsFsError('EFBIG', 'read', path);
    }
    return this.core.readRange(inode, position, length, true);
  }

  /**
   * The file block by block, in order, without assembling it (for streaming or extraction);
   * holes come with `data` undefined. Each chunk's data is a buffer of its own, unless
   * `transient` is set: then it may be a view of the decoder's memory, which saves a copy and an
   * allocation per block but is valid only until the next chunk is requested, and only while
   * nothing else is read from a squashfs image in this thread (write it out at once).
   */
  chunks(path: string, options: { readonly transient?: boolean } = {}): Generator<FileChunk> {
    return this.core.chunks(this.fileInode(path, 'open'), options.transient === true);
  }

  /** Names of the extended attributes of `path` itself (llistxattr). */
  listXattrs(path: string): string[] {
    return [...this.core.xattrs(this.resolve(path, 'nofollow', 'llistxattr').inode).keys()];
  }

  /** One extended attribute of `path` itself (lgetxattr), or undefined when absent. */
  getXattr(path: string, name: string): Uint8Array | undefined {
    return this.core.xattrs(this.resolve(path, 'nofollow', 'lgetxattr').inode).get(name);
  }

  /** Stats of inode number `ino` through the export table (ENOTSUP when built with -no-exports). */
  statInode(ino: number): SquashfsStats {
    const sb = this.core.superblock;
    if (!(Number.isInteger(ino) && ino >= 1 && ino <= sb.inodeCount)) {
      throw new SquashfsFsError('ENOENT', 'open_by_handle_at', String(ino));
    }
    const ref = this.core.exportedRef(ino);
    if (ref === undefined) throw new SquashfsFsError('ENOTSUP', 'open_by_handle_at', String(ino));
    const inode = this.core.inode(ref);
    if (inode.inodeNumber !== ino) {
      throw SquashfsError.corruptMetadata(
        this.name,
        sb.exportTableStart ?? 0,
        `export entry ${ino} names inode ${inode.inodeNumber}`,
      );
    }
    return this.stats(inode);
  }

  /**
   * Every entry under `path` (itself first), depth first in stored order. A directory reached
   * twice (a cycle or a shared subtree in a corrupt image) ends the walk with a `loop` error.
   */
  *walk(path = '/'): Generator<SquashfsWalkEntry> {
    const start = this.resolve(path, 'nofollow', 'lstat');
    const visited = new Set<number>();
    const base = `/${path
      .split('/')
      .filter((c) => c !== '' && c !== '.')
      .join('/')}`;
    // an explicit stack (children pushed in reverse) walks in the same order as recursion
    const stack: { readonly path: string; readonly ref: number; readonly entry: DirectoryEntry | undefined }[] = [
      { path: base, ref: start.ref, entry: undefined },
    ];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const inode = next.entry === undefined ? start.inode : this.core.entryInode(next.entry, false);
      const stats = this.stats(inode);
      if (inode.kind === 'symlink') {
        yield { path: next.path, stats, target: decodeName(inode.target) };
        continue;
      }
      yield { path: next.path, stats };
      if (inode.kind !== 'directory') continue;
      if (visited.has(next.ref)) {
        throw SquashfsError.loop(
          this.name,
          this.core.superblock.inodeTableStart,
          `directory ${next.path} is reached twice`,
        );
      }
      visited.add(next.ref);
      const prefix = next.path === '/' ? '/' : `${next.path}/`;
      const entries = this.core.listing(next.ref, inode, false).entries;
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i] as DirectoryEntry;
        stack.push({ path: prefix + entry.name, ref: entry.inodeRef, entry });
      }
    }
  }

  statfs(): SquashfsStatfs {
    const sb = this.core.superblock;
    return {
      bsize: sb.blockSize,
      blocks: Math.ceil(sb.bytesUsed / sb.blockSize),
      bfree: 0,
      files: sb.inodeCount,
      namelen: 256,
    };
  }

  close(): void {
    this.core.close();
  }

  private resolve(path: string, follow: FollowMode, syscall: string): ResolvedInode {
    return resolvePath(this.core, path, follow, syscall);
  }

  private stats(inode: Inode): SquashfsStats {
    return inodeStats(inode, this.core.ids);
  }

  private fileInode(path: string, syscall: string): Extract<Inode, { kind: 'file' }> {
    const { inode } = this.resolve(path, 'follow', syscall);
    if (inode.kind === 'directory') throw new SquashfsFsError('EISDIR', 'read', path);
    if (inode.kind !== 'file') throw new SquashfsFsError('EINVAL', 'read', path);
    return inode;
  }
}
