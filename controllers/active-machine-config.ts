// The MachineConfig resource in force (config namespace, id `v1alpha1`) as controllers take it: a weak input on that
// one id, and a read that treats "not found" as "no config yet" (safe.ReaderGetByID + state.IsNotFoundError).
import {
  ACTIVE_MACHINE_CONFIG_ID,
  MachineConfigResourceType,
  type MachineConfigSpec,
} from '../resources/machine-config.js';
import { type Input, isNotFound, type Runtime } from '../src/cosi/index.js';

export const ACTIVE_MACHINE_CONFIG_INPUT: Input = {
  namespace: 'config',
  type: MachineConfigResourceType,
  id: ACTIVE_MACHINE_CONFIG_ID,
  kind: 'weak',
};

/** The active config's spec, or undefined when none has been applied. Other read errors are thrown. */
export async function activeMachineConfig(r: Runtime): Promise<MachineConfigSpec | undefined> {
  try {
    const res = await r.get({ namespace: 'config', type: MachineConfigResourceType, id: ACTIVE_MACHINE_CONFIG_ID });
    return res.spec as MachineConfigSpec;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
