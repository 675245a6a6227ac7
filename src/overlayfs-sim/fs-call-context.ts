// What every node:fs-style call shares: turning its path argument into a namespace path, resolving it with the
// caller's credentials, the read-only and permission checks, and raising errors that name the call and the path
// as the caller wrote it.
import { fileURLToPath } from 'node:url';
import { type Credentials, permits, ROOT_CREDENTIALS } from './credentials.js';
import type { Filesystem } from './filesystem.js';
import { FsError, isFsError } from './fs-error.js';
import type { MountTable } from './mount-table.js';
import { type Location, type Resolution, resolvePath, withoutTrailingSlashes } from './path-resolver.js';
import { Stats } from './stats.js';

/** A path argument as node:fs accepts it. */
export type PathLike = string | Buffer | URL;

export interface NodeFsOptions {
  /** Directory relative paths start from (default `/`). */
  readonly cwd?: string;
  /** Who makes the calls (default root: uid 0, gid 0, which bypasses permission checks). */
  readonly credentials?: Credentials;
  /** File mode creation mask (default 0o022). */
  readonly umask?: number;
}

const DEFAULTS = { cwd: '/', credentials: ROOT_CREDENTIALS, umask: 0o022 } as const;

export class FsCallContext {
  readonly cwd: string;
  readonly credentials: Credentials;
  readonly umask: number;

  constructor(
    readonly table: MountTable,
    options: NodeFsOptions = {},
  ) {
    const settings = { ...DEFAULTS, ...options };
    this.cwd = settings.cwd;
    this.credentials = settings.credentials;
    this.umask = settings.umask;
  }

  /** The path as the caller wrote it (for error messages). */
  pathArgument(path: PathLike): string {
    if (typeof path === 'string') return path;
    if (path instanceof URL) return fileURLToPath(path);
    return path.toString('utf8');
  }

  /** The namespace path a caller's path stands for (relative paths start at cwd; nothing normalised away). */
  absolute(path: string): string {
    if (path.startsWith('/')) return path;
    return this.cwd.endsWith('/') ? this.cwd + path : `${this.cwd}/${path}`;
  }

  /** Runs a call, re-raising filesystem errors as this call's, naming the caller's path(s). */
  call<T>(syscall: string, path: string, body: () => T, dest?: string): T {
    try {
      return body();
    } catch (err) {
      if (isFsError(err)) throw new FsError(err.code, syscall, path, dest);
      throw err;
    }
  }

  resolve(path: string, syscall: string, follow: boolean, allowMissing = false, createFile = false): Resolution {
    return resolvePath(this.table, this.absolute(path), {
      follow,
      allowMissing,
      syscall,
      credentials: this.credentials,
      createFile,
    });
  }

  /**
   * What a call that never follows its last name works on (mkdir, symlink, unlink, rmdir, rename, rm's removal):
   * trailing slashes are not looked up; what they demand is up to the call.
   */
  resolveName(path: string, syscall: string, allowMissing = false): Resolution {
    return this.resolve(withoutTrailingSlashes(path), syscall, false, allowMissing);
  }

  /** Fails with EROFS unless the mount of `at` may be written. */
  requireWritable(at: Location): Filesystem {
    if (at.mount.readOnly) throw new FsError('EROFS', 'open');
    return at.mount.filesystem;
  }

  /** Fails with EACCES unless the caller may access `at` for `want` (R_OK | W_OK | X_OK). */
  requirePermission(at: Location, want: number): void {
    if (this.credentials.uid === 0 && (want & 1) === 0) return;
    if (!permits(at.mount.filesystem.stat(at.dentry), this.credentials, want)) throw new FsError('EACCES', 'open');
  }

  /** Fails with EPERM unless the caller owns `at` or is root (chmod, utimes with explicit times). */
  requireOwner(at: Location): void {
    if (this.credentials.uid === 0) return;
    if (at.mount.filesystem.stat(at.dentry).uid !== this.credentials.uid) throw new FsError('EPERM', 'open');
  }

  stats(at: Location): Stats {
    return new Stats(at.mount.dev, at.mount.filesystem.stat(at.dentry));
  }
}
