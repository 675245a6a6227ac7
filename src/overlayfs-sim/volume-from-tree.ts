// Builds a memfs volume from the tree notation with exact modes, owners, times, symlinks and device nodes,
// which `Volume.fromJSON` cannot express. Xattrs are dropped: memfs cannot store them.
import type { Volume } from 'memfs';
import { compileTree } from './compile-tree.js';
import { PERMISSION_BITS } from './file-type.js';
import {
  createInode,
  type MemfsLink,
  newCore,
  rootLink,
  setInodeAttributes,
  setInodeTimes,
  volumeAround,
} from './memfs-inodes.js';
import type { TreeDirectory, TreeNode } from './tree-node.js';

/** A new memfs volume holding `tree`; every inode gets the tree's attributes (root-owned, mtime 0 by default). */
export function volumeFromTree(tree: TreeDirectory | TreeNode): Volume {
  const entries = compileTree(tree);
  const core = newCore();
  const links = new Map<string, MemfsLink>();
  for (const entry of entries.values()) {
    const { stat } = entry;
    if (entry.path === '/') {
      const root = rootLink(core);
      setInodeAttributes(root, { mode: stat.mode & PERMISSION_BITS, uid: stat.uid, gid: stat.gid }, stat.mtimeMs);
      links.set('/', root);
      continue;
    }
    const cut = entry.path.lastIndexOf('/');
    const parent = links.get(cut === 0 ? '/' : entry.path.slice(0, cut)) as MemfsLink;
    const inode = {
      type: entry.type,
      mode: stat.mode & PERMISSION_BITS,
      uid: stat.uid,
      gid: stat.gid,
      mtimeMs: stat.mtimeMs,
      rdev: stat.rdev,
      ...(entry.target !== undefined ? { target: entry.target } : {}),
      ...(entry.content !== undefined ? { content: entry.content } : {}),
    };
    links.set(entry.path, createInode(core, parent, entry.path.slice(cut + 1), inode, stat.mtimeMs));
  }
  // Creating children stamped each directory's mtime; put the tree's times back, parents after children.
  for (const entry of [...entries.values()].reverse()) {
    const link = links.get(entry.path) as MemfsLink;
    setInodeTimes(link, entry.stat.mtimeMs, entry.stat.mtimeMs, entry.stat.mtimeMs);
  }
  return volumeAround(core);
}
