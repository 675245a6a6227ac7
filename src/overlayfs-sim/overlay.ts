// An overlay filesystem: read-only lower layers (first = top, as in overlayfs's lowerdir=) merged per path, and
// an optional writable upper layer kept in a memfs volume. Semantics follow Linux overlayfs
// (Documentation/filesystems/overlayfs.rst); provenance, which the kernel cannot report, is in `provenance.ts`.
import type { Volume } from 'memfs';
import { PERMISSION_BITS } from './file-type.js';
import type { AttributeChanges, Dentry, Filesystem, FilesystemStatfs, InodeStat, NewNode } from './filesystem.js';
import { FsError } from './fs-error.js';
import type { Layer, LayerDirent } from './layer.js';
import { type IndexEntry, LowerIndex } from './lower-index.js';
import {
  childNames,
  coreOf,
  linkStat,
  linkType,
  type MemfsLink,
  readContent,
  readLinkTarget,
  setInodeAttributes,
  setInodeTimes,
} from './memfs-inodes.js';
import { joinPath, type OverlayDentry } from './overlay-dentry.js';
import { OverlayUpper } from './overlay-upper.js';
import { OverlayWriter } from './overlay-writer.js';
import { type ConflictOptions, conflictsOf, type PathProvenance, provenanceOf } from './provenance.js';
import { isKernelWhiteout, isOciMarkerName, type MarkerConvention, ociWhitedOutName } from './whiteout.js';

export interface OverlayOptions {
  /** Read-only layers, top first (the order of overlayfs's `lowerdir=`); at least one. */
  readonly lowers: readonly Layer[];
  /** Writable upper layer; without one the overlay is read-only and every write fails with EROFS. */
  readonly upper?: Volume;
  /** Marker conventions recognised in the lower layers (default `both`). */
  readonly markers?: MarkerConvention;
  /** Clock for the times of changed inodes, in ms since the epoch (default: always 0, for reproducible results). */
  readonly now?: () => number;
  /** Name of the upper layer in mount listings (default `upper`). */
  readonly upperName?: string;
}

const DEFAULTS = { markers: 'both', now: () => 0, upperName: 'upper' } as const;

/** OVERLAYFS_SUPER_MAGIC, the `f_type` overlayfs reports whatever layer the numbers come from. */
const OVERLAYFS_MAGIC = 0x794c7630;
/** overlayfs keeps its own attributes (opaque, redirect…) out of listxattr and getxattr. */
const OWN_XATTR_PREFIX = 'trusted.overlay.';

const escapeOption = (name: string): string => name.replace(/[\\:,]/g, (c) => `\\${c}`);
const byName = (a: LayerDirent, b: LayerDirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export class Overlay implements Filesystem {
  readonly fstype: string = 'overlay';
  readonly writable: boolean;
  readonly lowers: readonly Layer[];
  /** @internal */ readonly index: LowerIndex;
  /** @internal */ readonly upper: OverlayUpper | undefined;
  private readonly writer: OverlayWriter | undefined;
  private readonly listings = new Map<string, readonly LayerDirent[]>();
  private readonly upperName: string;
  /** Bumped by every write, so dentries looked up before it are refreshed (see `fresh`). */
  private generation = 0;

  constructor(options: OverlayOptions) {
    const settings = { ...DEFAULTS, ...options };
    if (settings.lowers.length === 0) throw new FsError('EINVAL', 'mount', 'overlay');
    this.lowers = [...settings.lowers];
    this.index = new LowerIndex(this.lowers, settings.markers);
    this.upperName = settings.upperName;
    this.writable = settings.upper !== undefined;
    if (settings.upper !== undefined) {
      this.upper = new OverlayUpper(coreOf(settings.upper), this.index, settings.now);
      this.adoptRootAttributes(this.upper.root);
      this.writer = new OverlayWriter(this, this.upper, settings.now, (path, subtree) => this.changed(path, subtree));
    } else {
      this.upper = undefined;
      this.writer = undefined;
    }
  }

  /** A fresh upper directory takes the lower root's mode, owner and times, as if made to match it. */
  private adoptRootAttributes(root: MemfsLink): void {
    if (childNames(root).length > 0) return;
    const stat = this.index.stat(this.index.get('/') as IndexEntry);
    setInodeAttributes(root, { mode: stat.mode & PERMISSION_BITS, uid: stat.uid, gid: stat.gid }, stat.ctimeMs);
    setInodeTimes(root, stat.atimeMs, stat.mtimeMs, stat.ctimeMs);
  }

  mountOptions(): readonly string[] {
    const options = [`lowerdir=${this.lowers.map((l) => escapeOption(l.name)).join(':')}`];
    if (this.upper !== undefined) options.push(`upperdir=${escapeOption(this.upperName)}`);
    return options;
  }

  root(): OverlayDentry {
    const lower = this.index.get('/');
    const upper = this.upper?.root;
    return { path: '/', type: 'directory', upper, opaque: false, lower, merged: lower, generation: this.generation };
  }

  /** The entry at a path inside the overlay, looked up without following symlinks; undefined when missing. */
  entryAt(path: string): OverlayDentry | undefined {
    let current: OverlayDentry | undefined = this.root();
    for (const name of path.split('/')) {
      if (name !== '' && current !== undefined) current = this.lookup(current, name);
    }
    return current;
  }

  /** The current state of a dentry that may predate a write: looked up again by path (ENOENT if gone). */
  fresh(entry: Dentry): OverlayDentry {
    const d = entry as OverlayDentry;
    if (d.generation === this.generation) return d;
    const current = this.entryAt(d.path);
    if (current === undefined) throw new FsError('ENOENT', 'lstat', d.path);
    return current;
  }

  lookup(dir: Dentry, name: string): OverlayDentry | undefined {
    const parent = this.fresh(dir);
    if (parent.type !== 'directory') return undefined;
    const path = joinPath(parent.path, name);
    let upper: MemfsLink | undefined;
    let whiteout = false;
    if (parent.upper !== undefined && this.upper !== undefined) {
      const found = this.upper.child(parent.upper, name);
      upper = found.link;
      whiteout = found.whiteout;
    }
    const lower = parent.merged !== undefined && !whiteout ? this.index.get(path) : undefined;
    const generation = this.generation;
    if (upper === undefined) {
      if (lower === undefined) return undefined;
      return { path, type: lower.type, upper, opaque: false, lower, merged: lower, generation };
    }
    const type = linkType(upper);
    const opaque = type === 'directory' && (this.upper as OverlayUpper).isOpaque(upper);
    const merged = type === 'directory' && !opaque && lower?.type === 'directory' ? lower : undefined;
    return { path, type, upper, opaque, lower, merged, generation };
  }

  stat(entry: Dentry): InodeStat {
    const d = this.fresh(entry);
    if (d.upper === undefined) return this.index.stat(d.merged as IndexEntry);
    const stat = linkStat(d.upper);
    // overlayfs reports nlink 1 for merged directories rather than counting subdirectories in every layer.
    return d.merged === undefined ? stat : { ...stat, nlink: 1 };
  }

  readdir(entry: Dentry): readonly LayerDirent[] {
    const d = this.fresh(entry);
    if (d.type !== 'directory') throw new FsError('ENOTDIR', 'scandir', d.path);
    const cached = this.listings.get(d.path);
    if (cached !== undefined) return cached;
    let listing: readonly LayerDirent[];
    if (d.upper === undefined) {
      listing = (d.merged as IndexEntry).children;
    } else {
      const names = new Map<string, LayerDirent>();
      const hidden = new Set<string>();
      for (const name of childNames(d.upper)) {
        const link = d.upper.children.get(name) as MemfsLink;
        if (isOciMarkerName(name)) {
          const whitedOut = ociWhitedOutName(name);
          if (whitedOut !== undefined) hidden.add(whitedOut);
        } else if (isKernelWhiteout(linkStat(link))) {
          hidden.add(name);
        } else {
          names.set(name, { name, type: linkType(link) });
        }
      }
      for (const child of d.merged?.children ?? []) {
        if (!names.has(child.name) && !hidden.has(child.name)) names.set(child.name, child);
      }
      listing = [...names.values()].sort(byName);
    }
    this.listings.set(d.path, listing);
    return listing;
  }

  readlink(entry: Dentry): string {
    const d = this.fresh(entry);
    if (d.type !== 'symlink') throw new FsError('EINVAL', 'readlink', d.path);
    if (d.upper !== undefined) return readLinkTarget(d.upper);
    return (this.lowers[(d.merged as IndexEntry).layer] as Layer).readlink(d.path);
  }

  read(entry: Dentry, offset: number, length: number): Uint8Array {
    const d = this.fresh(entry);
    if (d.type === 'directory') throw new FsError('EISDIR', 'read');
    if (d.upper !== undefined) return readContent(d.upper, offset, length);
    if (d.type !== 'file') return new Uint8Array(0);
    return (this.lowers[(d.merged as IndexEntry).layer] as Layer).read(d.path, offset, length);
  }

  private get writes(): OverlayWriter {
    if (this.writer === undefined) throw new FsError('EROFS', 'open');
    return this.writer;
  }

  create(dir: Dentry, name: string, node: NewNode): OverlayDentry {
    return this.writes.create(this.fresh(dir), name, node);
  }

  write(entry: Dentry, data: Uint8Array, position: number): void {
    this.writes.write(this.fresh(entry), data, position);
  }

  truncate(entry: Dentry, size: number): void {
    this.writes.truncate(this.fresh(entry), size);
  }

  remove(dir: Dentry, name: string): void {
    this.writes.remove(this.fresh(dir), name);
  }

  rename(fromDir: Dentry, fromName: string, toDir: Dentry, toName: string): void {
    this.writes.rename(this.fresh(fromDir), fromName, this.fresh(toDir), toName);
  }

  setAttributes(entry: Dentry, changes: AttributeChanges): void {
    this.writes.setAttributes(this.fresh(entry), changes);
  }

  /**
   * ovl_statfs: the numbers of the upper layer's filesystem or, without an upper, of the top lower layer's; a memfs
   * upper, or a top layer that reports none, gives zero blocks.
   */
  statfs(): FilesystemStatfs {
    const top = this.upper === undefined ? this.lowers[0]?.statfs?.() : undefined;
    const zero = { bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0 };
    return { ...(top ?? zero), type: OVERLAYFS_MAGIC };
  }

  /** The attributes of the inode the overlay shows (an upper one keeps none: memfs has no xattrs). */
  listxattr(entry: Dentry): readonly string[] {
    const d = this.fresh(entry);
    if (d.upper !== undefined || d.merged === undefined) return [];
    const layer = this.lowers[d.merged.layer] as Layer;
    return layer.listxattr(d.path).filter((name) => !name.startsWith(OWN_XATTR_PREFIX));
  }

  getxattr(entry: Dentry, name: string): Uint8Array | undefined {
    const d = this.fresh(entry);
    if (name.startsWith(OWN_XATTR_PREFIX) || d.upper !== undefined || d.merged === undefined) return undefined;
    const value = (this.lowers[d.merged.layer] as Layer).getxattr(d.path, name);
    return value === undefined ? undefined : Uint8Array.from(value);
  }

  /** Which layer provides `path` (a physical path: no symlinks followed) and which layers it shadows. */
  provenance(path: string): PathProvenance | undefined {
    return provenanceOf(this, path);
  }

  /**
   * Every path that more than one layer provides where one layer's entry hides another's (and, on request,
   * directories that merge), sorted by path.
   */
  conflicts(options: ConflictOptions = {}): readonly PathProvenance[] {
    return conflictsOf(this, options);
  }

  /** Records a write: every earlier dentry is stale, and listings of `dirPath` (or all, for `subtree`) too. */
  private changed(dirPath: string | undefined, subtree: boolean): void {
    this.generation++;
    if (subtree) this.listings.clear();
    else if (dirPath !== undefined) this.listings.delete(dirPath);
  }
}
