// Reads a directory on disk (an unpacked extension image, or the imager's tree of them) into an FsTree: metadata
// now (lstat, never following links below the root the caller names), file contents when read — regular files
// only, bounded by INPUT_LIMITS.imageBytes. Hard links stay one node.
import { type BigIntStats, lstatSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isSafeFsError, readRegularFile } from '../../safe-fs/index.js';
import {
  deviceNode,
  directoryNode,
  type FsDirectory,
  type FsNode,
  type FsNodeOptions,
  FsTree,
  lazyFileNode,
  specialNode,
  symlinkNode,
} from '../fs-tree.js';
import { INPUT_LIMITS } from '../input-limits.js';
import { ImageSourceError } from './image-source-error.js';

type Stats = BigIntStats;

/** Go's text for the errors os.ReadDir / os.Lstat give, so messages read like upstream's. */
function goOsError(op: string, path: string, err: unknown): ImageSourceError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'ENOTDIR'
        ? 'not a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'ELOOP'
            ? 'too many levels of symbolic links'
            : ((err as Error).message ?? String(err));
  return new ImageSourceError({
    kind: 'read-failed',
    message: `${code === 'ENOTDIR' ? 'readdirent' : op} ${path}: ${reason}`,
  });
}

function options(st: Stats): FsNodeOptions {
  return {
    mode: Number(st.mode & 0o7777n),
    uid: Number(st.uid),
    gid: Number(st.gid),
    mtime: Number(st.mtimeMs / 1000n),
  };
}

function major(rdev: bigint): number {
  return Number(((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn));
}

function minor(rdev: bigint): number {
  return Number((rdev & 0xffn) | ((rdev >> 12n) & ~0xffn));
}

/** A file's contents, read when asked for: it must still be a regular file, and within the bound. */
function readImageFile(path: string): Uint8Array {
  try {
    return readRegularFile(path, { maxBytes: INPUT_LIMITS.imageBytes, followSymlinks: false });
  } catch (err) {
    if (!isSafeFsError(err)) throw err;
    if (err.detail.kind === 'too-large')
      throw new ImageSourceError({ kind: 'too-large', what: path, limit: err.detail.limit });
    throw new ImageSourceError({ kind: 'read-failed', message: err.message });
  }
}

function readNode(path: string, st: Stats, links: Map<string, FsNode>): FsNode {
  const o = options(st);
  if (st.isDirectory()) {
    const dir = directoryNode(o);
    readEntries(path, dir, links);
    return dir;
  }
  if (st.isFile()) {
    const key = `${st.dev}:${st.ino}`;
    const linked = st.nlink > 1n ? links.get(key) : undefined;
    if (linked !== undefined) return linked;
    const node = lazyFileNode(Number(st.size), () => readImageFile(path), o);
    if (st.nlink > 1n) links.set(key, node);
    return node;
  }
  if (st.isSymbolicLink()) return symlinkNode(readlinkSync(path), o);
  if (st.isCharacterDevice()) return deviceNode('char-device', major(st.rdev), minor(st.rdev), o);
  if (st.isBlockDevice()) return deviceNode('block-device', major(st.rdev), minor(st.rdev), o);
  return specialNode(st.isFIFO() ? 'fifo' : 'socket', o);
}

function readEntries(path: string, dir: FsDirectory, links: Map<string, FsNode>): void {
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (err) {
    throw goOsError('open', path, err);
  }
  for (const name of names) {
    const child = join(path, name);
    let st: Stats;
    try {
      st = lstatSync(child, { bigint: true });
    } catch (err) {
      throw goOsError('lstat', child, err);
    }
    dir.entries.set(name, readNode(child, st, links));
  }
}

/**
 * Reads the directory at `path` (its own metadata becomes the root's; a symbolic link the caller names is followed).
 * Throws ImageSourceError with Go's texts.
 */
export function readDirectoryImage(path: string): FsTree {
  let st: Stats;
  try {
    st = statSync(path, { bigint: true });
  } catch (err) {
    throw goOsError('open', path, err);
  }
  if (!st.isDirectory()) throw goOsError('open', path, Object.assign(new Error(), { code: 'ENOTDIR' }));
  const root = directoryNode(options(st));
  readEntries(path, root, new Map());
  return new FsTree(root);
}
