// Applies one image layer (its tar entries) onto a tree, as container runtimes unpack OCI layers: whiteouts first
// (`.wh.<name>` deletes a lower entry, `.wh..wh..opq` empties a lower directory), then the layer's own entries in
// archive order. Whiteouts only ever hide what lower layers put there, as the OCI image spec requires.
import {
  deviceNode,
  directoryNode,
  type FsNode,
  type FsNodeOptions,
  type FsTree,
  lazyFileNode,
  specialNode,
  symlinkNode,
} from '../fs-tree.js';
import type { TarEntry } from '../tar/tar-reader.js';
import { ImageSourceError } from './image-source-error.js';

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** Normalizes an archive path to names below the root; throws for paths that climb out of it. */
function names(entryPath: string, layer: string): string[] {
  const out: string[] = [];
  for (const part of entryPath.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') throw new ImageSourceError({ kind: 'unsafe-path', layer, path: entryPath });
    out.push(part);
  }
  return out;
}

function options(e: TarEntry): FsNodeOptions {
  return { mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime };
}

function withXattrs<T extends FsNode>(node: T, e: TarEntry): T {
  if (Object.keys(e.xattrs).length > 0) node.xattrs = { ...e.xattrs };
  return node;
}

function nodeFor(e: TarEntry): FsNode | undefined {
  const o = options(e);
  switch (e.type) {
    case 'file': {
      const data = e.data;
      return lazyFileNode(data.length, () => data, o);
    }
    case 'directory':
      return directoryNode(o);
    case 'symlink':
      // Linux ignores a symlink's mode: extracted, it is lrwxrwxrwx whatever the tar header says
      return symlinkNode(e.linkname, { ...o, mode: 0o777 });
    case 'char-device':
    case 'block-device':
      return deviceNode(e.type, e.devmajor, e.devminor, o);
    case 'fifo':
      return specialNode('fifo', o);
    case 'hardlink':
      return undefined;
  }
}

/** Applies `entries` (one layer, named `layer` in errors) onto `tree` in place. */
export function applyLayer(tree: FsTree, entries: readonly TarEntry[], layer: string): void {
  const content: { path: string[]; entry: TarEntry }[] = [];
  for (const entry of entries) {
    const path = names(entry.path, layer);
    const base = path[path.length - 1];
    if (base === undefined || !base.startsWith(WHITEOUT)) {
      content.push({ path, entry });
      continue;
    }
    const parent = path.slice(0, -1).join('/');
    if (base === OPAQUE) {
      const dir = tree.lookup(parent);
      if (dir?.kind === 'directory') dir.entries.clear();
    } else if (!base.startsWith(`${WHITEOUT}${WHITEOUT}`)) {
      tree.remove(`${parent}/${base.slice(WHITEOUT.length)}`);
    }
  }
  for (const { path, entry } of content) {
    const node = nodeFor(entry);
    const target = path.join('/');
    if (path.length === 0) {
      // the archive's own root (`./`): only its metadata applies
      if (entry.type === 'directory') Object.assign(tree.root, options(entry));
      continue;
    }
    if (node === undefined) {
      const linked = tree.lookup(names(entry.linkname, layer).join('/'));
      if (linked === undefined || linked.kind === 'directory') {
        throw new ImageSourceError({
          kind: 'invalid-layer',
          layer,
          cause: new Error(`hard link ${JSON.stringify(entry.path)} to missing file ${JSON.stringify(entry.linkname)}`),
        });
      }
      tree.put(target, linked);
      continue;
    }
    const existing = tree.lookup(target);
    if (existing?.kind === 'directory' && node.kind === 'directory') {
      Object.assign(existing, options(entry));
      withXattrs(existing, entry);
    } else {
      tree.put(target, withXattrs(node, entry));
    }
  }
}
