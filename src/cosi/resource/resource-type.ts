// A typed resource kind: its definition plus the zero value of its spec. The store stays
// untyped; these descriptors give typed edges (cosi's typed.Resource and safe helpers).
import { newResource, type Resource } from './resource.js';
import type { ResourceDefinitionInput } from './resource-definition.js';

export interface ResourceType<S> {
  readonly definition: ResourceDefinitionInput;
  /** The spec a freshly constructed resource carries (Go's zero value of the spec struct). */
  newSpec(): S;
  /**
   * The resource as the API hands it to clients, when that differs from what the state stores (a Go spec's own
   * MarshalYAML, an annotation its constructor sets). Printers apply it; controllers read the stored form.
   * It returns a new resource and leaves the given one untouched.
   */
  served?(resource: Resource<S>): Resource<unknown>;
}

/** A new resource of this type with version undefined, in the type's default namespace unless given. */
export function newTypedResource<S>(type: ResourceType<S>, id: string, namespace?: string): Resource<S> {
  return newResource(namespace ?? type.definition.defaultNamespace, type.definition.type, id, type.newSpec());
}

/** Narrows a resource read from the store to a type, checking its canonical type (cosi safe's type check). */
export function asTyped<S>(type: ResourceType<S>, resource: Resource): Resource<S> {
  if (resource.metadata.type !== type.definition.type) {
    throw new TypeError(`type mismatch: expected ${type.definition.type}, got ${resource.metadata.type}`);
  }
  return resource as Resource<S>;
}
