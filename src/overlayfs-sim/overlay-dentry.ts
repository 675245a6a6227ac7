// What the overlay knows about one merged path: the upper inode (if any), the lower entry the path reaches, and
// which of them supplies the content. The three cases the kernel distinguishes (pure upper, merged, lower only)
// follow from these fields.
import type { Dentry } from './filesystem.js';
import type { IndexEntry } from './lower-index.js';
import type { MemfsLink } from './memfs-inodes.js';

export interface OverlayDentry extends Dentry {
  /** The entry in the upper layer, if there is one (never a whiteout). */
  readonly upper: MemfsLink | undefined;
  /** The upper entry is a directory marked opaque. */
  readonly opaque: boolean;
  /** The merged lower entry at this path, when the parent's lower directory is visible (shown or hidden). */
  readonly lower: IndexEntry | undefined;
  /** The lower entry whose content shows through: a lower-only entry, or a directory merged under the upper one. */
  readonly merged: IndexEntry | undefined;
  /** The overlay's write count when this was looked up; an older dentry is looked up again before use. */
  readonly generation: number;
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export function parentPath(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
