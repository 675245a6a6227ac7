// Path lookup inside one image, with Linux semantics as if the image were the root: "." and
// ".." components, symlinks followed in intermediate components (and in the last one when
// asked), absolute targets resolved from the image root, at most 40 links per lookup.
import type { ImageCore } from './image-core.js';
import type { Inode } from './inode.js';
import { decodeName } from './name-bytes.js';
import { SquashfsFsError } from './squashfs-fs-error.js';

export const MAX_SYMLINK_FOLLOWS = 40;

export interface ResolvedInode {
  readonly ref: number;
  readonly inode: Inode;
}

export type FollowMode = 'follow' | 'nofollow';

/**
 * Where a lookup stands: the directories it is in (for ".."), the symlinks it has followed, and whether what it ends
 * at must be a directory (a trailing slash in the path, or in the target of a symlink followed at its end).
 */
interface LookupState {
  readonly stack: ResolvedInode[];
  links: number;
  directoryOnly: boolean;
}

/**
 * The state after the last parent path resolved in each image. Lookups come in runs of siblings (readdir then stat
 * each name, extraction in walk order), and images never change, so the parent's state can be reused as it is.
 */
const lastParent = new WeakMap<ImageCore, { readonly path: string; readonly state: LookupState }>();

/** Resolves `path` (absolute or relative to the image root); throws SquashfsFsError on a miss. */
export function resolvePath(core: ImageCore, path: string, follow: FollowMode, syscall: string): ResolvedInode {
  const cut = path.lastIndexOf('/');
  const parentPath = cut < 0 ? '' : path.slice(0, cut);
  const memo = lastParent.get(core);
  let state: LookupState;
  if (memo !== undefined && memo.path === parentPath) {
    state = { stack: [...memo.state.stack], links: memo.state.links, directoryOnly: false };
  } else {
    // every component of the parent is an intermediate one of the whole path: symlinks there are always followed
    state = { stack: [core.root], links: 0, directoryOnly: false };
    consume(core, state, components(parentPath), { follow: 'follow', final: false, path, syscall });
    lastParent.set(core, { path: parentPath, state: { ...state, stack: [...state.stack] } });
  }
  state.directoryOnly = path.endsWith('/');
  consume(core, state, components(path.slice(cut + 1)), { follow, final: true, path, syscall });
  const found = state.stack[state.stack.length - 1] as ResolvedInode;
  if (state.directoryOnly && found.inode.kind !== 'directory') throw new SquashfsFsError('ENOTDIR', syscall, path);
  return found;
}

/**
 * Walks `names` from `state`. Only in the `final` part is the last name the last component of the path, whose
 * symlink is followed only with `follow` or when the result must be a directory; symlinks' own components are
 * walked in place.
 */
function consume(
  core: ImageCore,
  state: LookupState,
  names: string[],
  o: { readonly follow: FollowMode; readonly final: boolean; readonly path: string; readonly syscall: string },
): void {
  const { stack } = state;
  const pending = names.reverse();
  while (pending.length > 0) {
    const name = pending.pop() as string;
    const parent = stack[stack.length - 1] as ResolvedInode;
    // like any name, "." and ".." are looked up in a directory: "file/.." is ENOTDIR, as in Linux
    if (parent.inode.kind !== 'directory') throw new SquashfsFsError('ENOTDIR', o.syscall, o.path);
    if (name === '.') continue;
    if (name === '..') {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const entry = core.lookup(parent.ref, parent.inode, name);
    if (entry === undefined) throw new SquashfsFsError('ENOENT', o.syscall, o.path);
    const inode = core.entryInode(entry);
    const last = o.final && pending.length === 0;
    if (inode.kind === 'symlink' && (!last || o.follow === 'follow' || state.directoryOnly)) {
      if (++state.links > MAX_SYMLINK_FOLLOWS) throw new SquashfsFsError('ELOOP', o.syscall, o.path);
      const target = decodeName(inode.target);
      if (target === '') throw new SquashfsFsError('ENOENT', o.syscall, o.path);
      if (last && target.endsWith('/')) state.directoryOnly = true;
      if (target.startsWith('/')) stack.length = 1;
      pending.push(...components(target).reverse());
      continue;
    }
    stack.push({ ref: entry.inodeRef, inode });
  }
}

/** The names of a path; "." stays, since it still requires a directory. */
function components(path: string): string[] {
  return path.split('/').filter((c) => c !== '');
}
