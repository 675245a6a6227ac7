// The synthetic `modules.dep` extension (internal/pkg/extensions/kernel_modules.go): the base rootfs's kernel module
// directory, with every module-shipping extension's `<modules path>/<kver>` copied over it in List order (a copy
// truncates what it overwrites), then depmod; the resulting top-level `modules.*` files become a layer of their own,
// appended last so the overlay puts it on top.
import {
  directoryNode,
  type FsDirectory,
  type FsNode,
  FsTree,
  fileNode,
  manifestFrom,
  type TalosVersionFacts,
} from '../extensions/index.js';
import type { BuilderExtension } from './builder-extension.js';
import { DepmodError, depmod } from './depmod.js';
import { ImagerError } from './imager-error.js';
import { stockKernelModules } from './stock-kernel-modules.js';
import { TreeFileError } from './tree-file-error.js';
import { copyFiles, statPath } from './tree-files.js';

export interface ModulesDepContext {
  readonly facts: TalosVersionFacts;
  /** The Talos rootfs to merge over; default: the stock module directory of the release's kernel. */
  readonly baseRootfs: FsTree | undefined;
  readonly printf: (line: string) => void;
}

/** How the imager's scratch directory of the unsquashed base modules is named in errors. */
const BASE_LABEL = 'modules';

/** The base module directory: its only entry must be one directory, the kernel release. Throws ImagerError. */
function kernelVersionDir(base: FsTree, facts: TalosVersionFacts): { release: string; node: FsDirectory } {
  const shown = `${BASE_LABEL}${facts.modulesPath}`;
  let dir: FsNode;
  try {
    dir = statPath({ tree: base, path: facts.modulesPath });
  } catch (err) {
    if (err instanceof TreeFileError) {
      throw new ImagerError({ kind: 'kernel-modules', cause: new TreeFileError('open', shown, err.reason) });
    }
    throw err;
  }
  if (dir.kind !== 'directory') {
    throw new ImagerError({ kind: 'kernel-modules', cause: new TreeFileError('open', shown, 'not a directory') });
  }
  const entries = [...dir.entries];
  const only = entries[0];
  if (entries.length !== 1 || only === undefined || only[1].kind !== 'directory') {
    throw new ImagerError({ kind: 'invalid-kernel-modules-path', path: shown });
  }
  return { release: only[0], node: only[1] };
}

/** Writes a depmod output as depmod does (an existing file keeps its metadata). */
function writeOutput(tree: FsTree, path: string, text: string): void {
  const bytes = new TextEncoder().encode(text);
  const existing = tree.lookup(path);
  if (existing?.kind === 'file') Object.assign(existing, { size: bytes.length, read: () => bytes });
  else tree.put(path, fileNode(bytes));
}

/** Builds the modules.dep extension from the extensions that ship kernel modules. Throws ImagerError. */
export function modulesDepExtension(
  withModules: readonly BuilderExtension[],
  ctx: ModulesDepContext,
): BuilderExtension {
  const { facts } = ctx;
  ctx.printf('preparing to run depmod to generate kernel modules dependency tree');
  const base = ctx.baseRootfs ?? stockKernelModules(facts);
  if (base === undefined) throw new ImagerError({ kind: 'unknown-kernel', version: facts.version });
  const kernel = kernelVersionDir(base, facts);
  const dir = `${facts.modulesPath}/${kernel.release}`;
  // only the module directory is unsquashed from the base rootfs; never change the caller's tree
  const work = new FsTree();
  work.put(dir, new FsTree(kernel.node).clone().root);
  for (const ext of withModules) {
    try {
      copyFiles({ tree: ext.rootfs, path: dir, label: ext.label }, { tree: work, path: dir, label: BASE_LABEL });
    } catch (err) {
      if (err instanceof TreeFileError) {
        throw new ImagerError({ kind: 'copy-kernel-modules', path: `${ext.label}${facts.modulesPath}`, cause: err });
      }
      throw err;
    }
  }
  ctx.printf('running depmod to generate kernel modules dependency tree');
  let outputs: ReadonlyMap<string, string>;
  try {
    outputs = depmod({ tree: work, path: dir }).files;
  } catch (err) {
    if (err instanceof DepmodError) throw new ImagerError({ kind: 'depmod', cause: err });
    throw err;
  }
  for (const [name, text] of outputs) writeOutput(work, `${dir}/${name}`, text);
  const rootfs = new FsTree(directoryNode());
  rootfs.put(dir, directoryNode());
  const merged = work.lookup(dir);
  for (const name of work.list(dir) ?? []) {
    const entry = merged?.kind === 'directory' ? merged.entries.get(name) : undefined;
    if (entry === undefined || entry.kind === 'directory' || !name.startsWith('modules.')) continue;
    const target = statPath({ tree: work, path: `${dir}/${name}`, label: BASE_LABEL });
    if (target.kind !== 'file') continue;
    // moveFile opens through a symlink and creates the copy with the entry's own (lstat) permissions
    rootfs.put(`${dir}/${name}`, fileNode(target.read(), { mode: entry.mode & 0o777, mtime: target.mtime }));
  }
  return {
    directory: 'modules.dep',
    manifest: manifestFrom({
      version: kernel.release,
      metadata: {
        name: 'modules.dep',
        version: kernel.release,
        author: 'Talos Machinery',
        description: 'Combined modules.dep for all extensions',
      },
    }),
    rootfs,
    label: 'ext-modules/modules.dep',
    origin: 'depmod',
  };
}
