// The legacy install path (spec talos-extensions §3.3): at install and upgrade, Talos v1.0–v1.9 pulled each image of
// `.machine.install.extensions`, mounted it as `/system/extensions/<NNN>.<reference with : and / replaced by ->`, and
// ran the extension builder inside the installer with both checks (constraints and contents). From v1.10 the field
// has no effect. Config validation, in every release, rejects a repeated image; from v1.6 a non-empty list warns.

import { createDefaultCatalog, FsTree, type ImageRegistry, resolveTalosVersion } from '../extensions/index.js';
import { goQuote } from '../gofmt/index.js';
import { installExtensionImages, parseMachineConfig, validateMachineConfig } from '../machine-config/index.js';
import { assembleBootAsset } from './assemble-boot-asset.js';
import type { BootAsset, BootAssetArch } from './boot-asset.js';
import { defaultLayerSquasher } from './default-layer-squasher.js';
import { checkoutImage } from './extension-input.js';
import { buildExtensionLayers } from './extensions-builder.js';
import { imagerQuirks } from './imager-quirks.js';
import type { LayerSquasher } from './layer-squasher.js';
import { MachineConfigError } from './machine-config-error.js';

export interface InstallExtensionsOptions {
  /** The Talos release being installed or upgraded to (the installer image's version). */
  readonly talosVersion: string;
  /** The machine config (YAML, possibly several documents). */
  readonly machineConfig: string;
  /** Where the images are pulled from. Default: the registry of a fresh createDefaultCatalog(), made on first use. */
  readonly registry?: ImageRegistry;
  /** Default `amd64`. */
  readonly arch?: BootAssetArch;
  /** See BuildBootAssetOptions.baseRootfs. */
  readonly baseRootfs?: FsTree;
  /** Default: defaultLayerSquasher(). */
  readonly squasher?: LayerSquasher;
  /** The installer's log lines (`pulling extension "…"`, then the builder's lines). Default: dropped. */
  readonly onLog?: (line: string) => void;
}

export interface InstallExtensionsResult {
  /** The installer asset the node boots after the install or upgrade. */
  readonly bootAsset: BootAsset;
  /** Config validation warnings (the deprecation warning from v1.6 on). */
  readonly warnings: readonly string[];
}

/** `%03d.<reference>` with `:` and `/` replaced by `-`: the checkout directory, hence image and ExtensionStatus ID. */
export function legacyExtensionDirectory(index: number, image: string): string {
  return `${String(index).padStart(3, '0')}.${image.replaceAll(':', '-').replaceAll('/', '-')}`;
}

/**
 * Installs (or upgrades to) a Talos release with a machine config: the boot asset the node ends up with, and the
 * config warnings. Throws MachineConfigError (unreadable config, validation errors) or ImagerError (build).
 */
export async function installWithExtensions(options: InstallExtensionsOptions): Promise<InstallExtensionsResult> {
  const facts = resolveTalosVersion(options.talosVersion);
  const quirks = imagerQuirks(facts);
  const images = installExtensionImages(options.machineConfig);
  const { errors, warnings } =
    options.machineConfig.trim() === ''
      ? { errors: [], warnings: [] }
      : validateMachineConfig(
          parseMachineConfig(options.machineConfig, { talosVersion: facts.version }),
          facts.version,
        );
  if (errors.length > 0) throw MachineConfigError.validation(errors, warnings);
  const assemble = {
    kind: 'installer' as const,
    source: 'install-extensions' as const,
    facts,
    arch: options.arch ?? 'amd64',
    schematicId: undefined,
  };
  if (facts.installExtensions === 'ignored' || images.length === 0) {
    return { bootAsset: assembleBootAsset(assemble, undefined), warnings };
  }
  const log = options.onLog ?? (() => {});
  let registry = options.registry;
  const checkout = new FsTree();
  const origins = new Map<string, string>();
  images.forEach((image, i) => {
    const directory = legacyExtensionDirectory(i, image);
    log(`pulling extension ${goQuote(image)}`);
    const out = checkoutImage(image, {
      registry: () => {
        registry ??= createDefaultCatalog().registry;
        return registry;
      },
      platform: `linux/${assemble.arch}`,
      // the puller logs its own line; the imager's `pulling <ref>...` is not printed here
      printf: () => {},
    });
    checkout.put(directory, out.image.root);
    origins.set(directory, image);
  });
  const built = await buildExtensionLayers(checkout, {
    facts,
    quirks,
    validateContents: true,
    squasher: options.squasher ?? defaultLayerSquasher(),
    baseRootfs: options.baseRootfs,
    origins,
    printf: log,
  });
  return { bootAsset: assembleBootAsset(assemble, built), warnings };
}
