// realpath as node:fs has it, twice over. `realpathSync.native` is realpath(3): the kernel's resolution. Plain
// `realpathSync` is node's JavaScript implementation, which differs on purpose-built inputs, and code under test
// gets that one: the path is first resolved lexically (".." and trailing slashes folded before any lookup, so
// "file/.." and "file/" succeed), then walked with lstat one component at a time; each symlink's target is resolved
// lexically against the link's directory and the walk starts over. A link that loops or dangles fails in a stat of
// the link, as node's does.
import { posix } from 'node:path';
import type { FsCallContext, PathLike } from './fs-call-context.js';
import { FsError, isFsError } from './fs-error.js';
import type { Location } from './path-resolver.js';

/** The physical path, by node's JavaScript algorithm. Errors name `lstat` or `stat` and the prefix walked. */
export function jsRealpath(ctx: FsCallContext, path: PathLike): string {
  let p = posix.resolve(ctx.absolute(ctx.pathArgument(path)));
  const hard = new Set<string>();
  let current = '/';
  let pos = 1;
  while (pos < p.length) {
    const previous = current;
    const slash = p.indexOf('/', pos);
    const base = previous + p.slice(pos, slash === -1 ? p.length : slash);
    current = slash === -1 ? base : `${base}/`;
    pos = slash === -1 ? p.length : slash + 1;
    if (hard.has(base)) continue;
    const at = ctx.call('lstat', base, () => ctx.resolve(base, 'lstat', false).location as Location);
    if (at.dentry.type !== 'symlink') {
      hard.add(base);
      continue;
    }
    ctx.call('stat', base, () => ctx.resolve(base, 'stat', true));
    const resolvedLink = posix.resolve(previous, at.mount.filesystem.readlink(at.dentry));
    p = posix.resolve(resolvedLink, p.slice(pos));
    current = '/';
    pos = 1;
  }
  return p;
}

/** The physical path by the kernel's resolution (realpath(3)). Errors name `realpath` and the path given. */
export function nativeRealpath(ctx: FsCallContext, path: PathLike): string {
  const shown = ctx.pathArgument(path);
  try {
    return (ctx.resolve(shown, 'realpath', true).location as Location).path;
  } catch (err) {
    if (!isFsError(err)) throw err;
    throw new FsError(err.code, 'realpath', shown);
  }
}
