// The imager's initramfs step (pkg/imager/imager.go `buildInitramfs`) as a function: a Talos version and extension
// images in, a boot asset out. Without extensions the step is skipped; with them each image is checked out as
// directory `0`, `1`, … and handed to the extension builder; in Image Factory mode the virtual `schematic` extension
// comes after the given ones.
import { createDefaultCatalog, FsTree, type ImageRegistry, resolveTalosVersion } from '../extensions/index.js';
import { assembleBootAsset } from './assemble-boot-asset.js';
import type { BootAsset, BootAssetArch, BootAssetKind } from './boot-asset.js';
import { defaultLayerSquasher } from './default-layer-squasher.js';
import { checkoutImage, type ExtensionInput } from './extension-input.js';
import { buildExtensionLayers } from './extensions-builder.js';
import { ImagerError } from './imager-error.js';
import { imagerQuirks } from './imager-quirks.js';
import {
  type ImagerUpdateSink,
  INITRAMFS_READY,
  progressUpdate,
  SKIPPED_INITRAMFS,
  statusUpdate,
} from './imager-update.js';
import type { LayerSquasher } from './layer-squasher.js';
import { type Schematic, schematicExtensionImage, schematicId } from './schematic.js';

/** Image Factory mode: the schematic the asset is built for. */
export interface ImageFactoryOptions {
  readonly schematic: Schematic;
  /** The factory's external URL, shown as the schematic extension's author. Default `https://factory.talos.dev`. */
  readonly baseUrl?: string;
  /** Enterprise build (`Image Factory Enterprise (…)`). Default false. */
  readonly enterprise?: boolean;
}

export interface BuildBootAssetOptions {
  /** The Talos release: `v1.11.2`, `1.11.2`, or a minor line (`v1.11`) for its newest known release. */
  readonly talosVersion: string;
  /** Default `installer`. */
  readonly kind?: BootAssetKind;
  /** Default `amd64`. */
  readonly arch?: BootAssetArch;
  /** The extensions, in profile order. Default none. */
  readonly extensions?: readonly ExtensionInput[];
  /** Resolves image references. Default: the registry of a fresh createDefaultCatalog(), made on first use. */
  readonly registry?: ImageRegistry;
  /** Build as Image Factory does, appending the schematic extension. Default: a plain imager build. */
  readonly imageFactory?: ImageFactoryOptions;
  /**
   * The Talos rootfs whose `<modules path>/<kver>` the modules.dep layer merges over. Default: the stock module
   * directory of the release's kernel (talos-sim must know the kernel; see TalosVersionFacts.kernel).
   */
  readonly baseRootfs?: FsTree;
  /** Makes the squashfs images. Default: defaultLayerSquasher(). */
  readonly squasher?: LayerSquasher;
  /** Progress, as the imager reports it. Default: dropped. */
  readonly onUpdate?: ImagerUpdateSink;
}

/** Builds a boot asset. Throws ImagerError (upstream texts), or TalosVersionError for an unknown version. */
export async function buildBootAsset(options: BuildBootAssetOptions): Promise<BootAsset> {
  const facts = resolveTalosVersion(options.talosVersion);
  const quirks = imagerQuirks(facts);
  const arch = options.arch ?? 'amd64';
  const update = options.onUpdate ?? (() => {});
  const printf = (line: string) => update(progressUpdate(line));
  const factory = options.imageFactory;
  const inputs: ExtensionInput[] = [...(options.extensions ?? [])];
  if (factory !== undefined) {
    inputs.push({
      image: schematicExtensionImage(factory.schematic, {
        extraInfo: quirks.schematicExtraInfo,
        ...(factory.baseUrl === undefined ? {} : { baseUrl: factory.baseUrl }),
        ...(factory.enterprise === undefined ? {} : { enterprise: factory.enterprise }),
      }),
      label: 'schematic',
    });
  }
  const assemble = {
    kind: options.kind ?? 'installer',
    source: factory === undefined ? ('imager' as const) : ('image-factory' as const),
    facts,
    arch,
    schematicId: factory === undefined ? undefined : schematicId(factory.schematic),
  };
  if (inputs.length === 0) {
    update(statusUpdate('skip', SKIPPED_INITRAMFS));
    return assembleBootAsset(assemble, undefined);
  }
  // Image Factory builds with its own (current) imager from the release's kernel and initramfs: from v1.2.0
  if (factory !== undefined && !facts.imageFactory) {
    throw new ImagerError({ kind: 'unsupported-version', version: facts.version, imageFactory: true });
  }
  if (factory === undefined && !facts.bootAssetsWithExtensions) {
    throw new ImagerError({ kind: 'unsupported-version', version: facts.version });
  }
  let registry = options.registry;
  const checkout = new FsTree();
  const origins = new Map<string, string>();
  inputs.forEach((input, j) => {
    const out = checkoutImage(input, {
      registry: () => {
        registry ??= createDefaultCatalog().registry;
        return registry;
      },
      platform: `linux/${arch}`,
      printf,
    });
    checkout.put(String(j), out.image.root);
    origins.set(String(j), out.origin);
  });
  const built = await buildExtensionLayers(checkout, {
    facts,
    quirks,
    validateContents: false,
    squasher: options.squasher ?? defaultLayerSquasher(),
    baseRootfs: options.baseRootfs,
    origins,
    printf,
  });
  update(statusUpdate('succeeded', INITRAMFS_READY));
  return assembleBootAsset(assemble, built);
}
