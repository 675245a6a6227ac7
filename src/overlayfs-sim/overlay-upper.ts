// The writable upper layer of an overlay, kept in a memfs volume's inode store: copy-up of lower entries, whiteouts
// and opaque markers. memfs has no xattrs, so the upper records whiteouts and opaque directories the OCI way
// (`.wh.<name>`, `.wh..wh..opq`); a 0/0 character device placed there by hand also counts as a whiteout.
import { PERMISSION_BITS } from './file-type.js';
import { FsError } from './fs-error.js';
import type { Layer } from './layer.js';
import type { LowerIndex } from './lower-index.js';
import {
  childLink,
  createInode,
  linkStat,
  type MemfsCore,
  type MemfsLink,
  removeLink,
  rootLink,
  setInodeTimes,
} from './memfs-inodes.js';
import { baseName, joinPath, type OverlayDentry, parentPath } from './overlay-dentry.js';
import { isKernelWhiteout, isOciMarkerName, OCI_OPAQUE_MARKER, ociWhiteoutName } from './whiteout.js';

const MARKER = { type: 'file', mode: 0, uid: 0, gid: 0 } as const;

export class OverlayUpper {
  readonly root: MemfsLink;

  constructor(
    readonly core: MemfsCore,
    private readonly index: LowerIndex,
    private readonly now: () => number,
  ) {
    this.root = rootLink(core);
  }

  /** The upper entry `name` of `dir` (undefined for a whiteout), and whether a whiteout hides the lower one. */
  child(dir: MemfsLink, name: string): { readonly link: MemfsLink | undefined; readonly whiteout: boolean } {
    if (isOciMarkerName(name)) return { link: undefined, whiteout: false };
    const link = childLink(dir, name);
    if (link !== undefined && isKernelWhiteout(linkStat(link))) return { link: undefined, whiteout: true };
    return { link, whiteout: dir.children.has(ociWhiteoutName(name)) };
  }

  isOpaque(dir: MemfsLink): boolean {
    return dir.children.has(OCI_OPAQUE_MARKER);
  }

  /** The upper directory at `path`, copying up every missing ancestor with its lower attributes. */
  copyUpDir(path: string): MemfsLink {
    let link = this.root;
    if (path === '/') return link;
    let current = '';
    for (const name of path.slice(1).split('/')) {
      current += `/${name}`;
      const next = childLink(link, name);
      if (next !== undefined) {
        link = next;
        continue;
      }
      link = this.copyInode(link, name, current);
    }
    return link;
  }

  /** The upper inode of `entry`, copying the lower one up (content, mode, owner, times) when there is none. */
  copyUp(entry: OverlayDentry): MemfsLink {
    if (entry.upper !== undefined) return entry.upper;
    const name = baseName(entry.path);
    // With kernel-only lower markers a lower file may be called `.wh.x`; in the upper that name means a whiteout.
    if (isOciMarkerName(name)) throw new FsError('EINVAL', 'open', entry.path);
    return this.copyInode(this.copyUpDir(parentPath(entry.path)), name, entry.path);
  }

  private copyInode(parent: MemfsLink, name: string, path: string): MemfsLink {
    const lower = this.index.get(path);
    if (lower === undefined) throw new FsError('ENOENT', 'open', path);
    const layer = this.index.layers[lower.layer] as Layer;
    const stat = this.index.stat(lower);
    const inode = {
      type: lower.type,
      mode: stat.mode & PERMISSION_BITS,
      uid: stat.uid,
      gid: stat.gid,
      mtimeMs: stat.mtimeMs,
      rdev: stat.rdev,
      ...(lower.type === 'symlink' ? { target: layer.readlink(path) } : {}),
      ...(lower.type === 'file' ? { content: layer.read(path, 0, stat.size) } : {}),
    };
    // Copy-up must not look like a change of the parent: keep its times, as the kernel does.
    const before = linkStat(parent);
    const link = createInode(this.core, parent, name, inode, this.now());
    setInodeTimes(parent, before.atimeMs, before.mtimeMs, before.ctimeMs);
    return link;
  }

  /** Removes any whiteout for `name` in `dir`. */
  clearWhiteout(dir: MemfsLink, name: string): void {
    const marker = childLink(dir, ociWhiteoutName(name));
    if (marker !== undefined) removeLink(this.core, marker, this.now());
    const device = childLink(dir, name);
    if (device !== undefined && isKernelWhiteout(linkStat(device))) removeLink(this.core, device, this.now());
  }

  addWhiteout(dir: MemfsLink, name: string): void {
    if (!dir.children.has(ociWhiteoutName(name))) {
      createInode(this.core, dir, ociWhiteoutName(name), { ...MARKER, mtimeMs: this.now() }, this.now());
    }
  }

  markOpaque(dir: MemfsLink): void {
    if (!this.isOpaque(dir)) {
      const { mtimeMs, atimeMs, ctimeMs } = linkStat(dir);
      createInode(this.core, dir, OCI_OPAQUE_MARKER, { ...MARKER, mtimeMs: this.now() }, this.now());
      setInodeTimes(dir, atimeMs, mtimeMs, ctimeMs);
    }
  }

  /** True when a lower entry would show at `name` under `dir` if the upper did not hide it. */
  lowerReaches(dir: OverlayDentry, name: string): boolean {
    return dir.merged?.type === 'directory' && this.index.get(joinPath(dir.path, name)) !== undefined;
  }
}
