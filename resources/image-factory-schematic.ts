// ImageFactorySchematic (runtime namespace, singleton id `image-factory-schematic`): the Image Factory schematic the
// node was built from, read from the `schematic` extension (pkg/machinery/resources/runtime/
// image_factory_schematic.go, commit bb2ac7546: from v1.14.0-alpha.2 only). Not sensitive, no explicit aliases.
import type { ResourceType } from '../src/cosi/index.js';

export const ImageFactorySchematicResourceType = 'ImageFactorySchematics.runtime.talos.dev';
/** runtime.ImageFactorySchematicID */
export const IMAGE_FACTORY_SCHEMATIC_ID = 'image-factory-schematic';

/** runtime.ImageFactorySchematicSpec, Go field order. */
export interface ImageFactorySchematicSpec {
  schematicId: string;
  flavor: string;
  apiUrl: string;
}

export const ImageFactorySchematicType: ResourceType<ImageFactorySchematicSpec> = {
  definition: {
    type: ImageFactorySchematicResourceType,
    defaultNamespace: 'runtime',
    aliases: [],
    printColumns: [
      { name: 'Schematic ID', jsonPath: '{.schematicId}' },
      { name: 'Flavor', jsonPath: '{.flavor}' },
      { name: 'API URL', jsonPath: '{.apiUrl}' },
    ],
  },
  newSpec: () => ({ schematicId: '', flavor: '', apiUrl: '' }),
};
