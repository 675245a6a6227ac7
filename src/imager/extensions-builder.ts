// The extension builder shared by the imager, Image Factory and the legacy installer (pkg/imager/extensions
// `Builder.Build`): List the checked-out extension directories, print them, validate them, add the modules.dep
// layer, compress every layer, and write `/extensions.yaml` next to the images for the initramfs.
import {
  type Extension,
  FsTree,
  fileNode,
  formatExtensionsTable,
  isExtensionLoadError,
  isExtensionValidationError,
  listExtensions,
  type TalosVersionFacts,
  validateExtension,
} from '../extensions/index.js';
import type { BootAssetLayer, MicrocodeBlob } from './boot-asset.js';
import type { BuilderExtension } from './builder-extension.js';
import { compressExtension } from './compress-extension.js';
import { encodeExtensionsConfig } from './extensions-config.js';
import { ImagerError } from './imager-error.js';
import type { ImagerQuirks } from './imager-quirks.js';
import type { LayerSquasher } from './layer-squasher.js';
import { modulesDepExtension } from './modules-dep-layer.js';
import { pathExists } from './tree-files.js';

export interface BuilderOptions {
  readonly facts: TalosVersionFacts;
  readonly quirks: ImagerQuirks;
  /** The legacy installer also checks contents (upstream `ExtensionValidateContents`). */
  readonly validateContents: boolean;
  readonly squasher: LayerSquasher;
  readonly baseRootfs: FsTree | undefined;
  /** What each checked-out directory was made from. */
  readonly origins: ReadonlyMap<string, string>;
  readonly printf: (line: string) => void;
}

export interface BuilderResult {
  readonly layers: readonly BootAssetLayer[];
  readonly extensionsYaml: string;
  readonly initramfs: FsTree;
  readonly microcode: readonly MicrocodeBlob[];
}

function list(checkout: FsTree): Extension[] {
  try {
    return listExtensions(checkout);
  } catch (err) {
    if (isExtensionLoadError(err)) throw new ImagerError({ kind: 'list', cause: err });
    throw err;
  }
}

function printExtensions(extensions: readonly Extension[], printf: (line: string) => void): void {
  printf('discovered system extensions:');
  for (const line of formatExtensionsTable(extensions).split('\n')) if (line !== '') printf(line);
}

function validate(extensions: readonly Extension[], o: BuilderOptions): void {
  o.printf('validating system extensions');
  for (const ext of extensions) {
    try {
      validateExtension(ext, {
        constraints: true,
        contents: o.validateContents,
        talosVersion: o.quirks.constraintVersion,
        allowlistVersion: o.facts.version,
      });
    } catch (err) {
      if (isExtensionValidationError(err)) {
        throw new ImagerError({ kind: 'validate', name: ext.manifest.metadata.name, cause: err });
      }
      throw err;
    }
  }
}

function builderExtension(ext: Extension, origins: ReadonlyMap<string, string>): BuilderExtension {
  let rootfs: FsTree;
  if (ext.rootfs.kind === 'directory') {
    rootfs = new FsTree(ext.rootfs);
  } else {
    // Load does not check that rootfs is a directory; mksquashfs given a file makes an image holding it
    rootfs = new FsTree();
    rootfs.put('rootfs', ext.rootfs);
  }
  return {
    directory: ext.directory,
    manifest: ext.manifest,
    rootfs,
    label: `extensions/${ext.directory}/rootfs`,
    origin: origins.get(ext.directory) ?? ext.directory,
  };
}

/**
 * Builds the layers of the extensions checked out under `checkout` (one directory per extension). Returns
 * undefined when there is none. Throws ImagerError with upstream's texts.
 */
export async function buildExtensionLayers(checkout: FsTree, o: BuilderOptions): Promise<BuilderResult | undefined> {
  const extensions = list(checkout);
  if (extensions.length === 0) return undefined;
  printExtensions(extensions, o.printf);
  validate(extensions, o);
  const work = extensions.map((e) => builderExtension(e, o.origins));
  if (o.quirks.modulesDepLayer) {
    const withModules = work.filter((e) => pathExists({ tree: e.rootfs, path: o.facts.modulesPath }));
    if (withModules.length > 0) {
      work.push(modulesDepExtension(withModules, { facts: o.facts, baseRootfs: o.baseRootfs, printf: o.printf }));
    }
  }
  o.printf('compressing system extensions');
  const initramfs = new FsTree();
  const microcodeParts = new Map<MicrocodeBlob['path'], Uint8Array[]>();
  const layers: BootAssetLayer[] = [];
  for (const ext of work) {
    layers.push(
      await compressExtension(ext, {
        facts: o.facts,
        quirks: o.quirks,
        squasher: o.squasher,
        initramfs,
        microcode: microcodeParts,
      }),
    );
  }
  const extensionsYaml = encodeExtensionsConfig(layers, o.quirks.yamlFlavour);
  initramfs.put('extensions.yaml', fileNode(extensionsYaml));
  for (const layer of layers) initramfs.put(layer.image, fileNode(layer.squashfs));
  const microcode = [...microcodeParts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, parts]) => ({ path, bytes: concat(parts) }));
  if (microcode.length > 0) o.printf('creating uncompressed initramfs archive');
  o.printf('creating system extensions initramfs archive and compressing it');
  return { layers, extensionsYaml, initramfs, microcode };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
