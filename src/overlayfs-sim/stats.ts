// node:fs-compatible Stats and Dirent objects for entries of a simulated filesystem.
import type { StatsBase } from 'node:fs';
import { type FileType, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK } from './file-type.js';
import type { InodeStat } from './filesystem.js';

const BLOCK_SIZE = 4096;

/** What `stat` returns: the fields and methods of node's fs.Stats (number form). */
export class Stats implements StatsBase<number> {
  dev: number;
  ino: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  birthtimeMs: number;

  constructor(dev: number, stat: InodeStat) {
    this.dev = dev;
    this.ino = stat.ino;
    this.mode = stat.mode;
    this.nlink = stat.nlink;
    this.uid = stat.uid;
    this.gid = stat.gid;
    this.rdev = stat.rdev;
    this.size = stat.size;
    this.blksize = BLOCK_SIZE;
    // 512-byte units of the whole pages a file occupies, as tmpfs reports.
    this.blocks = Math.ceil(stat.size / BLOCK_SIZE) * (BLOCK_SIZE / 512);
    this.atimeMs = stat.atimeMs;
    this.mtimeMs = stat.mtimeMs;
    this.ctimeMs = stat.ctimeMs;
    // Layers keep no birth time; the closest honest value is the last status change.
    this.birthtimeMs = stat.ctimeMs;
  }

  // Dates are made on demand, as node does, so a stat() that only needs the mode stays cheap.
  get atime(): Date {
    return new Date(this.atimeMs);
  }
  get mtime(): Date {
    return new Date(this.mtimeMs);
  }
  get ctime(): Date {
    return new Date(this.ctimeMs);
  }
  get birthtime(): Date {
    return new Date(this.birthtimeMs);
  }

  isFile(): boolean {
    return (this.mode & S_IFMT) === S_IFREG;
  }
  isDirectory(): boolean {
    return (this.mode & S_IFMT) === S_IFDIR;
  }
  isBlockDevice(): boolean {
    return (this.mode & S_IFMT) === S_IFBLK;
  }
  isCharacterDevice(): boolean {
    return (this.mode & S_IFMT) === S_IFCHR;
  }
  isSymbolicLink(): boolean {
    return (this.mode & S_IFMT) === S_IFLNK;
  }
  isFIFO(): boolean {
    return (this.mode & S_IFMT) === S_IFIFO;
  }
  isSocket(): boolean {
    return (this.mode & S_IFMT) === S_IFSOCK;
  }
}

/** What `readdir(…, { withFileTypes: true })` returns: node's fs.Dirent fields and methods. */
export class Dirent {
  readonly name: string;
  readonly parentPath: string;
  /** Deprecated alias of `parentPath`, as in node 20. */
  readonly path: string;
  readonly #type: FileType;

  constructor(name: string, parentPath: string, type: FileType) {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    this.#type = type;
  }

  isFile(): boolean {
    return this.#type === 'file';
  }
  isDirectory(): boolean {
    return this.#type === 'directory';
  }
  isBlockDevice(): boolean {
    return this.#type === 'block-device';
  }
  isCharacterDevice(): boolean {
    return this.#type === 'char-device';
  }
  isSymbolicLink(): boolean {
    return this.#type === 'symlink';
  }
  isFIFO(): boolean {
    return this.#type === 'fifo';
  }
  isSocket(): boolean {
    return this.#type === 'socket';
  }
}
