// The imager: boot assets with system extensions from a Talos version and extension images (spec talos-extensions
// §3), as the imager, Image Factory and the ≤ v1.9 installer build them, and what a node needs to boot them (§4).
// The public surface of src/imager; explicit named exports only.

export { installExtensionImages } from '../machine-config/index.js';
export type { ActivationPlan, BindMount, LayerMount } from './activation-plan.js';
export {
  EXTENSION_LAYERS,
  EXTENSIONS_CONFIG_FILE,
  EXTENSIONS_RUNTIME_CONFIG_FILE,
  NEW_ROOT,
  planActivation,
  ROOTFS_ASSET,
} from './activation-plan.js';
export { type AssembleOptions, assembleBootAsset } from './assemble-boot-asset.js';
export type {
  BootAsset,
  BootAssetArch,
  BootAssetKind,
  BootAssetLayer,
  BootAssetSource,
  MicrocodeBlob,
} from './boot-asset.js';
export { BOOT_ASSET_KINDS } from './boot-asset.js';
export type { BuildBootAssetOptions, ImageFactoryOptions } from './build-boot-asset.js';
export { buildBootAsset } from './build-boot-asset.js';
export { defaultLayerSquasher } from './default-layer-squasher.js';
export type { DepmodModule, DepmodResult } from './depmod.js';
export { DepmodError, depmod, isDepmodError } from './depmod.js';
export type { ExtensionInput } from './extension-input.js';
export type { ExtensionsConfigLayer } from './extensions-config.js';
export { encodeExtensionsConfig } from './extensions-config.js';
export type { FactoryBootAssetOptions } from './image-factory.js';
export { buildFactoryBootAsset, officialExtensionReferences, resolveOfficialExtensions } from './image-factory.js';
export type { ImagerErrorDetail, ImagerErrorKind } from './imager-error.js';
export { ImagerError, isImagerError } from './imager-error.js';
export type { ImagerQuirks } from './imager-quirks.js';
export { imagerQuirks } from './imager-quirks.js';
export type { ImagerStatus, ImagerUpdate, ImagerUpdateSink } from './imager-update.js';
export { INITRAMFS_READY, REBUILDING_INITRAMFS, SKIPPED_INITRAMFS } from './imager-update.js';
export type {
  InstallExtensionsCheckout,
  InstallExtensionsOptions,
  InstallExtensionsResult,
  InstallerAssetOptions,
  PullInstallExtensionsOptions,
} from './install-extensions.js';
export {
  buildInstallerAsset,
  installWithExtensions,
  legacyExtensionDirectory,
  pullInstallExtensions,
} from './install-extensions.js';
export type { LayerSquasher, LayerSquashOptions } from './layer-squasher.js';
export { mksquashfsArguments } from './layer-squasher.js';
export type { MachineConfigErrorKind } from './machine-config-error.js';
export { isMachineConfigError, MachineConfigError } from './machine-config-error.js';
export type { ModinfoEntry } from './modinfo.js';
export { readModinfo } from './modinfo.js';
export { PlainReporter } from './plain-reporter.js';
export type { Schematic, SchematicExtensionOptions } from './schematic.js';
export {
  DEFAULT_IMAGE_FACTORY_URL,
  marshalSchematic,
  schematicExtensionImage,
  schematicId,
} from './schematic.js';
export { kernelRelease, stockKernelModules } from './stock-kernel-modules.js';
export type { TreeFileErrorReason } from './tree-file-error.js';
export { isTreeFileError, TreeFileError } from './tree-file-error.js';
export type { TreeLocation } from './tree-files.js';
export { copyFiles, moveFiles } from './tree-files.js';
