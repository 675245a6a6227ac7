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

function walkNode(path: string, node: FsNode, visitor: FsWalkVisitor): void {
  if (visitor(path, node) === 'skip' || node.kind !== 'directory') return;
  for (const name of [...node.entries.keys()].sort(compareGoStrings)) {
    walkNode(path === '/' ? `/${name}` : `${path}/${name}`, node.entries.get(name) as FsNode, visitor);
  }
}

function cloneNode(node: FsNode, seen: Map<FsNode, FsNode>): FsNode {
  const done = seen.get(node);
  if (done !== undefined) return done; // keep hard links linked
  const xattrs = node.xattrs === undefined ? {} : { xattrs: { ...node.xattrs } };
  let copy: FsNode;
  if (node.kind === 'directory') {
    const entries = new Map<string, FsNode>();
    copy = { ...node, ...xattrs, entries };
    seen.set(node, copy);
    for (const [name, child] of node.entries) entries.set(name, cloneNode(child, seen));
    return copy;
  }
  copy = { ...node, ...xattrs };
  seen.set(node, copy);
  return copy;
}
