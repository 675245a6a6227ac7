// Image Factory's build of a schematic (siderolabs/image-factory internal/profile `EnhanceFromSchematic`): each
// official extension the schematic names is looked up in the release's extensions index by repository path
// (`siderolabs/gvisor`), trying the renamed-extension aliases when the exact name is missing, and pulled pinned;
// the virtual `schematic` extension comes last.
import {
  createDefaultCatalog,
  type ExtensionsCatalog,
  isRegistryError,
  parseImageReference,
  resolveTalosVersion,
} from '../extensions/index.js';
import type { BootAsset } from './boot-asset.js';
import { type BuildBootAssetOptions, buildBootAsset } from './build-boot-asset.js';
import { ImagerError } from './imager-error.js';
import type { Schematic } from './schematic.js';

/** Image Factory's `ExtensionNameAlias`, tried only when a name is not in the index. */
const ALIASES: Readonly<Record<string, string>> = {
  'siderolabs/v4l-uvc': 'siderolabs/v4l-uvc-drivers',
  'siderolabs/usb-modem': 'siderolabs/usb-modem-drivers',
  'siderolabs/gasket': 'siderolabs/gasket-driver',
  'siderolabs/talos-vmtoolsd': 'siderolabs/vmtoolsd-guest-agent',
  'siderolabs/xe-guest-utilities': 'siderolabs/xen-guest-agent',
  'siderolabs/nvidia-container-toolkit': 'siderolabs/nvidia-container-toolkit-lts',
  'siderolabs/nvidia-open-gpu-kernel-modules': 'siderolabs/nvidia-open-gpu-kernel-modules-lts',
  'siderolabs/nonfree-kmod-nvidia': 'siderolabs/nonfree-kmod-nvidia-lts',
  // upstream's target has a hyphen the real image lacks, so this alias never matches
  'siderolabs/nvidia-fabricmanager': 'siderolabs/nvidia-fabric-manager-lts',
  'siderolabs/i915-ucode': 'siderolabs/i915',
  'siderolabs/amdgpu-firmware': 'siderolabs/amdgpu',
};

/**
 * The pinned references of a schematic's official extensions for a Talos release, in schematic order.
 * Throws ImagerError `official-extensions` (no index) or `official-extension-unavailable`.
 */
export function resolveOfficialExtensions(
  schematic: Schematic,
  talosVersion: string,
  catalog: ExtensionsCatalog,
): string[] {
  return findOfficialExtensions(schematic, talosVersion, (version) => catalog.entries(version)).map((e) => e.pinned);
}

/**
 * What `resolveOfficialExtensions` picks, by tagged reference, and whether the catalog's own seed decides it (see
 * ExtensionsCatalog.references): what a cache key needs, without building the release's index when the seed does.
 * Throws as resolveOfficialExtensions.
 */
export function officialExtensionReferences(
  schematic: Schematic,
  talosVersion: string,
  catalog: ExtensionsCatalog,
): { readonly references: string[]; readonly seeded: boolean } {
  let seeded = false;
  const found = findOfficialExtensions(schematic, talosVersion, (version) => {
    const listed = catalog.references(version);
    seeded = listed.seeded;
    return listed.references.map((reference) => ({ reference }));
  });
  return { references: found.map((e) => e.reference), seeded };
}

/** Image Factory's lookup of each official extension in a release's index, on the entries `list` gives. */
function findOfficialExtensions<E extends { readonly reference: string }>(
  schematic: Schematic,
  talosVersion: string,
  list: (version: string) => E[],
): E[] {
  const version = resolveTalosVersion(talosVersion).version;
  const names = schematic.customization?.systemExtensions?.officialExtensions ?? [];
  if (names.length === 0) return [];
  let entries: E[];
  try {
    entries = list(version);
  } catch (err) {
    if (isRegistryError(err)) throw new ImagerError({ kind: 'official-extensions', cause: err });
    throw err;
  }
  const find = (name: string) => entries.find((e) => parseImageReference(e.reference).path === name);
  return names.map((name) => {
    const entry = find(name) ?? (ALIASES[name] === undefined ? undefined : find(ALIASES[name]));
    if (entry === undefined) throw new ImagerError({ kind: 'official-extension-unavailable', name, version });
    return entry;
  });
}

export interface FactoryBootAssetOptions
  extends Omit<BuildBootAssetOptions, 'extensions' | 'imageFactory' | 'registry'> {
  readonly schematic: Schematic;
  /** Where official extensions are looked up and pulled from. Default: a fresh createDefaultCatalog(). */
  readonly catalog?: ExtensionsCatalog;
  /** The factory's external URL. Default `https://factory.talos.dev`. */
  readonly baseUrl?: string;
  /** Enterprise build. Default false. */
  readonly enterprise?: boolean;
}

/** Builds the boot asset Image Factory serves for a schematic and Talos release. Throws ImagerError. */
export async function buildFactoryBootAsset(options: FactoryBootAssetOptions): Promise<BootAsset> {
  const { schematic, catalog: given, baseUrl, enterprise, ...rest } = options;
  const catalog = given ?? createDefaultCatalog();
  const extensions = resolveOfficialExtensions(schematic, options.talosVersion, catalog);
  return buildBootAsset({
    ...rest,
    extensions,
    registry: catalog.registry,
    imageFactory: {
      schematic,
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(enterprise === undefined ? {} : { enterprise }),
    },
  });
}
