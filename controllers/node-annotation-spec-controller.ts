// k8s.NodeAnnotationSpecController: the annotations machined puts on its Kubernetes Node: the machine config's
// `nodeAnnotations` (see machine-config-node-keys.ts), then `extensions.talos.dev/<name>=<version>` for every system
// extension whose version is NOT a valid label value (the schematic's 64-hex id, long versions; extension keys win).
// Inputs: the active MachineConfig and ExtensionStatus, both weak. From v1.8.0-alpha.2.
import { ExtensionStatusType } from '../resources/extension-status.js';
import { NodeAnnotationSpecType } from '../resources/node-annotation-spec.js';
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
import type { NodeKeySpecOptions } from './node-label-spec-controller.js';

export class NodeAnnotationSpecController implements Controller {
  readonly name = 'k8s.NodeAnnotationSpecController';

  constructor(private readonly options: Pick<NodeKeySpecOptions, 'talosVersion'>) {}

  inputs(): Input[] {
    return [
      ACTIVE_MACHINE_CONFIG_INPUT,
      { namespace: 'runtime', type: ExtensionStatusType.definition.type, kind: 'weak' },
    ];
  }

  outputs(): Output[] {
    return [{ type: NodeAnnotationSpecType.definition.type, kind: 'exclusive' }];
  }

  async run(r: Runtime, _logger: Logger): Promise<void> {
    while (await r.nextEvent()) {
      const config = await activeMachineConfig(r).catch((err: unknown) => {
        throw ControllerFailure.wrap('state', 'error getting config', err);
      });
      r.startTrackingOutputs();
      const annotations = machineConfigNodeKeys(config, 'annotations', this.options.talosVersion);
      await addExtensionNodeKeys(r, annotations, (value) => !isLabelValue(value)).catch((err: unknown) => {
        throw ControllerFailure.wrap('state', 'error converting extensions to node annotations', err);
      });
      // Go ranges over a map (random order); the simulator writes in key order so runs are reproducible
      for (const key of [...annotations.keys()].sort(compareGoStrings)) {
        const value = annotations.get(key) ?? '';
        await r.modify(newTypedResource(NodeAnnotationSpecType, key), (res) => {
          res.spec = { key, value };
        });
      }
      await r.cleanupOutputs({ namespace: 'k8s', type: NodeAnnotationSpecType.definition.type });
    }
  }
}
