// Talos's `List(rootPath)` (internal/pkg/extensions/list.go) over a tree whose top-level directories are extension
// images, as the imager lays them out (`0`, `1`, …): sorted as strings, so `10` comes before `2`.
import type { Extension } from './extension.js';
import { ExtensionLoadError, isExtensionLoadError } from './extension-load-error.js';
import { type FsNode, FsTree } from './fs-tree.js';
import { loadExtension } from './load-extension.js';

/**
 * Loads every extension directory of `root`. A missing tree lists nothing (upstream returns no error for a
 * missing directory); a non-directory entry or a failing Load stops the listing with upstream's texts.
 */
export function listExtensions(root: FsTree | undefined, options: { readonly path?: string } = {}): Extension[] {
  if (root === undefined) return [];
  const base = options.path ?? '';
  return (root.list('/') ?? []).map((name) => {
    const node = root.root.entries.get(name) as FsNode;
    if (node.kind !== 'directory') throw new ExtensionLoadError({ kind: 'unexpected-non-directory', name });
    try {
      return loadExtension(new FsTree(node), { path: base === '' ? name : `${base}/${name}`, directory: name });
    } catch (err) {
      if (isExtensionLoadError(err))
        throw new ExtensionLoadError({ kind: 'extension-load', directory: name, cause: err });
      throw err;
    }
  });
}
