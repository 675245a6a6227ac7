// The read side of the node:fs facade: stat, lstat, readFile, readdir, readlink, exists and access,
// with node's argument forms, results and error messages.
import { F_OK, R_OK, W_OK, X_OK } from './credentials.js';
import type { FsCallContext, PathLike } from './fs-call-context.js';
import { FsError, isFsError } from './fs-error.js';
import type { LayerDirent } from './layer.js';
import { joinPath } from './overlay-dentry.js';
import type { Location } from './path-resolver.js';
import { Dirent, type Stats } from './stats.js';

export interface StatOptions {
  /** With `false`, a missing path gives undefined instead of ENOENT (default true). */
  readonly throwIfNoEntry?: boolean;
}

export type EncodingOption =
  | BufferEncoding
  | { readonly encoding?: BufferEncoding | null; readonly flag?: string }
  | null;

/** readFile's options when it returns a Buffer: no encoding, and an optional open flag. */
export type ReadOptions = { readonly encoding?: null; readonly flag?: string } | null;

/** readFile's options when it returns a string: an encoding, alone or with an open flag. */
export type TextOptions = BufferEncoding | { readonly encoding: BufferEncoding; readonly flag?: string };

export interface ReaddirOptions {
  readonly withFileTypes?: boolean;
  readonly recursive?: boolean;
  readonly encoding?: BufferEncoding | null;
}

const encodingOf = (options: EncodingOption | undefined): BufferEncoding | undefined =>
  typeof options === 'string' ? options : (options?.encoding ?? undefined);

function statCall(
  ctx: FsCallContext,
  path: PathLike,
  follow: boolean,
  options: StatOptions | undefined,
): Stats | undefined {
  const shown = ctx.pathArgument(path);
  const syscall = follow ? 'stat' : 'lstat';
  try {
    return ctx.call(syscall, shown, () => ctx.stats(ctx.resolve(shown, syscall, follow).location as Location));
  } catch (err) {
    if (options?.throwIfNoEntry === false && isFsError(err, 'ENOENT')) return undefined;
    throw err;
  }
}

export function stat(ctx: FsCallContext, path: PathLike, options?: StatOptions): Stats | undefined {
  return statCall(ctx, path, true, options);
}

export function lstat(ctx: FsCallContext, path: PathLike, options?: StatOptions): Stats | undefined {
  return statCall(ctx, path, false, options);
}

export function readFile(ctx: FsCallContext, path: PathLike, options?: EncodingOption): Buffer | string {
  const shown = ctx.pathArgument(path);
  const at = ctx.call('open', shown, () => {
    const found = ctx.resolve(shown, 'open', true).location as Location;
    if (found.dentry.type !== 'directory') ctx.requirePermission(found, R_OK);
    return found;
  });
  // node reads before it notices a directory, so the error names `read` and no path.
  if (at.dentry.type === 'directory') throw new FsError('EISDIR', 'read');
  const fs = at.mount.filesystem;
  const content = Buffer.from(fs.read(at.dentry, 0, fs.stat(at.dentry).size));
  const encoding = encodingOf(options);
  return encoding === undefined ? content : content.toString(encoding);
}

function listing(ctx: FsCallContext, at: Location): readonly LayerDirent[] {
  ctx.requirePermission(at, R_OK);
  return at.mount.filesystem.readdir(at.dentry);
}

export function readdir(
  ctx: FsCallContext,
  path: PathLike,
  options?: ReaddirOptions | BufferEncoding | null,
): string[] | Dirent[] {
  const shown = ctx.pathArgument(path);
  const opts = typeof options === 'object' && options !== null ? options : {};
  return ctx.call('scandir', shown, () => {
    const at = ctx.resolve(shown, 'scandir', true).location as Location;
    if (at.dentry.type !== 'directory') throw new FsError('ENOTDIR', 'scandir');
    const entries = listing(ctx, at);
    if (opts.recursive !== true) {
      return opts.withFileTypes === true
        ? entries.map((e) => new Dirent(e.name, shown, e.type))
        : entries.map((e) => e.name);
    }
    // Breadth-first like node's recursive readdir; symlinks to directories are listed, not entered.
    const names: string[] = [];
    const dirents: Dirent[] = [];
    const queue: { readonly at: Location; readonly relative: string; readonly entries: readonly LayerDirent[] }[] = [
      { at, relative: '', entries },
    ];
    for (let i = 0; i < queue.length; i++) {
      const dir = queue[i] as (typeof queue)[number];
      for (const entry of dir.entries) {
        const relative = dir.relative === '' ? entry.name : `${dir.relative}/${entry.name}`;
        names.push(relative);
        dirents.push(new Dirent(entry.name, dir.relative === '' ? shown : joinPath(shown, dir.relative), entry.type));
        if (entry.type !== 'directory') continue;
        const child = ctx.table.child(dir.at, entry.name);
        if (child?.dentry.type === 'directory') queue.push({ at: child, relative, entries: listing(ctx, child) });
      }
    }
    return opts.withFileTypes === true ? dirents : names;
  });
}

export function readlink(ctx: FsCallContext, path: PathLike, options?: EncodingOption): string {
  const shown = ctx.pathArgument(path);
  void options;
  return ctx.call('readlink', shown, () => {
    const at = ctx.resolve(shown, 'readlink', false).location as Location;
    return at.mount.filesystem.readlink(at.dentry);
  });
}

export function exists(ctx: FsCallContext, path: PathLike): boolean {
  try {
    ctx.resolve(ctx.pathArgument(path), 'access', true);
    return true;
  } catch (err) {
    if (isFsError(err)) return false;
    throw err;
  }
}

export function access(ctx: FsCallContext, path: PathLike, mode: number = F_OK): void {
  const shown = ctx.pathArgument(path);
  ctx.call('access', shown, () => {
    const at = ctx.resolve(shown, 'access', true).location as Location;
    if ((mode & W_OK) !== 0 && at.mount.readOnly) throw new FsError('EROFS', 'access');
    if ((mode & (R_OK | W_OK | X_OK)) !== 0) ctx.requirePermission(at, mode & (R_OK | W_OK | X_OK));
  });
}
