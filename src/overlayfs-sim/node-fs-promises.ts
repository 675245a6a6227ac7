// The promise forms of the facade's calls (fs.promises): the same work, with failures as rejections. A simulated
// filesystem is in memory, so nothing here waits on I/O.
import type { PathLike } from './fs-call-context.js';
import type { TimeLike } from './node-fs-attributes.js';
import type { EncodingOption, ReaddirOptions, ReadOptions, TextOptions } from './node-fs-read.js';
import type { RmOptions } from './node-fs-remove.js';
import type { MakeDirectoryOptions, WriteData, WriteOptions } from './node-fs-write.js';
import type { Dirent, Stats } from './stats.js';

export interface NodeFsPromises {
  stat(path: PathLike): Promise<Stats>;
  lstat(path: PathLike): Promise<Stats>;
  readFile(path: PathLike, options?: ReadOptions): Promise<Buffer>;
  readFile(path: PathLike, options: TextOptions): Promise<string>;
  readFile(path: PathLike, options?: EncodingOption): Promise<Buffer | string>;
  readdir(
    path: PathLike,
    options?: (ReaddirOptions & { readonly withFileTypes?: false }) | BufferEncoding | null,
  ): Promise<string[]>;
  readdir(path: PathLike, options: ReaddirOptions & { readonly withFileTypes: true }): Promise<Dirent[]>;
  readlink(path: PathLike, options?: EncodingOption): Promise<string>;
  realpath(path: PathLike, options?: EncodingOption): Promise<string>;
  access(path: PathLike, mode?: number): Promise<void>;
  /** Not in node's fs.promises: resolves to existsSync's answer. */
  exists(path: PathLike): Promise<boolean>;
  writeFile(path: PathLike, data: WriteData, options?: WriteOptions): Promise<void>;
  appendFile(path: PathLike, data: WriteData, options?: WriteOptions): Promise<void>;
  truncate(path: PathLike, length?: number): Promise<void>;
  copyFile(src: PathLike, dest: PathLike, mode?: number): Promise<void>;
  mkdir(path: PathLike, options?: MakeDirectoryOptions | number | null): Promise<string | undefined>;
  symlink(target: PathLike, path: PathLike, type?: string | null): Promise<void>;
  unlink(path: PathLike): Promise<void>;
  rmdir(path: PathLike, options?: { readonly recursive?: boolean }): Promise<void>;
  rm(path: PathLike, options?: RmOptions): Promise<void>;
  rename(oldPath: PathLike, newPath: PathLike): Promise<void>;
  chmod(path: PathLike, mode: number | string): Promise<void>;
  chown(path: PathLike, uid: number, gid: number): Promise<void>;
  lchown(path: PathLike, uid: number, gid: number): Promise<void>;
  utimes(path: PathLike, atime: TimeLike, mtime: TimeLike): Promise<void>;
  lutimes(path: PathLike, atime: TimeLike, mtime: TimeLike): Promise<void>;
}

/** The sync calls the promise forms are made from. */
interface SyncCalls {
  statSync(path: PathLike): unknown;
  lstatSync(path: PathLike): unknown;
  readFileSync(path: PathLike, options?: EncodingOption): unknown;
  readdirSync(path: PathLike, options?: ReaddirOptions | BufferEncoding | null): unknown;
  readlinkSync(path: PathLike, options?: EncodingOption): unknown;
  realpathSync: { native(path: PathLike): unknown };
  accessSync(path: PathLike, mode?: number): unknown;
  existsSync(path: PathLike): boolean;
  writeFileSync(path: PathLike, data: WriteData, options?: WriteOptions): unknown;
  appendFileSync(path: PathLike, data: WriteData, options?: WriteOptions): unknown;
  truncateSync(path: PathLike, length?: number): unknown;
  copyFileSync(src: PathLike, dest: PathLike, mode?: number): unknown;
  mkdirSync(path: PathLike, options?: MakeDirectoryOptions | number | null): unknown;
  symlinkSync(target: PathLike, path: PathLike): unknown;
  unlinkSync(path: PathLike): unknown;
  rmdirSync(path: PathLike, options?: { readonly recursive?: boolean }): unknown;
  rmSync(path: PathLike, options?: RmOptions): unknown;
  renameSync(oldPath: PathLike, newPath: PathLike): unknown;
  chmodSync(path: PathLike, mode: number | string): unknown;
  chownSync(path: PathLike, uid: number, gid: number): unknown;
  lchownSync(path: PathLike, uid: number, gid: number): unknown;
  utimesSync(path: PathLike, atime: TimeLike, mtime: TimeLike): unknown;
  lutimesSync(path: PathLike, atime: TimeLike, mtime: TimeLike): unknown;
}

/** Wraps a sync call so that it settles a promise instead of returning or throwing. */
function later<A extends unknown[]>(call: (...args: A) => unknown): (...args: A) => Promise<never> {
  return (...args: A) => {
    try {
      return Promise.resolve(call(...args)) as Promise<never>;
    } catch (err) {
      return Promise.reject(err);
    }
  };
}

export function makeNodeFsPromises(fs: SyncCalls): NodeFsPromises {
  return {
    stat: later((path: PathLike) => fs.statSync(path)),
    lstat: later((path: PathLike) => fs.lstatSync(path)),
    readFile: later((path: PathLike, options?: EncodingOption) => fs.readFileSync(path, options)),
    readdir: later((path: PathLike, options?: ReaddirOptions | BufferEncoding | null) => fs.readdirSync(path, options)),
    readlink: later((path: PathLike, options?: EncodingOption) => fs.readlinkSync(path, options)),
    // node's fs.promises.realpath is realpath(3), not the JavaScript walk of fs.realpathSync
    realpath: later((path: PathLike) => fs.realpathSync.native(path)),
    access: later((path: PathLike, mode?: number) => fs.accessSync(path, mode)),
    exists: later((path: PathLike) => fs.existsSync(path)),
    writeFile: later((path: PathLike, data: WriteData, options?: WriteOptions) =>
      fs.writeFileSync(path, data, options),
    ),
    appendFile: later((path: PathLike, data: WriteData, options?: WriteOptions) =>
      fs.appendFileSync(path, data, options),
    ),
    truncate: later((path: PathLike, length?: number) => fs.truncateSync(path, length)),
    copyFile: later((src: PathLike, dest: PathLike, mode?: number) => fs.copyFileSync(src, dest, mode)),
    mkdir: later((path: PathLike, options?: MakeDirectoryOptions | number | null) => fs.mkdirSync(path, options)),
    symlink: later((target: PathLike, path: PathLike) => fs.symlinkSync(target, path)),
    unlink: later((path: PathLike) => fs.unlinkSync(path)),
    rmdir: later((path: PathLike, options?: { readonly recursive?: boolean }) => fs.rmdirSync(path, options)),
    rm: later((path: PathLike, options?: RmOptions) => fs.rmSync(path, options)),
    rename: later((oldPath: PathLike, newPath: PathLike) => fs.renameSync(oldPath, newPath)),
    chmod: later((path: PathLike, mode: number | string) => fs.chmodSync(path, mode)),
    chown: later((path: PathLike, uid: number, gid: number) => fs.chownSync(path, uid, gid)),
    lchown: later((path: PathLike, uid: number, gid: number) => fs.lchownSync(path, uid, gid)),
    utimes: later((path: PathLike, atime: TimeLike, mtime: TimeLike) => fs.utimesSync(path, atime, mtime)),
    lutimes: later((path: PathLike, atime: TimeLike, mtime: TimeLike) => fs.lutimesSync(path, atime, mtime)),
  };
}
