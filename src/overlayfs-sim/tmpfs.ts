// tmpfs: a writable in-memory filesystem kept in a memfs inode store, for /tmp, /run, /var and the like.
import type { Volume } from 'memfs';
import { PERMISSION_BITS } from './file-type.js';
import type { AttributeChanges, Dentry, Filesystem, FilesystemStatfs, InodeStat, NewNode } from './filesystem.js';
import { FsError } from './fs-error.js';
import type { LayerDirent } from './layer.js';
import {
  childLink,
  childNames,
  cloneCore,
  coreOf,
  createInode,
  linkStat,
  linkType,
  type MemfsCore,
  type MemfsLink,
  moveLink,
  newCore,
  readContent,
  readLinkTarget,
  removeLink,
  rootLink,
  setInodeAttributes,
  setInodeTimes,
  truncateContent,
  volumeAround,
  writeContent,
} from './memfs-inodes.js';
import { joinPath } from './overlay-dentry.js';

export interface TmpfsOptions {
  /** Volume holding the content (default: a new, empty one). */
  readonly volume?: Volume;
  /** Root directory mode for a new volume (default 0o1777, tmpfs's default). */
  readonly mode?: number;
  /** Clock for the times of changed inodes, in ms since the epoch (default: always 0). */
  readonly now?: () => number;
  /**
   * The `size=` mount option in bytes, rounded up to whole pages: what statfs reports (writes are not refused
   * beyond it). Default 0, no limit, for which Linux's statfs reports zero blocks.
   */
  readonly size?: number;
}

/** A tmpfs's content at one moment (opaque). */
export interface TmpfsSnapshot {
  readonly core: unknown;
}

interface TmpfsDentry extends Dentry {
  readonly link: MemfsLink;
}

const DEFAULTS = { mode: 0o1777, now: () => 0, size: 0 } as const;

const PAGE_SIZE = 4096;
const TMPFS_MAGIC = 0x01021994;

const byName = (a: LayerDirent, b: LayerDirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export class Tmpfs implements Filesystem {
  readonly fstype = 'tmpfs';
  readonly writable = true;
  private readonly now: () => number;
  private readonly mode: number;
  private readonly maxBlocks: number;
  /** When the tmpfs was made: the root's times, whenever its inode store is made. */
  private readonly made: number;
  private contents: MemfsCore | undefined;
  /** The Volume given, or made around the inode store when first asked for. */
  private facade: Volume | undefined;
  /** Content to start from, copied when the inode store is first used (restore()). */
  private seed: { readonly core: MemfsCore; readonly content: ((data: Buffer) => Buffer) | undefined } | undefined;

  constructor(options: TmpfsOptions = {}) {
    const settings = { ...DEFAULTS, ...options };
    this.now = settings.now;
    this.mode = settings.mode;
    this.maxBlocks = Math.ceil(Math.max(0, settings.size) / PAGE_SIZE);
    this.made = settings.volume === undefined ? this.now() : 0;
    this.facade = settings.volume;
    this.contents = settings.volume === undefined ? undefined : coreOf(settings.volume);
  }

  /** The memfs volume holding the content (made around the tmpfs's inode store when first asked for). */
  get volume(): Volume {
    this.facade ??= volumeAround(this.core);
    return this.facade;
  }

  /** The inode store; an empty tmpfs makes it on first use (fleets mount thousands). */
  private get core(): MemfsCore {
    if (this.contents === undefined && this.seed !== undefined) {
      this.contents = cloneCore(this.seed.core, this.seed.content);
      this.seed = undefined;
    }
    if (this.contents === undefined) {
      const core = newCore();
      const root = rootLink(core);
      setInodeAttributes(root, { mode: this.mode & PERMISSION_BITS, uid: 0, gid: 0 }, this.made);
      setInodeTimes(root, this.made, this.made, this.made);
      this.contents = core;
    }
    return this.contents;
  }

  /** A copy of the content now, for tmpfs mounts that continue from it (restore()); later writes are not in it. */
  snapshot(): TmpfsSnapshot {
    return { core: cloneCore(this.core) };
  }

  /**
   * Continues from a snapshot instead of the content it has (a forked node's tmpfs): the copy is made when the
   * content is first used. `content` may give files other bytes.
   */
  restore(snapshot: TmpfsSnapshot, content?: (data: Buffer) => Buffer): void {
    this.contents = undefined;
    this.facade = undefined;
    this.seed = { core: (snapshot as { readonly core: MemfsCore }).core, content };
  }

  mountOptions(): readonly string[] {
    return [];
  }

  /** shmem_statfs: pages, free ones only for a size-limited tmpfs; no inode limit (f_files 0). */
  statfs(): FilesystemStatfs {
    const free = this.maxBlocks === 0 ? 0 : Math.max(0, this.maxBlocks - this.usedPages());
    return {
      type: TMPFS_MAGIC,
      bsize: PAGE_SIZE,
      blocks: this.maxBlocks,
      bfree: free,
      bavail: free,
      files: 0,
      ffree: 0,
    };
  }

  /** Pages the regular files hold (each inode once, however many names it has). */
  private usedPages(): number {
    if (this.contents === undefined && this.seed === undefined) return 0;
    const seen = new Set<number>();
    let pages = 0;
    const walk = (dir: MemfsLink): void => {
      for (const name of childNames(dir)) {
        const link = dir.children.get(name) as MemfsLink;
        const stat = linkStat(link);
        if (seen.has(stat.ino)) continue;
        seen.add(stat.ino);
        if (linkType(link) === 'directory') walk(link);
        else if (linkType(link) === 'file') pages += Math.ceil(stat.size / PAGE_SIZE);
      }
    };
    walk(rootLink(this.core));
    return pages;
  }

  root(): TmpfsDentry {
    // mounting only needs to know the root is a directory: the inode store is made when the root is first read
    const core = () => this.core;
    return {
      path: '/',
      type: 'directory',
      get link() {
        return rootLink(core());
      },
    };
  }

  lookup(dir: Dentry, name: string): TmpfsDentry | undefined {
    const parent = dir as TmpfsDentry;
    if (parent.type !== 'directory') return undefined;
    const link = childLink(parent.link, name);
    return link === undefined ? undefined : { path: joinPath(parent.path, name), type: linkType(link), link };
  }

  stat(entry: Dentry): InodeStat {
    return linkStat((entry as TmpfsDentry).link);
  }

  readdir(entry: Dentry): readonly LayerDirent[] {
    const { link, path } = entry as TmpfsDentry;
    if (entry.type !== 'directory') throw new FsError('ENOTDIR', 'scandir', path);
    return childNames(link)
      .map((name) => ({ name, type: linkType(link.children.get(name) as MemfsLink) }))
      .sort(byName);
  }

  readlink(entry: Dentry): string {
    if (entry.type !== 'symlink') throw new FsError('EINVAL', 'readlink', entry.path);
    return readLinkTarget((entry as TmpfsDentry).link);
  }

  read(entry: Dentry, offset: number, length: number): Uint8Array {
    if (entry.type === 'directory') throw new FsError('EISDIR', 'read');
    return readContent((entry as TmpfsDentry).link, offset, length);
  }

  create(dir: Dentry, name: string, node: NewNode): TmpfsDentry {
    const parent = dir as TmpfsDentry;
    const path = joinPath(dir.path, name);
    if (childLink(parent.link, name) !== undefined) throw new FsError('EEXIST', 'open', path);
    const now = this.now();
    const link = createInode(this.core, parent.link, name, { ...node, mtimeMs: now }, now);
    return { path, type: node.type, link };
  }

  write(entry: Dentry, data: Uint8Array, position: number): void {
    writeContent((entry as TmpfsDentry).link, data, position, this.now());
  }

  truncate(entry: Dentry, size: number): void {
    truncateContent((entry as TmpfsDentry).link, size, this.now());
  }

  remove(dir: Dentry, name: string): void {
    const entry = this.lookup(dir, name);
    if (entry === undefined) throw new FsError('ENOENT', 'unlink', joinPath(dir.path, name));
    if (entry.type === 'directory' && childNames(entry.link).length > 0) {
      throw new FsError('ENOTEMPTY', 'rmdir', entry.path);
    }
    removeLink(this.core, entry.link, this.now());
  }

  rename(fromDir: Dentry, fromName: string, toDir: Dentry, toName: string): void {
    const source = this.lookup(fromDir, fromName);
    if (source === undefined) throw new FsError('ENOENT', 'rename', joinPath(fromDir.path, fromName));
    const target = this.lookup(toDir, toName);
    if (target?.link === source.link) return;
    if (target?.type === 'directory' && this.readdir(target).length > 0) {
      throw new FsError('ENOTEMPTY', 'rename', joinPath(fromDir.path, fromName));
    }
    const now = this.now();
    if (target !== undefined) removeLink(this.core, target.link, now);
    moveLink(source.link, (toDir as TmpfsDentry).link, toName, now);
  }

  setAttributes(entry: Dentry, changes: AttributeChanges): void {
    const link = (entry as TmpfsDentry).link;
    const now = this.now();
    setInodeAttributes(link, changes, now);
    if (changes.atimeMs !== undefined || changes.mtimeMs !== undefined) {
      const current = linkStat(link);
      setInodeTimes(link, changes.atimeMs ?? current.atimeMs, changes.mtimeMs ?? current.mtimeMs, now);
    }
  }
}

/**
 * Every inode of a snapshot, one line each in walk order (path, inode number, mode, owner, link count, times and
 * content): equal texts mean equal content, for checks that two snapshots agree.
 */
export function describeTmpfsSnapshot(snapshot: TmpfsSnapshot, content?: (data: Buffer) => Buffer): string {
  const core = snapshot.core as MemfsCore;
  const lines: string[] = [];
  const stack: [string, MemfsLink][] = [['/', rootLink(core)]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [path, link] = next;
    const st = linkStat(link);
    const type = linkType(link);
    const body =
      type === 'file'
        ? (content ?? ((data: Buffer) => data))(Buffer.from(readContent(link, 0, st.size))).toString('base64')
        : type === 'symlink'
          ? readLinkTarget(link)
          : '';
    lines.push(
      `${path} ${st.ino} ${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.nlink} ${st.size} ${st.rdev} ` +
        `${st.atimeMs} ${st.mtimeMs} ${st.ctimeMs} ${body}`,
    );
    if (type === 'directory') {
      for (const name of childNames(link).reverse())
        stack.push([joinPath(path, name), link.children.get(name) as MemfsLink]);
    }
  }
  return lines.join('\n');
}
