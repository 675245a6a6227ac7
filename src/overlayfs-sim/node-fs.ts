// A node:fs-compatible facade over a mount table (or a single filesystem), so code written against node:fs runs
// against a simulated node: sync calls with node's names and overloads, and their promise forms under `promises`.
import { F_OK, R_OK, W_OK, X_OK } from './credentials.js';
import type { Filesystem } from './filesystem.js';
import { FsCallContext, type NodeFsOptions, type PathLike } from './fs-call-context.js';
import { MountTable } from './mount-table.js';
import { chmod, chown, lchown, lutimes, type TimeLike, utimes } from './node-fs-attributes.js';
import { makeNodeFsPromises, type NodeFsPromises } from './node-fs-promises.js';
import {
  access,
  type EncodingOption,
  exists,
  lstat,
  type ReaddirOptions,
  type ReadOptions,
  readdir,
  readFile,
  readlink,
  type StatOptions,
  stat,
  type TextOptions,
} from './node-fs-read.js';
import { jsRealpath, nativeRealpath } from './node-fs-realpath.js';
import { type RmOptions, rename, rm, rmdir, unlink } from './node-fs-remove.js';
import { getxattr, listxattr, type StatFs, statfs } from './node-fs-statfs.js';
import {
  appendFile,
  copyFile,
  type MakeDirectoryOptions,
  mkdir,
  symlink,
  truncate,
  type WriteData,
  type WriteOptions,
  writeFile,
} from './node-fs-write.js';
import type { Dirent, Stats } from './stats.js';

export interface NodeFs {
  statSync(path: PathLike, options?: StatOptions & { readonly throwIfNoEntry?: true }): Stats;
  statSync(path: PathLike, options: StatOptions): Stats | undefined;
  lstatSync(path: PathLike, options?: StatOptions & { readonly throwIfNoEntry?: true }): Stats;
  lstatSync(path: PathLike, options: StatOptions): Stats | undefined;
  readFileSync(path: PathLike, options?: ReadOptions): Buffer;
  readFileSync(path: PathLike, options: TextOptions): string;
  readFileSync(path: PathLike, options?: EncodingOption): Buffer | string;
  readdirSync(
    path: PathLike,
    options?: (ReaddirOptions & { readonly withFileTypes?: false }) | BufferEncoding | null,
  ): string[];
  readdirSync(path: PathLike, options: ReaddirOptions & { readonly withFileTypes: true }): Dirent[];
  readlinkSync(path: PathLike, options?: EncodingOption): string;
  realpathSync: ((path: PathLike, options?: EncodingOption) => string) & {
    native(path: PathLike, options?: EncodingOption): string;
  };
  existsSync(path: PathLike): boolean;
  accessSync(path: PathLike, mode?: number): void;
  statfsSync(path: PathLike): StatFs;
  /** Not in node:fs: listxattr(2), following symlinks. */
  listxattrSync(path: PathLike): string[];
  /** Not in node:fs: getxattr(2), following symlinks; undefined when the attribute is not set. */
  getxattrSync(path: PathLike, name: string): Buffer | undefined;

  writeFileSync(path: PathLike, data: WriteData, options?: WriteOptions): void;
  appendFileSync(path: PathLike, data: WriteData, options?: WriteOptions): void;
  truncateSync(path: PathLike, length?: number): void;
  copyFileSync(src: PathLike, dest: PathLike, mode?: number): void;
  mkdirSync(path: PathLike, options?: MakeDirectoryOptions | number | null): string | undefined;
  symlinkSync(target: PathLike, path: PathLike, type?: string | null): void;
  unlinkSync(path: PathLike): void;
  rmdirSync(path: PathLike, options?: { readonly recursive?: boolean }): void;
  rmSync(path: PathLike, options?: RmOptions): void;
  renameSync(oldPath: PathLike, newPath: PathLike): void;
  chmodSync(path: PathLike, mode: number | string): void;
  chownSync(path: PathLike, uid: number, gid: number): void;
  lchownSync(path: PathLike, uid: number, gid: number): void;
  utimesSync(path: PathLike, atime: TimeLike, mtime: TimeLike): void;
  lutimesSync(path: PathLike, atime: TimeLike, mtime: TimeLike): void;

  readonly promises: NodeFsPromises;
  readonly constants: {
    readonly F_OK: 0;
    readonly R_OK: 4;
    readonly W_OK: 2;
    readonly X_OK: 1;
    readonly COPYFILE_EXCL: 1;
  };
  /** The namespace the calls go to. */
  readonly mounts: MountTable;
}

/** A node:fs-style object over `target`; a single filesystem is mounted at `/` of a new mount table. */
export function createNodeFs(target: MountTable | Filesystem, options: NodeFsOptions = {}): NodeFs {
  let table: MountTable;
  if (target instanceof MountTable) {
    table = target;
  } else {
    table = new MountTable();
    table.mount('/', target);
  }
  const ctx = new FsCallContext(table, options);
  const realpathSync = Object.assign((path: PathLike) => jsRealpath(ctx, path), {
    native: (path: PathLike) => nativeRealpath(ctx, path),
  });
  const sync = {
    statSync: (path: PathLike, opts?: StatOptions) => stat(ctx, path, opts),
    lstatSync: (path: PathLike, opts?: StatOptions) => lstat(ctx, path, opts),
    readFileSync: (path: PathLike, opts?: EncodingOption) => readFile(ctx, path, opts),
    readdirSync: (path: PathLike, opts?: ReaddirOptions | BufferEncoding | null) => readdir(ctx, path, opts),
    readlinkSync: (path: PathLike, opts?: EncodingOption) => readlink(ctx, path, opts),
    realpathSync,
    existsSync: (path: PathLike) => exists(ctx, path),
    accessSync: (path: PathLike, mode?: number) => access(ctx, path, mode),
    statfsSync: (path: PathLike) => statfs(ctx, path),
    listxattrSync: (path: PathLike) => listxattr(ctx, path),
    getxattrSync: (path: PathLike, name: string) => getxattr(ctx, path, name),
    writeFileSync: (path: PathLike, data: WriteData, opts?: WriteOptions) => writeFile(ctx, path, data, opts),
    appendFileSync: (path: PathLike, data: WriteData, opts?: WriteOptions) => appendFile(ctx, path, data, opts),
    truncateSync: (path: PathLike, length?: number) => truncate(ctx, path, length),
    copyFileSync: (src: PathLike, dest: PathLike, mode?: number) => copyFile(ctx, src, dest, mode),
    mkdirSync: (path: PathLike, opts?: MakeDirectoryOptions | number | null) => mkdir(ctx, path, opts),
    symlinkSync: (target: PathLike, path: PathLike) => symlink(ctx, target, path),
    unlinkSync: (path: PathLike) => unlink(ctx, path),
    rmdirSync: (path: PathLike, opts?: { readonly recursive?: boolean }) => rmdir(ctx, path, opts),
    rmSync: (path: PathLike, opts?: RmOptions) => rm(ctx, path, opts),
    renameSync: (oldPath: PathLike, newPath: PathLike) => rename(ctx, oldPath, newPath),
    chmodSync: (path: PathLike, mode: number | string) => chmod(ctx, path, mode),
    chownSync: (path: PathLike, uid: number, gid: number) => chown(ctx, path, uid, gid),
    lchownSync: (path: PathLike, uid: number, gid: number) => lchown(ctx, path, uid, gid),
    utimesSync: (path: PathLike, atime: TimeLike, mtime: TimeLike) => utimes(ctx, path, atime, mtime),
    lutimesSync: (path: PathLike, atime: TimeLike, mtime: TimeLike) => lutimes(ctx, path, atime, mtime),
  };
  const constants = { F_OK, R_OK, W_OK, X_OK, COPYFILE_EXCL: 1 } as const;
  return { ...sync, promises: makeNodeFsPromises(sync), constants, mounts: table } as NodeFs;
}
