// A source tree read from a directory: on disk through node:fs, or on any volume with the same
// synchronous calls (a memfs Volume). Metadata is read up front (lstat of every entry, as
// mksquashfs scans its source first); file contents are read block by block while the image
// is written. Hard links become one node (same device and inode number). Names are read as bytes: one that is not
// UTF-8 keeps its bytes (see name-bytes.ts) instead of turning into another name that does not exist.
import * as nodeFs from 'node:fs';
import { decodeName, fsPath } from '../name-bytes.js';
import type { SquashfsSourceDirectory, SquashfsSourceFile, SquashfsSourceNode } from './source-tree.js';
import { SquashfsWriteError } from './squashfs-write-error.js';

/** The node:fs calls the directory source uses; node:fs and memfs's Volume have them. */
export interface DirectoryTreeFs {
  lstatSync(path: string | Buffer): {
    mode: number;
    uid: number;
    gid: number;
    mtimeMs: number;
    size: number;
    dev: number;
    ino: number;
    rdev: number;
    blocks?: number;
    isDirectory(): boolean;
    isFile(): boolean;
    isSymbolicLink(): boolean;
    isCharacterDevice(): boolean;
    isBlockDevice(): boolean;
    isFIFO(): boolean;
    isSocket(): boolean;
  };
  /** Called with `{ encoding: 'buffer' }`; string names (from a volume that ignores it) are taken as they are. */
  readdirSync(path: string | Buffer, options: { encoding: 'buffer' }): unknown[];
  readlinkSync(path: string | Buffer, options: { encoding: 'buffer' }): unknown;
  openSync(path: string | Buffer, flags: 'r'): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
}

/** Extended attributes of one path, by full name, in the order to store them. */
export type XattrReader = (path: string) => Readonly<Record<string, Uint8Array>> | undefined;

export interface DirectoryTreeOptions {
  /** Default node:fs. */
  readonly fs?: DirectoryTreeFs;
  /** Where xattrs come from (Node has no xattr calls); default: none. See getfattrXattrReader. */
  readonly xattrs?: XattrReader;
}

type Stats = ReturnType<DirectoryTreeFs['lstatSync']>;

/** Linux's major()/minor() of a dev_t as Node reports it. */
function major(rdev: number): number {
  return Number((BigInt(rdev) >> 8n) & 0xfffn);
}

function minor(rdev: number): number {
  const d = BigInt(rdev);
  return Number((d & 0xffn) | ((d >> 12n) & 0xfff00n));
}

class FsFile implements SquashfsSourceFile {
  readonly kind = 'file';
  readonly xattrs: Readonly<Record<string, Uint8Array>> | undefined;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  readonly size: number;
  readonly allocatedSize: number | undefined;
  private fd: number | undefined;

  constructor(
    private readonly fs: DirectoryTreeFs,
    readonly path: string,
    st: Stats,
    xattrs: Readonly<Record<string, Uint8Array>> | undefined,
  ) {
    this.mode = st.mode & 0o7777;
    this.uid = st.uid;
    this.gid = st.gid;
    this.mtime = Math.floor(st.mtimeMs / 1000);
    this.size = st.size;
    this.allocatedSize = st.blocks === undefined ? undefined : st.blocks * 512;
    this.xattrs = xattrs;
  }

  read(): Uint8Array {
    const out = new Uint8Array(this.size);
    let done = 0;
    while (done < out.length) {
      const n = this.readAt(done, out.subarray(done));
      if (n === 0) break;
      done += n;
    }
    return done === out.length ? out : out.subarray(0, done);
  }

  readAt(position: number, target: Uint8Array): number {
    try {
      this.fd ??= this.fs.openSync(fsPath(this.path), 'r');
      const n = this.fs.readSync(this.fd, target, 0, target.length, position);
      // the writer reads each file once, front to back, and checks the end last
      if (n === 0 || position + n >= this.size) this.close();
      return n;
    } catch (err) {
      this.close();
      throw SquashfsWriteError.sourceRead(this.path, (err as Error).message, err);
    }
  }

  private close(): void {
    if (this.fd !== undefined) this.fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

function base(st: Stats, xattrs: Readonly<Record<string, Uint8Array>> | undefined) {
  return { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000), xattrs };
}

/** A name from readdir or a target from readlink: bytes (decoded, escaping what is not UTF-8), or a string. */
function nameOf(v: unknown): string {
  return v instanceof Uint8Array ? decodeName(v) : String(v);
}

/** A directory being read: its entries so far and the names still to read. */
interface OpenDirectory {
  readonly path: string;
  readonly entries: Map<string, SquashfsSourceNode>;
  readonly names: string[];
  next: number;
}

/**
 * Reads the tree under `root` (its metadata now, file contents later, while the image is written). Depth-first in
 * readdir order, with an explicit stack rather than recursion: a tree thousands of levels deep is read as mksquashfs
 * reads it, its depth bounded by memory, not by the JavaScript stack.
 */
export function readDirectoryTree(root: string, options: DirectoryTreeOptions = {}): SquashfsSourceDirectory {
  const fs = options.fs ?? (nodeFs as unknown as DirectoryTreeFs);
  const links = new Map<string, SquashfsSourceNode>();
  // errors of node:fs calls below the root name the path they were about (the root's own lstat is checked below)
  const call = <T>(path: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof SquashfsWriteError) throw err;
      throw SquashfsWriteError.sourceRead(path, (err as Error).message, err);
    }
  };
  const leaf = (path: string, st: Stats): SquashfsSourceNode => {
    const xattrs = options.xattrs?.(path);
    const key = `${st.dev}:${st.ino}`;
    const known = links.get(key);
    if (known !== undefined) return known;
    let made: SquashfsSourceNode;
    if (st.isFile()) made = new FsFile(fs, path, st, xattrs);
    else if (st.isSymbolicLink())
      made = {
        kind: 'symlink',
        target: nameOf(call(path, () => fs.readlinkSync(fsPath(path), { encoding: 'buffer' }))),
        ...base(st, xattrs),
      };
    else if (st.isCharacterDevice() || st.isBlockDevice()) {
      const kind = st.isCharacterDevice() ? 'char-device' : 'block-device';
      made = { kind, major: major(st.rdev), minor: minor(st.rdev), ...base(st, xattrs) };
    } else if (st.isFIFO()) made = { kind: 'fifo', ...base(st, xattrs) };
    else if (st.isSocket()) made = { kind: 'socket', ...base(st, xattrs) };
    else throw SquashfsWriteError.invalidSource(path, 'unrecognised file type');
    if (st.ino !== 0) links.set(key, made);
    return made;
  };
  const stack: OpenDirectory[] = [];
  /** The directory's node, its entries filled in as the walk reaches them. */
  const open = (path: string, st: Stats): SquashfsSourceDirectory => {
    const xattrs = options.xattrs?.(path);
    const names = call(path, () => fs.readdirSync(fsPath(path), { encoding: 'buffer' })).map(nameOf);
    const entries = new Map<string, SquashfsSourceNode>();
    stack.push({ path, entries, names, next: 0 });
    return { kind: 'directory', entries, ...base(st, xattrs) };
  };

  let st: Stats;
  try {
    st = fs.lstatSync(root);
  } catch (err) {
    throw SquashfsWriteError.sourceRead(root, (err as Error).message, err);
  }
  if (!st.isDirectory()) throw SquashfsWriteError.invalidSource(root, 'not a directory');
  const top = open(root, st);
  for (let dir = stack.at(-1); dir !== undefined; dir = stack.at(-1)) {
    const name = dir.names[dir.next++];
    if (name === undefined) {
      stack.pop();
      continue;
    }
    const child = `${dir.path}/${name}`;
    const childSt = call(child, () => fs.lstatSync(fsPath(child)));
    dir.entries.set(name, childSt.isDirectory() ? open(child, childSt) : leaf(child, childSt));
  }
  return top;
}
