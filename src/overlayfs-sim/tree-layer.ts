// A layer over a plain object tree: the quickest way to write a fixture layer, and the only adapter that can
// carry xattrs (kernel-style opaque directories) without a squashfs image.
import { type CompiledEntry, compileTree } from './compile-tree.js';
import type { Layer, LayerDirent, LayerStat } from './layer.js';
import type { TreeDirectory, TreeNode } from './tree-node.js';

export interface TreeLayerOptions {
  /** Name in provenance reports and mount listings (default `tree`). */
  readonly name?: string;
}

class TreeLayer implements Layer {
  constructor(
    readonly name: string,
    private readonly entries: ReadonlyMap<string, CompiledEntry>,
  ) {}

  lstat(path: string): LayerStat | undefined {
    return this.entries.get(path)?.stat;
  }

  readdir(path: string): readonly LayerDirent[] {
    return this.entries.get(path)?.children ?? [];
  }

  readlink(path: string): string {
    return this.entries.get(path)?.target ?? '';
  }

  read(path: string, offset: number, length: number): Uint8Array {
    const content = this.entries.get(path)?.content ?? new Uint8Array(0);
    return content.subarray(offset, offset + length);
  }

  getxattr(path: string, name: string): Uint8Array | undefined {
    return this.entries.get(path)?.xattrs.get(name);
  }

  listxattr(path: string): readonly string[] {
    return [...(this.entries.get(path)?.xattrs.keys() ?? [])];
  }
}

/** A layer holding a snapshot of `tree`; later changes to the object do not show. */
export function treeLayer(tree: TreeDirectory | TreeNode, options: TreeLayerOptions = {}): Layer {
  return new TreeLayer(options.name ?? 'tree', compileTree(tree));
}
