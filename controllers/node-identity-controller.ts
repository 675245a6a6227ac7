// cluster.NodeIdentityController: establishes the node identity (Identity `local`) and /etc/machine-id from it.
// Upstream loads the identity from node-identity.yaml on the STATE partition, or generates and saves one on the
// first boot (so it survives reboots and upgrades, and is lost on a wipe), once STATE is mounted. The simulation
// has no STATE partition: the node hands the controller a store that lives as long as the node does, and the
// NodeID is generated from the node's injected random source, so a seeded node always gets the same identity.
// Outputs Identity and EtcFileSpec `machine-id` (mode 0444), both shared.
import { EtcFileSpecResourceType, type EtcFileSpecSpec, EtcFileSpecType } from '../resources/etc-file-spec.js';
import { IdentityType, LOCAL_IDENTITY_ID } from '../resources/identity.js';
import { isTalosAtLeast } from '../resources/talos-release.js';
import {
  type Controller,
  type Input,
  type Logger,
  newTypedResource,
  type Output,
  type Random,
  type Runtime,
} from '../src/cosi/index.js';
import { ControllerFailure } from './controller-failure.js';
import { ETC_SELINUX_LABEL } from './cri-config-parts-controller.js';
import { convertMachineId, generateNodeId } from './identity-adapter.js';

/** The EtcFileSpec id of /etc/machine-id. */
export const MACHINE_ID_FILE = 'machine-id';

/** Where the node keeps its identity between boots (upstream: constants.NodeIdentityFilename on STATE). */
export interface NodeIdentityStore {
  /** The NodeID an earlier boot saved, if any. */
  load(): string | undefined;
  save(nodeId: string): void;
}

/** A store that lives as long as the object does: one per simulated node, kept across its boots. */
export class InMemoryNodeIdentityStore implements NodeIdentityStore {
  #nodeId: string | undefined;

  load(): string | undefined {
    return this.#nodeId;
  }

  save(nodeId: string): void {
    this.#nodeId = nodeId;
  }
}

export interface NodeIdentityControllerOptions {
  readonly store: NodeIdentityStore;
  /** Where a new NodeID's bytes come from. */
  readonly random: Random;
  /** The node's release: EtcFileSpec has `selinux_label` from v1.9.0-alpha.3. */
  readonly talosVersion: string;
}

/** An EtcFileSpec of machined's identity-derived files, with the label the release sets. */
export function identityEtcFileSpec(contents: string, mode: number, talosVersion: string): EtcFileSpecSpec {
  const spec: EtcFileSpecSpec = { contents, mode };
  if (isTalosAtLeast(talosVersion, 'v1.9.0-alpha.3')) spec.selinux_label = ETC_SELINUX_LABEL;
  return spec;
}

export class NodeIdentityController implements Controller {
  readonly name = 'cluster.NodeIdentityController';

  constructor(private readonly options: NodeIdentityControllerOptions) {}

  inputs(): Input[] {
    return [];
  }

  outputs(): Output[] {
    return [
      { type: IdentityType.definition.type, kind: 'shared' },
      { type: EtcFileSpecResourceType, kind: 'shared' },
    ];
  }

  async run(r: Runtime, logger: Logger): Promise<void> {
    const { store, random, talosVersion } = this.options;
    let established = false;
    while (await r.nextEvent()) {
      if (established) continue;
      // controllers.LoadOrNewFromFile
      let nodeId = store.load();
      if (nodeId === undefined) {
        nodeId = generateNodeId(random);
        store.save(nodeId);
      }
      const machineId = convertMachineId(nodeId);
      const id = nodeId;
      await r
        .modify(newTypedResource(IdentityType, LOCAL_IDENTITY_ID), (res) => {
          res.spec = { nodeId: id };
        })
        .catch((err: unknown) => {
          throw ControllerFailure.wrap('state', 'error modifying resource', err);
        });
      // generate /etc/machine-id from the node identity
      await r
        .modify(newTypedResource(EtcFileSpecType, MACHINE_ID_FILE), (res) => {
          res.spec = identityEtcFileSpec(machineId, 0o444, talosVersion);
        })
        .catch((err: unknown) => {
          throw ControllerFailure.wrap('state', 'error modifying machine-id', err);
        });
      logger.log('info', 'node identity established', { node_id: nodeId });
      established = true;
      r.resetRestartBackoff();
    }
  }
}
