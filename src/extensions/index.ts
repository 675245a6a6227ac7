// System extensions: manifests, the constraint grammar, validation, image sources, the simulated registry and the
// extensions catalog. The public surface of src/extensions; explicit named exports only.

export { createDefaultCatalog, renderSeedManifest, SEEDED_TALOS_RELEASES } from './catalog/default-catalog.js';
export type { CatalogEntry, CatalogImage, ExtensionsCatalogOptions } from './catalog/extensions-catalog.js';
export { DEFAULT_INDEX_REPOSITORY, ExtensionsCatalog } from './catalog/extensions-catalog.js';
export type { BlangPrerelease, BlangVersion } from './constraint/blang-version.js';
export { compareBlangVersions, formatBlangVersion, parseBlangVersion } from './constraint/blang-version.js';
export type {
  BlangVersionErrorDetail,
  BlangVersionErrorKind,
  BlangVersionPart,
} from './constraint/blang-version-error.js';
export { BlangVersionError, isBlangVersionError } from './constraint/blang-version-error.js';
export { trimConstraint } from './constraint/trim-constraint.js';
export type { VersionRange } from './constraint/version-range.js';
export { parseVersionRange } from './constraint/version-range.js';
export type { VersionRangeErrorDetail, VersionRangeErrorKind } from './constraint/version-range-error.js';
export { isVersionRangeError, VersionRangeError } from './constraint/version-range-error.js';
export type { ContentsCheckOptions } from './contents-check.js';
export { checkContents } from './contents-check.js';
export { DetailedError } from './detailed-error.js';
export type { Extension } from './extension.js';
export type { ExtensionLoadErrorDetail, ExtensionLoadErrorKind } from './extension-load-error.js';
export { ExtensionLoadError, isExtensionLoadError } from './extension-load-error.js';
export type { ExtensionValidationErrorDetail, ExtensionValidationErrorKind } from './extension-validation-error.js';
export {
  ExtensionValidationError,
  isConstraintError,
  isExtensionValidationError,
} from './extension-validation-error.js';
export { formatExtensionsTable } from './extensions-table.js';
export type {
  FsDevice,
  FsDirectory,
  FsFile,
  FsNode,
  FsNodeKind,
  FsNodeOptions,
  FsSpecial,
  FsSymlink,
  FsWalkVisitor,
} from './fs-tree.js';
export {
  deviceNode,
  directoryNode,
  FsTree,
  fileNode,
  lazyFileNode,
  pathNames,
  specialNode,
  symlinkNode,
} from './fs-tree.js';
export { applyLayer } from './image/apply-layer.js';
export { DEFAULT_MAX_DECOMPRESSED_BYTES } from './image/decompress.js';
export { readDirectoryImage } from './image/directory-image.js';
export { readDockerArchive } from './image/docker-archive.js';
export type { ImageArchive, ImageArchiveFormat } from './image/image-archive.js';
export { readImageArchive } from './image/image-archive.js';
export type { FileSpec, ImageDescription } from './image/image-description.js';
export { encodeManifest, imageFromDescription } from './image/image-description.js';
export type { ImageFiles } from './image/image-files.js';
export type { ImageSourceErrorDetail, ImageSourceErrorKind } from './image/image-source-error.js';
export { ImageSourceError, isImageSourceError } from './image/image-source-error.js';
export type { ImageSelection } from './image/oci-image.js';
export { readOciImage } from './image/oci-image.js';
export type { ImageArgument, ImageSource } from './image/read-image.js';
export { classifyImageArgument, detectImageSource, readImage } from './image/read-image.js';
export type { InputLimit } from './input-limits.js';
export { INPUT_LIMITS } from './input-limits.js';
export { listExtensions } from './list-extensions.js';
export type { LoadExtensionOptions } from './load-extension.js';
export { loadExtension } from './load-extension.js';
export type { ExtensionManifest, ExtensionManifestInput, ExtensionMetadata } from './manifest.js';
export { emptyManifest, isEmptyManifest, manifestFrom } from './manifest.js';
export type { ManifestDecodeErrorDetail, ManifestDecodeErrorKind, YamlMark } from './manifest-decode-error.js';
export { isManifestDecodeError, ManifestDecodeError } from './manifest-decode-error.js';
export type { InspectedManifest } from './manifest-decoder.js';
export { decodeManifest, inspectManifest } from './manifest-decoder.js';
export type { ManifestWarning, ManifestWarningKind } from './manifest-warning.js';
export { formatManifestWarning } from './manifest-warning.js';
export { imageDigest } from './registry/image-digest.js';
export type { ImageReference } from './registry/image-reference.js';
export { formatImageReference, parseImageReference } from './registry/image-reference.js';
export type { RegistryImage } from './registry/image-registry.js';
export { ImageRegistry } from './registry/image-registry.js';
export type { RegistryErrorDetail, RegistryErrorKind } from './registry/registry-error.js';
export { isRegistryError, RegistryError } from './registry/registry-error.js';
export { resolveTalosVersion } from './resolve-talos-version.js';
export type {
  ExtensionServiceSpec,
  LinuxIdMapping,
  ServiceContainer,
  ServiceDependency,
  ServiceMount,
  ServiceSecurity,
} from './services/index.js';
export type { TalosVersionInput } from './talos-version.js';
export { formatTalosVersion, parseTalosVersion, talosCoreVersion, talosTag } from './talos-version.js';
export type { TalosVersionErrorKind } from './talos-version-error.js';
export { isTalosVersionError, TalosVersionError } from './talos-version-error.js';
export type { SquashfsCompression, TalosVersionFacts } from './talos-versions.js';
export {
  DEFAULT_TALOS_VERSION,
  describeTalosVersion,
  KNOWN_TALOS_RELEASES,
  TALOS_VERSION_BOUNDARIES,
} from './talos-versions.js';
export type { TarErrorDetail, TarErrorKind } from './tar/tar-error.js';
export { isTarError, TarError } from './tar/tar-error.js';
export type { TarEntry, TarEntryType } from './tar/tar-reader.js';
export { readTar } from './tar/tar-reader.js';
export type { ValidateExtensionOptions } from './validate-extension.js';
export { checkConstraint, validateExtension } from './validate-extension.js';
