// What the IQN and NQN controllers read first: the machine ID of the local node identity, or nothing yet (they wait
// for cluster.NodeIdentityController). The error texts are upstream's, including the "etcfile status" slip.
import { IdentityResourceType, type IdentitySpec, LOCAL_IDENTITY_ID } from '../resources/identity.js';
import { isNotFound, type Runtime } from '../src/cosi/index.js';
import { ControllerFailure } from './controller-failure.js';
import { convertMachineId } from './identity-adapter.js';
import { isBase62Error } from './identity-base62.js';

/** The Identity input the IQN and NQN controllers watch (weak, the `local` resource only). */
export const LOCAL_IDENTITY_INPUT = {
  namespace: 'cluster',
  type: IdentityResourceType,
  id: LOCAL_IDENTITY_ID,
  kind: 'weak',
} as const;

/** The 32 hex characters of /etc/machine-id, or undefined while there is no local identity. */
export async function localMachineId(r: Runtime): Promise<string | undefined> {
  let nodeId: string;
  try {
    const res = await r.get({ namespace: 'cluster', type: IdentityResourceType, id: LOCAL_IDENTITY_ID });
    nodeId = (res.spec as IdentitySpec).nodeId;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw ControllerFailure.wrap('state', 'failed to get machine-id etcfile status', err);
  }
  try {
    return convertMachineId(nodeId);
  } catch (err) {
    if (!isBase62Error(err)) throw err;
    throw ControllerFailure.wrap('identity', 'failed to convert identity to machine ID', err);
  }
}
