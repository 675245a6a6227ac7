// Talos resource types the simulated node registers.
import type { ResourceType } from '../src/cosi/index.js';
import { ExtensionStatusType } from './extension-status.js';
import { MachineConfigType } from './machine-config.js';

export {
  type ExtensionMetadata,
  ExtensionStatusResourceType,
  type ExtensionStatusSpec,
  ExtensionStatusType,
} from './extension-status.js';
export {
  ACTIVE_MACHINE_CONFIG_ID,
  MachineConfigResourceType,
  type MachineConfigSpec,
  MachineConfigType,
  publishMachineConfig,
} from './machine-config.js';
export { TALOS_NAMESPACES } from './talos-namespaces.js';

/** Every Talos type the node registers as a ResourceDefinition, in registration order. */
export const TALOS_RESOURCE_TYPES: readonly ResourceType<unknown>[] = [
  ExtensionStatusType as ResourceType<unknown>,
  MachineConfigType as ResourceType<unknown>,
];
