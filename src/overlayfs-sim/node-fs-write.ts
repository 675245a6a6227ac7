// The creating side of the node:fs facade: writeFile, appendFile, truncate, copyFile, mkdir and symlink.
// Writes go to the filesystem mounted where the path resolves; a read-only mount fails with EROFS.
import { R_OK, W_OK, X_OK } from './credentials.js';
import type { Dentry } from './filesystem.js';
import type { FsCallContext, PathLike } from './fs-call-context.js';
import { FsError } from './fs-error.js';
import { type Location, withoutTrailingSlashes } from './path-resolver.js';

export interface WriteFileOptions {
  readonly encoding?: BufferEncoding | null;
  /** Permission bits for a new file, before the umask (default 0o666). */
  readonly mode?: number;
  /** `w` (default), `wx`, `a`, `ax`, `w+`, `a+`, `r+`. */
  readonly flag?: string;
}

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
  const found = ctx.resolve(shown, 'open', true, flags.create, flags.create);
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
      if (source.dentry.type === 'directory') throw new FsError('EISDIR', 'copyfile');
      ctx.requirePermission(source, R_OK);
      const fs = source.mount.filesystem;
      const content = Buffer.from(fs.read(source.dentry, 0, fs.stat(source.dentry).size));
      const permissions = fs.stat(source.dentry).mode & 0o7777;
      const flags = { create: true, exclusive: (mode & 1) !== 0, truncate: true, append: false };
      writeAt(openForWrite(ctx, to, flags, permissions | ctx.umask), content, false);
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
      // the last name is never followed, even through a trailing slash: an existing symlink is EEXIST
      const found = ctx.resolve(withoutTrailingSlashes(shown), 'mkdir', false, true);
      // Linux reports an existing name before a read-only filesystem.
      if (found.location !== undefined || found.name === '') throw new FsError('EEXIST', 'mkdir');
      makeOne(ctx, found.parent, found.name, mode);
      return undefined;
    }
    const names = ctx
      .absolute(shown)
      .split('/')
      .filter((n) => n !== '' && n !== '.');
    let first: string | undefined;
    let prefix = '';
    for (const [i, name] of names.entries()) {
      prefix += `/${name}`;
      const found = ctx.resolve(prefix, 'mkdir', true, true);
      if (found.location !== undefined) {
        if (found.location.dentry.type !== 'directory') {
          throw new FsError(i === names.length - 1 ? 'EEXIST' : 'ENOTDIR', 'mkdir');
        }
        continue;
      }
      makeOne(ctx, found.parent, found.name, mode);
      first ??= prefix;
    }
    return first;
  });
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
      const found = ctx.resolve(withoutTrailingSlashes(shown), 'symlink', false, true);
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
