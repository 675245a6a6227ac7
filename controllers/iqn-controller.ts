// files.IQNController (v1.10.0-alpha.1 on, commit 79987c05d): /etc/iscsi/initiatorname.iscsi from the node
// identity, the iSCSI initiator name iscsid (iscsi-tools from v1.10) waits for. `2017-11` is the month of Talos's
// first commit. Skipped in container mode upstream; simulated nodes are never containers. Input Identity `local`
// (weak), output EtcFileSpec (shared).
import { EtcFileSpecResourceType, EtcFileSpecType } from '../resources/etc-file-spec.js';
import { type Controller, type Input, newTypedResource, type Output, type Runtime } from '../src/cosi/index.js';
import { ControllerFailure } from './controller-failure.js';
import { LOCAL_IDENTITY_INPUT, localMachineId } from './local-identity-machine-id.js';
import { identityEtcFileSpec } from './node-identity-controller.js';

/** The EtcFileSpec id (the path under /etc). */
export const IQN_FILE = 'iscsi/initiatorname.iscsi';

/** The file's contents for a machine ID. */
export function initiatorNameFile(machineId: string): string {
  return `InitiatorName=iqn.2017-11.dev.talos:${machineId}\n`;
}

export class IQNController implements Controller {
  readonly name = 'files.IQNController';

  constructor(private readonly options: { readonly talosVersion: string }) {}

  inputs(): Input[] {
    return [LOCAL_IDENTITY_INPUT];
  }

  outputs(): Output[] {
    return [{ type: EtcFileSpecResourceType, kind: 'shared' }];
  }

  async run(r: Runtime): Promise<void> {
    while (await r.nextEvent()) {
      const machineId = await localMachineId(r);
      if (machineId === undefined) continue;
      const spec = identityEtcFileSpec(initiatorNameFile(machineId), 0o600, this.options.talosVersion);
      await r
        .modify(newTypedResource(EtcFileSpecType, IQN_FILE), (res) => {
          res.spec = spec;
        })
        .catch((err: unknown) => {
          throw ControllerFailure.wrap('state', 'error modifying resource', err);
        });
    }
  }
}
