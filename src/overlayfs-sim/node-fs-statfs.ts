// statfs and extended attributes through the node:fs facade: `statfsSync` as node has it (fs.StatFs fields), and
// `listxattrSync`/`getxattrSync`, which node lacks, shaped like listxattr(2)/getxattr(2): they follow symlinks,
// and a missing attribute is undefined rather than ENODATA.

import type { FilesystemStatfs } from './filesystem.js';
import type { FsCallContext, PathLike } from './fs-call-context.js';
import type { Location } from './path-resolver.js';

/** What `statfsSync` returns: node's fs.StatFs (number form). */
export type StatFs = FilesystemStatfs;

/** Blocks of a filesystem that reports none (proc, sysfs and the like report zero too). */
const NO_BLOCKS: StatFs = { type: 0, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0 };

export function statfs(ctx: FsCallContext, path: PathLike): StatFs {
  const shown = ctx.pathArgument(path);
  return ctx.call('statfs', shown, () => {
    const at = ctx.resolve(shown, 'statfs', true).location as Location;
    return { ...(at.mount.filesystem.statfs?.() ?? NO_BLOCKS) };
  });
}

export function listxattr(ctx: FsCallContext, path: PathLike): string[] {
  const shown = ctx.pathArgument(path);
  return ctx.call('listxattr', shown, () => {
    const at = ctx.resolve(shown, 'listxattr', true).location as Location;
    return [...(at.mount.filesystem.listxattr?.(at.dentry) ?? [])];
  });
}

export function getxattr(ctx: FsCallContext, path: PathLike, name: string): Buffer | undefined {
  const shown = ctx.pathArgument(path);
  return ctx.call('getxattr', shown, () => {
    const at = ctx.resolve(shown, 'getxattr', true).location as Location;
    const value = at.mount.filesystem.getxattr?.(at.dentry, name);
    return value === undefined ? undefined : Buffer.from(value);
  });
}
