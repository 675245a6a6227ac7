// Image Factory schematics (siderolabs/image-factory pkg/schematic) and the virtual `schematic` extension built from
// one (internal/artifacts/schematic.go): the ID is the sha256 of the schematic as go-yaml marshals it, and the
// extension's rootfs holds only the empty file `/usr/local/share/schematic/<id>`.
import { createHash } from 'node:crypto';
import { directoryNode, FsTree, fileNode } from '../extensions/index.js';
import { marshal } from '../goyaml/index.js';
import { metadataMapping } from './extensions-config.js';

/** The parts of a schematic talos-sim models (fields in image-factory's struct order). */
export interface Schematic {
  readonly customization?: {
    readonly extraKernelArgs?: readonly string[];
    readonly systemExtensions?: {
      /** Official extension names as Image Factory lists them: `siderolabs/gvisor`. */
      readonly officialExtensions?: readonly string[];
    };
  };
}

export const DEFAULT_IMAGE_FACTORY_URL = 'https://factory.talos.dev';

/** The schematic as image-factory's `Marshal` writes it (`yaml.Marshal`, omitempty fields left out). */
export function marshalSchematic(schematic: Schematic): string {
  const c = schematic.customization ?? {};
  const customization: Record<string, unknown> = {};
  if ((c.extraKernelArgs ?? []).length > 0) customization.extraKernelArgs = c.extraKernelArgs ?? [];
  const official = c.systemExtensions?.officialExtensions ?? [];
  if (official.length > 0) customization.systemExtensions = { officialExtensions: official };
  return marshal({ customization }, 'rc6');
}

/** The schematic ID: hex sha256 of the marshalled schematic. */
export function schematicId(schematic: Schematic): string {
  return createHash('sha256').update(marshalSchematic(schematic)).digest('hex');
}

export interface SchematicExtensionOptions {
  /** The Image Factory's external URL, shown in the author. Default `https://factory.talos.dev`. */
  readonly baseUrl?: string;
  /** The enterprise build names itself `Image Factory Enterprise`. Default false. */
  readonly enterprise?: boolean;
  /** Whether the schematic goes into `extraInfo` (Talos ≥ v1.7, image-factory's SupportsOverlay quirk). */
  readonly extraInfo: boolean;
}

/** The virtual extension image Image Factory appends to a schematic's extensions. */
export function schematicExtensionImage(schematic: Schematic, options: SchematicExtensionOptions): FsTree {
  const id = schematicId(schematic);
  const factory = options.enterprise === true ? 'Image Factory Enterprise' : 'Image Factory';
  const metadata = metadataMapping({
    name: 'schematic',
    version: id,
    author: `${factory} (${options.baseUrl ?? DEFAULT_IMAGE_FACTORY_URL})`,
    description: 'Virtual extension which specifies the schematic of the image built with schematic.',
    compatibility: { talos: { version: '>= 1.0.0' } },
    extraInfo: options.extraInfo ? marshalSchematic(schematic) : '',
  });
  const manifest = marshal({ version: 'v1alpha1', metadata }, 'rc6');
  const image = new FsTree();
  image.put('manifest.yaml', fileNode(manifest));
  for (const dir of [
    'rootfs',
    'rootfs/usr',
    'rootfs/usr/local',
    'rootfs/usr/local/share',
    'rootfs/usr/local/share/schematic',
  ]) {
    image.put(dir, directoryNode({ mode: 0o755 }));
  }
  image.put(`rootfs/usr/local/share/schematic/${id}`, fileNode(''));
  return image;
}
