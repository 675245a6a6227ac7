// `sim image build`, the work behind the command (loaded only when it runs): builds a boot asset with system extensions as the imager (or, with --factory, Image Factory)
// does, printing the imager's progress the way its reporter prints it to a non-terminal (stderr, one update per line
// under `rebuilding initramfs with system extensions...`). With --output, the files the imager appends to the
// initramfs (`extensions.yaml`, the `.sqsh` images, the firmware) and the early microcode are written to a directory.
import { resolve } from 'node:path';
import { knownTalosRelease } from '../../cluster/index.js';
import {
  classifyImageArgument,
  createDefaultCatalog,
  type FsTree,
  isImageSourceError,
  isRegistryError,
  isTalosVersionError,
  resolveTalosVersion,
} from '../../extensions/index.js';
import {
  type BootAsset,
  type BootAssetArch,
  type BootAssetKind,
  buildBootAsset,
  buildFactoryBootAsset,
  defaultLayerSquasher,
  type ExtensionInput,
  type ImagerUpdate,
  isImagerError,
  PlainReporter,
} from '../../imager/index.js';
import {
  checkTargetDirectory,
  createTargetDirectory,
  describeFileKind,
  ensureDirectoryInside,
  isSafeFsError,
  symlinkInside,
  writeFileInside,
} from '../../safe-fs/index.js';
import { type CliContext, CliExit } from '../cli-context.js';
import { unknownTalos } from '../scenario-selection.js';

export interface BuildFlags {
  readonly talos: string;
  readonly kind: BootAssetKind;
  readonly arch: BootAssetArch;
  readonly factory?: boolean;
  readonly output?: string;
}

/** An argument: an existing path (directory, OCI layout, tarball), else an image reference (`sim ext` rules). */
function extensionInput(arg: string, ctx: CliContext): ExtensionInput {
  const named = classifyImageArgument(arg, ctx.cwd);
  return named.kind === 'path' ? { source: named.source, label: arg } : named.reference;
}

/**
 * Writes a tree's entries under `dir` with their permission bits, through safe-fs: nothing is written through a
 * symbolic link or outside `dir`, and an existing file is replaced atomically, so building into the same directory
 * again is fine. Each entry is placed inside its parent as checked when the walk (pre-order) reached it, so an entry
 * costs one level of checks, not one per level above it: a tree thousands of levels deep is written in time
 * proportional to its size.
 */
function writeTree(tree: FsTree, dir: string): void {
  const placed = new Map<string, string>([['/', dir]]);
  tree.walk((path, node) => {
    if (path === '/') return undefined;
    const cut = path.lastIndexOf('/');
    const parent = placed.get(cut === 0 ? '/' : path.slice(0, cut));
    // a parent not placed is no directory: the walk does not enter one
    if (parent === undefined) return undefined;
    const name = path.slice(cut + 1);
    if (node.kind === 'directory') placed.set(path, ensureDirectoryInside(parent, name, { mode: node.mode }));
    else if (node.kind === 'file') writeFileInside(parent, name, node.read(), { replace: 'atomic', mode: node.mode });
    else if (node.kind === 'symlink') symlinkInside(parent, name, node.target, { replace: 'atomic' });
    return undefined;
  });
}

/** The --output directory, checked before any work: absent (created at the end) or a directory. */
function checkOutput(output: string, cwd: string): string {
  const dir = resolve(cwd, output);
  try {
    checkTargetDirectory(dir);
  } catch (err) {
    if (isSafeFsError(err) && err.detail.kind === 'not-a-directory')
      throw new CliExit(`--output ${output}: not a directory (${describeFileKind(err.detail.fileKind)})`, 1);
    if (isSafeFsError(err)) throw new CliExit(err.message, 1);
    throw err;
  }
  return dir;
}

export async function build(images: readonly string[], flags: BuildFlags, ctx: CliContext): Promise<void> {
  // the imager refuses what never existed on a known line itself; a line past talos-sim's table it would extrapolate
  if (resolves(flags.talos) && knownTalosRelease(flags.talos) === undefined) throw unknownTalos(flags.talos);
  const outputDir = flags.output === undefined ? undefined : checkOutput(flags.output, ctx.cwd);
  const reporter = new PlainReporter();
  const onUpdate = (u: ImagerUpdate) => {
    const text = reporter.format(u);
    if (text !== '') ctx.io.stderr(text);
  };
  const common = {
    talosVersion: flags.talos,
    kind: flags.kind,
    arch: flags.arch,
    squasher: defaultLayerSquasher(),
    onUpdate,
  };
  let asset: BootAsset;
  try {
    if (flags.factory === true) {
      const schematic = { customization: { systemExtensions: { officialExtensions: images } } };
      asset = await buildFactoryBootAsset({ ...common, schematic, catalog: createDefaultCatalog() });
    } else {
      const extensions = images.map((arg) => extensionInput(arg, ctx));
      asset = await buildBootAsset({ ...common, extensions });
    }
  } catch (err) {
    if (isImagerError(err) || isTalosVersionError(err) || isImageSourceError(err) || isRegistryError(err)) {
      throw new CliExit(err.message, 1);
    }
    throw err;
  }
  if (flags.output !== undefined && outputDir !== undefined) {
    try {
      const dir = createTargetDirectory(outputDir);
      writeTree(asset.initramfs, dir);
      if (asset.earlyInitramfs !== undefined) writeTree(asset.earlyInitramfs, dir);
    } catch (err) {
      if (isSafeFsError(err)) throw new CliExit(err.message, 1);
      throw err;
    }
    const done = `output asset path: ${flags.output}`;
    onUpdate({ status: 'succeeded', message: done, line: done });
  }
}

/** Whether the version resolves at all (its own errors are the imager's to report). */
function resolves(version: string): boolean {
  try {
    resolveTalosVersion(version);
    return true;
  } catch {
    return false;
  }
}
