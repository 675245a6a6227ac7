// A node's filesystem namespace: filesystems mounted at paths (overlay, tmpfs, bind mounts of a directory or a
// file, read-only or not), stacked like Linux mounts (the last mount at a path is the one seen), with a
// /proc/mounts-style listing. Paths cross into a mount at its mount point, so lookup is longest-prefix.
import { makedev } from './file-type.js';
import type { Dentry, Filesystem } from './filesystem.js';
import { FsError, isFsError } from './fs-error.js';
import { joinPath } from './overlay-dentry.js';
import { type Location, resolvePath } from './path-resolver.js';

export interface MountOptions {
  /** Mount read-only (default false; a filesystem that cannot be written is always read-only). */
  readonly readOnly?: boolean;
  /** The first column of the listing (default: the filesystem type, as for overlay and tmpfs). */
  readonly source?: string;
}

/** Where a bind mount's content comes from: a path in this namespace, or a path inside a filesystem. */
export type BindSource = string | { readonly filesystem: Filesystem; readonly path: string };

/** One entry of the mount table. */
export interface MountInfo {
  readonly id: number;
  /** Absolute path of the mount point. */
  readonly target: string;
  readonly source: string;
  readonly fstype: string;
  readonly readOnly: boolean;
  readonly bind: boolean;
  /** `ro` or `rw`, then the filesystem's own options. */
  readonly options: readonly string[];
  readonly filesystem: Filesystem;
  /** Path inside the filesystem that appears at the mount point (`/` except for bind mounts). */
  readonly root: string;
  /** st_dev reported for inodes of this mount. */
  readonly dev: number;
}

const escapeField = (s: string): string =>
  s.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);

/** Lexical normalisation of an absolute path (for mount points given by the caller). */
function normalize(path: string): string {
  const parts: string[] = [];
  for (const name of path.split('/')) {
    if (name === '' || name === '.') continue;
    if (name === '..') parts.pop();
    else parts.push(name);
  }
  return `/${parts.join('/')}`;
}

/** A mount table at one moment (see MountTable.snapshot). */
export interface MountTableSnapshot {
  readonly mounts: readonly MountInfo[];
  readonly devs: ReadonlyMap<Filesystem, number>;
  readonly nextId: number;
}

export class MountTable {
  private readonly mounts: MountInfo[] = [];
  private readonly byTarget = new Map<string, MountInfo[]>();
  /** Last components of mount points: a cheap filter before building paths during lookup. */
  private readonly mountNames = new Map<string, number>();
  private readonly devs = new Map<Filesystem, number>();
  private nextId = 1;

  /** Mounts `filesystem` at `target` (resolved through symlinks); the first mount must be at `/`. */
  mount(target: string, filesystem: Filesystem, options: MountOptions = {}): MountInfo {
    return this.add(target, filesystem, '/', false, options.source ?? filesystem.fstype, options);
  }

  /** Bind-mounts a directory or file at `target`, which must be of the same kind (a directory or not). */
  bind(target: string, source: BindSource, options: MountOptions = {}): MountInfo {
    if (typeof source !== 'string') {
      const path = normalize(source.path);
      return this.add(target, source.filesystem, path, true, options.source ?? source.filesystem.fstype, options);
    }
    const from = this.resolveForMount(source);
    return this.add(
      target,
      from.mount.filesystem,
      from.dentry.path,
      true,
      options.source ?? from.mount.source,
      options,
    );
  }

  /** Resolves a mount's source or target; a failure is raised again here, with a stack (resolution's have none). */
  private resolveForMount(path: string): Location {
    try {
      return resolvePath(this, path, { follow: true, syscall: 'mount' }).location as Location;
    } catch (err) {
      if (isFsError(err)) throw new FsError(err.code, err.syscall, err.path, err.dest);
      throw err;
    }
  }

  private add(
    target: string,
    filesystem: Filesystem,
    root: string,
    bind: boolean,
    source: string,
    options: MountOptions,
  ): MountInfo {
    let path = '/';
    const rootDentry = this.physical(filesystem, root, target);
    if (this.mounts.length === 0) {
      if (normalize(target) !== '/') throw new FsError('ENOENT', 'mount', target);
    } else {
      const at = this.resolveForMount(target);
      if ((at.dentry.type === 'directory') !== (rootDentry.type === 'directory')) {
        throw new FsError('ENOTDIR', 'mount', target);
      }
      path = at.path;
    }
    const readOnly = (options.readOnly ?? false) || !filesystem.writable;
    let dev = this.devs.get(filesystem);
    if (dev === undefined) {
      dev = makedev(0, 32 + this.devs.size);
      this.devs.set(filesystem, dev);
    }
    const fsOptions = filesystem.mountOptions();
    const info: MountInfo = {
      id: this.nextId++,
      target: path,
      source,
      fstype: filesystem.fstype,
      readOnly,
      bind,
      options: [readOnly ? 'ro' : 'rw', ...fsOptions],
      filesystem,
      root,
      dev,
    };
    this.mounts.push(info);
    const stack = this.byTarget.get(path) ?? [];
    stack.push(info);
    this.byTarget.set(path, stack);
    const name = path.slice(path.lastIndexOf('/') + 1);
    this.mountNames.set(name, (this.mountNames.get(name) ?? 0) + 1);
    return info;
  }

  /** Its mounts now, for a table that continues from them (restore()). */
  snapshot(): MountTableSnapshot {
    return { mounts: [...this.mounts], devs: new Map(this.devs), nextId: this.nextId };
  }

  /**
   * Replaces every mount by those of a snapshot, each filesystem by what `filesystems` maps it to (the same one when
   * it maps none): mount ids, device numbers and the order of mounts are the snapshot's.
   */
  restore(snapshot: MountTableSnapshot, filesystems: ReadonlyMap<Filesystem, Filesystem>): void {
    const to = (fs: Filesystem): Filesystem => filesystems.get(fs) ?? fs;
    this.mounts.length = 0;
    this.byTarget.clear();
    this.mountNames.clear();
    this.devs.clear();
    for (const [fs, dev] of snapshot.devs) this.devs.set(to(fs), dev);
    for (const m of snapshot.mounts) {
      const info: MountInfo = { ...m, filesystem: to(m.filesystem) };
      this.mounts.push(info);
      const stack = this.byTarget.get(info.target) ?? [];
      stack.push(info);
      this.byTarget.set(info.target, stack);
      const name = info.target.slice(info.target.lastIndexOf('/') + 1);
      this.mountNames.set(name, (this.mountNames.get(name) ?? 0) + 1);
    }
    this.nextId = snapshot.nextId;
  }

  /** Removes the topmost mount at `target` (a mount point path, not resolved); EBUSY while mounts sit below it. */
  unmount(target: string): void {
    const path = normalize(target);
    const stack = this.byTarget.get(path);
    const top = stack?.at(-1);
    if (stack === undefined || top === undefined) throw new FsError('EINVAL', 'umount', target);
    const prefix = path === '/' ? '/' : `${path}/`;
    const later = this.mounts.slice(this.mounts.indexOf(top) + 1);
    if (later.some((m) => m.target.startsWith(prefix) || (path === '/' && m.target !== '/'))) {
      throw new FsError('EBUSY', 'umount', target);
    }
    stack.pop();
    if (stack.length === 0) this.byTarget.delete(path);
    this.mounts.splice(this.mounts.indexOf(top), 1);
    const name = path.slice(path.lastIndexOf('/') + 1);
    this.mountNames.set(name, (this.mountNames.get(name) ?? 1) - 1);
  }

  /** Every mount, in mount order. */
  list(): readonly MountInfo[] {
    return [...this.mounts];
  }

  /** The mount table in the format of /proc/mounts (`source target fstype options 0 0` per line). */
  procMounts(): string {
    return this.mounts
      .map((m) => `${escapeField(m.source)} ${escapeField(m.target)} ${m.fstype} ${m.options.join(',')} 0 0\n`)
      .join('');
  }

  /** The mount that a path (taken literally, no symlinks) lies in: the longest mount-point prefix. */
  mountOf(path: string): MountInfo | undefined {
    let candidate = normalize(path);
    for (;;) {
      const top = this.byTarget.get(candidate)?.at(-1);
      if (top !== undefined) return top;
      if (candidate === '/') return undefined;
      candidate = candidate.slice(0, Math.max(1, candidate.lastIndexOf('/')));
    }
  }

  /** True when a mount sits exactly at this (normalised) path. */
  isMountPoint(path: string): boolean {
    return this.byTarget.has(path);
  }

  /** True when a mount sits at this path or anywhere below it. */
  hasMountsAtOrBelow(path: string): boolean {
    const prefix = path === '/' ? '/' : `${path}/`;
    return this.mounts.some((m) => m.target === path || m.target.startsWith(prefix));
  }

  /** @internal The root of the namespace. */
  rootLocation(): Location {
    const top = this.byTarget.get('/')?.at(-1);
    if (top === undefined) throw new FsError('ENOENT', 'stat', '/');
    return { mount: top, dentry: this.mountRoot(top), path: '/' };
  }

  /** @internal One lookup step, crossing into a mount at a mount point. */
  child(at: Location, name: string): Location | undefined {
    if (this.mountNames.get(name)) {
      const path = joinPath(at.path, name);
      const top = this.byTarget.get(path)?.at(-1);
      if (top !== undefined) return { mount: top, dentry: this.mountRoot(top), path };
    }
    const dentry = at.mount.filesystem.lookup(at.dentry, name);
    return dentry === undefined ? undefined : { mount: at.mount, dentry, path: joinPath(at.path, name) };
  }

  private mountRoot(mount: MountInfo): Dentry {
    return mount.root === '/' ? mount.filesystem.root() : this.physical(mount.filesystem, mount.root, mount.target);
  }

  /** The dentry at a path inside a filesystem, without following symlinks (a bind source). */
  private physical(filesystem: Filesystem, path: string, shownAs: string): Dentry {
    let dentry: Dentry | undefined = filesystem.root();
    for (const name of path.split('/')) {
      if (name === '' || dentry === undefined) continue;
      dentry = filesystem.lookup(dentry, name);
    }
    if (dentry === undefined) throw new FsError('ENOENT', 'mount', shownAs);
    return dentry;
  }
}
