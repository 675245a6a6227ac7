// The removing and moving side of the node:fs facade: unlink, rmdir, rm and rename, with Linux's checks
// (EISDIR, ENOTDIR, ENOTEMPTY, EBUSY on mount points, EXDEV across mounts, EINVAL into its own subtree).
import { W_OK, X_OK } from './credentials.js';
import type { FsCallContext, PathLike } from './fs-call-context.js';
import { FsError, type FsErrorCode, RmDirectoryError } from './fs-error.js';
import { type Location, type Resolution, withoutTrailingSlashes } from './path-resolver.js';

export interface RmOptions {
  /** Ignore a missing path (default false). */
  readonly force?: boolean;
  /** Remove directories and their contents (default false). */
  readonly recursive?: boolean;
}

/** The entry a removal names; the root, `.` and `..` cannot be removed. */
type RemovingCall = 'unlink' | 'rmdir' | 'rename';

/** What each system call says when the last name is not a name (the kernel's LAST_ROOT, LAST_DOT, LAST_DOTDOT). */
const NOT_A_NAME: Readonly<Record<RemovingCall, Readonly<Record<'root' | '.' | '..', FsErrorCode>>>> = {
  unlink: { root: 'EISDIR', '.': 'EISDIR', '..': 'EISDIR' },
  rmdir: { root: 'EBUSY', '.': 'EINVAL', '..': 'ENOTEMPTY' },
  rename: { root: 'EBUSY', '.': 'EBUSY', '..': 'EBUSY' },
};

/**
 * The entry a removing call works on. node's `rm` (not a system call) removes a directory with rmdir, which is
 * what refuses "." and ".." there (node's rimraf would empty ".." before giving up; that is not reproduced).
 */
function removable(ctx: FsCallContext, found: Resolution, syscall: RemovingCall | 'rm', shown: string): Location {
  const at = found.location as Location;
  if (found.name === '') {
    const last = withoutTrailingSlashes(ctx.absolute(shown)).split('/').pop() ?? '';
    const codes = NOT_A_NAME[syscall === 'rm' ? 'rmdir' : syscall];
    throw new FsError(codes[last === '.' || last === '..' ? last : 'root'], syscall);
  }
  if (ctx.table.isMountPoint(at.path)) throw new FsError('EBUSY', syscall);
  return at;
}

function removeEntry(ctx: FsCallContext, found: Resolution): void {
  const fs = ctx.requireWritable(found.parent);
  ctx.requirePermission(found.parent, W_OK | X_OK);
  fs.remove(found.parent.dentry, found.name);
}

export function unlink(ctx: FsCallContext, path: PathLike): void {
  const shown = ctx.pathArgument(path);
  ctx.call('unlink', shown, () => {
    // the last name is never followed; a trailing slash on anything but a directory is ENOTDIR
    const found = ctx.resolveName(shown, 'unlink');
    const at = removable(ctx, found, 'unlink', shown);
    if (at.dentry.type === 'directory') throw new FsError('EISDIR', 'unlink');
    if (shown.endsWith('/')) throw new FsError('ENOTDIR', 'unlink');
    removeEntry(ctx, found);
  });
}

export function rmdir(ctx: FsCallContext, path: PathLike, options?: { readonly recursive?: boolean }): void {
  if (options?.recursive === true) {
    rm(ctx, path, { recursive: true });
    return;
  }
  const shown = ctx.pathArgument(path);
  ctx.call('rmdir', shown, () => {
    // the last name is never followed, trailing slash or not: a symlink to a directory is ENOTDIR
    const found = ctx.resolveName(shown, 'rmdir');
    const at = removable(ctx, found, 'rmdir', shown);
    if (at.dentry.type !== 'directory') throw new FsError('ENOTDIR', 'rmdir');
    removeEntry(ctx, found);
  });
}

/** Removes everything below a directory, depth first, without following symlinks. */
function removeContents(ctx: FsCallContext, dir: Location): void {
  for (const entry of dir.mount.filesystem.readdir(dir.dentry)) {
    const child = ctx.table.child(dir, entry.name);
    if (child === undefined) continue;
    if (ctx.table.isMountPoint(child.path)) throw new FsError('EBUSY', 'rm');
    if (child.dentry.type === 'directory') removeContents(ctx, child);
    removeEntry(ctx, { location: child, parent: dir, name: entry.name, directoryOnly: false });
  }
}

export function rm(ctx: FsCallContext, path: PathLike, options?: RmOptions): void {
  const shown = ctx.pathArgument(path);
  ctx.call('rm', shown, () => {
    let found: Resolution;
    try {
      found = ctx.resolve(shown, 'lstat', false);
    } catch (err) {
      if (options?.force === true && err instanceof FsError && err.code === 'ENOENT') return;
      throw err;
    }
    // Like node, refuse a directory without `recursive` before looking any further.
    if (found.location?.dentry.type === 'directory' && options?.recursive !== true) throw new RmDirectoryError(shown);
    // what lstat found is removed by unlink or rmdir, which never follow the last name: a trailing slash that made
    // lstat follow a symlink to a directory leaves rmdir with the symlink, and ENOTDIR
    const entry = ctx.resolveName(shown, 'rm');
    const isDirectory = found.location?.dentry.type === 'directory';
    if (isDirectory && entry.location?.dentry.type !== 'directory') throw new FsError('ENOTDIR', 'rm');
    const at = removable(ctx, entry, 'rm', shown);
    if (isDirectory) {
      ctx.requireWritable(at);
      removeContents(ctx, at);
    }
    removeEntry(ctx, entry);
  });
}

export function rename(ctx: FsCallContext, oldPath: PathLike, newPath: PathLike): void {
  const from = ctx.pathArgument(oldPath);
  const to = ctx.pathArgument(newPath);
  ctx.call(
    'rename',
    from,
    () => {
      // As the kernel does: both parents are looked up before either last name, neither last name is followed (a
      // trailing slash only demands directories), and a missing source comes before anything about the target.
      const source = ctx.resolveName(from, 'rename', true);
      const target = ctx.resolveName(to, 'rename', true);
      // ".", ".." and the root are refused on either side before the source is looked for
      if (source.name === '' || target.name === '') throw new FsError('EBUSY', 'rename');
      if (source.location === undefined) throw new FsError('ENOENT', 'rename');
      const src = removable(ctx, source, 'rename', from);
      // Mounts are kept by path here, so a directory with mounts below it stays put (Linux would move them along).
      if (ctx.table.hasMountsAtOrBelow(src.path)) throw new FsError('EBUSY', 'rename');
      if (target.location !== undefined && ctx.table.isMountPoint(target.location.path)) {
        throw new FsError('EBUSY', 'rename');
      }
      if (source.parent.mount !== target.parent.mount) throw new FsError('EXDEV', 'rename');
      const fs = ctx.requireWritable(source.parent);
      ctx.requirePermission(source.parent, W_OK | X_OK);
      ctx.requirePermission(target.parent, W_OK | X_OK);
      const dst = target.location;
      const isDirectory = src.dentry.type === 'directory';
      if (!isDirectory && (from.endsWith('/') || to.endsWith('/'))) throw new FsError('ENOTDIR', 'rename');
      if (dst?.path === src.path) return;
      if (isDirectory && (target.parent.path === src.path || target.parent.path.startsWith(`${src.path}/`))) {
        throw new FsError('EINVAL', 'rename');
      }
      // the kernel refuses a target that is an ancestor of the source before it looks at types
      if (dst !== undefined && src.path.startsWith(`${dst.path}/`)) throw new FsError('ENOTEMPTY', 'rename');
      if (dst !== undefined) {
        if (isDirectory && dst.dentry.type !== 'directory') throw new FsError('ENOTDIR', 'rename');
        if (!isDirectory && dst.dentry.type === 'directory') throw new FsError('EISDIR', 'rename');
      }
      // a directory replaced must be empty: the filesystem checks, after its own refusals (overlayfs's EXDEV)
      fs.rename(source.parent.dentry, source.name, target.parent.dentry, target.name);
    },
    to,
  );
}
