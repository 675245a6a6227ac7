// files.NQNController (v1.10.0-alpha.1 on, commit 79987c05d): /etc/nvme/hostid and /etc/nvme/hostnqn from the node
// identity, for nvme-cli. QUIRK: the host ID is uuid.FromBytes of the first 16 *characters* of the hex machine ID
// (their ASCII codes), not of the identity's bytes: machine ID `be871ac0d0dd31fa…` gives host ID
// `62653837-3161-6330-6430-646433316661`. Neither file ends in a newline. Input Identity `local` (weak), output
// EtcFileSpec (shared).
import { IdentityFilesController } from './identity-files-controller.js';

export const NVME_HOSTID_FILE = 'nvme/hostid';
export const NVME_HOSTNQN_FILE = 'nvme/hostnqn';

/** uuid.FromBytes(machineID[:16]).String(): the first 16 ASCII characters as the UUID's bytes. */
export function nvmeHostId(machineId: string): string {
  const hex = Buffer.from(machineId.slice(0, 16), 'latin1').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function nvmeHostNqn(hostId: string): string {
  return `nqn.2017-11.dev.talos:uuid:${hostId}`;
}

export class NQNController extends IdentityFilesController {
  readonly name = 'files.NQNController';

  protected files(machineId: string): readonly (readonly [string, string])[] {
    const hostId = nvmeHostId(machineId);
    return [
      [NVME_HOSTID_FILE, hostId],
      [NVME_HOSTNQN_FILE, nvmeHostNqn(hostId)],
    ];
  }
}
