// The kernel module directory of a stock Talos rootfs, for building the modules.dep layer when the caller gives no
// base rootfs: `<modules path>/<kernel>-talos/` with the files every kernel build installs (modules.order,
// modules.builtin, modules.builtin.modinfo), empty because talos-sim models no in-tree modules.
import { directoryNode, FsTree, fileNode, type TalosVersionFacts } from '../extensions/index.js';

/** The release's kernel module directory name (`6.12.48-talos`), when talos-sim knows its line's kernel. */
export function kernelRelease(facts: TalosVersionFacts): string | undefined {
  return facts.kernelRelease;
}

/** A tree holding only the stock module directory of the release; undefined when its kernel is unknown. */
export function stockKernelModules(facts: TalosVersionFacts): FsTree | undefined {
  const release = kernelRelease(facts);
  if (release === undefined) return undefined;
  const tree = new FsTree();
  const dir = `${facts.modulesPath}/${release}`;
  tree.put(dir, directoryNode());
  tree.put(`${dir}/kernel`, directoryNode());
  for (const name of ['modules.builtin', 'modules.builtin.modinfo', 'modules.order']) {
    tree.put(`${dir}/${name}`, fileNode(''));
  }
  return tree;
}
