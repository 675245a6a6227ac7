// src/machine-config: the machine config a node runs with: its documents, loading and validation.

export { compareTalos } from './compare-talos.js';
export { installExtensionImages } from './install-extension-images.js';
export {
  documentsOfKind,
  type KindDocument,
  type MachineConfig,
  type MachineConfigDocument,
  type V1Alpha1Document,
  v1alpha1Document,
} from './machine-config.js';
export { isMachineConfigError, MachineConfigError, type MachineConfigErrorKind } from './machine-config-error.js';
export {
  MAX_MACHINE_CONFIG_BYTES,
  type ParseMachineConfigOptions,
  parseMachineConfig,
} from './parse-machine-config.js';
export {
  type MachineConfigValidation,
  type ValidateMachineConfigOptions,
  validateMachineConfig,
} from './validate-machine-config.js';
