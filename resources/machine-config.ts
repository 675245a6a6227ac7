// MachineConfig (config namespace, id `v1alpha1`): the machine config in force, published at boot and replaced by
// apply-config, so controllers take it as an input (ExtensionServiceConfig, node labels…). Sensitive, no explicit
// aliases (`machineconfig` and `mc` are automatic), as pkg/machinery/resources/config/machine_config.go defines it.
import { newTypedResource, type ResourceType, type State } from '../src/cosi/index.js';
import type { MachineConfig, MachineConfigDocument } from '../src/machine-config/index.js';

export const MachineConfigResourceType = 'MachineConfigs.config.talos.dev';
/** The id of the config in force (config.ActiveID). */
export const ACTIVE_MACHINE_CONFIG_ID = 'v1alpha1';

export interface MachineConfigSpec {
  /** The config as applied. */
  text: string;
  documents: MachineConfigDocument[];
}

export const MachineConfigType: ResourceType<MachineConfigSpec> = {
  definition: {
    type: MachineConfigResourceType,
    defaultNamespace: 'config',
    aliases: [],
    sensitivity: 'sensitive',
  },
  newSpec: () => ({ text: '', documents: [] }),
};

/** Creates or replaces the active MachineConfig resource (unowned, as machined writes it outside any controller). */
export async function publishMachineConfig(state: State, config: MachineConfig): Promise<void> {
  const documents = structuredClone([...config.documents]);
  await state.modify(newTypedResource(MachineConfigType, ACTIVE_MACHINE_CONFIG_ID), (r) => {
    r.spec = { text: config.text, documents };
  });
}
