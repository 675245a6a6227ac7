// A resource is metadata plus an opaque spec (cosi resource.Resource). Tombstones carry only
// metadata and stand for "this resource is gone" in watch events.
import { Metadata } from './metadata.js';
import type { Pointer } from './pointer.js';
import { cloneSpec, specEqual } from './spec-data.js';

export interface Resource<S = unknown> {
  readonly metadata: Metadata;
  spec: S;
}

/** A resource reduced to its metadata (namespace/type/id/version); its spec is undefined. */
export class Tombstone implements Resource<undefined> {
  readonly metadata: Metadata;
  readonly spec = undefined;
  constructor(pointer: Pointer, version?: number) {
    this.metadata = new Metadata({ namespace: pointer.namespace, type: pointer.type, id: pointer.id, version });
  }
}

export function isTombstone(r: Resource): r is Tombstone {
  return r instanceof Tombstone;
}

/** A new resource with undefined version; what controllers pass to Modify/Create. */
export function newResource<S>(namespace: string, type: string, id: string, spec: S): Resource<S> {
  return { metadata: new Metadata({ namespace, type, id }), spec };
}

/** A copy sharing nothing with the original (cosi DeepCopy). */
export function deepCopy<S>(r: Resource<S>): Resource<S> {
  if (r instanceof Tombstone) return r;
  return { metadata: r.metadata.copy(), spec: cloneSpec(r.spec) };
}

/** cosi resource.Equal: metadata equality and spec equality. */
export function resourceEqual(a: Resource, b: Resource): boolean {
  return a.metadata.equal(b.metadata) && specEqual(a.spec, b.spec);
}
