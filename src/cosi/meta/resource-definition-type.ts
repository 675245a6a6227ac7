// The ResourceDefinition meta resource (cosi meta.ResourceDefinition): every registered type is
// itself a resource in `meta`, id = the lower-cased canonical type, printed with its aliases.
import type { ResourceDefinitionSpec } from '../resource/resource-definition.js';
import type { ResourceType } from '../resource/resource-type.js';
import { META_NAMESPACE } from './namespace.js';

export const ResourceDefinitionResourceType = 'ResourceDefinitions.meta.cosi.dev';

export const ResourceDefinitionType: ResourceType<ResourceDefinitionSpec> = {
  definition: {
    type: ResourceDefinitionResourceType,
    defaultNamespace: META_NAMESPACE,
    aliases: ['api-resources'],
    printColumns: [{ name: 'Aliases', jsonPath: '{.aliases[:]}' }],
  },
  newSpec: () => ({ type: '', displayType: '', defaultNamespace: '', aliases: [], allAliases: [], printColumns: [] }),
};
