// A boot asset as the imager, Image Factory or the legacy installer make it: one model whatever the output kind,
// holding what a node needs to boot it as Talos's initramfs `init` does (spec talos-extensions §4): the layer list
// of `/extensions.yaml`, each layer's squashfs image (mounted read-only at `/layers/layer<i>`), the firmware moved
// out of the layers (bind-mounted read-only at the firmware path) and the CPU microcode of the early cpio.
import type { ExtensionManifest, ExtensionMetadata, FsTree, TalosVersionFacts } from '../extensions/index.js';
import type { LayerSquashOptions } from './layer-squasher.js';

/** Imager outputs that carry an initramfs (`cmdline` and `kernel` do not, so they never hold extensions). */
export const BOOT_ASSET_KINDS = ['installer', 'iso', 'disk-image', 'pxe', 'initramfs', 'uki'] as const;
export type BootAssetKind = (typeof BOOT_ASSET_KINDS)[number];

/** Who built the asset: the imager, Image Factory (schematic layer), or the ≤ v1.9 installer from the config. */
export type BootAssetSource = 'imager' | 'image-factory' | 'install-extensions';

export type BootAssetArch = 'amd64' | 'arm64';

/** One overlay layer of the asset, in `/extensions.yaml` order. */
export interface BootAssetLayer {
  /** The image file name without `.sqsh` (`0`, `modules.dep`, `000.ghcr.io-…`): the ExtensionStatus ID. */
  readonly name: string;
  /** The image file name in the initramfs (`<name>.sqsh`), as `/extensions.yaml` lists it. */
  readonly image: string;
  /** The manifest the layer was built from (`version` is the kernel release for the modules.dep layer). */
  readonly manifest: ExtensionManifest;
  /** What `/extensions.yaml` says about the layer: the manifest's metadata. */
  readonly metadata: ExtensionMetadata;
  /** What it was built from: the reference or path given, `schematic` (Image Factory) or `depmod` (modules.dep). */
  readonly origin: string;
  /** The layer's filesystem as squashed: the extension's rootfs with firmware and microcode moved out. */
  readonly rootfs: FsTree;
  /** Its squashfs image. */
  readonly squashfs: Uint8Array;
  /** The mksquashfs options it was made with. */
  readonly squashOptions: LayerSquashOptions;
}

/** A CPU microcode bundle of the uncompressed early cpio (x86 early microcode loading). */
export interface MicrocodeBlob {
  readonly path: 'kernel/x86/microcode/GenuineIntel.bin' | 'kernel/x86/microcode/AuthenticAMD.bin';
  readonly bytes: Uint8Array;
}

export interface BootAsset {
  readonly kind: BootAssetKind;
  readonly source: BootAssetSource;
  /** The Talos release the asset boots (a tag, `v1.11.2`). */
  readonly talosVersion: string;
  readonly facts: TalosVersionFacts;
  readonly arch: BootAssetArch;
  /**
   * Extension layers in `/extensions.yaml` order: the extensions in List order (string order of their directory
   * names), then Image Factory's `schematic`, then `modules.dep`. The overlay stacks them in reverse: the last layer
   * is the topmost lowerdir, the base rootfs the bottom one.
   */
  readonly layers: readonly BootAssetLayer[];
  /** The text of `/extensions.yaml`; undefined without layers (the initramfs then has no such file). */
  readonly extensionsYaml: string | undefined;
  /** Where firmware lives for this release: `/usr/lib/firmware`, `/lib/firmware` before v1.10. */
  readonly firmwarePath: '/usr/lib/firmware' | '/lib/firmware';
  /** The firmware moved out of the layers, rooted at `firmwarePath`; undefined when none was. */
  readonly firmware: FsTree | undefined;
  /** CPU microcode gathered from the layers' `intel-ucode/` and `amd-ucode/` firmware (Talos ≥ v1.6). */
  readonly microcode: readonly MicrocodeBlob[];
  /**
   * What the imager appends to the base initramfs, as the cpio holds it: `extensions.yaml`, the `.sqsh` images and
   * the firmware tree, all root-owned. Empty without layers.
   */
  readonly initramfs: FsTree;
  /** The uncompressed cpio prepended to the initramfs: `kernel/x86/microcode/*.bin`; undefined without microcode. */
  readonly earlyInitramfs: FsTree | undefined;
  /** Image Factory: the schematic ID (the `schematic` layer's version). */
  readonly schematicId: string | undefined;
}
