// The machine config's errors live with the machine config; the legacy installer reports them too.
export {
  isMachineConfigError,
  MachineConfigError,
  type MachineConfigErrorKind,
} from '../machine-config/machine-config-error.js';
