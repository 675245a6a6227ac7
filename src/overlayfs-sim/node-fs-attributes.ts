// The attribute side of the node:fs facade: chmod, chown, lchown, utimes and lutimes.

import type { FsCallContext, PathLike } from './fs-call-context.js';
import { FsError } from './fs-error.js';
import type { Location } from './path-resolver.js';

/** A time argument as node:fs accepts it: seconds (number or numeric string) or a Date. */
export type TimeLike = number | string | Date;

function toMs(time: TimeLike): number {
  if (time instanceof Date) return time.getTime();
  const seconds = typeof time === 'number' ? time : Number(time);
  if (!Number.isFinite(seconds)) throw new FsError('EINVAL', 'utime');
  return seconds * 1000;
}

function parseMode(mode: number | string): number {
  const value = typeof mode === 'number' ? mode : Number.parseInt(mode, 8);
  if (!Number.isInteger(value) || value < 0) throw new FsError('EINVAL', 'chmod');
  return value & 0o7777;
}

export function chmod(ctx: FsCallContext, path: PathLike, mode: number | string): void {
  const shown = ctx.pathArgument(path);
  ctx.call('chmod', shown, () => {
    const at = ctx.resolve(shown, 'chmod', true).location as Location;
    const fs = ctx.requireWritable(at);
    ctx.requireOwner(at);
    fs.setAttributes(at.dentry, { mode: parseMode(mode) });
  });
}

function chownCall(ctx: FsCallContext, path: PathLike, uid: number, gid: number, follow: boolean): void {
  const shown = ctx.pathArgument(path);
  const syscall = follow ? 'chown' : 'lchown';
  ctx.call(syscall, shown, () => {
    const at = ctx.resolve(shown, syscall, follow).location as Location;
    const fs = ctx.requireWritable(at);
    // Only root may give files away; -1 leaves an id unchanged, as in chown(2).
    if (ctx.credentials.uid !== 0) throw new FsError('EPERM', syscall);
    fs.setAttributes(at.dentry, { ...(uid !== -1 ? { uid } : {}), ...(gid !== -1 ? { gid } : {}) });
  });
}

export function chown(ctx: FsCallContext, path: PathLike, uid: number, gid: number): void {
  chownCall(ctx, path, uid, gid, true);
}

export function lchown(ctx: FsCallContext, path: PathLike, uid: number, gid: number): void {
  chownCall(ctx, path, uid, gid, false);
}

function utimesCall(ctx: FsCallContext, path: PathLike, atime: TimeLike, mtime: TimeLike, follow: boolean): void {
  const shown = ctx.pathArgument(path);
  const syscall = follow ? 'utime' : 'lutime';
  ctx.call(syscall, shown, () => {
    const at = ctx.resolve(shown, syscall, follow).location as Location;
    const fs = ctx.requireWritable(at);
    ctx.requireOwner(at);
    fs.setAttributes(at.dentry, { atimeMs: toMs(atime), mtimeMs: toMs(mtime) });
  });
}

export function utimes(ctx: FsCallContext, path: PathLike, atime: TimeLike, mtime: TimeLike): void {
  utimesCall(ctx, path, atime, mtime, true);
}

export function lutimes(ctx: FsCallContext, path: PathLike, atime: TimeLike, mtime: TimeLike): void {
  utimesCall(ctx, path, atime, mtime, false);
}
