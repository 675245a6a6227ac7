// The merged view of an overlay's lower layers, computed once at mount. Lower layers never change, so every
// lookup below the upper layer is one Map hit instead of a walk through each layer.
//
// Per directory the layers are merged the way overlayfs looks names up (Documentation/filesystems/overlayfs.rst):
// the topmost entry for a name wins; a non-directory hides everything below it; directories merge down the stack
// until a layer has a non-directory or whiteout there, or one of the merged directories is opaque.
import type { FileType } from './file-type.js';
import type { InodeStat } from './filesystem.js';
import { FsError } from './fs-error.js';
import type { Layer, LayerDirent } from './layer.js';
import {
  isKernelWhiteout,
  isOciMarkerName,
  isOpaqueXattr,
  type MarkerConvention,
  OCI_OPAQUE_MARKER,
  OVERLAY_OPAQUE_XATTR,
  ociWhitedOutName,
} from './whiteout.js';

/** An entry of some lower layer that the merged view does not show. */
export interface ShadowedEntry {
  /** Position in the lower stack (0 = top). */
  readonly layer: number;
  readonly type: FileType | 'whiteout';
}

/** A path the merged lower view shows. */
export interface IndexEntry {
  readonly path: string;
  readonly type: FileType;
  /** The lower layer whose inode is shown (0 = top). */
  readonly layer: number;
  /** Directories: the layers whose directories merge here, top first (the provider first). */
  readonly stack: readonly number[];
  /** Entries at this path in lower layers that are hidden by it. */
  readonly shadows: readonly ShadowedEntry[];
  /** Directories: the visible entries, sorted by name. */
  readonly children: readonly LayerDirent[];
  /** Directories: names that a whiteout in a merged layer removes. */
  readonly whitedOut: readonly string[];
}

/** A path that a whiteout in some lower layer removes from the merged view. */
export interface IndexWhiteout {
  readonly path: string;
  readonly layer: number;
  readonly shadows: readonly ShadowedEntry[];
}

interface Candidate {
  readonly layer: number;
  readonly type: FileType | 'whiteout';
}

const NONE: readonly never[] = Object.freeze([]);
const join = (dir: string, name: string): string => (dir === '/' ? `/${name}` : `${dir}/${name}`);

export class LowerIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly whiteouts = new Map<string, IndexWhiteout>();
  private readonly stats = new Map<string, InodeStat>();
  private readonly kernel: boolean;
  private readonly oci: boolean;

  constructor(
    readonly layers: readonly Layer[],
    markers: MarkerConvention,
  ) {
    this.kernel = markers !== 'oci';
    this.oci = markers !== 'kernel';
    this.build();
  }

  get(path: string): IndexEntry | undefined {
    return this.entries.get(path);
  }

  whiteout(path: string): IndexWhiteout | undefined {
    return this.whiteouts.get(path);
  }

  all(): IterableIterator<IndexEntry> {
    return this.entries.values();
  }

  allWhiteouts(): IterableIterator<IndexWhiteout> {
    return this.whiteouts.values();
  }

  /**
   * stat(2) data the overlay reports for a lower-only entry: the provider's inode, atime and ctime equal to its
   * mtime (layers keep only mtime), and nlink 1 for a merged directory, as overlayfs reports (it does not count
   * subdirectories across layers).
   */
  stat(entry: IndexEntry): InodeStat {
    let stat = this.stats.get(entry.path);
    if (stat === undefined) {
      const layerStat = this.layers[entry.layer]?.lstat(entry.path);
      if (layerStat === undefined) throw new FsError('ENOENT', 'lstat', entry.path);
      const nlink = entry.stack.length > 1 ? 1 : layerStat.nlink;
      stat = { ...layerStat, nlink, atimeMs: layerStat.mtimeMs, ctimeMs: layerStat.mtimeMs };
      this.stats.set(entry.path, stat);
    }
    return stat;
  }

  private isOpaque(layer: number, path: string): boolean {
    const l = this.layers[layer] as Layer;
    if (this.kernel && isOpaqueXattr(l.getxattr(path, OVERLAY_OPAQUE_XATTR))) return true;
    return this.oci && l.lstat(join(path, OCI_OPAQUE_MARKER)) !== undefined;
  }

  private build(): void {
    // Recursion depth is the tree depth; names are merged breadth-first within each directory.
    this.entries.set(
      '/',
      this.directory(
        '/',
        this.layers.map((_, i) => i),
        NONE,
      ),
    );
  }

  /** Merges the directory at `path` over `stack`, registering every entry below it. */
  private directory(path: string, stack: readonly number[], shadows: readonly ShadowedEntry[]): IndexEntry {
    const candidates = this.candidates(path, stack);
    const children: LayerDirent[] = [];
    const whitedOut: string[] = [];
    for (const [name, found] of candidates) {
      const childPath = join(path, name);
      const top = found[0] as Candidate;
      if (top.type === 'whiteout') {
        this.whiteouts.set(childPath, { path: childPath, layer: top.layer, shadows: found.slice(1) });
        whitedOut.push(name);
        continue;
      }
      children.push({ name, type: top.type });
      if (top.type !== 'directory') {
        const rest = found.length > 1 ? found.slice(1) : NONE;
        const entry = { path: childPath, type: top.type, layer: top.layer, stack: [top.layer], shadows: rest };
        this.entries.set(childPath, { ...entry, children: NONE, whitedOut: NONE });
        continue;
      }
      const childStack = [top.layer];
      let opaque = this.isOpaque(top.layer, childPath);
      let i = 1;
      for (; i < found.length && !opaque; i++) {
        const below = found[i] as Candidate;
        if (below.type !== 'directory') break;
        childStack.push(below.layer);
        opaque = this.isOpaque(below.layer, childPath);
      }
      this.entries.set(childPath, this.directory(childPath, childStack, i < found.length ? found.slice(i) : NONE));
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { path, type: 'directory', layer: stack[0] ?? 0, stack, shadows, children, whitedOut };
  }

  /** Every layer's entries of one directory by name, top layer first; in one layer a real entry before a whiteout. */
  private candidates(path: string, stack: readonly number[]): Map<string, Candidate[]> {
    const byName = new Map<string, Candidate[]>();
    const add = (name: string, candidate: Candidate): void => {
      const list = byName.get(name);
      if (list === undefined) byName.set(name, [candidate]);
      else if (candidate.type === 'whiteout' || list.at(-1)?.layer !== candidate.layer) list.push(candidate);
      else list.splice(list.length - 1, 0, candidate);
    };
    for (const layer of stack) {
      const l = this.layers[layer] as Layer;
      for (const dirent of l.readdir(path)) {
        const name = dirent.name;
        if (this.oci && isOciMarkerName(name)) {
          const hidden = ociWhitedOutName(name);
          if (hidden !== undefined) add(hidden, { layer, type: 'whiteout' });
          continue;
        }
        if (this.kernel && dirent.type === 'char-device') {
          const stat = l.lstat(join(path, name));
          if (stat !== undefined && isKernelWhiteout(stat)) {
            add(name, { layer, type: 'whiteout' });
            continue;
          }
        }
        add(name, { layer, type: dirent.type });
      }
    }
    return byName;
  }
}
