// The checks machined's resource API makes before it touches the state (Talos's access filter and the gRPC server's
// argument checks), with their statuses: the API applies them to the node's state, a cluster snapshot to what it
// kept, so both refuse a request in the same words.
import { type StateVerb, StatusError } from '../cosi/api/status-error.js';
import type { ResourceDefinitionSpec } from '../cosi/resource/resource-definition.js';

/** Talos roles the API checks; os:admin may write and read sensitive types. */
export type TalosRole = 'os:admin' | 'os:operator' | 'os:reader';

/** The gRPC API receives strings: anything else from a JavaScript caller is an invalid argument, not a TypeError. */
export function argumentError(namespace: unknown, type: unknown): StatusError | undefined {
  for (const [name, value] of [
    ['namespace', namespace],
    ['type', type],
  ] as const) {
    if (typeof value !== 'string' || value === '') {
      return new StatusError('InvalidArgument', `${name} must be a non-empty string`);
    }
  }
  return undefined;
}

/**
 * Why a request for `type` in `namespace` is refused, if it is: the type must be registered (`definition`, found by
 * its RD id), writes and sensitive types need os:admin, and the namespace must exist.
 */
export function accessError(
  request: { readonly namespace: string; readonly type: string; readonly verb: StateVerb },
  role: TalosRole,
  definition: ResourceDefinitionSpec | undefined,
  namespaceExists: boolean,
): StatusError | undefined {
  if (definition === undefined) {
    return new StatusError('PermissionDenied', `resource type "${request.type}" is not supported`);
  }
  const readOnly = request.verb === 'get' || request.verb === 'list' || request.verb === 'watch';
  if (!readOnly && role !== 'os:admin')
    return new StatusError('PermissionDenied', 'write access requires os:admin role');
  if (definition.sensitivity === 'sensitive' && role !== 'os:admin') {
    return new StatusError('PermissionDenied', 'not authorized');
  }
  if (!namespaceExists) return new StatusError('PermissionDenied', `namespace "${request.namespace}" is not supported`);
  return undefined;
}
