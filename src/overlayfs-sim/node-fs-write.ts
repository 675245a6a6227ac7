// The creating side of the node:fs facade: writeFile, appendFile, truncate, copyFile, mkdir and symlink.
// Writes go to the filesystem mounted where the path resolves; a read-only mount fails with EROFS.
import { R_OK, W_OK, X_OK } from './credentials.js';
import type { Dentry } from './filesystem.js';
import type { FsCallContext, PathLike } from './fs-call-context.js';
import { FsError, type FsErrorCode, isFsError } from './fs-error.js';
import type { Location, Resolution } from './path-resolver.js';

export interface WriteFileOptions {
  readonly encoding?: BufferEncoding | null;
  /** Permission bits for a new file, before the umask (default 0o666). */
  readonly mode?: number;
  /** `w` (default), `wx`, `a`, `ax`, `w+`, `a+`, `r+`. */
  readonly flag?: string;
}

/** writeFile's and appendFile's options argument: the options object, an encoding alone, or null. */
export type WriteOptions = WriteFileOptions | BufferEncoding | null;

export interface MakeDirectoryOptions {
  readonly recursive?: boolean;
  /** Permission bits, before the umask (default 0o777). */
  readonly mode?: number;
}

export type WriteData = string | NodeJS.ArrayBufferView;

interface OpenFlags {
  readonly create: boolean;
  readonly exclusive: boolean;
  readonly truncate: boolean;
  readonly append: boolean;
}

function parseFlag(flag: string): OpenFlags {
  const base = flag.replace(/[s+]/g, '');
  switch (base) {
    case 'w':
    case 'wx':
    case 'xw':
      return { create: true, exclusive: base !== 'w', truncate: true, append: false };
    case 'a':
    case 'ax':
    case 'xa':
      return { create: true, exclusive: base !== 'a', truncate: false, append: true };
    case 'r':
      return { create: false, exclusive: false, truncate: false, append: false };
    default:
      throw new FsError('EINVAL', 'open');
  }
}

function toBytes(data: WriteData, encoding: BufferEncoding | null | undefined): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, encoding ?? 'utf8');
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Opens (creating if the flags allow) a regular file for writing, as open(2) would; returns its location. */
function openForWrite(ctx: FsCallContext, shown: string, flags: OpenFlags, mode: number): Location {
  // O_CREAT|O_EXCL never follows a symlink at the end: an existing name of any kind is EEXIST
  const found = ctx.resolve(shown, 'open', !flags.exclusive, flags.create, flags.create);
  const at = found.location;
  if (at !== undefined) {
    if (flags.exclusive) throw new FsError('EEXIST', 'open');
    if (at.dentry.type === 'directory') throw new FsError('EISDIR', 'open');
    const fs = ctx.requireWritable(at);
    ctx.requirePermission(at, W_OK);
    if (flags.truncate && at.dentry.type === 'file') fs.truncate(at.dentry, 0);
    return at;
  }
  if (found.directoryOnly) throw new FsError('EISDIR', 'open');
  const fs = ctx.requireWritable(found.parent);
  ctx.requirePermission(found.parent, W_OK | X_OK);
  const { uid, gid } = ctx.credentials;
  const dentry = fs.create(found.parent.dentry, found.name, { type: 'file', mode: mode & ~ctx.umask, uid, gid });
  return { mount: found.parent.mount, dentry, path: dentry.path };
}

function writeAt(at: Location, bytes: Uint8Array, append: boolean): void {
  if (at.dentry.type !== 'file') return; // devices and fifos swallow writes here
  const fs = at.mount.filesystem;
  const position = append ? fs.stat(at.dentry).size : 0;
  fs.write(at.dentry, bytes, position);
}

export function writeFile(
  ctx: FsCallContext,
  path: PathLike,
  data: WriteData,
  options?: WriteFileOptions | BufferEncoding | null,
): void {
  const shown = ctx.pathArgument(path);
  const opts = typeof options === 'string' ? { encoding: options } : (options ?? {});
  const flags = parseFlag(opts.flag ?? 'w');
  ctx.call('open', shown, () => {
    const at = openForWrite(ctx, shown, flags, opts.mode ?? 0o666);
    writeAt(at, toBytes(data, opts.encoding), flags.append);
  });
}

export function appendFile(
  ctx: FsCallContext,
  path: PathLike,
  data: WriteData,
  options?: WriteFileOptions | BufferEncoding | null,
): void {
  const opts = typeof options === 'string' ? { encoding: options } : (options ?? {});
  writeFile(ctx, path, data, { ...opts, flag: opts.flag ?? 'a' });
}

export function truncate(ctx: FsCallContext, path: PathLike, length = 0): void {
  const shown = ctx.pathArgument(path);
  ctx.call('open', shown, () => {
    const at = ctx.resolve(shown, 'open', true).location as Location;
    if (at.dentry.type === 'directory') throw new FsError('EISDIR', 'open');
    const fs = ctx.requireWritable(at);
    ctx.requirePermission(at, W_OK);
    if (at.dentry.type === 'file') fs.truncate(at.dentry, Math.max(0, length));
  });
}

/** copyFile; `mode` may hold COPYFILE_EXCL (1) to fail when the destination exists. */
export function copyFile(ctx: FsCallContext, src: PathLike, dest: PathLike, mode = 0): void {
  const from = ctx.pathArgument(src);
  const to = ctx.pathArgument(dest);
  ctx.call(
    'copyfile',
    from,
    () => {
      const source = ctx.resolve(from, 'copyfile', true).location as Location;
      ctx.requirePermission(source, R_OK);
      const fs = source.mount.filesystem;
      const permissions = fs.stat(source.dentry).mode & 0o7777;
      // as node's libuv: open the destination (created with the source's mode, not truncated yet); copying a file
      // onto itself changes nothing; otherwise the destination takes the source's mode and is truncated, and when
      // reading the source fails (a directory) the destination path is unlinked, even if it existed before
      const flags = { create: true, exclusive: (mode & 1) !== 0, truncate: false, append: false };
      const target = openForWrite(ctx, to, flags, permissions | ctx.umask);
      // (the same file by place: opening a lower file for writing copies it up, a new dentry for the same inode)
      if (target.mount === source.mount && target.path === source.path) return;
      const out = ctx.requireWritable(target);
      out.setAttributes(target.dentry, { mode: permissions });
      out.truncate(target.dentry, 0);
      if (source.dentry.type === 'directory') {
        const made = ctx.resolve(to, 'copyfile', false);
        ctx.requireWritable(made.parent).remove(made.parent.dentry, made.name);
        throw new FsError('EISDIR', 'copyfile');
      }
      writeAt(target, Buffer.from(fs.read(source.dentry, 0, fs.stat(source.dentry).size)), false);
    },
    to,
  );
}

function makeOne(ctx: FsCallContext, parent: Location, name: string, mode: number): Dentry {
  const fs = ctx.requireWritable(parent);
  ctx.requirePermission(parent, W_OK | X_OK);
  const { uid, gid } = ctx.credentials;
  return fs.create(parent.dentry, name, { type: 'directory', mode: mode & ~ctx.umask & 0o7777, uid, gid });
}

/** mkdir; with `recursive`, returns the first directory created (undefined when none was). */
export function mkdir(
  ctx: FsCallContext,
  path: PathLike,
  options?: MakeDirectoryOptions | number | null,
): string | undefined {
  const shown = ctx.pathArgument(path);
  const opts = typeof options === 'number' ? { mode: options } : (options ?? {});
  const mode = opts.mode ?? 0o777;
  return ctx.call('mkdir', shown, () => {
    if (opts.recursive !== true) {
      const code = mkdirOnce(ctx, shown, mode);
      if (code !== undefined) throw new FsError(code, 'mkdir');
      return undefined;
    }
    return mkdirp(ctx, ctx.absolute(shown), mode);
  });
}

/** mkdir(2): the last name is never followed, even through a trailing slash (an existing symlink is EEXIST). */
function mkdirOnce(ctx: FsCallContext, path: string, mode: number): FsErrorCode | undefined {
  let found: Resolution;
  try {
    found = ctx.resolveName(path, 'mkdir', true);
  } catch (err) {
    if (isFsError(err)) return err.code;
    throw err;
  }
  // Linux reports an existing name before a read-only filesystem.
  if (found.location !== undefined || found.name === '') return 'EEXIST';
  makeOne(ctx, found.parent, found.name, mode);
  return undefined;
}

/**
 * node's recursive mkdir (MKDirpSync): mkdir the path; on ENOENT make its dirname first and try again; on any other
 * failure stat the path, which is fine if a directory, EEXIST if anything else (ENOTDIR for an ancestor), and its
 * own error if the stat fails. Returns the first directory it created.
 */
function mkdirp(ctx: FsCallContext, path: string, mode: number): string | undefined {
  const pending = [path];
  let first: string | undefined;
  while (pending.length > 0) {
    const next = pending.pop() as string;
    const code = mkdirOnce(ctx, next, mode);
    if (code === undefined) {
      first ??= next;
      continue;
    }
    if (code === 'EACCES' || code === 'ENOTDIR' || code === 'EPERM') throw new FsError(code, 'mkdir');
    if (code === 'ENOENT') {
      const cut = next.lastIndexOf('/');
      const dirname = cut <= 0 ? '/' : next.slice(0, cut);
      if (dirname === next) throw new FsError('EEXIST', 'mkdir');
      pending.push(next, dirname);
      continue;
    }
    let stat: Location;
    try {
      stat = ctx.resolve(next, 'stat', true).location as Location;
    } catch (err) {
      if (isFsError(err)) throw new FsError(err.code, 'mkdir');
      throw err;
    }
    if (stat.dentry.type !== 'directory')
      throw new FsError(code === 'EEXIST' && pending.length > 0 ? 'ENOTDIR' : 'EEXIST', 'mkdir');
  }
  return first;
}

export function symlink(ctx: FsCallContext, target: PathLike, path: PathLike): void {
  const targetText = ctx.pathArgument(target);
  const shown = ctx.pathArgument(path);
  // node names the target first: `symlink '<target>' -> '<path>'`.
  ctx.call(
    'symlink',
    targetText,
    () => {
      // the new name is never followed; with a trailing slash it must exist (and so is EEXIST) or it is ENOENT
      const found = ctx.resolveName(shown, 'symlink', true);
      if (found.location !== undefined || found.name === '') throw new FsError('EEXIST', 'symlink');
      if (shown.endsWith('/')) throw new FsError('ENOENT', 'symlink');
      const fs = ctx.requireWritable(found.parent);
      ctx.requirePermission(found.parent, W_OK | X_OK);
      const { uid, gid } = ctx.credentials;
      fs.create(found.parent.dentry, found.name, { type: 'symlink', mode: 0o777, uid, gid, target: targetText });
    },
    shown,
  );
}
