// The one place that works on memfs's inode core (`volume._core`, a Superblock: Link = dentry, Node = inode)
// directly. The public memfs API checks permissions even for uid 0, stamps times from the wall clock and cannot make
// device nodes; a simulated Linux root needs none of that, so reads and writes of memfs-backed trees go through here.
// overlayfs-sim's own trees (tmpfs contents, overlay uppers) are bare cores: a memfs Volume around one adds ~13 KiB of
// bound methods, promises API and stream classes that only a caller asking for the Volume needs.
import { Superblock } from '@jsonjoy.com/fs-core';
import { type IProcess, Volume } from 'memfs';
import { type FileType, fileTypeOf, PERMISSION_BITS, S_IFMT, typeBits } from './file-type.js';
import type { LayerStat } from './layer.js';

/**
 * The process a simulated volume sees: root, in `/`. Without it memfs's Superblock asks the real process for its uid
 * and gid on every inode it makes (system calls a fleet's boot paid thousands of times); callers set owners themselves.
 */
const SIMULATED_PROCESS: IProcess = {
  getuid: () => 0,
  getgid: () => 0,
  cwd: () => '/',
  platform: 'linux',
  emitWarning: () => {},
  env: {},
};

/** memfs's inode store: what a Volume keeps as `_core`. */
export type MemfsCore = Volume['_core'];

/** The inode store of a memfs volume. */
export function coreOf(volume: Volume): MemfsCore {
  return volume._core;
}

/** A memfs volume over `core`: what is written through either is in both. */
export function volumeAround(core: MemfsCore): Volume {
  return new Volume(core);
}

/** An empty inode store, its root a directory. */
export function newCore(): MemfsCore {
  return new Superblock({ process: SIMULATED_PROCESS });
}

export type MemfsLink = MemfsCore['root'];
type MemfsNode = MemfsLink['node'];

/** Inode data of a memfs node, with the three times node:fs reports. */
export interface MemfsStat extends LayerStat {
  readonly atimeMs: number;
  readonly ctimeMs: number;
}

/** Attributes of a node to create. */
export interface NewInode {
  readonly type: FileType;
  /** Permission bits. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  readonly atimeMs?: number;
  readonly rdev?: number;
  readonly target?: string;
  readonly content?: Uint8Array;
}

export function rootLink(core: MemfsCore): MemfsLink {
  return core.root;
}

/** The child dentry `name` of a directory, skipping memfs's own `.` and `..` entries. */
export function childLink(dir: MemfsLink, name: string): MemfsLink | undefined {
  if (name === '.' || name === '..') return undefined;
  return dir.children.get(name);
}

/** The dentry at an absolute path, without following symlinks or checking permissions. */
export function linkAt(core: MemfsCore, path: string): MemfsLink | undefined {
  let link: MemfsLink | undefined = core.root;
  if (path === '/') return link;
  for (const name of path.split('/')) {
    if (name === '') continue;
    if (link === undefined || !link.node.isDirectory()) return undefined;
    link = childLink(link, name);
  }
  return link;
}

/** Names of a directory's entries in insertion order, without `.` and `..`. */
export function childNames(dir: MemfsLink): string[] {
  const names: string[] = [];
  for (const name of dir.children.keys()) if (name !== '.' && name !== '..') names.push(name);
  return names;
}

export function linkType(link: MemfsLink): FileType {
  return fileTypeOf(link.node.mode);
}

const targetBytes = (node: MemfsNode): number => Buffer.byteLength(node.symlink ?? '', 'utf8');

export function linkStat(link: MemfsLink): MemfsStat {
  const node = link.node;
  const isSymlink = (node.mode & S_IFMT) === typeBits('symlink');
  return {
    ino: node.ino,
    mode: node.mode,
    nlink: node.nlink,
    uid: node.uid,
    gid: node.gid,
    size: isSymlink ? targetBytes(node) : node.getSize(),
    mtimeMs: node.mtime.getTime(),
    atimeMs: node.atime.getTime(),
    ctimeMs: node.ctime.getTime(),
    rdev: node.rdev,
  };
}

export function readLinkTarget(link: MemfsLink): string {
  return link.node.symlink ?? '';
}

/** Up to `length` bytes from `offset`, as a view of the inode's buffer: callers copy before handing it out. */
export function readContent(link: MemfsLink, offset: number, length: number): Uint8Array {
  const node = link.node;
  const size = node.getSize();
  const start = Math.min(Math.max(offset, 0), size);
  const end = start + Math.max(0, Math.min(length, size - start));
  return node.buf.subarray(start, end);
}

/**
 * The Date of an instant, one per instant across every tree: memfs keeps three Date objects per inode (over 100 bytes
 * each) and never changes one in place, it replaces them, and so does this module. A fleet's nodes stamp their inodes
 * with the same few virtual instants; each used to hold ~60 Dates of its own (6.5 KiB). Bounded: past 4096 instants
 * the table starts again.
 */
const dates = new Map<number, Date>();

function dateAt(ms: number): Date {
  let date = dates.get(ms);
  if (date === undefined) {
    if (dates.size >= 4096) dates.clear();
    date = new Date(ms);
    dates.set(ms, date);
  }
  return date;
}

function stampTimes(node: MemfsNode, mtimeMs: number, atimeMs: number, ctimeMs: number): void {
  // Order matters: memfs's mtime setter stamps ctime with the wall clock.
  node.mtime = dateAt(mtimeMs);
  node.atime = dateAt(atimeMs);
  node.ctime = dateAt(ctimeMs);
}

/** The fields memfs's Node constructor sets, in its order (memfs is pinned; inodes made here keep its shape). */
interface NodeFields {
  changes: unknown;
  _uid: number;
  _gid: number;
  _atime: Date;
  _mtime: Date;
  _ctime: Date;
  _btime: Date;
  buf: Buffer;
  capacity: number;
  size: number;
  rdev: number;
  _nlink: number;
  mode: number;
  ino: number;
}

/**
 * memfs's deprecated per-inode change bus. The volumes here are private to overlayfs-sim and never watched through
 * memfs, so the inodes made here share one bus that nothing listens to instead of a bus (and its Set) each.
 */
let unwatched: { emit(change: unknown): void } | undefined;

const EMPTY = Buffer.alloc(0);

/**
 * Creates `name` in `dir` with exact attributes; `now` becomes its ctime and the parent's mtime and ctime.
 *
 * The inode is made here rather than by memfs's constructor, which reads the real process's uid and gid (two system
 * calls per inode: a fleet's boot made thousands) and stamps four times from the wall clock that were then replaced.
 * Times are never changed in place (memfs replaces its Date objects), so an instant has one Date (dateAt).
 */
export function createInode(core: MemfsCore, dir: MemfsLink, name: string, inode: NewInode, now: number): MemfsLink {
  const rootNode = core.root.node as unknown as NodeFields;
  unwatched ??= new (rootNode.changes as { constructor: new () => { emit(change: unknown): void } }).constructor();
  const fields = Object.create(Object.getPrototypeOf(rootNode) as object) as NodeFields;
  const mtime = dateAt(inode.mtimeMs);
  const atime = dateAt(inode.atimeMs ?? inode.mtimeMs);
  const ctime = dateAt(now);
  const content = inode.content !== undefined && inode.content.length > 0 ? ownCopy(inode.content) : EMPTY;
  fields.changes = unwatched;
  fields._uid = inode.uid;
  fields._gid = inode.gid;
  fields._atime = atime;
  fields._mtime = mtime;
  fields._ctime = ctime;
  fields._btime = ctime;
  fields.buf = content;
  fields.capacity = content.length;
  fields.size = content.length;
  fields.rdev = inode.rdev ?? 0;
  fields._nlink = 1;
  fields.mode = typeBits(inode.type) | (inode.mode & PERMISSION_BITS);
  fields.ino = (core as unknown as { newInoNumber(): number }).newInoNumber();
  const node = fields as unknown as MemfsNode;
  core.inodes[fields.ino] = node;
  if (inode.type === 'symlink') node.symlink = inode.target ?? '';
  const link = dir.createChild(name, node);
  // createChild counts a directory's `.` link through a setter that stamps ctime from the wall clock
  fields._ctime = ctime;
  touchDirectory(dir, now);
  return link;
}

/** Marks a directory changed (an entry was added or removed). */
export function touchDirectory(dir: MemfsLink, now: number): void {
  stampTimes(dir.node, now, dir.node.atime.getTime(), now);
}

/** Removes `link` (and, for a directory, everything below it) from its parent, freeing unlinked inodes. */
export function removeLink(core: MemfsCore, link: MemfsLink, now: number): void {
  const parent = link.parent;
  if (parent === undefined) return;
  const free = (l: MemfsLink): void => {
    if (l.node.isDirectory()) for (const name of childNames(l)) free(l.children.get(name) as MemfsLink);
    l.node.nlink--;
    if (l.node.nlink <= 0 || l.node.isDirectory()) core.deleteNode(l.node);
  };
  parent.deleteChild(link);
  free(link);
  touchDirectory(parent, now);
}

/** Moves `link` to `name` in `dir`; the caller has removed any entry already there. */
export function moveLink(link: MemfsLink, dir: MemfsLink, name: string, now: number): void {
  const from = link.parent;
  if (from === undefined) return;
  from.deleteChild(link);
  link.name = name;
  dir.setChild(name, link);
  link.syncSteps();
  touchDirectory(from, now);
  touchDirectory(dir, now);
  link.node.ctime = dateAt(now);
}

/** Changes attributes of an inode; ctime becomes `now`. */
export function setInodeAttributes(
  link: MemfsLink,
  changes: { readonly mode?: number; readonly uid?: number; readonly gid?: number },
  now: number,
): void {
  const node = link.node;
  if (changes.mode !== undefined) node.mode = (node.mode & S_IFMT) | (changes.mode & PERMISSION_BITS);
  if (changes.uid !== undefined) node.uid = changes.uid;
  if (changes.gid !== undefined) node.gid = changes.gid;
  node.ctime = dateAt(now);
}

export function setInodeTimes(link: MemfsLink, atimeMs: number, mtimeMs: number, now: number): void {
  stampTimes(link.node, mtimeMs, atimeMs, now);
}

/** memfs's Node takes a buffer it owns as the whole content (a method memfs declares private; memfs is pinned). */
interface OwnedContent {
  _setBuf(buf: Buffer): void;
}

/**
 * Makes `data` the whole content of `node`, in a buffer of its own: memfs allocates small contents as slices of
 * node's shared 8 KiB pool, and every small file a node kept (its /etc files) held a whole pool slab alive.
 */
function setOwnContent(node: MemfsNode, data: Uint8Array): void {
  (node as unknown as OwnedContent)._setBuf(ownCopy(data));
}

function ownCopy(data: Uint8Array): Buffer {
  const own = Buffer.allocUnsafeSlow(data.length);
  own.set(data);
  return own;
}

/** Writes bytes at `position`, growing the file (with zeros) as needed; mtime and ctime become `now`. */
export function writeContent(link: MemfsLink, data: Uint8Array, position: number, now: number): void {
  const node = link.node;
  if (data.length > 0 && position === 0 && data.length >= node.getSize()) setOwnContent(node, data);
  else if (data.length > 0)
    node.write(Buffer.from(data.buffer, data.byteOffset, data.length), 0, data.length, position);
  stampTimes(node, now, node.atime.getTime(), now);
}

export function truncateContent(link: MemfsLink, size: number, now: number): void {
  link.node.truncate(size);
  stampTimes(link.node, now, link.node.atime.getTime(), now);
}

export function contentSize(link: MemfsLink): number {
  return link.node.getSize();
}

/** The fields of an inode store this module continues from when copying one. */
interface CoreFields {
  ino: number;
  releasedInos: number[];
  inodes: Record<number, MemfsNode>;
}

/**
 * A deep copy of an inode store: the same tree, inode numbers, attributes, times, link counts and contents, hard
 * links still shared within the copy. `content` may give a file other bytes in the copy. Walks with an explicit
 * stack (trees can be thousands of levels deep).
 */
export function cloneCore(source: MemfsCore, content?: (data: Buffer) => Buffer): MemfsCore {
  const core = newCore();
  const from = source as unknown as CoreFields;
  const to = core as unknown as CoreFields;
  const copies = new Map<MemfsNode, MemfsNode>();
  to.inodes = {};
  const copyOf = (node: MemfsNode): MemfsNode => {
    let copy = copies.get(node);
    if (copy === undefined) {
      copy = Object.create(Object.getPrototypeOf(node) as object) as MemfsNode;
      copies.set(node, copy);
      to.inodes[node.ino] = copy;
    }
    return copy;
  };
  core.root.setNode(copyOf(source.root.node));
  const stack: [MemfsLink, MemfsLink][] = [[source.root, core.root]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [dir, dirCopy] = next;
    for (const name of childNames(dir)) {
      const child = dir.children.get(name) as MemfsLink;
      const childCopy = dirCopy.createChild(name, copyOf(child.node));
      if (child.node.isDirectory()) stack.push([child, childCopy]);
    }
  }
  // createChild counted links and stamped times as it went: every inode takes its source's fields at the end
  for (const [node, copy] of copies) {
    Object.assign(copy, node);
    const data = node.buf;
    const own = content === undefined ? data : content(data);
    (copy as unknown as NodeFields).buf = own === data && data.length > 0 ? ownCopy(data) : own;
    if (own !== data) {
      (copy as unknown as NodeFields).size = own.length;
      (copy as unknown as NodeFields).capacity = own.length;
    }
  }
  to.ino = from.ino;
  to.releasedInos = [...from.releasedInos];
  return core;
}
