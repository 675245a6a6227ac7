// Provenance, which the kernel cannot tell you: for a path of an overlay, which layer provides what you see,
// which layers' directories merge into it, and which layers' entries it hides.
import type { FileType } from './file-type.js';
import type { IndexEntry } from './lower-index.js';
import { childNames, linkStat, type MemfsLink } from './memfs-inodes.js';
import type { Overlay } from './overlay.js';
import { joinPath, type OverlayDentry } from './overlay-dentry.js';
import { isKernelWhiteout, ociWhitedOutName } from './whiteout.js';

/** A layer of an overlay: its upper, or a lower by position (0 = top) and name. */
export type LayerRef =
  | { readonly kind: 'upper' }
  | { readonly kind: 'lower'; readonly index: number; readonly name: string };

/** An entry of some layer that is hidden at a path. */
export interface ShadowedLayer {
  readonly layer: LayerRef;
  readonly type: FileType | 'whiteout';
}

export interface PathProvenance {
  readonly path: string;
  /** False when a whiteout removes the path from the overlay. */
  readonly visible: boolean;
  /** Type of the entry shown, or `whiteout`. */
  readonly type: FileType | 'whiteout';
  /** The layer whose entry is shown, or whose whiteout hides the path. */
  readonly provider: LayerRef;
  /** Directories: every layer whose directory merges into the one shown, the provider first. */
  readonly merged: readonly LayerRef[];
  /** Entries at this path in lower layers that the provider hides, top first. */
  readonly shadows: readonly ShadowedLayer[];
}

const UPPER: LayerRef = Object.freeze({ kind: 'upper' });

function lowerRef(overlay: Overlay, index: number): LayerRef {
  return { kind: 'lower', index, name: overlay.lowers[index]?.name ?? '' };
}

/** Every lower layer's entry at the path of `entry`: the merged directories, then what they hide. */
function lowerEntries(overlay: Overlay, entry: IndexEntry): ShadowedLayer[] {
  const own = entry.stack.map((layer) => ({ layer: lowerRef(overlay, layer), type: entry.type }));
  return [...own, ...entry.shadows.map((s) => ({ layer: lowerRef(overlay, s.layer), type: s.type }))];
}

function fromDentry(overlay: Overlay, d: OverlayDentry): PathProvenance {
  const isDirectory = d.type === 'directory';
  if (d.upper === undefined) {
    const entry = d.merged as IndexEntry;
    return {
      path: d.path,
      visible: true,
      type: d.type,
      provider: lowerRef(overlay, entry.layer),
      merged: isDirectory ? entry.stack.map((l) => lowerRef(overlay, l)) : [],
      shadows: entry.shadows.map((s) => ({ layer: lowerRef(overlay, s.layer), type: s.type })),
    };
  }
  const merged = d.merged === undefined ? [] : d.merged.stack.map((l) => lowerRef(overlay, l));
  const shadows =
    d.merged !== undefined
      ? d.merged.shadows.map((s) => ({ layer: lowerRef(overlay, s.layer), type: s.type }))
      : d.lower !== undefined
        ? lowerEntries(overlay, d.lower)
        : [];
  return {
    path: d.path,
    visible: true,
    type: d.type,
    provider: UPPER,
    merged: isDirectory ? [UPPER, ...merged] : [],
    shadows,
  };
}

/** Provenance of `name` in directory `dir`, or undefined when no layer has it. */
function provenanceAt(overlay: Overlay, dir: OverlayDentry, name: string): PathProvenance | undefined {
  const found = overlay.lookup(dir, name);
  if (found !== undefined) return fromDentry(overlay, found);
  const path = joinPath(dir.path, name);
  const reachable = dir.merged !== undefined ? overlay.index.get(path) : undefined;
  if (dir.upper !== undefined && overlay.upper?.child(dir.upper, name).whiteout) {
    const shadows = reachable === undefined ? [] : lowerEntries(overlay, reachable);
    return { path, visible: false, type: 'whiteout', provider: UPPER, merged: [], shadows };
  }
  const whiteout = dir.merged !== undefined ? overlay.index.whiteout(path) : undefined;
  if (whiteout === undefined) return undefined;
  return {
    path,
    visible: false,
    type: 'whiteout',
    provider: lowerRef(overlay, whiteout.layer),
    merged: [],
    shadows: whiteout.shadows.map((s) => ({ layer: lowerRef(overlay, s.layer), type: s.type })),
  };
}

/** Provenance of an absolute path, looked up without following symlinks; undefined when no layer has it. */
export function provenanceOf(overlay: Overlay, path: string): PathProvenance | undefined {
  const names = path.split('/').filter((n) => n !== '' && n !== '.');
  let dir = overlay.root();
  if (names.length === 0) return fromDentry(overlay, dir);
  for (const name of names.slice(0, -1)) {
    const next = overlay.lookup(dir, name);
    if (next?.type !== 'directory') return undefined;
    dir = next;
  }
  return provenanceAt(overlay, dir, names.at(-1) as string);
}

/** Names in `dir` that some whiteout removes (upper or lower). */
function whitedOutNames(dir: OverlayDentry): string[] {
  const names: string[] = [...(dir.merged?.whitedOut ?? [])];
  if (dir.upper !== undefined) {
    for (const name of childNames(dir.upper)) {
      const hidden = ociWhitedOutName(name);
      if (hidden !== undefined) names.push(hidden);
      else if (isKernelWhiteout(linkStat(dir.upper.children.get(name) as MemfsLink))) names.push(name);
    }
  }
  return names;
}

export interface ConflictOptions {
  /** Also report directories that several layers provide and that merge (default false: merging is normal). */
  readonly mergedDirectories?: boolean;
}

export function conflictsOf(overlay: Overlay, options: ConflictOptions = {}): readonly PathProvenance[] {
  const out: PathProvenance[] = [];
  const counts = (p: PathProvenance): boolean =>
    p.shadows.length > 0 || (options.mergedDirectories === true && p.merged.length > 1);
  const root = overlay.root();
  const rootProvenance = fromDentry(overlay, root);
  if (counts(rootProvenance)) out.push(rootProvenance);
  const queue: OverlayDentry[] = [root];
  for (let dir = queue.pop(); dir !== undefined; dir = queue.pop()) {
    const names = new Set([...overlay.readdir(dir).map((e) => e.name), ...whitedOutNames(dir)]);
    for (const name of names) {
      const provenance = provenanceAt(overlay, dir, name);
      if (provenance !== undefined && counts(provenance)) out.push(provenance);
      const child = overlay.lookup(dir, name);
      if (child?.type === 'directory') queue.push(child);
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
