// What machined's ApplyConfiguration answers (internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go):
// the config is loaded, refused without its v1alpha1 document (v1.10.1 on), validated, and applied without a reboot
// (talos-sim models the no-reboot outcome of the default AUTO mode). The answer carries the mode details and, from
// v1.5, the validation warnings.
import {
  compareTalos,
  type MachineConfig,
  MachineConfigError,
  v1alpha1Document,
  validateMachineConfig,
} from '../machine-config/index.js';

/** machined's answer to an accepted config. */
export interface ApplyConfigResult {
  /** `Applied configuration without a reboot` (lower-case `applied` on Talos v1.0). */
  readonly modeDetails: string;
  /** Validation warnings (`use "worker" instead of "" for machine type`); Talos returns them from v1.5. */
  readonly warnings: readonly string[];
}

/** Checks a config as machined does before applying it: a MachineConfigError with the node's text, or its answer. */
export function acceptMachineConfig(
  config: MachineConfig,
  talosVersion: string,
  configured: boolean,
): ApplyConfigResult {
  const since = (tag: string): boolean => compareTalos(talosVersion, tag) >= 0;
  // back-ported to v1.10.1; v1.11.0-alpha.0 was tagged before it
  if (configured && since('v1.10.1') && talosVersion !== 'v1.11.0-alpha.0' && v1alpha1Document(config) === undefined) {
    throw MachineConfigError.load(
      "the applied machine configuration doesn't contain v1alpha1 config, did you mean to patch the machine config instead?",
    );
  }
  const { errors, warnings } = validateMachineConfig(config, talosVersion);
  if (errors.length > 0) throw MachineConfigError.validation(errors, warnings);
  return {
    modeDetails: since('v1.1.0-alpha.1')
      ? 'Applied configuration without a reboot'
      : 'applied configuration without a reboot',
    warnings: since('v1.5.0-beta.0') ? warnings : [],
  };
}
