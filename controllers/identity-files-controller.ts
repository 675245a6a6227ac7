// What the IQN and NQN controllers share: they read the machine ID of the local node identity (or nothing yet: they
// wait for cluster.NodeIdentityController) and render /etc files from it. The error texts are upstream's, including
// the "etcfile status" slip.
import { EtcFileSpecResourceType, EtcFileSpecType } from '../resources/etc-file-spec.js';
import { IdentityResourceType, type IdentitySpec, LOCAL_IDENTITY_ID } from '../resources/identity.js';
import {
  type Controller,
  type Input,
  isNotFound,
  newTypedResource,
  type Output,
  type Runtime,
} from '../src/cosi/index.js';
import { ControllerFailure } from './controller-failure.js';
import { convertMachineId } from './identity-adapter.js';
import { isBase62Error } from './identity-base62.js';
import { identityEtcFileSpec } from './node-identity-controller.js';

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

/**
 * A controller that renders EtcFileSpecs (mode 0600, in order) from the local machine ID each time the identity
 * changes: files.IQNController and files.NQNController, two controllers upstream with the same loop.
 */
export abstract class IdentityFilesController implements Controller {
  abstract readonly name: string;

  constructor(private readonly options: { readonly talosVersion: string }) {}

  /** The files for a machine ID: [EtcFileSpec id, contents]. */
  protected abstract files(machineId: string): readonly (readonly [string, string])[];

  inputs(): Input[] {
    return [LOCAL_IDENTITY_INPUT];
  }

  outputs(): Output[] {
    return [{ type: EtcFileSpecResourceType, kind: 'shared' }];
  }

  async run(r: Runtime): Promise<void> {
    const { talosVersion } = this.options;
    while (await r.nextEvent()) {
      const machineId = await localMachineId(r);
      if (machineId === undefined) continue;
      for (const [id, contents] of this.files(machineId)) {
        await r
          .modify(newTypedResource(EtcFileSpecType, id), (res) => {
            res.spec = identityEtcFileSpec(contents, 0o600, talosVersion);
          })
          .catch((err: unknown) => {
            throw ControllerFailure.wrap('state', 'error modifying resource', err);
          });
      }
    }
  }
}
