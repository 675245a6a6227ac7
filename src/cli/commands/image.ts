// `sim image build`: builds a boot asset with system extensions as the imager (or, with --factory, Image Factory)
// does, printing the imager's progress the way its reporter prints it to a non-terminal (stderr, one update per line
// under `rebuilding initramfs with system extensions...`). With --output, the files the imager appends to the
// initramfs (`extensions.yaml`, the `.sqsh` images, the firmware) and the early microcode are written to a directory.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import {
  createDefaultCatalog,
  detectImageSource,
  type FsTree,
  isImageSourceError,
  isRegistryError,
  isTalosVersionError,
  parseImageReference,
} from '../../extensions/index.js';
import {
  BOOT_ASSET_KINDS,
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
import { type CliContext, CliExit, type CommandRegistrar } from '../cli-context.js';

interface BuildFlags {
  readonly talos: string;
  readonly kind: BootAssetKind;
  readonly arch: BootAssetArch;
  readonly factory?: boolean;
  readonly output?: string;
}

/** An argument: an existing path (directory, OCI layout, tarball), else an image reference (`sim ext` rules). */
function extensionInput(arg: string, ctx: CliContext): ExtensionInput {
  const path = resolve(ctx.cwd, arg);
  if (existsSync(path)) return { source: detectImageSource(path), label: arg };
  let reference = /[:/@]/.test(arg);
  try {
    parseImageReference(arg);
  } catch {
    reference = false;
  }
  // a bare word is a missing path rather than an image on Docker Hub
  if (!reference) throw new CliExit(`open ${arg}: no such file or directory`, 1);
  return arg;
}

/** Writes a tree's entries under `dir` with their permission bits. */
function writeTree(tree: FsTree, dir: string): void {
  tree.walk((path, node) => {
    const target = join(dir, path);
    if (node.kind === 'directory') mkdirSync(target, { recursive: true, mode: node.mode });
    else if (node.kind === 'file') {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, node.read(), { mode: node.mode });
    } else if (node.kind === 'symlink') symlinkSync(node.target, target);
    return undefined;
  });
}

async function build(images: readonly string[], flags: BuildFlags, ctx: CliContext): Promise<void> {
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
  if (flags.output !== undefined) {
    const dir = resolve(ctx.cwd, flags.output);
    mkdirSync(dir, { recursive: true });
    writeTree(asset.initramfs, dir);
    if (asset.earlyInitramfs !== undefined) writeTree(asset.earlyInitramfs, dir);
    const done = `output asset path: ${flags.output}`;
    onUpdate({ status: 'succeeded', message: done, line: done });
  }
}

export const registerImageCommand: CommandRegistrar = (program: Command, ctx: CliContext) => {
  const image = program
    .command('image')
    .description('Boot assets with system extensions, as the Talos imager builds them');
  image
    .command('build')
    .description(
      'Build a boot asset for a Talos version from extension images (paths or references in the catalog), or with ' +
        '--factory from official extension names as Image Factory does',
    )
    .argument(
      '[images...]',
      'extension directories, OCI layouts, image tarballs or references; official names with --factory',
    )
    .requiredOption('--talos <version>', 'Talos version of the asset (e.g. v1.11.2, or v1.11 for its newest release)')
    .addOption(new Option('--kind <kind>', 'output kind').choices(BOOT_ASSET_KINDS).default('installer'))
    .addOption(new Option('--arch <arch>', 'architecture').choices(['amd64', 'arm64']).default('amd64'))
    .option('--factory', 'build as Image Factory: resolve official extension names, append the schematic extension')
    .option('--output <dir>', 'write extensions.yaml, the .sqsh layers, firmware and microcode to this directory')
    .action((images: string[], flags: BuildFlags) => build(images, flags, ctx));
};
