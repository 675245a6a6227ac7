// Go-style file operations on in-memory trees, with the semantics of the imager's helpers
// (internal/pkg/extensions/compress.go): `os.Stat` follows symlinks (inside the tree: absolute targets start at its
// root), copying opens the destination with O_CREATE|O_TRUNC (an existing file keeps its inode and metadata and
// gets the new contents, whatever their lengths), directories are created with the source's permission bits and
// merged into existing ones, and moving removes each source entry after it was copied.
import {
  directoryNode,
  type FsDirectory,
  type FsFile,
  type FsNode,
  type FsTree,
  fileNode,
} from '../extensions/index.js';
import { TreeFileError, type TreeFileErrorReason } from './tree-file-error.js';

/** A path inside a tree; `label` prefixes the path in error messages (e.g. `extensions/0/rootfs`). */
export interface TreeLocation {
  readonly tree: FsTree;
  readonly path: string;
  readonly label?: string;
}

const MAX_SYMLINK_HOPS = 40;

type Walk =
  | { readonly found: true; readonly node: FsNode; readonly names: readonly string[] }
  | { readonly found: false; readonly parent: readonly string[]; readonly name: string }
  | { readonly found: false; readonly reason: TreeFileErrorReason };

function nodeAt(tree: FsTree, names: readonly string[]): FsNode {
  return tree.lookup(names.join('/')) as FsNode;
}

/**
 * Resolves a path as the kernel would inside the tree; `followLast` follows a final symlink too (stat vs lstat).
 * The directories passed are kept alongside their names, so a walk costs one step per component: the imager walks
 * every level of a tree thousands of levels deep.
 */
function walk(tree: FsTree, path: string, followLast: boolean): Walk {
  let queue = path.split('/').filter((p) => p !== '' && p !== '.');
  let next = 0;
  const names: string[] = [];
  const nodes: FsNode[] = [tree.root];
  let hops = 0;
  while (next < queue.length) {
    const part = queue[next++] as string;
    if (part === '..') {
      if (names.length > 0) nodes.pop();
      names.pop();
      continue;
    }
    const parent = nodes[nodes.length - 1] as FsNode;
    if (parent.kind !== 'directory') return { found: false, reason: 'not a directory' };
    const child = parent.entries.get(part);
    const last = next === queue.length;
    if (child === undefined) {
      return last
        ? { found: false, parent: [...names], name: part }
        : { found: false, reason: 'no such file or directory' };
    }
    if (child.kind === 'symlink' && (!last || followLast)) {
      if (++hops > MAX_SYMLINK_HOPS) return { found: false, reason: 'too many levels of symbolic links' };
      if (child.target.startsWith('/')) {
        names.length = 0;
        nodes.length = 1;
      }
      queue = [...child.target.split('/').filter((p) => p !== '' && p !== '.'), ...queue.slice(next)];
      next = 0;
      continue;
    }
    names.push(part);
    nodes.push(child);
  }
  return { found: true, node: nodes[nodes.length - 1] as FsNode, names };
}

function display(loc: TreeLocation): string {
  return `${loc.label ?? ''}${loc.path}`;
}

function child(loc: TreeLocation, name: string): TreeLocation {
  return { ...loc, path: loc.path.endsWith('/') ? `${loc.path}${name}` : `${loc.path}/${name}` };
}

/** `os.Stat`: the node a path leads to, symlinks followed. Throws TreeFileError. */
export function statPath(loc: TreeLocation): FsNode {
  const w = walk(loc.tree, loc.path, true);
  if (w.found) return w.node;
  throw new TreeFileError('stat', display(loc), 'reason' in w ? w.reason : 'no such file or directory');
}

/** Whether `os.Stat` succeeds. */
export function pathExists(loc: TreeLocation): boolean {
  return walk(loc.tree, loc.path, true).found;
}

/**
 * `os.MkdirAll(path, mode)`: existing directories are kept as they are. As Go's, it stats the path first and goes
 * up only as far as directories are missing, then creates them downwards: creating one level below an existing
 * directory (as copying a tree does, level by level) costs one walk, not one per level above it.
 */
function mkdirAll(loc: TreeLocation, mode: number, mtime: number): FsDirectory {
  const names = loc.path.split('/').filter((p) => p !== '' && p !== '.');
  const at = (n: number): TreeLocation => ({ ...loc, path: `/${names.slice(0, n).join('/')}` });
  // the deepest existing prefix: the whole path, or the first found going up
  let existing = names.length;
  for (; existing > 0; existing--) {
    const w = walk(loc.tree, at(existing).path, true);
    if (w.found) {
      if (w.node.kind !== 'directory') throw new TreeFileError('mkdir', display(at(existing)), 'not a directory');
      break;
    }
  }
  for (let n = existing + 1; n <= names.length; n++) {
    const current = at(n);
    const w = walk(loc.tree, current.path, true);
    if (w.found) {
      if (w.node.kind !== 'directory') throw new TreeFileError('mkdir', display(current), 'not a directory');
      continue;
    }
    if (!('parent' in w)) throw new TreeFileError('mkdir', display(current), w.reason);
    const parent = nodeAt(loc.tree, w.parent) as FsDirectory;
    parent.entries.set(w.name, directoryNode({ mode, mtime }));
  }
  return statPath(loc) as FsDirectory;
}

/** `os.Remove`: unlinks the entry itself (a symlink, not its target); a directory must be empty. */
function remove(loc: TreeLocation): void {
  const w = walk(loc.tree, loc.path, false);
  if (!w.found) throw new TreeFileError('remove', display(loc), 'reason' in w ? w.reason : 'no such file or directory');
  const name = w.names[w.names.length - 1];
  if (name === undefined) return;
  if (w.node.kind === 'directory' && w.node.entries.size > 0) {
    throw new TreeFileError('remove', display(loc), 'directory not empty');
  }
  (nodeAt(loc.tree, w.names.slice(0, -1)) as FsDirectory).entries.delete(name);
}

/** Opens the destination with O_CREATE|O_WRONLY|O_TRUNC and writes `source`'s contents into it. */
function writeFile(dst: TreeLocation, source: FsFile): void {
  const w = walk(dst.tree, dst.path, true);
  const bytes = source.read();
  if (w.found) {
    if (w.node.kind === 'directory') throw new TreeFileError('open', display(dst), 'is a directory');
    if (w.node.kind !== 'file') throw new TreeFileError('open', display(dst), 'not a regular file');
    // same inode: every hard link sees the new contents; mode and owner stay
    Object.assign(w.node, { size: bytes.length, read: () => bytes, mtime: source.mtime });
    return;
  }
  if (!('parent' in w)) throw new TreeFileError('open', display(dst), w.reason);
  const parent = nodeAt(dst.tree, w.parent) as FsDirectory;
  parent.entries.set(w.name, fileNode(bytes, { mode: source.mode & 0o777, mtime: source.mtime }));
}

/** Linux's PATH_MAX: a symlink loop through directories ends here instead of recursing forever. */
const PATH_MAX = 4096;

/** A directory being copied: its entries, and how many are done. */
interface CopyFrame {
  readonly src: TreeLocation;
  readonly dst: TreeLocation;
  readonly names: readonly string[];
  next: number;
}

/**
 * Upstream's recursive filesOp, with an explicit stack of directories (the same order: a directory is created
 * before its entries and, when moving, removed after them), so depth is bounded by PATH_MAX, not by the stack.
 */
function filesOp(src: TreeLocation, dst: TreeLocation, move: boolean): void {
  const stack: CopyFrame[] = [];
  const enter = (from: TreeLocation, to: TreeLocation): void => {
    if (from.path.length >= PATH_MAX) throw new TreeFileError('stat', display(from), 'file name too long');
    const node = statPath(from);
    if (node.kind === 'directory') {
      mkdirAll(to, node.mode & 0o777, node.mtime);
      stack.push({ src: from, dst: to, names: from.tree.list(walkedPath(from)) ?? [], next: 0 });
      return;
    }
    if (node.kind !== 'file') throw new TreeFileError('read', display(from), 'not a regular file');
    writeFile(to, node);
    if (move) remove(from);
  };
  enter(src, dst);
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    const name = top.names[top.next++];
    if (name !== undefined) {
      enter(child(top.src, name), child(top.dst, name));
      continue;
    }
    stack.pop();
    if (move) remove(top.src);
  }
}

/** The canonical path a location resolves to (symlinks followed), for listing. */
function walkedPath(loc: TreeLocation): string {
  const w = walk(loc.tree, loc.path, true);
  return w.found ? `/${w.names.join('/')}` : loc.path;
}

/** Copies a file or a directory tree (upstream `copyFiles`). Throws TreeFileError. */
export function copyFiles(src: TreeLocation, dst: TreeLocation): void {
  filesOp(src, dst, false);
}

/** Moves a file or a directory tree (upstream `moveFiles`): copies, then removes each source entry. */
export function moveFiles(src: TreeLocation, dst: TreeLocation): void {
  filesOp(src, dst, true);
}

/** Names in a directory matching a Go `filepath.Match` pattern with `*` wildcards, in byte order (Glob). */
export function globNames(dir: TreeLocation, pattern: string): string[] {
  const w = walk(dir.tree, dir.path, true);
  if (!w.found || w.node.kind !== 'directory') return [];
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[^/]*')}$`, 'u');
  return (dir.tree.list(`/${w.names.join('/')}`) ?? []).filter((n) => re.test(n));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads a file through symlinks and removes the entry (upstream `appendBlob`'s read-then-remove). */
export function takeFile(loc: TreeLocation): Uint8Array {
  const node = statPath(loc);
  if (node.kind === 'directory') throw new TreeFileError('read', display(loc), 'is a directory');
  if (node.kind !== 'file') throw new TreeFileError('read', display(loc), 'not a regular file');
  const bytes = node.read();
  remove(loc);
  return bytes;
}
