// k8s.NodeLabelSpecController: the labels machined puts on its Kubernetes Node: the machine config's (see
// machine-config-node-keys.ts), then `extensions.talos.dev/<name>=<version>` for every system extension whose
// version is a valid label value (extension keys win). One NodeLabelSpec per key; keys no longer wanted are
// destroyed. Inputs: the active MachineConfig and ExtensionStatus, both weak. From v1.3.0 (extension labels v1.8.0).
import { ExtensionStatusType } from '../resources/extension-status.js';
import { NodeLabelSpecType } from '../resources/node-label-spec.js';
import {
  type Controller,
  type Input,
  type Logger,
  newTypedResource,
  type Output,
  type Runtime,
} from '../src/cosi/index.js';
import { compareGoStrings } from '../src/gofmt/index.js';
import { ACTIVE_MACHINE_CONFIG_INPUT, activeMachineConfig } from './active-machine-config.js';
import { ControllerFailure } from './controller-failure.js';
import { addExtensionNodeKeys } from './extension-node-keys.js';
import { isLabelValue } from './k8s-label-validation.js';
import { machineConfigNodeKeys } from './machine-config-node-keys.js';

export interface NodeKeySpecOptions {
  /** The node's release: which config keys it reads (see machine-config-node-keys.ts). */
  readonly talosVersion: string;
  /** Whether extensions become keys (v1.8.0-alpha.2 on; before, only the config's keys). Default true. */
  readonly extensionKeys?: boolean;
}

export class NodeLabelSpecController implements Controller {
  readonly name = 'k8s.NodeLabelSpecController';

  constructor(private readonly options: NodeKeySpecOptions) {}

  inputs(): Input[] {
    const extensions: Input = { namespace: 'runtime', type: ExtensionStatusType.definition.type, kind: 'weak' };
    return this.options.extensionKeys === false
      ? [ACTIVE_MACHINE_CONFIG_INPUT]
      : [ACTIVE_MACHINE_CONFIG_INPUT, extensions];
  }

  outputs(): Output[] {
    return [{ type: NodeLabelSpecType.definition.type, kind: 'exclusive' }];
  }

  async run(r: Runtime, _logger: Logger): Promise<void> {
    while (await r.nextEvent()) {
      const config = await activeMachineConfig(r).catch((err: unknown) => {
        throw ControllerFailure.wrap('state', 'error getting config', err);
      });
      r.startTrackingOutputs();
      const labels = machineConfigNodeKeys(config, 'labels', this.options.talosVersion);
      if (this.options.extensionKeys !== false) {
        await addExtensionNodeKeys(r, labels, isLabelValue).catch((err: unknown) => {
          throw ControllerFailure.wrap('state', 'error converting extensions to node labels', err);
        });
      }
      // Go ranges over a map (random order); the simulator writes in key order so runs are reproducible
      for (const key of [...labels.keys()].sort(compareGoStrings)) {
        const value = labels.get(key) ?? '';
        await r.modify(newTypedResource(NodeLabelSpecType, key), (res) => {
          res.spec = { key, value };
        });
      }
      await r.cleanupOutputs({ namespace: 'k8s', type: NodeLabelSpecType.definition.type });
    }
  }
}
