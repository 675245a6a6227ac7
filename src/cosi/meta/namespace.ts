// The Namespace meta resource (cosi meta.Namespace): namespaces exist as resources in `meta`.
import type { ResourceType } from '../resource/resource-type.js';

export const META_NAMESPACE = 'meta';
export const NamespaceResourceType = 'Namespaces.meta.cosi.dev';

export interface NamespaceSpec {
  description: string;
}

export const NamespaceType: ResourceType<NamespaceSpec> = {
  definition: { type: NamespaceResourceType, defaultNamespace: META_NAMESPACE, aliases: ['ns'] },
  newSpec: () => ({ description: '' }),
};
