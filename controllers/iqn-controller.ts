// files.IQNController (v1.10.0-alpha.1 on, commit 79987c05d): /etc/iscsi/initiatorname.iscsi from the node
// identity, the iSCSI initiator name iscsid (iscsi-tools from v1.10) waits for. `2017-11` is the month of Talos's
// first commit. Skipped in container mode upstream; simulated nodes are never containers. Input Identity `local`
// (weak), output EtcFileSpec (shared).
import { IdentityFilesController } from './identity-files-controller.js';

/** The EtcFileSpec id (the path under /etc). */
export const IQN_FILE = 'iscsi/initiatorname.iscsi';

/** The file's contents for a machine ID. */
export function initiatorNameFile(machineId: string): string {
  return `InitiatorName=iqn.2017-11.dev.talos:${machineId}\n`;
}

export class IQNController extends IdentityFilesController {
  readonly name = 'files.IQNController';

  protected files(machineId: string): readonly (readonly [string, string])[] {
    return [[IQN_FILE, initiatorNameFile(machineId)]];
  }
}
