// The source tree as mksquashfs lays it out before writing anything: entries byte-sorted, hard
// links found (one inode per source object), inode numbers given in its order (each entry, then
// the entries of a subdirectory, the root last), directory link counts and which directories
// need the extended inode with an index. Every source value is checked here, once.
import {
  DIRECTORY_ENTRY_SIZE,
  InodeType,
  MAX_NAME_LENGTH,
  MAX_SYMLINK_LENGTH,
  MAX_XATTR_VALUE_SIZE,
  METADATA_SIZE,
  XATTR_PREFIXES,
} from '../format.js';
import { encodeName } from '../name-bytes.js';
import type { SquashfsSourceDirectory, SquashfsSourceNode } from './source-tree.js';
import { SquashfsWriteError } from './squashfs-write-error.js';

export interface PlanXattr {
  /** Prefix index (0 user., 1 trusted., 2 security.). */
  readonly type: number;
  readonly fullName: string;
  /** Name without its prefix, as stored. */
  readonly name: Uint8Array;
  readonly value: Uint8Array;
}

export interface PlanEntry {
  readonly name: Uint8Array;
  readonly inode: PlanInode;
}

export interface PlanDirectory {
  /** Byte-sorted. */
  readonly entries: PlanEntry[];
  /** Subdirectories (for nlink = 2 + count). */
  readonly directoryCount: number;
  /** ≥ 257 entries or ≥ 8 KiB of entries: extended inode carrying a directory index. */
  readonly indexed: boolean;
}

export interface PlanInode {
  readonly node: SquashfsSourceNode;
  /** The path it was first reached by ("/" for the root). */
  readonly path: string;
  /** Basic inode type, 1..7. */
  readonly basicType: number;
  /** 1..inodes, in mksquashfs's order. */
  number: number;
  /** Names that refer to it (hard links); directories use 2 + subdirectories instead. */
  nlink: number;
  readonly directory: PlanDirectory | undefined;
  readonly xattrs: readonly PlanXattr[];
  readonly symlinkTarget: Uint8Array | undefined;
  /** Permission bits. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
}

export interface TreePlan {
  readonly root: PlanInode;
  readonly inodeCount: number;
  /** The newest mtime in the tree (the default mkfs time). */
  readonly newestMtime: number;
  /** Sum of regular file sizes, each inode once. */
  readonly fileBytes: number;
}

const BASIC_TYPE: Readonly<Record<SquashfsSourceNode['kind'], number>> = {
  directory: InodeType.directory,
  file: InodeType.file,
  symlink: InodeType.symlink,
  'block-device': InodeType.blockDevice,
  'char-device': InodeType.charDevice,
  fifo: InodeType.fifo,
  socket: InodeType.socket,
};

const utf8 = new TextEncoder();

function toBytes(v: string | Uint8Array): Uint8Array {
  return typeof v === 'string' ? utf8.encode(v) : v;
}

function checkUint32(path: string, what: string, v: number): number {
  if (!(Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff)) {
    throw SquashfsWriteError.invalidSource(path, `${what} ${v} is not a whole number from 0 to 4294967295`);
  }
  return v;
}

function checkName(parent: string, name: string): Uint8Array {
  const bytes = encodeName(name);
  const path = parent === '/' ? `/${name}` : `${parent}/${name}`;
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    throw SquashfsWriteError.invalidSource(path, `"${name}" is not a valid file name`);
  }
  if (bytes.length > MAX_NAME_LENGTH) {
    throw SquashfsWriteError.invalidSource(path, `name of ${bytes.length} bytes is longer than ${MAX_NAME_LENGTH}`);
  }
  return bytes;
}

function planXattrs(path: string, node: SquashfsSourceNode): PlanXattr[] {
  const out: PlanXattr[] = [];
  if (node.xattrs === undefined) return out;
  for (const [fullName, raw] of Object.entries(node.xattrs)) {
    const type = XATTR_PREFIXES.findIndex((p) => fullName.startsWith(p));
    if (type < 0) continue; // system.* and others have no squashfs namespace
    const name = encodeName(fullName.slice((XATTR_PREFIXES[type] as string).length));
    const value = toBytes(raw);
    if (name.length === 0 || name.length > 255) {
      throw SquashfsWriteError.invalidSource(path, `extended attribute name "${fullName}" is empty or too long`);
    }
    if (value.length > MAX_XATTR_VALUE_SIZE) {
      throw SquashfsWriteError.invalidSource(
        path,
        `extended attribute ${fullName} has ${value.length} bytes (max 65536)`,
      );
    }
    out.push({ type, fullName, name, value });
  }
  return out;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

interface NamedEntry {
  readonly name: Uint8Array;
  readonly node: SquashfsSourceNode;
  readonly path: string;
}

/** A directory whose entries are being planned: the walk's explicit stack holds one per level. */
interface DirectoryFrame {
  readonly node: SquashfsSourceDirectory;
  readonly path: string;
  readonly mtime: number;
  /** Byte-sorted. */
  readonly named: readonly NamedEntry[];
  next: number;
  readonly entries: PlanEntry[];
  directoryCount: number;
  listingBytes: number;
}

/**
 * Plans the tree depth-first in sorted order with an explicit stack of directories rather than recursion, so depth
 * is bounded by memory (mksquashfs stores trees thousands of levels deep); values are checked in the order a
 * recursive walk would meet them, so the first fault reported is the same.
 */
class Planner {
  private readonly inodes = new Map<SquashfsSourceNode, PlanInode>();
  private readonly visitedDirectories = new Set<SquashfsSourceNode>();
  private readonly stack: DirectoryFrame[] = [];
  newestMtime = 0;
  fileBytes = 0;

  plan(root: SquashfsSourceDirectory): PlanInode {
    this.enter(root, '/');
    for (;;) {
      const frame = this.stack.at(-1) as DirectoryFrame;
      const e = frame.named[frame.next];
      if (e !== undefined) {
        const previous = frame.named[frame.next - 1];
        frame.next++;
        if (previous !== undefined && compareBytes(previous.name, e.name) === 0) {
          throw SquashfsWriteError.invalidSource(e.path, 'two entries have the same name once encoded as UTF-8');
        }
        const inode = this.enter(e.node, e.path);
        if (inode !== undefined) this.add(frame, e.name, inode);
        continue;
      }
      this.stack.pop();
      const directory: PlanDirectory = {
        entries: frame.entries,
        directoryCount: frame.directoryCount,
        indexed: !(frame.entries.length < 257 && frame.listingBytes < METADATA_SIZE),
      };
      const inode = this.make(frame.node, frame.path, frame.mtime, directory, undefined);
      const parent = this.stack.at(-1);
      if (parent === undefined) return inode;
      this.add(parent, (parent.named[parent.next - 1] as NamedEntry).name, inode);
    }
  }

  private add(frame: DirectoryFrame, name: Uint8Array, inode: PlanInode): void {
    if (inode.directory !== undefined) frame.directoryCount++;
    frame.listingBytes += name.length + DIRECTORY_ENTRY_SIZE;
    frame.entries.push({ name, inode });
  }

  /** The inode of a node that is no directory; for a directory, pushes its frame and returns undefined. */
  private enter(node: SquashfsSourceNode, path: string): PlanInode | undefined {
    const known = this.inodes.get(node);
    if (known !== undefined) {
      known.nlink++;
      return known;
    }
    const mtime = Math.floor(checkUint32(path, 'mtime', Math.floor(node.mtime)));
    this.newestMtime = Math.max(this.newestMtime, mtime);
    let symlinkTarget: Uint8Array | undefined;
    switch (node.kind) {
      case 'file':
        if (!(Number.isSafeInteger(node.size) && node.size >= 0)) {
          throw SquashfsWriteError.invalidSource(path, `file size ${node.size} is not a whole number ≥ 0`);
        }
        this.fileBytes += node.size;
        break;
      case 'symlink':
        // a target is a path: bytes that are not UTF-8 come back as they were read (name-bytes.ts)
        symlinkTarget = typeof node.target === 'string' ? encodeName(node.target) : node.target;
        if (symlinkTarget.length === 0 || symlinkTarget.length > MAX_SYMLINK_LENGTH || symlinkTarget.includes(0)) {
          throw SquashfsWriteError.invalidSource(
            path,
            'symlink target is empty, holds NUL or is longer than 65535 bytes',
          );
        }
        break;
      case 'char-device':
      case 'block-device':
        if (!(Number.isInteger(node.major) && node.major >= 0 && node.major <= 0xfff)) {
          throw SquashfsWriteError.invalidSource(path, `device major ${node.major} is outside 0..4095`);
        }
        if (!(Number.isInteger(node.minor) && node.minor >= 0 && node.minor <= 0xf_ffff)) {
          throw SquashfsWriteError.invalidSource(path, `device minor ${node.minor} is outside 0..1048575`);
        }
        break;
      case 'directory': {
        if (this.visitedDirectories.has(node)) {
          throw SquashfsWriteError.invalidSource(
            path,
            'directory is reached twice (a cycle or a hard-linked directory)',
          );
        }
        this.visitedDirectories.add(node);
        const named: NamedEntry[] = [];
        for (const [name, child] of node.entries) {
          named.push({ name: checkName(path, name), node: child, path: path === '/' ? `/${name}` : `${path}/${name}` });
        }
        named.sort((a, b) => compareBytes(a.name, b.name));
        this.stack.push({ node, path, mtime, named, next: 0, entries: [], directoryCount: 0, listingBytes: 0 });
        return undefined;
      }
    }
    return this.make(node, path, mtime, undefined, symlinkTarget);
  }

  private make(
    node: SquashfsSourceNode,
    path: string,
    mtime: number,
    directory: PlanDirectory | undefined,
    symlinkTarget: Uint8Array | undefined,
  ): PlanInode {
    const inode: PlanInode = {
      node,
      path,
      basicType: BASIC_TYPE[node.kind],
      number: 0,
      nlink: 1,
      directory,
      xattrs: planXattrs(path, node),
      symlinkTarget,
      mode: node.mode & 0o7777,
      uid: checkUint32(path, 'uid', node.uid),
      gid: checkUint32(path, 'gid', node.gid),
      mtime,
    };
    if (node.kind !== 'directory') this.inodes.set(node, inode);
    return inode;
  }
}

/**
 * Numbers inodes as mksquashfs's dir_scan6 does: each entry, then (for a directory) its contents. An explicit stack
 * of listings and positions stands for the recursion.
 */
function numberInodes(root: PlanDirectory, next: { n: number }): void {
  const stack: { entries: readonly PlanEntry[]; i: number }[] = [{ entries: root.entries, i: 0 }];
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    const e = top.entries[top.i++];
    if (e === undefined) {
      stack.pop();
      continue;
    }
    if (e.inode.number === 0) e.inode.number = next.n++;
    if (e.inode.directory !== undefined) stack.push({ entries: e.inode.directory.entries, i: 0 });
  }
}

export function planTree(root: SquashfsSourceDirectory): TreePlan {
  if (root.kind !== 'directory') throw SquashfsWriteError.invalidSource('/', 'the root of the tree is not a directory');
  const planner = new Planner();
  const rootInode = planner.plan(root);
  const next = { n: 1 };
  numberInodes(rootInode.directory as PlanDirectory, next);
  rootInode.number = next.n;
  if (next.n > 0xffff_fffe) throw SquashfsWriteError.tooLarge(`${next.n} inodes`);
  return { root: rootInode, inodeCount: next.n, newestMtime: planner.newestMtime, fileBytes: planner.fileBytes };
}

/**
 * Every inode once, in the order mksquashfs creates them (dir_scan7): entries in sorted order, a
 * directory after its contents, the root last. Files appear in the order their data is written.
 */
export function inodesInWriteOrder(root: PlanInode): PlanInode[] {
  const out: PlanInode[] = [];
  const seen = new Set<PlanInode>();
  // post-order with an explicit stack: a directory is emitted once its last entry is
  const stack: { dir: PlanInode; i: number }[] = [{ dir: root, i: 0 }];
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    const e = (top.dir.directory as PlanDirectory).entries[top.i++];
    if (e === undefined) {
      stack.pop();
      out.push(top.dir);
      continue;
    }
    if (seen.has(e.inode)) continue;
    seen.add(e.inode);
    if (e.inode.directory !== undefined) stack.push({ dir: e.inode, i: 0 });
    else out.push(e.inode);
  }
  return out;
}
