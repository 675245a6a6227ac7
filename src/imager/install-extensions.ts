// The legacy install path (spec talos-extensions §3.3), in two halves as upstream splits it: machined of the RUNNING
// release (v1.0–v1.9, internal/pkg/install RunInstallerContainer) pulls each image of `.machine.install.extensions`
// and mounts it as `/system/extensions/<NNN>.<reference with : and / replaced by ->` into the installer container;
// the installer of the TARGET release (v1.0–v1.9, cmd/installer installExtensions) runs the extension builder on
// what it finds there, with both checks (constraints and contents). From v1.10 machined neither pulls nor mounts, and
// the installer has no builder: so a v1.9 → v1.10 upgrade still pulls (an unfetchable image fails it) but installs
// nothing, and a v1.10 → v1.9 downgrade finds nothing to install. Config validation, in every release, rejects a
// repeated image; from v1.6 a non-empty list warns.

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
  /**
   * The release whose machined runs the installer: an upgrade's running release, whose machined pulls the images
   * (≤ v1.9) or not. Default: talosVersion (a first install, machined of the release being installed).
   */
  readonly runningVersion?: string;
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

/** Extension images machined pulled and mounted under `/system/extensions` for the installer. */
export interface InstallExtensionsCheckout {
  /** `<NNN>.<reference>` → the image's root (manifest.yaml and rootfs/). */
  readonly tree: FsTree;
  /** `<NNN>.<reference>` → the reference it was pulled from. */
  readonly origins: ReadonlyMap<string, string>;
}

export interface PullInstallExtensionsOptions {
  /** Where the images are pulled from. Default: the registry of a fresh createDefaultCatalog(), made on first use. */
  readonly registry?: ImageRegistry;
  /** Default `amd64`. */
  readonly arch?: BootAssetArch;
  /** machined's `pulling extension "…"` lines. Default: dropped. */
  readonly onLog?: (line: string) => void;
}

/**
 * What machined of v1.0–v1.9 does before it starts the installer: pulls every image of the list, in order, and
 * mounts each as `/system/extensions/<NNN>.<reference>`. The first image that cannot be pulled fails (ImagerError).
 */
export function pullInstallExtensions(
  images: readonly string[],
  options: PullInstallExtensionsOptions = {},
): InstallExtensionsCheckout {
  const log = options.onLog ?? (() => {});
  let registry = options.registry;
  const tree = new FsTree();
  const origins = new Map<string, string>();
  images.forEach((image, i) => {
    const directory = legacyExtensionDirectory(i, image);
    log(`pulling extension ${goQuote(image)}`);
    const out = checkoutImage(image, {
      registry: () => {
        registry ??= createDefaultCatalog().registry;
        return registry;
      },
      platform: `linux/${options.arch ?? 'amd64'}`,
      // the puller logs its own line; the imager's `pulling <ref>...` is not printed here
      printf: () => {},
    });
    tree.put(directory, out.image.root);
    origins.set(directory, image);
  });
  return { tree, origins };
}

export interface InstallerAssetOptions {
  /** The installer's release. */
  readonly talosVersion: string;
  /** Default `amd64`. */
  readonly arch?: BootAssetArch;
  /** See BuildBootAssetOptions.baseRootfs. */
  readonly baseRootfs?: FsTree;
  /** Default: defaultLayerSquasher(). */
  readonly squasher?: LayerSquasher;
  /** The builder's log lines. Default: dropped. */
  readonly onLog?: (line: string) => void;
}

/**
 * What the installer of a release writes to disk: its own asset, with the extensions machined mounted for it when
 * the release still builds them (≤ v1.9; from v1.10 they are ignored). Throws ImagerError (validation, build).
 */
export async function buildInstallerAsset(
  checkout: InstallExtensionsCheckout | undefined,
  options: InstallerAssetOptions,
): Promise<BootAsset> {
  const facts = resolveTalosVersion(options.talosVersion);
  const assemble = {
    kind: 'installer' as const,
    source: 'install-extensions' as const,
    facts,
    arch: options.arch ?? 'amd64',
    schematicId: undefined,
  };
  // an empty /system/extensions (nothing mounted) is no extensions: extensions.List returns none
  if (checkout === undefined || checkout.origins.size === 0 || facts.installExtensions === 'ignored') {
    return assembleBootAsset(assemble, undefined);
  }
  const built = await buildExtensionLayers(checkout.tree, {
    facts,
    quirks: imagerQuirks(facts),
    validateContents: true,
    squasher: options.squasher ?? defaultLayerSquasher(),
    baseRootfs: options.baseRootfs,
    origins: new Map(checkout.origins),
    printf: options.onLog ?? (() => {}),
  });
  return assembleBootAsset(assemble, built);
}

/**
 * Installs (or upgrades to) a Talos release with a machine config, in upstream order: machined's pulls (≤ v1.9 of
 * the running release), the installer's config validation, then its build. The boot asset the node ends up with,
 * and the config warnings. Throws ImagerError (pull, build) or MachineConfigError (unreadable config, validation).
 */
export async function installWithExtensions(options: InstallExtensionsOptions): Promise<InstallExtensionsResult> {
  const facts = resolveTalosVersion(options.talosVersion);
  const running = resolveTalosVersion(options.runningVersion ?? options.talosVersion);
  const images = installExtensionImages(options.machineConfig);
  const log = options.onLog ?? (() => {});
  const arch = options.arch ?? 'amd64';
  const checkout =
    images.length > 0 && running.installExtensions === 'honoured'
      ? pullInstallExtensions(images, { ...(options.registry ? { registry: options.registry } : {}), arch, onLog: log })
      : undefined;
  const { errors, warnings } =
    options.machineConfig.trim() === ''
      ? { errors: [], warnings: [] }
      : validateMachineConfig(
          parseMachineConfig(options.machineConfig, { talosVersion: facts.version }),
          facts.version,
        );
  if (errors.length > 0) throw MachineConfigError.validation(errors, warnings);
  const bootAsset = await buildInstallerAsset(checkout, {
    talosVersion: facts.version,
    arch,
    ...(options.baseRootfs ? { baseRootfs: options.baseRootfs } : {}),
    ...(options.squasher ? { squasher: options.squasher } : {}),
    onLog: log,
  });
  return { bootAsset, warnings };
}
