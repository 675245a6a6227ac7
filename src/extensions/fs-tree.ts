// An in-memory filesystem tree: what a loaded image holds (its root with `manifest.yaml` and `rootfs/`), with the
// metadata the imager and the overlay need later: kinds, permission bits, owners, symlink targets, device numbers.
// File contents are read on demand and treated as immutable, so trees can share them; hard links are one node
// object reachable under two names.
import { compareGoStrings } from '../gofmt/index.js';

interface FsNodeBase {
  /** Permission bits, setuid/setgid/sticky included (`mode & 0o7777`). */
  mode: number;
  uid: number;
  gid: number;
  /** Modification time in seconds since the epoch (informational: digests ignore it). */
  mtime: number;
  /** Extended attributes, e.g. `security.selinux`, when the source carried them. */
  xattrs?: Record<string, string>;
}

export interface FsDirectory extends FsNodeBase {
  readonly kind: 'directory';
  readonly entries: Map<string, FsNode>;
}

export interface FsFile extends FsNodeBase {
  readonly kind: 'file';
  readonly size: number;
  /** The contents; callers must not modify the returned bytes. */
  read(): Uint8Array;
}

export interface FsSymlink extends FsNodeBase {
  readonly kind: 'symlink';
  readonly target: string;
}

export interface FsDevice extends FsNodeBase {
  readonly kind: 'char-device' | 'block-device';
  readonly major: number;
  readonly minor: number;
}

export interface FsSpecial extends FsNodeBase {
  readonly kind: 'fifo' | 'socket';
}

export type FsNode = FsDirectory | FsFile | FsSymlink | FsDevice | FsSpecial;
export type FsNodeKind = FsNode['kind'];

/** Metadata accepted by the node constructors; defaults: root-owned, mtime 0, 0o755 directories, 0o644 files. */
export interface FsNodeOptions {
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly mtime?: number;
}

function base(options: FsNodeOptions, mode: number): FsNodeBase {
  return {
    mode: (options.mode ?? mode) & 0o7777,
    uid: options.uid ?? 0,
    gid: options.gid ?? 0,
    mtime: options.mtime ?? 0,
  };
}

export function directoryNode(options: FsNodeOptions = {}): FsDirectory {
  return { kind: 'directory', entries: new Map(), ...base(options, 0o755) };
}

/** A file with fixed contents (a string is UTF-8 encoded). */
export function fileNode(content: Uint8Array | string, options: FsNodeOptions = {}): FsFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { kind: 'file', size: bytes.length, read: () => bytes, ...base(options, 0o644) };
}

/** A file whose contents are produced on demand (a file on disk, a slice of an archive). */
export function lazyFileNode(size: number, read: () => Uint8Array, options: FsNodeOptions = {}): FsFile {
  return { kind: 'file', size, read, ...base(options, 0o644) };
}

export function symlinkNode(target: string, options: FsNodeOptions = {}): FsSymlink {
  return { kind: 'symlink', target, ...base(options, 0o777) };
}

export function deviceNode(
  kind: 'char-device' | 'block-device',
  major: number,
  minor: number,
  options: FsNodeOptions = {},
): FsDevice {
  return { kind, major, minor, ...base(options, 0o600) };
}

export function specialNode(kind: 'fifo' | 'socket', options: FsNodeOptions = {}): FsSpecial {
  return { kind, ...base(options, 0o644) };
}

/** Splits a path into its names: leading `/` and `.` ignored, `..` goes up lexically but never above the root. */
export function pathNames(path: string): string[] {
  const names: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') names.pop();
    else names.push(part);
  }
  return names;
}

/** Visitor of FsTree.walk; return `'skip'` to not descend into a directory. */
export type FsWalkVisitor = (path: string, node: FsNode) => 'skip' | undefined;

export class FsTree {
  readonly root: FsDirectory;

  constructor(root: FsDirectory = directoryNode()) {
    this.root = root;
  }

  /** The node at `path` (no symlinks followed), or undefined. */
  lookup(path: string): FsNode | undefined {
    let node: FsNode = this.root;
    for (const name of pathNames(path)) {
      if (node.kind !== 'directory') return undefined;
      const next = node.entries.get(name);
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  /**
   * Places `node` at `path`, replacing what was there. Missing parents are created as 0o755 root-owned
   * directories; a parent that is not a directory is replaced by one.
   */
  put(path: string, node: FsNode): void {
    const names = pathNames(path);
    const last = names.pop();
    if (last === undefined) throw new RangeError('cannot replace the root of a tree');
    let dir = this.root;
    for (const name of names) {
      const next = dir.entries.get(name);
      if (next?.kind === 'directory') {
        dir = next;
      } else {
        const created = directoryNode();
        dir.entries.set(name, created);
        dir = created;
      }
    }
    dir.entries.set(last, node);
  }

  /** Removes the entry at `path` (and everything below it); returns whether it existed. */
  remove(path: string): boolean {
    const names = pathNames(path);
    const last = names.pop();
    if (last === undefined) return false;
    const parent = this.lookup(names.join('/'));
    return parent?.kind === 'directory' ? parent.entries.delete(last) : false;
  }

  /** Sorted entry names of the directory at `path` (Go byte order), or undefined if it is not a directory. */
  list(path: string): string[] | undefined {
    const node = this.lookup(path);
    return node?.kind === 'directory' ? [...node.entries.keys()].sort(compareGoStrings) : undefined;
  }

  /** Pre-order walk from `path` in Go's lexical order, as filepath.WalkDir visits; paths are absolute. */
  walk(visitor: FsWalkVisitor, path = '/'): void {
    const start = this.lookup(path);
    if (start !== undefined) walkNode(`/${pathNames(path).join('/')}`, start, visitor);
  }

  /** A copy whose directories and metadata are independent; file contents are shared (they are immutable). */
  clone(): FsTree {
    return new FsTree(cloneNode(this.root, new Map()) as FsDirectory);
  }
}

// Both walks keep an explicit stack instead of recursing: a layer may hold a tree thousands of levels deep (a
// 10 KB gzipped tarball does), and the imager handles it as the Talos one does, its depth bounded by memory.

function walkNode(path: string, node: FsNode, visitor: FsWalkVisitor): void {
  // pending entries, in reverse so that pop() visits them in Go's order: pre-order, as recursion would
  const stack: [string, FsNode][] = [[path, node]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [at, n] = top;
    if (visitor(at, n) === 'skip' || n.kind !== 'directory') continue;
    const names = [...n.entries.keys()].sort(compareGoStrings);
    for (let i = names.length - 1; i >= 0; i--) {
      const name = names[i] as string;
      stack.push([at === '/' ? `/${name}` : `${at}/${name}`, n.entries.get(name) as FsNode]);
    }
  }
}

function cloneNode(root: FsNode, seen: Map<FsNode, FsNode>): FsNode {
  const copyOf = (node: FsNode, pending: [FsNode, Map<string, FsNode>][]): FsNode => {
    const done = seen.get(node);
    if (done !== undefined) return done; // keep hard links linked
    const xattrs = node.xattrs === undefined ? {} : { xattrs: { ...node.xattrs } };
    if (node.kind !== 'directory') {
      const copy = { ...node, ...xattrs };
      seen.set(node, copy);
      return copy;
    }
    const entries = new Map<string, FsNode>();
    const copy = { ...node, ...xattrs, entries };
    seen.set(node, copy);
    pending.push([node, entries]);
    return copy;
  };
  // directories copied but whose entries are still to copy
  const pending: [FsNode, Map<string, FsNode>][] = [];
  const top = copyOf(root, pending);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [dir, entries] = next;
    if (dir.kind !== 'directory') continue;
    for (const [name, child] of dir.entries) entries.set(name, copyOf(child, pending));
  }
  return top;
}
