// A layer over a memfs volume (or one directory of it). memfs has no xattrs, so kernel-style opaque directories
// come from the `xattrs` option; OCI-style markers and 0/0 character-device whiteouts work as stored.
import type { Volume } from 'memfs';
import type { FilesystemStatfs } from './filesystem.js';
import type { Layer, LayerDirent, LayerStat } from './layer.js';
import {
  childNames,
  coreOf,
  linkAt,
  linkStat,
  linkType,
  type MemfsCore,
  type MemfsLink,
  readContent,
  readLinkTarget,
} from './memfs-inodes.js';

export interface MemfsLayerOptions {
  /** Name in provenance reports and mount listings (default `memfs`). */
  readonly name?: string;
  /** Directory of the volume that is the layer's root (default `/`). */
  readonly root?: string;
  /** Extended attributes by layer path, e.g. `{ '/etc': { 'trusted.overlay.opaque': 'y' } }`. */
  readonly xattrs?: Readonly<Record<string, Readonly<Record<string, string | Uint8Array>>>>;
  /** statfs(2) of the filesystem the volume stands in for (e.g. a squashfs image); default: none. */
  readonly statfs?: () => FilesystemStatfs;
}

const encoder = new TextEncoder();

class MemfsLayer implements Layer {
  declare readonly statfs?: () => FilesystemStatfs;
  private readonly xattrs: ReadonlyMap<string, ReadonlyMap<string, Uint8Array>>;

  constructor(
    readonly name: string,
    private readonly core: MemfsCore,
    private readonly root: string,
    xattrs: MemfsLayerOptions['xattrs'],
    statfs: (() => FilesystemStatfs) | undefined,
  ) {
    if (statfs !== undefined) this.statfs = statfs;
    this.xattrs = new Map(
      Object.entries(xattrs ?? {}).map(([path, attrs]) => [
        path,
        new Map(Object.entries(attrs).map(([k, v]) => [k, typeof v === 'string' ? encoder.encode(v) : v])),
      ]),
    );
  }

  // The volume must not change while it is a layer, so dentries can be remembered by path.
  private readonly links = new Map<string, MemfsLink | undefined>();

  private link(path: string): MemfsLink | undefined {
    if (this.links.has(path)) return this.links.get(path);
    const link = linkAt(this.core, this.root === '/' ? path : path === '/' ? this.root : this.root + path);
    this.links.set(path, link);
    return link;
  }

  lstat(path: string): LayerStat | undefined {
    const link = this.link(path);
    return link === undefined ? undefined : linkStat(link);
  }

  readdir(path: string): readonly LayerDirent[] {
    const dir = this.link(path);
    if (dir === undefined || !dir.node.isDirectory()) return [];
    return childNames(dir).map((name) => ({ name, type: linkType(dir.children.get(name) as MemfsLink) }));
  }

  readlink(path: string): string {
    const link = this.link(path);
    return link === undefined ? '' : readLinkTarget(link);
  }

  read(path: string, offset: number, length: number): Uint8Array {
    const link = this.link(path);
    return link === undefined ? new Uint8Array(0) : readContent(link, offset, length);
  }

  getxattr(path: string, name: string): Uint8Array | undefined {
    return this.xattrs.get(path)?.get(name);
  }

  listxattr(path: string): readonly string[] {
    return [...(this.xattrs.get(path)?.keys() ?? [])];
  }
}

/** A layer reading `volume` in place; the volume must not change while an overlay uses the layer. */
export function memfsLayer(volume: Volume, options: MemfsLayerOptions = {}): Layer {
  const root = (options.root ?? '/').replace(/\/+$/, '') || '/';
  return new MemfsLayer(options.name ?? 'memfs', coreOf(volume), root, options.xattrs, options.statfs);
}
