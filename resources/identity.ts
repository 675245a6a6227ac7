// Identity (cluster namespace, id `local`): the node's identity as a member of the cluster, a random NodeID that
// machined keeps on the STATE partition (pkg/machinery/resources/cluster/identity.go, unchanged from v1.0.0 to
// v1.14.0-rc.1): one print column, no explicit aliases, never sensitive.
import type { ResourceType } from '../src/cosi/index.js';

export const IdentityResourceType = 'Identities.cluster.talos.dev';
/** cluster.LocalIdentity */
export const LOCAL_IDENTITY_ID = 'local';

/** cluster.IdentitySpec: `nodeId` is base62 (jxskiss/base62) of 32 random bytes. */
export interface IdentitySpec {
  nodeId: string;
}

export const IdentityType: ResourceType<IdentitySpec> = {
  definition: {
    type: IdentityResourceType,
    defaultNamespace: 'cluster',
    aliases: [],
    printColumns: [{ name: 'ID', jsonPath: '{.nodeId}' }],
  },
  newSpec: () => ({ nodeId: '' }),
};
