// The squasher talos-sim uses when the caller names none: the TypeScript squashfs writer, with the imager's
// mksquashfs options (`-all-root -noappend`, zstd level 18 or xz with a block-sized dictionary). Talos ≥ v1.13
// passes `-xattrs-exclude .*` and labels entries with security.selinux through pseudo definitions: the same tree
// transformation is applied before writing.
import { type FsTree, pathNames } from '../extensions/index.js';
import { squashLayer } from '../squashfs/index.js';
import type { LayerSquasher, LayerSquashOptions } from './layer-squasher.js';

/** The tree mksquashfs would store: only the SELinux labels as xattrs when the imager passes them. */
function withSelinuxLabels(rootfs: FsTree, labels: LayerSquashOptions['selinuxLabels']): FsTree {
  if (labels === undefined) return rootfs;
  const tree = rootfs.clone();
  tree.walk((_path, node) => {
    delete node.xattrs;
    return undefined;
  });
  for (const [path, label] of labels) {
    const node = path === '/' ? tree.root : tree.lookup(`/${pathNames(path).join('/')}`);
    if (node !== undefined) node.xattrs = { 'security.selinux': label };
  }
  return tree;
}

const writer: LayerSquasher = {
  squash: (rootfs, options) =>
    squashLayer(withSelinuxLabels(rootfs, options.selinuxLabels).root, {
      compression: options.compression.algorithm,
    }),
};

export function defaultLayerSquasher(): LayerSquasher {
  return writer;
}
