// cosi's namespace and resource registries: they put Namespace and ResourceDefinition resources
// into the state (owner `meta`), so definitions are read through the same path as any resource.
import {
  fillResourceDefinition,
  type ResourceDefinitionSpec,
  resourceDefinitionId,
} from '../resource/resource-definition.js';
import { newTypedResource, type ResourceType } from '../resource/resource-type.js';
import type { State } from '../state/state.js';
import { META_NAMESPACE, NamespaceType } from './namespace.js';
import { ResourceDefinitionType } from './resource-definition-type.js';

/** The owner cosi gives meta resources. */
export const META_OWNER = 'meta';

/** Filled definitions by input: every node of a fleet registers the same types (the state copies what it stores). */
const filled = new WeakMap<object, ResourceDefinitionSpec>();

export class ResourceRegistry {
  constructor(private readonly state: State) {}

  /** Registers Namespace and ResourceDefinition themselves, and the `meta` namespace (cosi RegisterDefault). */
  async registerDefaults(): Promise<void> {
    await this.registerType(NamespaceType);
    await this.registerType(ResourceDefinitionType);
    await this.registerNamespace(
      META_NAMESPACE,
      'Metadata namespace which contains resource and namespace definitions.',
    );
  }

  async registerNamespace(name: string, description: string): Promise<void> {
    const ns = newTypedResource(NamespaceType, name);
    ns.spec.description = description;
    await this.state.create(ns, { owner: META_OWNER });
  }

  /** Validates the type's definition (ResourceDefinitionError) and stores it. */
  async registerType(type: ResourceType<unknown>): Promise<ResourceDefinitionSpec> {
    let spec = filled.get(type.definition);
    if (spec === undefined) {
      spec = fillResourceDefinition(type.definition);
      filled.set(type.definition, spec);
    }
    const rd = newTypedResource(ResourceDefinitionType, resourceDefinitionId(spec.type));
    rd.spec = spec;
    await this.state.create(rd, { owner: META_OWNER });
    return spec;
  }
}
