// Path lookup inside one image, with Linux semantics as if the image were the root: "." and
// ".." components, symlinks followed in intermediate components (and in the last one when
// asked), absolute targets resolved from the image root, at most 40 links per lookup.
import type { ImageCore } from './image-core.js';
import type { Inode } from './inode.js';
import { decodeUtf8 } from './le-bytes.js';
import { SquashfsFsError } from './squashfs-fs-error.js';

export const MAX_SYMLINK_FOLLOWS = 40;

export interface ResolvedInode {
  readonly ref: number;
  readonly inode: Inode;
}

export type FollowMode = 'follow' | 'nofollow';

/** Resolves `path` (absolute or relative to the image root); throws SquashfsFsError on a miss. */
export function resolvePath(core: ImageCore, path: string, follow: FollowMode, syscall: string): ResolvedInode {
  const stack: ResolvedInode[] = [core.root];
  const pending = components(path).reverse();
  const mustBeDirectory = path.endsWith('/');
  let links = 0;
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (name === '..') {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const parent = stack[stack.length - 1] as ResolvedInode;
    if (parent.inode.kind !== 'directory') throw new SquashfsFsError('ENOTDIR', syscall, path);
    const entry = core.lookup(parent.ref, parent.inode, name);
    if (entry === undefined) throw new SquashfsFsError('ENOENT', syscall, path);
    const inode = core.entryInode(entry);
    const last = pending.length === 0;
    if (inode.kind === 'symlink' && (!last || follow === 'follow' || mustBeDirectory)) {
      if (++links > MAX_SYMLINK_FOLLOWS) throw new SquashfsFsError('ELOOP', syscall, path);
      const target = decodeUtf8(inode.target);
      if (target === '') throw new SquashfsFsError('ENOENT', syscall, path);
      if (target.startsWith('/')) stack.length = 1;
      pending.push(...components(target).reverse());
      continue;
    }
    stack.push({ ref: entry.inodeRef, inode });
  }
  const found = stack[stack.length - 1] as ResolvedInode;
  if (mustBeDirectory && found.inode.kind !== 'directory') throw new SquashfsFsError('ENOTDIR', syscall, path);
  return found;
}

function components(path: string): string[] {
  return path.split('/').filter((c) => c !== '' && c !== '.');
}
